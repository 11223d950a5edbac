"""The same audit on a Dask LocalCluster with 2 worker processes: byte for byte the local run."""

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES, SHARED, TRAPS


def outputs(args, out: Path) -> dict[str, bytes]:
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "cli.py"),
            "audit",
            *args,
            "--out",
            str(out),
            "--fail-on",
            "never",
            "-q",
            "--format",
            "md,json,sarif,csv",
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_local_cluster_matches_local_run(tmp_path):
    pytest.importorskip("distributed", reason="the dask extra is not installed (pip install '.[dask]')")
    copies = tmp_path / "copies"
    copies.mkdir()
    (copies / "again.txt").write_bytes((SAMPLES / "farm_dump_a.txt").read_bytes())  # bodies reused across files
    inputs = [str(SAMPLES), str(TRAPS), str(ROOT / "tests" / "fixtures" / "html"), str(copies)]
    if (SHARED / "seeds").is_dir():
        inputs.append(str(SHARED / "seeds"))
    local = outputs([*inputs, "--jobs", "1", "--chunk-mb", "0.01"], tmp_path / "local")
    dask = outputs([*inputs, "--scheduler", "local:2", "--chunk-mb", "0.01"], tmp_path / "dask")
    assert len(local) > 20 and local == dask
    import json

    reuse = json.loads(dask["audit.json"])["reuse"]
    assert sum(1 for r in reuse if r["kind"] == "same body" and r["b"]["path"].endswith("again.txt")) >= 5


def test_scheduler_without_dask_says_how_to_install(tmp_path):
    code = (
        "import sys, builtins; real = builtins.__import__\n"
        "def imp(name, *a, **k):\n"
        "    if name.split('.')[0] in ('distributed', 'dask'): raise ImportError(name)\n"
        "    return real(name, *a, **k)\n"
        "builtins.__import__ = imp\n"
        "sys.argv = ['auditor'] + sys.argv[1:]\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "import cli; cli.main()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "audit", str(TRAPS), "--out", str(tmp_path / "r"), "--scheduler", "local:2"],
        capture_output=True,
        text=True,
    )
    assert (
        proc.returncode == 2
        and "pip install 'headline-auditor[dask]'" in proc.stderr
        and "Traceback" not in proc.stderr
    )


def test_unreachable_scheduler_is_one_line(tmp_path):
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "cli.py"),
            "audit",
            str(TRAPS),
            "--out",
            str(tmp_path / "r"),
            "--scheduler",
            "local:zero",
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "expected local:N" in proc.stderr and "Traceback" not in proc.stderr
