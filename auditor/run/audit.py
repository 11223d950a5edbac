"""`auditor audit` as one library call: options in, reports written, an outcome out."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from functools import partial
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from auditor.analysis.context import AuditContext, build_context, rule_folders
from auditor.analysis.laps import LAPS, add_seconds, stage_table
from auditor.datafiles import read_source_map, read_user_file
from auditor.errors import InputError
from auditor.ingest.chunks import TASK_BYTES
from auditor.ingest.discover import input_files
from auditor.ingest.memory import STDIN, STDIN_NAME, open_text, read_stdin
from auditor.ingest.sources import SourceStream
from auditor.net.cache import FetchCache
from auditor.report.baseline import parse_baseline
from auditor.report.builder import FORMATS, ReportBuilder, RunStats
from auditor.report.check import CheckTarget
from auditor.report.console_sink import ConsoleSink, SpoolTarget
from auditor.report.paths import NotePaths
from auditor.report.sink import Sink
from auditor.report.summary import render_summary
from auditor.reuse.index import ReuseIndex
from auditor.run import collector
from auditor.run.keep import Keeping, KeptTarget
from auditor.run.places import source_links, summary_links
from auditor.run.pool import capped_jobs, worker_setup
from auditor.run.progress import Progress
from auditor.run.runner import RunPlan, run_audit
from auditor.writer import DirectoryTarget, append_text

FailOn = Literal["info", "low", "medium", "high", "never"]
Severity = Literal["info", "low", "medium", "high"]
Format = Literal["md", "json", "sarif", "csv"]
StdoutFormat = Literal["text", "json", "github", "sarif", "none"]
REPORT_FILES = {"md": "index.md", "json": "audit.json", "sarif": "audit.sarif", "csv": "articles.csv"}


class ExitCode(IntEnum):
    """What `auditor audit` returns."""

    OK = 0  # no finding at or above --fail-on
    FINDINGS = 1  # findings at or above --fail-on (or, with --strict, warnings; with --check, stale reports)
    ERROR = 2  # usage or config error, a bad rule file, an input that could not be audited, a failed write
    INTERRUPTED = 130  # Ctrl-C (SIGINT): 128 + 2, as shells report it


class AuditOptions(BaseModel):
    """Everything `auditor audit` can be told, from the command line or a config file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    paths: list[str] = Field(min_length=1)
    out: Path = Path("reports")
    rules: list[Path] = Field(default_factory=list)  # extra rule folders
    default_rules: bool = True
    ignore: frozenset[str] = frozenset()
    formats: tuple[Format, ...] = Field(default=("md", "json"), min_length=1)
    fail_on: FailOn = "high"
    strict: bool = False
    check: bool = False
    baseline: Path | None = None
    summary: Path | None = None
    verify: bool = False
    source_map: Path | None = None
    cache: Path | None = None
    allow_private: bool = False  # --verify may fetch loopback, private, link-local, ... addresses
    fetch_deadline: float = Field(default=60.0, gt=0)  # seconds for one URL, redirects included
    reuse: bool = True
    scheduler: str | None = None
    jobs: int | None = Field(default=None, ge=1)
    chunk_bytes: int = Field(default=TASK_BYTES, ge=1)
    progress: bool = False  # a progress line on stderr
    profile: bool = False  # time the stages (AuditOutcome.profile_table)
    # What the caller will print on stdout: findings one a line (text, github, json), the SARIF
    # document (sarif), or nothing (none). It never changes what is written under ``out``.
    stdout: StdoutFormat = "none"
    min_severity: Severity = "info"  # findings below it are left out of stdout (and only there)


@dataclass
class AuditOutcome:
    files: list[str]
    stats: RunStats
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)  # with check: reports that differ
    notes: list[str] = field(default_factory=list)  # about the run, not the inputs (never fail it)
    console: ConsoleSink | None = None  # the findings for stdout (``stdout`` text, github or json)
    sarif: SpoolTarget | None = None  # the SARIF document for stdout (``stdout`` sarif)

    profile_table: str = ""  # with profile: where the time went, stage by stage

    def close(self) -> None:
        """Let go of the temporary files holding what stdout shows."""
        for spool in (self.console, self.sarif):
            if spool is not None:
                spool.close()

    def exit_code(self, options: AuditOptions) -> ExitCode:
        if options.check:
            return ExitCode.FINDINGS if self.stale else (ExitCode.ERROR if self.errors else ExitCode.OK)
        if self.errors:
            return ExitCode.ERROR
        if self.stats.failing or (options.strict and self.warnings):
            return ExitCode.FINDINGS
        return ExitCode.OK


def _known(path: Path | None) -> frozenset[str]:
    if path is None:
        return frozenset()
    return parse_baseline(str(path), read_user_file(path, "baseline")).fingerprints()


def _note_settings(o: AuditOptions) -> dict[str, str]:
    # Only settings that change what a note says go into its front matter, so --check and
    # byte-identical reruns do not depend on --fail-on or --format.
    return {
        "default_rules": "yes" if o.default_rules else "no",
        "extra_rules": ",".join(Path(r).name for r in o.rules),
        "ignored_rules": ",".join(sorted(o.ignore)),
    }


def _verifier(o: AuditOptions) -> Any:
    if not (o.verify or o.source_map):
        return None
    from auditor.net.page import FetchPolicy  # fetching pulls in requests: only when asked to verify
    from auditor.net.verify import Verifier

    source_map = read_source_map(o.source_map) if o.source_map else {}
    # The default cache lives in --out and must stay there (OUT/.fetch-cache may not be a symlink).
    cache = FetchCache(o.cache, None) if o.cache else FetchCache(o.out / ".fetch-cache", within=o.out)
    policy = FetchPolicy(deadline=o.fetch_deadline, allow_private=o.allow_private)
    return Verifier(cache=cache, source_map=source_map, policy=policy)


def _stdout_sink(
    o: AuditOptions, builder: ReportBuilder, report_args: tuple[Any, ...]
) -> tuple[Sink, ConsoleSink | None, SpoolTarget | None]:
    """The sink the runner feeds: the builder, behind a ConsoleSink when stdout shows findings.
    SARIF on stdout is a second builder of its own, so the files under ``out`` stay as they are."""
    if o.check or o.stdout == "none":
        return builder, None, None
    spool = SpoolTarget() if o.stdout == "sarif" else None
    sarif = ReportBuilder(spool, ("sarif",), *report_args) if spool is not None else None
    console = ConsoleSink(builder, o.min_severity, report_args[2], os.getcwd(), sarif)
    return console, (console if o.stdout != "sarif" else None), spool


def _in_memory(
    o: AuditOptions, texts: Mapping[str, bytes | str]
) -> tuple[list[str], dict[str, SourceStream], list[str]]:
    """The paths, ``-`` named ``<stdin>``; the inputs held in memory (standard input and
    ``texts``, by name) opened; and one error line for each of those that cannot be audited."""
    wanted, errors = dict(texts), []
    if STDIN in o.paths:
        try:
            wanted[STDIN_NAME] = read_stdin()
        except InputError as exc:
            errors.append(str(exc))
    memory = {}
    for name, data in wanted.items():
        try:
            memory[name] = open_text(name, data)
        except InputError as exc:
            errors.append(str(exc))
    failed = {*wanted, STDIN_NAME} - set(memory)  # reported above, and no file to look for
    named = [STDIN_NAME if p == STDIN else p for p in o.paths]
    return [p for p in named if p not in failed or (p == STDIN_NAME and STDIN not in o.paths)], memory, errors


def _close(*held: Any) -> None:
    """Close what is there of ``held`` (spools, the reuse index, a Dask client and cluster)."""
    for thing in held:
        if thing is not None:
            thing.close()


def _context(o: AuditOptions) -> tuple[list[Path], tuple[AuditContext, str]]:
    """The rule folders, and the rules and registries loaded from them with their digest (then
    frozen for the run: run/collector.py)."""
    folders = rule_folders(list(o.rules), use_defaults=o.default_rules)
    loaded = build_context(folders, o.ignore)
    collector.loaded()
    return folders, loaded


def _target(
    o: AuditOptions, files: list[str], say: Callable[[str], None] | None, keep: dict[str, str] | None, write: bool
) -> tuple[Any, CheckTarget | None]:
    """Where the reports go: compared with --out (check), written there, or kept in memory;
    copied into ``keep`` too when asked. The CheckTarget is returned apart for its stale list."""
    note_folders = NotePaths(files).folders() if "md" in o.formats else set()
    planned = [REPORT_FILES[f] for f in FORMATS if f in o.formats]
    checking = CheckTarget(o.out, note_folders) if o.check else None
    target: Any = checking or (DirectoryTarget(o.out, files, note_folders, planned, say) if write else KeptTarget())
    return (Keeping(target, keep) if keep is not None else target), checking


def audit(
    o: AuditOptions,
    say: Callable[[str], None] | None = None,
    texts: Mapping[str, bytes | str] | None = None,
    keep: dict[str, str] | None = None,
    write: bool = True,
) -> AuditOutcome:
    """Audit ``o.paths`` (``-``: standard input) and ``texts`` (name -> a dump held in memory)
    and write (or, with ``check``, compare) the reports under ``o.out``.

    ``say`` is told at once what the caller should know before the outcome (e.g. that the run
    waits for another one writing the same --out). The reports named in ``keep`` get their
    text there; with ``write`` false nothing is written.
    """
    collector.hold()  # no collections while the rules load, then seldom (run/collector.py)
    try:
        return _audit(o, say, texts, keep, write)
    finally:
        collector.release()


def _audit(
    o: AuditOptions,
    say: Callable[[str], None] | None,
    texts: Mapping[str, bytes | str] | None,
    keep: dict[str, str] | None,
    write: bool,
) -> AuditOutcome:
    started = time.perf_counter()
    known = _known(o.baseline)
    folders, (ctx, digest) = _context(o)
    paths, memory, errors = _in_memory(o, texts or {})
    files, problems = input_files(paths, memory=memory.keys())
    errors += problems
    jobs, capped = capped_jobs(o.jobs)
    notes = [capped] if capped else []
    target, checking = _target(o, files, say, keep, write)
    console = sarif = reuse = client = cluster = None
    # From here every way out (an error, Ctrl-C) drops the temp files the builder opens at once.
    try:
        sources = source_links(files, o.out) if "md" in o.formats else {}
        report_args = (_note_settings(o), ctx.engine.rules, known, files, digest, o.fail_on)
        builder = ReportBuilder(target, o.formats, *report_args, sources)
        sink, console, sarif = _stdout_sink(o, builder, report_args)
        reuse = ReuseIndex(ctx.boilerplate, jobs, partial(worker_setup, os.getpid())) if o.reuse else None
        if o.scheduler:
            from auditor.run.cluster import connect

            client, cluster = connect(o.scheduler, notes)
        plan = RunPlan(jobs, folders, o.ignore, o.chunk_bytes, client, Progress() if o.progress else None, o.profile)
        result = run_audit(files, ctx, sink, plan, reuse, _verifier(o), memory)
        errors += result.errors
        LAPS.start()
        sink.finish(errors, result.links)
        stats = builder.stats
    except BaseException:
        target.abandon()
        _close(console, sarif)
        raise
    finally:
        _close(reuse, client, cluster)
    target.finish()
    LAPS.lap("write reports")
    add_seconds(result.stage_seconds, LAPS.take())
    if o.summary and not o.check:
        links = summary_links(files, o.out, o.summary, os.environ)
        append_text(o.summary, render_summary(stats, o.fail_on, errors, links))
    stale = list(checking.stale) if checking is not None else []
    outcome = AuditOutcome(files, stats, errors, result.warnings, stale, notes, console, sarif)
    if o.profile:  # seconds summed over the main process and its workers
        wall = time.perf_counter() - started
        outcome.profile_table = stage_table(result.stage_seconds, wall, jobs + (jobs > 1) if client is None else 1)
    return outcome
