"""The benchmark keeps working: `python -m bench --quick` runs end to end and loses nothing.

No timing is asserted (CI machines vary); only that every scenario ran and reported
no lost relay or nudge, none doubled and none early, and no call broke the Bot API spec.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_quick_bench_runs_and_loses_nothing(tmp_path):
    out = tmp_path / "bench.json"
    # The bench's stand-in checks the bots' calls against the Bot API spec when told to.
    env = {**os.environ, "ATTUNE_BENCH_SPEC_CHECK": "1", "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--json", str(out)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=150,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    figures = json.loads(out.read_text())
    assert figures["relay"]["lost"] == 0
    assert figures["steady"]["steady_lost"] == 0
    assert figures["fanout"]["lost"] == 0
    assert figures["fanout"]["doubled"] == 0
    assert figures["fanout"]["early"] == 0
    assert figures["backlog"]["backlog_left"] == 0
    assert figures["memory"]["rss_large_mb"] > 0
    assert figures["memory"]["startup_large_s"] > 0
