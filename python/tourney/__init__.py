"""tourney: shogi evaluation tournaments in the background of a Python program.

The C++ runtime (CAF actors) plays tournaments between your policies (a
PyTorch network), built-in players and USI engines, on its own threads; your
training loop never waits for it.

    import tourney

    def policy(batch):                       # one call, many games
        logits = net(torch.from_numpy(batch.inputs))
        logits[~torch.from_numpy(batch.legal_mask)] = -float("inf")
        return logits.argmax(1).numpy()      # one action index per request

    with tourney.Runtime(storage_dir="results", game_slots=4) as rt:
        rt.register_batched_policy("net", policy, layout="dlshogi")
        tid = rt.start({"name": "eval", "players": [
            {"name": "net", "host": "net"},
            {"name": "heuristic", "builtin": "heuristic"}]})
        final = rt.wait(tid)                 # or: await rt.wait_async(tid)
        print(final.status, final.elo)

Every call that can block releases the GIL; policies and callbacks take it
on the runtime's threads. At interpreter exit every live Runtime is shut
down before Python finalizes. See help(tourney.Runtime) and the README's
"Python" section.
"""

import asyncio as _asyncio

from . import _tourney
from ._tourney import __version__  # noqa: F401
from ._tourney import (  # noqa: F401  (re-exported)
    Batch,
    ConfigError,
    ControlResult,
    Elo,
    Event,
    PolicyUsage,
    Poller,
    Progress,
    Request,
    Standing,
    Subscription,
    TourneyError,
    Verdict,
    action_to_move,
    apply_moves,
    check_game,
    encode_positions,
    is_legal_game,
    layout_shape,
    legal_moves,
    move_to_action,
    ratings,
    verdict,
)

__all__ = [
    "__version__",
    "Batch",
    "ConfigError",
    "ControlResult",
    "Elo",
    "Event",
    "PolicyUsage",
    "Poller",
    "Progress",
    "Request",
    "Runtime",
    "Standing",
    "Subscription",
    "TourneyError",
    "Verdict",
    "action_to_move",
    "apply_moves",
    "check_game",
    "encode_positions",
    "is_legal_game",
    "layout_shape",
    "legal_moves",
    "move_to_action",
    "ratings",
    "verdict",
]


class Runtime(_tourney.Runtime):
    __doc__ = (_tourney.Runtime.__doc__ or "") + """

A context manager: leaving the block shuts down ('graceful', or 'immediate'
when an exception leaves it). For asyncio hosts: `async for event in
rt.events()` and `await rt.wait_async(id)`, both driven by the event loop's
reader on a poller's file descriptor (no polling loop, no thread).
"""

    def __init__(self, **options):
        super().__init__(**options)
        # Event loops waiting in events() or wait_async(): woken when the
        # runtime stops so that their iteration ends.
        self._wakers = set()
        self._stopped = False

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.shutdown("immediate" if exc_type is not None else "graceful")
        return False

    def shutdown(self, mode="graceful"):
        """Stops the runtime; idempotent. 'graceful': running tournaments finish,
        queued and paused ones are cancelled; 'immediate': running ones are
        cancelled too. Returns once every tournament has its terminal event
        (which events() still yields before it ends). Ctrl-C during a graceful
        shutdown cancels the running tournaments, then raises KeyboardInterrupt."""
        try:
            super().shutdown(mode)
        finally:
            self._wake_all()

    def close(self):
        """Shuts down immediately and releases the runtime's threads and
        callables for good (also done at exit and when collected)."""
        try:
            super().close()
        finally:
            self._wake_all()

    def _wake_all(self):
        self._stopped = True
        for loop, wake in list(self._wakers):
            try:
                loop.call_soon_threadsafe(wake.set)
            except RuntimeError:
                pass  # that loop is closed: nothing waits there any more

    def events(self, capacity=1024):
        """An async iterator of every tourney.Event from this call on, in order,
        until the runtime is shut down (the terminal events of that shutdown
        included): `async for event in rt.events(): ...`. It subscribes at once
        (events of a tournament started right after the call are not missed)
        and is driven by loop.add_reader on a Poller's file descriptor. At
        most about `capacity` progress events are kept while you are busy
        (older ones coalesce); status and terminal events are never dropped."""
        return self._events(self.make_poller(capacity))

    async def _events(self, poller):
        loop = _asyncio.get_running_loop()
        fd = poller.fileno()
        wake = _asyncio.Event()
        entry = (loop, wake)
        # Level-triggered: the reader fires while events are queued, so an
        # event that arrives between poll() and the wait is never missed.
        loop.add_reader(fd, wake.set)
        self._wakers.add(entry)
        try:
            while True:
                stopped = self._stopped
                for event in poller.poll():
                    yield event
                if stopped:
                    return
                wake.clear()
                await wake.wait()
        finally:
            self._wakers.discard(entry)
            loop.remove_reader(fd)
            poller.close()

    async def wait_async(self, tournament_id, timeout=None):
        """Awaits the tournament's end and returns its final tourney.Progress,
        without blocking the event loop (a reader on a poller's file descriptor,
        no thread). timeout in seconds raises TimeoutError; an unknown id
        raises KeyError."""
        loop = _asyncio.get_running_loop()
        # Subscribe first, then look: an end between the two is in the poller.
        poller = self.make_poller(64)
        fd = poller.fileno()
        wake = _asyncio.Event()
        entry = (loop, wake)
        try:
            current = self.progress(tournament_id)
            if current is None:
                raise KeyError(f"no tournament {tournament_id} in this runtime")
            if current.is_complete:
                # Its terminal event is out; wait() returns once its file is
                # durable too (at once or within milliseconds).
                return self.wait(tournament_id, 60)
            loop.add_reader(fd, wake.set)
            self._wakers.add(entry)

            async def terminal():
                while True:
                    stopped = self._stopped
                    for event in poller.poll():
                        if event.kind == "terminal" and event.tournament_id == tournament_id:
                            return event.snapshot
                    if stopped:
                        raise TourneyError("the runtime shut down before the tournament ended")
                    wake.clear()
                    await wake.wait()

            return await _asyncio.wait_for(terminal(), timeout)
        finally:
            self._wakers.discard(entry)
            loop.remove_reader(fd)
            poller.close()
