"""The findings one JSON report (`checker check --format json`) has and another has not, for reading
what a change added (docs/audit/issue10-final.md §3–4).

Run: python benchmarks/findings_diff.py BEFORE.json AFTER.json [CODE,CODE,...]

Findings are matched by (file name, code, severity, line, form number), counted, so a finding
whose message alone changed is not listed; an X903 doubt counts under its own code. With CODES,
only those codes are listed. Prints "- " for each finding gone and "+ " for each added, in report
order: file name, code, severity, line, form, and the first 200 characters of the message.
"""

from __future__ import annotations

import json
import sys
from collections import Counter


def load(report: str) -> list[tuple]:
    """(file name, code, severity, line, form number, message) of every finding of ``report``."""
    with open(report, encoding="utf-8") as fh:
        data = json.load(fh)
    out = []
    for f in data["files"]:
        name = f["path"].rsplit("/", 1)[-1]
        for x in f["findings"]:
            form = (x.get("form") or "#-").rsplit("#", 1)[-1]
            out.append((name, x["code"], x["severity"], (x.get("place") or {}).get("line"), form,
                        x["message"]))
    return out


def main(before: str, after: str, codes: set[str] | None) -> int:
    a, b = load(before), load(after)
    ka, kb = Counter(k[:5] for k in a), Counter(k[:5] for k in b)
    for sign, found, mine, other in (("-", a, ka, kb), ("+", b, kb, ka)):
        for k in found:
            if mine[k[:5]] > other[k[:5]] and (not codes or k[1] in codes):
                print(sign, k[0][:12], *k[1:5], k[5][:200])
    return 0


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        print(__doc__.splitlines()[3].strip())
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2], set(sys.argv[3].split(",")) if len(sys.argv) == 4 else None))
