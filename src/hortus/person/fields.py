"""Values added to a contact's front matter (`hortus import vcard DIR --update --write`), byte
for byte: every existing byte is kept (BOM, comments, key order, line breaks), new lines go in
just before the closing `---`, and a value joins an existing list in that list's own style. A
value is never changed or removed. The result must read back as the old values plus the new
ones, or nothing is written. The write is `append.py`'s: locked, atomic, compare-and-swap.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hortus.core.errors import WriteError
from hortus.core.model import Problem
from hortus.core.said import Said, said
from hortus.notes.read import SourceFile, decode_note, yaml_value
from hortus.person.append import (
    Logged,
    append_with,
    front_matter_problem,
    newline_of,
    read_for_write,
    unclean,
)

BOM = b"\xef\xbb\xbf"
_BREAK_RE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_CLOSE_RE = re.compile(rb"(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n)?")
_ITEM_RE = re.compile(rb"([ \t]*-[ \t]+)")
_FLOW_END_RE = re.compile(rb"\][ \t]*(?:#[^\r\n]*)?(?:\r\n|\r|\n)?$")


@dataclass(frozen=True)
class Addition:
    """Values to add to one field: the keys it may be under, the list key first
    (`("emails", "email")`); `single`: a one-value field (`birthday`, `company`)."""

    keys: tuple[str, ...]
    values: tuple[str, ...]
    single: bool = False
    # Whether readers take the values of every key together (`email` and `emails`); when
    # not (`aliases` hides `alias`), a new key beside an existing one would hide it.
    together: bool = True


@dataclass(frozen=True)
class Added:
    path: str
    written: tuple[tuple[str, tuple[str, ...]], ...]  # key → values added under it
    skipped: tuple[Said, ...]  # why a value was not added (a form hortus does not edit)


def add_fields(root: Path, rel: str, additions: Sequence[Addition]) -> Added:
    """Add the values to the note's front matter, through the same locked, checked write as
    `hortus log` (`append_with`); see the module doc. Nothing to add: nothing written."""
    found = with_fields(rel, read_for_write(root, rel), additions)
    if not found[1].written:
        return found[1]
    added: list[Added] = []

    def make(data: bytes) -> tuple[bytes, Logged]:
        new, done = with_fields(rel, data, additions)
        added[:] = [done]
        return new, Logged(rel, 1, ())

    append_with(root, rel, make)
    return added[0]


def with_fields(rel: str, data: bytes, additions: Sequence[Addition]) -> tuple[bytes, Added]:
    """The file's bytes with the values added (pure), and what was added where."""
    before = _source(rel, data)
    values = before.meta.values
    edits: list[tuple[int, bytes]] = []  # (byte offset, bytes to insert there)
    appended: list[str] = []  # new `key: value` lines, before the closing `---`
    written: list[tuple[str, tuple[str, ...]]] = []
    skipped: list[Said] = []
    lines = _lines(data)
    expected = dict(values)
    for addition in additions:
        new = addition.values
        key, how = _place(addition, values)
        edit = _into_list(lines, before.meta.line_of(key), new) if how == "list" else None
        if how == "list" and edit is not None:
            edits.append(edit)
            expected[key] = [*_as_list(values[key]), *new]
        elif how in ("scalar", "new list"):
            value: str | list[str] = new[0] if how == "scalar" else list(new)
            appended.append(f"{key}: {yaml_value(value)}")
            expected[key] = value
        else:
            skipped.append(
                said(
                    "{key}: {values} (add it by hand: hortus edits only lists)",
                    key=key,
                    values=", ".join(new),
                )
            )
            continue
        written.append((key, new))
    new_data = _apply(data, lines, edits, appended)
    _check(rel, new_data, expected)
    return new_data, Added(rel, tuple(written), tuple(skipped))


def _place(addition: Addition, values: dict[str, object]) -> tuple[str, str | None]:
    """Under which key the values go, and how: `scalar` or `new list` (a new line), `list`
    (into an existing list), or None (every key holds a value hortus does not edit)."""
    keys = addition.keys
    for key in keys:
        if isinstance(values.get(key), list):
            return key, "list"
    plural, singular = keys[0], keys[-1]
    if not addition.together and any(key in values for key in keys):
        return plural, None
    if addition.single:
        return plural, "scalar" if plural not in values else None
    if plural not in values and singular not in values and len(addition.values) == 1:
        return singular, "scalar"  # `email: ada@example.com`, as a person writes it
    return plural, "new list" if plural not in values else None


def _as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else [value]


def _into_list(
    lines: list[tuple[int, bytes]], key_line: int, new: tuple[str, ...]
) -> tuple[int, bytes] | None:
    """Where and what to insert to add `new` to the list whose key is on `key_line`."""
    offset, text = lines[key_line - 1]
    head = text.split(b":", 1)[1].strip() if b":" in text else b""
    newline = b"\r\n" if text.endswith(b"\r\n") else text[-1:] if text[-1:] in b"\r\n" else b"\n"
    if head.startswith(b"["):
        end = _FLOW_END_RE.search(text)
        if end is None or head.startswith(b"[]"):
            return None
        items = b"".join(b", " + yaml_value(v).encode("utf-8") for v in new)
        return offset + end.start(), items
    if head and not head.startswith(b"#"):
        return None
    last = None
    for number in range(key_line, len(lines)):
        item = _ITEM_RE.match(lines[number][1])
        if item:
            last = (number, item.group(1))
        elif lines[number][1].strip() and not lines[number][1].lstrip().startswith(b"#"):
            break
    if last is None:
        return None
    number, prefix = last
    after = lines[number][0] + len(lines[number][1])
    items = b"".join(prefix + yaml_value(v).encode("utf-8") + newline for v in new)
    return after, items


def _lines(data: bytes) -> list[tuple[int, bytes]]:
    """Each line with its byte offset and its line break (the first line without the BOM)."""
    start = len(BOM) if data.startswith(BOM) else 0
    return [(m.start(), m.group()) for m in _BREAK_RE.finditer(data, start)]


def _apply(
    data: bytes, lines: list[tuple[int, bytes]], edits: list[tuple[int, bytes]], appended: list[str]
) -> bytes:
    newline = newline_of(data).encode()
    if appended:
        block = b"".join(line.encode("utf-8") + newline for line in appended)
        edits.append(_closing(data, lines, block, newline))
    for offset, inserted in sorted(edits, reverse=True):
        data = data[:offset] + inserted + data[offset:]
    return data


def _closing(
    data: bytes, lines: list[tuple[int, bytes]], block: bytes, newline: bytes
) -> tuple[int, bytes]:
    """Where new key lines go: before the closing `---`; a file without front matter gets one."""
    if lines and lines[0][1].rstrip(b"\r\n") == b"---":
        for offset, text in lines[1:]:
            if _CLOSE_RE.fullmatch(text):
                return offset, block
    start = len(BOM) if data.startswith(BOM) else 0
    return start, b"---" + newline + block + b"---" + newline


def _check(rel: str, new: bytes, expected: dict[str, object]) -> None:
    """The new front matter must read as the old values plus exactly the added ones."""
    after = decode_note(rel, new)
    if isinstance(after, Problem) or after.problems or after.meta.values != expected:
        raise WriteError(
            rel, said("the front matter would not read back as intended; nothing written")
        )


def _source(rel: str, data: bytes) -> SourceFile:
    source = decode_note(rel, data)
    if isinstance(source, Problem):
        raise WriteError(rel, unclean(source.said))
    if source.problems:
        first = source.problems[0]
        where = said("line {line}: {problem}", line=first.source.line, problem=first.said)
        raise WriteError(rel, front_matter_problem(where))
    return source
