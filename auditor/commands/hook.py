"""The pre-commit hook (`.pre-commit-hooks.yaml`): `auditor audit` on the staged files, into a folder of its own.

pre-commit runs a hook's batches of files at the same time unless told otherwise, and each
batch used to write (and clean up) the same report folder. The hook asks for one process
(``require_serial``) and, whatever pre-commit does, each run writes to a new folder in the
system's temporary folder, removed when it ends, so no run can touch another's reports and the
work tree stays clean. The findings are printed by `auditor audit` itself, above its summary
line; a failing run says how to write the notes somewhere to read them.

Usage (what pre-commit runs): ``python -m auditor.commands.hook [audit options] FILE...``.
"""

from __future__ import annotations

import sys
import tempfile

import click

from auditor.commands.audit import audit
from auditor.commands.shell import AuditorGroup


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    group = AuditorGroup(name="auditor", commands={"audit": audit})  # errors become one line and exit 2
    with tempfile.TemporaryDirectory(prefix="headline-audit-") as folder:
        try:
            group.main(["audit", "--out", f"{folder}/reports", "--format", "md", *args], standalone_mode=False)
            code = 0
        except SystemExit as exc:  # `auditor audit` ends with sys.exit(its exit code)
            code = exc.code if isinstance(exc.code, int) else 1
        except click.exceptions.Abort:
            code = 130
        except click.ClickException as exc:  # a usage error: the hook's `args` are wrong
            exc.show()
            code = exc.exit_code
    if code:
        click.echo("headline-audit: to read the notes, run `auditor audit --out DIR FILE...` on these files", err=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
