"""`auditor fetch`: save news pages politely for a later audit."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from auditor.commands.options import options
from auditor.commands.shell import FOLDER, say
from auditor.run.audit import ExitCode
from auditor.text.terminal import printable


@click.command()
@click.argument("urls", nargs=-1, required=True)
@click.option("--out", required=True, type=FOLDER, help="Folder for the pages and their sidecar JSON.")
@options("--allow-private-addresses", "--fetch-deadline")
def fetch(urls: tuple[str, ...], out: Path, allow_private: bool, fetch_deadline: float) -> None:
    """Fetch news pages politely (timeouts, a deadline, retries, size and type limits) and save them.

    Each page is saved as NAME.html beside NAME.json (url, final url, status, fetched-at,
    sha256, headers of interest); audit the folder afterwards. Only public addresses are
    fetched unless --allow-private-addresses is given. Exit 2 if any URL failed.
    """
    from auditor.net.page import FetchPolicy  # fetching pulls in requests: only here
    from auditor.net.urls import FetchError
    from auditor.run.fetch_pages import fetch_and_save

    policy = FetchPolicy(deadline=fetch_deadline, allow_private=allow_private)
    failed = 0
    for url in urls:
        click.echo(f"fetching {printable(url)} ...", err=True)
        try:
            saved, status, size, warnings = fetch_and_save(url, out, policy)
        except FetchError as exc:
            say("error", f"{url}: {exc}")
            failed += 1
            continue
        for w in warnings:
            say("warning", w)
        click.echo(f"  {status} {size:,} bytes -> {printable(str(saved))}", err=True)
    sys.exit(ExitCode.ERROR if failed else ExitCode.OK)
