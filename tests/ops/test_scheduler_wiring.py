"""PRIVACY review case « periodic jobs only in `make run` »: the scheduler also runs with
`make worker` and has its own systemd unit in docs/deployment.md."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_make_worker_starts_the_scheduler_and_the_worker():
    plan = subprocess.run(
        ["make", "-n", "worker"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "espaces run_scheduler" in plan and "espaces db_worker" in plan


def test_deployment_has_a_unit_for_the_worker_and_one_for_the_scheduler():
    text = (ROOT / "docs" / "deployment.md").read_text()
    starts = re.findall(r"ExecStart=\S+/espaces (db_worker|run_scheduler)", text)
    assert "db_worker" in starts and "run_scheduler" in starts
