"""Write the published JSON Schemas to rules/schema/ (run after adding or changing a kind):

    python -m checker.rules.schema_gen          # writes rule, parameters, profile, waivers
    python -m checker.rules.schema_gen --check  # exit 1 when a file on disk is out of date
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from checker.resources import rules_dir
from checker.rules import schema as S
from checker.rules.kinds import load_kinds


def published() -> dict[str, dict]:
    """File name → schema. Each kind's ``$defs`` are hoisted to the rule schema's root so the
    ``#/$defs/…`` references inside option schemas resolve there too."""
    kinds = load_kinds()
    rule = S.rule_schema(kinds)
    defs: dict = {}
    for branch in rule["allOf"]:
        opts = dict(branch["then"]["properties"]["options"])
        defs.update(opts.pop("$defs", {}))
        branch["then"]["properties"]["options"] = opts
    rule["$defs"] = defs
    return {"rule.schema.json": rule, "parameters.schema.json": S.PARAMETERS,
            "profile.schema.json": S.PROFILE, "waivers.schema.json": S.WAIVERS}


def _dump(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=1, default=str) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    folder: Path = rules_dir() / "schema"
    stale = []
    for name, schema in published().items():
        path = folder / name
        text = _dump(schema)
        if "--check" in argv:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print("out of date: " + ", ".join(stale) + " (run python -m checker.rules.schema_gen)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
