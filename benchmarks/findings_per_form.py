"""Findings per form of one file in two JSON reports (`checker check --format json`), by severity
and by code, for "the noise must not grow" (issue 10; docs/audit/issue10-seeds.md §3).

Run: python benchmarks/findings_per_form.py BEFORE.json AFTER.json 003_

FILE is a piece of the file's path (the first file whose path holds it). Prints a Markdown table
of the forms whose findings changed (e/w/i = errors/warnings/infos; codes with their severity's
first letter), the forms left unchanged, and the totals. Findings with no form count as '#-'.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict


def per_form(report: str, piece: str) -> tuple[dict[str, str], dict[str, list[dict]]]:
    """(form number → name, form number → findings) of the first file whose path holds ``piece``."""
    with open(report, encoding="utf-8") as fh:
        data = json.load(fh)
    (f, *_) = [f for f in data["files"] if piece in f["path"]]
    names = {x["id"].rsplit("#", 1)[1]: x.get("name") or "" for x in f["forms"]}
    found: dict[str, list[dict]] = defaultdict(list)
    for x in f["findings"]:
        found[(x["form"] or "#-").rsplit("#", 1)[1]].append(x)
    return names, found


def _sev(found: list[dict]) -> str:
    c = Counter(x["severity"] for x in found)
    return f"{c['error']}/{c['warning']}/{c['info']}"


def _codes(found: list[dict]) -> str:
    c = Counter(f"{x['code']}{x['severity'][0]}" for x in found)
    return " ".join(f"{k}×{n}" if n > 1 else k for k, n in sorted(c.items())) or "—"


def main(before: str, after: str, piece: str) -> int:
    names_b, b = per_form(before, piece)
    names_a, a = per_form(after, piece)
    keys = sorted(set(a) | set(b), key=lambda k: (k == "-", int(k) if k.isdigit() else 0))
    print("| form | name | e/w/i before | e/w/i after | codes before | codes after |")
    print("|---|---|---|---|---|---|")
    same = []
    for k in keys:
        if _codes(b.get(k, [])) == _codes(a.get(k, [])):
            same.append(f"#{k}")
            continue
        name = (names_a.get(k) or names_b.get(k) or "(document)")[:18]
        print(f"| #{k} | {name} | {_sev(b.get(k, []))} | {_sev(a.get(k, []))} | "
              f"{_codes(b.get(k, []))} | {_codes(a.get(k, []))} |")
    print(f"\nunchanged ({len(same)}): {' '.join(same)}")
    for label, found in (("before", b), ("after", a)):
        forms = [k for k in keys if k != "-"]
        ew = [sum(1 for x in found.get(k, []) if x["severity"] != "info") for k in forms]
        print(f"{label}: {_sev([x for v in found.values() for x in v])} (e/w/i); forms with an error or "
              f"warning {sum(1 for n in ew if n)} of {len(forms)}; most on one form {max(ew, default=0)}; "
              f"mean {sum(ew) / max(len(forms), 1):.2f}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__.splitlines()[2].strip())
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
