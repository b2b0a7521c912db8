"""The same forms as text, workbook and Word document give the same findings apart from
places, and so does their canonical filing (issue 6, items 2 and 3).

The samples are built by samples/build_samples.py from byte-identical seed snippets; the test
rebuilds them into a temporary folder, so it also proves the script re-runs.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
STEMS = ["hunan_2026_targets", "shanxi_2026_projects"]

pipeline = pytest.importorskip("checker.pipeline", reason="checker.pipeline (the whole check) is not wired yet")


@pytest.fixture(scope="module")
def pack():
    try:
        from checker.rules import load_pack
    except ImportError as exc:  # the rule engine is another helper's; skip, do not fail, while it lands
        pytest.skip(f"rule pack loader not importable yet: {exc}")
    return load_pack()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    sys.path.insert(0, str(SAMPLES))
    try:
        import build_samples
    finally:
        sys.path.remove(str(SAMPLES))
    out = tmp_path_factory.mktemp("samples")
    build_samples.build(out)
    return out


def check(path: Path, pack):
    result = pipeline.check_file(str(path), pack, pipeline.CheckOptions())
    assert result.error is None, result.error
    return result


def without_places(result) -> Counter:
    """Each finding as what it says, not where: code, severity, form by position, indicator,
    data and message."""
    order = {form.id: n for n, form in enumerate(result.forms, start=1)}

    def data(f) -> tuple:
        # a template-level finding lists its forms (by id, which holds the path) and places
        items = {k: [order.get(x, x) for x in v] if k == "forms" and isinstance(v, list) else v
                 for k, v in f.data.items() if k not in ("places", "places_zh")}
        return tuple(sorted((k, str(v)) for k, v in items.items()))

    return Counter(
        (f.code, f.severity, order.get(f.form, f.form), tuple(f.indicator or ()), data(f), f.text("zh"))
        for f in result.findings
    )


@pytest.mark.parametrize("stem", STEMS)
def test_committed_samples_are_what_the_script_builds(stem, built):
    from checker.readers import read

    for ext in ("xlsx", "docx"):
        committed, fresh = read(SAMPLES / f"{stem}.{ext}"), read(built / f"{stem}.{ext}")
        assert [[r.texts for r in g.rows] for g in committed.grids] == [[r.texts for r in g.rows] for g in fresh.grids]


@pytest.mark.parametrize("stem", STEMS)
def test_text_workbook_and_document_give_the_same_findings(stem, built, pack):
    text = check(built / f"{stem}.txt", pack)
    assert text.forms and text.findings  # real forms with real findings, not an empty comparison
    expected = without_places(text)
    for ext in ("xlsx", "docx"):
        other = check(built / f"{stem}.{ext}", pack)
        assert [f.kind for f in other.forms] == [f.kind for f in text.forms], ext
        assert without_places(other) == expected, ext


@pytest.mark.parametrize("stem", STEMS)
def test_findings_point_at_the_cell_the_filer_edits(stem, built, pack):
    for f in check(built / f"{stem}.xlsx", pack).findings:
        if f.place.sheet or f.place.cell or f.place.line:
            assert f.place.sheet and f.place.cell and f.place.line is None, (f.code, f.place)
    for f in check(built / f"{stem}.docx", pack).findings:
        if f.place.table is not None:
            assert f.place.row and f.place.col, (f.code, f.place)
        assert f.place.sheet is None


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_canonical_filing_round_trip(stem, fmt, built, pack, tmp_path):
    from checker.cli.parse_cmd import parse, render

    for ext in ("txt", "xlsx"):
        source = built / f"{stem}.{ext}"
        canonical = tmp_path / f"{stem}.{ext}.{fmt}"
        canonical.write_text(render(parse(str(source)), fmt), encoding="utf-8")
        assert without_places(check(canonical, pack)) == without_places(check(source, pack)), (ext, fmt)
