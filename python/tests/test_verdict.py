"""Runtime.verdict and tourney.verdict: the verdict `tourney run --gate` gives
on the same folder (its exit code and last JSON line), conditions measured
against numbers computed here from the journal, bad conditions named; and
Runtime(live_report=True) leaving report.html in the folder."""

import json
import math
import os
import subprocess

import pytest

import tourney
from conftest import builtin, journal

APP = os.environ.get("TOURNEY_APP")


def sprt_config(strong_first):
    strong = builtin("strong", "alphabeta", depth=2)
    weak = builtin("random")
    return {
        "name": "gate",
        "format": "gauntlet",
        "players": [strong, weak] if strong_first else [weak, strong],
        "games_per_pairing": 40,
        "seed": 5,
        "adjudication": {"max_plies": 200},
        "sprt": {"elo0": 0, "elo1": 200, "alpha": 0.2, "beta": 0.2, "model": "logistic"},
    }


@pytest.mark.skipif(not APP, reason="TOURNEY_APP (the tourney app) not given")
@pytest.mark.parametrize("strong_first", [True, False])
def test_the_verdict_is_the_one_tourney_run_gate_gives(rt, strong_first):
    tid = rt.start(sprt_config(strong_first))
    final = rt.wait(tid, timeout=300)
    assert final.status == "completed"
    v = rt.verdict(tid)
    assert v.verdict == ("pass" if strong_first else "fail")
    assert v.passed == strong_first
    assert v.decided_by == "sprt"
    assert v.sprt["result"] == ("H1" if strong_first else "H0")
    assert v.sprt["lower"] == pytest.approx(math.log(0.2 / 0.8))
    assert v.sprt["upper"] == pytest.approx(math.log(0.8 / 0.2))
    assert tourney.verdict(final.folder).to_dict() == v.to_dict()
    # The app on the same folder: nothing left to play, the same verdict.
    r = subprocess.run([APP, "run", "--resume", final.folder, "--progress", "json", "--gate"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == (10 if strong_first else 11), r.stderr
    line = [json.loads(x) for x in r.stdout.splitlines() if x.startswith("{")][-1]
    assert line.pop("event") == "verdict"
    assert line == v.to_dict()


def test_conditions_are_measured_as_computed_here(rt):
    tid = rt.start({
        "name": "fixed", "format": "gauntlet", "games_per_pairing": 24, "seed": 9,
        "players": [builtin("a", "heuristic", seed=1), builtin("b", "heuristic", seed=2)],
        "adjudication": {"max_plies": 400}})
    final = rt.wait(tid, timeout=300)
    games = journal(final)
    assert len(games) == 24
    # Game pairs: indices 2k and 2k+1, one opening with the colours swapped.
    pairs = {}
    for g in games:
        s = 0.5 if g["result"] == "draw" else float((g["result"] == "black_win") == (g["black"] == "a"))
        pairs.setdefault(g["index"] // 2, []).append(s)
    scores = [sum(p) / 2 for p in pairs.values()]
    n = len(scores)
    mean = sum(scores) / n
    var = sum((s - mean) ** 2 for s in scores) / n
    assert var > 0 and 0 < mean < 1, "the games must be mixed for an interval"
    se = math.sqrt(var / n)
    elo = lambda s: -400 * math.log10(1 / s - 1)
    lower, upper = elo(mean - 1.959963984540054 * se), elo(mean + 1.959963984540054 * se)
    v = rt.verdict(tid, require=[f"elo(a vs b) > {lower - 5!r}", f"elo(a) < {upper + 5!r}",
                                 f"elo(a) > {upper + 5!r}"])
    c = v.conditions
    assert [x["verdict"] for x in c] == ["pass", "pass", "fail"]
    assert c[0]["games"] == 24
    assert c[0]["lower95"] == pytest.approx(lower, abs=1e-9)
    assert c[0]["upper95"] == pytest.approx(upper, abs=1e-9)
    assert c[0]["elo"] == pytest.approx(elo(mean), abs=1e-9)
    assert c[0]["threshold"] == pytest.approx(lower - 5)
    assert v.verdict == "fail" and v.decided_by == "conditions" and v.sprt is None
    assert "sprt" not in v.to_dict()
    assert "fail (conditions)" in repr(v)


def test_bad_conditions_and_unfinished_tournaments_are_named(rt):
    with pytest.raises(ValueError, match=r"condition 'elo\(a\) = 3'"):
        rt.verdict("whatever", require=["elo(a) > 0", "elo(a) = 3"])
    with pytest.raises(ValueError, match="no tournament nope"):
        rt.verdict("nope", require=["elo(a) > 0"])
    tid = rt.start({"name": "two", "players": [builtin("a"), builtin("b", "heuristic")], "games_per_pairing": 2})
    rt.wait(tid, timeout=120)
    with pytest.raises(ValueError, match="no player named 'nobody'"):
        rt.verdict(tid, require=["elo(nobody) > 0"])
    with pytest.raises(ValueError, match="nothing to decide"):
        rt.verdict(tid)
    with pytest.raises(ValueError, match="not a tournament folder"):
        tourney.verdict("/nonexistent-folder", require=["elo(a) > 0"])


def test_live_report_leaves_the_final_page_in_the_folder(tmp_path):
    with tourney.Runtime(storage_dir=str(tmp_path / "r"), game_slots=2, live_report=True,
                         live_report_interval_s=0.5) as live:
        tid = live.start({"name": "live", "players": [builtin("a"), builtin("b", "heuristic")],
                          "games_per_pairing": 4, "adjudication": {"max_plies": 40}})
        final = live.wait(tid, timeout=120)
    with open(os.path.join(final.folder, "report.html")) as f:
        page = f.read()
    assert "Status: completed; 4 of 4 games finished." in page
    with pytest.raises(TypeError, match="live_report"):
        tourney.Runtime(live_reports=True)


def test_game_record_files_adds_each_game_s_files_beside_games_csa(tmp_path):
    spec = {"name": "files", "players": [builtin("a"), builtin("b", "heuristic")], "games_per_pairing": 2,
            "adjudication": {"max_plies": 30}}
    with tourney.Runtime(storage_dir=str(tmp_path / "with"), game_slots=2, game_record_files=True) as rt:
        with_files = rt.wait(rt.start(spec), timeout=120)
    with tourney.Runtime(storage_dir=str(tmp_path / "without"), game_slots=2) as rt:
        without = rt.wait(rt.start(spec), timeout=120)
    for final in (with_files, without):
        with open(os.path.join(final.folder, "games.csa")) as f:
            assert f.read().count("\n/\n") == 1  # two games, one separator between them
    ids = [json.loads(line)["game_id"] for line in open(os.path.join(with_files.folder, "games.jsonl"))]
    assert len(ids) == 2
    for game_id in ids:
        for ext in (".csa", ".kifu"):
            assert os.path.getsize(os.path.join(with_files.folder, "games", game_id + ext)) > 0
    assert not os.path.exists(os.path.join(without.folder, "games"))
    with pytest.raises(TypeError, match="game_record_files: expected a bool"):
        tourney.Runtime(game_record_files="yes")
