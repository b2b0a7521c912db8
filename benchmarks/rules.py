"""CPU seconds of the rules stage alone, per rule: where ``RulePack.check`` spends its time.

Run: python benchmarks/rules.py [--rounds 5] [--top 25] [--ignore M309] [PATHS...]
Without PATHS it reads the files benchmarks/batch.py copies (the four seeds, the Hunan .xlsx and
the Shanxi .docx). Each file is read, laid out and its values parsed once; then the rule pack
checks every filing ``--rounds`` times, and each check's CPU time (process time of the engine's
call of one check on one form or filing, its findings made) is added to its (rule, kind).
Prints the rules stage's CPU seconds per round (median of the rounds, without the per-rule
timer; the garbage collector's share included) and the rules that cost most (timed with the
collector off: a collection is charged to whichever check happens to trigger it, which would
move tens of milliseconds between rules from one run to the next). To compare two trees, run
it with PYTHONPATH=OTHER_TREE in alternate runs (paired): one machine's load moves every figure
alike.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from batch import SOURCES  # noqa: E402


def filings(paths: list[str]) -> list:
    """The laid-out filings (values parsed: what the rules stage is given) of the files under
    ``paths`` (folders expanded) that hold forms; a file the readers refuse is left out."""
    from checker.errors import InputError
    from checker.pipeline import _layout, expand_paths, parse_values
    from checker.readers import read

    out = []
    for path in expand_paths([str(p) for p in paths]):
        try:
            doc = read(path)
        except InputError:
            continue
        filing = doc.filing if doc.filing is not None else _layout(doc)
        if filing.forms:
            parse_values(filing)
            out.append(filing)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--ignore", action="append", default=[], help="rule codes left out (prefixes, as --ignore)")
    args = parser.parse_args()
    import checker.rules.engine as engine
    from checker.rules import load_pack

    pack = load_pack()
    done = filings(args.paths or [str(p) for p in SOURCES])
    ignore = set(args.ignore) or None
    for filing in done:  # the first run imports the kinds and builds their parsers: not a round
        pack.check(filing, ignore=ignore)
    rounds = []
    for _ in range(args.rounds):
        start = time.process_time()
        for filing in done:
            pack.check(filing, ignore=ignore)
        rounds.append(time.process_time() - start)

    spent: Counter[tuple[str, str]] = Counter()
    inner = engine._run_resolved

    def timed(kinds, check, resolved, form, ctx, unread):
        start = time.process_time()
        try:
            return inner(kinds, check, resolved, form, ctx, unread)
        finally:
            spent[(check.rule.code, check.kind)] += time.process_time() - start

    engine._run_resolved = timed
    gc.collect()
    gc.disable()
    try:
        for _ in range(args.rounds):
            for filing in done:
                pack.check(filing, ignore=ignore)
    finally:
        gc.enable()
    forms = sum(len(f.forms) for f in done)
    print(f"{len(done)} files, {forms} forms; rules stage CPU s per round: median {statistics.median(rounds):.3f}, "
          f"min {min(rounds):.3f} ({args.rounds} rounds)")
    total = sum(spent.values())
    print(f"per rule, CPU s over {args.rounds} rounds (sum {total:.3f}):")
    for (code, kind), seconds in spent.most_common(args.top):
        print(f"  {code:6} {kind:28} {seconds:.3f}  {seconds / total:5.1%}")


if __name__ == "__main__":
    main()
