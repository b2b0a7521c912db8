"""CPU milliseconds of a few layout pieces alone, each replayed on what the batch mix gives it,
so that a change to one piece can be seen apart from the noise of the whole stage.

Run: python benchmarks/layout_parts.py [--rounds 7]
     PYTHONPATH=OTHER_TREE python benchmarks/layout_parts.py     # the other tree, in alternate runs

The files are benchmarks/batch.py's (the four seeds, the Hunan .xlsx, the Shanxi .docx), read
and laid out once while the pieces' arguments are recorded; then each piece runs again on its
recorded arguments, best of ``--rounds``:

- segment.split_regions on every grid's rows (inside a row memo, as find_forms runs it: the
  header rows' first read_header is paid here, the body rows' in the target reader);
- blocks.split_row on every side-by-side row the target reader split;
- targets._side_by_side on every side-by-side indicator table (the split, the indicators, the
  pairing of the blocks: the whole reader, on a fresh copy of its form each time; its rows'
  read_header answered from a row memo after the first round, as find_forms does);
- pairing.pair_blocks on the two blocks' indicators of every side-by-side table (the annual
  ones copied as they come, before they are given their partners' names);
- header.HeaderReader.feed on every target form's header rows;
- budget_facts.facts on every budget_table form (what B503 and the other budget rules share);
- budget_numbers.number on every cell budget_facts.facts read (through budget_structure.amount).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from batch import SOURCES  # noqa: E402


def _best(rounds: int, run) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best * 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    import checker.layout.budget_structure as structure
    import checker.layout.targets as targets
    from checker.layout import budget_facts, find_forms
    from checker.layout.blocks import split_row
    from checker.layout.budget_numbers import number
    from checker.layout.row_memo import document_memo
    from checker.layout.segment import split_regions
    from checker.layout.stream import regroup
    from checker.readers import read

    import copy

    from checker.layout.header import HeaderReader

    rows_split, texts, tables, headers, couples = [], [], [], [], []
    side_by_side, feed = targets._side_by_side, HeaderReader.feed
    targets.split_row = lambda cells, col: (rows_split.append((cells, col)), split_row(cells, col))[1]
    targets._side_by_side = lambda form, header, body: (
        tables.append((copy.deepcopy(form), header, body)), side_by_side(form, header, body))[1]
    HeaderReader.feed = lambda self, rows: (headers.append(list(rows)), feed(self, rows))[1]
    pair_blocks = targets.pair_blocks
    targets.pair_blocks = lambda periods, annuals: (
        couples.append((periods, [copy.copy(a) for a in annuals])), pair_blocks(periods, annuals))[1]
    structure.number = lambda text, **kw: (texts.append(text), number(text, **kw))[1]
    docs = [read(f) for f in SOURCES]
    budget_forms = [form for doc in docs for form in find_forms(doc).forms if form.kind == "budget_table"]
    for form in budget_forms:
        budget_facts.facts(form)
    targets.split_row, structure.number = split_row, number
    targets._side_by_side, HeaderReader.feed, targets.pair_blocks = side_by_side, feed, pair_blocks
    grids = [regroup(grid.rows) for doc in docs for grid in doc.grids]

    def segment() -> None:
        for rows in grids:
            with document_memo():
                split_regions(rows)

    print(f"split_regions  {_best(args.rounds, segment):6.2f} ms  ({sum(map(len, grids))} rows)")
    ms = _best(args.rounds, lambda: [split_row(c, a) for c, a in rows_split])
    print(f"split_row      {ms:6.2f} ms  ({len(rows_split)} rows, {ms / len(rows_split) * 1e3:.1f} us per row)")
    forms = [[copy.copy(form) for form, _, _ in tables] for _ in range(args.rounds)]
    with document_memo():  # read_header answered once per row, as inside find_forms
        ms = _best(args.rounds, lambda: [side_by_side(copy, header, body) for copy, (_, header, body)
                                         in zip(forms.pop(), tables)])
    print(f"side_by_side   {ms:6.2f} ms  ({len(tables)} tables, {sum(len(b) for _, _, b in tables)} rows)")
    ms = _best(args.rounds, lambda: [pair_blocks(p, a) for p, a in couples])
    print(f"pair_blocks    {ms:6.2f} ms  ({len(couples)} tables)")
    ms = _best(args.rounds, lambda: [HeaderReader().feed(rows) for rows in headers])
    print(f"header feed    {ms:6.2f} ms  ({len(headers)} headers, {sum(map(len, headers))} rows)")
    ms = _best(args.rounds, lambda: [budget_facts.facts(f) for f in budget_forms])
    print(f"facts          {ms:6.2f} ms  ({len(budget_forms)} budget_table forms)")
    ms = _best(args.rounds, lambda: [number(t) for t in texts])
    print(f"number         {ms:6.2f} ms  ({len(texts)} cells, {ms / max(len(texts), 1) * 1e3:.2f} us per cell)")


if __name__ == "__main__":
    main()
