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

from hortus.core.config import CONFIG_NAME
from hortus.core.errors import HortusError, VaultGoneError
from hortus.core.reasons import os_reason
from hortus.core.said import said
from hortus.loader.live import LiveGarden
from hortus.loader.pages import Regenerated
from hortus.loader.vault import Vault
from hortus.render.i18n import Catalogue, catalogue
from hortus.watch.debounce import Batch, Debouncer, Timing

_IGNORED_TYPES = frozenset({"opened", "closed_no_write"})
_KNOWN_TYPES = frozenset({"created", "deleted", "modified", "moved", "closed", "attrib"})
INOTIFY_LIMITS = "fs.inotify.max_user_watches=524288 fs.inotify.max_user_instances=512"


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
        config = CONFIG_NAME in rels
        # A note moved to another note's path is a rename; an editor's temp renamed onto a note
        # (a save) is not, as the temp is no note.
        src, dest = rels[0], rels[-1]
        move = (src, dest) if src in wanted and dest in wanted and src != dest else None
        if wanted or config:
            self.sink.add(wanted, config=config, move=move)

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
        # Renames seen (old → new) until the old path is confirmed gone, a look later.
        self.moves: dict[str, str] = {}

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
            self.echo(self.cat.t("watch.swept", count=self.cat.n("stale_temps", len(swept))))
        self.observer = self._start_observer()
        alarm = _OverflowAlarm(self.debouncer)
        logging.getLogger(WATCHDOG_LOGGER).addHandler(alarm)
        try:
            started = time.perf_counter()
            self.live.start()
            if self.stopping.is_set():
                return
            self._regenerate(self.cat.t("watch.started"), started)
            self._loop()
        finally:
            logging.getLogger(WATCHDOG_LOGGER).removeHandler(alarm)
            self.observer.stop()
            self.observer.join(timeout=5)

    @property
    def cat(self) -> Catalogue:
        """The vault's language, as hortus.toml says now (it may change while watching)."""
        return catalogue(self.live.vault.config.language)

    def _start_observer(self) -> BaseObserver:
        handler = _Handler(self.vault.root, self.live.wants, self.debouncer)
        try:
            observer = self.observer_factory()
            observer.schedule(handler, str(self.vault.root), recursive=True)
            observer.start()
        except OSError as exc:
            polling = said(
                "cannot watch natively ({reason}); polling every {seconds} s instead. "
                "To watch natively, raise the inotify limits, e.g. `sudo sysctl {limits}`",
                reason=os_reason(exc),
                seconds=f"{self.timing.poll_every:g}",
                limits=INOTIFY_LIMITS,
            )
            self.echo(self.cat.say(polling))
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
                self._regenerate(
                    self.cat.t("watch.new_day", date=self.cat.date(today)), time.perf_counter()
                )

    def _apply(self, batch: Batch, started: float) -> None:
        what: list[str] = []
        if batch.config:
            try:
                self.live.reload_config()
            except HortusError:
                raise VaultGoneError(str(self.vault.root)) from None
            batch.rescan = True
            what.append(self.cat.t("watch.changed", path=CONFIG_NAME))
        changes = (
            self.live.rescan() if batch.rescan else self.live.update(batch.paths, set(batch.moves))
        )
        if changes.pending:
            self.debouncer.add(set(changes.pending))  # gone mid-read: look again shortly
        if not changes and not batch.config:
            return
        self.moves.update(batch.moves)
        gone = {*changes.removed, *changes.pending}
        moves = {old: new for old, new in self.moves.items() if old in gone}
        for old in changes.removed:
            self.moves.pop(old, None)
        what.append(_describe(changes.changed, changes.removed, batch.rescan, moves, self.cat))
        self._regenerate(", ".join(w for w in what if w), started)

    def _regenerate(self, what: str, started: float) -> None:
        """One regeneration and its line. A failed write (disk full, a page hortus did not
        write) is said and retried on the next change; only a vanished vault stops us."""
        try:
            result = self.live.regenerate(self.clock_today())
        except VaultGoneError:
            raise
        except HortusError as exc:
            message = self.cat.say(exc.said)
            self.echo(
                self.cat.t(
                    "watch.failed", time=time.strftime("%H:%M:%S"), what=what, message=message
                )
            )
            return
        self.regenerations += 1
        self.echo(_line(what, result, time.perf_counter() - started, self.cat))


def _describe(
    changed: tuple[str, ...],
    removed: tuple[str, ...],
    rescan: bool,
    moves: dict[str, str],
    cat: Catalogue,
) -> str:
    """What a batch changed, in a few words. `moves`: the renames among them (old → new). A
    note renamed to another note leaves the garden with the batch that brings its new path; a
    path that is gone for another reason leaves a look later, when it is confirmed gone (a save
    by rename looks the same for a moment)."""
    parts = [
        cat.t("watch.renamed", old=old, new=new)
        for old, new in sorted(moves.items())
        if new in changed
    ]
    parts += [  # the old path confirmed gone a look after its new one was seen
        cat.t("watch.removed_renamed", old=old, new=moves[old])
        for old in removed
        if old in moves and moves[old] not in changed
    ]
    changed = tuple(rel for rel in changed if rel not in moves.values())
    removed = tuple(rel for rel in removed if rel not in moves)
    if len(changed) == 1 and not removed and not parts:
        return cat.t("watch.changed", path=changed[0])
    if changed:
        parts.append(cat.n("notes_changed", len(changed)))
    if removed:
        one = cat.t("watch.removed", path=removed[0])
        parts.append(one if len(removed) == 1 else cat.n("notes_removed", len(removed)))
    if rescan and not parts:
        parts.append(cat.t("watch.rescan"))
    return ", ".join(parts) or cat.t("watch.files_changed")


def _line(what: str, result: Regenerated, seconds: float, cat: Catalogue) -> str:
    pages = (
        (result.path, result.written),
        (result.html_path, result.html_written),
        (result.ics or "", result.ics_written),
    )
    written = [path for path, wrote in pages if path and wrote]
    done = cat.t("watch.wrote", paths=", ".join(written)) if written else cat.t("watch.unchanged")
    return cat.t(
        "watch.line",
        time=time.strftime("%H:%M:%S"),
        what=what,
        done=done,
        ms=f"{seconds * 1000:.0f}",
        summary=result.summary,
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
        echo(watcher.cat.t("watch.watching", path=vault.root))
        with stop_on_signals(watcher):
            watcher.run()
        echo(watcher.cat.t("watch.stopped"))
    finally:
        release()
