"""Promises written from the terminal: one appended (`hortus log --promise`), one marked kept
(`hortus done`).

Both are byte edits under the vault's lock, like `append.py`'s entries: appending keeps every
earlier byte; marking a promise kept changes one line (`- [ ]` → `- [x]`, then `✅ DATE`) and
no other byte. Both are atomic and compare-and-swap: if the file changed since it was read,
it is read again and the edit made once more (the promise found again by its text when its
line moved); if it changes again, nothing is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hortus.core.errors import ChangedWhileWritingError, WriteError
from hortus.core.model import Note, Problem, Task
from hortus.files.atomic import atomic_write, digest, sweep_temps
from hortus.files.lock import vault_lock
from hortus.notes.parse import parse_note
from hortus.notes.read import SourceFile, decode_note
from hortus.person.append import newline_of, read_for_write

# A task line whose due date is written todo.txt style (`due:2026-12-01`).
_TODO_TXT_DUE_RE = re.compile(r"(?m)^\s*(?:[-*+]|\d+[.)])[ \t]+\[[ xX]\].*(?<!\S)due:\d{4}-")
_TASKS_DUE_RE = re.compile(r"(?m)^\s*(?:[-*+]|\d+[.)])[ \t]+\[[ xX]\].*📅")
_LIST_RE = re.compile(r"\s*(?:[-*+]|\d+[.)])[ \t]")
_OPEN_BOX_RE = re.compile(rb"^([ \t]*(?:[-*+]|\d+[.)])[ \t]+)\[ \]")
_LINE_BREAK_RE = re.compile(rb"\r\n|\r|\n")


@dataclass(frozen=True)
class NewPromise:
    """What `hortus log NAME TEXT --promise` writes: one task line."""

    text: str
    due: dt.date | None = None
    tags: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()  # targets already known to resolve to one contact each


@dataclass(frozen=True)
class Edited:
    path: str  # vault-relative
    line: int  # the promise's line in the file
    text: str  # the line as written, without its line break


def between_read_and_write(path: Path) -> None:
    """Does nothing. Tests replace it to change a file at the worst moment."""


def append_promise(root: Path, rel: str, promise: NewPromise) -> Edited:
    """Append `- [ ] TEXT 📅 DATE` (or `due:DATE` when the file writes its due dates so) to
    the note at `rel`, keeping every earlier byte."""
    return _edit(root, rel, lambda data: with_promise(rel, data, promise))


def mark_kept(root: Path, rel: str, line: int, text: str, day: dt.date) -> Edited:
    """Mark the open promise `text` at `line` of `rel` kept on `day`. When the file changed
    and the line no longer holds it, the one open promise with that text is marked; when
    there is none, or several, `WriteError` and nothing is written."""
    return _edit(root, rel, lambda data: with_kept(rel, data, line, text, day))


def _edit(root: Path, rel: str, change: Callable[[bytes], tuple[bytes, Edited]]) -> Edited:
    path = root / rel
    with vault_lock(root):
        # A run killed mid-write left its temp beside the note; under the lock none is in use.
        sweep_temps(path.parent, frozenset({path.name}), 0)
        for attempt in (1, 2):
            data = read_for_write(root, rel)
            new, edited = change(data)
            between_read_and_write(path)
            try:
                atomic_write(path, new, display=rel, expected=digest(data))
            except ChangedWhileWritingError:
                if attempt == 2:
                    raise
                continue
            return edited
    raise ChangedWhileWritingError(rel)  # not reached: the loop returns or raises


def with_promise(rel: str, data: bytes, promise: NewPromise) -> tuple[bytes, Edited]:
    """The file's bytes with the promise appended (pure), and where it went."""
    source = _source(rel, data)
    if source.problems:
        raise WriteError(
            rel,
            f"its front matter has a problem (line {source.problems[0].source.line}: "
            f"{source.problems[0].message}); fix it first (`hortus check` lists every problem)",
        )
    text = source.text
    line_text = promise_line(promise, todo_txt=_uses_todo_txt(text))
    before = _separator(data, text)
    line = (text + before).count("\n") + 1
    added = (before + line_text + "\n").replace("\n", newline_of(data))
    new = data + added.encode("utf-8")
    task = _task_at(parse_note(_source(rel, new)), line)
    if task is None or task.checked or task.due != promise.due:
        raise WriteError(
            rel,
            "the promise would not read back as an open task (does the file end inside a "
            "code block or an HTML comment?); nothing written",
        )
    return new, Edited(rel, line, line_text)


def promise_line(promise: NewPromise, *, todo_txt: bool) -> str:
    """`- [ ] text (with [[X]]) #tag 📅 2026-12-01`: the text made one line."""
    parts = [" ".join(promise.text.split())]
    if promise.mentions:
        parts.append("(with " + ", ".join(f"[[{m}]]" for m in promise.mentions) + ")")
    parts.extend(f"#{tag}" for tag in promise.tags)
    if promise.due is not None:
        due = promise.due.isoformat()
        parts.append(f"due:{due}" if todo_txt else f"📅 {due}")
    return "- [ ] " + " ".join(part for part in parts if part)


def _uses_todo_txt(text: str) -> bool:
    """Whether the file already writes due dates `due:DATE` (and never `📅 DATE`)."""
    return bool(_TODO_TXT_DUE_RE.search(text)) and not _TASKS_DUE_RE.search(text)


def _separator(data: bytes, text: str) -> str:
    """A line break if the last line lacks one, then a blank line unless the promise joins
    a list that ends the file."""
    if not text:
        return ""
    missing = "" if data.endswith((b"\n", b"\r")) else "\n"
    if not missing and text.endswith("\n\n"):
        return ""
    last = text.rstrip("\n").rsplit("\n", 1)[-1]
    return missing if _LIST_RE.match(last) else missing + "\n"


def with_kept(rel: str, data: bytes, line: int, text: str, day: dt.date) -> tuple[bytes, Edited]:
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
        raise WriteError(rel, f"line {line} is not a `- [ ]` task line; nothing written")
    marker = f"done:{day.isoformat()}" if b"due:" in raw and "📅".encode() not in raw else None
    marker = marker or f"✅ {day.isoformat()}"
    content = raw[: len(bom)] + box.group(1) + b"[x]" + raw[len(bom) + box.end() :]
    kept = content.rstrip(b" \t")
    pieces[line - 1] = kept + b" " + marker.encode("utf-8") + content[len(kept) :]
    new = b"".join(piece + brk for piece, brk in zip(pieces, [*breaks, b""], strict=True))
    task = _task_at(parse_note(_source(rel, new)), line)
    if task is None or not task.checked or task.done != day:
        raise WriteError(rel, f"line {line} would not read back as a kept promise; nothing written")
    written = pieces[line - 1].decode("utf-8").removeprefix("\ufeff")
    return new, Edited(rel, line, written)


def _find_open(rel: str, note: Note, line: int, text: str) -> int:
    """`line` when it still holds the open promise `text`, else the one line that does."""
    task = _task_at(note, line)
    if task is not None and not task.checked and task.text == text:
        return line
    found = [t.line for t in note.tasks if not t.checked and t.text == text]
    if len(found) == 1:
        return found[0]
    where = "no open promise" if not found else f"{len(found)} open promises"
    raise WriteError(rel, f"{where} read '{text}' now (was line {line}); nothing written")


def _task_at(note: Note, line: int) -> Task | None:
    return next((task for task in note.tasks if task.line == line), None)


def _source(rel: str, data: bytes) -> SourceFile:
    source = decode_note(rel, data)
    if isinstance(source, Problem):
        reason = source.message.removesuffix("; skipped")
        raise WriteError(rel, f"hortus cannot read it cleanly: {reason}")
    return source
