"""A lark LALR parser loaded from lark's own cache format in the user's verified cache folder.

lark's cache is a pickle, and unpickling runs code, so it is read only through
checker/usercache.py (a folder and file of the user's own, no symlink, not group/other-writable)
and only when its first line names the same grammar text, options and lark version; it is
written through a temporary file and ``os.replace``. Any failure builds the parser from the
grammar instead. The indicator grammar (checker/values/parser.py), the formula grammar and the
narrative grammar (checker/values/narrative.py) load through here.
"""

from __future__ import annotations

import hashlib
import io
import os

from checker import usercache


def cached_lark(name: str, text: str, **options):
    """A ``lark.Lark(text, **options)`` (LALR), from the cache file ``NAME.lark.cache`` when that
    was built from the same text, options and lark version, else built and cached. Never raises
    for a cache problem; raises lark's GrammarError for a bad grammar."""
    from lark import Lark

    folder = usercache.cache_dir()
    if folder is None:
        return Lark(text, **options)
    return load_or_build(os.path.join(folder, f"{name}.lark.cache"), text, options)


def load_or_build(path: str, text: str, options: dict, transformer=None):
    """The parser of ``text`` with ``options`` (and ``transformer``, given at load time: lark
    saves none) from the cache file ``path`` when its header names the same text, options and
    lark version; else built from the grammar and the file (re)written atomically."""
    from lark import Lark, __version__ as lark_version

    digest = hashlib.sha256(f"{lark_version}\0{sorted(options.items())}\0{text}".encode()).hexdigest()
    header = f"checker-lark-cache {digest}\n".encode()
    data = usercache.read_trusted(path)
    if data is not None and data.startswith(header):
        try:  # lark's own loader (what its cache= uses)
            return Lark.__new__(Lark)._load(io.BytesIO(data[len(header):]), transformer=transformer)
        except Exception:  # noqa: BLE001 - a damaged cache of our own: rebuild below
            pass
    buf = io.BytesIO()
    Lark(text, **options).save(buf)
    usercache.write_atomic(path, header + buf.getvalue())
    return Lark.__new__(Lark)._load(io.BytesIO(buf.getvalue()), transformer=transformer)
