"""Hostile inputs against `checker check` (issue 15): each built here, run under a time limit.

    python benchmarks/hostile.py [--timeout 60]

Prints per input: exit code, wall time, peak RSS of the checker process, the first line of its
message, and OK when the targets hold (exit 1 or 2, at most 10 s, at most 500 MB, no
"internal error", nothing planted ran, no input overwritten, no raw ESC in the report).
Inputs are written with invented names and numbers into a temporary folder that is removed.
"""

from __future__ import annotations

import argparse
import os
import pickle
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from checker.report.printable import printable  # noqa: E402

MAX_S, MAX_MB = 10.0, 500
FORM = ("2026年项目支出绩效目标表\n项目名称\t示例河道保洁\n年度预算金额\t12.00\n"
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t保洁里程\t≥10公里\n")


class _Plant:
    """A pickle that creates ``marker`` when loaded (stands for any command)."""

    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def run(args: list[str], timeout: float, env: dict | None = None, cwd: Path | None = None):
    """(exit code or 'timeout', seconds, peak RSS MB, stdout, stderr) of one checker run."""
    cmd = [sys.executable, "-m", "checker.cli.main", *args]
    env = dict(env or os.environ, COLUMNS="1000")  # rich: one report line per message line
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env,
                            cwd=cwd or ROOT, start_new_session=True)
    deadline, peak = start + timeout, 0.0
    while True:
        peak = max(peak, _hwm_mb(proc.pid))
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            pid, status, usage = os.wait4(proc.pid, 0)
            status = None
            break
        time.sleep(0.01)
    wall = time.monotonic() - start
    code = "timeout" if status is None else os.waitstatus_to_exitcode(status)
    out.seek(0), err.seek(0)
    return code, wall, peak, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")


def _hwm_mb(pid: int) -> float:
    """The process's peak resident set (VmHWM, MB) while it runs. Not ru_maxrss: Linux carries
    the parent's resident size at fork over the exec into the child's ru_maxrss."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


# --------------------------------------------------------------------------- the inputs


def _xlsx(path: Path, sheet_xml: bytes, level=zipfile.ZIP_DEFLATED) -> Path:
    """A minimal workbook around one sheet's XML (written directly: fast for huge sheets)."""
    ct = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          b'<Default Extension="xml" ContentType="application/xml"/>'
          b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    rels = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wb = (b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
          b'<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
    wbrels = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", level) as zf:
        zf.writestr("[Content_Types].xml", ct)
        zf.writestr("_rels/.rels", rels)
        zf.writestr("xl/workbook.xml", wb)
        zf.writestr("xl/_rels/workbook.xml.rels", wbrels)
        zf.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return path


def _sheet(rows: list[str]) -> bytes:
    body = "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t xml:space="preserve">{t}</t></is></c></row>'
                   for i, t in enumerate(rows, start=1))
    return ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{body}</sheetData></worksheet>").encode()


def _many_rows(n: int) -> bytes:
    head = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c><c r="B%d"><v>2</v></c></row>' % (i, i, i) for i in range(1, n + 1))
    return head + rows + b"</sheetData></worksheet>"


def _damaged_xlsx(path: Path) -> Path:
    """Two sheets saved by openpyxl; the second's XML cut off in the middle of its rows."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["示例单位 2026 年预算公开"])
    ws = wb.create_sheet("目标表")
    for row in [["2026年项目支出绩效目标表"], ["项目名称", "示例"], ["一级指标", "二级指标", "三级指标", "指标值"]] * 20:
        ws.append(row)
    wb.save(path)
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    body = parts["xl/worksheets/sheet2.xml"]
    parts["xl/worksheets/sheet2.xml"] = body[: body.index(b'<row r="40"')] + b'<row r="40"><c r="A40" t="inlineStr"><is><t>x'
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def _docx_bomb(path: Path, paragraphs: int) -> Path:
    para = b"<w:p><w:r><w:t>" + b"A" * 200 + b"</w:t></w:r></w:p>"
    doc = (b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           b"<w:body>" + para * paragraphs + b"</w:body></w:document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        zf.writestr("word/document.xml", doc)
    return path


def _laughs(levels: int) -> str:
    lines = ["version: 1", "a0: &a0 {kind: project_target, title: 示例表, indicators: []}"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return "\n".join(lines + [f"forms: *a{levels - 1}", ""])


def build(d: Path) -> list[tuple[str, list[str], dict]]:
    """(name, checker arguments, extra) for every hostile input; extra may hold env, cwd and
    a 'check' callable(stdout, stderr) → problem text or ''."""
    form = d / "form.txt"
    form.write_text(FORM, encoding="utf-8")
    cases: list[tuple[str, list[str], dict]] = []

    # 1. cache: another user's pickle in the shared temp folder, victim's cache root unusable
    shared = d / "tmp"
    (shared / "checker-cache").mkdir(parents=True)
    marker = d / "PLANTED-RAN"
    (shared / "checker-cache" / "indicator.lark.cache").write_bytes(b"x\n" + pickle.dumps(_Plant(str(marker))))
    (d / "nocache").write_text("")
    env = dict(os.environ, TMPDIR=str(shared), XDG_CACHE_HOME=str(d / "nocache"), HOME=str(d / "nocache"))
    cases.append(("planted grammar-cache pickle", ["check", str(form)],
                  {"env": env, "check": lambda o, e: "the planted pickle ran" if marker.exists() else ""}))

    # 2. never write an input
    os.link(form, d / "hardlink.json")
    before = form.read_bytes()
    unchanged = lambda o, e: "" if form.read_bytes() == before else "the input was overwritten"  # noqa: E731
    cases.append(("check -o onto a hard link of the input", ["check", str(form), "--format", "json", "-o", str(d / "hardlink.json")], {"check": unchanged}))
    cases.append(("parse F -o F", ["parse", str(form), "-o", str(form)], {"check": unchanged}))
    cases.append(("check -o into a missing folder", ["check", str(form), "-o", str(d / "no" / "r.txt")], {}))
    if os.path.exists("/dev/full"):
        cases.append(("check -o /dev/full (disk full)", ["check", str(form), "-o", "/dev/full"], {}))

    # 3. backtracking
    (d / "spaces.txt").write_text("2026年项目支出绩效目标表\n项目名称\t示例" + " " * 100_000 + "x\n", encoding="utf-8")
    cases.append(("text: one cell of 100,000 spaces", ["check", str(d / "spaces.txt")], {}))
    _xlsx(d / "spaces.xlsx", _sheet(["2026年项目支出绩效目标表", "项目名称 " + " " * 32_000 + "x", "1" + " " * 32_000 + "2"]))
    cases.append(("xlsx: cells of 32,000 spaces", ["check", str(d / "spaces.xlsx")], {}))
    cases.append(("value '1<99,998 spaces>2'", ["value", "1" + " " * 99_998 + "2"], {}))
    prof = d / "profile"
    prof.mkdir()
    v206 = (ROOT / "rules" / "V206.yaml").read_text(encoding="utf-8").replace('{regex: "≧", fix: "≥"}', "{regex: '^(a+)+$'}")
    (prof / "V206.yaml").write_text(v206, encoding="utf-8")
    (prof / "p.yaml").write_text("name: p\ntitle: {zh: 示例, en: sample}\nsource: 示例\nrules: [V206.yaml]\n", encoding="utf-8")
    cases.append(("profile rule with regex ^(a+)+$", ["check", str(form), "--profile", str(prof / "p.yaml")], {}))

    # 4. YAML aliases and nesting
    (d / "laughs.yaml").write_text(_laughs(9), encoding="utf-8")
    cases.append(("filing: billion laughs (10^8 forms)", ["check", str(d / "laughs.yaml")], {}))
    (d / "deep.yaml").write_text("version: 1\nforms: " + "[" * 900 + "]" * 900 + "\n", encoding="utf-8")
    cases.append(("filing: nested 900 deep (YAML)", ["check", str(d / "deep.yaml")], {}))
    (d / "deep.json").write_text('{"version": 1, "forms": ' + "[" * 5000 + "]" * 5000 + "}", encoding="utf-8")
    cases.append(("filing: nested 5000 deep (JSON)", ["check", str(d / "deep.json")], {}))
    (d / "waivers.yaml").write_text(_laughs(9).replace("forms:", "waivers:"), encoding="utf-8")
    cases.append(("waivers: billion laughs", ["check", str(form), "--waivers", str(d / "waivers.yaml")], {}))
    (prof / "laughs.yaml").write_text("name: l\ntitle: &t {zh: 示例, en: sample}\nsource: *t\n", encoding="utf-8")
    cases.append(("profile: YAML alias", ["check", str(form), "--profile", str(prof / "laughs.yaml")], {}))

    # 5. size: bombs, rows, big files, devices
    _xlsx(d / "bomb.xlsx", _sheet(["示例"]))
    with zipfile.ZipFile(d / "bomb.xlsx", "a", zipfile.ZIP_DEFLATED) as zf, zf.open("xl/sharedStrings.xml", "w") as fh:
        for _ in range(300):  # 300 MB of spaces, written 1 MB at a time
            fh.write(b" " * 1_000_000)
    cases.append(("xlsx: 300 MB sheet zipped small", ["check", str(d / "bomb.xlsx")], {}))
    _docx_bomb(d / "bomb.docx", 400_000)
    cases.append(("docx: 90 MB document.xml, 400k paragraphs", ["check", str(d / "bomb.docx")], {}))
    _xlsx(d / "rows.xlsx", _many_rows(1_000_000))
    cases.append(("xlsx: 1,000,000 rows", ["check", str(d / "rows.xlsx")], {}))
    with open(d / "huge.txt", "wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: 200 MB as stat sees it, nothing on disk
    cases.append(("text: 200 MB file", ["check", str(d / "huge.txt")], {}))
    with open(d / "lines.txt", "wb") as fh:
        for _ in range(20):
            fh.write(b"x\n" * 1_000_000)
    cases.append(("text: 20 million short lines (40 MB)", ["check", str(d / "lines.txt")], {}))
    if os.path.exists("/dev/zero"):
        cases.append(("/dev/zero as input", ["check", "/dev/zero"], {}))
    if hasattr(os, "mkfifo"):
        os.mkfifo(d / "fifo.txt")
        cases.append(("FIFO as input", ["check", str(d / "fifo.txt")], {}))
        os.mkfifo(d / "fifo.yaml")
        cases.append(("FIFO as waivers file", ["check", str(form), "--waivers", str(d / "fifo.yaml")], {}))

    # 6. terminal escapes, fail closed, injected findings
    (d / "esc.txt").write_text(FORM.replace("示例河道保洁", "\x1b]0;PWNED\x07示例\x1b[2J河道") + "产出指标\t质量指标\t及时率\t≥95%\n" * 5,
                               encoding="utf-8")
    cases.append(("ESC sequences in cells (rich report)", ["check", str(d / "esc.txt")],
                  {"full": True, "check": lambda o, e: "raw ESC sequence reached the output" if "\x1b]0;" in o + e or "\x1b[2J" in o + e else ""}))
    _damaged_xlsx(d / "damaged.xlsx")
    cases.append(("xlsx: sheet XML cut off mid-row", ["check", str(d / "damaged.xlsx"), "--select", "X901"],
                  {"check": lambda o, e: "said no errors" if "没有错误" in o else ""}))
    (d / "inject.yaml").write_text("version: 1\nforms: [{kind: project_target, title: 示例表, indicators: []}]\n"
                                   "findings: [{code: S101, severity: error, message: 伪造, waived: true}]\n", encoding="utf-8")
    cases.append(("filing with its own findings", ["check", str(d / "inject.yaml")], {}))
    return cases


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds before a run is killed")
    args = ap.parse_args()
    d = Path(tempfile.mkdtemp(prefix="hostile-"))
    failures = 0
    try:
        cases = build(d)
        print(f"{'input':<44} {'exit':>7} {'wall s':>7} {'RSS MB':>7}  ok  first line of the message")
        for name, argv, extra in cases:
            if argv[0] == "check" and "--brief" not in argv and not extra.get("full"):
                argv = [*argv, "--brief"]  # one line per file: the message shows in the table
            code, wall, rss, out, err = run(argv, args.timeout, extra.get("env"), extra.get("cwd"))
            text = (err.strip() or out.strip()).splitlines()
            first = text[0] if text else ""
            problem = extra.get("check", lambda o, e: "")(out, err)
            ok = (code in extra.get("ok_codes", (1, 2)) and wall <= MAX_S and rss <= MAX_MB
                  and "internal error" not in out + err and "Traceback" not in err and not problem)
            failures += not ok
            shown = printable((problem + ": " if problem else "") + first).replace(str(d) + "/", "")
            print(f"{name:<44} {code!s:>7} {wall:7.2f} {rss:7.0f}  {'OK' if ok else '✗ '}  {shown}"[:300], flush=True)
    finally:
        shutil.rmtree(d, ignore_errors=True)
    print(f"\n{len(cases) - failures} of {len(cases)} within the targets (exit 1/2, ≤{MAX_S:.0f} s, ≤{MAX_MB} MB)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
