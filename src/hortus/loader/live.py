"""The watcher's side of the loader: the vault's notes kept in memory between saves.

It starts from the loader (which brings the cache up to date), then keeps its own note store
and index, patched save by save, because a watcher must not walk the whole vault per save.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Callable, Collection, Iterable
from pathlib import Path

from hortus.core.errors import VaultGoneError
from hortus.files.lock import WAIT, hold_watch_lock, state_dir, vault_lock
from hortus.garden import Garden, GardenMemo, compute_garden
from hortus.index import Index, LiveIndex
from hortus.loader.load import load
from hortus.loader.pages import Regenerated, sweep, write_garden
from hortus.loader.vault import Vault, no_gc, open_vault, own_outputs
from hortus.notes.walk import is_candidate
from hortus.render.rows import Rows
from hortus.store.notestore import Changes, NoteStore


class LiveGarden:
    """The watcher's side of the pipeline: the notes stay in memory, only changed files are
    read again, and the garden is rewritten (under the write lock) when its bytes change."""

    def __init__(self, vault: Vault, today: dt.date | None) -> None:
        self.vault = vault
        self.today = today
        self.store = NoteStore(vault.root, own_outputs(vault))
        # Between saves only the changed notes are indexed again, and only the contacts they
        # touch are grown again; pages are rendered again from rows kept for the others.
        self.index = LiveIndex(vault.config)
        self.memo = GardenMemo()
        self.rows = Rows()
        self.dirty: set[str] | None = None  # paths changed since the last garden; None: all
        self.folder = state_dir(vault.root)
        self.identity = _identity(vault.root)

    def hold_watch_lock(self) -> Callable[[], None]:
        """One watcher per vault: raises `AlreadyWatchingError` naming the running one."""
        if self.folder is None:
            return lambda: None  # no `.hortus/` (read-only vault): nothing to guard either
        return hold_watch_lock(self.folder).release

    def wants(self, rel: str) -> bool:
        """Whether a changed path can matter: a note by name, not one of our outputs."""
        return is_candidate(rel) and rel.casefold() not in self.store.skip

    def still_there(self) -> bool:
        """The vault folder is the one we started on (not gone, not replaced by another)."""
        return self.identity is not None and _identity(self.vault.root) == self.identity

    def sweep(self) -> list[str]:
        with vault_lock(self.vault.root, WAIT):
            return sweep(self.vault)

    def reload_config(self) -> None:
        """hortus.toml changed: read it again (the garden path may have moved)."""
        self.vault = open_vault(self.vault.root)
        self.store.skip = own_outputs(self.vault)
        self.index = LiveIndex(self.vault.config)
        self.memo = GardenMemo()
        self.dirty = None
        self.rows = Rows()

    def rescan(self) -> Changes:
        with no_gc():
            return self._note(self.store.rescan())

    def start(self) -> Changes:
        """The first full scan, from `regenerate`'s cache when there is one (read only:
        decoding the records is much faster than parsing every note again)."""
        # The records read now live as long as the watcher: out of the collector's sight.
        with no_gc(freeze=True):
            with load(self.vault) as loader:
                self.store.files.update(loader.known())
            return self._note(self.store.rescan())

    def update(self, rels: Iterable[str], moved: Collection[str] = ()) -> Changes:
        with no_gc():
            return self._note(self.store.update(rels, moved))

    def _note(self, changes: Changes) -> Changes:
        if self.dirty is not None:
            self.dirty.update(changes.changed, changes.removed)
        return changes

    def day(self, clock_today: dt.date) -> dt.date:
        return self.vault.day(self.today, clock_today).date

    def built(self, index: Index, garden: Garden) -> None:
        """Called with each garden built, before its pages are written: `hortus serve` shows
        it from here (so a browser need not wait for the files, nor for a write that fails)."""

    def regenerate(self, clock_today: dt.date) -> Regenerated:
        today = self.vault.day(self.today, clock_today)
        day, pinned = today.date, today.pinned
        dirty, whole = self.dirty, self.dirty is None
        # A garden built from every note: its index and growths live until the next such one.
        with no_gc(freeze=whole):
            known = (*self.vault.config_problems, *self.store.problems())
            if dirty is None:
                index = self.index.update(self.store.notes(), known)
            else:
                changed = {rel: self.store.note(rel) for rel in dirty}
                index = self.index.patch(changed, known)
            self.dirty = set()
            config = self.vault.config
            garden = compute_garden(index, day, config, today_pinned=pinned, memo=self.memo)
            self.built(index, garden)
        with vault_lock(self.vault.root, WAIT):
            if not self.still_there():
                raise VaultGoneError(str(self.vault.root))
            return write_garden(self.vault, garden, self.rows)[0]


def _identity(root: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(root)
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISDIR(info.st_mode) else None
