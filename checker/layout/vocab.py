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
from typing import Any

from checker.domain import money
from checker.layout.labels import compact, normalize, squeeze_cjk
from checker.resources import rules_dir
from checker.rules.packcache import table as _validated

# A weight after a level label: "产出指标(50分)", "效益指标(30%)", "满意度指标(权重10)".
_SCORE = re.compile(r"\(\s*(权重|分值)?\s*:?\s*\d+(\.\d+)?\s*(分|%)?\s*\)$"
                    r"|\((必填|选填)[^()]{0,8}\)$")  # 数量指标(必填硬性指标): a template's note, not the name
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
    """rules/taxonomy.yaml as loaded (dict), checked against rules/schema/taxonomy.schema.json.
    Raises FileNotFoundError if the data folder is missing, RulePackError (every problem as
    ``file:line:col: message``) when the file breaks its schema. Once a rule pack is loaded the
    data it validated is used (checker/rules/packcache.py)."""
    return checked_data(rules_dir() / "taxonomy.yaml", taxonomy_problems)


def taxonomy_problems(path) -> list[str]:
    """Every schema problem of a taxonomy file (``file:line:col: message`` with its lines), or []."""
    return _schema_problems(path, "taxonomy.schema.json", _check_framework_names)


@cache
def layout_vocab() -> dict:
    """rules/layout_vocab.yaml as loaded (form-title words, column headers), checked against
    rules/schema/layout_vocab.schema.json. Raises RulePackError (``file:line:col: message``)
    when the file breaks its schema, FileNotFoundError when the data folder is missing."""
    return checked_data(rules_dir() / "layout_vocab.yaml", layout_vocab_problems)


def checked_data(path, problems) -> Any:
    """A vocabulary file as loaded: from the validated rule pack's cache (checker/rules/packcache.py)
    when it holds it, else read after ``problems(path)`` finds nothing. Raises RulePackError with
    those problems (``file:line:col: message``), FileNotFoundError when the file is missing."""
    if (data := _validated(path)) is not None:
        return data
    found = problems(path)
    if found:
        from checker.errors import RulePackError

        raise RulePackError(found)
    import yaml

    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def layout_vocab_problems(path) -> list[str]:
    """Every schema problem of a layout vocabulary file (``file:line:col: message``), or []; a
    ``table_end_headings`` entry that is no regular expression is one."""
    return _schema_problems(path, "layout_vocab.schema.json", _check_patterns)


def _check_patterns(src) -> None:
    for i, pattern in enumerate(src.data.get("table_end_headings") or []):
        try:
            re.compile(pattern)
        except (re.error, TypeError) as exc:
            src.problem(("table_end_headings", i), f"not a regular expression: {exc}")


def header_labels_problems(path) -> list[str]:
    """Every schema problem of a header-labels file (rules/header_labels.yaml), or []."""
    return _schema_problems(path, "header_labels.schema.json")


def _schema_problems(path, schema_name: str, more=None) -> list[str]:
    import json

    # Imported here: checker.rules imports the kinds, which import this module.
    from checker.rules.schema import validate
    from checker.rules.source import load_source

    src = load_source(path)
    if not src.problems:
        schema = json.loads((rules_dir() / "schema" / schema_name).read_text(encoding="utf-8"))
        validate(src, schema)
    if not src.problems and more is not None:
        more(src)
    return src.report()


@cache
def column_roles() -> dict[str, str]:
    """Column header text (compacted) → its role (level1, name, value, unit …), from
    rules/layout_vocab.yaml ``column_headers``."""
    return {compact(text): role for role, texts in layout_vocab()["column_headers"].items() for text in texts}


@cache
def self_eval_columns() -> tuple[tuple[str, str], ...]:
    """(header text prefix, column key) of self-evaluation indicator tables, first match wins
    (rules/layout_vocab.yaml ``self_eval_columns``)."""
    return tuple((prefix, key) for prefix, key in layout_vocab()["self_eval_columns"])


@cache
def self_eval_rows() -> dict[str, tuple[str, ...]]:
    """The words of a self-evaluation's rows that are not indicators (rules/layout_vocab.yaml
    ``self_eval_rows``): ``end_labels``, ``total_labels``, ``subtotal_labels``, ``grades`` (longest
    first, so 不合格 is found before 合格 and 优秀 before 优), ``not_scored``."""
    words = {key: tuple(texts) for key, texts in layout_vocab()["self_eval_rows"].items()}
    words["grades"] = tuple(sorted(words["grades"], key=len, reverse=True))
    return words


@cache
def money_aliases() -> dict[str, str]:
    """Other names of the money columns → the canonical one (全年实际执行数 → 全年执行数), from
    rules/layout_vocab.yaml ``money_columns``."""
    return {alias: name for name, aliases in layout_vocab()["money_columns"].items() for alias in aliases}


@cache
def title_words() -> dict:
    """The ``form_titles`` table of rules/layout_vocab.yaml (words as written there)."""
    return layout_vocab()["form_titles"]


@cache
def _section_headings() -> re.Pattern | None:
    words = layout_vocab().get("table_end_headings") or []
    return re.compile("|".join(f"(?:{w})" for w in words)) if words else None


_NUMERAL_BEFORE = frozenset("第一二三四五六七八九十0123456789")


def section_heading_end(text: str, pos: int = 0) -> int | None:
    """End (index in ``text``) of a report's section heading written at ``pos`` — ``(二)``,
    ``二、``, ``第三部分`` (rules/layout_vocab.yaml ``table_end_headings``, on compacted text) — or
    None. The number of a level label (``二、效益指标``, ``(二)质量指标``: rules/taxonomy.yaml) is no
    heading, nor one glued to a numeral before it (``第二、三批``). Source: evaluation reports that
    print a form's table inside their text, then go on to their next section."""
    rx = _section_headings()
    m = rx.match(text, pos) if rx is not None else None
    if m is None or (pos > 0 and text[pos - 1] in _NUMERAL_BEFORE):
        return None
    if any(label_level(text[pos:pos + n]) is not None for n in range(m.end() - pos + 2, min(len(text) - pos, 24) + 1)):
        return None
    return m.end()


def _check_framework_names(src) -> None:
    """The default framework's `required` names level-1s of the `level1` table; exactly one default."""
    frameworks = src.data.get("frameworks") or {}
    defaults = [k for k, f in frameworks.items() if f.get("default")]
    if len(defaults) != 1:
        src.problem(("frameworks",), f"exactly one framework has `default: true` (found {len(defaults)})")
    for fid, f in frameworks.items():
        known = set(src.data["level1"]) if f.get("default") else set(f.get("level1") or {})
        if not f.get("default") and not known:
            src.problem(("frameworks", fid), f"framework {fid!r} lists no level1 (only the default one may leave it out)")
        for i, name in enumerate(f.get("required") or []):
            if name not in known:
                src.problem(("frameworks", fid, "required", i), f"{name!r} is not a level-1 of framework {fid!r}",
                            "allowed: " + "、".join(sorted(known)))


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
    # Other frameworks' labels (投入, 决策, 履职效能 …) after the default's, which keep their meaning
    # where a name is in both (满意度 is a level-1 there, a level-2 under 效益 in 10号).
    others = [f for f in taxonomy().get("frameworks", {}).values() if not f.get("default")]
    for f in others:
        for l1, spec in f["level1"].items():
            for name in [l1, *(spec.get("synonyms") or [])]:
                for s in _spellings(name):
                    index.setdefault(s, Label(1, l1))
    for f in others:
        for l1, spec in f["level1"].items():
            parent = index[l1].canonical
            for l2, syns in (spec.get("level2") or {}).items():
                for name in [l2, *(syns or [])]:
                    for s in _spellings(name):
                        index.setdefault(s, Label(2, l2, parent))
    return index


@lru_cache(maxsize=16384)
def label_key(text: str) -> str:
    """A label as looked up: normalised, score suffix and spaces removed."""
    t = normalize(text)
    t = _remark_free(_SCORE.sub("", t).strip())
    return _NUMBERING.sub("", t).replace(" ", "")


_TRAILING_BRACKET = re.compile(r"\(([^()]*)\)$")
# A weight in brackets after a level label, 产出指标（50分）, 效益指标(30%), 满意度指标(权重:10): the
# target and self-evaluation layouts both take it off the name and keep it as the level-1's weight.
HEADING_WEIGHT = re.compile(r"[(（]\s*(?:权重|分值)?\s*[:：]?\s*(\d+(?:\.\d+)?)\s*(?:分|%|％)?\s*[)）]")


def level1_weight(text: str) -> tuple[str, str] | None:
    """(level-1 name, weight as written) when ``text`` is a level-1 label with its weight after it
    (``效益指标(30分)``, ``产出指标（50%）``, ``满意度指标(权重10)``); None otherwise."""
    if not is_level1(text):
        return None
    n = normalize(text)
    m = HEADING_WEIGHT.search(n)
    return (label_text(text), m.group(1)) if m and not n[m.end():].strip() else None


def _remark_free(text: str) -> str:
    """``text`` without a trailing bracket remark that is no part of a label's name (必填, 或…):
    rules/layout_vocab.yaml ``label_remarks``."""
    m = _TRAILING_BRACKET.search(text)
    if m and any(re.search(p, m.group(1).replace(" ", "")) for p in layout_vocab().get("label_remarks", [])):
        return text[: m.start()].rstrip()
    return text


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
    elif _SCORE.search(n) is None and _remark_free(n) == n:
        return t  # nothing to take off: keep the filer's own brackets and colons
    # The weight after it ("产出指标(40%)") or a remark (质量指标(必填)) is not part of the name either.
    return squeeze_cjk(_remark_free(_SCORE.sub("", n).strip())).strip()


@lru_cache(maxsize=16384)
def label_level(text: str) -> Label | None:
    """The level of an indicator label as written (``"经济成本指 标"``, ``"满意度"``, ``"效果指标"``),
    or None when the text is not a known level-1/level-2 label. Source: rules/taxonomy.yaml."""
    if not text or len(text) > 24:
        return None
    return _label_index().get(label_key(text))


@cache
def _framework_level1_keys() -> frozenset[str]:
    return frozenset(s for f in taxonomy().get("frameworks", {}).values() if not f.get("default")
                     for l1, spec in f["level1"].items() for n in [l1, *(spec.get("synonyms") or [])]
                     for s in _spellings(n))


@lru_cache(maxsize=16384)
def is_level1(text: str) -> bool:
    """Is ``text`` a level-1 label in some framework? 可持续发展 is a level-2 of the default taxonomy
    (under 效益指标) and a level-1 of provincial 部门整体 forms, so the level alone does not tell."""
    lab = label_level(text)
    if lab is not None and lab.level == 1:
        return True
    return bool(text) and len(text) <= 24 and label_key(text) in _framework_level1_keys()


def legacy_parent(level1_canonical: str) -> str | None:
    """The level-1 under which an older form may place this level-1 as a level-2 (成本指标 → 产出指标)."""
    spec = taxonomy()["level1"].get(level1_canonical) or {}
    return spec.get("legacy_under")


@dataclass(frozen=True)
class Framework:
    """One indicator framework of rules/taxonomy.yaml: ``level1`` maps each level-1's key (see
    ``level_key``) to its name and ``level2`` maps it to {level-2 key: name}; ``required`` the
    level-1 names whose level-3s S101 asks for; ``open_level2`` when units may add level-2s."""

    id: str
    title: str
    source: str
    default: bool
    level1: dict[str, str]
    level2: dict[str, dict[str, str]]
    required: tuple[str, ...] = ()
    open_level2: bool = False


def level_key(text: str) -> str:
    """A level label in comparable form: its taxonomy name when known (经济效益 → 经济效益指标,
    效果 → 效益指标), else as written without numbering, weight or a 指标 suffix."""
    lab = label_level(text)
    if lab is not None:
        return lab.canonical
    key = label_key(text)
    return key[:-2] if key.endswith("指标") and len(key) > 2 else key


@cache
def frameworks() -> tuple[Framework, ...]:
    """The frameworks of rules/taxonomy.yaml, the default one first."""
    out = []
    for fid, f in taxonomy().get("frameworks", {}).items():
        table = taxonomy()["level1"] if f.get("default") else f["level1"]
        level1 = {level_key(l1): l1 for l1 in table}
        level2: dict[str, dict[str, str]] = {}
        for l1, spec in table.items():
            kids = level2.setdefault(level_key(l1), {})
            for l2, syns in (spec.get("level2") or {}).items():
                kids.update({level_key(n): l2 for n in [l2, *(syns or [])]})
        out.append(Framework(fid, f.get("title", fid), f.get("source", ""), bool(f.get("default")), level1, level2,
                             tuple(f.get("required") or ()), bool(f.get("open_level2"))))
    return tuple(sorted(out, key=lambda fw: not fw.default))


@dataclass(frozen=True)
class FrameworkMatch:
    """The framework(s) a form's level-1 labels fit. ``frameworks``: every framework holding all
    the known labels (the default alone when it is one of them), else the one holding most of
    them, with ``mixed`` set; ``unknown``: labels no framework knows (as written)."""

    frameworks: tuple[Framework, ...]
    mixed: bool = False
    unknown: tuple[str, ...] = ()

    @property
    def is_default(self) -> bool:
        """The default framework alone (not a doubt between it and another that fits as well)."""
        return not self.mixed and len(self.frameworks) == 1 and self.frameworks[0].default

    @property
    def title(self) -> str:
        """The framework titles (投入、过程、产出、效果（共性指标框架）), for messages."""
        return "；".join(f.title for f in self.frameworks)

    def has_level1(self, level1: str) -> bool:
        return any(level_key(level1) in f.level1 for f in self.frameworks)

    def children(self, level1: str) -> dict[str, str]:
        """{level-2 key: name} allowed under ``level1`` in these frameworks."""
        k = level_key(level1)
        return {c: n for f in self.frameworks for c, n in f.level2.get(k, {}).items()}

    def fits(self, level1: str, level2: str) -> bool:
        return _fits(self.frameworks, level1, level2)

    def parents(self, level2: str) -> list[str]:
        """The level-1 names under which these frameworks place ``level2``."""
        k = level_key(level2)
        return list(dict.fromkeys(f.level1[p] for f in self.frameworks for p, kids in f.level2.items() if k in kids))

    @property
    def open_level2(self) -> bool:
        return any(f.open_level2 for f in self.frameworks)

    @property
    def required(self) -> tuple[str, ...]:
        """Level-1s required by every one of these frameworks (a doubt between two asks none)."""
        sets = [set(f.required) for f in self.frameworks]
        return tuple(n for n in self.frameworks[0].required if all(n in s for s in sets))


def framework_of(level1_labels, pairs=()) -> FrameworkMatch:
    """The framework a form is written on, from its level-1 labels as written (an iterable of str;
    blanks ignored). No known label: the default framework. Where the default and another framework
    both hold every label (产出、效果), the (level-1, level-2) ``pairs`` decide: the other one when
    more of them fit it (产出/职责履行, 效果/履职效益 are 财预〔2013〕53号's). Source: rules/taxonomy.yaml."""
    labels = list(dict.fromkeys(t for t in level1_labels if t and t.strip()))
    keys = {t: level_key(t) for t in labels}
    known_keys = _level1_keys()
    unknown = tuple(t for t, k in keys.items() if k not in known_keys)
    known = frozenset(k for k in keys.values() if k in known_keys)
    covering, mixed = _covering(known)
    if known and not mixed and covering[0].default:
        covering = _by_level2(covering, pairs)
    return FrameworkMatch(covering, mixed=mixed, unknown=unknown)


@cache
def _level1_keys() -> frozenset[str]:
    """The level-1 keys (``level_key``) some framework of rules/taxonomy.yaml holds (from
    ``frameworks()``: a test that reloads the taxonomy clears both)."""
    return frozenset(k for f in frameworks() for k in f.level1)


def _covering(known: frozenset[str]) -> tuple[tuple[Framework, ...], bool]:
    """The frameworks of a form whose known level-1 keys are ``known`` (a subset of
    ``_level1_keys``), and whether they are a mix: none known, the default alone; else every
    framework holding all of them (the default first), else the one holding most (the default on
    ties), mixed."""
    fws = frameworks()
    if not known:
        return fws[:1], False  # nothing known: the default, as always
    covering = tuple(f for f in fws if known <= f.level1.keys())
    if covering:
        return covering, False
    return (max(fws, key=lambda f: len(known & f.level1.keys())),), True  # max keeps the first (default) on ties


def _by_level2(covering: tuple[Framework, ...], pairs) -> tuple[Framework, ...]:
    """Of the frameworks holding every level-1 (the default first), the default unless the others
    place more of the form's level-2s: then those of them that place the most; all of them when
    the form's rows (``pairs`` given) have no level-2 to tell them apart."""
    pairs = list(pairs)
    keyed = {(level_key(a), level_key(b)) for a, b in pairs if a and b and a.strip() and b.strip()}
    if len(covering) == 1 or not pairs:
        return covering[:1]
    if not keyed:
        # No level-2 at all (a template without a level-2 column: 产出指标 ⇥ 效果指标 over the
        # indicators, Hebei's 优/良/中/差 table): nothing tells 产出/效果 of 财预〔2013〕53号 from
        # the default's; a doubt between them, which asks for no level-1 or level-2 either lacks.
        return covering
    fit = {f.id: sum(1 for a, b in keyed if b in f.level2.get(a, {})) for f in covering}
    top = max(fit.values())
    if top == fit[covering[0].id]:
        return covering[:1]
    return tuple(f for f in covering if fit[f.id] == top)


def level2_fits(level1_seen, level1: str, level2: str) -> bool:
    """Does ``level2`` belong under ``level1`` in the non-default framework that the level-1s read so
    far (``level1_seen``, with ``level1``) are written on? False on the default framework or a mix:
    there the taxonomy's parent of a level-2 decides (rules/taxonomy.yaml). ``framework_of`` without
    its pairs and unknown labels, which this answer does not read."""
    known_keys = _level1_keys()
    keys = (level_key(t) for t in (*level1_seen, level1) if t and t.strip())
    covering, mixed = _covering(frozenset(k for k in keys if k in known_keys))
    # The default among those that fit (no level-2 read yet to tell): the taxonomy's parent decides.
    if mixed or covering[0].default:
        return False
    return _fits(covering, level1, level2)


def _fits(frameworks, level1: str, level2: str) -> bool:
    """Does one of ``frameworks`` place ``level2`` under ``level1`` (the union of their children
    holds it exactly where one of them does: no merged dict is built to ask one key)."""
    key1, key2 = level_key(level1), level_key(level2)
    return any(key2 in f.level2.get(key1, ()) for f in frameworks)


@cache
def _value_types() -> frozenset[str]:
    vt = taxonomy()["value_types"]
    return frozenset([*vt["comparators"], *vt["words"]])


@lru_cache(maxsize=16384)
def is_value_type(text: str) -> bool:
    """True when ``text`` is what a 指标值类型 / 指标性质 cell holds (≥, ≦, 定性, 定量 …), or a
    comparator the value grammar reads in that column (⩾, 大于或等于, ≥（大于等于）)."""
    if compact(text) in _value_types():
        return True
    from checker.values import column_comparator  # lazy: the grammar is not needed to load the vocabulary

    return column_comparator(text) is not None


@cache
def header_labels() -> dict:
    """rules/header_labels.yaml as loaded, from the validated pack's cache or checked against its
    schema (RulePackError when it fails)."""
    return checked_data(rules_dir() / "header_labels.yaml", header_labels_problems)


@cache
def _header_index() -> dict[str, str]:
    data = header_labels()
    index: dict[str, str] = {}
    for key, labels in data["fields"].items():
        for lab in labels:
            index[compact(lab)] = key
    for source, labels in data["fund_sources"].items():
        for lab in labels:
            index[compact(lab)] = f"fund:{source}"
    return index


@cache
def header_names() -> frozenset[str]:
    """Every header key and label of rules/header_labels.yaml as written there
    (``budget_total``, ``资金总额``, ``fund:一般公共预算``, ``一般公共预算``, ``spend:基本支出`` …)."""
    index = _header_index()
    keys = set(index.values())
    keys |= {k.split(":", 1)[1] for k in keys if ":" in k}
    return frozenset(keys | set(index))


@lru_cache(maxsize=16384)
def header_key(text: str) -> tuple[str | None, str | None]:
    """(Form.header key, unit) for a header label as written, e.g. ``"项目资金(元)"`` → (None, "元"),
    ``"年度本级 预算金额"`` → ("budget_total", None), ``"其中:  一般公共预算"`` → ("fund:一般公共预算",
    None). Unknown labels give (None, unit-or-None). Source: rules/header_labels.yaml."""
    t = compact(text)
    unit = None
    m = money.pattern(money.BRACKETED).search(t)  # "项目资金(元)", "年度预算申请(万元)"
    if m:
        unit = m.group(1)
        t = (t[: m.start()] + t[m.end():]).strip()
    t = _LEAD.sub("", t).rstrip(":")
    key = _header_index().get(t)
    if key is None and t.endswith(")") and "(" in t:
        # A remark in brackets after the label: 项目名称(全称), 资金总额(含上年结转).
        key = _header_index().get(t[: t.rindex("(")].rstrip(":"))
    return key, unit


@cache
def narrative_labels() -> tuple[str, ...]:
    """The labels of a target form's narrative rows (项目概况, 立项依据, 实施内容 …), longest first,
    as compacted by checker.layout.labels.compact. Source: rules/header_labels.yaml ``narrative``."""
    data = header_labels()
    return tuple(sorted({compact(lab) for lab in data.get("narrative") or []}, key=len, reverse=True))
