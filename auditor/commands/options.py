"""The options `auditor audit` takes, as one table; other commands pick rows from it by name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from auditor.commands.shell import FILE, FOLDER, SEVERITIES, option
from auditor.report.builder import FORMATS

STDOUT_FORMATS = ("text", "json", "github", "sarif", "none")
COLOURS = ("auto", "always", "never")


def parse_formats(value: str) -> tuple[Any, ...]:
    items = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    bad = [v for v in items if v not in FORMATS]
    if bad or not items:
        raise click.BadParameter(f"unknown format(s) {', '.join(bad) or '(none)'}; choose from {', '.join(FORMATS)}")
    return items


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
    ("Output", ("--output-format",), {"type": click.Choice(STDOUT_FORMATS), "default": "text", "show_default": True},
     "What stdout shows: text (path:line:col: severity rule message [term]), github (workflow-command "
     "annotations), json (JSON Lines), sarif (the SARIF document) or none (the summary only). "
     "The reports under --out are the same whatever it is."),
    ("Output", ("--min-severity",), {"type": click.Choice(SEVERITIES[:-1]), "default": "info", "show_default": True},
     "Show findings at or above this severity on stdout; the reports and the exit code do not change."),
    ("Output", ("--color", "colour"), {"type": click.Choice(COLOURS), "default": "auto", "show_default": True},
     "Colour stdout: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it), always or never."),
    ("Output", ("-q", "--quiet"), {"is_flag": True},
     "Print only errors (and the findings when --output-format is given)."),
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
    ("Performance", ("--scheduler",), {},
     "Run on Dask: a scheduler address (tcp://host:8786) or local:N for N local worker processes."),
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
