"""JSON Schemas of the rule pack's files and their validation into located problems.

The rule-file schema is the base below plus, per kind, the kind's option schema (from the
registry). ``python -m checker.rules.schema_gen`` writes the combined schema to
rules/schema/rule.schema.json, which rule files name on their first line for editors.
Validation reports *every* error with file:line:col, the allowed values and a did-you-mean.
"""

from __future__ import annotations

import difflib
from typing import Any, Iterable

import jsonschema

from checker.rules.source import Pointer, Source

FORM_KINDS = ["project_target", "department_target", "project_self_eval", "department_self_eval", "budget_table"]
SEVERITIES = ["error", "warning", "info"]

_TEXT = {"type": "object", "required": ["zh", "en"], "additionalProperties": False,
         "properties": {"zh": {"type": "string", "minLength": 1}, "en": {"type": "string", "minLength": 1}}}
_YEAR = {"oneOf": [{"type": "integer", "minimum": 1990, "maximum": 2100},
                   {"type": "object", "required": ["param"], "additionalProperties": False,
                    "properties": {"param": {"type": "string"}}}]}
_YEARS = {"type": "object", "additionalProperties": False,
          "properties": {"from": _YEAR, "to": _YEAR, "before": _YEAR},
          "description": "budget years: from (inclusive), to (inclusive), before (exclusive)"}
_NUM = {"oneOf": [{"type": "number"}, {"type": "object", "required": ["param"], "additionalProperties": False,
                                        "properties": {"param": {"type": "string"}}}]}
_WORDS = {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}
# applies_to.when: which forms a rule is for, by what the form says of itself (checker/rules/conditions.py).
_WHEN = {
    "type": "object", "additionalProperties": False, "minProperties": 1,
    "description": "the rule applies only to forms meeting every test here",
    "properties": {
        "budget": {"type": "object", "additionalProperties": False, "minProperties": 1,
                   "description": "the annual budget (资金总额) compared after converting to `unit` (default 万元)",
                   "properties": {"min": _NUM, "max": _NUM, "gt": _NUM, "lt": _NUM,
                                  "unit": {"enum": ["元", "万元", "亿元"]}}},
        "project_type": {**_WORDS, "description": "words of 项目类别/项目属性 (一次性, 经常性, 新增, 延续 …), any"},
        "region": {**_WORDS, "description": "words in the form's title, name or units (a county's or province's name), any"},
        "framework": {**_WORDS, "description": "ids of rules/taxonomy.yaml frameworks the form is written on, any"},
        "header_contains": {"type": "object", "additionalProperties": _WORDS,
                            "description": "header key → words, one of which its text contains"},
    },
}
_EXPECT = {
    "type": "object", "required": ["code"], "additionalProperties": False,
    "properties": {
        "code": {"type": "string", "pattern": "^[A-Z][0-9]{3}$"},
        "indicator": {"type": "array", "items": {"type": "string"}, "maxItems": 3},
        "severity": {"enum": SEVERITIES},
        "form": {"type": "integer", "minimum": 1, "description": "1-based form number in the example"},
        "data": {"type": "object", "description": "data values the finding must carry (compared as text)"},
        "message": {"description": "the message exactly as rendered: the Chinese text, or {zh, en}",
                    "anyOf": [{"type": "string"},
                              {"type": "object", "additionalProperties": False,
                               "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}}]},
    },
}
_EXAMPLE = {
    "type": "object", "required": ["expect"], "additionalProperties": False,
    "properties": {
        "name": {"type": "string"},
        "form": {"type": "object", "description": "one form fragment in the canonical filing format"},
        "forms": {"type": "array", "items": {"type": "object"}},
        "file": {"type": "string", "description": "a sample file, relative to the rule file"},
        "as_of": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
        "profile": {"type": "string"},
        "expect": {"type": "array", "items": _EXPECT},
    },
    "oneOf": [{"required": ["form"]}, {"required": ["forms"]}, {"required": ["file"]}],
}
# A template-level deviation (shared/DESIGN.md §3): checker/report/grouping.py makes the hits of three
# forms or more of one document one finding with this message.
_PER_DOCUMENT = {**_TEXT, "description": (
    "a template-level deviation: from three forms of one document on, these hits become one finding for "
    "the document with this message ({forms}: how many forms, {findings}: how many hits, {NAME_list}: "
    "the distinct values of placeholder NAME; any other placeholder keeps groups apart)")}
_CHECK_FIELDS = {
    "kind": {"type": "string"},
    "options": {"type": "object"},
    "severity": {"enum": SEVERITIES},
    "message": _TEXT,
    "years": _YEARS,
    "forms": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": FORM_KINDS}},
    "per_document": _PER_DOCUMENT,
    "variants": {"type": "object", "additionalProperties": {
        "type": "object", "additionalProperties": False,
        "properties": {"severity": {"enum": SEVERITIES}, "message": _TEXT, "per_document": _PER_DOCUMENT}}},
}
RULE_BASE: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "checker rule file",
    "type": "object",
    "required": ["code", "title", "severity", "source", "message", "examples"],
    "additionalProperties": False,
    "properties": {
        "code": {"type": "string", "pattern": "^[A-Z][0-9]{3}$", "description": "stable id, e.g. S101"},
        "title": _TEXT,
        "severity": {"enum": SEVERITIES},
        "source": {"type": "string", "minLength": 1, "description": "regulation and article, e.g. 财预〔2015〕88号"},
        "strength": {"enum": ["V", "R", "P", "H"], "description": "V seen in a published copy, R regulation, P practice, H heuristic"},
        "description": _TEXT,
        "applies_to": {"type": "object", "additionalProperties": False, "properties": {
            "forms": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": FORM_KINDS}},
            "years": _YEARS, "when": _WHEN}},
        "fixable": {"type": "boolean"},
        **{k: v for k, v in _CHECK_FIELDS.items() if k not in ("forms", "years")},
        "checks": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["kind"], "additionalProperties": False, "properties": _CHECK_FIELDS}},
        "examples": {"type": "array", "minItems": 1, "items": _EXAMPLE},
    },
    "oneOf": [{"required": ["kind"], "not": {"required": ["checks"]}},
              {"required": ["checks"], "not": {"required": ["kind"]}}],
}

_PARAM_VALUE = {"type": "object", "required": ["from", "value", "source"], "additionalProperties": False,
                "properties": {"from": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
                               "value": {}, "source": {"type": "string", "minLength": 1}}}
PARAMETERS: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "checker dated parameters",
    "type": "object", "required": ["parameters"], "additionalProperties": False,
    "properties": {"parameters": {"type": "object", "additionalProperties": {
        "type": "object", "required": ["values"], "additionalProperties": False,
        "properties": {"title": _TEXT, "unit": {"type": "string"},
                       "values": {"type": "array", "minItems": 1, "items": _PARAM_VALUE}}}}},
}
PROFILE: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "checker profile (an overlay on the baseline rule pack)",
    "type": "object", "required": ["name", "source"], "additionalProperties": False,
    "properties": {
        "name": {"type": "string"},
        "title": _TEXT,
        "source": {"type": "string", "minLength": 1},
        "extends": {"type": "string", "description": "another profile to apply first"},
        "severities": {"type": "object", "propertyNames": {"pattern": "^[A-Z][0-9]{3}$"},
                       "additionalProperties": {"enum": SEVERITIES + ["off", False]},
                       "description": "code → error | warning | info | \"off\" (quoted) or false"},
        "parameters": {"type": "object", "additionalProperties": {
            "type": "array", "minItems": 1, "items": _PARAM_VALUE}},
        "rules": {"type": "array", "items": {"type": "string"},
                  "description": "added rule files or folders, relative to the profile"},
        "replaces": {"type": "array", "items": {"type": "string", "pattern": "^[A-Z][0-9]{3}$"},
                     "description": "baseline codes whose rule a file of `rules` replaces (same code)"},
        "overrides": {
            "type": "object", "propertyNames": {"pattern": "^[A-Z][0-9]{3}$"},
            "description": "amend a rule in force: its severity, a variant's severity or message, its options",
            "additionalProperties": {
                "type": "object", "additionalProperties": False, "minProperties": 1,
                "properties": {
                    "severity": {"enum": SEVERITIES},
                    "variants": {"type": "object", "additionalProperties": {
                        "type": "object", "additionalProperties": False, "minProperties": 1,
                        "properties": {"severity": {"enum": SEVERITIES}, "message": _TEXT}}},
                    "options": {"type": "object", "description": "options set on every check of the rule "
                                                                  "(top-level keys replaced), validated by its kind"},
                }}},
    },
}
WAIVERS: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "checker waivers",
    "type": "object", "required": ["waivers"], "additionalProperties": False,
    "properties": {"waivers": {"type": "array", "items": {
        "type": "object", "required": ["code", "reason", "approved_by", "expires"], "additionalProperties": False,
        "properties": {
            "code": {"type": "string", "pattern": "^[A-Z][0-9]{3}$"},
            "form": {"type": "string", "description": "form id (file#n) or the project/department name"},
            "indicator": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "maxItems": 3}]},
            "reason": {"type": "string", "minLength": 1},
            "approved_by": {"type": "string", "minLength": 1},
            "expires": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
        }}}},
}


def rule_schema(kinds: dict) -> dict:
    """The published rule-file schema: the base plus each kind's options (if kind == … then)."""
    schema = {**RULE_BASE, "properties": dict(RULE_BASE["properties"])}
    names = sorted(kinds)
    schema["properties"]["kind"] = {"enum": names}
    schema["allOf"] = [
        {"if": {"required": ["kind"], "properties": {"kind": {"const": n}}},
         "then": {"properties": {"options": kinds[n].schema}}}
        for n in names
    ]
    return schema


def validate(src: Source, schema: dict, data: Any = None, prefix: Pointer = ()) -> None:
    """Add a problem to ``src`` for every schema error in ``data`` (default ``src.data``),
    whose pointer is relative to ``prefix``."""
    data = src.data if data is None else data
    validator = jsonschema.Draft202012Validator(schema)
    for err in sorted(validator.iter_errors(data), key=lambda e: src.where(prefix + tuple(e.absolute_path))):
        for ptr, message, hint, at_key in _explain(err, prefix):
            src.problem(ptr, message, hint, key=at_key)


def _explain(err, prefix: Pointer) -> Iterable[tuple[Pointer, str, str, bool]]:
    ptr = prefix + tuple(err.absolute_path)
    where = "/".join(str(p) for p in ptr) or "the file"
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        allowed = sorted((err.schema.get("properties") or {}).keys())
        for key in err.instance:
            if key not in allowed:
                hint = _allowed(allowed, str(key))
                if err.instance[key] is None:  # `{en: a, b}`: the comma started a new key
                    hint += "; { } 中的逗号会开始一个新键：请给文字加引号 / a comma inside { } starts a new key: put the text in quotes"
                yield ptr + (key,), f"未知的键 {key!r} / unknown key {key!r} in {where}", hint, True
        return
    if err.validator == "enum":
        yield ptr, f"不允许的取值 / {err.instance!r} is not allowed for {where}", _allowed(err.validator_value, str(err.instance)), False
        return
    if err.validator == "const":
        yield ptr, f"不允许的取值 / {err.instance!r} is not allowed for {where}", f"expected {err.validator_value!r}", False
        return
    if err.validator == "required":
        have = [str(k) for k in (err.instance or {})] if isinstance(err.instance, dict) else []
        # a misspelt key is reported once, as unknown with its did-you-mean, not also as missing
        missing = [k for k in err.validator_value if k not in (err.instance or {})
                   and not difflib.get_close_matches(k, have, n=1, cutoff=0.75)]
        if missing:
            yield ptr, f"{where}: 缺少必填的键 / missing key {', '.join(map(repr, missing))}", "", False
        return
    if err.validator == "type":
        want = err.validator_value if isinstance(err.validator_value, str) else " or ".join(err.validator_value)
        yield ptr, f"{where}: 类型不对 / expected {_TYPE_WORDS.get(want, want)}, got {_describe(err.instance)}", _type_hint(err.instance, want), False
        return
    if err.validator in ("oneOf", "anyOf") and err.context:
        best = jsonschema.exceptions.best_match(err.context)
        if best is not None and best.validator not in ("oneOf", "anyOf", "not", "required"):
            yield from _explain(best, prefix)
            return
        yield ptr, f"{where}: 写法不符合要求 / {_oneof_text(err)}", "", False
        return
    yield ptr, f"{where}: 写法不符合要求 / {err.message}", "", False


_TYPE_WORDS = {"object": "a mapping (key: value lines)", "array": "a list (lines starting with '- ')",
               "string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false"}


def _oneof_text(err) -> str:
    if err.schema is RULE_BASE or "checks" in str(err.schema.get("oneOf", ""))[:400]:
        return "give either kind (with options) or checks (a list), not both and not neither"
    if "form" in str(err.schema.get("oneOf", "")):
        return "an example needs exactly one of form, forms or file"
    return "the value matches none of the allowed shapes"


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    return f"{type(value).__name__} {value!r}" if not isinstance(value, str) else f"text {value!r}"


def _type_hint(value: Any, want: str) -> str:
    if want == "object" and isinstance(value, str):
        return "把下面的键缩进，或写成 {键: 值} / indent the keys below this line, or write {key: value}"
    if want == "array" and not isinstance(value, list):
        return "每项一行、以“- ”开头，或写成 [a, b] / write the items as lines starting with '- ', or as [a, b]"
    if want in ("string",) and not isinstance(value, str):
        return f"请加引号 / quote it: \"{value}\""
    return ""


def _allowed(allowed: Iterable, got: str) -> str:
    allowed = [str(a) for a in allowed]
    close = difflib.get_close_matches(got, allowed, n=1, cutoff=0.5)
    text = "可用 / allowed: " + ", ".join(allowed)
    return text + (f"; 是否想写 / did you mean {close[0]!r}?" if close else "")
