"""A short crash campaign (benchmarks/crash.py): `storyweave run` killed with SIGKILL at random
points (reading, clustering, story building, outputs), then finished; nothing lost or doubled
and the stories those of a run never interrupted. The long campaign is the benchmark."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import DATA, REPO, need


@pytest.mark.slow
def test_killed_runs_end_with_the_stories_of_an_uninterrupted_run() -> None:
    need(DATA / "vlsp-abmusu")
    finished = subprocess.run(
        [sys.executable, "crash.py", "--articles", "300", "--kills", "4", "--batch", "30"],
        cwd=REPO / "benchmarks",
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr
    summary = json.loads(finished.stdout.strip().splitlines()[-1])
    assert summary["kills"] == 4 and summary["passed"]
