"""schema/audit.schema.json: generated from the models, current, and true of what audit.json holds."""

import json
import subprocess
import sys

import jsonschema
import pytest

from auditor.report.json_model import AuditResult, audit_json_schema
from conftest import FIXTURES, ROOT, SAMPLES

SHIPPED = ROOT / "schema" / "audit.schema.json"


def validator():
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def audit_json(tmp_path, *args, stdin=None):
    out = tmp_path / "r"
    cmd = [sys.executable, str(ROOT / "cli.py"), "audit", *map(str, args), "--out", str(out)]
    subprocess.run([*cmd, "--format", "json", "--fail-on", "never", "-q"], input=stdin, check=True, timeout=600)
    return (out / "audit.json").read_text(encoding="utf-8")


def test_the_shipped_schema_is_current():
    # Regenerate with: auditor schema > schema/audit.schema.json
    assert SHIPPED.read_text(encoding="utf-8") == audit_json_schema()
    proc = subprocess.run([sys.executable, "-m", "auditor", "schema"], capture_output=True, cwd=ROOT, check=True)
    assert proc.stdout.decode("utf-8") == audit_json_schema()


@pytest.mark.parametrize(
    "inputs",
    [[SAMPLES], [FIXTURES / "traps"], [FIXTURES / "html"], ["-"]],
    ids=["samples", "traps", "saved pages", "stdin"],
)
def test_real_output_validates_and_reads_back_as_the_models(tmp_path, inputs):
    stdin = (SAMPLES / "farm_dump_a.txt").read_bytes() if inputs == ["-"] else None
    text = audit_json(tmp_path, *inputs, stdin=stdin)
    data = json.loads(text)
    validator().validate(data)
    assert data["documents"] and any(d["articles"] for d in data["documents"])
    # Nothing in the file is left out of the models (nor added by them).
    assert AuditResult.model_validate_json(text).model_dump(mode="json", exclude_unset=True) == data


def test_the_schema_rejects_what_audit_json_never_holds(tmp_path):
    data = json.loads(audit_json(tmp_path, SAMPLES / "farm_dump_b.txt"))
    data["documents"][0]["articles"][0]["surprise"] = 1
    assert not validator().is_valid(data)
    data["documents"][0]["articles"][0].pop("surprise")
    data["documents"][0]["articles"][0]["findings"] = [{"rule": "x"}]
    assert not validator().is_valid(data)


def test_the_seeds_output_validates(shared_dir, tmp_path):
    validator().validate(json.loads(audit_json(tmp_path, shared_dir / "seeds")))
