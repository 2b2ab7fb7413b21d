"""Events (callbacks, the poller, asyncio), pause/resume/cancel. Policies
that block on threading.Event latches (with deadlines) hold games in place;
nothing sleeps."""

import asyncio
import threading

import pytest

import tourney
from conftest import builtin, config, journal


def latch_policy():
    release = threading.Event()
    arrived = threading.Event()

    def policy(req):
        arrived.set()
        release.wait(30)
        return req.legal_moves[0]

    return policy, release, arrived


def test_callback_event_order_and_one_terminal(rt):
    events = []
    done = threading.Event()

    def on_event(e):
        events.append((e.kind, e.status, e.tournament_id, e.snapshot.completed_games))
        if e.is_terminal:
            done.set()

    sub = rt.subscribe(on_event)
    tid = rt.start(config([builtin("a", "heuristic"), builtin("b"), builtin("c")], games=4))
    rt.wait(tid, 60)
    assert done.wait(30)
    sub.cancel()
    mine = [e for e in events if e[2] == tid]
    kinds = [e[0] for e in mine]
    assert kinds.count("terminal") == 1
    assert kinds[-1] == "terminal"
    assert mine[-1][1] == "completed"
    statuses = [e[1] for e in mine if e[0] == "status"]
    assert statuses[0] == "created" and "running" in statuses
    completed = [e[3] for e in mine]
    assert completed == sorted(completed)  # progress never goes back
    assert sub.failures == 0


def test_callback_exception_is_counted_not_fatal(rt):
    seen = threading.Event()

    def bad(e):
        if e.is_terminal:
            seen.set()
        raise RuntimeError("callback broke")

    sub = rt.subscribe(bad)
    tid = rt.start(config([builtin("a"), builtin("b")]))
    assert rt.wait(tid, 60).status == "completed"
    assert seen.wait(30)
    assert sub.failures >= 1
    assert "callback broke" in sub.last_failure
    sub.cancel()


def test_poller_next_and_fileno(rt):
    with rt.make_poller() as poller:
        assert poller.fileno() >= 0
        tid = rt.start(config([builtin("a"), builtin("b")]))
        kinds = []
        while True:
            e = poller.next(timeout=30)
            assert e is not None, "no event within 30 s"
            if e.tournament_id == tid:
                kinds.append(e.kind)
                if e.is_terminal:
                    break
        assert kinds.count("terminal") == 1


def test_asyncio_events_and_wait_async(rt):
    async def main():
        seen = []

        async def consume(events):
            async for e in events:
                seen.append((e.tournament_id, e.kind))
                if e.is_terminal and e.tournament_id == tid:
                    return

        events = rt.events()
        tid = rt.start(config([builtin("a", "heuristic"), builtin("b")], games=4))
        consumer = asyncio.ensure_future(consume(events))
        final = await rt.wait_async(tid, timeout=60)
        await asyncio.wait_for(consumer, 60)
        return tid, final, seen

    tid, final, seen = asyncio.run(main())
    assert final.status == "completed" and final.tournament_id == tid
    mine = [k for t, k in seen if t == tid]
    assert mine.count("terminal") == 1 and mine[-1] == "terminal"


def test_wait_async_on_finished_and_unknown(rt):
    tid = rt.start(config([builtin("a"), builtin("b")]))
    rt.wait(tid, 60)

    async def main():
        final = await rt.wait_async(tid)
        with pytest.raises(KeyError):
            await rt.wait_async("no-such-id")
        return final

    assert asyncio.run(main()).status == "completed"


def test_events_end_at_shutdown(tmp_path):
    rt = tourney.Runtime(storage_dir=str(tmp_path), game_slots=1)

    async def main():
        kinds = []

        async def consume(events):
            async for e in events:
                kinds.append(e.kind)

        consumer = asyncio.ensure_future(consume(rt.events()))  # subscribed here
        tid = rt.start(config([builtin("a"), builtin("b")]))
        final = await rt.wait_async(tid, timeout=60)
        rt.shutdown()
        await asyncio.wait_for(consumer, 30)  # ends by itself
        return final, kinds

    final, kinds = asyncio.run(main())
    assert final.status == "completed"
    assert kinds.count("terminal") == 1
    rt.close()


def test_pause_resume(rt):
    policy, release, arrived = latch_policy()
    rt.register_policy("latch", policy)
    tid = rt.start(config([{"name": "l", "host": "latch"}, builtin("b")], games=2))
    assert arrived.wait(30)
    paused = rt.pause(tid)
    assert paused and paused.done and paused.reason == ""
    assert rt.progress(tid).status == "paused"
    again = rt.pause(tid)
    assert not again and again.reason  # says why not
    release.set()
    resumed = rt.resume(tid)
    assert resumed
    final = rt.wait(tid, 60)
    assert final.status == "completed" and final.completed_games == 2


def test_cancel_stops_games_in_flight(rt):
    policy, release, arrived = latch_policy()
    rt.register_policy("latch", policy)
    tid = rt.start(config([{"name": "l", "host": "latch"}, builtin("b")], games=4))
    assert arrived.wait(30)
    result = rt.cancel(tid)
    assert result.done
    release.set()
    final = rt.wait(tid, 60)
    assert final.status == "cancelled"
    assert final.completed_games < 4
    late = rt.cancel(tid)
    assert not late and late.reason
    unknown = rt.cancel("no-such-id")
    assert not unknown and unknown.reason


def test_queued_then_cancelled(tmp_path):
    rt = tourney.Runtime(storage_dir=str(tmp_path), game_slots=1, max_concurrent_tournaments=1)
    policy, release, arrived = latch_policy()
    rt.register_policy("latch", policy)
    first = rt.start(config([{"name": "l", "host": "latch"}, builtin("b")]))
    second = rt.start(config([builtin("a"), builtin("b")]))
    assert arrived.wait(30)
    queued = rt.progress(second)
    assert queued.status == "created" and queued.queue_position == 0
    assert second in [p.tournament_id for p in rt.list_active()]
    assert rt.cancel(second)
    assert rt.wait(second, 30).status == "cancelled"
    release.set()
    assert rt.wait(first, 60).status == "completed"
    rt.close()


def test_resume_from_a_folder(tmp_path):
    # A run stopped mid-way (immediate shutdown while its second game waits on
    # the policy) continues in a new runtime from its folder; finished games
    # are kept, not replayed.
    release, arrived, one_done = threading.Event(), threading.Event(), threading.Event()
    first_calls = []

    def policy(req):
        if req.ply <= 1 and not arrived.is_set():
            first_calls.append(req.ply)  # a game's first call for this side
            if len(first_calls) == 2:
                arrived.set()
                release.wait(30)
        return req.legal_moves[0]

    first = tourney.Runtime(storage_dir=str(tmp_path), game_slots=1)
    first.register_policy("p", policy)
    sub = first.subscribe(lambda e: one_done.set() if e.snapshot.completed_games >= 1 else None)
    tid = first.start(config([{"name": "p", "host": "p"}, builtin("r")], games=6))
    assert arrived.wait(30) and one_done.wait(30)
    folder = first.progress(tid).folder
    first.shutdown("immediate")
    release.set()
    sub.cancel()
    first.close()
    with open(f"{folder}/games.jsonl") as f:
        done_before = sum(1 for line in f if line.strip())
    assert 1 <= done_before < 6

    with tourney.Runtime(storage_dir=str(tmp_path), game_slots=1) as second:
        second.register_policy("p", lambda req: req.legal_moves[0])
        assert second.resume_from(folder) == tid
        final = second.wait(tid, 60)
    assert final.status == "completed" and final.completed_games == 6
    indices = [g["index"] for g in journal(final)]
    assert sorted(indices) == list(range(6))  # each game once
