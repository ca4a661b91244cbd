"""Closing a promise in the user's own file: one task line's checkbox and a dated marker.

`- [ ] send her the book` becomes `- [x] send her the book ✅ 2026-12-06` (kept) or
`- [-] send her the book ❌ 2026-12-06` (let go, as Obsidian's Tasks plugin writes it). Only
that line changes, and only by those bytes: every other byte of the file (BOM, front matter,
line breaks, trailing spaces of other lines) is kept. The write is the same atomic
compare-and-swap as `hortus log`'s (`append.append_with`), under the vault's lock.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from hortus.core.errors import WriteError
from hortus.core.model import Note, Problem, Task
from hortus.core.said import said
from hortus.notes.parse import parse_note
from hortus.notes.read import decode_note
from hortus.person.append import Logged, append_with, check_seen

# The list marker and the open checkbox at the start of a task line.
_OPEN_RE = re.compile(rb"^(\xef\xbb\xbf)?([ \t]*(?:[-*+]|\d+[.)])[ \t]+)\[ \](?=[ \t])")
KEPT = ("x", "✅")
LET_GO = ("-", "❌")


def close_task(
    root: Path, rel: str, line: int, text: str, *, kept: bool, day: dt.date, seen: str | None
) -> Logged:
    """Mark the open task at `rel:line` (whose text, as hortus reads it, is `text`) kept or let
    go on `day`. Refuses (`WriteError`) when that line is no longer that open task; with `seen`
    (the file's `digest_of` when the user decided), refuses any change since. Returns the
    line as written."""

    def make(data: bytes) -> tuple[bytes, Logged]:
        check_seen(rel, data, seen)
        return with_task_closed(rel, data, line, text, kept=kept, day=day)

    return append_with(root, rel, make)


def with_task_closed(
    rel: str, data: bytes, line: int, text: str, *, kept: bool, day: dt.date
) -> tuple[bytes, Logged]:
    """The file's bytes with the task at `line` closed (a pure function); see `close_task`."""
    _open_task(rel, data, line, text)
    lines = data.splitlines(keepends=True)
    raw = lines[line - 1]
    body = raw.rstrip(b"\r\n")
    ending = raw[len(body) :]
    mark, sign = KEPT if kept else LET_GO
    match = _OPEN_RE.match(body)
    if match is None:
        raise WriteError(
            rel, said("line {line} does not start with `- [ ]`; nothing written", line=line)
        )
    start = body[: match.end(2)] + f"[{mark}]".encode()
    rest = body[match.end() :].rstrip(b" \t")
    new_line = start + rest + f" {sign} {day.isoformat()}".encode()
    new = b"".join([*lines[: line - 1], new_line, ending, *lines[line:]])
    _check_closed(rel, new, line, kept, day)
    shown = new_line.decode("utf-8").removeprefix("\ufeff")
    return new, Logged(rel, line, (shown,))


def _open_task(rel: str, data: bytes, line: int, text: str) -> Task:
    note = _parsed(rel, data)
    task = next((t for t in note.tasks if t.line == line), None) if note else None
    if task is None or task.checked or task.text != text:
        raise WriteError(
            rel,
            said(
                "line {line} is no longer the open promise “{text}”; nothing written",
                line=line,
                text=text,
            ),
        )
    return task


def _check_closed(rel: str, new: bytes, line: int, kept: bool, day: dt.date) -> None:
    note = _parsed(rel, new)
    task = next((t for t in note.tasks if t.line == line), None) if note else None
    if task is None or not task.checked or (kept and task.done != day):
        raise WriteError(
            rel, said("line {line} would not read back as closed; nothing written", line=line)
        )


def _parsed(rel: str, data: bytes) -> Note | None:
    source = decode_note(rel, data)
    return None if isinstance(source, Problem) else parse_note(source)
