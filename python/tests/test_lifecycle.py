"""Lifecycle, statuses, snapshots and config errors."""

import json
import os

import pytest

import tourney
from conftest import SOURCE_DIR, builtin, config, journal


def test_runs_to_completion_with_keisei_fields(rt):
    tid = rt.start(config([builtin("a", "heuristic"), builtin("b"), builtin("c")], games=4), name="life")
    final = rt.wait(tid, timeout=60)
    assert final.tournament_id == tid
    assert final.name == "life"
    assert final.status == "completed"
    assert final.is_complete and not final.is_active
    assert final.total_games == 8
    assert final.completed_games == 8
    assert final.failed_games == 0
    assert final.completion_percentage == pytest.approx(100.0)
    assert final.black_wins + final.white_wins + final.draws == 8
    assert final.games_per_second > 0
    assert final.start_time is not None and final.end_time is not None
    assert final.end_time >= final.start_time
    assert [s.name for s in final.standings] == ["a", "b", "c"]
    assert sum(s.played for s in final.standings) == 16
    d = final.to_dict()
    for key in ("status", "total_games", "completed_games", "failed_games", "completion_percentage",
                "is_active", "is_complete", "games_per_second", "standings", "eta_seconds", "policies"):
        assert key in d
    assert len(journal(final)) == 8
    assert os.path.exists(os.path.join(final.folder, "tournament.json"))
    # History: listed once finished, not active.
    assert tid in [p.tournament_id for p in rt.list_all()]
    assert tid not in [p.tournament_id for p in rt.list_active()]
    assert rt.progress(tid).status == "completed"
    assert rt.progress("no-such-id") is None


def test_elo_with_interval(rt):
    tid = rt.start(config([builtin("agent", "heuristic"), builtin("random")], games=8, max_plies=80))
    final = rt.wait(tid, timeout=60)
    agent = final.standings[0]
    assert final.elo is not None and agent.elo is not None
    assert final.elo.samples == agent.wins + agent.losses + agent.draws
    if agent.elo.bounded:
        assert agent.elo.lower95 <= agent.elo.elo <= agent.elo.upper95
        assert agent.elo.error95 == pytest.approx((agent.elo.upper95 - agent.elo.lower95) / 2)


def test_config_as_json_string_and_path(rt, tmp_path):
    cfg = config([builtin("a"), builtin("b")])
    text = "// comments are allowed\n" + json.dumps(cfg)
    tid = rt.start(text)
    assert rt.wait(tid, 60).status == "completed"
    path = tmp_path / "cfg.json"
    path.write_text(text)
    assert rt.wait(rt.start(path), 60).status == "completed"
    assert rt.wait(rt.start(str(path)), 60).status == "completed"
    # The repository's example config is accepted (its run keys included).
    default = os.path.join(SOURCE_DIR, "config", "default.json")
    tid = rt.start(default)
    rt.cancel(tid)
    assert rt.wait(tid, 60).is_complete


def test_config_errors_name_the_field(rt, tmp_path):
    with pytest.raises(tourney.ConfigError, match=r"players\[1\]\.builtin"):
        rt.start(config([builtin("a"), builtin("b", "nope")]))
    with pytest.raises(tourney.ConfigError, match=r"players\[0\]\.usi\.command"):
        rt.start(config([{"name": "e", "usi": {"command": "/no/such/engine"}}, builtin("b")]))
    with pytest.raises(tourney.ConfigError, match=r"games_per_pairing"):
        rt.start(config([builtin("a"), builtin("b")], games="two"))
    with pytest.raises(tourney.ConfigError, match=r"colour"):
        rt.start({**config([builtin("a"), builtin("b")]), "colour": 1})
    with pytest.raises(tourney.ConfigError, match=r"config:2:"):
        rt.start('{"name": "x",\n "players": [}')
    with pytest.raises(tourney.ConfigError, match=r"duplicate key"):
        rt.start('{"name": "x", "name": "y"}')
    with pytest.raises(tourney.ConfigError, match=r"missing\.json"):
        rt.start(tmp_path / "missing.json")
    with pytest.raises(tourney.ConfigError, match=r"not JSON"):
        rt.start({"name": object()})
    with pytest.raises(TypeError):
        rt.start(42)
    # ConfigError is also a ValueError and a TourneyError.
    assert issubclass(tourney.ConfigError, ValueError)
    assert issubclass(tourney.ConfigError, tourney.TourneyError)


def test_options_are_checked(tmp_path):
    with pytest.raises(TypeError, match="unknown option 'slots'"):
        tourney.Runtime(slots=2)
    with pytest.raises(ValueError, match="max_concurrent_tournaments"):
        tourney.Runtime(max_concurrent_tournaments=0)
    with pytest.raises(TypeError, match="game_slots"):
        tourney.Runtime(game_slots="4")


def test_wait_timeout_and_unknown(rt):
    def stall(req):
        release.wait(30)
        return req.legal_moves[0]

    import threading

    release = threading.Event()
    rt.register_policy("stall", stall)
    tid = rt.start(config([{"name": "s", "host": "stall"}, builtin("b")]))
    with pytest.raises(TimeoutError):
        rt.wait(tid, timeout=0.2)
    with pytest.raises(KeyError):
        rt.wait("no-such-id", timeout=1)
    release.set()
    assert rt.wait(tid, 60).status == "completed"


def test_shutdown_then_start_fails_and_context_manager(tmp_path):
    with tourney.Runtime(storage_dir=str(tmp_path), game_slots=1) as rt:
        tid = rt.start(config([builtin("a"), builtin("b")]))
        folder = rt.progress(tid).folder
    # Graceful: the running tournament finished and was saved.
    with open(os.path.join(folder, "tournament.json")) as f:
        assert json.load(f)["status"] == "completed"
    with pytest.raises(tourney.TourneyError, match="shut down"):
        rt.wait(tid, 1)
    with pytest.raises(tourney.TourneyError, match="shut down"):
        rt.start(config([builtin("a"), builtin("b")]))
    rt.close()
    assert rt.closed
    with pytest.raises(tourney.TourneyError, match="closed"):
        rt.progress(tid)


def test_help_shows_docstrings():
    assert tourney.__version__.count(".") == 2
    assert "storage_dir" in tourney.Runtime.__doc__
    assert "ConfigError" in tourney.Runtime.start.__doc__
    assert tourney.Runtime.register_batched_policy.__doc__
    stub = os.path.join(os.path.dirname(tourney.__file__), "__init__.pyi")
    assert os.path.exists(stub)
