"""The side-by-side reader's short cuts give what the plain computations they stand for give.

- pairing.pair_blocks: pairing first, unscored, the rows whose annual and period indicators
  share value and group on the same row with the same name, or one name a cut of the other where
  neither is written whole in the other block, gives the pairs that scoring every couple and
  taking the best first gives (the plain pass below, as pair_blocks was written before). The
  plain pass scores with pairing's own _key and name_score: only pair_blocks' shortcut is held
  here, so a shortcut put into name_score or _key needs a test of its own.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.layout.levels import canonical
from checker.layout.pairing import _key, name_score, pair_blocks
from checker.model import Indicator, Place

# Names that are equal, cuts of each other (扬尘监控 / 扬尘监控平台), close (a word apart) or apart;
# values equal once normalised (≥95% / ≥95％) or not; level-2 labels as written and a synonym.
_NAMES = ["", "扬尘监控", "扬尘监控平台", "扬尘监控平台费", "扬尘的监控平台", "道路长度", "道路"]
_VALUES = ["", "≥95%", "≥95％", "10万元"]
_LEVEL2 = ["数量指标", "服务对象满意度", "服务对象满意度指标", ""]


def _plain_pairs(periods: list[Indicator], annuals: list[Indicator]) -> dict[int, Indicator]:
    """pair_blocks as written before its short cut: every couple scored, the best taken first."""
    couples = []
    for i, a in enumerate(annuals):
        for j, p in enumerate(periods):
            sv = bool(_key(a.value)) and _key(a.value) == _key(p.value)
            sg = canonical(a.level2) == canonical(p.level2)
            if a.name and a.name == p.name:
                ns = 3
            elif not a.name and not p.name:
                ns = 1 if a.place == p.place else 0
            elif sv or sg:
                ns = name_score(a.name, p.name)
            else:
                continue
            if ns:
                couples.append((ns * 2 + sv + sg - 0.01 * abs(i - j), i, j))
    pairs: dict[int, Indicator] = {}
    used: set[int] = set()
    for _, i, j in sorted(couples, key=lambda c: -c[0]):
        if i not in pairs and j not in used:
            pairs[i] = periods[j]
            used.add(j)
    return pairs


@st.composite
def _block(draw, size: int) -> list[Indicator]:
    return [Indicator(level1="产出指标", level2=draw(st.sampled_from(_LEVEL2)), name=draw(st.sampled_from(_NAMES)),
                      value=draw(st.sampled_from(_VALUES)), place=Place(line=draw(st.integers(1, 4))))
            for _ in range(size)]


@st.composite
def _blocks(draw):
    periods = draw(_block(draw(st.integers(0, 7))))
    annuals = draw(_block(draw(st.integers(0, 7))))
    # Most annual rows copy their period row (the same indicator on the same row), some with the
    # name cut short (to another row's name, or anywhere) or another name altogether (a close
    # one competes with a cut elsewhere), another value or another group.
    for i in range(min(len(periods), len(annuals))):
        if draw(st.booleans()):
            p = periods[i]
            cuts = [n for n in _NAMES if p.name.startswith(n)] + [p.name[:draw(st.integers(0, 8))]]
            annuals[i] = Indicator(level1="产出指标", level2=draw(st.sampled_from([p.level2, p.level2, *_LEVEL2])),
                                   name=draw(st.sampled_from(cuts + _NAMES)),
                                   value=draw(st.sampled_from([p.value, p.value, *_VALUES])), place=p.place)
    return periods, annuals


@settings(max_examples=1000, deadline=None)
@given(_blocks())
def test_pair_blocks_pairs_as_scoring_every_couple(blocks):
    periods, annuals = blocks
    got = pair_blocks(periods, annuals)
    assert {i: id(p) for i, p in got.items()} == {i: id(p) for i, p in _plain_pairs(periods, annuals).items()}


def test_pair_blocks_takes_the_same_row_first():
    # Both rows pair on their own row, unscored: row 1 with the same name (8), row 0 with a cut
    # (6), though row 1's period name 扬尘监控 is a cut of row 0's annual 扬尘监控平 too (6 - 0.01).
    p = [_indicator("扬尘监控平台", 0), _indicator("扬尘监控", 1)]
    a = [_indicator("扬尘监控平", 0), _indicator("扬尘监控", 1)]
    assert pair_blocks(p, a) == {0: p[0], 1: p[1]}


def test_a_cut_name_written_whole_elsewhere_is_scored():
    # Row 0's annual 扬尘监控 cuts its own period name (2·2 + 1 + 1 = 6), but a period row below is
    # named 扬尘监控 in full (3·2 + 1 - 0.01 with the same value): row 0 pairs that one.
    p = [_indicator("扬尘监控平台", 0), _indicator("扬尘监控", 1, level2="质量指标")]
    a = [_indicator("扬尘监控", 0)]
    assert pair_blocks(p, a) == {0: p[1]}
    # The other way: the period name 扬尘监控平台 is written in full on the annual row below.
    p = [_indicator("扬尘监控平台", 0)]
    a = [_indicator("扬尘监控", 0), _indicator("扬尘监控平台", 1, level2="质量指标")]
    assert pair_blocks(p, a) == {1: p[0]}


def test_a_close_name_on_the_same_row_is_scored():
    # Row 0's annual 扬尘监控平台 is close to its own period name 扬尘的监控平台 (a word apart: 2 + 1 + 1
    # = 4), but a cut of the period name 扬尘监控 one row below (2·2 + 1 - 0.01 = 4.99, another value):
    # only an equal name or a cut is taken unscored, so row 0 pairs the row below, as scoring does.
    p = [_indicator("扬尘的监控平台", 0), _indicator("扬尘监控", 1, value="6个")]
    a = [_indicator("扬尘监控平台", 0)]
    assert pair_blocks(p, a) == _plain_pairs(p, a) == {0: p[1]}


def _indicator(name: str, line: int, level2: str = "数量指标", value: str = "5个") -> Indicator:
    return Indicator(level1="产出指标", level2=level2, name=name, value=value, place=Place(line=line))
