"""Command line: `auditor audit`, `auditor rules list|check`. A thin shell over `auditor/`."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click
from pydantic import BaseModel, ConfigDict

from auditor import __version__
from auditor.analysis.context import build_context, rule_folders
from auditor.analysis.rule_examples import check_examples
from auditor.checks.loader import load_rules
from auditor.datafiles import read_toml, validate
from auditor.errors import AuditorError
from auditor.ingest.discover import input_files
from auditor.report.baseline import Baseline, BaselineCollector, render_baseline
from auditor.report.builder import FORMATS
from auditor.report.paths import slug
from auditor.run.audit import AuditOptions, ExitCode
from auditor.run.audit import audit as run_audit_command
from auditor.run.runner import run_audit
from auditor.writer import save_fetched, write_owned_file

SEVERITIES = ("info", "low", "medium", "high", "never")


class Config(BaseModel):
    """Settings an auditor.toml (or [tool.headline-auditor]) may hold; option names as on the command line."""

    model_config = ConfigDict(extra="forbid")

    rules: list[str] | None = None
    no_default_rules: bool | None = None
    ignore: list[str] | None = None
    fail_on: str | None = None
    format: list[str] | str | None = None
    out: str | None = None
    strict: bool | None = None
    baseline: str | None = None
    jobs: int | None = None


def load_config(cwd: Path) -> dict[str, Any]:
    """Settings from ./auditor.toml, or [tool.headline-auditor] in ./pyproject.toml."""
    for name, table in (("auditor.toml", ()), ("pyproject.toml", ("tool", "headline-auditor"))):
        path = cwd / name
        if not path.is_file():
            continue
        data: Any = read_toml(path)
        for key in table:
            data = data.get(key, {}) if isinstance(data, dict) else {}
        if not data:
            continue
        unknown = set(data) - set(Config.model_fields)
        if unknown:
            raise click.ClickException(f"{path}: unknown setting(s): {', '.join(sorted(unknown))}")
        cfg = validate(str(path), data, Config).model_dump(exclude_none=True)
        if isinstance(cfg.get("format"), list):
            cfg["format"] = ",".join(cfg["format"])
        # Keys are the option names users know; click's default_map wants parameter names.
        return {("fmt" if k == "format" else k): v for k, v in cfg.items()}
    return {}


class AuditorGroup(click.Group):
    def invoke(self, ctx: click.Context):  # one clear line, exit 2, never a traceback
        try:
            return super().invoke(ctx)
        except AuditorError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(ExitCode.ERROR)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bug of ours: still one line, and a way to see more
            if os.environ.get("HEADLINE_AUDITOR_DEBUG"):
                raise
            click.echo(f"error: internal error ({exc.__class__.__name__}: {exc}); rerun with HEADLINE_AUDITOR_DEBUG=1 for details and please report it", err=True)
            sys.exit(ExitCode.ERROR)


@click.group(cls=AuditorGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="headline-auditor")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Pair altered headlines with their originals, flag inserted terms, cite outlets.

    Settings may also come from ./auditor.toml or [tool.headline-auditor] in ./pyproject.toml
    (keys: rules, no_default_rules, ignore, fail_on, format, out, strict); options win.
    """
    cfg = load_config(Path.cwd())
    ctx.default_map = {"audit": cfg, "rules": {"list": {k: cfg[k] for k in ("rules", "no_default_rules") if k in cfg}}}


def _formats(value: str) -> tuple[Any, ...]:
    items = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    bad = [v for v in items if v not in FORMATS]
    if bad or not items:
        raise click.BadParameter(f"unknown format(s) {', '.join(bad) or '(none)'}; choose from {', '.join(FORMATS)}")
    return items


rules_option = click.option("--rules", "rules", multiple=True, type=click.Path(path_type=Path), help="A folder of extra rule files (repeatable); added to the defaults.")
no_defaults_option = click.option("--no-default-rules", is_flag=True, help="Do not load the shipped rules/ folder.")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", default="reports", show_default=True, type=click.Path(path_type=Path), help="Folder for notes, index.md and audit.json.")
@rules_option
@no_defaults_option
@click.option("--ignore", multiple=True, help="A rule id to skip (repeatable), e.g. loaded_labels.delegitimising.")
@click.option("--format", "fmt", default="md,json", show_default=True, help="Comma-separated: md, json, sarif, csv.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="high", show_default=True, help="Exit 1 when a finding is at or above this severity; 'never' always passes.")
@click.option("--strict", is_flag=True, help="Treat warnings (e.g. an article with no original) as failures.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the reports under --out are stale.")
@click.option("--baseline", type=click.Path(path_type=Path, dir_okay=False), help="Findings recorded here (see `auditor baseline create`) do not fail the run.")
@click.option("--summary", type=click.Path(path_type=Path, dir_okay=False), help="Append a Markdown summary to this file (e.g. $GITHUB_STEP_SUMMARY).")
@click.option("--verify", is_flag=True, help="Fetch each article's claimed source and compare its headline with the paired original.")
@click.option("--source-map", type=click.Path(path_type=Path, dir_okay=False, exists=True), help="CSV with columns file,line,url: the source URL of the article whose altered headline is on that line.")
@click.option("--cache", type=click.Path(path_type=Path, file_okay=False), help="Where fetched sources are kept (default: OUT/.fetch-cache).")
@click.option("--no-reuse", is_flag=True, help="Skip cross-article reuse detection (the \"Also appears in\" sections).")
@click.option("--scheduler", help="Run on Dask: a scheduler address (tcp://host:8786) or local:N for N local worker processes.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Processes to use (default: all cores). Output is the same for any value.")
@click.option("--chunk-mb", type=click.FloatRange(min=0.01), default=2.0, hidden=True, help="Size of the pieces a big file is cut into.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option("-v", "--verbose", is_flag=True, help="Also print each input and its article count.")
def audit(**params: Any) -> None:
    """Audit text dumps and saved pages (files, or folders of *.txt/*.html) and write provenance notes.

    \b
    Exit codes:
      0  no finding at or above --fail-on
      1  findings at or above --fail-on (or warnings with --strict, or stale reports with --check)
      2  usage error, bad rule file, or an input that could not be audited
    """
    quiet, verbose = params.pop("quiet"), params.pop("verbose")
    opts = audit_options(params, progress=not quiet and sys.stderr.isatty())
    outcome = run_audit_command(opts)
    for e in outcome.errors:
        click.echo(f"error: {e}", err=True)
    if not quiet:
        for w in outcome.warnings:
            click.echo(f"warning: {w}", err=True)
    if opts.check:
        for rel in outcome.stale:
            click.echo(f"stale: {opts.out / rel}", err=True)
    else:
        if verbose:
            click.echo(f"{outcome.stats.files} file(s) read: {', '.join(outcome.files)}", err=True)
        if not quiet:
            st = outcome.stats
            click.echo(f"{st.files} file(s), {st.articles} article(s), {st.failing} finding(s) at or above {opts.fail_on}; reports in {opts.out}")
    sys.exit(outcome.exit_code(opts))


def audit_options(params: dict[str, Any], progress: bool) -> AuditOptions:
    """Click's parameters (config defaults already merged in) as the library's options."""
    return AuditOptions(
        paths=list(params["paths"]), out=params["out"], rules=list(params["rules"]),
        default_rules=not params["no_default_rules"], ignore=frozenset(params["ignore"]), formats=_formats(params["fmt"]),
        fail_on=params["fail_on"], strict=params["strict"], check=params["check"], baseline=params["baseline"],
        summary=params["summary"], verify=params["verify"], source_map=params["source_map"], cache=params["cache"],
        reuse=not params["no_reuse"], scheduler=params["scheduler"], jobs=params["jobs"],
        chunk_bytes=int(params["chunk_mb"] * 1e6), progress=progress,
    )


@main.command()
@click.argument("urls", nargs=-1, required=True)
@click.option("--out", required=True, type=click.Path(path_type=Path, file_okay=False), help="Folder for the pages and their sidecar JSON.")
def fetch(urls, out) -> None:
    """Fetch news pages politely (timeouts, retries, size and type limits) and save them.

    Each page is saved as NAME.html beside NAME.json (url, final url, status, fetched-at,
    sha256, headers of interest); audit the folder afterwards. Exit 2 if any URL failed.
    """
    from auditor.net.fetch import FetchError, make_session
    from auditor.net.fetch import fetch as fetch_page

    session = make_session()
    failed = 0
    for url in urls:
        click.echo(f"fetching {url} ...", err=True)
        try:
            got = fetch_page(session, url)
        except FetchError as exc:
            click.echo(f"error: {url}: {exc}", err=True)
            failed += 1
            continue
        name = slug(urlsplit(url).netloc + urlsplit(url).path, 100, "page") + "-" + got.sha256[:8]
        page, _ = save_fetched(out, name, got.body, got.sidecar())
        for w in got.warnings:
            click.echo(f"warning: {w}", err=True)
        click.echo(f"  {got.status} {len(got.body):,} bytes -> {page}", err=True)
    sys.exit(ExitCode.ERROR if failed else ExitCode.OK)


@main.group()
def baseline() -> None:
    """Record today's findings so that only new ones fail later runs."""


@baseline.command("create")
@click.argument("paths", nargs=-1, required=True)
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path, dir_okay=False), help="Baseline file to write (an existing one is replaced only if it is a baseline).")
@rules_option
@no_defaults_option
@click.option("--ignore", multiple=True, help="A rule id to skip (repeatable).")
def baseline_create(paths: tuple[str, ...], output: Path, rules: tuple[Path, ...], no_default_rules: bool, ignore: tuple[str, ...]) -> None:
    """Audit PATHS and write every finding's fingerprint to --output."""
    folders = rule_folders([Path(r) for r in rules], use_defaults=not no_default_rules)
    ctx, _ = build_context(folders, frozenset(ignore))
    files, errors = input_files(list(paths))
    collector = BaselineCollector()
    errors += run_audit(files, ctx, collector).errors
    for e in errors:
        click.echo(f"error: {e}", err=True)
    b = collector.baseline()

    def is_baseline(text: str) -> bool:
        try:
            Baseline.model_validate_json(text)
            return True
        except ValueError:
            return False

    write_owned_file(output, render_baseline(b), is_baseline)
    click.echo(f"{len(b.findings)} finding(s) recorded in {output}")
    sys.exit(ExitCode.ERROR if errors else ExitCode.OK)


@main.group()
def rules() -> None:
    """List and check rule files."""


@rules.command("list")
@rules_option
@no_defaults_option
def rules_list(rules, no_default_rules) -> None:
    """Print every rule: id, kind, category, severity, source file."""
    for lr in load_rules(rule_folders([Path(r) for r in rules], use_defaults=not no_default_rules)):
        click.echo(f"{lr.id}\t{lr.rule.kind}\t{lr.category}\t{lr.rule.severity}\t{lr.source}")


@rules.command("check")
@click.argument("folder", required=False, type=click.Path(path_type=Path))
def rules_check(folder) -> None:
    """Validate rule files in FOLDER (default: the shipped rules) and run their examples.

    Exit 0 when every rule is valid and behaves on its examples, 1 when an example
    misbehaves, 2 when a file does not load.
    """
    folders = [folder] if folder else rule_folders([])
    loaded = load_rules(folders)
    build_context(folders)  # registries and publisher styles validate too
    problems = check_examples(loaded)
    for p in problems:
        click.echo(p, err=True)
    click.echo(f"{len(loaded)} rule(s) checked, {len(problems)} problem(s)")
    sys.exit(ExitCode.FINDINGS if problems else ExitCode.OK)


if __name__ == "__main__":
    main()
