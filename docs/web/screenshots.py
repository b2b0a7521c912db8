"""Make the README's pictures of ``checker serve``: a sample dropped on the page, and the page
after a click on a finding. Needs checker[web], Playwright and Chromium (see README).

    python docs/web/screenshots.py
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

from checker.web.local import chromium_path, drop, running

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parents[1] / "samples"


def main() -> None:
    chromium = chromium_path()
    if chromium is None:
        raise SystemExit("no Chromium: apt-get install chromium (or set CHECKER_CHROMIUM)")
    with running() as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1360, "height": 1150})
            page.goto(url + "/")
            sample = SAMPLES / "handmade_project_target.txt"
            drop(page, sample.name, sample.read_bytes())
            page.evaluate("window.scrollTo(0, 0)")
            page.focus("td.mark-error >> text=105")  # its message shows beside it
            page.screenshot(path=str(HERE / "page-findings.png"))
            page.set_viewport_size({"width": 1360, "height": 900})
            page.goto(url + "/")
            sample = SAMPLES / "hunan_2026_targets.xlsx"
            drop(page, sample.name, sample.read_bytes())
            page.click("li.finding.sev-error a.goto")
            page.wait_for_timeout(400)
            page.screenshot(path=str(HERE / "page-cell.png"))
        finally:
            browser.close()
    print(f"wrote {HERE / 'page-findings.png'} and {HERE / 'page-cell.png'}")


if __name__ == "__main__":
    main()
