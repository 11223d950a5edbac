"""`auditor schema`: the JSON Schema of audit.json, generated from the models the library returns."""

from __future__ import annotations

import click

from auditor.commands.shell import examples


@click.command(epilog=examples("auditor schema > schema/audit.schema.json", "auditor schema | jq '.properties | keys'"))
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of audit.json, generated from the pydantic models.

    The repository ships it as schema/audit.schema.json; CI checks that file is current.
    """
    from auditor.report.json_model import audit_json_schema  # its models cost every other command 4 ms to import

    click.echo(audit_json_schema(), nl=False)
