"""``checker serve``: the web page for filers and the JSON API (needs the extra ``checker[web]``)."""

from __future__ import annotations

import click

from checker.errors import CheckerError

INSTALL_HINT = ("checker serve needs the web extra: pip install 'checker[web]' "
                "(in a source checkout: pip install -e '.[web]')")
LOOPBACK = ("127.0.0.1", "::1", "localhost")


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Only this computer can reach the default; give 0.0.0.0 (or an "
                   "address of this machine) on purpose to serve a network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port to listen on.")
@click.option("--max-upload-mb", type=click.FloatRange(min=0.001), default=20, show_default=True,
              help="Largest accepted file in MB; a larger one is refused with 413 and a message.")
def command(host: str, port: int, max_upload_mb: float) -> int:
    """Serve the check page (drop a form, see every finding on its cell) and POST /api/check.

    Uploads are checked in memory or a private temporary file deleted at once; nothing uploaded
    is kept after the answer.
    """
    try:
        import uvicorn

        from checker.web.app import create_app
    except ModuleNotFoundError as exc:
        raise CheckerError(f"{INSTALL_HINT} ({exc.name} is missing)") from None
    from checker.web.run import pack_for

    pack_for(None)  # a broken rule pack is reported now, not on the first upload
    app = create_app(limit=int(max_upload_mb * 2**20))
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"checker serve: http://{shown}:{port}/  (Ctrl+C to stop)")
    if host not in LOOPBACK:
        click.echo(f"checker serve: listening on {host}: other computers on the network can reach this page", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
    return 0
