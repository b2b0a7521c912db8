"""Reader for the canonical filing (YAML or JSON), the format ``checker parse`` writes.

The file is checked against its JSON Schema (rules/schema/filing.schema.json) first, so every
problem is named with its JSON pointer in one pass, then built into the model by
``checker.filing.filing_from_dict``. The Document carries the Filing directly (``kind`` is
``filing``, no grids); the layout stage is skipped.

YAML is read with YAML 1.1's traps removed: an unquoted 3531.93 stays the text "3531.93" (its
written precision is what the money tolerance needs; a float would lose it), 2026-01-01 stays
text, and only true/false are booleans (``no`` is not False).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from checker import limits
from checker.errors import InputError
from checker.limits import LimitError
from checker.model import Document

MAX_ERRORS = 10  # schema problems listed in one message


class _Loader(yaml.SafeLoader):
    """SafeLoader without implicit floats, timestamps and yes/no booleans; duplicate keys refused."""


_DROP = {"tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"}
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _DROP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _mapping(loader: _Loader, node: yaml.MappingNode) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            mark = key_node.start_mark
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (line {mark.line + 1})", mark)
        seen.add(key)
    return loader.construct_mapping(node)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def read_filing(path: str | Path) -> Document:
    """Read a canonical filing into a Document whose ``filing`` is set.

    Raises InputError: unreadable, not YAML/JSON, not valid against the filing schema (each
    problem with its JSON pointer), or refused by ``filing_from_dict``.
    """
    from checker.filing import filing_from_dict
    from checker.readers.text import decode

    p = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(p, f"cannot be read ({exc.strerror or exc})") from None
    tree = load_data(decode(data, p), p)
    problems = schema_problems(tree)
    if problems:
        raise InputError(p, "not a valid filing: " + "; ".join(problems))
    return Document(path=p, kind="filing", filing=filing_from_dict(tree, p))


def load_data(text: str, path: str) -> Any:
    """Parse YAML or JSON text (JSON is tried first when the text starts with ``{``)."""
    if text.lstrip("\ufeff \t\r\n").startswith("{"):
        try:
            tree = json.loads(text.lstrip("\ufeff"), parse_float=str)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
        except RecursionError:
            raise InputError(path, "not valid JSON (nested too deeply)") from None
        if limits.data_depth_exceeds(tree):
            raise LimitError(path, f"JSON nested deeper than {limits.LIMITS.max_depth} levels (max_depth)", "max_depth")
        return tree
    try:
        return _load_yaml(text, path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f" at line {mark.line + 1} column {mark.column + 1}" if mark else ""
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(path, f"not valid YAML{where}: {what}") from None
    except RecursionError:
        raise InputError(path, "not valid YAML (nested too deeply)") from None


def _load_yaml(text: str, path: str) -> Any:
    """Compose, refuse aliases and deep nesting (limits.yaml_node_problem: "billion laughs"
    expanded an 8 KB filing to 10^6 indicators), then construct. Raises InputError/YAMLError."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        problem = limits.yaml_node_problem(node)
        if problem:
            message, mark = problem
            raise LimitError(path, f"line {mark.line + 1} column {mark.column + 1}: {message}", "yaml")
        return loader.construct_document(node)
    finally:
        loader.dispose()


def schema_problems(tree: Any) -> list[str]:
    """Problems of ``tree`` against the filing schema, as ``/json/pointer: message`` (at most
    MAX_ERRORS, in document order)."""
    errors = sorted(_validator().iter_errors(tree), key=lambda e: [str(x) for x in e.absolute_path])
    out = []
    for err in errors[:MAX_ERRORS]:
        pointer = "/" + "/".join(str(x) for x in err.absolute_path)
        out.append(f"{pointer}: {_short(err.message)}")
    if len(errors) > MAX_ERRORS:
        out.append(f"and {len(errors) - MAX_ERRORS} more")
    return out


def _short(message: str) -> str:
    return message if len(message) <= 160 else message[:157] + "..."


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    from checker.resources import rules_dir

    schema = json.loads((rules_dir() / "schema" / "filing.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)
