"""examples/python/train_and_evaluate.py runs, with its default settings, in
under a minute and prints every checkpoint's rating."""

import os
import subprocess
import sys
import time

from conftest import SOURCE_DIR


def test_train_and_evaluate_example():
    script = os.path.join(SOURCE_DIR, "examples", "python", "train_and_evaluate.py")
    started = time.monotonic()
    result = subprocess.run([sys.executable, script], capture_output=True, text=True, timeout=120)
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stdout + result.stderr
    evals = [line for line in result.stdout.splitlines() if line.startswith("[eval] ckpt-")]
    assert len(evals) == 4, result.stdout
    assert all("completed" in line and "Elo" in line for line in evals)
    assert elapsed < 60, f"the example took {elapsed:.0f} s"
