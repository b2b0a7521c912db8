"""YAML for people: load a rule, profile, parameter or waiver file keeping every node's line and
column, and refuse YAML's traps with a message that says how to write it instead.

PyYAML implements YAML 1.1, where ``yes``/``no``/``on``/``off`` are booleans and ``2026-01-01``
is a date; policy staff meet exactly these. We compose the node tree and construct values
ourselves, so that:

- a duplicate key is an error (PyYAML keeps the last one silently);
- an unquoted yes/no/on/off, an unquoted date, and a full-width colon after a key (``severity：
  error``) are errors naming the fix;
- a number with a decimal point becomes a ``Decimal`` with its written digits (3531.93 stays
  3531.93; precision matters for the money tolerance), never a float;
- every value's place is kept: ``Source.marks[(“examples”, 0, “expect”)] == (line, col)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from checker.limits import LimitError, check_input_file, yaml_node_problem

Pointer = tuple  # a path into the data: ("examples", 0, "form", "kind")

# libyaml's composer keeps the same marks and is several times faster (a check loads the whole
# pack); it marks a plain scalar with style '' where the pure-Python one uses None.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_BOOL_TRAPS = {"yes", "no", "on", "off", "y", "n"}
_FULLWIDTH_KEY = re.compile(r"^[A-Za-z_][\w\-]*\s*：")


@dataclass
class Problem:
    """One error in a data file, 1-based ``line``/``col``; ``hint`` is an extra line (allowed
    values, did-you-mean)."""

    path: str
    line: int
    col: int
    message: str
    hint: str = ""

    def format(self, lines: list[str] | None = None) -> str:
        """``file:line:col: message`` plus the offending line with a caret, and the hint."""
        out = [f"{self.path}:{self.line}:{self.col}: {self.message}"]
        if lines and 1 <= self.line <= len(lines):
            if self.line > 1 and lines[self.line - 2].strip():
                out.append(f"  {self.line - 1:>4} | {lines[self.line - 2]}")
            out.append(f"  {self.line:>4} | {lines[self.line - 1]}")
            out.append("       | " + _caret_pad(lines[self.line - 1], self.col) + "^")
        if self.hint:
            out.append(f"       = {self.hint}")
        return "\n".join(out)


def _caret_pad(line: str, col: int) -> str:
    """Spaces up to ``col``, two for each wide (CJK) character, so the caret lines up."""
    import unicodedata

    return "".join("  " if unicodedata.east_asian_width(ch) in "WF" else (" " if ch != "\t" else "\t")
                   for ch in line[: col - 1])


@dataclass
class Source:
    """A loaded YAML file: ``data``, the ``marks`` of values and ``key_marks`` of mapping keys
    (pointer → (line, col), 1-based), its text ``lines`` and the ``problems`` found."""

    path: str
    data: Any = None
    marks: dict[Pointer, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Pointer, tuple[int, int]] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def where(self, ptr: Pointer, key: bool = False) -> tuple[int, int]:
        """The place of ``ptr`` (of its key when ``key``), else of its nearest ancestor."""
        ptr = tuple(ptr)
        while True:
            if key and ptr in self.key_marks:
                return self.key_marks[ptr]
            if ptr in self.marks:
                return self.marks[ptr]
            if not ptr:
                return (1, 1)
            ptr = ptr[:-1]

    def problem(self, ptr: Pointer, message: str, hint: str = "", key: bool = False) -> Problem:
        """Record a problem at ``ptr``; a second one at the same place (a YAML trap, then the
        schema's complaint about the same value) is left out."""
        line, col = self.where(ptr, key)
        p = Problem(self.path, line, col, message, hint)
        if not any(q.line == line and q.col == col for q in self.problems):
            self.problems.append(p)
        return p

    def report(self) -> list[str]:
        """Every problem formatted with its context lines."""
        return [p.format(self.lines) for p in self.problems]


def load_source(path: str | Path, text: str | None = None) -> Source:
    """Read and construct one YAML file. Never raises for bad content: problems go to
    ``Source.problems`` (a syntax error stops construction, the traps do not)."""
    src = Source(str(path))
    if text is None:
        try:
            check_input_file(path)  # a FIFO as the waivers file blocked for ever
        except LimitError as exc:
            src.problems.append(Problem(str(path), 1, 1, exc.message))
            return src
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            src.problems.append(Problem(str(path), 1, 1, f"cannot be read: {exc}"))
            return src
    src.lines = text.splitlines()
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        msg = f"YAML 语法错误 / YAML syntax: {exc.problem or exc}"
        hint = ""
        near = [i for i in range(max(0, line - 3), min(len(src.lines), line)) if "：" in src.lines[i]]
        tabs = [i for i in range(max(0, line - 2), min(len(src.lines), line)) if "\t" in src.lines[i]]
        if near and _FULLWIDTH_KEY.match(src.lines[near[-1]].strip()):
            line, col = near[-1] + 1, src.lines[near[-1]].index("：") + 1
            msg = "键后用了全角冒号，键和值连在了一起 / full-width colon after a key: the key and its value run together"
            hint = "键后写半角冒号加空格（': '）/ type an ASCII colon and a space (':' then ' ') after the key"
        elif tabs:
            hint = "YAML 缩进只能用空格，不能用制表符 / YAML indentation must use spaces, not tabs"
        src.problems.append(Problem(str(path), line, col, msg, hint))
        return src
    except yaml.YAMLError as exc:
        src.problems.append(Problem(str(path), 1, 1, f"YAML: {exc}"))
        return src
    problem = None if node is None else yaml_node_problem(node)
    if problem:  # aliases ("billion laughs") and deep nesting, before anything is expanded
        message, mark = problem
        src.problems.append(Problem(str(path), mark.line + 1, mark.column + 1, message))
        return src
    src.data = None if node is None else _construct(node, (), src)
    return src


def _mark(node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _construct(node, ptr: Pointer, src: Source) -> Any:
    src.marks[ptr] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        return _mapping(node, ptr, src)
    if isinstance(node, yaml.SequenceNode):
        return [_construct(child, ptr + (i,), src) for i, child in enumerate(node.value)]
    return _scalar(node, ptr, src)


def _mapping(node, ptr: Pointer, src: Source) -> dict:
    out: dict = {}
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            src.problem(ptr, "规则文件不支持 YAML 合并键（<<），请把键逐一写出 / YAML merge keys (<<) are not supported in rule files; write the keys out")
            continue
        if not isinstance(key_node, yaml.ScalarNode):
            src.marks[ptr + ("?",)] = _mark(key_node)
            src.problem(ptr + ("?",), "键必须是普通文字 / a key must be plain text")
            continue
        key = _scalar(key_node, ptr + (key_node.value,), src, is_key=True)
        if not isinstance(key, (str, int)) or isinstance(key, bool):
            key = str(key_node.value)
        if key in out:
            src.key_marks[ptr + ("\0dup", key)] = _mark(key_node)
            first = src.key_marks.get(ptr + (key,), (0, 0))
            src.problem(ptr + ("\0dup", key), f"重复的键 {key!r}（第 {first[0]} 行已有），YAML 只会保留最后一个 / duplicate key {key!r} (first given on line {first[0]}); "
                        "YAML would silently keep only the last one", key=True)
            continue
        src.key_marks[ptr + (key,)] = _mark(key_node)
        out[key] = _construct(value_node, ptr + (key,), src)
    return out


def _scalar(node, ptr: Pointer, src: Source, is_key: bool = False) -> Any:
    value, tag, plain = node.value, node.tag, not node.style
    src.marks.setdefault(ptr, _mark(node))
    if not plain:
        return value
    if tag.endswith(":bool"):
        if value.lower() in _BOOL_TRAPS:
            src.problem(ptr, f"{value!r} 会被 YAML 读成是/否 / {value!r} is read as a boolean by YAML",
                        f"是/否选项写 true 或 false，文字请加引号（\"{value}\"）/ write true or false for a yes/no option, or quote it (\"{value}\") for text", key=is_key)
            return value
        return value.lower() == "true"
    if tag.endswith(":timestamp"):
        src.problem(ptr, f"没加引号的日期 {value!r} 会被 YAML 读成日期对象 / unquoted date {value!r} is read as a date object by YAML",
                    f"请加引号 / quote it: \"{value}\"", key=is_key)
        return value
    if tag.endswith(":null"):
        return None
    if tag.endswith(":int"):
        try:
            return int(value.replace("_", ""), 0) if not re.fullmatch(r"0[0-7]+", value) else int(value, 8)
        except ValueError:
            return value
    if tag.endswith(":float"):
        try:
            d = Decimal(value.replace("_", ""))
            if d.is_finite():
                return d
        except InvalidOperation:
            pass
        src.problem(ptr, f"{value!r} 不是有限的数 / {value!r} is not a finite number", "如是文字请加引号 / quote it if it is text")
        return value
    if not is_key and _FULLWIDTH_KEY.match(value):
        src.problem(ptr, f"{value!r} 中用了全角冒号，键和值连在了一起 / full-width colon in {value!r}: the key and its value run together",
                    "键后写半角冒号加空格（': '）/ type an ASCII colon and a space (':' then ' ') after the key")
    return value
