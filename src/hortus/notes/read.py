"""Finding and reading the vault's notes: the only module that reads the user's files.

It hands on decoded text with its front matter split off and loaded, and turns
everything that can go wrong with a file into a `Problem` at that file's line.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import yaml
from frontmatter.default_handlers import YAMLHandler

from hortus.core.model import Meta, Problem, Source
from hortus.core.reasons import os_reason
from hortus.core.said import Said, said, skipped

# Where the rest of hortus (and the tests) have always found them.
from hortus.notes.walk import SKIPPED_FOLDERS as SKIPPED_FOLDERS
from hortus.notes.walk import Walk as Walk
from hortus.notes.walk import displayable as displayable
from hortus.notes.walk import is_candidate as is_candidate
from hortus.notes.walk import walk_some as walk_some
from hortus.notes.walk import walk_vault as walk_vault

MAX_NOTE_BYTES = 2 * 1024 * 1024  # a note larger than this is not a journal note
MAX_META_NODES = 5_000
MAX_META_DEPTH = 32
# python-frontmatter's own boundary (`---` on a line of its own), so hortus reads front
# matter where the rest of the Markdown tool world does; we keep positions for line numbers.
_FM_BOUNDARY: re.Pattern[str] = YAMLHandler.FM_BOUNDARY
_YAML_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = frozenset(
    _YAML_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it


class _TextLoader(_Loader):  # type: ignore[misc,valid-type]
    """The safe loader without YAML 1.1's implicit types: `0123`, `NO`, `1:20`, `1_000` and
    `2026-11-20` stay the text they are written as (and composing skips the regex guesses)."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}


@dataclass(frozen=True)
class SourceFile:
    """A readable note: newline-normalised text, its front matter, and where its body starts."""

    path: str
    body: str
    body_line: int  # the file line (1-based) of the body's first line
    meta: Meta
    problems: tuple[Problem, ...] = field(default=())
    text: str = ""  # the whole file (front matter included), as the lines are counted


def read_note(root: Path, rel: str) -> SourceFile | Problem:
    """Read, decode and split one note; a file that cannot be read at all is one `Problem`."""
    data = read_bytes(root, rel)
    return data if isinstance(data, Problem) else decode_note(rel, data)


def decode_note(rel: str, data: bytes) -> SourceFile | Problem:
    """Bytes already read (by `read_bytes`) into a split note, or the one `Problem` they have."""
    text = _decode(data, rel)
    if isinstance(text, Problem):
        return text
    return split_front_matter(rel, text)


def read_bytes(root: Path, rel: str, info: os.stat_result | None = None) -> bytes | Problem:
    """A regular file's bytes (never through a link, never more than the size cap). `info`:
    the file's `lstat`, when the caller has just taken it."""
    full = os.path.join(root, rel)
    try:
        info = info or os.lstat(full)
        if not stat.S_ISREG(info.st_mode):
            return _problem(rel, skipped(said("not a regular file")))
        if info.st_size > MAX_NOTE_BYTES:
            return _too_large(rel)
        flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(full, flags)
        try:
            data = _read_capped(fd, info.st_size)
        finally:
            os.close(fd)
    except OSError as exc:
        return _problem(rel, skipped(said("cannot be read ({why})", why=os_reason(exc))))
    if len(data) > MAX_NOTE_BYTES:
        return _too_large(rel)
    return data


def _too_large(rel: str) -> Problem:
    return _problem(rel, skipped(said("larger than {size} MiB", size=MAX_NOTE_BYTES // 2**20)))


def _read_capped(fd: int, expected: int) -> bytes:
    """At most the cap and one byte more. Asks for the size `lstat` gave, plus one byte to see
    the file grew: asking for the cap itself would cost a cap-sized buffer per note."""
    parts: list[bytes] = []
    total, want = 0, expected + 1
    while total <= MAX_NOTE_BYTES:
        chunk = os.read(fd, min(want, MAX_NOTE_BYTES + 1 - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
        want = 1 << 16  # it grew since it was measured: read on, in blocks
    return b"".join(parts)


def _decode(data: bytes, rel: str) -> str | Problem:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _problem(rel, said("UTF-16 text; skipped (save the file as UTF-8)"))
    nul = data.find(b"\x00")
    if nul >= 0:
        return _problem(
            rel, skipped(said("looks binary (NUL byte at offset {offset})", offset=nul))
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start]
        message = said(
            "not valid UTF-8 (byte 0x{byte} on line {line}); skipped (save it as UTF-8)",
            byte=f"{byte:02X}",
            line=line,
        )
        return _problem(rel, message)
    # Every line break style counts as one line, as in markdown-it and in editors.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(rel: str, text: str) -> SourceFile:
    """Split `---` front matter from the body, keeping the body's line in the file."""
    opening = _FM_BOUNDARY.match(text)
    if opening is None:
        return SourceFile(rel, text, 1, Meta(), text=text)
    closing = _FM_BOUNDARY.search(text, opening.end())
    if closing is None:
        message = said("front matter opened at line 1 is not closed (add a '---' line after it)")
        return SourceFile(rel, "", 1, Meta(), (_problem(rel, message),), text)
    yaml_text = text[opening.end() : closing.start()]
    yaml_line = text.count("\n", 0, opening.end()) + 1
    meta, problems = load_meta(rel, yaml_text, yaml_line)
    body_line = text.count("\n", 0, closing.end()) + 1
    return SourceFile(rel, text[closing.end() :], body_line, meta, tuple(problems), text)


def load_meta(rel: str, yaml_text: str, first_line: int) -> tuple[Meta, list[Problem]]:
    """YAML front matter into a `Meta`; refuses tags, anchors and aliases before building values."""
    if not yaml_text.strip():
        return Meta(), []
    anchor_line = _first_anchor(yaml_text)
    if anchor_line is not None:
        message = said("front matter uses YAML anchors or aliases, which hortus does not read")
        return Meta(), [_problem(rel, message, anchor_line + first_line)]
    try:
        node = yaml.compose(yaml_text, Loader=_TextLoader)
    except yaml.MarkedYAMLError as exc:
        return Meta(), [_yaml_problem(rel, exc, first_line)]
    except yaml.reader.ReaderError as exc:
        return Meta(), [_control_problem(rel, yaml_text, exc, first_line)]
    except (yaml.YAMLError, RecursionError, ValueError, MemoryError) as exc:
        return Meta(), [
            _problem(rel, said("front matter is not valid YAML ({why})", why=exc), first_line)
        ]
    if node is None:
        return Meta(), []
    refusal = _check_nodes(node)
    if refusal is not None:
        message, mark_line = refusal
        return Meta(), [_problem(rel, message, mark_line + first_line)]
    if not isinstance(node, yaml.MappingNode):
        message = said("front matter must be a mapping of `key: value` lines; ignored")
        return Meta(), [_problem(rel, message, node.start_mark.line + first_line)]
    return _build_meta(rel, node, first_line)


def _first_anchor(yaml_text: str) -> int | None:
    """The line of the first `&anchor` or `*alias`: refused before any value is built."""
    if "&" not in yaml_text and "*" not in yaml_text:
        return None  # the common case costs one substring search
    try:
        for token in yaml.scan(yaml_text, Loader=_Loader):
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                return int(token.start_mark.line)
    except (yaml.YAMLError, RecursionError, ValueError):
        return None  # `compose` reports the syntax error with its position
    return None


def _check_nodes(root: yaml.Node) -> tuple[Said, int] | None:
    """Refuse what a journal never needs and an attacker loves: aliases, custom tags, depth."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        line = node.start_mark.line
        if id(node) in seen:
            return said(
                "front matter uses YAML anchors or aliases, which hortus does not read"
            ), line
        seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            message = said(
                "front matter uses the YAML tag '{tag}', which hortus does not read", tag=node.tag
            )
            return message, line
        if depth > MAX_META_DEPTH:
            return said("front matter is nested too deeply"), line
        if len(seen) > MAX_META_NODES:
            message = said("front matter is too large (over {count} values)", count=MAX_META_NODES)
            return message, root.start_mark.line
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend(((key, depth + 1), (value, depth + 1)))
    return None


def _build_meta(rel: str, node: yaml.MappingNode, first_line: int) -> tuple[Meta, list[Problem]]:
    """Every value as its source text: hortus types only the fields it reads, each by its own
    rule (index/contacts.py), so no phone number, postcode or country code changes on the way."""
    values: dict[str, object] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + first_line
        key = _key(key_node)
        if key in values:
            message = said(
                "'{key}' appears twice (lines {first} and {line}); the last one is used",
                key=key,
                first=lines[key],
                line=line,
            )
            problems.append(_problem(rel, message, line))
        values[key] = _text_value(value_node)
        lines[key] = line
    return Meta(values, lines), problems


def _text_value(node: yaml.Node) -> object:
    """A node as text, lists and text-keyed mappings; `key:` with nothing after it is None."""
    if isinstance(node, yaml.ScalarNode):
        value: str = node.value
        return None if not value and not node.style else value  # plain: libyaml says ""
    if isinstance(node, yaml.SequenceNode):
        return [_text_value(child) for child in node.value]
    return {_key(key): _text_value(value) for key, value in node.value}


def _key(node: yaml.Node) -> str:
    value = _text_value(node)
    return value if isinstance(value, str) else str(value)


def _yaml_problem(rel: str, exc: yaml.MarkedYAMLError, first_line: int) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    what = exc.problem or exc.context or "syntax error"
    if mark is None:
        return _problem(rel, said("front matter is not valid YAML: {what}", what=what), 1)
    message = said(
        "front matter is not valid YAML: {what} (column {column})",
        what=what,
        column=mark.column + 1,
    )
    return _problem(rel, message, mark.line + first_line)


def _control_problem(
    rel: str, yaml_text: str, exc: yaml.reader.ReaderError, first_line: int
) -> Problem:
    """A character YAML refuses (ESC, a C1 control…), at its own line and column."""
    before = yaml_text[: exc.position]
    line = before.count("\n") + first_line
    column = exc.position - (before.rfind("\n") + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(exc.character)
    message = said(
        "front matter holds the control character U+{code} (column {column}); "
        "YAML reads only text (in double quotes, write it as an escape like \\x1b)",
        code=f"{code:04X}",
        column=column,
    )
    return _problem(rel, message, line)


def yaml_value(value: str | list[str]) -> str:
    """A value as one line of YAML that reads back as exactly that value (quoted if it must be)."""
    text: str = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**6)
    return text.removesuffix("\n").removesuffix("\n...").rstrip("\n")


def _problem(rel: str, message: Said, line: int = 1) -> Problem:
    return Problem(Source(rel, line), message)
