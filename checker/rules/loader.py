"""Load and validate a rule pack: rule files, dated parameters, taxonomy and a profile.

Every file is checked in one pass (schema, kinds' option schemas, parameter references,
message placeholders, example fragments) and *all* problems are collected; ``load_pack``
raises ``RulePackError`` with every one of them formatted as ``file:line:col: message`` with
the offending lines, the allowed values and a did-you-mean.
"""

from __future__ import annotations

import json
import string
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from checker.errors import RulePackError
from checker.layout.budget_vocab import budget_vocab_problems
from checker.layout.vocab import (header_labels_problems, is_level1, label_level, layout_vocab_problems,
                                  taxonomy_problems)
from checker.rules.vocabulary import meaning_problems
from checker.resources import rules_dir
from checker.rules import schema as S
from checker.rules.codes import builtin_codes, codes_problems
from checker.rules.kinds import load_kinds
from checker.rules.pack import (Check, Parameter, ParamValue, Rule, RulePack, param_names, profile_path,
                                rule_file_paths, stray_yaml_paths)
from checker.rules.regex_guard import REGEX_KEYS, regex_problem
from checker.rules.source import Source, load_source


@cache
def _filing_form_schema() -> dict:
    data = json.loads((rules_dir() / "schema" / "filing.schema.json").read_text(encoding="utf-8"))
    return {"$ref": "#/$defs/form", "$defs": data["$defs"]}


def load_pack(profile: str | None = None, paths: list[Path] | None = None) -> RulePack:
    """Load the baseline pack (``rules_dir()``) or the rule files/folders in ``paths``, then
    overlay ``profile`` (a name under rules/profiles/ or a path), validating every file (no
    cache: ``checker.rules.load_pack`` is the cached one). Raises RulePackError listing every
    problem of every file."""
    return build_pack(profile, paths)[0]


def build_pack(profile: str | None = None, paths: list[Path] | None = None) -> tuple[RulePack, list[str]]:
    """``load_pack``'s pack and the paths of every file it read (rule files, parameters, the
    profile and what it extends): what a cached copy depends on (checker/rules/packcache.py)."""
    sources: list[Source] = []
    params, psrcs = _load_parameters([rules_dir() / "parameters.yaml"])
    sources += psrcs
    files: list[Path] = []
    strays: list[str] = []
    for p in paths or [rules_dir()]:
        p = Path(p)
        if p.is_dir():
            files += rule_file_paths(p)
            strays += [f"{x}:1:1: not loaded: a rule file's name starts with its code "
                       f"(e.g. S101.yaml or S101-说明.yaml); rename it, or move it out of {p}"
                       for x in stray_yaml_paths(p)]
            if p.resolve() != rules_dir().resolve() and (p / "parameters.yaml").is_file():
                more, msrcs = _load_parameters([p / "parameters.yaml"])
                params.update(more)
                sources += msrcs
        else:
            files.append(p)
    prof_name, severities, refs, extra = None, {}, [], []
    if profile:
        psrc, prof_params, extra, severities, refs = _load_profile(profile)
        sources += psrc
        baseline_params = set(params)
        params.update(amend_parameters(params, prof_params))
        files += extra
        prof_name = profile
    rules: list[Rule] = []
    for f in files:
        src, rule = load_rule_file(f, params)
        sources.append(src)
        if rule is not None:
            rules.append(rule)
    if refs:
        rules = _apply_profile_changes(refs, rules, {str(f) for f in extra})
        _check_profile_refs(refs, rules, baseline_params)
    problems = strays + [line for s in sources for line in s.report()]
    problems += _duplicate_codes(rules)
    # The layout's level table and frameworks (rules/taxonomy.yaml), checked against its schema here
    # so that a broken file stops the run with its place, not each form with an internal error.
    problems += taxonomy_problems(rules_dir() / "taxonomy.yaml") + codes_problems()
    problems += layout_vocab_problems(rules_dir() / "layout_vocab.yaml")
    problems += header_labels_problems(rules_dir() / "header_labels.yaml")
    problems += budget_vocab_problems(rules_dir() / "budget_vocab.yaml")  # the budget disclosure's words
    problems += meaning_problems()  # rules/meaning.yaml, the value rules' vocabulary
    if problems:
        raise RulePackError(problems)
    for r in rules:
        sev = severities.get(r.code)
        if sev == "off" or sev is False:
            r.enabled = False
        elif sev:
            r.severity = sev
    pack = RulePack(rules=sorted(rules, key=lambda r: r.code), parameters=params, taxonomy=load_taxonomy(),
                    profile=prof_name, paths=[str(f) for f in files],
                    code_severities={c: v for c, v in severities.items() if c in builtin_codes()})
    return pack, [s.path for s in sources] + [str(f) for f in files]


def amend_parameters(baseline: dict[str, Parameter], profile: dict[str, Parameter]) -> dict[str, Parameter]:
    """A profile's parameter values amend the baseline's from their first date on (OpenFisca's
    reforms do so): before it the baseline's values stay in force, so forms of earlier budget
    years keep a threshold instead of becoming unreadable."""
    out = {}
    for name, p in profile.items():
        base = baseline.get(name)
        if base is None or not p.values:
            out[name] = p
            continue
        first = min(v.start for v in p.values)
        kept = [v for v in base.values if v.start < first]
        out[name] = Parameter(name, kept + list(p.values), p.title or base.title, p.unit or base.unit)
    return out


def _apply_profile_changes(refs: list, rules: list[Rule], profile_files: set[str]) -> list[Rule]:
    """A profile's ``replaces`` (its rule file of the same code takes the baseline rule's place)
    and ``overrides`` (a rule's severity, a variant's severity or message, options set on every
    check, validated by the kind's schema), applied in the order the profiles extend each other.
    Problems go to the profile's own lines; the rules in force are returned."""
    kinds = load_kinds()
    for src, ptr, what, code in refs:
        if what == "replace":
            mine = [r for r in rules if r.code == code and r.path in profile_files]
            if not mine:
                src.problem(ptr, f"{code}: 本配置的规则文件中没有这个编号，无法替换基线规则 / no rule file of this profile has this code to replace the baseline's",
                            "在 rules: 下列出替换用的规则文件 / list the replacing file under `rules:`")
            else:
                rules = [r for r in rules if r.code != code or r.path in profile_files]
        elif what == "override":
            rule = next((r for r in rules if r.code == code), None)
            if rule is None:
                src.problem(ptr, f"没有代码为 {code} 的规则 / no rule {code} to override",
                            S._allowed(sorted(r.code for r in rules), code), key=True)
                continue
            _override(src, ptr, rule, src.data["overrides"][code], kinds)
    return rules


def _override(src: Source, ptr: tuple, rule: Rule, change: dict, kinds) -> None:
    rule.amended = True
    if change.get("severity"):
        rule.severity = change["severity"]
    known = set(rule.variants) | {v for c in rule.checks for v in c.variants}
    for name, var in (change.get("variants") or {}).items():
        if name not in known:
            src.problem(ptr + ("variants", name), f"{rule.code} 没有名为“{name}”的变体 / {rule.code} has no variant {name!r}",
                        S._allowed(sorted(known), name) if known else "这条规则没有变体 / this rule has no variants", key=True)
            continue
        rule.variants[name] = {**rule.variants.get(name, {}), **var}
    if change.get("options"):
        for check in rule.checks:
            merged = {**check.options, **change["options"]}
            before = len(src.problems)
            S.validate(src, kinds[check.kind].schema, merged, ptr + ("options",))
            if len(src.problems) == before:
                _check_options(src, kinds[check.kind], merged, ptr + ("options",))
                check.options = merged


def _check_profile_refs(refs: list, rules: list[Rule], baseline_params: set[str]) -> None:
    """A profile names only codes that exist (a rule's or a built-in one, checker/rules/codes.py)
    and sets only parameters that a rule uses or the baseline defines: a typo would otherwise
    leave the intended severity or threshold silently unapplied."""
    codes = {r.code for r in rules} | set(builtin_codes())
    used = set(baseline_params) | {n for r in rules for c in r.checks for n in param_names(c.options) | param_names(c.years or {})}
    used |= {n for r in rules for n in param_names(r.years or {}) | param_names(r.when or {})}
    for src, ptr, what, name in refs:
        if what == "code" and name not in codes:
            src.problem(ptr, f"没有代码为 {name} 的规则 / no rule or built-in code {name}", S._allowed(sorted(codes), name),
                        key=True)
        elif what == "param" and name not in used:
            src.problem(ptr, f"没有名为 {name!r} 的参数 / no rule uses a parameter {name!r}", S._allowed(sorted(used), name),
                        key=True)


def load_rule_file(path: Path, params: dict[str, Parameter]) -> tuple[Source, Rule | None]:
    """One rule file: its Source (with problems) and the Rule, or None when it is invalid."""
    src = load_source(path)
    if src.data is None:  # a syntax error stops here; YAML traps do not (all errors in one pass)
        if not src.problems:
            src.problem((), "规则文件是空的 / empty rule file")
        return src, None
    if not isinstance(src.data, dict):
        src.problem((), "规则文件应是键值映射（code:、title:、severity: …）/ a rule file is a mapping (code:, title:, severity:, …)")
        return src, None
    kinds = load_kinds()
    S.validate(src, S.RULE_BASE)
    data = src.data
    checks = _checks(data)
    for i, (ptr, c) in enumerate(checks):
        k = c.get("kind")
        if isinstance(k, str) and k not in kinds:
            src.problem(ptr + ("kind",), f"没有“{k}”这种检查种类 / unknown rule kind {k!r}", S._allowed(sorted(kinds), k))
        elif isinstance(k, str) and isinstance(c.get("options", {}), dict):
            before = len(src.problems)
            S.validate(src, kinds[k].schema, c.get("options", {}), ptr + ("options",))
            if len(src.problems) == before:  # the kind's own checks need options of the right shape
                _check_options(src, kinds[k], c.get("options", {}), ptr + ("options",))
        for name in sorted(param_names(c.get("options", {}))):
            if name not in params:
                src.problem(ptr + ("options",), f"没有名为“{name}”的参数 / unknown parameter {name!r}", S._allowed(sorted(params), name))
    if isinstance(data.get("applies_to"), dict):
        for name in sorted(param_names(data["applies_to"])):
            if name not in params:
                src.problem(("applies_to",), f"没有名为“{name}”的参数 / unknown parameter {name!r}", S._allowed(sorted(params), name))
    _check_variants(src, data, checks, kinds)
    _check_templates(src, data)
    _check_examples(src, data, path)
    for ptr, c in checks:
        _check_regexes(src, c.get("options"), ptr + ("options",), params)
    if src.problems:
        return src, None
    return src, _build_rule(data, checks, path)


def _check_variants(src: Source, data: dict, checks: list, kinds: dict) -> None:
    """Every variant a rule file names is one its kind yields: a check's own ``variants`` those of
    its kind, the rule's those of any of its checks (a misspelled name would never apply)."""
    def names(c) -> set[str] | None:
        k, opts = c.get("kind"), c.get("options")
        if k not in kinds:
            return None  # reported as an unknown kind
        return kinds[k].variant_names(opts if isinstance(opts, dict) else {})

    every: set[str] = set()
    for ptr, c in checks:
        known = names(c)
        if known is None:
            return
        every |= known
        if c is not data:
            _unknown_variants(src, c, known, ptr)
    _unknown_variants(src, data, every, ())


def _unknown_variants(src: Source, node: dict, known: set[str], ptr: tuple) -> None:
    for name in node.get("variants") or {} if isinstance(node.get("variants"), dict) else {}:
        if name not in known:
            src.problem(ptr + ("variants", name), f"这条规则没有名为“{name}”的变体 / the rule's kind yields no variant "
                        f"{name!r}", S._allowed(sorted(known), name) if known else "这种规则没有变体 / this kind has "
                        "no variants", key=True)


def _check_options(src: Source, k, opts: dict, ptr: tuple) -> None:
    """What a kind's schema cannot say: its own ``validate`` hook (a formula's syntax and names),
    and every level-1/level-2 name an option gives, against rules/taxonomy.yaml."""
    for sub, message, hint in (k.validate(opts) if k.validate else ()):
        src.problem(ptr + tuple(sub), message, hint)
    for sub, name in _level_names(opts):
        if name and label_level(name) is None and not is_level1(name):
            src.problem(ptr + sub, f"“{name}”不是已知的一级或二级指标名称 / {name!r} is no known level-1 or "
                        "level-2 indicator name (rules/taxonomy.yaml)", _allowed_label(name))
    for key, known in (("unit_kind", _unit_kinds()), ("value_kind", _value_kinds())):
        for sub, name in _level_names(opts, (key,)):
            if name not in known:
                src.problem(ptr + sub, f"没有“{name}”这种{'单位类别' if key == 'unit_kind' else '指标值类型'} / unknown "
                            f"{key} {name!r}", S._allowed(sorted(known), name))


@cache
def _unit_kinds() -> frozenset[str]:
    """The unit kinds of rules/units.yaml, and those a compound unit is given (price, flow, ratio)."""
    from checker.values.units import load_units

    return frozenset(load_units().kinds) | {"price", "flow", "ratio"}


@cache
def _value_kinds() -> frozenset[str]:
    """The kinds of value the grammar gives (checker/values/types.py), and none."""
    import dataclasses

    from checker.values import types

    return frozenset({f.default for cls in vars(types).values() if dataclasses.is_dataclass(cls)
                      for f in dataclasses.fields(cls) if f.name == "kind" and isinstance(f.default, str)} | {"none"})


def _level_names(node, keys: tuple = ("level1", "level2"), ptr: tuple = ()):
    """(pointer, name) of every string under an option key of ``keys``, at any depth."""
    if isinstance(node, dict):
        for key, v in node.items():
            if key in keys:
                items = v if isinstance(v, list) else [v]
                for i, name in enumerate(items):
                    if isinstance(name, str):
                        yield (ptr + (key, i) if isinstance(v, list) else ptr + (key,)), name
            else:
                yield from _level_names(v, keys, ptr + (key,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _level_names(v, keys, ptr + (i,))


def _allowed_label(name: str) -> str:
    import difflib

    from checker.layout.vocab import taxonomy

    names = sorted({n for l1, spec in taxonomy()["level1"].items() for n in [l1, *(spec.get("level2") or {})]})
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.4)
    return (f"did you mean {'、'.join(close)}? " if close else "") + "add a new name or synonym to rules/taxonomy.yaml"


def _checks(data: dict) -> list[tuple[tuple, dict]]:
    if isinstance(data.get("checks"), list):
        return [(("checks", i), c) for i, c in enumerate(data["checks"]) if isinstance(c, dict)]
    return [((), data)] if "kind" in data else []


def _check_templates(src: Source, data: dict) -> None:
    """Message templates must be valid ``{placeholder}`` text (a stray ``{`` is an error)."""
    def walk(node, ptr):
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("zh", "en") and isinstance(v, str) and ptr and ptr[-1] == "message":
                    try:
                        list(string.Formatter().parse(v))
                    except ValueError as exc:
                        src.problem(ptr + (k,), f"提示语模板有误 / bad message template: {exc}",
                                    "占位符写作 {name}；花括号本身写作 {{ 或 }} / placeholders are written {name}; write {{ or }} for a literal brace")
                elif k != "examples":
                    walk(v, ptr + (k,))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, ptr + (i,))
    walk(data, ())


def _check_regexes(src: Source, node: Any, ptr: tuple, params: dict[str, Parameter]) -> None:
    """Every regex of a check's options (REGEX_KEYS, also through ``{param: NAME}``) compiles and
    cannot backtrack exponentially (rules/regex_guard.py): a shared profile must not stall checks."""
    if isinstance(node, list):
        for i, v in enumerate(node):
            _check_regexes(src, v, ptr + (i,), params)
        return
    if not isinstance(node, dict):
        return
    for k, v in node.items():
        if k in REGEX_KEYS:
            for pattern in _regex_values(v, params):
                why = regex_problem(pattern)
                if why:
                    src.problem(ptr + (k,), f"正则表达式 {pattern!r} 有问题 / regex {pattern!r}: {why}")
                    break
        else:
            _check_regexes(src, v, ptr + (k,), params)


def _regex_values(value: Any, params: dict[str, Parameter]) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"param"} and value["param"] in params:
        return [pv.value for pv in params[value["param"]].values if isinstance(pv.value, str)]
    return []


def _check_examples(src: Source, data: dict, path: Path) -> None:
    for i, ex in enumerate(data.get("examples") or []):
        if not isinstance(ex, dict):
            continue
        frags = [(("examples", i, "form"), ex["form"])] if isinstance(ex.get("form"), dict) else []
        frags += [(("examples", i, "forms", j), f) for j, f in enumerate(ex.get("forms") or []) if isinstance(f, dict)]
        for ptr, frag in frags:
            S.validate(src, _filing_form_schema(), frag, ptr)
        if isinstance(ex.get("file"), str) and not (path.parent / ex["file"]).exists():
            src.problem(("examples", i, "file"), f"规则文件旁没有样例文件 {ex['file']!r} / sample file {ex['file']!r} not found beside the rule file")


def _build_rule(data: dict, checks: list[tuple[tuple, dict]], path: Path) -> Rule:
    applies = data.get("applies_to") or {}
    rule = Rule(code=data["code"], severity=data["severity"], title=data["title"], source=data["source"],
                message=data["message"], checks=[], examples=list(data.get("examples") or []),
                forms=list(applies.get("forms") or []), years=applies.get("years"), when=applies.get("when"),
                variants=dict(data.get("variants") or {}), strength=data.get("strength", ""),
                description=data.get("description") or {}, fixable=bool(data.get("fixable", False)),
                path=str(path), per_document=data.get("per_document"))
    for i, (_, c) in enumerate(checks):
        rule.checks.append(Check(kind=c["kind"], options=dict(c.get("options") or {}), rule=rule,
                                 severity=c.get("severity") if c is not data else None,
                                 message=c.get("message") if c is not data else None,
                                 years=c.get("years") if c is not data else None,
                                 variants=dict(c.get("variants") or {}) if c is not data else {}, index=i,
                                 forms=list(c.get("forms") or []) if c is not data else [],
                                 per_document=c.get("per_document") if c is not data else None))
    return rule


def _duplicate_codes(rules: list[Rule]) -> list[str]:
    seen: dict[str, str] = {}
    out = []
    for r in rules:
        if r.code in seen:
            out.append(f"{r.path}:1:1: rule code {r.code} is also defined in {seen[r.code]}")
        seen.setdefault(r.code, r.path)
    return out


# --------------------------------------------------------------------------- parameters


def _load_parameters(files: list[Path]) -> tuple[dict[str, Parameter], list[Source]]:
    params: dict[str, Parameter] = {}
    sources = []
    for f in files:
        if not f.is_file():
            continue
        src = load_source(f)
        sources.append(src)
        if src.data is None:
            continue
        S.validate(src, S.PARAMETERS)
        if src.problems:
            continue
        for name, spec in src.data["parameters"].items():
            values = _param_values(src, ("parameters", name, "values"), spec["values"])
            params[name] = Parameter(name, values, spec.get("title") or {}, spec.get("unit", ""))
    return params, sources


def _param_values(src: Source, ptr: tuple, values: list[dict]) -> list[ParamValue]:
    out = []
    for i, v in enumerate(values):
        try:
            out.append(ParamValue(date.fromisoformat(v["from"]), v["value"], v["source"]))
        except ValueError:
            src.problem(ptr + (i, "from"), f"不是有效日期 / not a calendar date: {v['from']!r}", "用引号写成 \"YYYY-MM-DD\" / write YYYY-MM-DD in quotes")
    return out


# --------------------------------------------------------------------------- profiles


def _load_profile(name: str, depth: int = 0):
    """(sources, parameters, extra rule files, severities, references) of a profile and what it
    extends; references are (source, pointer, "code" | "param", name), checked once every rule
    file is loaded (_check_profile_refs)."""
    path = profile_path(name)
    if not path.is_file():
        from checker.rules.source import Problem

        src = Source(str(path))
        avail = sorted(p.stem for p in (rules_dir() / "profiles").glob("*.yaml")) if (rules_dir() / "profiles").is_dir() else []
        src.problems.append(Problem(str(path), 1, 1, f"no profile {name!r}", S._allowed(avail, name) if avail else "no profiles are installed"))
        return [src], {}, [], {}, []
    src = load_source(path)
    if src.data is None:
        return [src], {}, [], {}, []
    S.validate(src, S.PROFILE)
    if src.problems:
        return [src], {}, [], {}, []
    data = src.data
    sources, params, files, sev, refs = [src], {}, [], {}, []
    if data.get("extends") and depth < 5:
        s2, p2, f2, sv2, r2 = _load_profile(data["extends"], depth + 1)
        sources, params, files, sev, refs = s2 + sources, p2, f2, sv2, r2
    for pname, values in (data.get("parameters") or {}).items():
        params[pname] = Parameter(pname, _param_values(src, ("parameters", pname), values))
        refs.append((src, ("parameters", pname), "param", pname))
    refs += [(src, ("severities", code), "code", code) for code in data.get("severities") or {}]
    refs += [(src, ("replaces", i), "replace", code) for i, code in enumerate(data.get("replaces") or [])]
    refs += [(src, ("overrides", code), "override", code) for code in data.get("overrides") or {}]
    for i, rel in enumerate(data.get("rules") or []):
        target = path.parent / rel
        if target.is_dir():
            files += rule_file_paths(target)
        elif target.is_file():
            files.append(target)
        else:
            src.problem(("rules", i), f"配置文件旁没有规则文件或目录 {rel!r} / rule file or folder {rel!r} not found beside the profile")
    sev.update(data.get("severities") or {})
    return sources, params, files, sev, refs


# --------------------------------------------------------------------------- taxonomy

# Used when rules/taxonomy.yaml (the layout's table) is absent or has another shape:
# 财预〔2015〕88号 and 财预〔2021〕101号 level-1 → level-2 names.
DEFAULT_TAXONOMY: dict[str, Any] = {
    "children": {
        "产出指标": ["数量指标", "质量指标", "时效指标", "成本指标"],
        "成本指标": ["经济成本指标", "社会成本指标", "生态环境成本指标"],
        "效益指标": ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"],
        "满意度指标": ["服务对象满意度指标"],
    },
    "synonyms": {
        "效果指标": "效益指标",
        "环境效益指标": "生态效益指标",
        "生态环境效益指标": "生态效益指标",
        "可持续发展指标": "可持续影响指标",
        "满意度": "满意度指标",
        "社会公众或服务对象满意度指标": "服务对象满意度指标",
    },
}


@cache
def load_taxonomy() -> dict[str, Any]:
    """``{children: {level1: [level2…]}, synonyms: {name: canonical}}`` from rules/taxonomy.yaml
    when it has that shape (or ``level1``/``level2`` lists of ``{name, synonyms}``), merged over
    the built-in table; never raises (the layout helper owns that file's format)."""
    tax = {"children": {k: list(v) for k, v in DEFAULT_TAXONOMY["children"].items()},
           "synonyms": dict(DEFAULT_TAXONOMY["synonyms"])}
    path = rules_dir() / "taxonomy.yaml"
    if not path.is_file():
        return tax
    src = load_source(path)
    data = src.data if isinstance(src.data, dict) else {}
    _merge_taxonomy(tax, data)
    return tax


def _merge_taxonomy(tax: dict, data: dict) -> None:
    if isinstance(data.get("children"), dict):
        for l1, kids in data["children"].items():
            if isinstance(kids, list):
                tax["children"].setdefault(str(l1), [])
                tax["children"][str(l1)] += [str(k) for k in kids if str(k) not in tax["children"][str(l1)]]
    if isinstance(data.get("synonyms"), dict):
        for k, v in data["synonyms"].items():
            if isinstance(v, str):
                tax["synonyms"][str(k)] = v
            elif isinstance(v, list):  # canonical: [synonym, …]
                for s in v:
                    tax["synonyms"][str(s)] = str(k)
    for level in ("level1", "level2"):
        items = data.get(level)
        if isinstance(items, dict):
            items = [{"name": k, **(v if isinstance(v, dict) else {})} for k, v in items.items()]
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                continue
            for s in item.get("synonyms") or []:
                tax["synonyms"][str(s)] = item["name"]
            parent = item.get("parent") or item.get("level1")
            if level == "level2" and isinstance(parent, str):
                kids = tax["children"].setdefault(parent, [])
                if item["name"] not in kids:
                    kids.append(item["name"])
            if level == "level1" and isinstance(item.get("level2"), dict):  # rules/taxonomy.yaml
                kids = tax["children"].setdefault(item["name"], [])
                for l2, syns in item["level2"].items():
                    if str(l2) not in kids:
                        kids.append(str(l2))
                    for s in syns if isinstance(syns, list) else []:
                        tax["synonyms"][str(s)] = str(l2)
            if level == "level1" and isinstance(item.get("legacy_under"), str):
                kids = tax["children"].setdefault(item["legacy_under"], [])
                if item["name"] not in kids:
                    kids.append(item["name"])
            if level == "level1" and isinstance(item.get("children"), list):
                kids = tax["children"].setdefault(item["name"], [])
                kids += [str(k) for k in item["children"] if str(k) not in kids]
