"""Interpreter exit and Ctrl-C, in subprocesses of Debian's python3: a
script that exits with tournaments running (a Python policy mid-call, engines
running) ends promptly and cleanly, leaving no engine behind; Ctrl-C during
wait raises KeyboardInterrupt at once. Deadlines, no sleeps."""

import os
import signal
import subprocess
import sys
import textwrap
import time
import uuid

import pytest

from conftest import FAIRY

PYTHON = sys.executable


def run_script(body, tmp_path, env_extra=None, timeout=60):
    env = dict(os.environ)
    env.update(env_extra or {})
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(body))
    return subprocess.run([PYTHON, str(script), str(tmp_path / "results")], capture_output=True, text=True,
                          timeout=timeout, env=env)


def processes_with_marker(marker):
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                if marker.encode() in f.read():
                    found.append(int(pid))
        except OSError:
            continue
    return found


def interrupt_after(script, tmp_path, line, timeout):
    """Runs `script`, sends SIGINT once it prints `line`, and waits for it:
    the process, its output, its error output and the seconds from the
    signal to its exit."""
    proc = subprocess.Popen([PYTHON, str(script), str(tmp_path / "results")], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == line
        proc.send_signal(signal.SIGINT)
        sent = time.monotonic()
        out, err = proc.communicate(timeout=timeout)
        return proc, out, err, time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()


def test_exit_with_tournaments_running(tmp_path):
    result = run_script(
        """
        import sys, threading, numpy as np, tourney
        rt = tourney.Runtime(storage_dir=sys.argv[1], game_slots=2)
        in_call = threading.Event()
        def slow(batch):
            in_call.set()
            threading.Event().wait(0.05)  # a forward pass that takes a while
            return np.argmax(batch.legal_mask, axis=1)
        def pp(req):
            return req.legal_moves[0]
        rt.register_batched_policy("net", slow)
        rt.register_policy("pp", pp)
        cfg = {"name": "exit", "players": [{"name": "net", "host": "net"}, {"name": "pp", "host": "pp"},
               {"name": "r", "builtin": "random"}], "games_per_pairing": 200}
        ids = [rt.start(cfg) for _ in range(2)]
        assert in_call.wait(30)
        sub = rt.subscribe(lambda e: None)
        print("exiting with", len(rt.list_active()), "active", flush=True)
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "exiting with 2 active" in result.stdout
    assert "Fatal" not in result.stderr and "terminate" not in result.stderr


@pytest.mark.skipif(FAIRY is None, reason="fairy-stockfish is not installed")
def test_exit_leaves_no_engine_behind(tmp_path):
    marker = f"TOURNEY_PYTEST_{uuid.uuid4().hex}"
    result = run_script(
        f"""
        import sys, threading, tourney
        rt = tourney.Runtime(storage_dir=sys.argv[1], game_slots=2)
        started = threading.Event()
        sub = rt.subscribe(lambda e: started.set() if e.snapshot.completed_games >= 1 else None)
        cfg = {{"name": "engines", "players": [
            {{"name": "fs1", "nodes": 1000, "usi": {{"command": "{FAIRY}", "options": {{"Threads": 1, "Hash": 16}}}}}},
            {{"name": "fs2", "nodes": 1000, "usi": {{"command": "{FAIRY}", "options": {{"Threads": 1, "Hash": 16}}}}}}],
            "games_per_pairing": 100, "time_control": {{"clockless_move_budget_ms": 5000}}}}
        tid = rt.start(cfg)
        assert started.wait(60), "no game finished"
        print("engines running", flush=True)
        """,
        tmp_path,
        env_extra={marker: "1"},
    )
    assert result.returncode == 0, result.stderr
    assert "engines running" in result.stdout
    assert processes_with_marker(marker) == []


def test_ctrl_c_during_wait(tmp_path):
    script = tmp_path / "wait.py"
    script.write_text(textwrap.dedent(
        """
        import sys, threading, tourney
        rt = tourney.Runtime(storage_dir=sys.argv[1], game_slots=1)
        release = threading.Event()
        def stall(req):
            release.wait(60)
            return req.legal_moves[0]
        rt.register_policy("stall", stall)
        tid = rt.start({"name": "w", "players": [{"name": "s", "host": "stall"}, {"name": "r", "builtin": "random"}]})
        try:
            print("waiting", flush=True)
            rt.wait(tid)
        except KeyboardInterrupt:
            print("interrupted", flush=True)
            release.set()
            raise
        """))
    proc, out, err, elapsed = interrupt_after(script, tmp_path, "waiting", timeout=30)
    assert "interrupted" in out
    assert "KeyboardInterrupt" in err
    assert proc.returncode != 0
    assert elapsed < 5, f"took {elapsed:.1f} s to stop after SIGINT"


def test_ctrl_c_during_graceful_shutdown(tmp_path):
    # A graceful shutdown waits for running tournaments; Ctrl-C cancels them
    # and raises KeyboardInterrupt promptly.
    script = tmp_path / "shutdown.py"
    script.write_text(textwrap.dedent(
        """
        import sys, tourney
        rt = tourney.Runtime(storage_dir=sys.argv[1], game_slots=1)
        tid = rt.start({"name": "long", "players": [{"name": "a", "builtin": "alphabeta", "depth": 2},
                        {"name": "b", "builtin": "alphabeta", "depth": 2}], "games_per_pairing": 2000})
        try:
            print("shutting down", flush=True)
            rt.shutdown("graceful")
        except KeyboardInterrupt:
            print("interrupted", flush=True)
            raise
        """))
    _, out, err, elapsed = interrupt_after(script, tmp_path, "shutting down", timeout=60)
    assert "interrupted" in out and "KeyboardInterrupt" in err
    assert elapsed < 10, f"took {elapsed:.1f} s to stop after SIGINT"
