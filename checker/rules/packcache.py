"""The validated rule pack, cached as plain JSON in the user's own cache folder.

Building a pack reads and schema-checks every rule file, its examples and the data tables
(rules/taxonomy.yaml, codes.yaml, …): most of a one-file check's time. The result is plain data
(strings, numbers, dates, Decimals), so it is written once as JSON and read back on the next run
without the YAML loader, jsonschema or any pickle (JSON runs no code on load).

An entry is valid only for the exact bytes it was built from. Its key is a SHA-256 over

- the checker version, the Python version and the size and mtime of every checker/*.py module
  (the validating code: a changed schema or kind must not trust a pack it did not check);
- every file under rules/ and grammar/ (names and bytes: a new, removed or edited rule file);
- every file the build read outside those folders (a ``--profile PATH``, what it ``extends``, the
  rule files it adds) and the listing of their folders, recorded in the entry when it is written.

A cache that is missing, stale, unreadable, corrupt, of another format, or in a folder that fails
checker/usercache.py's checks is ignored and the pack is built and validated as before; an entry
is written through a temporary file and ``os.replace``, so two processes writing at once leave
one whole entry (never half of each). ``checker rules validate`` and ``rules test`` never read it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from checker import __version__, usercache
from checker.resources import grammar_dir, rules_dir

FORMAT = "checker-pack-cache 1"

# The data tables the layout and the value kinds read beside the pack, by file name. load_pack
# validates them; their loaders (taxonomy(), builtin_codes(), …) take them from ``table`` once a
# pack is loaded, instead of loading YAML and checking the schema again.
TABLES = ("taxonomy.yaml", "layout_vocab.yaml", "header_labels.yaml", "codes.yaml", "meaning.yaml", "units.yaml",
          "budget_vocab.yaml")

_TABLES: dict[str, Any] = {}  # absolute path of a validated data table → its data as its loader returns it


class Uncacheable(Exception):
    """A value the plain encoding cannot hold; the pack is then used without being cached."""


# --------------------------------------------------------------------------- tables


def table(path: str | os.PathLike) -> Any | None:
    """The data of a validated table file (as its loader would return it), or None when no pack
    has validated it in this process (the loader then loads and checks it itself)."""
    return _TABLES.get(os.path.abspath(path))


def read_tables() -> dict[str, Any]:
    """Every data table of rules/ read as its loader reads it (the build has just validated them):
    PyYAML's safe_load, except meaning.yaml (the rule-file loader: decimals stay Decimal)."""
    import yaml

    from checker.rules.source import load_source

    out: dict[str, Any] = {}
    for name in TABLES:
        path = rules_dir() / name
        if not path.is_file():
            continue
        if name == "meaning.yaml":
            out[name] = load_source(path).data or {}
        else:
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            out[name] = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return out


def remember_tables(tables: dict[str, Any]) -> None:
    """Make ``tables`` (file name → data) the validated data of rules/ for this process."""
    for name, data in tables.items():
        _TABLES[os.path.abspath(rules_dir() / name)] = data


# --------------------------------------------------------------------------- key


def _tree_files(folder: Path) -> list[Path]:
    """Every file under ``folder``, sorted; caches, editors' temporary files and dot-files left out."""
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        out += [Path(root) / f for f in files if not f.startswith(".") and not f.endswith((".pyc", "~"))]
    return sorted(out)


def _code_stamp() -> str:
    """Size and mtime of every module of the checker package: the code that validated the pack."""
    pkg = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for p in _tree_files(pkg):
        if p.suffix == ".py":
            st = p.stat()
            h.update(f"{p.relative_to(pkg)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _digest(extra_files: list[str], extra_dirs: list[str]) -> str:
    """SHA-256 over the version stamp, rules/ and grammar/ and the build's other files (names,
    bytes) and folders (listings). Raises OSError when a file cannot be read."""
    h = hashlib.sha256(f"{FORMAT}\0{__version__}\0{sys.version}\0{_code_stamp()}\n".encode())
    for base in (rules_dir(), grammar_dir()):
        for p in _tree_files(base):
            h.update(f"T {p.relative_to(base)}\0".encode())
            h.update(hashlib.sha256(p.read_bytes()).digest())
    for f in extra_files:
        h.update(f"F {f}\0".encode())
        h.update(hashlib.sha256(Path(f).read_bytes()).digest())
    for d in extra_dirs:
        h.update(f"D {d}\0{chr(0).join(sorted(os.listdir(d)))}\n".encode())
    return h.hexdigest()


def _entry_path(profile: str | None) -> str | None:
    """The cache file for this profile argument (a name, or a path taken absolute), or None."""
    folder = usercache.cache_dir()
    if folder is None:
        return None
    if profile is not None:
        from checker.rules.pack import profile_path

        profile = str(Path(profile_path(profile)).resolve())
    name = hashlib.sha256(f"{rules_dir().resolve()}\0{profile}".encode()).hexdigest()[:32]
    return os.path.join(folder, f"pack-{name}.json")


def _outside(paths: list[str]) -> tuple[list[str], list[str]]:
    """The files of ``paths`` outside rules/ and grammar/ (absolute, sorted) and their folders."""
    inside = (str(rules_dir().resolve()) + os.sep, str(grammar_dir().resolve()) + os.sep)
    files = sorted({str(Path(p).resolve()) for p in paths} - {""})
    files = [f for f in files if not f.startswith(inside) and os.path.isfile(f)]
    return files, sorted({os.path.dirname(f) for f in files})


# --------------------------------------------------------------------------- load / store


def load(profile: str | None):
    """The cached RulePack for ``profile``, its tables remembered, or None (no valid entry)."""
    try:
        path = _entry_path(profile)
        data = usercache.read_trusted(path) if path else None
        if data is None:
            return None
        entry = json.loads(data)
        if entry.get("format") != FORMAT or entry.get("profile") != profile:
            return None
        if entry["key"] != _digest(entry["files"], entry["dirs"]):
            return None
        pack = decode(entry["pack"])
        tables = decode(entry["tables"])
    except Exception:  # noqa: BLE001 - any damage (truncated, edited, foreign JSON): build instead
        return None
    remember_tables(tables)
    return pack


def store(profile: str | None, pack, read_paths: list[str], tables: dict[str, Any]) -> bool:
    """Write ``pack`` (just built and validated from ``read_paths`` and rules/) for ``profile``.
    Returns False when it cannot be cached (no trusted folder, an unwritable one, a value the
    encoding cannot hold); never raises."""
    try:
        path = _entry_path(profile)
        if path is None:
            return False
        files, dirs = _outside(read_paths)
        plain, plain_tables = encode(pack), encode(tables)
        if encode(decode(plain)) != plain:  # the encoding must give back what it was given
            return False
        entry = {"format": FORMAT, "profile": profile, "key": _digest(files, dirs), "files": files,
                 "dirs": dirs, "pack": plain, "tables": plain_tables}
        text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    except (Uncacheable, OSError, ValueError, RecursionError):
        return False
    written = usercache.write_atomic(path, text.encode("utf-8"))
    if written:
        _prune(os.path.dirname(path))
    return written


KEEP = 8  # entries kept: the baseline and a few profiles; each ~0.3 MB


def _prune(folder: str) -> None:
    """Remove all but the ``KEEP`` most recently written entries (one per profile path ever used
    would otherwise pile up). Never raises: another process may be pruning too."""
    try:
        entries = sorted((e.stat().st_mtime_ns, e.path) for e in os.scandir(folder)
                         if e.name.startswith("pack-") and e.name.endswith(".json") and e.is_file(follow_symlinks=False))
        for _, old in entries[:-KEEP]:
            os.unlink(old)
    except OSError:
        pass


# --------------------------------------------------------------------------- plain encoding


def _classes() -> dict[str, type]:
    from checker.rules.pack import Check, Parameter, ParamValue, Rule, RulePack

    return {c.__name__: c for c in (Check, Parameter, ParamValue, Rule, RulePack)}


def encode(value: Any) -> Any:
    """``value`` as JSON-ready data: the pack's dataclasses, dates, Decimals and non-string keys
    tagged (``{"$dc": …}``, ``{"$date": …}``); a Check's back-reference to its Rule is left out
    (decode restores it). Raises Uncacheable for any other type."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        if all(isinstance(k, str) and not k.startswith("$") for k in value):
            return {k: encode(v) for k, v in value.items()}
        return {"$map": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, tuple):
        return {"$tuple": [encode(v) for v in value]}
    if isinstance(value, Decimal):
        return {"$dec": str(value)}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if dataclasses.is_dataclass(value) and type(value).__name__ in _classes():
        return {"$dc": type(value).__name__,
                "f": {f.name: _field(value, f.name) for f in dataclasses.fields(value)
                      if not (f.name == "rule" and type(value).__name__ == "Check")}}
    raise Uncacheable(type(value).__name__)


def _field(value: Any, name: str) -> Any:
    # A rule's examples are read by rules docs/show and the web page, never by a check: kept as
    # one JSON string, decoded on first use (most of the entry; a check need not walk them)
    if name == "examples" and type(value).__name__ == "Rule":
        return {"$later": json.dumps(encode(value.examples), ensure_ascii=False)}
    return encode(getattr(value, name))


class _Later(list):
    """A list kept as its JSON text until first read (a rule's examples from the cache)."""

    def __init__(self, text: str):
        super().__init__()
        self._text: str | None = text

    def _load(self) -> None:
        if self._text is not None:
            text, self._text = self._text, None
            self.extend(decode(json.loads(text)))

    def __iter__(self):
        self._load()
        return super().__iter__()

    def __len__(self) -> int:
        self._load()
        return super().__len__()

    def __getitem__(self, index):
        self._load()
        return super().__getitem__(index)

    def __eq__(self, other) -> bool:
        self._load()
        return super().__eq__(other)

    __hash__ = None  # a list

    def __repr__(self) -> str:
        self._load()
        return super().__repr__()


def decode(value: Any) -> Any:
    """The inverse of ``encode``. Raises KeyError/TypeError/ValueError on data it did not write."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        (tag, inner), = value.items()
        if tag == "$map":
            return {_hashable(decode(k)): decode(v) for k, v in inner}
        if tag == "$tuple":
            return tuple(decode(v) for v in inner)
        if tag == "$dec":
            return Decimal(inner)
        if tag == "$datetime":
            return datetime.fromisoformat(inner)
        if tag == "$date":
            return date.fromisoformat(inner)
        if tag == "$later":
            return _Later(inner)
    if set(value) == {"$dc", "f"}:
        cls = _classes()[value["$dc"]]
        obj = cls(**{k: decode(v) for k, v in value["f"].items()})
        if cls.__name__ == "Rule":
            for check in obj.checks:
                check.rule = obj
        return obj
    return {k: decode(v) for k, v in value.items()}


def _hashable(key: Any) -> Any:
    return tuple(key) if isinstance(key, list) else key
