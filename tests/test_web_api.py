"""checker serve without a browser: the JSON API, the page's HTML, limits, hostile files and
headers, through Starlette's TestClient (skipped with a reason where the web extra is missing)."""

from __future__ import annotations

import base64
import json
import re
from html import unescape

import pytest

pytest.importorskip("starlette", reason="checker[web] is not installed (pip install -e '.[web]')")
pytest.importorskip("httpx", reason="Starlette's TestClient needs httpx (pip install -e '.[test]')")

import warnings  # noqa: E402

with warnings.catch_warnings():  # Starlette ≥1.0 suggests httpx2; httpx is what it still runs on
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient  # noqa: E402

from checker.report.html import render_html  # noqa: E402
from checker.report.json_report import to_json  # noqa: E402
from checker.web.app import create_app  # noqa: E402
from web_support import ENCRYPTED, INJECTION, SAMPLES, TRUNCATED, cli_result  # noqa: E402

TARGET = SAMPLES / "handmade_project_target.txt"
SELF_EVAL = SAMPLES / "handmade_project_self_eval.txt"


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(limit=64 * 1024)) as c:
        yield c


def _file(path, name=None):
    return ("file", (name or path.name, path.read_bytes()))


def _without_paths(report: dict) -> dict:
    text = json.dumps(report, ensure_ascii=False)
    return json.loads(re.sub(r'"[^"]*?(handmade_[a-z_]+\.txt)', r'"\1', text))


def test_api_answers_the_cli_json_report():
    with TestClient(create_app()) as c:
        r = c.post("/api/check", files=[_file(TARGET), _file(SELF_EVAL)])
    assert r.status_code == 200
    got = r.json()
    from checker.report.result import Report

    want = to_json(Report(files=[cli_result(TARGET)[0], cli_result(SELF_EVAL)[0]]))
    assert _without_paths(got) == _without_paths(want)
    assert got["version"] == 1 and [f["path"] for f in got["files"]] == [TARGET.name, SELF_EVAL.name]
    assert got["summary"]["failed"] is True


def test_api_fields_profile_as_of_and_lang(client):
    r = client.post("/api/check", files=[_file(TARGET)],
                    data={"profile": "county-review", "as_of": "2026-01-01", "lang": "en"})
    assert r.status_code == 200
    v206 = [f for f in r.json()["files"][0]["findings"] if f["code"] == "V206"]
    assert v206 and all(f["severity"] == "warning" for f in v206)  # the profile raises V206 to warning
    assert v206[0]["message"] == v206[0]["messages"]["en"]


@pytest.mark.parametrize("field,value,says", [
    ("as_of", "2026-13-40", "YYYY-MM-DD"),
    ("profile", "no-such-profile", "no-such-profile"),
])
def test_api_bad_fields_are_400_with_the_message(client, field, value, says):
    r = client.post("/api/check", files=[_file(TARGET)], data={field: value})
    assert r.status_code == 400 and says in r.json()["error"]


def test_api_over_the_limit_is_413_with_a_chinese_message(client):
    r = client.post("/api/check", files=[("file", ("大表.txt", b"x" * (64 * 1024 + 1)))])
    assert r.status_code == 413
    assert r.json()["error"].startswith("文件“大表.txt”超过 0.0625 MB 的上传限制")


def test_api_many_files_over_five_limits_together_is_413(client):
    files = [("file", (f"表{k}.txt", b"x" * 60 * 1024)) for k in range(6)]
    r = client.post("/api/check", files=files)
    assert r.status_code == 413 and r.json()["error"].startswith("这次上传的文件合计超过 0.3125 MB")


@pytest.mark.parametrize("name,data,says", [
    ("加密.xlsx", ENCRYPTED, "密码"),
    ("坏.docx", TRUNCATED, "损坏"),
    ("空.txt", b"", "文件为空"),
])
def test_api_unreadable_file_is_400_naming_it(client, name, data, says):
    r = client.post("/api/check", files=[("file", (name, data))])
    assert r.status_code == 400
    body = r.json()
    assert body["error"].startswith(name + ":") and says in body["error"]
    assert "/tmp" not in body["error"] and "/dev/shm" not in body["error"]


def test_api_without_a_file_is_400(client):
    r = client.post("/api/check", data={"lang": "zh"}, files=[("file", ("", b""))])
    assert r.status_code == 400 and "请先选择文件" in r.json()["error"]
    assert client.post("/api/check", content=b"{}", headers={"content-type": "application/json"}).status_code == 400


def test_nothing_uploaded_is_kept(monkeypatch, tmp_path, client):
    import checker.web.run as run

    monkeypatch.setattr(run, "_memory_dir", lambda: str(tmp_path))
    seen = []
    real = run.check_file

    def spy(path, pack, options):
        seen.append(path)
        import os

        assert oct(os.stat(os.path.dirname(path)).st_mode & 0o777) == "0o700"
        return real(path, pack, options)

    monkeypatch.setattr(run, "check_file", spy)
    assert client.post("/api/check", files=[_file(TARGET), ("file", ("坏.docx", TRUNCATED))]).status_code == 400
    assert len(seen) == 2 and all(p.startswith(str(tmp_path)) for p in seen)
    assert list(tmp_path.iterdir()) == []


def test_page_marks_each_finding_on_its_cell(client):
    r = client.post("/check", files=[_file(TARGET)], data={"lang": "zh"})
    assert r.status_code == 200
    html = r.text
    assert '<span class="badge">将被退回</span>' in html
    # 3 errors, 3 warnings, 3 info on nine cells of the hand-made form (S101 on the title).
    assert [html.count(f'class="mark mark-{s}"') for s in ("error", "warning", "info")] == [3, 3, 3]
    # the list links each finding to its cell, and the cell exists
    links = re.findall(r'<a class="goto" href="#(c0-\d+)"', html)
    assert len(links) == 9 and all(f'<td id="{cid}"' in html for cid in links)
    # V204 (a rate over 100%) sits on the value 105, its message on hover
    cell = re.search(r'<td id="c0-\d+" class="mark mark-error" title="([^"]*)" tabindex="0">105</td>', html)
    assert cell and unescape(cell.group(1)).startswith("V204 错误：")
    assert 'href="/rules/V204?lang=zh"' in html


def test_canonical_filing_is_drawn_from_its_forms(client, tmp_path):
    from checker.cli.main import main

    filing = tmp_path / "目标表.yaml"
    with pytest.raises(SystemExit):
        main(["parse", str(TARGET), "-o", str(filing)])
    html = client.post("/check", files=[_file(filing)]).text
    assert '<span class="badge">将被退回</span>' in html
    assert [html.count(f'class="mark mark-{s}"') for s in ("error", "warning", "info")] == [3, 3, 3]
    assert re.search(r'class="mark mark-error" title="V204 [^"]*" tabindex="0">105</td>', html)


def test_doubts_are_shown_apart():
    with TestClient(create_app()) as c:
        html = c.post("/check", files=[_file(SAMPLES / "shanxi_2026_projects.xlsx")]).text
    doubts = html.split('<div class="doubts">', 1)[1].split("</div>", 1)[0]
    assert "请核对原件" in doubts and "X903" in doubts
    assert "X903" not in html.split('<div class="doubts">', 1)[0].split('<aside class="findings">', 1)[1]
    assert 'class="mark mark-doubt"' in html


def test_downloads_are_the_cli_renderers(client):
    html = client.post("/check", files=[_file(TARGET)]).text
    links = dict(re.findall(r'id="dl-(\w+)" download="[^"]+" href="data:[^;]+;charset=utf-8;base64,([^"]+)"', html))
    assert set(links) == {"json", "sarif", "html"}
    decoded = {k: base64.b64decode(v).decode("utf-8") for k, v in links.items()}
    result, report = cli_result(TARGET)
    result.path = TARGET.name
    assert _without_paths(json.loads(decoded["json"])) == _without_paths(to_json(report))
    assert decoded["html"] == render_html(report)
    assert json.loads(decoded["sarif"])["version"] == "2.1.0"


def test_form_text_is_escaped(client):
    html = client.post("/check", files=[_file(INJECTION)]).text
    assert "<script>window" not in html and "<img src=x" not in html and "<b>干渠" not in html
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;&lt;img src=x onerror=&quot;window.pwned=2&quot;&gt;" in html
    assert '<span class="badge">通过</span>' in html
    assert "修复灌渠长度 &lt;b&gt;干渠&lt;/b&gt;" in html  # in a cell, and in the V206 tooltip


def test_page_answers_413_and_hostile_files_with_a_message(client):
    r = client.post("/check", files=[("file", ("大表.xlsx", b"x" * (64 * 1024 + 1)))])
    assert r.status_code == 413 and "超过 0.0625 MB 的上传限制" in r.text and 'id="check-form"' in r.text
    r = client.post("/check?lang=en", files=[("file", ("big.xlsx", b"x" * (64 * 1024 + 1)))], data={"lang": "en"})
    assert r.status_code == 413 and "The file “big.xlsx” is over the 0.0625 MB upload limit" in r.text
    r = client.post("/check", files=[("file", ("加密.xlsx", ENCRYPTED))])
    assert r.status_code == 200 and "加密.xlsx: 文件设有密码" in r.text and "未能检查" in r.text


def test_security_headers_and_no_inline_script(client):
    for path in ("/", "/static/app.js", "/rules/V204"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
    page = client.get("/").text
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/app.js" defer>']
    assert "<style" not in page and " style=" not in page
    assert not re.search(r'(src|href)="(https?:)?//', page)  # nothing from outside the app


def test_english_switch(client):
    zh, en = client.get("/").text, client.get("/?lang=en").text
    assert "把文件拖到这里" in zh and 'href="/?lang=en"' in zh
    assert "Drop files here" in en and 'href="/?lang=zh"' in en


def test_rule_pages(client):
    r = client.get("/rules/V204")
    assert r.status_code == 200
    from checker.web.run import pack_for

    rule = pack_for(None).rule("V204")
    assert rule.source in unescape(r.text) and rule.message["zh"] in unescape(r.text)
    assert r.text.count('<details class="example">') == len(rule.examples) > 0
    assert client.get("/rules/x903").status_code == 200 and "请核对原件" in client.get("/rules/X903").text
    assert 'id="lang-switch" href="/rules/V204?lang=en"' in r.text
    assert client.get("/rules/Q999").status_code == 404
    assert client.get("/no/such/page").status_code == 404
