"""The incremental engine: the vault's parsed notes in memory, re-read only where files changed.

A file is known by its stamp (size, mtime_ns, inode, ctime_ns) and the hash of its bytes. A
file whose stamp is unchanged and *settled* (its mtime was well before we read it, so a rewrite
within the same clock tick cannot hide) is not read again. Any other file is read; when its
hash equals the known one (a `touch`, a `git checkout`, an editor saving the same bytes) the
parsed note is kept, else it is parsed again. The watcher keeps one `NoteStore` for its life;
`regenerate` fills one from the on-disk cache (`cache.py`).
"""

from __future__ import annotations

import gc
import hashlib
import os
import signal
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import hortus.store.codec as codec
from hortus.core.model import Note, Problem, Record
from hortus.notes.parse import parse_note
from hortus.notes.read import decode_note, read_bytes
from hortus.notes.walk import Walk, walk_some, walk_vault

# Worker processes pay for themselves from a few thousand notes on (docs/performance.md).
PARALLEL_FROM = 2_000
MAX_WORKERS = 8
CHUNK = 200
SETTLE_NS = 2_000_000_000  # a file modified less than 2 s before it was read is "in doubt"


@dataclass(frozen=True, slots=True)
class Stamp(Record):
    size: int
    mtime_ns: int
    ino: int
    ctime_ns: int

    @classmethod
    def of(cls, info: os.stat_result) -> Stamp:
        return cls(info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)


@dataclass(frozen=True, slots=True)
class Known:
    """What the engine knows of one file: its stamp when read, its hash, the parse result."""

    stamp: Stamp
    digest: str
    result: Note | Problem
    settled: bool
    record: bytes | None = None  # `result` packed for the on-disk cache, when asked for


@dataclass(frozen=True, slots=True)
class Changes:
    changed: tuple[str, ...] = ()  # read and parsed again (new or different bytes)
    removed: tuple[str, ...] = ()
    refusals: bool = False  # the set of refused files (links, conflict copies) changed
    pending: tuple[str, ...] = field(default=())  # vanished while being read: look again later

    def __bool__(self) -> bool:
        return bool(self.changed or self.removed or self.refusals)


def digest_of(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass(frozen=True, slots=True)
class Loaded(Record):
    rel: str
    stamp: Stamp | None  # None: the file vanished before it could be read
    digest: str
    result: Note | Problem | None  # None: same bytes as the known digest
    settled: bool
    record: bytes | None = None

    def __reduce__(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        """A parsed note crosses from a worker to the main process as its packed record:
        msgspec is about three times faster than pickle both ways, and the cache wants the
        record anyway."""
        if self.record is not None and isinstance(self.result, Note):
            return (_unpacked, (self.rel, self.stamp, self.digest, self.settled, self.record))
        return Record.__reduce__(self)


def _unpacked(rel: str, stamp: Stamp, digest: str, settled: bool, record: bytes) -> Loaded:
    return Loaded(rel, stamp, digest, codec.unpack(record), settled, record)


def load_one(root: Path, rel: str, known_digest: str | None = None, encode: bool = False) -> Loaded:
    """Stat, read, hash and (unless the bytes are the known ones) parse one note; with
    `encode`, also encode the record for the cache (done here, so on every core). A file that
    cannot be read keeps no record: reading it again says the same, as fast."""
    full = os.path.join(root, rel)  # a str: `Path` joins cost a big vault's first run dearly
    try:
        info = os.lstat(full)
    except OSError:
        return Loaded(rel, None, "", None, False)
    stamp = Stamp.of(info)
    settled = time.time_ns() - stamp.mtime_ns > SETTLE_NS
    data = read_bytes(root, rel, info)
    if isinstance(data, Problem):
        if not os.path.lexists(full):
            return Loaded(rel, None, "", None, False)
        return Loaded(rel, stamp, "", data, settled)
    digest = digest_of(data)
    if digest == known_digest:
        return Loaded(rel, stamp, digest, None, settled)
    source = decode_note(rel, data)
    if isinstance(source, Problem):
        return Loaded(rel, stamp, digest, source, settled)
    note = parse_note(source)
    return Loaded(rel, stamp, digest, note, settled, _record(note) if encode else None)


def _record(result: Note) -> bytes | None:
    try:
        return codec.pack(result)
    except codec.CodecError:
        return None


class NoteStore:
    """Every note of one vault, parsed; `rescan` and `update` bring it up to date."""

    def __init__(
        self,
        root: Path,
        skip: frozenset[str],
        known: Mapping[str, Known] | None = None,
        *,
        encode: bool = False,
    ) -> None:
        self.root = root
        self.encode = encode  # keep each new record encoded for the on-disk cache
        self.skip = skip  # case-folded vault-relative paths of hortus's own outputs
        self.files: dict[str, Known] = dict(known or {})
        self.refused: dict[str, Problem] = {}
        self.doubted: set[str] = set()  # known notes found missing once by `update`
        # `problems()`, kept until a change touches an unreadable or refused file.
        self._problems: list[Problem] | None = None
        self._unread: set[str] = set()

    def note(self, rel: str) -> Note | None:
        """The parsed note at `rel`, None when there is none (gone, or unreadable)."""
        known = self.files.get(rel)
        return known.result if known is not None and isinstance(known.result, Note) else None

    def notes(self) -> list[Note]:
        """The parsed notes in path order (the order a fresh walk gives)."""
        files = self.files
        return [r for rel in sorted(files) if isinstance(r := files[rel].result, Note)]

    def problems(self) -> list[Problem]:
        """Files refused by the walk and files that could not be read."""
        if self._problems is None:
            unread = {
                rel: k.result for rel, k in self.files.items() if isinstance(k.result, Problem)
            }
            self._unread = set(unread)
            self._problems = sorted([*self.refused.values(), *unread.values()])
        return self._problems

    def rescan(self, walk: Walk | None = None) -> Changes:
        """Walk the whole vault: the start, a storm, an overflow, the periodic check. `walk`:
        one just made by the caller."""
        walk = walk or walk_vault(self.root, self.skip)
        refused = {p.source.path: p for p in walk.problems}
        refusals = refused != self.refused
        self.refused = refused
        present = set(walk.paths)
        removed = tuple(sorted(rel for rel in self.files if rel not in present))
        for rel in removed:
            del self.files[rel]
        changed, pending = self._refresh(walk.paths)
        return self._changes(Changes(changed, removed, refusals, pending))

    def update(self, rels: Iterable[str], moved: Collection[str] = ()) -> Changes:
        """Look again at a few paths only (the watcher's dirty set), and at the known notes that
        differ from one of them only by case: a case-only rename may come without its delete.
        `moved`: notes renamed to another note's path, gone for certain when missing."""
        rels = set(rels)
        # Only a name we do not know can be the new half of a case-only rename (and looking
        # through every known name is slow on a big vault: not for every save).
        folded = {rel.casefold() for rel in rels if rel not in self.files}
        if folded:
            rels |= {rel for rel in self.files if rel.casefold() in folded}
        walk, gone = walk_some(self.root, rels, self.skip)
        before = {rel: self.refused.get(rel) for rel in rels}
        for rel in rels:
            self.refused.pop(rel, None)
        self.refused.update((p.source.path, p) for p in walk.problems)
        refusals = any(self.refused.get(rel) != old for rel, old in before.items())
        # A known note missing now may be mid-save (vim renames it to `ada.md~` first): it is
        # removed only when a second look, a moment later, still misses it.
        # A note renamed to another note (`a.md` → `b.md`) needs no second look: no editor
        # saves that way, and the garden would show both for a moment.
        missing = {
            rel
            for rel in gone
            if rel in self.files and rel not in self.doubted and rel not in moved
        }
        self.doubted = (self.doubted - rels) | missing
        removed = tuple(
            sorted(
                rel
                for rel in (gone - missing) | {p.source.path for p in walk.problems}
                if self.files.pop(rel, None) is not None
            )
        )
        changed, pending = self._refresh(walk.paths)
        return self._changes(Changes(changed, removed, refusals, (*pending, *sorted(missing))))

    def _changes(self, changes: Changes) -> Changes:
        """`changes`, having forgotten `problems()` if they may differ."""
        files = self.files
        if (
            changes.refusals
            or self._unread.intersection(changes.changed, changes.removed)
            or any(isinstance(files[rel].result, Problem) for rel in changes.changed)
        ):
            self._problems = None
        return changes

    def _refresh(self, rels: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        todo: list[tuple[str, str | None]] = []
        prefix = f"{self.root}{os.sep}"
        for rel in rels:
            known = self.files.get(rel)
            if known is not None and known.settled and _same_stamp(prefix + rel, known.stamp):
                continue
            todo.append((rel, known.digest if known else None))
        changed: list[str] = []
        pending: list[str] = []
        for loaded in load_all(self.root, todo, self.encode):
            old = self.files.get(loaded.rel)
            if loaded.stamp is None:  # gone while we looked: keep what we knew, look later
                pending.append(loaded.rel)
                continue
            if loaded.result is None and old is not None:
                self.files[loaded.rel] = Known(loaded.stamp, old.digest, old.result, loaded.settled)
                continue
            assert loaded.result is not None
            record = loaded.record if self.encode else None
            self.files[loaded.rel] = Known(
                loaded.stamp, loaded.digest, loaded.result, loaded.settled, record
            )
            changed.append(loaded.rel)
        return tuple(changed), tuple(pending)


def _same_stamp(path: str, stamp: Stamp) -> bool:
    """Whether the file at `path` has `stamp` still (once per note, every run after a few edits:
    no `Path`, no new `Stamp`)."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return (
        info.st_size == stamp.size
        and info.st_mtime_ns == stamp.mtime_ns
        and info.st_ino == stamp.ino
        and info.st_ctime_ns == stamp.ctime_ns
    )


def load_all(
    root: Path, todo: list[tuple[str, str | None]], encode: bool = False
) -> Iterator[Loaded]:
    """Read and parse, on every core for a large batch (parsing is CPU-bound); each result as
    it comes, in `todo`'s order (so a caller can show progress)."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if workers < 2 or len(todo) < PARALLEL_FROM:
        for rel, digest in todo:
            yield load_one(root, rel, digest, encode)
        return
    rels = [rel for rel, _ in todo]
    digests = [digest for _, digest in todo]
    load = partial(load_one, root, encode=True)  # the record is how a note crosses back
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_start)
    try:
        yield from pool.map(load, rels, digests, chunksize=CHUNK)
    finally:  # on Ctrl-C too: drop the queued work instead of finishing it
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_start() -> None:
    """Workers keep every record they build (no cyclic GC needed), and leave Ctrl-C to the
    main process, which stops them; a terminal's SIGINT reaches the whole process group."""
    gc.disable()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
