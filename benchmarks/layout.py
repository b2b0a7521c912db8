"""CPU seconds of the layout stage alone (``find_forms``) on the files of the batch mix, read
once outside the timing, with a fingerprint of what it built, so two trees can be compared
paired and seen to agree.

Run: python benchmarks/layout.py [--rounds 5] [PATHS...]
     PYTHONPATH=OTHER_TREE python benchmarks/layout.py     # the other tree, in alternate runs

Without PATHS: the files benchmarks/batch.py builds its folders from (the four seeds, the Hunan
.xlsx, the Shanxi .docx), one copy each. Per round every file is read again (untimed: the
layout must not see objects an earlier round laid out) and laid out once; the first round pays
the one-off loads (vocabularies, the lazily imported budget and self-evaluation readers) and
every text seen for the first time (the label caches miss, as on a batch of real, all-different
filings), the later ones find the texts again (as copies do). Prints both, the
minimum of the later rounds, and a SHA-256 prefix of the filings' repr: equal prefixes mean the
trees built the same forms and findings.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from batch import SOURCES  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    from checker.layout import find_forms
    from checker.readers import read

    paths = [Path(p) for p in args.paths] or SOURCES
    files = [f for p in paths for f in (sorted(p.iterdir()) if p.is_dir() else [p]) if f.is_file()]
    times, digest, forms = [], "", 0
    for n in range(args.rounds):
        docs = [read(f) for f in files]
        start = time.process_time()
        filings = [find_forms(doc) for doc in docs]
        times.append(time.process_time() - start)
        if n == 0:
            digest = hashlib.sha256("".join(repr(f) for f in filings).encode()).hexdigest()[:16]
            forms = sum(len(f.forms) for f in filings)
    later = min(times[1:]) if len(times) > 1 else times[0]
    print(f"{len(files)} files, {forms} forms: layout CPU s first round {times[0]:.3f}, "
          f"later rounds min {later:.3f} ({forms / later:.0f} forms per CPU s); fingerprint {digest}")


if __name__ == "__main__":
    main()
