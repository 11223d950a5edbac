"""Command line: `auditor audit`, `auditor rules list|check`. A thin shell over `auditor/`."""
from __future__ import annotations

import csv
import os
import sys
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import click

from auditor import __version__
from auditor.report.baseline import Baseline, BaselineCollector, parse_baseline, render_baseline
from auditor.run.cluster import connect
from auditor.run.context import build_context, rule_folders
from auditor.errors import AuditorError
from auditor.run.pool import default_jobs
from auditor.run.progress import Progress
from auditor.report.paths import NotePaths, slug
from auditor.report.builder import FORMATS, ReportBuilder
from auditor.report.summary import render_summary
from auditor.analysis.rule_examples import check_examples
from auditor.checks.loader import load_rules
from auditor.run.runner import ExitCode, input_files, read_bodies, run_audit
from auditor.writer import CheckTarget, DirectoryTarget, FetchCache, append_text, save_fetched, write_owned_file

SEVERITIES = ("info", "low", "medium", "high", "never")
CONFIG_KEYS = {"rules", "no_default_rules", "ignore", "fail_on", "format", "out", "strict", "baseline", "jobs"}


def load_config(cwd: Path) -> dict:
    """Settings from ./auditor.toml, or [tool.headline-auditor] in ./pyproject.toml."""
    for name, table in (("auditor.toml", None), ("pyproject.toml", ("tool", "headline-auditor"))):
        path = cwd / name
        if not path.is_file():
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as exc:
            raise click.ClickException(f"{path}: cannot read config: {exc}")
        for key in table or ():
            data = data.get(key, {}) if isinstance(data, dict) else {}
        if not data:
            continue
        unknown = set(data) - CONFIG_KEYS
        if unknown:
            raise click.ClickException(f"{path}: unknown setting(s): {', '.join(sorted(unknown))}")
        if isinstance(data.get("format"), list):
            data["format"] = ",".join(data["format"])
        # Keys are the option names users know; click's default_map wants parameter names.
        return {("fmt" if k == "format" else k): v for k, v in data.items()}
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


def _formats(value: str) -> tuple[str, ...]:
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
def audit(paths, out, rules, no_default_rules, ignore, fmt, fail_on, strict, check, baseline, summary, verify, source_map, cache, no_reuse, scheduler, jobs, chunk_mb, quiet, verbose) -> None:
    """Audit text dumps and saved pages (files, or folders of *.txt/*.html) and write provenance notes.

    \b
    Exit codes:
      0  no finding at or above --fail-on
      1  findings at or above --fail-on (or warnings with --strict, or stale reports with --check)
      2  usage error, bad rule file, or an input that could not be audited
    """
    formats = _formats(fmt)
    known = _load_baseline(baseline)
    folders = rule_folders([Path(r) for r in rules], use_defaults=not no_default_rules)
    ctx, digest = build_context(folders, frozenset(ignore))
    files, errors = input_files(list(paths))
    # Only settings that change what a note says go into its front matter, so --check and
    # byte-identical reruns do not depend on --fail-on or --format.
    settings = {
        "default_rules": "no" if no_default_rules else "yes",
        "extra_rules": ",".join(Path(r).name for r in rules),
        "ignored_rules": ",".join(sorted(ignore)),
    }
    folders_out = NotePaths(files).folders() if "md" in formats else set()
    planned = [name for fmt_, name in (("md", "index.md"), ("json", "audit.json"), ("sarif", "audit.sarif"), ("csv", "articles.csv")) if fmt_ in formats]
    target = CheckTarget(out, folders_out) if check else DirectoryTarget(out, files, folders_out, planned)
    builder = ReportBuilder(
        target, formats, settings, ctx.engine.rules, known, files, digest, fail_on,
        read_bodies=read_bodies, reuse=not no_reuse, boilerplate=ctx.boilerplate, jobs=jobs or default_jobs(),
    )
    verifier = None
    if verify or source_map:
        from auditor.net.verify import (
            Verifier,  # pulls in requests: only when asked to verify
        )

        verifier = Verifier(cache=FetchCache(cache or out / ".fetch-cache"), source_map=_load_source_map(source_map))
    client, cluster = connect(scheduler) if scheduler else (None, None)
    try:
        read_errors, warnings = run_audit(
            files, ctx, builder, verifier, jobs=jobs or default_jobs(), folders=folders, ignore=frozenset(ignore),
            chunk_bytes=int(chunk_mb * 1e6), client=client, json_line="json" in formats,
            progress=None if quiet or not sys.stderr.isatty() else Progress(),
        )
    except BaseException:
        target.abandon()
        raise
    finally:
        for closing in (client, cluster):
            if closing is not None:
                closing.close()
    errors += read_errors
    stats = builder.finish(errors)
    target.finish()
    for e in errors:
        click.echo(f"error: {e}", err=True)
    if not quiet:
        for w in warnings:
            click.echo(f"warning: {w}", err=True)
    if check:
        for rel in target.stale:
            click.echo(f"stale: {out / rel}", err=True)
        sys.exit(ExitCode.FINDINGS if target.stale else (ExitCode.ERROR if errors else ExitCode.OK))
    if verbose:
        click.echo(f"{stats.files} file(s) read: {', '.join(files)}", err=True)
    if summary:
        append_text(summary, render_summary(stats, str(out), fail_on, errors))
    if not quiet:
        click.echo(f"{stats.files} file(s), {stats.articles} article(s), {stats.failing} finding(s) at or above {fail_on}; reports in {out}")
    if errors:
        sys.exit(ExitCode.ERROR)
    if stats.failing or (strict and warnings):
        sys.exit(ExitCode.FINDINGS)
    sys.exit(ExitCode.OK)


def _load_source_map(path: Path | None) -> dict[tuple[str, int], str]:
    """file,line,url rows; a bad row is a one-line error naming the file and line."""
    if path is None:
        return {}
    out: dict[tuple[str, int], str] = {}
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            for n, row in enumerate(csv.DictReader(fh), 2):
                try:
                    out[(row["file"].strip(), int(row["line"]))] = row["url"].strip()
                except (KeyError, TypeError, ValueError, AttributeError):
                    raise AuditorError(str(path), "expected columns file,line,url with a whole-number line", line=n) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AuditorError(str(path), f"cannot read: {exc}") from None
    return out


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


def _load_baseline(path: Path | None) -> frozenset[str]:
    if path is None:
        return frozenset()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AuditorError(str(path), f"cannot read baseline: {exc}") from None
    return parse_baseline(str(path), text).fingerprints()


@main.group()
def baseline() -> None:
    """Record today's findings so that only new ones fail later runs."""


@baseline.command("create")
@click.argument("paths", nargs=-1, required=True)
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path, dir_okay=False), help="Baseline file to write (an existing one is replaced only if it is a baseline).")
@rules_option
@no_defaults_option
@click.option("--ignore", multiple=True, help="A rule id to skip (repeatable).")
def baseline_create(paths, output, rules, no_default_rules, ignore) -> None:
    """Audit PATHS and write every finding's fingerprint to --output."""
    folders = rule_folders([Path(r) for r in rules], use_defaults=not no_default_rules)
    ctx, _ = build_context(folders, frozenset(ignore))
    files, errors = input_files(list(paths))
    collector = BaselineCollector()
    read_errors, _ = run_audit(files, ctx, collector, json_line=False)
    errors += read_errors
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
