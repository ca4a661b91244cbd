"""The cache's lookup tables: the notes' text for `hortus search` (SQLite's FTS5) and the
mention targets of every note (which notes may involve a contact, for `hortus show`).

Both are made from each note alone, so the loader keeps them current note by note. They are
built the first time a command needs them (`search`, `show`), not by every first run: a big
vault's text takes a few seconds to index, which `regenerate` and `log` need not pay.

A note is indexed in *chunks*: one from its first line (front matter included, so "who lives
in Lisbon" finds a contact by its `city:`) to its first dated entry, then one per dated entry,
running to the next. FTS5's `unicode61` tokenizer with `remove_diacritics 2` makes every word
match without case or accents (`zoe` finds Zoë, `montreal` Montréal).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from hortus.core.model import Note

READY = "lookup 2"  # the meta key saying the tables are built (with the cache's format)

SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS chunks USING fts5(
    text, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS parts (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL, line INTEGER NOT NULL, date TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS parts_path ON parts (path);
CREATE TABLE IF NOT EXISTS mentions (target TEXT NOT NULL, path TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS mentions_target ON mentions (target);
CREATE INDEX IF NOT EXISTS mentions_path ON mentions (path);
"""


@dataclass(frozen=True, slots=True)
class Chunk:
    line: int  # its first line in the file
    date: str  # the entry's ISO date; "" for the part before the first entry
    text: str


@dataclass(frozen=True, slots=True)
class Hit:
    id: int  # the chunk's row, for its snippet
    path: str
    line: int
    date: str  # ISO, or "" for an undated part


def chunks_of(note: Note, text: str, day: str = "") -> list[Chunk]:
    """The note's text cut at each dated entry's first line; `day` dates the part before the
    first entry (a daily note's date)."""
    lines = text.split("\n")
    starts = sorted({entry.line: entry.date.isoformat() for entry in note.entries}.items())
    first = dict(starts).get(1, day)
    cuts = [(1, first), *((line, day) for line, day in starts if line > 1)]
    found = []
    for (line, day), (end, _) in zip(cuts, [*cuts[1:], (len(lines) + 1, "")], strict=True):
        body = "\n".join(lines[line - 1 : end - 1])
        if body.strip():
            found.append(Chunk(line, day, body))
    return found


def is_ready(db: sqlite3.Connection, token: str) -> bool:
    """Whether the tables are built, for this format, and whole (each chunk has its row)."""
    try:
        row = db.execute("SELECT value FROM meta WHERE key = ?", (READY,)).fetchone()
        if row is None or row[0] != token:
            return False
        (chunks,) = db.execute("SELECT count(*) FROM chunks").fetchone()
        (paths,) = db.execute("SELECT count(*) FROM parts").fetchone()
    except sqlite3.Error:
        return False
    return bool(chunks == paths)


# A note's mention targets, folded as the resolver folds them, and the ISO date of a note
# dated as a whole ("" for none): the index layer knows how.
Targets = Callable[[Note], set[str]]
Day = Callable[[Note], str]


def build(
    db: sqlite3.Connection,
    notes: Iterable[tuple[Note, str]],
    facts: tuple[Targets, Day],
    token: str,
) -> bool:
    """Fill the tables from every note and its text; False when SQLite cannot (no FTS5)."""
    try:
        with db:
            db.executescript(SCHEMA)
            db.execute("DELETE FROM chunks")
            db.execute("DELETE FROM parts")
            db.execute("DELETE FROM mentions")
            _insert(db, notes, facts)
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (READY, token))
    except sqlite3.Error:
        return False
    return True


def update(
    db: sqlite3.Connection,
    notes: Iterable[tuple[Note, str]],
    gone: Iterable[str],
    facts: tuple[Targets, Day],
) -> None:
    """Replace the rows of the notes read again, drop those of the notes gone (or unreadable)."""
    notes = list(notes)
    paths = [*gone, *(note.path for note, _ in notes)]
    try:
        with db:
            for path in paths:
                ids = db.execute("SELECT id FROM parts WHERE path = ?", (path,)).fetchall()
                db.executemany("DELETE FROM chunks WHERE rowid = ?", ids)
                db.execute("DELETE FROM parts WHERE path = ?", (path,))
                db.execute("DELETE FROM mentions WHERE path = ?", (path,))
            _insert(db, notes, facts)
    except sqlite3.Error:
        # Tables that may now be wrong are not used again until rebuilt.
        with contextlib.suppress(sqlite3.Error), db:
            db.execute("DELETE FROM meta WHERE key = ?", (READY,))


def _insert(
    db: sqlite3.Connection, notes: Iterable[tuple[Note, str]], facts: tuple[Targets, Day]
) -> None:
    targets, day_of = facts
    next_id = (db.execute("SELECT max(id) FROM parts").fetchone()[0] or 0) + 1
    chunk_rows: list[tuple[int, str]] = []
    path_rows: list[tuple[int, str, int, str]] = []
    mention_rows: list[tuple[str, str]] = []
    for note, text in notes:
        for chunk in chunks_of(note, text, day_of(note)):
            chunk_rows.append((next_id, chunk.text))
            path_rows.append((next_id, note.path, chunk.line, chunk.date))
            next_id += 1
        mention_rows.extend((target, note.path) for target in targets(note))
        if len(chunk_rows) > 5_000:
            _flush(db, chunk_rows, path_rows, mention_rows)
    _flush(db, chunk_rows, path_rows, mention_rows)


def _flush(
    db: sqlite3.Connection,
    chunk_rows: list[tuple[int, str]],
    path_rows: list[tuple[int, str, int, str]],
    mention_rows: list[tuple[str, str]],
) -> None:
    db.executemany("INSERT INTO chunks (rowid, text) VALUES (?, ?)", chunk_rows)
    db.executemany("INSERT INTO parts VALUES (?, ?, ?, ?)", path_rows)
    db.executemany("INSERT INTO mentions VALUES (?, ?)", mention_rows)
    chunk_rows.clear()
    path_rows.clear()
    mention_rows.clear()


def paths_mentioning(db: sqlite3.Connection, targets: Iterable[str]) -> set[str]:
    """The notes with a mention of any of the (folded) `targets`."""
    found: set[str] = set()
    for target in set(targets):
        rows = db.execute("SELECT path FROM mentions WHERE target = ?", (target,))
        found.update(row[0] for row in rows)
    return found


def fts_query(words: Sequence[str]) -> str:
    """The user's words as an FTS5 query that every word must match: an argument with spaces
    is a phrase, a trailing `*` a prefix; everything else is quoted, so no FTS5 syntax (AND,
    NEAR, a colon, a quote) typed by the user is ever interpreted."""
    parts = []
    for word in words:
        text = word.strip()
        prefix = text.endswith("*") and " " not in text
        text = text.rstrip("*").strip() if prefix else text
        if not text:
            continue
        quoted = '"' + text.replace('"', '""') + '"'
        parts.append(quoted + ("*" if prefix else ""))
    return " AND ".join(parts)


def search(
    db: sqlite3.Connection,
    query: str,
    since: str | None,
    until: str | None,
    paths: Iterable[str] | None = None,
    limit: int = 0,
) -> tuple[list[Hit], int]:
    """The chunks matching `query` (an `fts_query`), newest first (undated ones last), at most
    `limit` of them (0: all), and how many match in all; dated chunks only when a date bound
    is given; only in `paths` when given. (The places are a plain table joined on the row:
    reading them from the FTS table itself costs a row lookup each.)"""
    where = "p.id IN (SELECT rowid FROM chunks WHERE chunks MATCH ?)"
    args: list[object] = [query]
    if since is not None:
        where += " AND p.date != '' AND p.date >= ?"
        args.append(since)
    if until is not None:
        where += " AND p.date != '' AND p.date <= ?"
        args.append(until)
    if paths is not None:
        wanted = sorted(set(paths))
        where += f" AND p.path IN ({', '.join('?' * len(wanted))})"
        args += wanted
    sql = f"SELECT id, path, line, date FROM parts p WHERE {where} ORDER BY date DESC, path, line"
    if limit:
        sql += f" LIMIT {int(limit)}"
    hits = [Hit(int(i), str(p), int(n), str(d)) for i, p, n, d in db.execute(sql, args)]
    if not limit or len(hits) < limit:
        return hits, len(hits)
    (total,) = db.execute(f"SELECT count(*) FROM parts p WHERE {where}", args).fetchone()
    return hits, int(total)


def snippets(db: sqlite3.Connection, query: str, ids: Iterable[int]) -> dict[int, str]:
    """The words around the match in each of these chunks, marked with ⟦ ⟧."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    sql = (
        "SELECT rowid, snippet(chunks, 0, '⟦', '⟧', '…', 16) FROM chunks "
        f"WHERE chunks MATCH ? AND rowid IN ({', '.join('?' * len(wanted))})"
    )
    return {int(i): str(text) for i, text in db.execute(sql, [query, *wanted])}
