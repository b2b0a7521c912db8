"""Every YAML example in docs/rules.md is valid and does what the text says (issue 11: the
document's own profile example was not valid YAML)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from checker.filing import form_from_dict
from checker.rules import load_pack
from checker.rules.examples import run_examples
from checker.rules.schema import PARAMETERS
from checker.rules.waivers import load_waivers

DOC = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def _blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_every_block_parses_and_is_one_known_kind():
    blocks = _blocks()
    assert len(blocks) >= 5
    for text in blocks:
        data = yaml.safe_load(text)
        assert isinstance(data, dict) and ({"code", "form", "parameters", "waivers", "name"} & set(data)), text[:80]


def test_rule_file_examples_load_and_their_examples_pass(tmp_path):
    for text in _blocks():
        data = yaml.safe_load(text)
        if "code" not in data:
            continue
        path = tmp_path / f"{data['code']}.yaml"
        path.write_text(text, encoding="utf-8")
        pack = load_pack(paths=[path])
        results = run_examples(pack)
        assert results and all(r.status == "pass" for r in results), [r.reason for r in results]


def test_form_parameter_waiver_and_profile_examples_are_valid(tmp_path):
    import jsonschema

    for i, text in enumerate(_blocks()):
        data = yaml.safe_load(text)
        if "form" in data:
            form_from_dict(data["form"], "doc#1")
        elif "parameters" in data and "name" not in data:
            jsonschema.validate(data, PARAMETERS)
        elif "waivers" in data:
            path = tmp_path / f"waivers{i}.yaml"
            path.write_text(text, encoding="utf-8")
            assert load_waivers(path).items
        elif "name" in data:
            for rel in data.get("rules") or []:
                (tmp_path / rel).mkdir(parents=True, exist_ok=True)
            path = tmp_path / f"{data['name']}.yaml"
            path.write_text(text, encoding="utf-8")
            pack = load_pack(profile=str(path))
            assert pack.rule("V202").variants["incomplete"]["severity"] == "error"
            assert pack.code_severities.get("S113") == "off"
