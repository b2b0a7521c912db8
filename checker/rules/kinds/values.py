"""Value kinds: what the grammar made of each indicator value (``Indicator.parsed``), checked
against its value type, unit, range, direction, patterns and vague words (V201–V211, S108).

Every kind takes ``where`` (an indicator predicate, checker/rules/select.py) to say which
indicators it looks at. An indicator the grammar did not parse is left to V211.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable

from checker.layout.labels import normalize
from checker.model import Form
from checker.rules.kinds import Hit, kind
from checker.rules.kinds._common import NUMBER, PRED, STR_LIST, cell, named, options, per_options, synonyms, where_test
from checker.rules.money import TO_WAN
from checker.rules.select import comparator, compiled, number, same_label, select, unit_of, value_kind
from checker.values.units import load_units

_NUMERIC_TEXT = re.compile(r"^[=≥≤<>≧≦＝＞＜]?\s*[0-9０-９]+([.．][0-9０-９]+)?\s*[%％]?$")
QUANT_KINDS = ("quantity", "range")


def _rows(form: Form, check, ctx):
    """The named rows under the check's ``where`` (a new list); the form's named rows are listed
    once per form for the value kinds (Context.once)."""
    return select(named(form, ctx), check.options.get("where"), synonyms(ctx))


def _data(ind, **more):
    d = {"comparator": comparator(ind) or "", "number": number(ind) if number(ind) is not None else "",
         "unit": unit_of(ind)}
    d.update(more)
    return d


@kind("value_type", variants=("needs_number", "needs_text"), needs_values=True, schema=options({
    "where": PRED,
    "qualitative": {**STR_LIST, "default": ["定性"]},
    "quantitative": {**STR_LIST, "description": "value-type words that need a number",
                     "default": ["=", "≥", "≤", ">", "<", "≧", "≦", "＝", "＞", "＜", "定量"]},
}))
def value_type(check, form: Form, ctx) -> Iterable[Hit]:
    """The value-type column agrees with the value: a comparator or 定量 needs a number, a
    date or a duration, not text (variant ``needs_number``; a class or grade such as Ⅲ类 or
    A级 is ordinal and passes); 定性 needs text, not a bare
    number (variant ``needs_text``). Source: V201."""
    o = check.options
    qual = o.get("qualitative") or ["定性"]
    quant = o.get("quantitative") or ["=", "≥", "≤", ">", "<", "≧", "≦", "＝", "＞", "＜", "定量"]
    for ind in _rows(form, check, ctx):
        vt = normalize(ind.value_type).replace(" ", "")
        if not vt or not ind.value.strip():
            continue
        if vt in qual and (_NUMERIC_TEXT.match(ind.value.strip()) or _plain_quantity(ind)):
            yield Hit(indicator=ind, place=cell(ind, "value"), variant="needs_text")
        elif vt in quant and value_kind(ind) in ("qualitative", "timeliness") and not _class_grade(ind):
            yield Hit(indicator=ind, place=cell(ind, "value"), variant="needs_number")


# A class or grade, compared as one: Ⅲ类 (water quality), ≥A级, AAA级, 二级及以上, 良好. Under a
# comparator type it is ordinal, not text the comparator cannot apply to.
_CLASS_GRADE = re.compile(r"^[=≥≤<>≧≦⩾⩽＝＞＜]?\s*(?:(?:[ⅠⅡⅢⅣⅤⅥIV]+|[A-Ea-e]+|[1-5]?A|[一二三四五六])\s*"
                          r"(?:类|级|等|星)|合格|良好|优良|优秀|达标)(?:及以上|以上|及以下|以下|以内)?$")


# A grade bound on the 优秀/良好/合格 scale, not vague wording: ≥良好, 良好及以上
_GRADE_BOUND = re.compile(r"^(?:[≥≤>＞≧⩾]\s*(?:优秀|良好|合格|优良)|(?:优秀|良好|合格|优良)(?:及以上|以上))$")


# A zero in words: 零事故, 无重大安全事故, 杜绝违规 under = or ≤ says "0 of them"; 是/否 under =
# answers a 是否… indicator
_ZERO_IN_WORDS = re.compile(r"^[=≤＝]?\s*(?:(?:零|无|杜绝)[\u4e00-\u9fff]{1,10}|是|否|有|无)$")


def _class_grade(ind) -> bool:
    """A grade or a zero in words, which a comparator type fits (see _CLASS_GRADE, _ZERO_IN_WORDS)."""
    text = ind.value.strip()
    return _CLASS_GRADE.match(text) is not None or _ZERO_IN_WORDS.match(text) is not None


# Only a multiplier where a unit belongs: 16530万, 3.42亿, 15万/天 (万 of what?).
_MULTIPLIER_ONLY = re.compile(r"^[十百千万亿]+(?:/.*)?$")


def _plain_quantity(ind) -> bool:
    """A number with its unit and nothing else: 达到3类标准 and 确保90%农户受益 are text that
    holds a number (unit_with_text, or prose before the comparator), fine under 定性."""
    p = ind.parsed
    return (value_kind(ind) in QUANT_KINDS and "unit_with_text" not in getattr(p, "notes", ())
            and not getattr(p, "subject", ""))


@kind("unit_required", variants=("incomplete", "unknown"), needs_values=True, schema=options({"where": PRED}))
def unit_required(check, form: Form, ctx) -> Iterable[Hit]:
    """A quantitative value has a unit, in the unit column or inside the value. A value that
    carries only a multiplier (``16530万``: 万 of what?) is variant ``incomplete``; a unit that
    is written but not in rules/units.yaml (``≥3轮次``) is variant ``unknown``: the filer wrote a
    unit, the table lacks it. The text is in placeholder ``written``. A unit written in the name's
    brackets (``实施营造林总面积(亩)`` 80000, see unit_in_name) is the value's unit. Source: V202."""
    where = where_test(check, ctx)  # asked after the value's own tests (V202: two name regexes)
    for ind in named(form, ctx):
        if value_kind(ind) not in QUANT_KINDS or unit_of(ind) or not where(ind):
            continue  # only a quantity with no unit is judged
        if getattr(ind.parsed, "subject", "")[:2].lower() == "ph":
            continue  # pH 6-9 (出水水质): a dimensionless measure named in the value
        if getattr(ind.parsed, "kind", "") == "quantity" and getattr(ind.parsed, "number", None) == 0:
            continue  # 0 is 0 in any unit: 安全事故发生率 0, 投诉次数 =0
        if not unit_in_name(ind.name):
            written = getattr(ind.parsed, "unit_in_value", None) or getattr(ind.parsed, "unit_in_column", None)
            variant = None
            if written:
                variant = "incomplete" if _MULTIPLIER_ONLY.match("".join(written.split())) else "unknown"
            yield Hit(indicator=ind, place=cell(ind, "unit"), variant=variant,
                      data={**_data(ind), "written": written or ""})


# A bracket in an indicator's name: 实施营造林总面积(亩), 受益人数（人）, and a template's
# placeholder the filer left in the name with its unit, 项目总投入(≥**万元), 成活率(≥**%).
_NAME_BRACKET = re.compile(r"[(（]([^()（）]{1,16})[)）]")
_PLACEHOLDER = re.compile(r"^[=≥≤<>≧≦＝＞＜⩾⩽\s]*[*＊xX×＿_\s]*")


def unit_in_name(name: str) -> str | None:
    """The unit a bracket in ``name`` writes (a unit of rules/units.yaml, after any comparator and
    ``**``/``XX`` placeholder), else None: the form prints the unit in the name's brackets and
    leaves the value column a bare number (unit-in-header layouts of Ningxia and Chongqing)."""
    units = load_units()
    for m in _NAME_BRACKET.finditer(name):
        text = _PLACEHOLDER.sub("", m.group(1)).strip()
        if text and units.get(text) is not None:
            return text
    return None


@kind("unit_consistent", variants=("count", "fraction", "mismatch", "rate"), needs_values=True, schema=options({
    "where": PRED,
    "rate_names": {"type": "string", "description": "regex: names that are rates (need a rate unit)"},
    "rate_units": STR_LIST,
    "count_names": {"type": "string", "description": "regex: names that are counts (never in %)"},
    "rate_unit_elsewhere": {"type": "string", "description": "regex: rate names whose unit another "
                            "rule judges (satisfaction: V208), so variant rate leaves them alone"},
}))
def unit_consistent(check, form: Form, ctx) -> Iterable[Hit]:
    """The unit inside the value agrees with the unit column (variant ``mismatch``); a rate
    name is in a rate unit (``rate``); a count is not in % (``count``); a rate name whose number
    is in doubt (``0.95`` under a % column, not under ≤/<: note percent_as_fraction) is
    ``fraction``, a doubt for the filer to check rather than an error (placeholder percent:
    the number ×100). Placeholders:
    unit_in_value, unit_in_column, unit. Source: V203."""
    o = check.options
    rate_units = o.get("rate_units") or ["%", "‰"]
    # the name regexes found once per form, not in re's cache for every row (an empty one: none)
    rate, elsewhere, count = (_search(o.get(k)) for k in ("rate_names", "rate_unit_elsewhere", "count_names"))
    for ind in _rows(form, check, ctx):
        if value_kind(ind) not in QUANT_KINDS:
            continue
        in_value, in_column = getattr(ind.parsed, "unit_in_value", None), getattr(ind.parsed, "unit_in_column", None)
        unit = unit_of(ind)
        name = normalize(ind.name)
        if _percent_as_fraction(ind) and rate and rate(name) and comparator(ind) not in ("≤", "<"):
            percent = format((number(ind) * 100).normalize(), "f")  # 0.95 → 95
            yield Hit(indicator=ind, place=cell(ind, "value"), variant="fraction",
                      data=_data(ind, percent=percent))
        elif isinstance(in_value, str) and isinstance(in_column, str) and _units_differ(in_value, in_column):
            yield Hit(indicator=ind, place=cell(ind, "value"), variant="mismatch",
                      data=_data(ind, unit_in_value=in_value, unit_in_column=in_column))
        elif unit and rate and rate(name) and unit not in rate_units and not (elsewhere and elsewhere(name)):
            yield Hit(indicator=ind, place=cell(ind, "unit"), variant="rate", data=_data(ind))
        elif unit in rate_units and count and count(name):
            yield Hit(indicator=ind, place=cell(ind, "unit"), variant="count", data=_data(ind))


def _search(regex: str | None):
    """The search of ``regex`` (compiled through re's cache), or None for no or an empty regex."""
    return re.compile(regex).search if regex else None


def _percent_as_fraction(ind) -> bool:
    """0.95 under a unit column %: a spreadsheet's 95% stored as a fraction, or a real 0.95%.
    Which one is in doubt, so no bound is checked on the number (note percent_as_fraction)."""
    return "percent_as_fraction" in getattr(ind.parsed, "notes", ())


def _units_differ(in_value: str, in_column: str) -> bool:
    """Two written units name different units: 平方米 and ㎡, ％ and %, 天 and 日 are one unit
    (compared by the units table's canonical names); unknown units compare as written."""
    if not in_value or not in_column:
        return False
    from checker.values import load_units

    units = load_units()
    a, b = units.get(in_value), units.get(in_column)
    if a is not None and b is not None:
        return a.name != b.name
    return "".join(in_value.split()) != "".join(in_column.split())


@kind("range", variants=("at_max", "outside"), needs_values=True, schema=options({
    "where": PRED, "min": NUMBER, "max": NUMBER,
    "loose_at_max": {"type": "array", "items": {"enum": ["≥", ">"]},
                     "description": "comparators that, at max, should be '=' (variant at_max)"},
}))
def value_range(check, form: Form, ctx) -> Iterable[Hit]:
    """The number lies in [min, max] (variant ``outside``; '>' max is outside too); ``≥ max``
    should be ``= max`` (variant ``at_max``). Placeholders: min, max, number, comparator.
    Source: V204."""
    o = check.options
    lo = Decimal(str(o["min"])) if "min" in o else None
    hi = Decimal(str(o["max"])) if "max" in o else None
    for ind in _rows(form, check, ctx):
        n, c = number(ind), comparator(ind)
        if value_kind(ind) != "quantity" or n is None or _percent_as_fraction(ind):
            continue
        if (lo is not None and (n < lo or (n == lo and c == "<"))) or (hi is not None and (n > hi or (n == hi and c == ">"))):
            variant = "outside"
        elif hi is not None and n == hi and c in (o.get("loose_at_max") or []):
            variant = "at_max"
        else:
            continue  # the message's data made for a hit only (~1 row in 170 of the batch mix)
        data = _data(ind, min=lo if lo is not None else "", max=hi if hi is not None else "")
        yield Hit(indicator=ind, place=cell(ind, "value"), variant=variant, data=data)


@kind("direction", variants=("negative", "positive"), needs_values=True, schema=options({
    "where": PRED,
    "positive": {**STR_LIST, "description": "name words of measures where more is better"},
    "negative": {**STR_LIST, "description": "name words of measures where less is better"},
    "neutral": {"type": "array", "items": {"type": "string"},
                "description": "words that turn the direction around or make it unclear (降低, 节约 …)"},
    "negative_level1": {**STR_LIST, "description": "level-1 labels whose money amounts are costs, "
                                                   "less being better (成本指标)"},
}, ["positive", "negative"]))
def direction(check, form: Form, ctx) -> Iterable[Hit]:
    """A positive measure with ≤ or < (variant ``positive``), a negative one with ≥ or >
    (``negative``); names with both kinds of word or a neutral word are left alone.
    Source: V205."""
    o = check.options
    where = where_test(check, ctx)  # asked after the value's own tests
    for ind in named(form, ctx):
        c = comparator(ind)
        if value_kind(ind) != "quantity" or c is None or not where(ind):
            continue
        name = normalize(ind.name)
        if any(w in name for w in o.get("neutral") or []):
            continue
        pos, neg = any(w in name for w in o["positive"]), _negative(name, o["negative"])
        # 成本指标 as a level-2 under 产出指标 (pre-2022 forms) holds costs as much as the level-1 does.
        neg = neg or (unit_of(ind) in TO_WAN and any(same_label(label, x, synonyms(ctx))
                                                     for x in o.get("negative_level1") or []
                                                     for label in (ind.level1, ind.level2)))
        if pos and not neg and c in ("≤", "<"):
            yield Hit(indicator=ind, place=cell(ind, "value"), variant="positive", data=_data(ind))
        elif neg and not pos and c in ("≥", ">"):
            yield Hit(indicator=ind, place=cell(ind, "value"), variant="negative", data=_data(ind))


def _negative(name: str, words: list[str]) -> bool:
    """A name with a negative word. A rate (…率) is negative only when the rate itself is of the
    negative thing (事故率, 投诉率, 事故发生率): 费用支付率 and 成本核算准确率 measure something done
    about a cost, where more is better."""
    hits = [w for w in words if w in name]
    if not hits or not name.endswith("率"):
        return bool(hits)
    return any(w.endswith("率") or name[:-1].endswith(w) for w in hits)


_FIELDS = ["value", "name", "unit", "value_type"]


@kind("pattern", variants=lambda o: {p["variant"] for p in o.get("patterns") or [] if isinstance(p, dict)
                                         and isinstance(p.get("variant"), str)}, schema=options({
    "where": PRED,
    "fields": {"type": "array", "items": {"enum": _FIELDS}, "minItems": 1},
    "patterns": {"type": "array", "minItems": 1, "items": {
        "type": "object", "required": ["regex"], "additionalProperties": False,
        "properties": {"regex": {"type": "string"}, "fix": {"type": "string"}, "variant": {"type": "string"}}}},
}, ["fields", "patterns"]))
def pattern(check, form: Form, ctx) -> Iterable[Hit]:
    """A field of a named indicator matches one of ``patterns`` (regex, searched). One hit per
    indicator. Placeholders: field, text, match, fix. Source: S108, V206."""
    o = check.options
    compiled, anywhere = _patterns(o["patterns"])
    for ind in _rows(form, check, ctx):
        hit = _first_match(ind, o["fields"], compiled, anywhere)
        if hit:
            yield hit


def _patterns(patterns: list[dict]):
    """(the (regex, entry) pairs, the search of their alternation or None) of a pattern check's
    ``patterns``, made once per options object (the pack's, for every form), not once per form.

    The alternation ``(?:p1)|(?:p2)…`` matches a text exactly where one of the patterns does; a
    pattern that would read otherwise inside it (a group number or condition: ``\\1``, ``(?(1)``;
    a global flag, which is not allowed there) leaves it None: every pattern is tried then."""
    return per_options(_PATTERNS, _make_patterns, patterns)


def _make_patterns(patterns: list[dict], _syn=None):
    compiled = [(re.compile(p["regex"]), p) for p in patterns]
    if any(_NUMBERED.search(p["regex"]) for p in patterns):
        return compiled, None
    try:
        return compiled, re.compile("|".join(f"(?:{p['regex']})" for p in patterns)).search
    except re.error:  # e.g. a pattern's global flag (?i), allowed only at the start
        return compiled, None


# Pattern lists → their (regex, entry) pairs and their alternation's search or None (per_options)
_PATTERNS: dict[int, tuple] = {}
# What reads a group by its number (a back-reference \1, a conditional group (?(1)…)), which an
# alternation of several patterns would renumber (a group named twice fails to compile: no
# alternation then either).
_NUMBERED = re.compile(r"\\[1-9]|\(\?\(")


def _first_match(ind, fields, compiled, anywhere=None):
    """The Hit of the first field (in ``fields`` order) with a match, at the first of
    ``compiled`` ((regex, pattern entry) pairs) that matches it; ``anywhere`` (the search of
    every pattern at once, or None) says first whether any does."""
    for f in fields:
        text = getattr(ind, f).strip()
        if not text:
            continue  # an empty field matches nothing (most rows leave 指标值类型 blank)
        if anywhere is not None and anywhere(text) is None:
            continue  # no pattern matches: one search instead of one per pattern (V206 has nine)
        for rx, p in compiled:
            m = rx.search(text)
            if m:
                return Hit(indicator=ind, place=cell(ind, f), variant=p.get("variant"),
                           data={"field": f, "text": text, "match": m.group(0), "fix": p.get("fix", "")})
    return None


# What vague_words reads past (spaces, punctuation), and a digit, which makes a text specific
_VAGUE_SPACING, _DIGIT = re.compile(r"[\s，,。.、；;]"), re.compile(r"[0-9０-９]")


@kind("vague_words", schema=options({
    "where": PRED,
    "words": STR_LIST,
    "max_length": {"type": "integer", "minimum": 1, "default": 8,
                   "description": "longer texts are taken as specific enough"},
}, ["words"]))
def vague_words(check, form: Form, ctx) -> Iterable[Hit]:
    """A value given only as vague text: short (≤ max_length characters), not a number, and
    containing one of ``words``. Placeholders: word. Source: 财预〔2021〕101号 (V210)."""
    o = check.options
    for ind in _rows(form, check, ctx):
        text = _VAGUE_SPACING.sub("", ind.value)
        if value_kind(ind) == "change" or _GRADE_BOUND.match(text):
            continue  # 较上年提高: against last year's figure; ≥良好, 良好及以上: a grade on a scale
        if not text or _DIGIT.search(text) or len(text) > o.get("max_length", 8):
            continue
        word = next((w for w in o["words"] if w in text), None)
        if word:
            yield Hit(indicator=ind, place=cell(ind, "value"), data={"word": word})


@kind("parse_error", needs_values=True, schema=options({"where": PRED}))
def parse_error(check, form: Form, ctx) -> Iterable[Hit]:
    """A value the grammar could not parse (``Indicator.parse_error``). Placeholders: text,
    error. Source: V211."""
    for ind in _rows(form, check, ctx):
        if ind.parse_error:
            yield Hit(indicator=ind, place=cell(ind, "value"), data={"text": ind.value, "error": ind.parse_error})


@kind("conditional", needs_values=True, schema=options({
    "where": PRED, "when": PRED, "then": PRED,
    "doubt_on": {**STR_LIST, "description": "layout doubts of a row (shifted) that make a failed `then` a doubt (X903), "
                                            "not a finding: the row's labels may not be its own"},
    "period_block": {"type": "boolean", "default": False,
                     "description": "also judge the 实施期目标 block's rows (side-by-side forms), save one whose 年度 "
                                    "twin is under the same heading (judged already: one cause, one finding)"},
}, ["then"]))
def conditional(check, form: Form, ctx) -> Iterable[Hit]:
    """When an indicator matches ``where`` and ``when``, it must match ``then``. An indicator
    the grammar could not parse is skipped (V211 reports it). Placeholders: comparator, number,
    unit. With ``period_block``, the 实施期 block's rows are judged too. Source: V207, V208."""
    syn, o = synonyms(ctx), check.options
    where, when, then = _predicates(o, syn)
    rows = named(form, ctx)  # the where asked in the loop below, after the parse: no list of its own
    if o.get("period_block"):
        rows = [i for i in rows if where(i)]
        rows += _period_rows(form, rows, o.get("where"), syn)
        where = _always
    for ind in rows:
        if ind.parsed is None or not where(ind) or not when(ind):
            continue
        # 0.95 under %: 95% or 0.95%? not held against a bound (V203 says so); the predicates
        # are walked only for such a row (rare), not for every form
        if _percent_as_fraction(ind) and (_tests(o.get("when"), "number") or _tests(o["then"], "number")):
            continue
        if not then(ind):
            doubt = next((d for d in ind.doubts if d in (o.get("doubt_on") or ())), None)
            if doubt is not None:
                yield Hit(indicator=ind, doubt=_DOUBT_NAMES.get(doubt, doubt))
                continue
            yield Hit(indicator=ind, place=cell(ind, "value"), data=_data(ind))


def _always(_ind) -> bool:
    return True


def _predicates(o: dict, syn) -> tuple:
    """(where, when, then) of a conditional check's options, compiled (select.compiled), made once
    per options object (the pack's, resolved for a day) and synonym table: ten conditionals ask
    on every form (per_options)."""
    return per_options(_PREDICATES, _make_predicates, o, syn)


def _make_predicates(o: dict, syn) -> tuple:
    return compiled(o.get("where"), syn), compiled(o.get("when"), syn), compiled(o["then"], syn)


_PREDICATES: dict[int, tuple] = {}


def _period_rows(form: Form, annual: list, where, syn) -> list:
    """The 实施期 block's named rows under ``where``, less those whose 年度 twin (the annual row
    the layout paired with it: same name and value) is among ``annual``, judged already."""
    twins = {(i.period_name, i.period_value) for i in annual if i.period_name}
    return [i for i in select([i for i in form.period_indicators if i.name.strip()], where, syn)
            if (i.name, i.value) not in twins]


# The layout's doubt names (Indicator.doubts) → the engine's doubt texts (engine.DOUBT_TEXT).
_DOUBT_NAMES = {"shifted": "row_shifted"}


def _tests(pred, key: str) -> bool:
    """True when predicate ``pred`` (or one nested in not/any) uses the test ``key``."""
    if isinstance(pred, dict):
        return key in pred or any(_tests(v, key) for k, v in pred.items() if k in ("not", "any"))
    if isinstance(pred, list):
        return any(_tests(p, key) for p in pred)
    return False
