"""A per-user cache folder that another user cannot plant files in, or no cache at all.

Anything read back from the cache may be a pickle (lark's LALR tables), and unpickling runs code,
so a cache is only trusted when nobody but the user can have written it:

- the folder is ``$XDG_CACHE_HOME/checker`` or ``$HOME/.cache/checker`` (absolute paths only: a
  relative or unset HOME never puts a cache in the current folder), created mode 0700;
- the folder and every file read from it are checked with ``lstat``/``fstat``: not a symlink,
  owned by the effective user, not writable by group or others;
- files are opened with ``O_NOFOLLOW`` and written through a temporary file in the same folder
  and ``os.replace`` (which replaces a planted symlink instead of following it).

There is no fallback: when the user's folder fails a check the caller builds without a cache
(never a fixed folder in the shared temp directory).
"""

from __future__ import annotations

import os
import stat
import tempfile

_APP = "checker"


def _trusted(st: os.stat_result, kind: int) -> bool:
    """True when ``st`` is of file type ``kind``, owned by us and not group/other-writable."""
    return (stat.S_IFMT(st.st_mode) == kind and st.st_uid == os.geteuid()
            and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH))


def _base() -> str | None:
    """The user's cache root, or None when no absolute one is known (XDG base-directory spec:
    a relative ``XDG_CACHE_HOME`` is ignored)."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return xdg
    home = os.environ.get("HOME", "")
    return os.path.join(home, ".cache") if os.path.isabs(home) else None


def cache_dir() -> str | None:
    """The verified per-user cache folder (created 0700 when missing), or None when it cannot be
    made or fails a check (a symlink, another owner, group/other-writable). Never raises."""
    base = _base()
    if base is None:
        return None
    folder = os.path.join(base, _APP)
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        if _trusted(os.lstat(folder), stat.S_IFDIR):
            return folder
    except OSError:
        pass
    return None


def folder_trusted(folder: str) -> bool:
    """True when ``folder`` is a real folder (no symlink) of ours, not group/other-writable."""
    try:
        return _trusted(os.lstat(folder), stat.S_IFDIR)
    except OSError:
        return False


def read_trusted(path: str) -> bytes | None:
    """The bytes of the cache file ``path``, or None when it is missing or not trustworthy (its
    folder or itself a symlink, another owner, group/other-writable, not a regular file)."""
    if not folder_trusted(os.path.dirname(path) or "."):
        return None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        if not _trusted(os.fstat(fd), stat.S_IFREG):
            return None
        return f.read()


def write_atomic(path: str, data: bytes) -> bool:
    """Write ``data`` to ``path`` through a private temporary file and ``os.replace``, only into a
    trusted folder. Returns False (and leaves nothing behind) on any failure."""
    folder = os.path.dirname(path) or "."
    if not folder_trusted(folder):
        return False
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")  # O_EXCL, mode 0600
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        return True
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False
