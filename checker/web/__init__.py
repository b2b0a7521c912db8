"""``checker serve``: a web page for filers and a JSON API (optional extra ``checker[web]``).

``create_app(limit=…)`` builds the Starlette application (checker/web/app.py); the page draws
each form as its cells with every finding marked on its cell (view.py); uploads are held in
memory (upload.py) and checked by the CLI's pipeline (run.py).
"""

from __future__ import annotations


def create_app(*args, **kwargs):
    """See checker.web.app.create_app (imported lazily: Starlette is an optional extra)."""
    from checker.web.app import create_app as make

    return make(*args, **kwargs)
