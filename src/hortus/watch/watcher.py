"""`hortus watch`: file events → a debounced set of dirty paths → the pipeline's live garden.

The only importer of watchdog. The observer thread only *reports* paths (no I/O); the main
thread waits for a quiet moment (or the maximum delay), looks at the files again *then* (an
editor's rename dance is over by that time), and regenerates once per batch. Our own outputs,
dot-folders (`.git/`, `.hortus/`, our `.hortus-*.tmp` temps) and editor litter (`4913`, `~`,
`.swp`, `___jb_tmp___`) never make a batch: both `src_path` and `dest_path` are filtered.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from hortus.core.errors import HortusError, VaultGoneError
from hortus.loader.live import LiveGarden
from hortus.loader.pages import Regenerated
from hortus.loader.vault import Vault
from hortus.render import plural
from hortus.watch.debounce import Batch, Debouncer, Timing

CONFIG_FILE = "hortus.toml"
_IGNORED_TYPES = frozenset({"opened", "closed_no_write"})
_KNOWN_TYPES = frozenset({"created", "deleted", "modified", "moved", "closed", "attrib"})
INOTIFY_HINT = (
    "to watch natively, raise the inotify limits, e.g. "
    "`sudo sysctl fs.inotify.max_user_watches=524288 fs.inotify.max_user_instances=512`"
)


class _Handler(FileSystemEventHandler):
    """Runs on the observer thread: turns events into vault-relative paths, no I/O."""

    def __init__(self, root: Path, wants: Callable[[str], bool], sink: Debouncer) -> None:
        self.root = os.path.abspath(root)
        self.wants = wants
        self.sink = sink

    def on_any_event(self, event: FileSystemEvent) -> None:
        kind = event.event_type
        if kind in _IGNORED_TYPES:
            return
        if kind not in _KNOWN_TYPES:
            self.sink.add(rescan=True)  # something we do not understand: look at everything
            return
        rels = [self._rel(event.src_path)]
        if kind == "moved":
            rels.append(self._rel(event.dest_path))
        if isinstance(event, DirCreatedEvent | DirDeletedEvent | DirMovedEvent):
            if any(rel is None or _visible(rel) for rel in rels):
                self.sink.add(rescan=True)  # a folder of notes came, went or moved
            return
        if event.is_directory:
            return  # a folder's own `modified`/`attrib`: its files report themselves
        wanted = {rel for rel in rels if rel is not None and self.wants(rel)}
        config = CONFIG_FILE in rels
        if wanted or config:
            self.sink.add(wanted, config=config)

    def _rel(self, path: bytes | str) -> str | None:
        text = os.fsdecode(path)
        if text == self.root:
            return None
        prefix = self.root + os.sep
        if not text.startswith(prefix):
            return None
        return text[len(prefix) :].replace(os.sep, "/")


def _visible(rel: str) -> bool:
    return not any(part.startswith(".") for part in rel.split("/"))


class _OverflowAlarm(logging.Handler):
    """watchdog logs an inotify queue overflow but does not tell handlers: we listen."""

    def __init__(self, sink: Debouncer) -> None:
        super().__init__(logging.WARNING)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        if "overflow" in record.getMessage().lower():
            self.sink.add(rescan=True)


WATCHDOG_LOGGER = "watchdog.observers.inotify"


@dataclass
class Watcher:
    """One `hortus watch` run. `clock_today` is the CLI's clock; `echo` prints a line."""

    live: LiveGarden
    clock_today: Callable[[], dt.date]
    echo: Callable[[str], None]
    timing: Timing = field(default_factory=Timing)
    observer_factory: Callable[[], BaseObserver] = Observer
    stopping: threading.Event = field(default_factory=threading.Event)
    regenerations: int = 0

    def __post_init__(self) -> None:
        self.debouncer = Debouncer(self.timing)
        self.observer: BaseObserver | None = None

    @property
    def vault(self) -> Vault:
        return self.live.vault

    def stop(self) -> None:
        self.stopping.set()
        self.debouncer.wake()

    def run(self) -> None:
        """Watch until stopped (returns) or the vault disappears (`VaultGoneError`)."""
        # watchdog warns (harmlessly) when a quickly created folder tree is watched twice;
        # as a warning on its thread it would print noise, or in strict tests kill that thread.
        warnings.filterwarnings("ignore", message="Callback with id", category=RuntimeWarning)
        swept = self.live.sweep()
        if swept:
            self.echo(f"removed {plural(len(swept), 'stale temp file')} left by a killed run")
        self.observer = self._start_observer()
        alarm = _OverflowAlarm(self.debouncer)
        logging.getLogger(WATCHDOG_LOGGER).addHandler(alarm)
        try:
            started = time.perf_counter()
            self.live.start()
            if self.stopping.is_set():
                return
            self._regenerate("started", started)
            self._loop()
        finally:
            logging.getLogger(WATCHDOG_LOGGER).removeHandler(alarm)
            self.observer.stop()
            self.observer.join(timeout=5)

    def _start_observer(self) -> BaseObserver:
        handler = _Handler(self.vault.root, self.live.wants, self.debouncer)
        try:
            observer = self.observer_factory()
            observer.schedule(handler, str(self.vault.root), recursive=True)
            observer.start()
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self.echo(
                f"cannot watch natively ({reason}); polling every "
                f"{self.timing.poll_every:g} s instead. {INOTIFY_HINT}"
            )
            observer = PollingObserver(timeout=self.timing.poll_every)
            observer.schedule(handler, str(self.vault.root), recursive=True)
            observer.start()
        return observer

    def _loop(self) -> None:
        day = self.live.day(self.clock_today())
        last_rescan = time.monotonic()
        while not self.stopping.is_set():
            batch = self.debouncer.take(self.timing.tick, self.stopping)
            if self.stopping.is_set():
                return
            if not self.live.still_there():
                raise VaultGoneError(str(self.vault.root))
            started = time.perf_counter()
            if time.monotonic() - last_rescan >= self.timing.rescan_every:
                batch = batch or Batch()
                batch.rescan = True
            if batch:
                if batch.rescan:
                    last_rescan = time.monotonic()
                self._apply(batch, started)
            today = self.live.day(self.clock_today())
            if today != day:
                day = today
                self._regenerate(f"a new day, {today.isoformat()}", time.perf_counter())

    def _apply(self, batch: Batch, started: float) -> None:
        what: list[str] = []
        if batch.config:
            try:
                self.live.reload_config()
            except HortusError:
                raise VaultGoneError(str(self.vault.root)) from None
            batch.rescan = True
            what.append(f"{CONFIG_FILE} changed")
        changes = self.live.rescan() if batch.rescan else self.live.update(batch.paths)
        if changes.pending:
            self.debouncer.add(set(changes.pending))  # gone mid-read: look again shortly
        if not changes and not batch.config:
            return
        what.append(_describe(changes.changed, changes.removed, batch.rescan))
        self._regenerate(", ".join(w for w in what if w), started)

    def _regenerate(self, what: str, started: float) -> None:
        """One regeneration and its line. A failed write (disk full, a page hortus did not
        write) is said and retried on the next change; only a vanished vault stops us."""
        try:
            result = self.live.regenerate(self.clock_today())
        except VaultGoneError:
            raise
        except HortusError as exc:
            self.echo(f"{time.strftime('%H:%M:%S')} {what} → hortus: {exc.message}")
            return
        self.regenerations += 1
        self.echo(_line(what, result, time.perf_counter() - started))


def _describe(changed: tuple[str, ...], removed: tuple[str, ...], rescan: bool) -> str:
    parts = []
    if len(changed) == 1 and not removed:
        return f"{changed[0]} changed"
    if changed:
        parts.append(f"{plural(len(changed), 'note')} changed")
    if removed:
        parts.append(
            f"{removed[0]} removed" if len(removed) == 1 else f"{len(removed)} notes removed"
        )
    if rescan and not parts:
        parts.append("rescan")
    return ", ".join(parts) or "files changed"


def _line(what: str, result: Regenerated, seconds: float) -> str:
    pages = (
        (result.path, result.written),
        (result.html_path, result.html_written),
        (result.ics or "", result.ics_written),
    )
    written = [path for path, wrote in pages if path and wrote]
    done = f"wrote {', '.join(written)}" if written else "pages unchanged"
    return (
        f"{time.strftime('%H:%M:%S')} {what} → {done} in {seconds * 1000:.0f} ms: {result.summary}."
    )


@contextmanager
def stop_on_signals(watcher: Watcher) -> Iterator[None]:
    """Ctrl-C and SIGTERM ask the loop to stop after the current step (a write in progress
    finishes), instead of raising in the middle of it."""

    def ask(_signum: int, _frame: FrameType | None) -> None:
        watcher.stop()

    previous = {sig: signal.signal(sig, ask) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def watch(
    vault: Vault,
    today: dt.date | None,
    clock_today: Callable[[], dt.date],
    echo: Callable[[str], None],
    timing: Timing | None = None,
) -> None:
    """The `hortus watch` command's one call: lock, watch until a signal, release."""
    live = LiveGarden(vault, today)
    release = live.hold_watch_lock()
    try:
        watcher = Watcher(live, clock_today, echo, timing or Timing())
        echo(f"watching {vault.root} (Ctrl-C to stop)")
        with stop_on_signals(watcher):
            watcher.run()
        echo("stopped watching.")
    finally:
        release()
