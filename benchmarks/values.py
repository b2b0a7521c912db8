"""Benchmark of the indicator-value grammar.

Prints: import time of checker.values; the LALR parser's build time from the grammar and from
the cache file; values per second over the seeds' values repeated ×100, both through the
grammar (no memo: every value parsed again), through parse_value (memoised, as ``checker
check`` calls it), and with the fast path (fast.py) switched off.

    python benchmarks/values.py            # one core, as in CI
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def seed_values() -> list[tuple[str, str, str]]:
    from tests.test_values_seeds import SEED_VALUES

    return [(v, u, t) for v, u, t, _ in SEED_VALUES]


def import_time() -> float:
    """Seconds for a fresh interpreter to import checker.values and parse one value (warm cache)."""
    code = ("import time; t=time.perf_counter(); from checker.values import parse_value; "
            "parse_value('≥95%'); print(time.perf_counter()-t)")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)  # warm the cache
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return float(out.stdout)


def build_times() -> tuple[float, float]:
    from checker.values.parser import build_parser

    t = time.perf_counter()
    build_parser(cache=False)
    cold = time.perf_counter() - t
    cache = os.path.join(tempfile.mkdtemp(), "bench.lark.cache")  # mkdtemp: 0700, ours
    build_parser(cache=cache)
    t = time.perf_counter()
    build_parser(cache=cache)
    return cold, time.perf_counter() - t


def throughput(values: list[tuple[str, str, str]]) -> tuple[float, float, float]:
    import checker.values as cv
    from checker.values import _parse_cached, parse_value

    def run(fn) -> float:
        t = time.perf_counter()
        for v, u, ty in values:
            fn(v, u, ty)
        return len(values) / (time.perf_counter() - t)

    def unmemoised(v, u, ty):
        _parse_cached.cache_clear()
        return parse_value(v, u, ty)

    parse_value("≥95%")
    plain, memo = run(unmemoised), run(parse_value)
    cv._USE_FAST_PATH = False
    try:
        parser_only = run(unmemoised)
    finally:
        cv._USE_FAST_PATH = True
    return plain, memo, parser_only


def main() -> None:
    values = seed_values() * 100
    print(f"import checker.values + first parse (warm cache): {import_time() * 1000:.1f} ms")
    cold, warm = build_times()
    print(f"parser build: {cold * 1000:.1f} ms from the grammar, {warm * 1000:.1f} ms from the cache")
    plain, memo, parser_only = throughput(values)
    print(f"{len(values)} values (seeds' {len(values) // 100} distinct values ×100):")
    print(f"  {plain:,.0f} values/s parsed every time (no memo)")
    print(f"  {memo:,.0f} values/s through parse_value (memoised)")
    print(f"  {parser_only:,.0f} values/s with the fast path off (LALR parser for every value)")


if __name__ == "__main__":
    main()
