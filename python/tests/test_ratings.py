"""tourney.ratings: one rating list over the folders of several tournaments,
as `tourney ratings` fits it. Expected values come from the journals the
tournaments wrote (counts) and from the anchors given (exact)."""

import os

import pytest

import tourney
from conftest import builtin, config, journal


def play(rt, players, games, name):
    tid = rt.start(config(players, games=games, name=name))
    final = rt.wait(tid, timeout=120)
    assert final.status == "completed"
    return final


def test_a_league_over_two_tournaments_counts_every_game_and_holds_its_anchor(rt, tmp_path):
    a = play(rt, [builtin("ckpt-1", "heuristic"), builtin("random-a")], 4, "first")
    b = play(rt, [builtin("ckpt-2", "heuristic"), builtin("ckpt-1", "heuristic")], 4, "second")
    storage = os.path.dirname(a.folder)
    league = tourney.ratings([storage], anchors=["random-a=0"])
    names = {p["name"]: p for p in league["players"]}
    assert set(names) == {"ckpt-1", "ckpt-2", "random-a"}
    # Games per player from the journals themselves.
    played = {}
    for g in journal(a) + journal(b):
        if g["result"] == "error":
            continue
        for side in ("black", "white"):
            played[g[side]] = played.get(g[side], 0) + 1
    for name, count in played.items():
        assert names[name]["games"] == count
    assert league["games"] == 8
    assert names["random-a"]["elo"] == 0.0  # a hard anchor holds exactly
    assert names["random-a"]["anchored"]
    assert sorted(league["folders"]) == sorted([a.folder, b.folder])
    for p in league["players"]:
        assert p["bound"] in ("finite", "above", "below", "unbounded")


def test_bad_input_says_what_is_wrong(rt, tmp_path):
    with pytest.raises(ValueError, match="nowhere"):
        tourney.ratings([str(tmp_path / "nowhere")])
    a = play(rt, [builtin("x", "heuristic"), builtin("y")], 2, "bad")
    with pytest.raises(ValueError, match="no player of that name"):
        tourney.ratings([a.folder], anchors=["nobody=0"])
    with pytest.raises(ValueError):
        tourney.ratings([a.folder], anchors=["x=not-a-number"])
