"""Type stubs of the tourney package (the pybind11 extension tourney._tourney
re-exported, plus the asyncio methods of tourney.Runtime)."""

import datetime
import os
from typing import Any, AsyncIterator, Callable, Literal, Mapping, Optional, Sequence, Union

import numpy as np
import numpy.typing as npt

Config = Union[Mapping[str, Any], str, os.PathLike[str]]
Answer = Union[str, int]

__version__: str

class TourneyError(RuntimeError):
    """A runtime call failed (the message says why)."""

class ConfigError(TourneyError, ValueError):
    """A config or spec is invalid; the message names the field path."""

class Elo:
    """An Elo difference with its 95% interval, from win/loss/draw counts."""
    samples: int
    score: Optional[float]
    elo: Optional[float]
    lower95: Optional[float]
    upper95: Optional[float]
    error95: Optional[float]
    los: Optional[float]
    bounded: bool
    def to_dict(self) -> dict[str, Any]: ...

class Standing:
    """One player's results in a tournament."""
    name: str
    played: int
    wins: int
    losses: int
    draws: int
    errors: int
    points: float
    elo: Optional[Elo]
    def to_dict(self) -> dict[str, Any]: ...

class PolicyUsage:
    """How a tournament used a batched host policy."""
    policy: str
    calls: int
    positions: int
    batched: int
    largest_batch: int
    evaluate_seconds: float
    mean_batch: float
    positions_per_second: float
    def to_dict(self) -> dict[str, Any]: ...

class Progress:
    """A copy of one tournament's progress (keisei's TournamentProgress names plus tourney's)."""
    tournament_id: str
    name: str
    folder: str
    status: Literal["created", "running", "paused", "completed", "failed", "cancelled"]
    priority: int
    queue_position: Optional[int]
    total_games: int
    completed_games: int
    failed_games: int
    black_wins: int
    white_wins: int
    draws: int
    games_in_flight: int
    current_round: int
    total_rounds: int
    current_matchups: list[str]
    current_matchup: Optional[str]
    start_time: Optional[datetime.datetime]
    end_time: Optional[datetime.datetime]
    estimated_completion: Optional[datetime.datetime]
    eta_seconds: Optional[float]
    games_per_second: float
    average_game_duration: float
    error_message: Optional[str]
    waiting_reason: Optional[str]
    completion_percentage: float
    is_active: bool
    is_complete: bool
    standings: list[Standing]
    elo: Optional[Elo]
    policies: list[PolicyUsage]
    def to_dict(self) -> dict[str, Any]: ...

class Event:
    """One tournament event: 'status', 'progress' or 'terminal' (exactly one, the last)."""
    kind: Literal["status", "progress", "terminal"]
    snapshot: Progress
    tournament_id: str
    status: str
    is_terminal: bool
    def to_dict(self) -> dict[str, Any]: ...

class Request:
    """One move request (a copy: valid after the call)."""
    tournament_id: Optional[str]
    game_id: Optional[str]
    player: Optional[str]
    side: Literal["black", "white"]
    sfen: str
    start_sfen: str
    moves: list[str]
    ply: int
    legal_moves: list[str]
    limits: dict[str, Optional[int]]

class Batch:
    """The requests of one batched-policy call, with zero-copy numpy arrays."""
    requests: list[Request]
    inputs: Optional[npt.NDArray[np.float32]]
    legal_mask: Optional[npt.NDArray[np.bool_]]
    layout: Optional[Literal["dlshogi", "alphazero"]]
    sfens: list[str]
    game_ids: list[str]
    def __len__(self) -> int: ...
    def __getitem__(self, index: int) -> Request: ...
    def __iter__(self) -> Any: ...

class ControlResult:
    """Whether pause/resume/cancel took effect (truthy), and if not, why."""
    done: bool
    reason: str
    def __bool__(self) -> bool: ...

class Subscription:
    """A callback subscription; cancel() stops delivery."""
    failures: int
    last_failure: str
    def cancel(self) -> None: ...
    def __enter__(self) -> "Subscription": ...
    def __exit__(self, *args: Any) -> None: ...

class Poller:
    """A pollable subscriber: fileno() is readable while events are queued."""
    def fileno(self) -> int: ...
    def poll(self) -> list[Event]: ...
    def next(self, timeout: Optional[float] = None) -> Optional[Event]: ...
    def close(self) -> None: ...
    def __enter__(self) -> "Poller": ...
    def __exit__(self, *args: Any) -> None: ...

class Runtime:
    """The tourney runtime: tournaments in the background of this process."""
    closed: bool
    def __init__(
        self,
        *,
        storage_dir: Union[str, os.PathLike[str]] = ...,
        game_slots: int = ...,
        max_concurrent_tournaments: int = ...,
        history_limit: int = ...,
        scheduler_threads: int = ...,
        keep_tournaments: int = ...,
        keep_days: int = ...,
        policy_call_grace_s: float = ...,
        slot_wait_limit_s: float = ...,
        workers: Sequence[str] = ...,
        local_games: bool = ...,
        tls_certificate: Union[str, os.PathLike[str]] = ...,
        tls_key: Union[str, os.PathLike[str]] = ...,
        tls_ca: Union[str, os.PathLike[str]] = ...,
        live_report: bool = ...,
        live_report_every_games: int = ...,
        live_report_interval_s: float = ...,
        game_record_files: bool = ...,
    ) -> None: ...
    def __enter__(self) -> "Runtime": ...
    def __exit__(self, *args: Any) -> Literal[False]: ...
    def start(self, config: Config, name: Optional[str] = None, priority: int = 0) -> str: ...
    def resume_from(self, folder: Union[str, os.PathLike[str]], priority: int = 0) -> str: ...
    def progress(self, tournament_id: str) -> Optional[Progress]: ...
    def list_active(self) -> list[Progress]: ...
    def list_all(self) -> list[Progress]: ...
    def pause(self, tournament_id: str) -> ControlResult: ...
    def resume(self, tournament_id: str) -> ControlResult: ...
    def cancel(self, tournament_id: str) -> ControlResult: ...
    def wait(self, tournament_id: str, timeout: Optional[float] = None) -> Progress: ...
    async def wait_async(self, tournament_id: str, timeout: Optional[float] = None) -> Progress: ...
    def events(self, capacity: int = 1024) -> AsyncIterator[Event]: ...
    def subscribe(self, callback: Callable[[Event], None]) -> Subscription: ...
    def make_poller(self, capacity: int = 1024) -> Poller: ...
    def register_policy(
        self, name: str, policy: Callable[[Request], str], *, max_concurrent_games: int = 0
    ) -> None: ...
    def register_batched_policy(
        self,
        name: str,
        policy: Callable[[Batch], Union[npt.ArrayLike, Sequence[Answer]]],
        *,
        max_batch: int = 256,
        max_games: int = 256,
        max_wait: Optional[float] = None,
        layout: Optional[Literal["dlshogi", "alphazero"]] = "dlshogi",
        max_calls_in_flight: int = 1,
    ) -> None: ...
    def verdict(self, tournament_id: str, require: Sequence[str] = ()) -> Verdict:
        """The verdict of a completed tournament, as `tourney run --gate` decides it."""
    def shutdown(self, mode: Literal["graceful", "immediate"] = "graceful") -> None: ...
    def close(self) -> None: ...

class Verdict:
    """pass / fail / no_verdict, the rule that decided, and the numbers behind it."""
    @property
    def verdict(self) -> Literal["pass", "fail", "no_verdict"]: ...
    @property
    def decided_by(self) -> Literal["sprt", "conditions", "sprt_and_conditions"]: ...
    @property
    def passed(self) -> bool: ...
    @property
    def sprt(self) -> Optional[dict[str, Any]]: ...
    @property
    def conditions(self) -> list[dict[str, Any]]: ...
    def to_dict(self) -> dict[str, Any]: ...

def verdict(folder: Union[str, "os.PathLike[str]"], require: Sequence[str] = ()) -> Verdict:
    """The verdict of the tournament saved in folder, as `tourney run --gate` decides it."""

def ratings(
    directories: Sequence[str], anchors: Sequence[str] = (), sequential_prior: float = 0.0
) -> dict[str, Any]:
    """One rating list over every finished game in the tournament folders (as `tourney ratings`):
    players strongest first with elo, error95, bound, games, points, draws, los_next."""

def check_game(start_sfen: str, moves: Sequence[str]) -> Optional[str]:
    """None when every USI move is legal from start_sfen, else why the first illegal one is not."""

def is_legal_game(start_sfen: str, moves: Sequence[str]) -> bool:
    """Whether every move is legal (the rules core replays them)."""

def legal_moves(sfen: str) -> list[str]:
    """Every legal move of the position, in USI."""

def apply_moves(sfen: str, moves: Sequence[str]) -> str:
    """The SFEN after playing the USI moves (ValueError on an illegal one)."""

def layout_shape(layout: Literal["dlshogi", "alphazero"]) -> tuple[int, int]:
    """(planes, actions) of a layout."""

def move_to_action(sfen: str, usi: str, layout: str = "dlshogi") -> int:
    """The action index of a legal USI move."""

def action_to_move(sfen: str, action: int, layout: str = "dlshogi") -> str:
    """The legal USI move of an action index."""

def encode_positions(
    sfens: Sequence[str], layout: str = "dlshogi"
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.bool_]]:
    """(inputs [n, planes, 9, 9], legal_mask [n, actions]) of the positions."""
