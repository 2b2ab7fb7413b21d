#!/usr/bin/python3
"""Background evaluation from a PyTorch trainer, measured; prints one JSON line.

  train_steps_per_s_alone         training steps/s with nothing else running
  train_steps_per_s_during_eval   training steps/s while a batched evaluation runs
  eval_games_per_s_batched        games/s of the net as a batched policy (no training)
  eval_games_per_s_per_position   games/s of the same net asked one position at a time
  mean_batch                      mean positions per batched call

    PYTHONPATH=build/python /usr/bin/python3 bench/python/eval_bench.py [--games N] [--seconds S]

The net is examples/python/train_and_evaluate.py's PolicyNet (random weights, CPU,
one torch thread); the evaluation is a gauntlet against random and heuristic.
"""

import argparse
import json
import os
import sys
import tempfile
import threading
import time

import torch

import tourney

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "python"))
from train_and_evaluate import PolicyNet, batched_policy  # noqa: E402


def per_position_policy(net):
    def policy(request):
        x, mask = tourney.encode_positions([request.sfen])
        with torch.no_grad():
            logits = net(torch.from_numpy(x))
            logits.masked_fill_(~torch.from_numpy(mask), float("-inf"))
            return tourney.action_to_move(request.sfen, int(logits.argmax(1)[0]))

    return policy


def train_step(net, optimiser, x, target):
    loss = torch.nn.functional.cross_entropy(net(x), target)
    optimiser.zero_grad()
    loss.backward()
    optimiser.step()


def evaluation(rt, policy_name, games, max_plies):
    return rt.start({"name": policy_name, "players": [
        {"name": "net", "host": policy_name},
        {"name": "random", "builtin": "random"},
        {"name": "heuristic", "builtin": "heuristic"}],
        "games_per_pairing": games, "adjudication": {"max_plies": max_plies}})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--games", type=int, default=32, help="games per pairing")
    parser.add_argument("--max-plies", type=int, default=120)
    parser.add_argument("--seconds", type=float, default=3.0, help="training alone for this long")
    parser.add_argument("--slots", type=int, default=8)
    args = parser.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(1)
    net = PolicyNet().eval()
    trainer = PolicyNet()
    optimiser = torch.optim.SGD(trainer.parameters(), lr=0.01)
    x = torch.rand(16, 119, 9, 9)
    target = torch.randint(0, 2187, (16,))
    out = {}

    # Training alone, for a fixed time (a deadline, not a sleep).
    for _ in range(3):
        train_step(trainer, optimiser, x, target)  # warm-up
    steps, started = 0, time.monotonic()
    while time.monotonic() - started < args.seconds:
        train_step(trainer, optimiser, x, target)
        steps += 1
    out["train_steps_per_s_alone"] = round(steps / (time.monotonic() - started), 2)

    with tempfile.TemporaryDirectory() as storage, \
            tourney.Runtime(storage_dir=storage, game_slots=args.slots) as rt:
        rt.register_batched_policy("batched", batched_policy(net), max_batch=256)
        rt.register_policy("per-position", per_position_policy(net))

        # Training while the batched evaluation runs.
        finished = threading.Event()
        sub = rt.subscribe(lambda e: finished.set() if e.is_terminal else None)
        started = time.monotonic()
        tid = evaluation(rt, "batched", args.games, args.max_plies)
        steps = 0
        while not finished.is_set():
            train_step(trainer, optimiser, x, target)
            steps += 1
        elapsed = time.monotonic() - started
        final = rt.wait(tid, 600)
        sub.cancel()
        out["train_steps_per_s_during_eval"] = round(steps / elapsed, 2)
        out["eval_games_per_s_while_training"] = round(final.completed_games / elapsed, 2)

        # The evaluation alone, batched then per position (same net, same games).
        for name in ("batched", "per-position"):
            started = time.monotonic()
            final = rt.wait(evaluation(rt, name, args.games, args.max_plies), 600)
            elapsed = time.monotonic() - started
            assert final.status == "completed", final.error_message
            key = "batched" if name == "batched" else "per_position"
            out[f"eval_games_per_s_{key}"] = round(final.completed_games / elapsed, 2)
            if name == "batched":
                out["mean_batch"] = round(final.policies[0].mean_batch, 2)
        out["games"] = final.completed_games
    out["load_avg_1min"] = os.getloadavg()[0]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
