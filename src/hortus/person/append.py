"""Writing to the user's own files: one dated entry appended, byte for byte, under a lock.

Nothing is ever re-serialised. The new bytes are the old bytes, untouched (BOM, front matter,
comments, line endings, trailing blank lines), then a line break if the last line had none,
then the entry in the file's own line-break style. The write is atomic and checked: if the
file changed since it was read, it is read again and the entry applied once more (a few
times); if it keeps changing, nothing is written. A save by another writer in the last
instant, between the final check and the rename, is put back by `swap_checked` before the
entry is applied to it. New contact files are in `create.py`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hortus.core.errors import (
    ChangedSinceShownError,
    ChangedWhileWritingError,
    HortusError,
    WriteError,
)
from hortus.core.model import Note, Problem
from hortus.core.reasons import A_LINK, NOT_REGULAR, os_reason
from hortus.core.said import Said, said
from hortus.files.atomic import digest, in_vault, swap_checked, sweep_temps
from hortus.files.lock import vault_lock
from hortus.notes.parse import parse_note
from hortus.notes.read import MAX_NOTE_BYTES, SourceFile, decode_note, read_bytes
from hortus.store.notestore import digest_of

ATTEMPTS = 5  # reads of a note that keeps changing under `log`, before it gives up

_TAG_RE = re.compile(r"[\w/-]*[^\W\d_][\w/-]*")
_HEADING_RE = re.compile(r"(#{1,6})[ \t]")
LIST_RE = re.compile(r"\s*(?:([-*+])|\d+[.)])[ \t]")
_CONTINUATION_RE = re.compile(r"[ \t]+\S")


@dataclass(frozen=True)
class NewEntry:
    """What `hortus log` writes: a date, the user's text, tags and mention targets."""

    date: dt.date
    text: str
    tags: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()  # targets already known to resolve to one contact each
    language: str = "en"  # of the words hortus adds: "(with [[Bo]])", "(avec [[Bo]])"


@dataclass(frozen=True)
class Logged:
    path: str  # vault-relative
    line: int  # the entry's first line in the file
    lines: tuple[str, ...]  # the entry as written, without line breaks
    no_page: tuple[str, ...] = ()  # `--with` names written as typed: no contact has them yet


def between_read_and_write(path: Path) -> None:
    """Does nothing. Tests replace it to change a file at the worst moment."""


def append_entry(root: Path, rel: str, entry: NewEntry, seen: str | None = None) -> Logged:
    """Append `entry` to the note at `rel`, keeping every earlier byte; see the module doc.

    `seen` is the note's `digest_of` when the user decided (a page of `hortus serve`): if the
    file has other bytes now, `ChangedSinceShownError` and nothing is written, not even once.
    """

    def make(data: bytes) -> tuple[bytes, Logged]:
        check_seen(rel, data, seen)
        return with_entry(rel, data, entry)

    return append_with(root, rel, make)


def append_with(root: Path, rel: str, make: Callable[[bytes], tuple[bytes, Logged]]) -> Logged:
    """Write `make(bytes read)` to the note at `rel`, under the vault's lock, atomically and
    only if the file still holds the bytes read (else read again and apply again, a few
    times). Every write to a user's note goes through here: an entry (`with_entry`), a
    promise (`promise.py`), a promise's line closed (`tasks.py`)."""
    path = root / rel
    with vault_lock(root):
        # A run killed mid-append left its temp beside the note; under the lock none is in use.
        sweep_temps(path.parent, frozenset({path.name}), 0)
        for attempt in range(1, ATTEMPTS + 1):
            data = read_for_write(root, rel)
            new, logged = make(data)
            between_read_and_write(path)
            try:
                swap_checked(path, new, display=rel, expected=digest(data))
            except ChangedWhileWritingError as exc:
                if attempt == ATTEMPTS or exc.kept is not None:
                    raise
                continue
            return logged
    raise ChangedWhileWritingError(rel)  # not reached: the loop returns or raises


def check_seen(rel: str, data: bytes, seen: str | None) -> None:
    """Refuse a write decided on other bytes than the file has now (see `append_entry`)."""
    if seen is not None and digest_of(data) != seen:
        raise ChangedSinceShownError(rel)


def read_for_write(root: Path, rel: str) -> bytes:
    """The bytes of a file hortus may write to, or `WriteError` saying why it may not."""
    path = root / rel
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise WriteError(rel, os_reason(exc)) from exc
    if stat.S_ISLNK(info.st_mode):
        raise WriteError(rel, A_LINK)
    if not stat.S_ISREG(info.st_mode):
        raise WriteError(rel, NOT_REGULAR)
    if not info.st_mode & stat.S_IWUSR:
        # Mode bits, not `os.access`: root may write anything, but the user said "read-only".
        raise WriteError(rel, said("it is read-only (its owner may not write it); nothing written"))
    if info.st_nlink > 1:
        raise WriteError(
            rel,
            said(
                "it has {count} hard links; replacing it would split them apart",
                count=info.st_nlink,
            ),
        )
    if not in_vault(root, path.parent):
        raise WriteError(rel, said("it is outside the vault"))
    data = read_bytes(root, rel)
    if isinstance(data, Problem):
        raise WriteError(rel, unclean(_reason(data)))
    return data


def unclean(reason: Said) -> Said:
    return said("hortus cannot read it cleanly: {reason}", reason=reason)


def _reason(problem: Problem) -> Said:
    return said("line {line}: {problem}", line=problem.source.line, problem=unskipped(problem))


def unskipped(problem: Problem) -> Said:
    """What a problem that skips its file says, as the reason a write is refused: without its
    "; skipped" (a refused write skips nothing). Such a problem is `core.said.skipped` around
    its own sentence, which is the one given; any other problem is said whole."""
    sentence = problem.said
    if sentence.template == "{problem}; skipped" and isinstance(
        inner := sentence.values[0][1], Said
    ):
        return inner
    return sentence


def with_entry(rel: str, data: bytes, entry: NewEntry) -> tuple[bytes, Logged]:
    """The file's bytes with `entry` appended (a pure function), and what was written where.

    Refuses (`WriteError`) a file that does not read cleanly, and an entry that would not read
    back as a dated entry at the line it was written to.
    """
    utf8_text(said("the entry"), " ".join((entry.text, *entry.tags, *entry.mentions)))
    source = clean_source(rel, data)
    note = parse_note(source)
    text = source.text
    newline = newline_of(data)
    heading = _style(note, text)
    lines = entry_lines(entry, heading)
    before = _separator(data, text, heading)
    line = (text + before).count("\n") + 1
    added = (before + "\n".join(lines) + "\n").replace("\n", newline)
    new = data + added.encode("utf-8")
    if len(new) > MAX_NOTE_BYTES:
        raise WriteError(
            rel,
            said(
                "the entry would make it larger than {size} MiB, the most hortus reads in one "
                "note; nothing written (start a second note for this person)",
                size=MAX_NOTE_BYTES // 2**20,
            ),
        )
    _check_reads_back(rel, new, line, entry.date)
    return new, Logged(rel, line, tuple(lines))


def utf8_text(what: Said | str, text: str) -> str:
    """`text` if it is UTF-8 text, else `HortusError` naming the first byte that is not.
    `what` names the text: a sentence (`the entry`), or a word said as it is (a key).

    An argument that is not UTF-8 reaches Python as lone surrogates (`\\udcff` for 0xff): they
    cannot be written to a UTF-8 note, and would fail there with a traceback."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = text[exc.start]
        byte = f"0x{ord(bad) - 0xDC00:02x}" if 0xDC80 <= ord(bad) <= 0xDCFF else repr(bad)
        raise HortusError(
            said(
                "{what} is not UTF-8 text (byte {byte} at character {position}); "
                "nothing written. Set your terminal or file to UTF-8",
                what=what,
                byte=byte,
                position=exc.start + 1,
            )
        ) from None
    return text


def decode_input(what: Said | str, data: bytes) -> str:
    """Bytes read from stdin as text, or `HortusError` at the first byte that is not UTF-8
    (`what` as for `utf8_text`)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise HortusError(
            said(
                "{what} is not UTF-8 text (byte {byte} at offset {offset}); "
                "nothing written. Set your terminal or file to UTF-8",
                what=what,
                byte=f"0x{data[exc.start]:02x}",
                offset=exc.start,
            )
        ) from None


def clean_source(rel: str, data: bytes) -> SourceFile:
    source = decode_note(rel, data)
    if isinstance(source, Problem):
        raise WriteError(rel, unclean(_reason(source)))
    if source.problems:
        raise WriteError(rel, front_matter_problem(_reason(source.problems[0])))
    return source


def front_matter_problem(reason: Said) -> Said:
    return said(
        "its front matter has a problem ({reason}); "
        "fix it first (`hortus check` lists every problem)",
        reason=reason,
    )


def newline_of(data: bytes) -> str:
    """The file's line-break style, from its first line break (`\\n` when it has none)."""
    first = data.find(b"\n")
    if first > 0 and data[first - 1 : first] == b"\r":
        return "\r\n"
    if first == -1 and b"\r" in data:
        return "\r"
    return "\n"


def _style(note: Note, text: str) -> str | None:
    """The heading marks (`##`) of the file's last entry, or None for a list-item entry.
    A file without entries gets `##` headings."""
    if not note.entries:
        return "##"
    last = max(note.entries, key=lambda e: e.line)
    raw = text.split("\n")[last.line - 1]
    if LIST_RE.match(raw):
        return None
    heading = _HEADING_RE.match(raw)
    return heading.group(1) if heading else "##"


def _separator(data: bytes, text: str, heading: str | None) -> str:
    """A line break if the last line lacks one, then a blank line unless the entry can follow
    directly (after blank lines, or a list entry right after a list)."""
    if not text:
        return ""
    missing = "" if data.endswith((b"\n", b"\r")) else "\n"
    last = text.rstrip("\n").rsplit("\n", 1)[-1]
    if missing == "" and text.endswith("\n\n"):
        return ""
    if heading is None and (LIST_RE.match(last) or _CONTINUATION_RE.match(last)):
        return missing
    return missing + "\n"


def with_names(mentions: tuple[str, ...], language: str) -> str:
    """The people an entry or a promise was with, in the vault's language: `(with [[Bo]])`."""
    from hortus.render.i18n import catalogue

    names = ", ".join(f"[[{m}]]" for m in mentions)
    return catalogue(language).t("entry.with", names=names)


def entry_lines(entry: NewEntry, heading: str | None) -> list[str]:
    """`## 2026-11-27 Title …` or `- 2026-11-27: Title …`, then the rest of the text."""
    body = entry.text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")
    extras = []
    if entry.mentions:
        extras.append(with_names(entry.mentions, entry.language))
    extras.extend(f"#{tag}" for tag in entry.tags)
    title = " ".join(part for part in (body[0].strip(), *extras) if part)
    date = entry.date.isoformat()
    if heading is not None:
        return [f"{heading} {date} {title}".rstrip(), *(line.rstrip() for line in body[1:])]
    rest = [f"  {line}".rstrip() for line in body[1:]]
    return [f"- {date}: {title}".rstrip(), *rest]


def check_tag(tag: str) -> str:
    """A tag as hortus reads it (`#` optional on input), or `HortusError`."""
    bare = tag.strip().lstrip("#")
    if not _TAG_RE.fullmatch(bare):
        raise HortusError(
            said(
                "'{tag}' is not a tag hortus can read: use letters, digits, '-', '_' and '/', "
                "with at least one letter",
                tag=tag,
            )
        )
    return bare


def _check_reads_back(rel: str, new: bytes, line: int, date: dt.date) -> None:
    source = decode_note(rel, new)
    note = parse_note(source) if isinstance(source, SourceFile) else None
    if note is None or not any(e.line == line and e.date == date for e in note.entries):
        raise WriteError(
            rel,
            said(
                "the new entry would not read back as a dated entry (does the file end inside "
                "a code block or an HTML comment?); nothing written"
            ),
        )
