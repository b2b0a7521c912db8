"""Running the app in a thread of this process on a free loopback port: for the browser tests,
the screenshot script and benchmarks/web.py (``checker serve`` itself runs uvicorn directly)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running(limit: int | None = None, start_timeout: float = 20) -> Iterator[str]:
    """Serve ``create_app(limit)`` on 127.0.0.1 and a free port; yields the base URL
    (``http://127.0.0.1:PORT``) and always stops the server on exit. Raises RuntimeError when
    it does not start within ``start_timeout`` seconds."""
    import uvicorn

    from checker.web.app import DEFAULT_LIMIT, create_app

    port = free_port()
    config = uvicorn.Config(create_app(limit=limit or DEFAULT_LIMIT), host="127.0.0.1", port=port,
                            log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + start_timeout
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("checker serve did not start")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def chromium_path() -> str | None:
    """Debian's Chromium (or CHECKER_CHROMIUM), for Playwright's ``executable_path``; None when absent."""
    import os
    import shutil
    from pathlib import Path

    for candidate in (os.environ.get("CHECKER_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


# A drop as a person makes it: a File in a DataTransfer, dispatched on the drop zone.
DROP_JS = """([name, b64]) => {
  const bin = atob(b64); const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
  const dt = new DataTransfer(); dt.items.add(new File([bytes], name)); return dt;
}"""


def drop(page, name: str, data: bytes, timeout_ms: int = 60_000) -> None:
    """Drop one file on the page's drop zone (a Playwright Page) and wait for its result."""
    import base64

    old = page.query_selector("#result")
    transfer = page.evaluate_handle(DROP_JS, [name, base64.b64encode(data).decode("ascii")])
    page.dispatch_event("#drop", "drop", {"dataTransfer": transfer})
    if old is not None:
        old.wait_for_element_state("hidden")
    page.wait_for_selector("#result #verdict", timeout=timeout_ms)
