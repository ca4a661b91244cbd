"""Debouncing file events: a quiet window and a maximum delay. Standard library only."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Timing:
    """Debounce and housekeeping intervals, in seconds (tests shrink them)."""

    quiet: float = 0.05  # flush once no event came for this long…
    max_delay: float = 1.0  # …or at the latest this long after a batch's first event
    storm: int = 200  # more dirty paths than this in one batch: one full rescan instead
    rescan_every: float = 300.0  # a light full rescan catches what inotify missed
    poll_every: float = 5.0  # the polling fallback's interval
    tick: float = 0.5  # how often the loop looks at the clock and the vault folder


@dataclass
class Batch:
    paths: set[str] = field(default_factory=set)
    rescan: bool = False  # a folder moved, an overflow, a storm, an unknown event
    moves: dict[str, str] = field(default_factory=dict)  # note renamed: old path → new path
    config: bool = False  # hortus.toml changed

    def __bool__(self) -> bool:
        return bool(self.paths or self.rescan or self.config)


class Debouncer:
    """Collects dirty paths from the observer thread; hands them out as one batch after a quiet
    window, or after the maximum delay in a continuous stream of events."""

    def __init__(self, timing: Timing, clock: Callable[[], float] = time.monotonic) -> None:
        self.timing = timing
        self.clock = clock
        self._cond = threading.Condition()
        self._batch = Batch()
        self._first = 0.0
        self._last = 0.0
        self.events = 0  # relevant events seen, for tests and messages

    def add(
        self,
        paths: Iterable[str] = (),
        *,
        rescan: bool = False,
        config: bool = False,
        move: tuple[str, str] | None = None,
    ) -> None:
        """`move`: a note renamed from one note path to another, so the line can say so."""
        with self._cond:
            now = self.clock()
            if not self._batch:
                self._first = now
            self._last = now
            self._batch.paths.update(paths)
            self._batch.rescan |= rescan
            self._batch.config |= config
            if move is not None:
                self._batch.moves[move[0]] = move[1]
            self.events += 1
            self._cond.notify_all()

    def wake(self) -> None:
        with self._cond:
            self._cond.notify_all()

    def take(self, timeout: float, stopping: threading.Event) -> Batch | None:
        """The next due batch, or None after `timeout` seconds (or once `stopping` is set)."""
        deadline = self.clock() + timeout
        with self._cond:
            while not stopping.is_set():
                now = self.clock()
                if self._batch:
                    due = min(self._last + self.timing.quiet, self._first + self.timing.max_delay)
                    if now >= due:
                        batch, self._batch = self._batch, Batch()
                        if len(batch.paths) > self.timing.storm:
                            batch = Batch(rescan=True, config=batch.config)
                        return batch
                    wait = min(due, deadline) - now
                else:
                    wait = deadline - now
                if wait <= 0:
                    return None
                self._cond.wait(min(wait, 0.2))
        return None
