"""The installed wheel finds its default rules without the checkout."""

import json
import subprocess
import sys

import pytest

from conftest import ROOT, TRAPS

RUN_CLI = "import sys; sys.path.insert(0, sys.argv.pop(1)); import cli; cli.main()"


@pytest.mark.slow
def test_wheel_carries_the_default_rules(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)], check=True, timeout=600
    )
    [wheel] = list(wheels.glob("headline_auditor-*.whl"))
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
        check=True,
        timeout=600,
    )
    assert (site / "auditor" / "default_rules" / "eschatology.toml").is_file()
    assert (site / "auditor" / "default_rules" / "outlets" / "north_america.toml").is_file()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    listed = subprocess.run(
        [sys.executable, "-c", RUN_CLI, str(site), "rules", "list"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "auditor/default_rules/eschatology.toml" in listed.stdout
    out = elsewhere / "r"
    subprocess.run(
        [
            sys.executable,
            "-c",
            RUN_CLI,
            str(site),
            "audit",
            str(TRAPS / "truncated.txt"),
            "--out",
            str(out),
            "--fail-on",
            "never",
        ],
        cwd=elsewhere,
        check=True,
    )
    [art] = json.loads((out / "audit.json").read_text())["documents"][0]["articles"]
    assert "eschatological" in {f["category"] for f in art["findings"]}
