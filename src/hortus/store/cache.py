"""The on-disk cache of `regenerate`: `.hortus/cache.sqlite` inside the vault.

It holds, per note, the stamp and hash the engine knows it by and the parsed record (msgpack,
`codec.py`), plus the last garden's key, summary and output hashes. It is only ever a
shortcut: a missing, corrupt, half-written or foreign-version cache is thrown away and rebuilt
without a word, and every failure to write it is ignored.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import hortus.store.codec as codec
from hortus import __version__
from hortus.files.lock import state_dir
from hortus.store.notestore import Known, Stamp

CACHE_NAME = "cache.sqlite"
# Bump when a record, the parser or the index rules change: an old cache is then rebuilt.
# 3: notes gained tasks and more fields (the whole garden); the garden has more outputs.
# 4: HTML blocks and comments no longer hold mentions or tags.
# 5: records are msgpack (msgspec) instead of compressed JSON.
CACHE_VERSION = 6  # 6: tasks `[-]` and their `created` date
FORMAT = f"hortus-cache {CACHE_VERSION} {__version__}"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, ino INTEGER, ctime_ns INTEGER,
    settled INTEGER, digest TEXT, record BLOB
);
"""


# One file as the cache knows it: size, mtime_ns, inode, ctime_ns, settled (0/1), digest.
# A plain tuple, because the warm path compares 50,000 of them against `lstat`.
Row = tuple[int, int, int, int, int, str]


def row_stamp(row: Row) -> Stamp:
    return Stamp(row[0], row[1], row[2], row[3])


@dataclass(frozen=True)
class StoredPage:
    """The last garden written: for the key it was computed for, every output's hash (with the
    calendar's event count, as JSON) and the summary."""

    key: str
    outputs: str
    summary: str


class DiskCache:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    @classmethod
    def open(cls, root: Path) -> DiskCache | None:
        folder = state_dir(root)
        if folder is None:
            return None
        path = folder / CACHE_NAME
        for _attempt in range(2):
            try:
                db = sqlite3.connect(path, timeout=5)
                if _format(db) == FORMAT:
                    return cls(db)
                db.close()
            except sqlite3.Error:
                pass
            _remove(path)  # corrupt or foreign: start again, silently
            try:
                db = sqlite3.connect(path, timeout=5)
                with db:
                    db.executescript(_SCHEMA)
                    db.execute("INSERT INTO meta VALUES ('format', ?)", (FORMAT,))
                return cls(db)
            except sqlite3.Error:
                _remove(path)
        return None

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.close()

    def rows(self) -> dict[str, Row]:
        """The cheap columns only: enough to tell whether anything changed."""
        query = "SELECT path, size, mtime_ns, ino, ctime_ns, settled, digest FROM files"
        try:
            return {row[0]: row[1:] for row in self.db.execute(query)}
        except sqlite3.Error:
            return {}

    def known(self, rows: Mapping[str, Row]) -> dict[str, Known]:
        """The parsed records of `rows`; a record that does not decode is simply not known."""
        found: dict[str, Known] = {}
        with contextlib.suppress(sqlite3.Error):
            query = "SELECT path, record FROM files WHERE record IS NOT NULL"
            for path, record in self.db.execute(query):
                row = rows.get(path)
                if row is None:
                    continue
                if not isinstance(record, bytes):
                    continue
                with contextlib.suppress(codec.CodecError):
                    note = codec.unpack(record)
                    found[path] = Known(row_stamp(row), row[5], note, bool(row[4]))
        return found

    def page(self, key: str) -> StoredPage | None:
        """The stored page if it was computed for `key`."""
        try:
            found = dict(self.db.execute("SELECT key, value FROM meta"))
        except sqlite3.Error:
            return None
        if found.get("garden_key") != key:
            return None
        try:
            return StoredPage(key, found["outputs"], found["summary"])
        except KeyError:
            return None

    def save(
        self,
        files: Mapping[str, Known],
        old: Mapping[str, Row],
        changed: Iterable[str],
        removed: Iterable[str],
        page: StoredPage | None,
    ) -> None:
        """One transaction: new records, fresh stamps for every file, the garden."""
        changed = tuple(changed)  # in path order: the rows go into sqlite's index in order
        try:
            with self.db:
                self.db.executemany("DELETE FROM files WHERE path = ?", ((r,) for r in removed))
                self.db.executemany(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    _records(files, changed, old),
                )
                self.db.executemany(
                    "UPDATE files SET size=?, mtime_ns=?, ino=?, ctime_ns=?, settled=? "
                    "WHERE path = ?",
                    _stamps(files, old, frozenset(changed)),
                )
                if page is not None:
                    self.db.executemany(
                        "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                        (
                            ("garden_key", page.key),
                            ("outputs", page.outputs),
                            ("summary", page.summary),
                        ),
                    )
        except (sqlite3.Error, codec.CodecError):
            pass  # the cache is a shortcut, never a requirement


def _records(
    files: Mapping[str, Known], changed: Iterable[str], old: Mapping[str, Row]
) -> Iterator[tuple[object, ...]]:
    """Rows for the notes read again, but not for those read again only because they keep no
    record, unchanged (a run after a few edits reads every such note again)."""
    for rel in changed:
        known = files.get(rel)
        if known is None:
            continue
        s = known.stamp
        row = (s.size, s.mtime_ns, s.ino, s.ctime_ns, known.settled, known.digest)
        if known.record is None and old.get(rel) == row:
            continue
        yield (rel, *row, known.record)


def _stamps(
    files: Mapping[str, Known], old: Mapping[str, Row], written: frozenset[str]
) -> Iterator[tuple[object, ...]]:
    """Fresh stamps for the files whose row was not just written whole (a first run writes
    every row: updating them all again cost it 0.1 s)."""
    for rel, known in files.items():
        if rel in written:
            continue
        s = known.stamp
        row = old.get(rel)
        if row is not None and row[:5] == (s.size, s.mtime_ns, s.ino, s.ctime_ns, known.settled):
            continue
        yield (s.size, s.mtime_ns, s.ino, s.ctime_ns, known.settled, rel)


def _format(db: sqlite3.Connection) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    return row[0] if row else None


def _remove(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.unlink(f"{path}{suffix}")
