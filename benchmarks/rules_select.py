"""CPU milliseconds of the rules' row selections alone: every ``select(rows, predicate)`` the
rule pack makes on the batch mix, recorded in one run and replayed.

Run: python benchmarks/rules_select.py [--rounds 15] [PATHS...]
Without PATHS it reads the files benchmarks/batch.py copies (the four seeds, the Hunan .xlsx and
the Shanxi .docx). The rule pack (without M309) checks each filing once while every call of
``checker.rules.select.select`` is recorded (its rows, predicate and synonym table); the calls
are then replayed ``--rounds`` times and the best round printed. The selections are ~10% of the
rules stage, too little to tell apart in benchmarks/rules.py on a shared machine; replayed alone
they can be compared: run it with PYTHONPATH=OTHER_TREE in alternate runs (paired).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from batch import SOURCES  # noqa: E402
from rules import filings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    import checker.rules.select as select_module
    from checker.rules import load_pack

    pack = load_pack()
    done = filings(args.paths or [str(p) for p in SOURCES])
    calls: list[tuple] = []
    select = select_module.select

    def recording(rows, pred, synonyms=None):
        calls.append((rows, pred, synonyms))
        return select(rows, pred, synonyms)

    # The kinds import select by name: swap it where they hold it, for the recorded run only.
    holders = [m for name, m in sys.modules.items()
               if name.startswith("checker.rules.kinds") and getattr(m, "select", None) is select]
    for m in holders + [select_module]:
        m.select = recording
    try:
        for filing in done:
            pack.check(filing, ignore={"M309"})
    finally:
        for m in holders + [select_module]:
            m.select = select
    for call in calls:  # compiles each predicate: not a round
        select(*call)
    best = float("inf")
    for _ in range(args.rounds):
        start = time.process_time()
        for call in calls:
            select(*call)
        best = min(best, time.process_time() - start)
    rows = sum(len(c[0]) for c in calls)
    print(f"{len(done)} files, {len(calls)} selections of {rows} rows; best of {args.rounds} rounds: "
          f"{best * 1000:.2f} CPU ms ({select_module.__file__})")


if __name__ == "__main__":
    main()
