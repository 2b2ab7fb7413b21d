"""Shared fixtures: a runtime per test in a temporary storage folder, and
small configs. Every wait has a deadline; nothing sleeps."""

import json
import os
import shutil
import sys

import pytest

import tourney

SOURCE_DIR = os.environ.get(
    "TOURNEY_SOURCE_DIR", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
)
FAIRY = shutil.which("fairy-stockfish") or shutil.which("fairy-stockfish", path="/usr/games:/usr/bin")


def pytest_report_header(config):
    return f"tourney module: {tourney._tourney.__file__} on {sys.executable}"


@pytest.fixture
def rt(tmp_path):
    runtime = tourney.Runtime(storage_dir=str(tmp_path / "results"), game_slots=2, policy_call_grace_s=2.0)
    yield runtime
    runtime.close()


def builtin(name, kind="random", **extra):
    return {"name": name, "builtin": kind, **extra}


def host(name, policy=None):
    return {"name": name, "host": policy or name}


def config(players, games=2, max_plies=40, **extra):
    return {
        "name": extra.pop("name", "pytest"),
        "players": players,
        "games_per_pairing": games,
        "adjudication": {"max_plies": max_plies},
        **extra,
    }


def journal(progress):
    with open(os.path.join(progress.folder, "games.jsonl")) as f:
        return [json.loads(line) for line in f if line.strip()]


def assert_all_legal(progress):
    games = journal(progress)
    assert games, "no game in the journal"
    for g in games:
        why = tourney.check_game(g["start_sfen"], g["moves"])
        assert why is None, f"game {g['game_id']}: {why}"
    return games
