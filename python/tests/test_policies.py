"""Per-position and batched Python policies: answers as action indices, USI
strings, resign; bad answers and exceptions end those games by error with a
clear message; every recorded game is legal by the rules core."""

import os
import threading

import numpy as np
import pytest

import tourney
from conftest import assert_all_legal, builtin, config, journal


def first_legal(batch):
    # The lowest legal action of each request.
    return np.argmax(batch.legal_mask, axis=1)


def test_per_position_policy_gets_the_game(rt):
    seen = []

    def policy(req):
        seen.append((req.side, req.ply, len(req.moves), req.sfen, req.start_sfen, req.limits))
        assert req.legal_moves, "never asked without a legal move"
        assert tourney.apply_moves(req.start_sfen, req.moves) == req.sfen
        return req.legal_moves[len(req.moves) % len(req.legal_moves)]

    rt.register_policy("pp", policy)
    tid = rt.start(config([{"name": "pp", "host": "pp"}, builtin("r")], games=2))
    final = rt.wait(tid, 60)
    assert final.status == "completed" and final.failed_games == 0
    assert {s[0] for s in seen} == {"black", "white"}
    assert all(ply == n for _, ply, n, *_ in seen)
    assert_all_legal(final)


def test_batched_policy_arrays_and_answers(rt):
    sizes = []
    planes, actions = tourney.layout_shape("dlshogi")

    def policy(batch):
        x, mask = batch.inputs, batch.legal_mask
        assert x.dtype == np.float32 and x.shape == (len(batch), planes, 9, 9)
        assert mask.dtype == np.bool_ and mask.shape == (len(batch), actions)
        assert x.base is not None  # a view of the C++ buffer, not a copy
        for i, req in enumerate(batch):
            assert mask[i].sum() == len(req.legal_moves)
            assert req.game_id and req.tournament_id and req.player == "net"
        sizes.append(len(batch))
        return first_legal(batch)

    rt.register_batched_policy("net", policy, max_batch=64)
    opponents = [builtin(f"r{i}") for i in range(4)]
    tid = rt.start(config([{"name": "net", "host": "net"}] + opponents, games=4))
    final = rt.wait(tid, 60)
    assert final.status == "completed" and final.failed_games == 0
    assert max(sizes) > 1
    usage = final.policies[0]
    assert usage.policy == "net" and usage.calls == len(sizes)
    assert usage.mean_batch > 1
    assert_all_legal(final)


def test_batched_answers_as_usi_lists_and_resign(rt):
    def usi(batch):
        return [req.legal_moves[0] for req in batch.requests]

    def resigner(batch):
        return ["resign"] * len(batch)

    rt.register_batched_policy("usi", usi, layout=None)
    rt.register_batched_policy("resigner", resigner, layout=None)

    def no_arrays(batch):
        assert batch.inputs is None and batch.legal_mask is None and batch.layout is None
        return [int(tourney.move_to_action(s, r.legal_moves[0])) for s, r in zip(batch.sfens, batch)]

    rt.register_batched_policy("ints-without-layout", no_arrays, layout=None)
    tid = rt.start(config([{"name": "usi", "host": "usi"}, {"name": "res", "host": "resigner"}, builtin("r")]))
    final = rt.wait(tid, 60)
    assert final.status == "completed"
    games = journal(final)
    resigned = [g for g in games if "res" in (g["black"], g["white"])]
    assert resigned and all(g["reason"] == "resign" for g in resigned)
    assert_all_legal(final)
    # An action index needs a layout: those games end by error, saying so.
    tid = rt.start(config([{"name": "n", "host": "ints-without-layout"}, builtin("r")]))
    final = rt.wait(tid, 60)
    errors = [g for g in journal(final) if g["reason"] == "error"]
    assert errors and all("needs a layout" in g["detail"] for g in errors)


@pytest.mark.parametrize(
    "answer, message",
    [
        (lambda b: np.zeros(len(b) + 1, dtype=np.int64), "shape"),
        (lambda b: [0] * (len(b) + 1), "answers for a batch of"),
        (lambda b: np.full(len(b), 999999, dtype=np.int64), "out of range"),
        (lambda b: np.zeros(len(b), dtype=np.float32), "dtype"),
        (lambda b: ["xx"] * len(b), "is not a USI move"),
        (lambda b: [None] * len(b), "neither an action index nor a string"),
        (lambda b: 7, "expected a sequence"),
    ],
)
def test_bad_batched_answers_end_those_games_by_error(rt, answer, message):
    rt.register_batched_policy("bad", answer)
    tid = rt.start(config([{"name": "bad", "host": "bad"}, builtin("r")], games=2))
    final = rt.wait(tid, 60)
    assert final.status == "completed"  # the tournament goes on
    games = journal(final)
    assert games and all(g["result"] != "draw" for g in games)
    errors = [g for g in games if g["reason"] == "error"]
    assert errors, games
    assert all(message in g["detail"] for g in errors), [g["detail"] for g in errors]
    # The policy's side lost; the opponent won.
    for g in errors:
        assert g["result"] == ("white_win" if g["black"] == "bad" else "black_win")


def test_illegal_move_loses_that_game_only(rt):
    def illegal(batch):
        # A well-formed move that is never legal at the start: 5a5b for black.
        return ["5i5a"] * len(batch)

    rt.register_batched_policy("illegal", illegal, layout=None)
    tid = rt.start(config([{"name": "i", "host": "illegal"}, builtin("r")], games=2))
    final = rt.wait(tid, 60)
    assert {g["reason"] for g in journal(final)} == {"illegal_move"}


def test_policy_exception_loses_by_error_with_last_line(rt, caplog):
    def boom(req):
        raise ValueError(f"boom at ply {req.ply}")

    def boom_batch(batch):
        raise KeyError("no such weights")

    rt.register_policy("boom", boom)
    rt.register_batched_policy("boom-batch", boom_batch)
    tid = rt.start(config([{"name": "b", "host": "boom"}, {"name": "bb", "host": "boom-batch"}, builtin("r")]))
    final = rt.wait(tid, 60)
    assert final.status == "completed"
    games = journal(final)
    errors = [g for g in games if g["reason"] == "error"]
    assert errors
    for g in errors:
        assert "ValueError: boom at ply" in g["detail"] or "KeyError: 'no such weights'" in g["detail"]
    by = {s.name: s for s in final.standings}
    assert by["r"].losses == 0  # the raising policies never beat the random player
    against_r = [g for g in games if "r" in (g["black"], g["white"])]
    assert all(g["reason"] == "error" for g in against_r)
    # The full traceback went to the "tourney" logger, and a batched policy's
    # also to the storage folder's host-policy-errors.log.
    assert any("Traceback" in r.getMessage() for r in caplog.records if r.name == "tourney")
    raised = [g for g in errors if "KeyError" in g["detail"]]
    log_path = os.path.join(os.path.dirname(final.folder), "host-policy-errors.log")
    assert raised  # bb moves first in its game as black: always asked
    with open(log_path) as f:
        log = f.read()
    assert "policy 'boom-batch'" in log and "Traceback" in log and "KeyError: 'no such weights'" in log
    assert f"tournament {tid} games" in log
    assert all(g["game_id"] in log for g in raised)


def test_policy_calls_do_not_hold_the_gil_between_moves(rt):
    # The main thread keeps computing while games run on the runtime's threads.
    def policy(batch):
        return first_legal(batch)

    rt.register_batched_policy("net", policy)
    tid = rt.start(config([{"name": "net", "host": "net"}, builtin("r"), builtin("h", "heuristic")], games=8))
    steps = 0
    done = threading.Event()
    sub = rt.subscribe(lambda e: done.set() if e.is_terminal and e.tournament_id == tid else None)
    while not done.is_set():
        steps += 1
        sum(range(1000))  # the host's own work
        if steps > 10_000_000:
            break
    sub.cancel()
    assert rt.wait(tid, 60).status == "completed"
    assert steps > 1


def test_rules_helpers():
    moves = tourney.legal_moves("startpos")
    assert len(moves) == 30
    assert tourney.is_legal_game("startpos", ["7g7f", "3c3d", "8h2b+"])
    assert not tourney.is_legal_game("startpos", ["7g7f", "7f7e"])
    assert "move 2" in tourney.check_game("startpos", ["7g7f", "7f7e"])
    assert tourney.move_to_action("startpos", "7g7f") == 59
    assert tourney.action_to_move("startpos", 59) == "7g7f"
    x, mask = tourney.encode_positions(["startpos", tourney.apply_moves("startpos", ["7g7f"])])
    assert x.shape == (2, 119, 9, 9) and mask.shape == (2, 2187)
    assert mask[0].sum() == 30
    with pytest.raises(ValueError):
        tourney.legal_moves("not a position")
    with pytest.raises(ValueError, match="layout"):
        tourney.layout_shape("chess")
