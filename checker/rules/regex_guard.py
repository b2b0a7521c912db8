"""Regular expressions written in rule packs and profiles, refused when they can backtrack for ever.

A rule file's ``regex`` (kind ``pattern``), ``rate_names``/``count_names``/``rate_unit_elsewhere``
(kind ``unit_kind``) and the predicates ``name_matches``/``value_matches`` run Python's ``re`` on
every indicator of every form. A pattern such as ``^(a+)+$`` takes time doubling with each
character of a cell (a 29-character name: 7.6 s), so one shared profile could stall every check.

Measured choice (December 2026): google-re2 runs ``(a+)+$`` on 30 characters in 0.01 ms, but it
is a compiled extra dependency, has no lookaround (baseline rules and the grammar use it) and logs
to standard error on every pattern it refuses. Refusing the few shapes that backtrack
exponentially at load time, with the file, line and a hint, keeps ``re`` and costs nothing at
check time. Refused: a repeat of a group that itself holds a repeat or a choice of several
multi-character alternatives (``(a+)+``, ``(\\w+\\s?)*``, ``(ab|a)*``), and backreferences. Possessive
repeats and atomic groups (``(?>…)``, ``a*+``) never backtrack into and stay allowed.
"""

from __future__ import annotations

import re
from re import _constants as C  # noqa: PLC2701 - the parser's opcodes: no public API exposes them
from re import _parser as P  # noqa: PLC2701

# Keys of rule options and predicates whose string values are regular expressions.
REGEX_KEYS = frozenset({"regex", "rate_names", "count_names", "rate_unit_elsewhere",
                        "name_matches", "value_matches"})

_LOOPS = (C.MAX_REPEAT, C.MIN_REPEAT)


def regex_problem(pattern: str) -> str | None:
    """Why ``pattern`` cannot be used in a rule pack (does not compile, or can backtrack
    exponentially), or None when it is fine. Never raises."""
    try:
        re.compile(pattern)
        tree = P.parse(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        return f"not a valid regular expression ({exc})"
    return _walk(tree, inside_loop=False)


def _walk(sub, inside_loop: bool) -> str | None:
    for op, av in sub:
        if op in (C.GROUPREF, C.GROUPREF_EXISTS):
            return "a backreference (\\1, (?P=name)) can take exponential time; match the text without it"
        if op in _LOOPS:
            lo, hi, body = av
            loops = hi > 1
            if inside_loop and lo != hi:  # a variable repeat inside a repeat: (a+)+, (a?b)*
                return ("nested quantifiers such as (a+)+ or (\\w+\\s?)* can take exponential time; "
                        "repeat a single character class instead, or make the inner repeat possessive (a++)")
            found = _walk(body, inside_loop or loops)
        elif op == C.BRANCH and inside_loop and len(av[1]) > 1:
            return ("a repeated choice of alternatives such as (ab|a)* can take exponential time; "
                    "list the alternatives once, or use an atomic group (?>ab|a)*")
        else:
            found = _walk_children(op, av, inside_loop)
        if found:
            return found
    return None


def _walk_children(op, av, inside_loop: bool) -> str | None:
    if op == C.SUBPATTERN:
        return _walk(av[-1], inside_loop)
    if op == C.BRANCH:
        return next((m for b in av[1] if (m := _walk(b, inside_loop))), None)
    if op in (C.ASSERT, C.ASSERT_NOT):
        return _walk(av[1], inside_loop)
    if op in (C.ATOMIC_GROUP, C.POSSESSIVE_REPEAT):
        body = av if op == C.ATOMIC_GROUP else av[2]
        return _walk(body, False)  # never backtracked into
    return None
