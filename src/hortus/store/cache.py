"""The on-disk cache of `regenerate`: `.hortus/cache.sqlite` inside the vault.

It holds, per note, the stamp and hash the engine knows it by and the parsed record (msgpack,
`_codec().py`), plus the last garden's key, summary and output hashes. It is only ever a
shortcut: a missing, corrupt, half-written or foreign-version cache is thrown away and rebuilt
without a word, and every failure to write it is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Collection, Container, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from hortus import __version__
from hortus.core.model import Contact, Note
from hortus.files.lock import state_dir

CACHE_NAME = "cache.sqlite"
# Bump when a record, the parser or the index rules change: an old cache is then rebuilt.
# 3: notes gained tasks and more fields (the whole garden); the garden has more outputs.
# 4: HTML blocks and comments no longer hold mentions or tags.
# 5: records are msgpack (msgspec) instead of compressed JSON.
# 6: the loader's tables: contacts, command outputs, the search lookup.
# 7: contacts have other dates, gift ideas, met_through and not_duplicate_of; the garden has
#    #ask, introductions and duplicates (stored outputs are stale); front-matter values are
#    their source text (no YAML 1.1 types).
# 8: tasks `[-]` (let go) and their `created` date; the full-list pages (GARDEN-all.md…).
# 9: a problem keeps its sentence (template and values, `core/said.py`), not English text;
#    the index's parts, one sealed row per note (index/kept.py); each contact's growth.
CACHE_VERSION = 9
FORMAT = f"hortus-cache {CACHE_VERSION} {__version__}"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, ino INTEGER, ctime_ns INTEGER,
    settled INTEGER, digest TEXT, record BLOB
);
CREATE TABLE contacts (path TEXT PRIMARY KEY, record BLOB NOT NULL);
CREATE TABLE outputs (name TEXT PRIMARY KEY, key TEXT NOT NULL, value BLOB NOT NULL);
CREATE TABLE index_parts (
    path TEXT PRIMARY KEY, digest TEXT NOT NULL, seal TEXT NOT NULL, record BLOB NOT NULL
);
CREATE TABLE index_keys (key TEXT PRIMARY KEY, seal TEXT NOT NULL, record BLOB NOT NULL);
CREATE TABLE growths (
    key TEXT PRIMARY KEY, generation TEXT NOT NULL, day TEXT NOT NULL, seal TEXT NOT NULL,
    record BLOB NOT NULL
);
"""
PARTS = "index_parts"  # the meta key of what the stored parts were computed with
GENERATION = "index_generation"  # the meta key of the parts' generation (see `save_parts`)


# One file as the cache knows it: size, mtime_ns, inode, ctime_ns, settled (0/1), digest.
# A plain tuple, because the warm path compares 50,000 of them against `lstat`.
Row = tuple[int, int, int, int, int, str]


@dataclass(frozen=True)
class StoredPage:
    """The last garden written: for the key it was computed for, every output's hash (with the
    calendar's event count, as JSON) and the summary."""

    key: str
    outputs: str
    summary: str


def _codec() -> ModuleType:
    """The record codec, imported when a record is read or written (msgspec is not needed
    by a run that finds nothing changed)."""
    import hortus.store.codec

    return hortus.store.codec


class DiskCache:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    @classmethod
    def in_memory(cls) -> DiskCache:
        """A cache that lives as long as this process: for a vault where `.hortus/` cannot be
        used (read-only, or a link), so that every command still takes the same path."""
        db = sqlite3.connect(":memory:")
        db.executescript(_SCHEMA)
        db.execute("INSERT INTO meta VALUES ('format', ?)", (FORMAT,))
        return cls(db)

    @classmethod
    def open(cls, root: Path) -> DiskCache | None:
        folder = state_dir(root)
        if folder is None:
            return None
        path = folder / CACHE_NAME
        if os.path.islink(path):
            return None  # sqlite would follow it (and create a dangling link's target)
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

    def records(
        self, paths: Iterable[str] | None = None, skip: Container[str] = ()
    ) -> Iterator[tuple[str, Note]]:
        """The stored notes (of `paths`, or all but `skip`), in path order; one that does not
        decode is left out (the caller reads that file again)."""
        if paths is None:
            query = "SELECT path, record FROM files WHERE record IS NOT NULL ORDER BY path"
            found: Iterable[tuple[object, object]] = self._select(query, ())
        else:
            wanted = sorted(set(paths))
            query = "SELECT path, record FROM files WHERE path = ? AND record IS NOT NULL"
            found = (row for rel in wanted for row in self._select(query, (rel,)))
        for path, record in found:
            if isinstance(path, str) and isinstance(record, bytes) and path not in skip:
                with contextlib.suppress(_codec().CodecError):
                    yield path, _codec().unpack(record)

    def _select(self, query: str, args: tuple[object, ...]) -> list[tuple[object, object]]:
        try:
            return self.db.execute(query, args).fetchall()
        except sqlite3.Error:
            return []

    def meta(self, key: str) -> str | None:
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with contextlib.suppress(sqlite3.Error), self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def contacts(self) -> list[Contact] | None:
        """Every stored contact record, in path order; None when one does not decode or rows
        are missing."""
        found: list[Contact] = []
        for _path, record in self._select("SELECT path, record FROM contacts ORDER BY path", ()):
            if not isinstance(record, bytes):
                return None
            try:
                found.append(_codec().unpack_contact(record))
            except _codec().CodecError:
                return None
        return found if self.meta("contacts_count") == str(len(found)) else None

    def contacts_digest(self) -> tuple[str, list[str]] | None:
        """One hash of every stored contact record, and their paths in order."""
        digest = hashlib.blake2b(digest_size=20)
        paths: list[str] = []
        try:
            for path, record in self.db.execute("SELECT path, record FROM contacts ORDER BY path"):
                if not isinstance(record, bytes):
                    return None
                digest.update(f"{path}\0{len(record)}\0".encode("utf-8", "surrogatepass"))
                digest.update(record)
                paths.append(path)
        except sqlite3.Error:
            return None
        return digest.hexdigest(), paths

    def save_contacts(self, fresh: Mapping[str, Contact | None], *, whole: bool = False) -> None:
        """The contact records of the notes in `fresh` (None: that note is no contact, or
        gone); with `whole`, `fresh` is every contact there is."""
        rows = []
        for path, contact in fresh.items():
            if contact is not None:
                with contextlib.suppress(_codec().CodecError):
                    rows.append((path, _codec().pack_contact(contact)))
        with contextlib.suppress(sqlite3.Error), self.db:
            if whole:
                self.db.execute("DELETE FROM contacts")
            else:
                self.db.executemany("DELETE FROM contacts WHERE path = ?", ((p,) for p in fresh))
            self.db.executemany("INSERT OR REPLACE INTO contacts VALUES (?, ?)", rows)
            (count,) = self.db.execute("SELECT count(*) FROM contacts").fetchone()
            self.db.execute(
                "INSERT OR REPLACE INTO meta VALUES ('contacts_count', ?)", (str(count),)
            )

    def output(self, name: str, key: str) -> bytes | None:
        """A command's stored output, if it was made for `key` and is whole (its hash is
        kept with the key: a damaged output is made again, never shown)."""
        try:
            query = "SELECT key, value FROM outputs WHERE name = ?"
            row = self.db.execute(query, (name,)).fetchone()
        except sqlite3.Error:
            return None
        if row is None or not isinstance(row[1], bytes) or row[0] != _sealed(key, row[1]):
            return None
        return row[1]

    def save_output(self, name: str, key: str, value: bytes) -> None:
        with contextlib.suppress(sqlite3.Error), self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?)",
                (name, _sealed(key, value), value),
            )

    def parts(self, made_with: str) -> tuple[dict[str, tuple[str, bytes]], bool]:
        """The index's stored parts, by note path: the digest of the note each was made from,
        and its record; and whether every row was whole. Empty when they were made with
        other settings or names than `made_with`; a row whose seal does not match (damaged)
        is left out: its note's part is made again."""
        if self.meta(PARTS) != made_with:
            return {}, False
        try:
            rows = self.db.execute("SELECT path, digest, seal, record FROM index_parts").fetchall()
        except sqlite3.Error:
            return {}, False
        found: dict[str, tuple[str, bytes]] = {}
        for path, digest, seal, record in rows:
            if isinstance(record, bytes) and seal == _part_seal(path, digest, record):
                found[path] = (digest, record)
        return found, len(found) == len(rows)

    def part_digests(self, made_with: str) -> dict[str, str] | None:
        """Each stored part's note path and the digest it was made from (not the parts);
        None when they were made with other settings or names than `made_with`."""
        if self.meta(PARTS) != made_with:
            return None
        try:
            return dict(self.db.execute("SELECT path, digest FROM index_parts"))
        except sqlite3.Error:
            return None

    def part_records(self, paths: Iterable[str]) -> dict[str, bytes] | None:
        """The stored parts of these notes (those that have one); None if one is damaged."""
        found: dict[str, bytes] = {}
        query = "SELECT digest, seal, record FROM index_parts WHERE path = ?"
        try:
            for path in paths:
                for digest, seal, record in self.db.execute(query, (path,)):
                    if not isinstance(record, bytes) or seal != _part_seal(path, digest, record):
                        return None
                    found[path] = record
        except sqlite3.Error:
            return None
        return found

    def key_seals(self) -> dict[str, str] | None:
        """Each contact key with a row of tuples, and the row's seal."""
        try:
            return dict(self.db.execute("SELECT key, seal FROM index_keys"))
        except sqlite3.Error:
            return None

    def key_rows(self, keys: Iterable[str]) -> dict[str, tuple[str, bytes]]:
        """The rows of tuples of these contact keys whose seal matches their bytes."""
        found: dict[str, tuple[str, bytes]] = {}
        query = "SELECT seal, record FROM index_keys WHERE key = ?"
        try:
            for key in keys:
                for seal, record in self.db.execute(query, (key,)):
                    if isinstance(record, bytes) and seal == seal_of(key, record):
                        found[key] = (seal, record)
        except sqlite3.Error:
            return {}
        return found

    def save_key_rows(
        self, rows: Iterable[tuple[str, bytes | None]], *, whole: bool
    ) -> dict[str, str] | None:
        """The rows of tuples of these keys (None: the key has none left), written as they
        come; with `whole`, these are all there are. The seals of the rows written, or None
        when they could not be (an error raised by `rows` undoes them all, and goes on)."""
        seals: dict[str, str] = {}
        try:
            with self.db:
                if whole:
                    self.db.execute("DELETE FROM index_keys")
                for key, record in rows:
                    self.db.execute("DELETE FROM index_keys WHERE key = ?", (key,))
                    if record is not None:
                        seals[key] = seal_of(key, record)
                        self.db.execute(
                            "INSERT INTO index_keys VALUES (?, ?, ?)", (key, seals[key], record)
                        )
        except sqlite3.Error:
            return None
        return seals

    def generation(self) -> str:
        """The generation of the stored parts: a new one each time they change."""
        return self.meta(GENERATION) or ""

    def save_parts(
        self,
        made_with: str,
        rows: Iterable[tuple[str, str, bytes]],
        removed: Iterable[str],
        touched: tuple[str, Collection[str] | None],
    ) -> bool:
        """One transaction: the parts made now (path, digest, record), the paths whose part
        is gone; all others are dropped first when the parts kept were made otherwise. The
        parts get a new generation; `touched` is the generation they were read at and the
        contact keys the change touched (None: any), and the growths kept for the others
        are carried to the new generation (the rest are dropped). False when they could not
        be written."""
        since, keys = touched
        try:
            with self.db:
                if self.meta(PARTS) != made_with:
                    self.db.execute("DELETE FROM index_parts")
                    self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (PARTS, made_with))
                    keys = None
                self._carry_growths(since, keys)
                self.db.executemany(
                    "DELETE FROM index_parts WHERE path = ?", ((r,) for r in removed)
                )
                self.db.executemany(
                    "INSERT OR REPLACE INTO index_parts VALUES (?, ?, ?, ?)",
                    ((p, d, _part_seal(p, d, r), r) for p, d, r in rows),
                )
        except sqlite3.Error:
            return False  # the cache is a shortcut, never a requirement
        return True

    def _carry_growths(self, since: str, keys: Collection[str] | None) -> None:
        """Within `save_parts`' transaction: the growths of `since` not touched, carried to a
        new generation."""
        if keys is None or not since or self.generation() != since:
            self.db.execute("DELETE FROM growths")
        else:
            self.db.execute("DELETE FROM growths WHERE generation != ?", (since,))
            self.db.executemany("DELETE FROM growths WHERE key = ?", ((k,) for k in keys))
        new = os.urandom(16).hex()
        self.db.execute("UPDATE growths SET generation = ?", (new,))
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (GENERATION, new))

    def growths(self, generation: str, day: str) -> dict[str, bytes]:
        """The growths kept for this generation of the parts and this day, by contact key (a
        damaged row is left out: that contact is grown again)."""
        if not generation:
            return {}
        query = "SELECT key, seal, record FROM growths WHERE generation = ? AND day = ?"
        try:
            rows = self.db.execute(query, (generation, day)).fetchall()
        except sqlite3.Error:
            return {}
        return {
            key: record
            for key, seal, record in rows
            if isinstance(record, bytes) and seal == _part_seal(key, day, record)
        }

    def save_growths(self, generation: str, day: str, rows: Iterable[tuple[str, bytes]]) -> None:
        """The growths made now, if the parts are still of `generation`."""
        with contextlib.suppress(sqlite3.Error), self.db:
            if not generation or self.generation() != generation:
                return
            self.db.executemany(
                "INSERT OR REPLACE INTO growths VALUES (?, ?, ?, ?, ?)",
                (
                    (key, generation, day, _part_seal(key, day, record), record)
                    for key, record in rows
                ),
            )

    def save_rows(
        self,
        rows: Iterable[tuple[str, Row, bytes | None]],
        stamps: Iterable[tuple[str, Row]],
        removed: Iterable[str],
    ) -> None:
        """One transaction: whole rows for the notes read again, new stamps for the notes
        whose bytes were the same, and the notes gone."""
        try:
            with self.db:
                self.db.executemany("DELETE FROM files WHERE path = ?", ((r,) for r in removed))
                self.db.executemany(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    ((rel, *row, record) for rel, row, record in rows),
                )
                self.db.executemany(
                    "UPDATE files SET size=?, mtime_ns=?, ino=?, ctime_ns=?, settled=? "
                    "WHERE path = ?",
                    ((*row[:5], rel) for rel, row in stamps),
                )
        except sqlite3.Error:
            pass  # the cache is a shortcut, never a requirement

    def save_page(self, page: StoredPage) -> None:
        with contextlib.suppress(sqlite3.Error), self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                (("garden_key", page.key), ("outputs", page.outputs), ("summary", page.summary)),
            )

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


def _sealed(key: str, value: bytes) -> str:
    return f"{key} {hashlib.blake2b(value, digest_size=16).hexdigest()}"


def seal_of(key: str, record: bytes) -> str:
    """A row's seal: its key and its bytes (a damaged or moved row is never taken)."""
    return _part_seal(key, "", record)


def _part_seal(path: object, digest: object, record: bytes) -> str:
    """A part's seal: what it was made from and its bytes, so that a damaged or moved row is
    never taken for a note's part."""
    digest_of = hashlib.blake2b(f"{path}\0{digest}\0".encode("utf-8", "surrogatepass"))
    digest_of.update(record)
    return digest_of.hexdigest()[:32]


def _format(db: sqlite3.Connection) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    return row[0] if row else None


def _remove(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.unlink(f"{path}{suffix}")
