#!/usr/bin/python3
"""A toy PyTorch training loop that evaluates its checkpoints in the background.

Every --every steps it saves a checkpoint and starts a tourney gauntlet of that
checkpoint (a batched policy: one forward pass for all its games in flight)
against a ladder: built-in players and, if installed, Fairy-Stockfish at 1000
nodes. Training never waits for the evaluation; each checkpoint's rating (Elo
against the ladder, with its 95% interval) is printed as its tournament ends.

    PYTHONPATH=build/python /usr/bin/python3 examples/python/train_and_evaluate.py

The objective is a toy (put the policy's probability on legal moves of
positions from random games); the point is the plumbing.
"""

import argparse
import os
import random
import shutil
import sys
import tempfile
import threading
import time

import torch
from torch import nn

import tourney

PLANES, ACTIONS = tourney.layout_shape("dlshogi")  # 119 input planes, 2187 actions


class PolicyNet(nn.Module):
    """A small residual-free conv net: dlshogi planes in, one logit per action out."""

    def __init__(self, channels=32, blocks=2):
        super().__init__()
        layers = [nn.Conv2d(PLANES, channels, 3, padding=1), nn.ReLU()]
        for _ in range(blocks):
            layers += [nn.Conv2d(channels, channels, 3, padding=1), nn.ReLU()]
        self.body = nn.Sequential(*layers)
        self.head = nn.Conv2d(channels, ACTIONS // 81, 1)

    def forward(self, x):
        return self.head(self.body(x)).flatten(1)


def batched_policy(net):
    """tourney batched policy: masked argmax over the batch tourney encoded in C++."""

    def policy(batch):
        with torch.no_grad():
            logits = net(torch.from_numpy(batch.inputs))
            logits.masked_fill_(~torch.from_numpy(batch.legal_mask), float("-inf"))
            return logits.argmax(1).numpy()

    return policy


def random_positions(rng, count, max_plies=60):
    """SFENs from random games (the toy training data)."""
    out = []
    while len(out) < count:
        sfen = "startpos"
        for _ in range(rng.randrange(max_plies)):
            moves = tourney.legal_moves(sfen)
            if not moves:
                break
            sfen = tourney.apply_moves(sfen, [rng.choice(moves)])
        out.append(sfen)
    return out


def ladder(fairy):
    players = [
        {"name": "random", "builtin": "random"},
        {"name": "heuristic", "builtin": "heuristic"},
        {"name": "alphabeta-1", "builtin": "alphabeta", "depth": 1},
    ]
    if fairy:
        players.append({"name": "fairy-stockfish-1k", "nodes": 1000,
                        "usi": {"command": fairy, "options": {"Threads": 1, "Hash": 16}}})
    return players


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=200, help="training steps")
    parser.add_argument("--every", type=int, default=50, help="checkpoint (and evaluate) every N steps")
    parser.add_argument("--games", type=int, default=2, help="games against each ladder player")
    parser.add_argument("--storage", default=None, help="results folder (default: a temporary one, removed)")
    parser.add_argument("--slots", type=int, default=4, help="game slots")
    args = parser.parse_args(argv)

    torch.manual_seed(0)
    torch.set_num_threads(1)  # leave a core to the games
    rng = random.Random(0)
    fairy = shutil.which("fairy-stockfish") or shutil.which("fairy-stockfish", path="/usr/games")
    storage = args.storage or tempfile.mkdtemp(prefix="tourney-example-")
    checkpoints = os.path.join(storage, "checkpoints")
    os.makedirs(checkpoints, exist_ok=True)

    net = PolicyNet()
    optimiser = torch.optim.Adam(net.parameters(), lr=1e-3)
    print_lock = threading.Lock()  # callbacks print from the subscription's thread
    results = {}
    reported = threading.Condition()  # the main thread waits for the last reports

    def on_event(event):
        if not event.is_terminal:
            return
        final = event.snapshot
        agent = final.standings[0]
        elo = agent.elo
        if elo is None or elo.elo is None:
            rating = "Elo: none (no finite estimate)"
        elif elo.error95 is None:
            rating = f"Elo {elo.elo:+.0f} (interval unbounded)"
        else:
            rating = f"Elo {elo.elo:+.0f} +/- {elo.error95:.0f}"
        with reported:
            results[agent.name] = final
            reported.notify_all()
        with print_lock:
            print(f"[eval] {agent.name}: {final.status}, +{agent.wins} -{agent.losses} ={agent.draws} "
                  f"vs the ladder, {rating}, mean batch "
                  f"{final.policies[0].mean_batch if final.policies else 0:.1f}", flush=True)

    started = time.monotonic()
    with tourney.Runtime(storage_dir=os.path.join(storage, "results"), game_slots=args.slots) as rt:
        subscription = rt.subscribe(on_event)
        ids = []
        for step in range(1, args.steps + 1):
            sfens = random_positions(rng, 16)
            x, mask = tourney.encode_positions(sfens)
            logits = net(torch.from_numpy(x))
            # Toy loss: -log of the probability mass on legal moves.
            legal = torch.from_numpy(mask)
            loss = -(torch.logsumexp(logits.masked_fill(~legal, float("-inf")), 1) - torch.logsumexp(logits, 1)).mean()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            if step % args.every == 0:
                name = f"ckpt-{step}"
                path = os.path.join(checkpoints, name + ".pt")
                torch.save(net.state_dict(), path)
                frozen = PolicyNet()
                frozen.load_state_dict(torch.load(path))
                frozen.eval()
                rt.register_batched_policy(name, batched_policy(frozen), max_batch=64)
                config = {"name": name, "players": [{"name": name, "host": name}] + ladder(fairy),
                          "games_per_pairing": args.games,
                          "adjudication": {"max_plies": 120, "entering_king": "27"},
                          "time_control": {"clockless_move_budget_ms": 5000}}
                ids.append(rt.start(config, priority=step))
                with print_lock:
                    print(f"[train] step {step}: loss {loss.item():.3f}, saved {name}, evaluating in the background",
                          flush=True)
        with print_lock:
            print(f"[train] done after {time.monotonic() - started:.1f} s; waiting for the evaluations", flush=True)
        finals = [rt.wait(tid, timeout=600) for tid in ids]
        # wait() returns at the terminal event; its callback may still be on its way.
        with reported:
            reported.wait_for(lambda: len(results) == len(ids), timeout=60)
        subscription.cancel()
    failed = [f for f in finals if f.status != "completed"]
    print(f"{len(finals)} checkpoints evaluated in {time.monotonic() - started:.1f} s, "
          f"{sum(f.completed_games for f in finals)} games; results in {os.path.join(storage, 'results')}")
    if not args.storage:
        shutil.rmtree(storage, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
