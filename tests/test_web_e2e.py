"""checker serve in a real browser: headless Chromium (Debian's ``chromium`` package) driven by
Playwright for Python. Each sample is dropped on the page; the verdict, the marked cells per
severity and the scroll to a finding's cell are checked, and so are the oversized upload, a
hostile file and a form whose text is HTML.

Skipped, with the reason, where Playwright or Chromium is missing (CI installs both: see
.ci/run). CHECKER_CHROMIUM names another Chromium binary.
"""

from __future__ import annotations

import pytest

pytest.importorskip("starlette", reason="checker[web] is not installed (pip install -e '.[web]')")
pytest.importorskip("uvicorn", reason="checker[web] is not installed (pip install -e '.[web]')")
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="Playwright is not installed (pip install -e '.[e2e]')")

from checker.report.summary import verdict  # noqa: E402
from checker.web.view import is_doubt  # noqa: E402
from checker.web.local import chromium_path, drop  # noqa: E402
from web_support import ENCRYPTED, INJECTION, TRUNCATED, cli_result, live_server, sample_paths  # noqa: E402

LIMIT = 1024 * 1024  # 1 MB: every sample is below it, the oversized upload above


CHROMIUM = chromium_path()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium binary (apt-get install chromium, "
                                                          "or set CHECKER_CHROMIUM)")


@pytest.fixture(scope="module")
def base_url():
    with live_server(LIMIT) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.goto(base_url + "/")
    pg.errors = errors
    yield pg
    context.close()


def marked(pg) -> dict[str, int]:
    return {s: pg.locator(f"td.mark-{s}").count() for s in ("error", "warning", "info", "doubt")}


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.name)
def test_dropped_sample_shows_verdict_marks_and_scrolls_to_cells(page, path):
    drop(page, path.name, path.read_bytes())
    result, report = cli_result(path)
    passed, line = verdict(report)
    assert page.inner_text("#verdict .badge") == ("通过" if passed else "将被退回")
    assert page.inner_text("#verdict .counts") == line
    assert page.locator("div.form > h3:not(.dim)").count() == len(result.forms)  # each form drawn
    # the list holds every finding of the CLI's report, the doubts apart
    own = [f for f in result.findings if not is_doubt(f)]
    for sev in ("error", "warning", "info"):
        want = sum(1 for f in own if f.severity == sev)
        assert page.locator(f"aside.findings > ol.list li.sev-{sev}").count() == want, sev
    assert page.locator(".doubts li").count() == len(result.findings) - len(own)
    # every listed link points at a marked cell, and each marked cell's colour is the worst of its findings
    counts = marked(page)
    assert sum(counts.values()) == page.evaluate(
        "new Set(Array.from(document.querySelectorAll('a.goto')).map(a => a.dataset.cell)).size")
    for sev in ("error", "warning"):
        assert (counts[sev] > 0) == any(f.severity == sev for f in own), sev
    _click_last_finding_scrolls_to_its_cell(page)
    assert page.errors == []


def _click_last_finding_scrolls_to_its_cell(pg) -> None:
    links = pg.locator("a.goto")
    if links.count() == 0:
        return
    link = links.nth(links.count() - 1)
    cell_id = link.get_attribute("data-cell")
    cell = pg.locator(f"#{cell_id}")
    link.click()
    pg.wait_for_function("id => document.getElementById(id).classList.contains('flash')", arg=cell_id)
    box = cell.bounding_box()
    height = pg.evaluate("window.innerHeight")
    assert box is not None and 0 <= box["y"] and box["y"] + min(box["height"], 40) <= height
    assert pg.evaluate("document.activeElement.id") == cell_id


def test_hand_made_form_marks_nine_cells(page):
    path = next(p for p in sample_paths() if p.name == "handmade_project_target.txt")
    drop(page, path.name, path.read_bytes())
    assert marked(page) == {"error": 3, "warning": 3, "info": 3, "doubt": 0}
    title = page.get_attribute("td.mark-error >> text=105", "title")
    assert title.startswith("V204 错误：") and "105%" in title


def test_downloads_are_the_cli_reports(page, tmp_path):
    import json

    from checker.report.html import render_html
    from checker.report.json_report import to_json

    path = next(p for p in sample_paths() if p.name == "hunan_2026_targets.xlsx")
    drop(page, path.name, path.read_bytes())
    got = {}
    for key in ("json", "sarif", "html"):
        with page.expect_download() as info:
            page.click(f"#dl-{key}")
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
        got[key] = target.read_text(encoding="utf-8")
    result, report = cli_result(path)
    result.path = path.name
    want = json.dumps(to_json(report), ensure_ascii=False).replace(str(path), path.name)
    assert json.loads(got["json"]) == json.loads(want)
    assert got["html"] == render_html(report)
    assert json.loads(got["sarif"])["runs"][0]["results"]


def test_oversized_upload_gets_the_message(page):
    drop(page, "很大的表.xlsx", b"\0" * (LIMIT + 1))
    assert page.inner_text("#verdict .badge") == "未能检查"
    assert page.inner_text("#verdict .message") == \
        "文件“很大的表.xlsx”超过 1 MB 的上传限制，未检查。请拆分文件或只上传需要检查的表格。"
    assert len(page.errors) == 1 and "status of 413" in page.errors[0]  # the browser logs the refused post


@pytest.mark.parametrize("name,data,says", [
    ("加密的表.xlsx", ENCRYPTED, "加密的表.xlsx: 文件设有密码，请去掉密码另存后再检查"),
    ("坏的表.docx", TRUNCATED, "坏的表.docx: 文件已损坏或不是 .docx"),
])
def test_hostile_file_gets_the_message(page, name, data, says):
    drop(page, name, data)
    assert page.inner_text("#verdict .badge") == "未能检查"
    assert says in page.inner_text("p.unreadable")
    assert page.errors == []


def test_html_in_a_form_shows_as_text(page):
    drop(page, INJECTION.name, INJECTION.read_bytes())
    assert page.inner_text("#verdict .badge") == "通过"
    assert page.locator("td", has_text='<script>window.pwned=1</script><img src=x onerror="window.pwned=2">灌渠维修') \
        .count() == 1
    assert page.evaluate("window.pwned") is None
    assert page.locator("#result script, #result img, #result b").count() == 0
    assert page.get_attribute("td.mark-info", "title").startswith("V206 提示：“修复灌渠长度<b>干渠</b>”")


def test_pasted_text_english_and_profile(page, base_url):
    page.click("#lang-switch")
    page.wait_for_selector("text=Drop files here")
    path = next(p for p in sample_paths() if p.name == "handmade_project_target.txt")
    page.click("details.paste summary")
    page.fill("textarea[name=text]", path.read_text(encoding="utf-8"))
    page.select_option("select[name=profile]", "county-review")
    page.fill("input[name=as_of]", "2026-03-01")
    page.click("#submit")
    page.wait_for_selector("#result #verdict")
    assert page.inner_text("#verdict .badge") == "Would be sent back"
    assert page.locator("li.sev-warning", has_text="V206").count() >= 1  # the profile's severity
    rule = page.locator("a.code", has_text="V204").first
    with page.context.expect_page() as new:
        rule.click()
    rule_page = new.value
    rule_page.wait_for_load_state()
    assert rule_page.url.endswith("/rules/V204?lang=en") and "V204" in rule_page.inner_text("h1")
