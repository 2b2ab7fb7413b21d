"""A real PyTorch network (random weights, CPU) as a batched policy against
built-in players and Fairy-Stockfish at 1000 nodes, while the test's own
training steps run on the main thread: batches larger than one, every
recorded game legal by the rules core."""

import threading

import pytest

torch = pytest.importorskip("torch")

import tourney  # noqa: E402
from conftest import FAIRY, assert_all_legal, builtin, config  # noqa: E402
from torchnet import PolicyNet, batched_policy, training_step  # noqa: E402


def test_torch_net_batched_against_builtins_and_fairy_stockfish(tmp_path):
    torch.manual_seed(0)
    torch.set_num_threads(1)  # two shared cores: the trainer and the evaluator each get one
    net = PolicyNet().eval()
    trainer = PolicyNet()
    optimiser = torch.optim.SGD(trainer.parameters(), lr=0.01)

    players = [{"name": "net", "host": "net"}, builtin("random"), builtin("heuristic", "heuristic")]
    if FAIRY:
        players.append({"name": "fairy-stockfish-1k", "nodes": 1000,
                        "usi": {"command": FAIRY, "options": {"Threads": 1, "Hash": 16}}})
    cfg = config(players, games=4, max_plies=80, time_control={"clockless_move_budget_ms": 5000})

    with tourney.Runtime(storage_dir=str(tmp_path), game_slots=4) as rt:
        rt.register_batched_policy("net", batched_policy(net), max_batch=64)
        finished = threading.Event()
        tid = rt.start(cfg, name="torch-eval")
        sub = rt.subscribe(lambda e: finished.set() if e.is_terminal and e.tournament_id == tid else None)
        steps = 0
        while not finished.is_set():  # the training loop never waits for tourney
            training_step(trainer, optimiser)
            steps += 1
        final = rt.wait(tid, timeout=120)
        sub.cancel()

    assert final.status == "completed", final.error_message
    assert final.failed_games == 0
    assert final.completed_games == final.total_games == (len(players) - 1) * 4
    assert steps > 0
    usage = final.policies[0]
    assert usage.mean_batch > 1, usage
    games = assert_all_legal(final)
    if FAIRY:
        assert any("fairy-stockfish-1k" in (g["black"], g["white"]) for g in games)
