"""Structure kinds: presence of indicators and header fields, the level-1/level-2 taxonomy,
empty level-2 rows, duplicate and badly named level-3 indicators (S101–S111).

A form's indicator framework (rules/taxonomy.yaml ``frameworks``) is recognised from its level-1
labels (checker.layout.vocab.framework_of). ``required`` judges the default framework's level-1s
(产出/效益/满意度/成本) only on forms written on it; ``taxonomy`` and ``name_check`` judge a form
on another framework (投入/过程/产出/效果 …) by that framework's names. A form whose level-1s come
from more than one framework is in doubt: its hits are info (variant ``framework_mixed``)."""

from __future__ import annotations

import re
from typing import Iterable

from checker.layout.labels import normalize
from checker.layout.vocab import FrameworkMatch, framework_of, frameworks, label_level, level_key
from checker.model import Form
from checker.rules.kinds import Hit, kind
from checker.rules.kinds._common import PRED, STR_LIST, cell, named, options, per_options, synonyms
from checker.rules.select import compiled, label_key, label_keys, matches, same_label, select


def _level2_ok(level2: str, wanted: list[str] | None, syn) -> bool:
    if not wanted:
        return True
    return any((w == "" and not level2.strip()) or (w and same_label(level2, w, syn)) for w in wanted)


@kind("required", variants=("framework_mixed", "misplaced"), schema=options({
    "level1": {**STR_LIST, "description": "each level-1 named here needs indicators"},
    "level2": {"type": "array", "items": {"type": "string"},
               "description": "any of these level-2 names counts (\"\" = a row with no level-2)"},
    "min": {"type": "integer", "minimum": 1, "default": 1},
    "where": PRED,
    "unless_text": {**STR_LIST, "description": "skip the form when a header field or indicator says so"},
    "only_if_level1_filled": {"type": "boolean", "default": False,
                              "description": "judge a level-1 only when it has some level-3 indicator "
                                             "(an empty level-1 is another rule's finding, e.g. S101)"},
    "other_frameworks": {"enum": ["skip", "required"], "default": "skip",
                         "description": "a form written on another indicator framework (rules/taxonomy.yaml "
                                        "frameworks, e.g. 投入/过程/产出/效果): skip it, or ask for that "
                                        "framework's own required level-1s"},
    "unknown_level2": {"enum": ["other_rule", "missing"], "default": "missing",
                       "description": "rows under the level-1 whose level-2 no framework knows (时点指标 under "
                                      "成本指标): count as missing, or leave them to the rule on level-2 names "
                                      "(S104), one cause, one finding"},
    "misplaced": {**PRED, "description": "rows that stand where the template used to put what is missing "
                                         "(成本指标 under 产出指标): the hit names them, variant 'misplaced'"},
}, ["level1"]))
def required(check, form: Form, ctx) -> Iterable[Hit]:
    """Each ``level1`` (of the default framework) has at least ``min`` named level-3 indicators
    (under one of ``level2``). A form on another framework is skipped, or with ``other_frameworks:
    required`` judged by that framework's ``required`` level-1s; on a form mixing frameworks a hit
    is info (variant ``framework_mixed``, placeholder framework). Placeholders: level1, level2,
    min, count; with ``misplaced`` rows on the form, variant ``misplaced`` (placed_under, names).
    Source: 财预〔2015〕88号 (S101, S102, S103, S105, S106)."""
    o, syn = check.options, synonyms(ctx)
    fw = form_framework(form, ctx)
    wanted = o["level1"]
    if not fw.mixed and not fw.is_default:
        if o.get("other_frameworks") != "required":
            return
        wanted = list(fw.required)
    hits = _required_hits(form, wanted, o, syn, ctx)
    # The form's texts (unless_text) and the misplaced rows only tell what a hit is, so they are
    # read only on a form that has one (most forms have every level-1 asked for).
    if not hits or _says(form, o.get("unless_text")):
        return
    misplaced = select(named(form, ctx), o["misplaced"], syn) if o.get("misplaced") else []
    for hit in hits:
        if misplaced and not hit.doubt:  # not missing: filed where an older template put it
            hit.variant, hit.place = "misplaced", misplaced[0].place
            hit.data.update(placed_under=misplaced[0].level1, names="、".join(i.name for i in misplaced))
        if fw.mixed:
            hit.variant, hit.severity, hit.data["framework"] = "framework_mixed", "info", fw.title
        yield hit


def form_framework(form: Form, ctx=None) -> FrameworkMatch:
    """The framework of a form's level-1 labels (indicators and level-2 rows); its level-2s decide
    between frameworks that both hold every level-1 (产出、效果 are the default's and 53号's).
    With ``ctx``, worked out once per form of the run (S101–S107 and S109 each ask)."""
    if ctx is not None:
        return ctx.once(("form_framework", id(form)), form_framework, form)
    pairs = tuple([(i.level1, i.level2) for i in form.indicators] + [(g.level1, g.level2) for g in form.level2_groups])
    fws = frameworks()
    hit = _FRAMEWORK_OF.get(pairs)
    if hit is None or hit[0] is not fws:  # ~10 checks per form ask; forms of one template share labels
        if len(_FRAMEWORK_OF) > 4096:
            _FRAMEWORK_OF.clear()
        hit = _FRAMEWORK_OF[pairs] = (fws, framework_of([a for a, _ in pairs], pairs))
    return hit[1]


# (level-1, level-2) pairs of a form → (the frameworks it was judged against, FrameworkMatch).
_FRAMEWORK_OF: dict[tuple, tuple] = {}


def _required_hits(form: Form, wanted: list[str], o: dict, syn, ctx=None) -> list[Hit]:
    hits = list(_each_required(form, wanted, o, syn, ctx))
    if not hits:
        return hits  # most forms have every level-1 asked for
    doubts = [h for h in hits if h.doubt]
    if len(doubts) > 1:  # one cause (the rows' blank level-1), one doubt naming every level-1 it hides
        doubts[0].data["level1"] = "、".join(str(h.data["level1"]) for h in doubts)
        hits = [h for h in hits if not h.doubt or h is doubts[0]]
    return hits


def _each_required(form: Form, wanted: list[str], o: dict, syn, ctx=None) -> Iterable[Hit]:
    by_level1 = _rows_by_level1(form, syn) if ctx is None else ctx.once(("rows_by_level1", id(form), id(syn)),
                                                                        lambda: _rows_by_level1(form, syn))
    level2_ok, where = _tests_of(o, syn)
    for l1 in wanted:
        under = by_level1.get(label_key(l1, syn), ())
        found = [i for i, k2 in under if level2_ok(i.level2, k2) and where(i)]
        if o.get("only_if_level1_filled") and not under:
            continue
        if len(found) < o.get("min", 1):
            first = next((i for i in form.indicators if same_label(i.level1, l1, syn)), None)
            # Rows whose level-1 the form leaves blank may be the ones asked for: a doubt, no error.
            doubt = "level_unread" if _unplaced_under(form, l1, o, syn) else None
            yield Hit(place=first.place if first else form.place, doubt=doubt,
                      data={"level1": l1, "level2": "、".join(x for x in o.get("level2") or [] if x),
                            "min": o.get("min", 1), "count": len(found)})


def _rows_by_level1(form: Form, syn) -> dict[str, list[tuple]]:
    """The named rows by their level-1 key, each with its level-2 key ("" for no level-2), in
    form order; rows with no level-1 are left out: the index the required checks of a form
    (S101–S106, seven a form) look their level-1 up in, made once per form instead of each
    check keying every row."""
    key = label_keys(syn)
    out: dict[str, list[tuple]] = {}
    for i in named(form):
        if i.level1:
            out.setdefault(key(i.level1), []).append((i, key(i.level2) if i.level2 else ""))
    return out


def _tests_of(o: dict, syn):
    """The tests a required check asks of a row under a wanted level-1: (does its level-2 count:
    one of ``level2`` (``_level2_test``) or, with ``unknown_level2: other_rule``, one no framework
    knows (``_unknown_left``), as a function of the row's level-2 and its key; the ``where``).
    Made once per options object (the pack's, resolved for a day) and synonym table: seven
    required checks ask on every form, and their wanted level-2 keys are the same each time."""
    return per_options(_TESTS_OF, _make_tests, o, syn)


def _make_tests(o: dict, syn):
    level2_ok = _level2_test(o.get("level2"), syn)
    if o.get("unknown_level2") == "other_rule":
        listed = level2_ok

        def level2_ok(level2: str, key: str) -> bool:
            return listed(level2, key) or _unknown_left(level2, o)
    return level2_ok, compiled(o.get("where"), syn)


_TESTS_OF: dict[int, tuple] = {}


def _level2_test(wanted: list[str] | None, syn):
    """``_level2_ok(level2, wanted, syn)`` as a function of a row's ``level2`` and its key
    (``label_key(level2, syn)``, from _rows_by_level1), the wanted keys made once."""
    if not wanted:
        return lambda level2, key: True
    empty, keys = "" in wanted, {label_key(w, syn) for w in wanted if w}
    return lambda level2, key: (empty and not level2.strip()) or (bool(level2) and key in keys)


def _unknown_left(level2: str, o: dict) -> bool:
    """A level-2 no framework of rules/taxonomy.yaml knows, when ``unknown_level2`` leaves it to S104."""
    return o.get("unknown_level2") == "other_rule" and bool(level2.strip()) and label_level(level2) is None


def _unplaced_under(form: Form, level1: str, o: dict, syn) -> bool:
    """Does a level-3 row with no level-1 on the form (the layout invents none: a table whose first
    rows carry no level labels) have a level-2 that rules/taxonomy.yaml places under ``level1``, in
    the default framework or another (满意度 is a level-2 of 效益 in 财预〔2020〕10号's, which
    self-evaluations follow: a blank level-1 over 服务对象满意度 may be 效益指标)?"""
    for i in named(form):
        lab = label_level(i.level2) if not i.level1.strip() and i.level2.strip() else None
        if (lab is not None and lab.level == 2 and (same_label(lab.parent, level1, syn) or _placed_under(level1, i.level2))
                and _level2_ok(i.level2, o.get("level2"), syn) and matches(i, o.get("where"), syn)):
            return True
    return False


def _placed_under(level1: str, level2: str) -> bool:
    """Does any framework of rules/taxonomy.yaml place ``level2`` under ``level1``?"""
    k1, k2 = level_key(level1), level_key(level2)
    return any(k2 in fw.level2.get(k1, {}) for fw in frameworks())


def _says(form: Form, words: list[str] | None) -> bool:
    if not words:
        return False
    texts = [normalize(f.raw) for f in form.header.values()] + [
        normalize(t) for i in form.indicators for t in (i.name, i.value, i.note)]
    if not texts or any("\0" in w for w in words):
        return any(w in t for t in texts for w in words)
    joined = "\0".join(texts)  # one search per word, not one per word and text: no word spans a NUL
    return any(w in joined for w in words)


@kind("header_required", schema=options({
    "fields": {"type": "array", "minItems": 1, "items": {
        "type": "object", "required": ["keys", "label"], "additionalProperties": False,
        "properties": {"keys": STR_LIST, "label": {"type": "string"}}}},
}, ["fields"]))
def header_required(check, form: Form, ctx) -> Iterable[Hit]:
    """Each entry of ``fields`` (any of its header ``keys``) is present with a value.
    Placeholders: field (the entry's label). Source: S111.

    A field is the filer's omission only where the header block was read whole, which the
    indicator table under it shows; on a form whose table was not read (the page cut off in or
    after the header, a layout the reader did not know) the header's end is unknown, so a missing
    field is a doubt (X903 ``header_unread``), not an error. A form of which not one header field
    was read, though its table was, has its header where the layout did not look for one (the
    columns of a one-row-per-project table: 项目名称 预算数 年度绩效目标 一级指标 …; a table inside
    a report under its own caption): a doubt too (X903 ``header_none``)."""
    whole = bool(form.indicators or form.level2_groups or form.tables)
    doubt = None if whole and form.header else "header_unread" if not whole else "header_none"
    for entry in check.options["fields"]:
        present = [form.header[k] for k in entry["keys"] if k in form.header]
        if not any(f.raw.strip() or f.money is not None for f in present):
            data = {"field": entry["label"], "keys": entry["keys"]}
            yield Hit(place=form.place, data=data, doubt=doubt)


@kind("taxonomy", variants=("framework_mixed", "other_framework", "unknown", "unknown_level1", "unlisted", "unlisted_level1", "wrong_parent"), schema=options({
    "allow_same_as_level1": {"type": "boolean", "default": True,
                             "description": "a level-2 written as its own level-1 (成本指标/成本指标) is accepted"},
}))
def taxonomy(check, form: Form, ctx) -> Iterable[Hit]:
    """Every level-2 belongs to its level-1 (rules/taxonomy.yaml, synonyms applied).
    Variants: ``wrong_parent`` (placeholder parent: where it belongs), ``unknown`` (unknown
    level-2), ``unknown_level1``, info ``other_framework`` (a level-2 another framework places
    there: placeholder framework). A form on another framework is judged by that framework
    (``framework_level2`` below). Source: 财预〔2015〕88号 (S104)."""
    fw = form_framework(form, ctx)
    if not fw.is_default:
        yield from framework_level2(check, form, fw)
        return
    syn = synonyms(ctx)
    children, names = _taxonomy_keys(ctx.taxonomy, syn)
    seen = set()
    # (level-1, level-2, a level-2 row's place, an indicator): the indicator's level-2 cell is
    # looked up for a pair judged only, not for every row
    pairs = [(g.level1, g.level2, g.place, None) for g in form.level2_groups]
    pairs += [(i.level1, i.level2, None, i) for i in form.indicators]
    key = label_keys(syn)
    for l1, l2, place, ind in pairs:
        k1, k2 = key(l1), key(l2)
        if not l2.strip() or (k1, k2) in seen:
            continue
        seen.add((k1, k2))
        if k1 == k2 and check.options.get("allow_same_as_level1", True):
            continue
        if ind is not None:
            place = cell(ind, "level2")
        if k1 not in children:
            if l1.strip():
                yield Hit(place=place, variant="unknown_level1", data={"level1": l1, "level2": l2})
            continue
        if k2 in children[k1]:
            continue
        parents = [names[p] for p, kids in children.items() if k2 in kids]
        other = _other_framework(l1, l2)
        if parents:
            yield Hit(place=place, variant="wrong_parent", data={"level1": l1, "level2": l2, "parent": "、".join(parents)})
        elif other:
            # 项目效益 under 效益: right in 财预〔2020〕10号, so a mix of frameworks, not an invented name.
            yield Hit(place=place, variant="other_framework", data={"level1": l1, "level2": l2, "framework": other})
        else:
            yield Hit(place=place, variant="unknown", data={"level1": l1, "level2": l2,
                                                            "allowed": "、".join(ctx.taxonomy["children"][names[k1]])})


def _taxonomy_keys(taxonomy: dict, syn) -> tuple[dict[str, set[str]], dict[str, str]]:
    """(level-1 key → its level-2 keys, level-1 key → the level-1 as written) of the taxonomy:
    made once per taxonomy and synonym table (remembered while both are the same objects)."""
    hit = _TAXONOMY_KEYS.get("children")
    if hit is None or hit[0] is not taxonomy or hit[1] is not syn:
        children = {label_key(l1, syn): {label_key(c, syn) for c in kids} for l1, kids in taxonomy["children"].items()}
        names = {label_key(l1, syn): l1 for l1 in taxonomy["children"]}
        hit = _TAXONOMY_KEYS["children"] = (taxonomy, syn, (children, names))
    return hit[2]


def _label_keys(taxonomy: dict, syn) -> set[str]:
    """The keys of every level-1 and level-2 label of the taxonomy (S109: a name that is a label)."""
    hit = _TAXONOMY_KEYS.get("labels")
    if hit is None or hit[0] is not taxonomy or hit[1] is not syn:
        labels = {label_key(x, syn) for l1, kids in taxonomy["children"].items() for x in [l1, *kids]}
        hit = _TAXONOMY_KEYS["labels"] = (taxonomy, syn, labels)
    return hit[2]


# What the taxonomy kinds derive from a pack's taxonomy, with the objects it came from: one pack
# checks a batch, so it is worked out once, not per form. Callers do not modify the values.
_TAXONOMY_KEYS: dict[str, tuple] = {}


def _other_framework(level1: str, level2: str) -> str:
    """The titles of the non-default frameworks that place ``level2`` under ``level1`` ("" if none)."""
    return "；".join(f.title for f in frameworks() if not f.default and FrameworkMatch((f,)).fits(level1, level2))


def framework_level2(check, form: Form, fw: FrameworkMatch) -> Iterable[Hit]:
    """S104 on a form written on a framework other than the default. A level-2 that the framework
    places under another level-1 is ``wrong_parent``; one it does not list is ``unknown``, or info
    ``unlisted`` when units may add their own (``open_level2``); on a form mixing frameworks, a
    pair the best-fitting framework cannot judge is info ``framework_mixed``. Placeholders:
    level1, level2, parent, allowed, framework."""
    seen = set()
    pairs = [(g.level1, g.level2, g.place) for g in form.level2_groups]
    pairs += [(i.level1, i.level2, cell(i, "level2")) for i in form.indicators]
    for l1, l2, place in pairs:
        if not l2.strip() or not l1.strip() or (l1, l2) in seen:
            continue
        seen.add((l1, l2))
        data = {"level1": l1, "level2": l2, "framework": fw.title}
        if fw.fits(l1, l2) or label_key(l1) == label_key(l2):
            continue
        parents = [p for p in fw.parents(l2) if p != l1]
        if fw.mixed and not (fw.has_level1(l1) and parents):
            yield Hit(place=place, variant="framework_mixed", data=data)  # info: which framework is meant?
        elif not fw.has_level1(l1):
            yield Hit(place=place, variant="unlisted_level1" if fw.open_level2 else "unknown_level1", data=data)
        elif parents:
            yield Hit(place=place, variant="wrong_parent", data={**data, "parent": "、".join(parents)})
        else:
            allowed = "、".join(dict.fromkeys(fw.children(l1).values()))
            yield Hit(place=place, variant="unlisted" if fw.open_level2 else "unknown", data={**data, "allowed": allowed})


@kind("empty_group", variants=("no_value", "optional", "template_row"), schema=options({
    "optional": {"type": "array", "items": {"type": "string"},
                 "description": "level-2 names that may stay empty (reported with the 'optional' variant)"},
    "value_required": {"type": "boolean", "default": True},
    "template_rows": {"type": "boolean", "default": False,
                      "description": "an empty level-2 whose level-1 has indicators under another level-2 "
                                     "is a row the template pre-prints: reported with the 'template_row' variant"},
}))
def empty_group(check, form: Form, ctx) -> Iterable[Hit]:
    """A level-2 named with no level-3 indicator (variant ``optional`` for the names listed,
    ``template_row`` when a sibling level-2 is filled and ``template_rows`` is on), or a level-3
    named with no value (variant ``no_value``; not on a self-evaluation scored on another framework,
    where a row with 分值 and 得分 needs none; a doubt, X903 ``values_unread``, when no row of three
    or more has a value). Placeholders: level1, level2. Source: S107."""
    syn, o = synonyms(ctx), check.options
    key = label_keys(syn)
    filled = {key(i.level1) for i in form.indicators if i.name.strip()}
    # (level-1 key, level-2 key) of the named rows that have both labels: one look-up per group
    under = {(key(i.level1), key(i.level2)) for i in form.indicators if i.level1 and i.level2 and i.name.strip()}
    optional = {key(x) for x in o.get("optional") or []}  # same_label with each, for a named level-2
    for g in form.level2_groups:
        if g.count == 0 and g.level2.strip() and (key(g.level1), key(g.level2)) not in under:
            variant = None
            if key(g.level2) in optional:
                variant = "optional"
            elif o.get("template_rows") and key(g.level1) in filled:
                variant = "template_row"
            yield Hit(place=g.place, variant=variant, data={"level1": g.level1, "level2": g.level2})
    if o.get("value_required", True):
        scoring = _scoring_sheet(form, ctx)
        rows = named(form, ctx)
        # Not one row of a table of three or more with a value: the value column was not read
        # (a template's extra 评分细则 column moved every cell), more likely than a filer who left
        # every value blank; a doubt, not one warning per row.
        unread = len(rows) >= 3 and not any(i.value.strip() or i.parsed is not None for i in rows)
        for ind in rows:
            if scoring and ind.weight and ind.score:
                continue  # an evaluation framework's criterion, scored by its 评分标准: no target value
            if not (ind.value.strip() or ind.parsed is not None):
                # A value the export pushed off the row (layout doubt) is not the filer's omission.
                doubt = "value_shifted" if "value_shifted" in ind.doubts else "values_unread" if unread else None
                yield Hit(indicator=ind, place=cell(ind, "value"), variant=None if doubt else "no_value", doubt=doubt)


def _scoring_sheet(form: Form, ctx=None) -> bool:
    """A self-evaluation scored on an evaluation framework (财预〔2013〕53号 投入/过程/产出/效果,
    财预〔2020〕10号 决策/过程/产出/效益): its level-3s (立项依据充分性, 预算执行率 …) are judged by a
    评分标准 and carry 分值/得分, no 指标值; the targets' framework always has one."""
    if form.kind not in ("project_self_eval", "department_self_eval"):
        return False
    fw = form_framework(form, ctx)
    return not fw.is_default and not fw.mixed


@kind("unique", schema=options({
    "key": {"type": "array", "items": {"enum": ["level1", "level2", "name", "value", "block"]}, "minItems": 1},
}))
def unique(check, form: Form, ctx) -> Iterable[Hit]:
    """The same level-3 indicator twice in one form (key fields compared after normalising;
    the 实施期 and 年度 blocks are kept apart). Placeholders: first_line. Source: S110 [H]."""
    keys = check.options.get("key") or ["level1", "level2", "name"]
    label = label_keys(synonyms(ctx))  # the synonym table's memo found once, not per label
    fields = [(k, label if k.startswith("level") else normalize) for k in keys]
    first: dict[tuple, object] = {}
    for ind in named(form, ctx):
        key = (*[of(getattr(ind, k) or "") for k, of in fields], ind.block)
        if key in first:
            if "name_truncated" in ind.doubts or "name_truncated" in first[key].doubts:
                continue  # two names cut to the same prefix by the export: S109 reports the doubt
            yield Hit(indicator=ind, place=cell(ind, "name"), data={"first_line": first[key].place.short()})
        else:
            first[key] = ind


_CUT_ENDINGS = ["与", "和", "及", "的", "、", "或", "对", "为", "以", "在"]


@kind("name_check", variants=("cut", "label", "numeric"), schema=options({
    "labels": {"type": "boolean", "default": True, "description": "a name equal to a level-1/level-2 label"},
    "numeric": {"type": "boolean", "default": True, "description": "a name of digits only"},
    "cut_endings": {"type": "array", "items": {"type": "string"}, "description": "endings that look cut short"},
}))
def name_check(check, form: Form, ctx) -> Iterable[Hit]:
    """A level-3 name that equals a level-1/2 label (variant ``label``), is purely numeric
    (``numeric``) or looks cut short (``cut``). A name the layout marked ``name_truncated``, or
    a name that is the start of the same row's name in the other block (an export cut), is a
    doubt (X903), not the filer's fault. Source: S109."""
    syn, o = synonyms(ctx), check.options
    labels = _label_keys(ctx.taxonomy, syn)
    fw = form_framework(form, ctx)
    if not fw.is_default and not fw.mixed:
        # 经济效益, 社会公众或服务对象满意度 are level-3 names in the 53号/10号 frameworks: only
        # the framework's own level-1s (and the row's level-2, below) are labels there.
        labels = {label_key(n, syn) for f in fw.frameworks for n in f.level1.values()}
    endings, key = tuple(o.get("cut_endings") or _CUT_ENDINGS), label_keys(syn)
    as_labels, as_numeric = o.get("labels", True), o.get("numeric", True)
    for ind in named(form, ctx):
        name = normalize(ind.name).replace(" ", "")
        if "name_truncated" in ind.doubts:
            yield Hit(indicator=ind, place=cell(ind, "name"), doubt="name_truncated")
        elif as_labels and ((k := key(name)) in labels or (bool(name) and k == key(ind.level2))):
            yield Hit(indicator=ind, place=cell(ind, "name"), variant="label")
        elif as_numeric and _NUMERIC_NAME.fullmatch(name):
            yield Hit(indicator=ind, place=cell(ind, "name"), variant="numeric")
        elif _looks_cut(name, endings):
            other = normalize(ind.period_name or "").replace(" ", "")
            if other and other != name and (other.startswith(name) or name.startswith(other)):
                yield Hit(indicator=ind, place=cell(ind, "name"), doubt="name_truncated")
            else:
                yield Hit(indicator=ind, place=cell(ind, "name"), variant="cut")


_NUMERIC_NAME = re.compile(r"[0-9.．,，%％\s]+")


_OPENERS, _CLOSERS = "《(（[【“", "》)）]】”"
_OPENER = re.compile("[" + re.escape(_OPENERS) + "]")


def _looks_cut(name: str, endings: tuple[str, ...]) -> bool:
    """A bracket or quote opened and not closed, or a name ending in a word that needs more
    (与, 和 …). The marks are counted only in a name that opens one (few do)."""
    opened = _OPENER.search(name) is not None and sum(map(name.count, _OPENERS)) > sum(map(name.count, _CLOSERS))
    return opened or name.endswith(endings)


@kind("count", schema=options({
    "where": PRED,
    "min": {"type": "integer", "minimum": 0},
    "max": {"type": "integer", "minimum": 0},
}))
def count(check, form: Form, ctx) -> Iterable[Hit]:
    """The number of named indicators matching ``where`` is within [min, max]; one hit per form
    (at the first matching row). Placeholders: count, min, max. Source: S103 (older forms)."""
    o = check.options
    rows = select(named(form, ctx), o.get("where"), synonyms(ctx))
    n = len(rows)
    if ("min" in o and n < o["min"]) or ("max" in o and n > o["max"]):
        yield Hit(place=rows[0].place if rows else form.place, indicator=rows[0] if rows else None,
                  data={"count": n, "min": o.get("min", ""), "max": o.get("max", "")})


@kind("in_budget_year", variants=("period",), needs_values=True, schema=options({
    "where": PRED,
    "multi_year": {**STR_LIST, "description": "words of 项目属性/项目期 that mark a multi-year project (not judged)"},
    "period_money": {"type": "boolean", "default": False,
                     "description": "a 实施期资金总额 above the 年度资金总额 marks a multi-year project (not judged)"},
}))
def in_budget_year(check, form: Form, ctx) -> Iterable[Hit]:
    """Dates, deadlines and periods of a one-year project fall in the budget year (Form.year).
    A 项目期 written with its years (2025-2027, 2025年1月至2027年12月) is the span instead, with
    the variant ``period``. Any other multi-year project (项目期 of more than one year, 项目属性
    with one of ``multi_year``, or with ``period_money`` a 实施期资金总额 above the 年度资金总额)
    is not judged: its dates may span a 项目期 the form does not give.
    Placeholders: date_year, year (the budget year or the span, e.g. 2025—2027). Source: S112."""
    if not form.year:
        return
    span = _period_span(form)
    if span is None and (_multi_year(form, check.options.get("multi_year") or [])
                         or (check.options.get("period_money") and _money_spans_years(form))):
        return
    lo, hi = span or (form.year, form.year)
    where = compiled(check.options.get("where"), synonyms(ctx))
    for ind in named(form, ctx):
        written = _years(ind.parsed)
        if not written or not where(ind):
            continue  # no date (most rows: quantities), or not a row the check looks at
        years = sorted({y for y in written if y is not None})
        wrong = [y for y in years if not lo <= y <= hi]
        if wrong:
            yield Hit(indicator=ind, place=cell(ind, "value"), variant="period" if span else None,
                      data={"date_year": "、".join(map(str, wrong)), "year": form.year if not span else f"{lo}—{hi}"})


def _period_span(form: Form) -> tuple[int, int] | None:
    """(first year, last year) when 项目期 names its years (2025-2027, 2025年1月至2027年12月,
    2026年); None when it gives only a length (1年, 99年) or nothing."""
    period = form.header.get("period")
    years = [int(y) for y in re.findall(r"(?<![0-9])(19[0-9]{2}|20[0-9]{2}|21[0-9]{2})(?![0-9])", period.raw)] if period else []
    return (min(years), max(years)) if years else None


def _money_spans_years(form: Form) -> bool:
    """实施期资金总额 above 年度资金总额 (both read as money): the project spends in other years too."""
    period, annual = form.header.get("period_total"), form.header.get("budget_total")
    if period is None or annual is None or period.money is None or annual.money is None:
        return False
    return period.money.in_wan() > annual.money.in_wan()


def _years(parsed) -> list:
    kind_ = getattr(parsed, "kind", None)
    if kind_ == "date":
        return [parsed.year]
    if kind_ == "deadline":
        return [getattr(getattr(parsed, "date", None), "year", None)]
    if kind_ == "period":
        return [getattr(getattr(parsed, "start", None), "year", None), getattr(getattr(parsed, "end", None), "year", None)]
    return []


def _multi_year(form: Form, words: list[str]) -> bool:
    period = form.header.get("period")
    if period is not None:
        m = re.search(r"([0-9]+)\s*年", period.raw)
        if m and int(m.group(1)) > 1:
            return True
    texts = " ".join(f.raw for k, f in form.header.items() if k in ("project_type", "period"))
    return any(w in texts for w in words)
