"""Writing a promise down: one open task line appended to a contact's file, byte for byte.

`- [ ] text 📅 2026-12-01` at the end of the file, through the same locked, atomic, checked
append as `hortus log` (`append.py`): the earlier bytes untouched, the file's own line breaks,
and the todo.txt marker `due:2026-12-01` instead of 📅 when the file already writes its due
dates that way. In a contact's own file an open task is a promise to that contact.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from hortus.core.errors import HortusError, WriteError
from hortus.notes.parse import parse_note
from hortus.notes.read import SourceFile, decode_note
from hortus.person.append import (
    LIST_RE,
    Logged,
    append_with,
    clean_source,
    newline_of,
    utf8_text,
)

_TODO_TXT_DUE = re.compile(r"(?<!\S)due:\d{4}-\d{2}-\d{2}")
_EMOJI_DUE = re.compile(r"📅\uFE0F?\s*\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class NewPromise:
    text: str  # one line
    due: dt.date | None = None


def add_promise(root: Path, rel: str, promise: NewPromise) -> Logged:
    """Append `promise` to the note at `rel` as an open task; where it landed."""
    if not " ".join(promise.text.split()):
        raise HortusError("nothing to promise: the text is empty")
    return append_with(root, rel, lambda data: with_promise(rel, data, promise))


def with_promise(rel: str, data: bytes, promise: NewPromise) -> tuple[bytes, Logged]:
    """The file's bytes with the promise's task line appended (a pure function)."""
    utf8_text("the promise", promise.text)
    text = clean_source(rel, data).text
    task = promise_line(promise, todo_txt=_writes_todo_txt(text))
    before = _separator(data, text)
    line = (text + before).count("\n") + 1
    added = (before + task + "\n").replace("\n", newline_of(data))
    new = data + added.encode("utf-8")
    _check_reads_back(rel, new, line, promise.due)
    return new, Logged(rel, line, (task,))


def promise_line(promise: NewPromise, *, todo_txt: bool = False) -> str:
    """`- [ ] text 📅 2026-12-01` (or `due:2026-12-01`); the text on one line."""
    text = " ".join(promise.text.split())
    if promise.due is None:
        return f"- [ ] {text}"
    due = promise.due.isoformat()
    return f"- [ ] {text} due:{due}" if todo_txt else f"- [ ] {text} 📅 {due}"


def _writes_todo_txt(text: str) -> bool:
    """The file writes due dates as `due:` and never as 📅."""
    return bool(_TODO_TXT_DUE.search(text)) and not _EMOJI_DUE.search(text)


def _separator(data: bytes, text: str) -> str:
    """A line break if the last line lacks one; then a blank line, unless the file already
    ends with one or its last line is a list item the task can follow as a sibling."""
    if not text:
        return ""
    missing = "" if data.endswith((b"\n", b"\r")) else "\n"
    if missing == "" and text.endswith("\n\n"):
        return ""
    last = text.rstrip("\n").rsplit("\n", 1)[-1]
    return missing if LIST_RE.match(last) else missing + "\n"


def _check_reads_back(rel: str, new: bytes, line: int, due: dt.date | None) -> None:
    source = decode_note(rel, new)
    note = parse_note(source) if isinstance(source, SourceFile) else None
    if note is None or not any(
        t.line == line and not t.checked and t.due == due for t in note.tasks
    ):
        raise WriteError(
            rel,
            "the promise would not read back as an open task (does the file end inside a "
            "code block or an HTML comment, or does the text hold a date marker?); "
            "nothing written",
        )
