"""CPU milliseconds of one file's whole check as a worker runs it (``checker.batch.checked``), per
file of the batch mix (benchmarks/batch.py: the four seeds, the Hunan .xlsx, the Shanxi .docx), split by
stage, and per form: where a batch's time goes file by file, as a warm worker pays it (imports,
first-use set-up and the rule pack done beforehand, start-up frozen as ``checker check`` does).

Run: python benchmarks/per_file.py [--checks 5] [--rounds 3] [--cold] [FILES...]
Prints per file the best round's mean over ``--checks`` checks: forms, ms (read / layout / rules),
ms per form; then the mix: the sum over the files and its forms per CPU-second, the rate one
core gives a batch of these files in turn (benchmarks/batch.py's -j 1 rate less start-up and the
report). Best of rounds, so a machine shared with other work disturbs it less than one timing;
to compare two trees, run it with PYTHONPATH=OTHER_TREE in alternate runs.

``--cold`` empties the checker's bounded caches (``functools.lru_cache(maxsize=N)``: keyed by a
label's, a value's or a row's text) before every check, as for a filing whose every text the
process meets for the first time. Real filings repeat many labels and values (数量指标,
≥95%) but few indicator names, so a batch of different filings runs between the two figures; the
batch benchmark, whose files are copies, runs at the warm one.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from batch import SOURCES  # noqa: E402
from phases import _timed  # noqa: E402

STAGES = ("read", "layout", "rules")


# Bounded caches keyed by the rule pack (a message template, a formula, a rule's word list, the
# vocabulary's column words) or by a number's exponent, not by a document's text: a batch of new
# filings keeps them warm. Named by the function's own module and name (some are imported
# elsewhere under the same name).
NOT_TEXT_KEYED = {"checker.report.grouping._names", "checker.rules.engine._fields", "checker.rules.formula.parse_formula",
                  "checker.values.narrative._breakdown_after_money", "checker.values.narrative._intro_pattern",
                  "checker.layout.table._name_words", "checker.layout.table._name_words_search",
                  "checker.layout.budget_numbers._unit", "checker.layout.budget_numbers._half"}


def _name(function) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def text_caches() -> list:
    """Every bounded lru_cache of the loaded checker modules but those of NOT_TEXT_KEYED (the
    unbounded ``functools.cache`` ones hold the rule pack's vocabularies, loaded once per process,
    and stay). Raises SystemExit naming an entry of NOT_TEXT_KEYED that is no cache any more."""
    found, kept = [], set()
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] != "checker":
            continue
        for value in vars(module).values():
            params = getattr(value, "cache_parameters", None)
            if not params or params()["maxsize"] is None or value in found:
                continue
            if _name(value) in NOT_TEXT_KEYED:
                kept.add(_name(value))
            else:
                found.append(value)
    if kept != NOT_TEXT_KEYED:
        raise SystemExit(f"per_file.py: no such cache (renamed?): {sorted(NOT_TEXT_KEYED - kept)}")
    return found


def _best(path: Path, checks: int, rounds: int, acc: dict[str, float], run) -> tuple[float, dict[str, float], int]:
    """The best round's mean CPU seconds per check of ``path``, its stages, and the forms found."""
    best, stages, forms = float("inf"), {}, 0
    for _ in range(rounds):
        acc.clear()
        start = time.process_time()
        for _ in range(checks):
            result = run(path)
        spent = (time.process_time() - start) / checks
        if spent < best:
            best, stages, forms = spent, {k: acc.get(k, 0.0) / checks for k in STAGES}, len(result.forms)
    return best, stages, forms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--checks", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cold", action="store_true", help="empty the text-keyed caches before every check")
    args = parser.parse_args()
    import checker.pipeline as pipeline
    from checker.batch import checked, freeze_startup
    from checker.rules import load_pack
    from checker.rules.pack import RulePack

    acc: dict[str, float] = {}
    _timed(pipeline, "read", "read", acc)
    _timed(pipeline, "_layout", "layout", acc)
    _timed(RulePack, "check", "rules", acc)
    pack, options = load_pack(), pipeline.CheckOptions()

    files = args.files or SOURCES
    for f in files:
        pipeline.check_file(str(f), pack, options)  # imports, compiled patterns, the readers' dictionaries
    caches = text_caches() if args.cold else []

    def run(path: Path):
        for cached in caches:
            cached.cache_clear()
        return checked(str(path), pack, options)  # the check, the slim result, cycles collected

    freeze_startup()
    from checker.readers import traditional

    if traditional._changeable() is None:  # the reader converts every text: slower, and figures differ
        print("the traditional-character table is not used (written from other OpenCC dictionaries: "
              "python -m checker.readers.t2s_gen)")
    total, total_forms = 0.0, 0
    if args.cold:
        print(f"cold: {len(caches)} text-keyed caches emptied before every check ({len(NOT_TEXT_KEYED)} not keyed by text kept)")
    print(f"{'file':36s} {'forms':>5s} {'ms':>8s} {'read':>7s} {'layout':>7s} {'rules':>7s} {'ms/form':>8s}")
    for f in files:
        spent, stages, forms = _best(f, args.checks, args.rounds, acc, run)
        total, total_forms = total + spent, total_forms + forms
        split = " ".join(f"{stages[k] * 1000:7.1f}" for k in STAGES)
        print(f"{f.name[:36]:36s} {forms:5d} {spent * 1000:8.1f} {split} {spent * 1000 / max(forms, 1):8.2f}")
    print(f"{'mix':36s} {total_forms:5d} {total * 1000:8.1f}  = {total_forms / total:.0f} forms per CPU-second")


if __name__ == "__main__":
    main()
