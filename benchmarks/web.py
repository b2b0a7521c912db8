"""Time from drop to rendered findings on ``checker serve`` for the largest sample, in a real
browser (Playwright driving Chromium), against the CLI's own check of the same file.

Run: python benchmarks/web.py [--runs N] [--file PATH]
Needs checker[web], Playwright and Chromium (apt-get install chromium, or CHECKER_CHROMIUM).
The time runs from the drop event to the moment the last marked cell and the findings list are
in the page (the server's check, the transfer and the browser's drawing all included). Prints the
best and the median of N runs, and the size of the page the browser drew.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def largest_sample() -> Path:
    """The biggest .txt/.xlsx/.docx in samples/ (003 today, a 59-form budget disclosure)."""
    return max((p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".xlsx", ".docx")), key=lambda p: p.stat().st_size)


def drop_to_rendered(page, path: Path) -> float:
    """Seconds from the drop to the findings drawn (Performance clock of the page)."""
    from checker.web.local import DROP_JS
    import base64

    page.reload()
    transfer = page.evaluate_handle(DROP_JS, [path.name, base64.b64encode(path.read_bytes()).decode("ascii")])
    page.evaluate("() => { window.__t0 = performance.now(); }")
    page.dispatch_event("#drop", "drop", {"dataTransfer": transfer})
    page.wait_for_selector("#result aside.findings", timeout=120_000)
    # one frame later the page is painted
    return page.evaluate("() => new Promise(r => requestAnimationFrame(() => r(performance.now() - window.__t0)))") / 1000


def cli_check(path: Path) -> float:
    """Seconds of the pipeline's check_file on the same file (pack loaded beforehand)."""
    from checker.pipeline import CheckOptions, check_file
    from checker.web.run import pack_for

    pack = pack_for(None)
    start = time.perf_counter()
    check_file(str(path), pack, CheckOptions())
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--file", type=Path, default=None)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from checker.web.local import chromium_path, running

    path = args.file or largest_sample()
    chromium = chromium_path()
    if chromium is None:
        sys.exit("no Chromium: apt-get install chromium (or set CHECKER_CHROMIUM)")
    with running() as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1360, "height": 900})
            page.goto(url + "/")
            drop_to_rendered(page, path)  # warm: the rule pack and the readers load once per server
            times = [drop_to_rendered(page, path) for _ in range(args.runs)]
            cells = page.locator("td").count()
            marks = page.locator("td.mark").count()
            size = page.evaluate("document.documentElement.outerHTML.length")
        finally:
            browser.close()
    check = min(cli_check(path) for _ in range(3))
    print(f"file: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} ({path.stat().st_size:,} bytes)")
    print(f"drop → rendered findings: best {min(times):.2f} s, median {statistics.median(times):.2f} s "
          f"over {args.runs} runs")
    print(f"of which the check itself (check_file, pack loaded): {check:.2f} s")
    print(f"page drawn: {cells:,} cells, {marks:,} marked, {size / 1e6:.1f} MB of HTML")


if __name__ == "__main__":
    main()
