"""The Starlette application behind ``checker serve``.

Routes:

- ``GET /`` the page (``?lang=en`` for English); ``POST /check`` the page with the result
  (the page's script posts the form and swaps the result in; without script the browser posts it);
- ``POST /api/check`` the v1 JSON report (multipart ``file`` fields, ``profile``, ``as_of``,
  ``lang``; 413 over the limit, 400 with the message for an unreadable file or a bad field, 422
  with the report when a part of a file could not be read);
- ``GET /rules/CODE`` a rule's page; ``GET /static/…`` the script and style sheet.

Every check runs ``checker.pipeline.check_file`` (checker.web.run), the CLI's code, in a worker
thread. Every answer carries a Content-Security-Policy that allows only this app's own script
and style, so nothing a form holds can run.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from checker.errors import CheckerError
from checker.report.wording import lang_of
from checker.web import page
from checker.web.run import PASTED_NAME, check_uploads, pack_for, parse_as_of, profiles
from checker.web.upload import BadUpload, Upload, UploadTooLarge, read_form
from checker.web.words import word

DEFAULT_LIMIT = 20 * 1024 * 1024  # bytes per uploaded file
# One check at a time: the rule pack and the readers' caches were written for one thread (the
# CLI's), and a check holds the GIL anyway, so this costs no throughput.
_CHECKING = threading.Lock()
STATIC = Path(__file__).resolve().parent / "static"

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


class _Refused(Exception):
    """A request the page answers with a message and a status (413, 400)."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class _Asked:
    uploads: list[Upload]
    profile: str | None
    as_of: date | None
    lang: str
    fields: dict[str, str]


def create_app(limit: int = DEFAULT_LIMIT) -> Starlette:
    """The application; ``limit`` is the largest accepted file in bytes (413 above it)."""

    async def home(request: Request) -> Response:
        lang = lang_of(request.query_params.get("lang"))
        body = _intro(lang) + page.upload_form(lang, profiles(), limit / 2**20)
        return _html(page.shell(body, lang))

    async def check_page(request: Request) -> Response:
        lang = lang_of(request.query_params.get("lang"))
        fields: dict[str, str] = {}
        try:
            asked = await _ask(request, limit)
            lang, fields = asked.lang, asked.fields
            report, pack = await run_in_threadpool(_check, asked, True)
            result, status = page.result_html(report, _downloads(report, pack), lang), 200
        except _Refused as exc:
            lang = lang_of(fields.get("lang") or lang)
            result, status = page.message_html(exc.message, lang), exc.status
        body = _intro(lang) + page.upload_form(lang, profiles(), limit / 2**20, fields) + "\n" + result
        return _html(page.shell(body, lang), status)

    async def api_check(request: Request) -> Response:
        try:
            asked = await _ask(request, limit)
            report, _ = await run_in_threadpool(_check, asked, False)
        except _Refused as exc:
            return _json({"error": exc.message}, exc.status)
        from checker.report.json_report import to_json

        unreadable = [r.error for r in report.files if r.error]
        if unreadable:
            return _json({"error": "\n".join(unreadable), "report": to_json(report)}, 400)
        partial = [r.path for r in report.files if getattr(r, "incomplete", False)]
        if partial:  # fail closed, as the CLI's exit 2: a part of the file was not read
            return _json({"error": "\n".join(f"{p}: 部分内容无法读取，无法完成检查 / a part of the file could not be read; "
                                             "the check is incomplete" for p in partial),
                          "report": to_json(report)}, 422)
        return _json(to_json(report))

    async def rule(request: Request) -> Response:
        lang = lang_of(request.query_params.get("lang"))
        code = request.path_params["code"].upper()
        pack = pack_for(None)
        found = pack.rule(code)
        builtin = None if found else _builtin_codes().get(code)
        status = 200 if found or builtin else 404
        body = page.rule_page(code, found, builtin, lang)
        return _html(page.shell(body, lang, f"{code} — {word('rule', lang)}", here=f"/rules/{code}"), status)

    async def not_found(request: Request, exc: HTTPException) -> Response:
        lang = lang_of(request.query_params.get("lang"))
        text = word("not_found", lang) if exc.status_code == 404 else str(exc.detail)
        if request.url.path.startswith("/api/"):
            return _json({"error": text}, exc.status_code)
        return _html(page.shell(f'<p class="unreadable">{text}</p>', lang), exc.status_code)

    async def server_error(request: Request, exc: Exception) -> Response:
        lang = lang_of(request.query_params.get("lang"))
        if request.url.path.startswith("/api/"):
            return _json({"error": word("server_error", "en")}, 500)
        return _html(page.shell(f'<p class="unreadable">{word("server_error", lang)}</p>', lang), 500)

    routes = [
        Route("/", home),
        Route("/check", check_page, methods=["POST"]),
        Route("/api/check", api_check, methods=["POST"]),
        Route("/rules/{code:str}", rule),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: not_found, Exception: server_error})
    app.add_middleware(_SecurityHeaders)
    return app


class _SecurityHeaders:
    """ASGI middleware adding SECURITY_HEADERS to every answer (static files included)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.decode("latin-1").lower() not in {h.lower() for h in SECURITY_HEADERS}]
                headers += [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _ask(request: Request, limit: int) -> _Asked:
    """The uploads and options of a check request. Raises _Refused (413, 400) with the message."""
    lang = lang_of(request.query_params.get("lang"))
    try:
        form = await read_form(request, limit)
    except UploadTooLarge as exc:
        key = "too_large_total" if exc.total else "too_large"
        raise _Refused(413, word(key, lang, name=exc.name, mb=f"{exc.limit / 2**20:g}")) from None
    except BadUpload:
        raise _Refused(400, word("bad_upload", lang)) from None
    fields = form.fields
    lang = lang_of(fields.get("lang") or request.query_params.get("lang"))
    uploads = list(form.files)
    if (fields.get("text") or "").strip():
        uploads.append(Upload(PASTED_NAME, fields["text"].encode("utf-8")))
    if not uploads:
        raise _Refused(400, word("nothing", lang))
    try:
        as_of = parse_as_of(fields.get("as_of"))
    except ValueError:
        raise _Refused(400, word("bad_date", lang, value=fields.get("as_of", ""))) from None
    profile = (fields.get("profile") or "").strip() or None
    if profile is not None and profile not in profiles():
        raise _Refused(400, word("bad_profile", lang, value=profile))
    try:
        pack_for(profile)
    except CheckerError as exc:
        raise _Refused(500, word("pack_error", lang, error=str(exc))) from None
    return _Asked(uploads, profile, as_of, lang, {k: v for k, v in fields.items() if k != "text"} | {
        "text": fields.get("text", "")})


def _check(asked: _Asked, keep_document: bool):
    with _CHECKING:
        return check_uploads(asked.uploads, asked.profile, asked.as_of, asked.lang, keep_document)


def _downloads(report, pack) -> dict[str, str]:
    """The report as ``checker check --format json|sarif|html`` renders it."""
    from checker.cli.check_cmd import rules_meta
    from checker.report.html import render_html
    from checker.report.json_report import to_json
    from checker.report.sarif import to_sarif

    return {
        "json": json.dumps(to_json(report), ensure_ascii=False, indent=2) + "\n",
        "sarif": json.dumps(to_sarif(report, rules_meta(pack)), ensure_ascii=False, indent=2) + "\n",
        "html": render_html(report),
    }


def _intro(lang: str) -> str:
    return f'<h1>{escape(word("title", lang))}</h1>\n<p class="dim">{escape(word("tagline", lang))}</p>\n'


def _builtin_codes() -> dict:
    from checker.rules.codes import builtin_codes

    return builtin_codes()


def _html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status)


def _json(data, status: int = 200) -> Response:
    # ensure_ascii=False: Chinese messages stay readable in curl output
    return Response(json.dumps(data, ensure_ascii=False), status_code=status,
                    media_type="application/json; charset=utf-8")
