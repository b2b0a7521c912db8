"""The layout's vocabulary: indicator levels (rules/taxonomy.yaml) and header labels
(rules/header_labels.yaml), loaded once.

``label_level("经济效益")`` → ``Label(level=2, canonical="经济效益指标", parent="效益指标")``;
``header_key("其中:一般公共预算资金")`` → ``("fund:一般公共预算", None)``. Both tables are data that
policy teams extend; this module only indexes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import yaml

from checker.layout.labels import compact, normalize, squeeze_cjk
from checker.resources import rules_dir

# A weight after a level label: "产出指标(50分)", "效益指标(30%)", "满意度指标(权重10)".
_SCORE = re.compile(r"\(\s*(权重|分值)?\s*:?\s*\d+(\.\d+)?\s*(分|%)?\s*\)$")
_UNIT = re.compile(r"\((万元|元)\)")  # "项目资金(元)", "年度预算申请(万元)"
_LEAD = re.compile(r"^(其中|含)\s*:?\s*")
# Numbering before a level label ("一、产出指标", "1.产出指标", "(1)数量", "1.1 数量指标", "①质量"):
# templates of other provinces number their levels; the number is not part of the name.
_NUMBERING = re.compile(r"^(\([0-9一二三四五六七八九十]{1,3}\)|[0-9]{1,2}(\.[0-9]{1,2})*[、.．]?"
                        r"|[一二三四五六七八九十]{1,3}[、.．]|[\u2460-\u2473])\s*")


@dataclass(frozen=True)
class Label:
    """A recognised level-1 or level-2 label: ``level`` 1 or 2, the ``canonical`` name from
    taxonomy.yaml, and for a level-2 its ``parent`` level-1 (canonical)."""

    level: int
    canonical: str
    parent: str | None = None


def _spellings(name: str) -> set[str]:
    # "指标" suffix optional both ways (效益 = 效益指标).
    base = name[:-2] if name.endswith("指标") and len(name) > 2 else name
    return {base, base + "指标"}


@cache
def taxonomy() -> dict:
    """rules/taxonomy.yaml as loaded (dict). Raises FileNotFoundError if the data folder is missing."""
    with open(rules_dir() / "taxonomy.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@cache
def _label_index() -> dict[str, Label]:
    index: dict[str, Label] = {}
    for l1, spec in taxonomy()["level1"].items():
        for name in [l1, *(spec.get("synonyms") or [])]:
            for s in _spellings(name):
                index[s] = Label(1, l1)
        for l2, syns in (spec.get("level2") or {}).items():
            for name in [l2, *(syns or [])]:
                for s in _spellings(name):
                    index.setdefault(s, Label(2, l2, l1))
    return index


@lru_cache(maxsize=16384)
def label_key(text: str) -> str:
    """A label as looked up: normalised, score suffix and spaces removed."""
    t = normalize(text)
    t = _SCORE.sub("", t).strip()
    return _NUMBERING.sub("", t).replace(" ", "")


@lru_cache(maxsize=16384)
def label_text(text: str) -> str:
    """A level label as it should be kept: its numbering and a weight after it taken off when the
    rest is a known label (``"一、产出指标"`` → ``"产出指标"``, ``"(1)数量"`` → ``"数量"``,
    ``"产出指标（40%）"`` → ``"产出指标"``); otherwise as written (CJK spaces squeezed). Rules compare
    labels by name, so neither may stay."""
    t = squeeze_cjk(text)
    if label_level(text) is None:
        return t
    n = normalize(t)
    m = _NUMBERING.match(n)
    if m and m.end() < len(n):
        n = n[m.end():]
    elif _SCORE.search(n) is None:
        return t  # nothing to take off: keep the filer's own brackets and colons
    # The weight after it ("产出指标(40%)") is not part of the name either.
    return squeeze_cjk(_SCORE.sub("", n)).strip()


@lru_cache(maxsize=16384)
def label_level(text: str) -> Label | None:
    """The level of an indicator label as written (``"经济成本指 标"``, ``"满意度"``, ``"效果指标"``),
    or None when the text is not a known level-1/level-2 label. Source: rules/taxonomy.yaml."""
    if not text or len(text) > 24:
        return None
    return _label_index().get(label_key(text))


def legacy_parent(level1_canonical: str) -> str | None:
    """The level-1 under which an older form may place this level-1 as a level-2 (成本指标 → 产出指标)."""
    spec = taxonomy()["level1"].get(level1_canonical) or {}
    return spec.get("legacy_under")


@cache
def _value_types() -> frozenset[str]:
    vt = taxonomy()["value_types"]
    return frozenset([*vt["comparators"], *vt["words"]])


@lru_cache(maxsize=16384)
def is_value_type(text: str) -> bool:
    """True when ``text`` is what a 指标值类型 / 指标性质 cell holds (≥, ≦, 定性, 定量 …)."""
    return compact(text) in _value_types()


@cache
def _header_index() -> dict[str, str]:
    with open(rules_dir() / "header_labels.yaml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    index: dict[str, str] = {}
    for key, labels in data["fields"].items():
        for lab in labels:
            index[compact(lab)] = key
    for source, labels in data["fund_sources"].items():
        for lab in labels:
            index[compact(lab)] = f"fund:{source}"
    return index


@lru_cache(maxsize=16384)
def header_key(text: str) -> tuple[str | None, str | None]:
    """(Form.header key, unit) for a header label as written, e.g. ``"项目资金(元)"`` → (None, "元"),
    ``"年度本级 预算金额"`` → ("budget_total", None), ``"其中:  一般公共预算"`` → ("fund:一般公共预算",
    None). Unknown labels give (None, unit-or-None). Source: rules/header_labels.yaml."""
    t = compact(text)
    unit = None
    m = _UNIT.search(t)
    if m:
        unit = m.group(1)
        t = (t[: m.start()] + t[m.end():]).strip()
    t = _LEAD.sub("", t).rstrip(":")
    key = _header_index().get(t)
    if key is None and t.endswith(")") and "(" in t:
        # A remark in brackets after the label: 项目名称(全称), 资金总额(含上年结转).
        key = _header_index().get(t[: t.rindex("(")].rstrip(":"))
    return key, unit
