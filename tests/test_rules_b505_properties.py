"""Property tests for B505's parsers of user input: the roles read from a table's sums, the
name keys, and the text's counts (checker.rules.kinds.budget_projects)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.model import Cell, Field, Form, Money, Place, Row, Table
from checker.layout.budget_projects import name_key, project_rows, text_claims
from checker.layout.budget_structure import Reading
from checker.rules.kinds.budget_projects import match


def project_rows_of(table, department: str = ""):
    """project_rows of a table read alone (a Reading of its own)."""
    return project_rows(Reading(table), department)


HERE = Place()
cents = st.integers(min_value=1, max_value=10_000_000).map(lambda c: Decimal(c).scaleb(-2))


def _table(rows) -> Table:
    return Table(title="项目支出预算表（本年预算）", unit="万元", columns=["项目名称", "合计"], number=12, place=HERE,
                 rows=[[Cell(n, HERE), Cell(format(a, "f"), HERE)] for n, a in rows])


@st.composite
def disclosures(draw):
    """A department row, then units (…中心) each over its projects, or projects straight under
    the department; amounts with 2 decimals. Returns (rows, true roles)."""
    rows, truth, n = [], [], 0
    for u in range(draw(st.integers(1, 4))):
        amounts = draw(st.lists(cents, min_size=1, max_size=4))
        if draw(st.booleans()):
            rows.append((f"某县第{u}事务中心", sum(amounts)))
            truth.append("subtotal")
        for a in amounts:
            rows.append((f"项目{n}经费", a))
            truth.append("project")
            n += 1
    return [("某县住房和城乡建设管理局", sum(a for (_, a), t in zip(rows, truth) if t == "project"))] + rows, ["total"] + truth


@settings(max_examples=200, deadline=None)
@given(disclosures())
def test_roles_never_contradict_the_true_structure(case):
    rows, truth = case
    got = [r.role for r in project_rows_of(_table(rows))]
    assert got[0] == "total"
    for g, t in zip(got, truth):
        assert g == t or g == "doubt", (rows, got, truth)


@settings(max_examples=200, deadline=None)
@given(disclosures())
def test_forms_for_every_project_leave_nothing_missing(case):
    rows, truth = case
    forms = []
    for i, ((name, a), t) in enumerate(zip(rows, truth)):
        if t == "project":
            raw = format(a * 10000, ",.0f")
            money = Money(a * 10000, "元", raw, HERE)
            forms.append(Form(id=f"f#{i}", kind="project_target", title="", place=HERE,
                              header={"project_name": Field("项目名称", name, HERE),
                                      "budget_total": Field("年度资金总额", raw, HERE, money)}))
    m = match(project_rows_of(_table(rows)), list(reversed(forms)))
    assert (m.missing, m.extra, m.doubts, m.duplicates) == ([], [], [], [])
    assert all(p.how == "exact" and p.agree for p in m.pairs)


_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)


@given(st.text(_CJK | st.sampled_from("()（）“”、 ,，0123456789AＢ"), max_size=30))
def test_name_key_is_idempotent_and_ignores_brackets_width_and_spaces(name):
    key = name_key(name)
    assert name_key(key) == key
    wide = name.replace("(", "（").replace(")", "）").replace(",", "，").replace("A", "Ａ")
    assert name_key(wide) == key
    assert name_key(" ".join(name)) == key


@given(st.integers(1, 999), cents, st.booleans(), st.sampled_from(["万元。", "，涉及", "涉及项目"]))
def test_text_claims_read_back_what_was_written(count, amount, commas, break_before):
    written = format(amount, ",f") if commas else format(amount, "f")
    sentence = f"纳入绩效目标管理的二级项目{count}个，共计金额{written}万元。公开项目绩效目标{count}个，涉及项目金额{written}万元。"
    at = sentence.rindex(break_before)  # the export breaks the line there (seed 003: before 万元)
    form = Form(id="b#1", kind="budget_table", title="", place=HERE)
    form.paragraphs = [Row([Cell(sentence[:at], Place(line=1, column=1))], Place(line=1)),
                       Row([Cell(sentence[at:], Place(line=2, column=1))], Place(line=2))]
    claims = text_claims(form)
    assert [(c.what, c.count, c.amount) for c in claims] == [("managed", count, amount), ("published", count, amount)]
    assert claims[0].place.line == 1 and claims[0].place.end_column - claims[0].place.column == len(str(count))


names = st.text(alphabet="项目经费建设维修改造补助某县中心专项资金0123-", min_size=0, max_size=14)


repeats = st.text(alphabet="道路维修补助", min_size=0, max_size=12)  # characters met again and again


@settings(max_examples=300, deadline=None)
@given(form_key=names | repeats, row_keys=st.lists(names | repeats, min_size=1, max_size=5))
def test_relation_from_counts_is_relation(form_key, row_keys):
    """match() hands relation each name's characters counted once, for difflib's two quick
    bounds worked out from the counts: the relation found is the one difflib's own
    real_quick_ratio and quick_ratio let through."""
    from collections import Counter

    from checker.rules.kinds.budget_projects import relation

    form_counts = Counter(form_key)
    for row_key in row_keys:
        assert relation(row_key, form_key, (Counter(row_key), form_counts)) == relation(row_key, form_key)


def _match_by_equality(rows, forms, options=None):
    """match() as it was before rows and forms were taken by identity: lists, ``remove`` and
    ``in`` by dataclass ==. The oracle of test_match_by_identity_is_match_by_equality."""
    from checker.rules.kinds.budget_projects import Match, Pair, Target, _wan, relation
    from checker.layout.budget_numbers import same_amount

    opts = options or {}
    similar_ok, doubt_ok = opts.get("similarity", 0.7), opts.get("doubt_similarity", 0.75)
    pool = [r for r in rows if r.role in ("project", "doubt", "empty")]
    targets = [Target(f, name_key(f.name), _wan(f)) for f in forms if f.name.strip()]
    out = Match()
    free_rows, free_targets = list(pool), list(targets)
    for r in list(free_rows):
        same = [t for t in free_targets if t.key == r.key]
        if same:
            t = next((t for t in same if r.wan is not None and t.wan is not None and same_amount(r.wan, t.wan)), same[0])
            out.pairs.append(Pair(r, t, "exact", 1.0))
            free_rows.remove(r)
            free_targets.remove(t)
    candidates = []
    for r in free_rows:
        for t in free_targets:
            rel = relation(r.key, t.key)
            if rel is not None:
                p = Pair(r, t, *rel)
                candidates.append((p.score + (0.2 if p.agree else 0), p))
    for _, p in sorted(candidates, key=lambda c: -c[0]):
        if p.row not in free_rows or p.target not in free_targets:
            continue
        sure_name = p.how in ("cut", "prefixed")
        if p.agree is False and (sure_name or p.score >= doubt_ok):
            out.doubts.append(p)
        elif sure_name or (p.agree and p.score >= similar_ok) or (p.agree is None and p.score >= doubt_ok):
            out.pairs.append(p)
        elif p.agree:
            out.doubts.append(p)
        else:
            continue
        free_rows.remove(p.row)
        free_targets.remove(p.target)
    out.missing = [r for r in free_rows if r.role == "project"]
    paired = out.pairs + out.doubts
    for t in free_targets:
        first = next((p.target for p in paired if t.key in (p.target.key, p.row.key)), None)
        if first is not None:
            out.duplicates.append((t, first))
        else:
            out.extra.append(t)
    return out


@st.composite
def rows_and_forms(draw):
    """Table rows (each its own cell, as a table's rows are) and target forms (each its own id)
    drawn from few name stems and amounts: same keys, cut and prefixed names, near names, names
    repeated and amounts that agree or not all occur."""
    from checker.layout.budget_projects import ProjectRow

    stems = ["道路维修改造", "某县道路维修改造工程", "中心建设补助", "专项资金", "维修补助经费", "道路维修"]
    amounts = [None, Decimal("12.50"), Decimal("12.5"), Decimal("30.00"), Decimal("7.25")]
    table = _table([])
    rows = []
    for i in range(draw(st.integers(0, 6))):
        name = draw(st.sampled_from(stems)) + draw(st.sampled_from(["", "1", "（续）"]))
        wan = draw(st.sampled_from(amounts))
        rows.append(ProjectRow(name, wan, wan, Cell(name, Place(line=i + 1)), table,
                               draw(st.sampled_from(["project", "project", "doubt", "empty", "subtotal"]))))
    forms = []
    for i in range(draw(st.integers(0, 6))):
        name = draw(st.sampled_from(stems + ["", "018-某局-" + stems[0]]))
        wan = draw(st.sampled_from(amounts))
        header = {"project_name": Field("项目名称", name, HERE)}
        if wan is not None:
            header["budget_total"] = Field("年度资金总额", format(wan, "f"), HERE, Money(wan, "万元", format(wan, "f"), HERE))
        forms.append(Form(id=f"f#{i}", kind="project_target", title="", place=HERE, header=header))
    return rows, forms


def _shape(m):
    return ([(p.row.cell.place.line, p.target.form.id, p.how, p.score) for p in m.pairs],
            [(p.row.cell.place.line, p.target.form.id, p.how, p.score) for p in m.doubts],
            [r.cell.place.line for r in m.missing], [t.form.id for t in m.extra],
            [(t.form.id, f.form.id) for t, f in m.duplicates])


@settings(max_examples=300, deadline=None)
@given(rows_and_forms())
def test_match_by_identity_is_match_by_equality(case):
    """match() takes rows and forms by identity (sets of ids) where it removed them from lists
    by ==: on a table's rows (each its own cell) and a filing's forms (each its own id) the
    pairs, doubts, missing rows, extra forms and duplicates are the same, in the same order."""
    rows, forms = case
    assert _shape(match(rows, forms)) == _shape(_match_by_equality(rows, forms))
