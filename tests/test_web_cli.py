"""``checker serve`` on the command line: loopback by default, the address printed, a warning
when the page is served beyond this computer, and a clear install line without the extra."""

from __future__ import annotations

import sys

import pytest

from checker.cli.main import main


def _serve(monkeypatch, capsys, argv):
    pytest.importorskip("starlette", reason="checker[web] is not installed (pip install -e '.[web]')")
    uvicorn = pytest.importorskip("uvicorn", reason="checker[web] is not installed (pip install -e '.[web]')")
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    with pytest.raises(SystemExit) as exc:
        main(["serve", *argv])
    out = capsys.readouterr()
    return exc.value.code, calls, out


def test_serve_listens_on_loopback_by_default(monkeypatch, capsys):
    code, calls, out = _serve(monkeypatch, capsys, [])
    assert code == 0 and calls[0][1]["host"] == "127.0.0.1" and calls[0][1]["port"] == 8765
    assert out.out == "checker serve: http://127.0.0.1:8765/  (Ctrl+C to stop)\n" and out.err == ""


def test_serve_beyond_loopback_only_when_asked_and_says_so(monkeypatch, capsys):
    code, calls, out = _serve(monkeypatch, capsys, ["--host", "0.0.0.0", "--port", "9000", "--max-upload-mb", "5"])
    assert code == 0 and calls[0][1]["host"] == "0.0.0.0" and calls[0][1]["port"] == 9000
    assert "http://0.0.0.0:9000/" in out.out and "other computers on the network" in out.err


def test_serve_without_the_web_extra_says_how_to_install_it(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import uvicorn raises ModuleNotFoundError
    with pytest.raises(SystemExit) as exc:
        main(["serve"])
    err = capsys.readouterr().err
    assert exc.value.code == 2
    assert err == ("checker: checker serve needs the web extra: pip install 'checker[web]' "
                   "(in a source checkout: pip install -e '.[web]') (uvicorn is missing)\n")
