"""Command line: `auditor audit|fetch|baseline|rules`: a thin shell over `auditor/`, the only module to know click."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from auditor import __version__
from auditor.analysis.context import build_context, rule_folders
from auditor.analysis.rule_examples import check_examples
from auditor.checks.loader import load_rules
from auditor.errors import AuditorError
from auditor.report.builder import FORMATS
from auditor.run.audit import AuditOptions, ExitCode
from auditor.run.audit import audit as run_audit_command
from auditor.run.baseline import write_baseline
from auditor.run.config import load_config
from auditor.text.terminal import printable

SEVERITIES = ("info", "low", "medium", "high", "never")


def say(kind: str, message: str) -> None:
    """One diagnostic line on stderr: ``kind: message``, the message made terminal-safe."""
    click.echo(f"{kind}: {printable(message)}", err=True)


class AuditorGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:  # one clear line, exit 2, never a traceback
        try:
            return super().invoke(ctx)
        except AuditorError as exc:
            click.echo(f"error: {printable(str(exc))}", err=True)
            sys.exit(ExitCode.ERROR)
        except KeyboardInterrupt:  # temp files are gone already (the writer abandons them on the way out)
            click.echo("\ninterrupted", err=True)
            sys.exit(ExitCode.INTERRUPTED)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort, SystemExit):
            raise
        except Exception as exc:  # a bug of ours: still one line, and a way to see more
            if os.environ.get("HEADLINE_AUDITOR_DEBUG"):
                raise
            click.echo(
                f"error: internal error ({exc.__class__.__name__}: {printable(str(exc))}); "
                "rerun with HEADLINE_AUDITOR_DEBUG=1 for details and please report it",
                err=True,
            )
            sys.exit(ExitCode.ERROR)


class GroupedCommand(click.Command):
    """A command whose --help lists its options under headings (``group`` set on each option)."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        groups: dict[str, list[tuple[str, str]]] = {}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx) if isinstance(param, click.Option) else None
            if record is not None:
                groups.setdefault(getattr(param, "group", "Other"), []).append(record)
        for title, rows in groups.items():
            with formatter.section(title):
                formatter.write_dl(rows)


def option(group: str, *decls: str, **attrs: Any) -> Any:
    """click.option that remembers its help heading."""

    def decorate(f: Any) -> Any:
        f = click.option(*decls, **attrs)(f)
        f.__click_params__[-1].group = group
        return f

    return decorate


@click.group(cls=AuditorGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="headline-auditor")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Pair altered headlines with their originals, flag inserted terms, cite outlets.

    Settings may also come from ./auditor.toml or [tool.headline-auditor] in ./pyproject.toml
    (keys: rules, no_default_rules, ignore, fail_on, format, out, strict, baseline, jobs); options win.
    """
    cfg = load_config(Path.cwd())
    ctx.default_map = {"audit": cfg, "rules": {"list": {k: cfg[k] for k in ("rules", "no_default_rules") if k in cfg}}}


def _formats(value: str) -> tuple[Any, ...]:
    items = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    bad = [v for v in items if v not in FORMATS]
    if bad or not items:
        raise click.BadParameter(f"unknown format(s) {', '.join(bad) or '(none)'}; choose from {', '.join(FORMATS)}")
    return items


FILE = click.Path(path_type=Path, dir_okay=False)
FOLDER = click.Path(path_type=Path, file_okay=False)
# (help heading, option names, click settings, help): `auditor audit --help` groups them by heading.
# fmt: off
AUDIT_OPTIONS: list[tuple[str, tuple[str, ...], dict[str, Any], str]] = [
    ("Rules", ("--rules",), {"multiple": True, "type": click.Path(path_type=Path)},
     "A folder of extra rule files (repeatable); added to the defaults."),
    ("Rules", ("--no-default-rules",), {"is_flag": True}, "Do not load the shipped rules/ folder."),
    ("Rules", ("--ignore",), {"multiple": True}, "A rule id to skip (repeatable), e.g. loaded_labels.delegitimising."),
    ("Output", ("--out",), {"default": "reports", "show_default": True, "type": click.Path(path_type=Path)},
     "Folder for notes, index.md and audit.json."),
    ("Output", ("--format", "fmt"), {"default": "md,json", "show_default": True}, "Any of md,json,sarif,csv."),
    ("Output", ("-q", "--quiet"), {"is_flag": True}, "Print only errors."),
    ("Output", ("-v", "--verbose"), {"is_flag": True}, "Also print each input and its article count."),
    ("CI", ("--fail-on",), {"type": click.Choice(SEVERITIES), "default": "high", "show_default": True},
     "Exit 1 when a finding is at or above this severity; 'never' always passes."),
    ("CI", ("--strict",), {"is_flag": True}, "Treat warnings (e.g. an article with no original) as failures."),
    ("CI", ("--check",), {"is_flag": True}, "Write nothing; exit 1 if the reports under --out are stale."),
    ("CI", ("--baseline",), {"type": FILE}, "Findings recorded here (`auditor baseline create`) do not fail the run."),
    ("CI", ("--summary",), {"type": FILE}, "Append a Markdown summary to this file (e.g. $GITHUB_STEP_SUMMARY)."),
    ("Network", ("--verify",), {"is_flag": True},
     "Fetch each article's claimed source and compare its headline with the paired original."),
    ("Network", ("--source-map",), {"type": click.Path(path_type=Path, dir_okay=False, exists=True)},
     "CSV with columns file,line,url: the source URL of the article whose altered headline is on that line."),
    ("Network", ("--cache",), {"type": FOLDER}, "Where fetched sources are kept (default: OUT/.fetch-cache)."),
    ("Network", ("--allow-private-addresses", "allow_private"), {"is_flag": True},
     "Also fetch URLs at loopback, private, link-local and other non-public addresses (an intranet)."),
    ("Network", ("--fetch-deadline",), {"type": click.FloatRange(min=0.1), "default": 60.0, "show_default": True},
     "Seconds allowed for one URL, redirects and retries included."),
    ("Performance", ("--no-reuse",), {"is_flag": True}, 'Skip reuse detection (the "Also appears in" sections).'),
    ("Performance", ("--scheduler",), {}, "Run on Dask: a scheduler address (tcp://host:8786) or local:N processes."),
    ("Performance", ("--jobs", "-j"), {"type": click.IntRange(min=1)},
     "Processes to use (default and most: the cores this process may use). Output is the same for any value."),
    ("Performance", ("--chunk-mb",), {"type": click.FloatRange(min=0.01), "default": 2.0, "hidden": True},
     "Size of the pieces a big file is cut into."),
    ("Performance", ("--profile",), {"is_flag": True}, "Print where the time went, stage by stage, on stderr."),
]
# fmt: on


def options(*names: str) -> Any:
    """Apply the AUDIT_OPTIONS rows named (all when none are), in table order."""

    def decorate(f: Any) -> Any:
        for group, decls, attrs, help_text in reversed(AUDIT_OPTIONS):
            if not names or decls[0] in names:
                f = option(group, *decls, help=help_text, **attrs)(f)
        return f

    return decorate


@main.command(cls=GroupedCommand)
@click.argument("paths", nargs=-1, required=True)
@options()
def audit(**params: Any) -> None:
    """Audit text dumps and saved pages (files, or folders of *.txt/*.html) and write provenance notes.

    \b
    Exit codes:
      0    no finding at or above --fail-on
      1    findings at or above --fail-on (or warnings with --strict, or stale reports with --check)
      2    usage or config error, bad rule file, an input that could not be audited, a failed write
      130  interrupted (Ctrl-C)
    """
    quiet, verbose = params.pop("quiet"), params.pop("verbose")
    opts = audit_options(params, progress=not quiet and sys.stderr.isatty())
    outcome = run_audit_command(opts, None if quiet else lambda m: say("note", m))
    for e in outcome.errors:
        say("error", e)
    if not quiet:
        for n in outcome.notes:
            say("note", n)
        for w in outcome.warnings:
            say("warning", w)
    if opts.check:
        for rel in outcome.stale:
            say("stale", str(opts.out / rel))
    else:
        st = outcome.stats
        if verbose:
            click.echo(f"{st.files} file(s) read: {printable(', '.join(outcome.files))}", err=True)
        if not quiet:
            found = f"{st.failing} finding(s) at or above {opts.fail_on}"
            click.echo(f"{st.files} file(s), {st.articles} article(s), {found}; reports in {printable(str(opts.out))}")
    if opts.profile:
        click.echo(outcome.profile_table(), err=True)
    sys.exit(outcome.exit_code(opts))


def audit_options(p: dict[str, Any], progress: bool) -> AuditOptions:
    """Click's parameters (config defaults already merged in) as the library's options."""
    # These options mean the same in both, under the same name.
    same = "out fail_on strict check baseline summary verify source_map cache scheduler jobs allow_private".split()
    same += ["fetch_deadline", "profile"]
    return AuditOptions(
        paths=list(p["paths"]),
        rules=list(p["rules"]),
        default_rules=not p["no_default_rules"],
        ignore=frozenset(p["ignore"]),
        formats=_formats(p["fmt"]),
        reuse=not p["no_reuse"],
        chunk_bytes=int(p["chunk_mb"] * 1e6),
        progress=progress,
        **{k: p[k] for k in same},
    )


@main.command()
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


@main.group()
def baseline() -> None:
    """Record today's findings so that only new ones fail later runs."""


@baseline.command("create")
@click.argument("paths", nargs=-1, required=True)
@click.option("--output", "-o", required=True, type=FILE, help="Baseline file to write (replaces only an earlier one).")
@options("--rules", "--no-default-rules", "--ignore")
def baseline_create(
    paths: tuple[str, ...], output: Path, rules: tuple[Path, ...], no_default_rules: bool, ignore: tuple[str, ...]
) -> None:
    """Audit PATHS and write every finding's fingerprint to --output."""
    folders = rule_folders(list(rules), use_defaults=not no_default_rules)
    count, errors = write_baseline(list(paths), folders, frozenset(ignore), output)
    for e in errors:
        say("error", e)
    click.echo(f"{count} finding(s) recorded in {printable(str(output))}")
    sys.exit(ExitCode.ERROR if errors else ExitCode.OK)


@main.group()
def rules() -> None:
    """List and check rule files."""


@rules.command("list")
@options("--rules", "--no-default-rules")
def rules_list(rules: tuple[Path, ...], no_default_rules: bool) -> None:
    """Print every rule: id, kind, category, severity, source file."""
    for lr in load_rules(rule_folders(list(rules), use_defaults=not no_default_rules)):
        click.echo(
            "\t".join(printable(str(v)) for v in (lr.id, lr.rule.kind, lr.category, lr.rule.severity, lr.source))
        )


@rules.command("check")
@click.argument("folder", required=False, type=click.Path(path_type=Path))
def rules_check(folder: Path | None) -> None:
    """Validate rule files in FOLDER (default: the shipped rules) and run their examples.

    Exit 0 when every rule is valid and behaves on its examples, 1 when an example
    misbehaves, 2 when a file does not load.
    """
    folders = [folder] if folder else rule_folders([])
    loaded = load_rules(folders)
    build_context(folders)  # registries and publisher styles validate too
    problems = check_examples(loaded)
    for p in problems:
        click.echo(printable(p), err=True)
    click.echo(f"{len(loaded)} rule(s) checked, {len(problems)} problem(s)")
    sys.exit(ExitCode.FINDINGS if problems else ExitCode.OK)


if __name__ == "__main__":
    main()
