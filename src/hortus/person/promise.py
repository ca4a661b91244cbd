"""Writing a promise down, and marking one kept, byte for byte.

`- [ ] text 📅 2026-12-01` at the end of the file, through the same locked, atomic, checked
append as `hortus log` (`append.py`): the earlier bytes untouched, the file's own line breaks,
and the todo.txt marker `due:2026-12-01` instead of 📅 when the file already writes its due
dates that way. In a contact's own file an open task is a promise to that contact.

Kept (`hortus done`): one line changes, `- [ ]` → `- [x]` and `✅ DATE` (`done:DATE` beside a
`due:`) at its end, no other byte; through the same checked write, so a save made meanwhile
is never lost: the promise is then found again by its text (its line may have moved).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from hortus.core.errors import HortusError, WriteError
from hortus.core.model import Note, Problem, Task
from hortus.core.said import said
from hortus.notes.parse import parse_note
from hortus.notes.read import SourceFile, decode_note
from hortus.person.append import (
    LIST_RE,
    Logged,
    append_with,
    clean_source,
    newline_of,
    unclean,
    unskipped,
    utf8_text,
    with_names,
)

_TODO_TXT_DUE = re.compile(r"(?<!\S)due:\d{4}-\d{2}-\d{2}")
_EMOJI_DUE = re.compile(r"📅\uFE0F?\s*\d{4}-\d{2}-\d{2}")
_OPEN_BOX_RE = re.compile(rb"^([ \t]*(?:[-*+]|\d+[.)])[ \t]+)\[ \]")
_LINE_BREAK_RE = re.compile(rb"\r\n|\r|\n")


@dataclass(frozen=True)
class NewPromise:
    text: str  # one line
    due: dt.date | None = None
    tags: tuple[str, ...] = ()  # checked tags, without `#`
    mentions: tuple[str, ...] = ()  # targets already known to resolve to one contact each
    language: str = "en"  # of the words hortus adds: "(with [[Bo]])", "(avec [[Bo]])"


def add_promise(root: Path, rel: str, promise: NewPromise) -> Logged:
    """Append `promise` to the note at `rel` as an open task; where it landed."""
    if not " ".join(promise.text.split()):
        raise HortusError(said("nothing to promise: the text is empty"))
    return append_with(root, rel, lambda data: with_promise(rel, data, promise))


def with_promise(rel: str, data: bytes, promise: NewPromise) -> tuple[bytes, Logged]:
    """The file's bytes with the promise's task line appended (a pure function)."""
    utf8_text(said("the promise"), promise.text)
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
    parts = [" ".join(promise.text.split())]
    if promise.mentions:
        parts.append(with_names(promise.mentions, promise.language))
    parts.extend(f"#{tag}" for tag in promise.tags)
    text = " ".join(part for part in parts if part)
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
            said(
                "the promise would not read back as an open task (does the file end inside a "
                "code block or an HTML comment, or does the text hold a date marker?); "
                "nothing written"
            ),
        )


def mark_kept(root: Path, rel: str, line: int, text: str, day: dt.date) -> Logged:
    """Mark the open promise `text` at `line` of `rel` kept on `day`. When the file changed
    and the line no longer holds it, the one open promise with that text is marked; when
    there is none, or several, `WriteError` and nothing is written."""
    return append_with(root, rel, lambda data: with_kept(rel, data, line, text, day))


def with_kept(rel: str, data: bytes, line: int, text: str, day: dt.date) -> tuple[bytes, Logged]:
    """The file's bytes with the promise at `line` (or, if it moved, the one open promise
    with `text`) checked and dated (pure); every other byte as it was."""
    note = parse_note(_source(rel, data))
    line = _find_open(rel, note, line, text)
    pieces = _LINE_BREAK_RE.split(data)
    breaks = _LINE_BREAK_RE.findall(data)
    raw = pieces[line - 1]
    bom = b"\xef\xbb\xbf" if line == 1 and raw.startswith(b"\xef\xbb\xbf") else b""
    box = _OPEN_BOX_RE.match(raw[len(bom) :])
    if box is None:
        raise WriteError(
            rel, said("line {line} is not a `- [ ]` task line; nothing written", line=line)
        )
    marker = f"done:{day.isoformat()}" if b"due:" in raw and "📅".encode() not in raw else None
    marker = marker or f"✅ {day.isoformat()}"
    content = raw[: len(bom)] + box.group(1) + b"[x]" + raw[len(bom) + box.end() :]
    kept = content.rstrip(b" \t")
    pieces[line - 1] = kept + b" " + marker.encode("utf-8") + content[len(kept) :]
    new = b"".join(piece + brk for piece, brk in zip(pieces, [*breaks, b""], strict=True))
    task = _task_at(parse_note(_source(rel, new)), line)
    if task is None or not task.checked or task.done != day:
        raise WriteError(
            rel,
            said("line {line} would not read back as a kept promise; nothing written", line=line),
        )
    written = pieces[line - 1].decode("utf-8").removeprefix("\ufeff")
    return new, Logged(rel, line, (written,))


def _find_open(rel: str, note: Note, line: int, text: str) -> int:
    """`line` when it still holds the open promise `text`, else the one line that does."""
    task = _task_at(note, line)
    if task is not None and not task.checked and task.text == text:
        return line
    found = [t.line for t in note.tasks if not t.checked and t.text == text]
    if len(found) == 1:
        return found[0]
    if not found:
        moved = said(
            "no open promise reads '{text}' now (was line {line}); nothing written",
            text=text,
            line=line,
        )
    else:
        moved = said(
            "{count} open promises read '{text}' now (was line {line}); nothing written",
            count=len(found),
            text=text,
            line=line,
        )
    raise WriteError(rel, moved)


def _task_at(note: Note, line: int) -> Task | None:
    return next((task for task in note.tasks if task.line == line), None)


def _source(rel: str, data: bytes) -> SourceFile:
    source = decode_note(rel, data)
    if isinstance(source, Problem):
        raise WriteError(rel, unclean(unskipped(source)))
    return source
