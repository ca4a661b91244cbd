"""A fast line scanner for the Markdown most notes are written in, or None to say "not sure".

markdown-it-py (see parse.py) reads any note correctly but costs ~360 µs a note. Most notes use a
small part of Markdown: ATX headings, top-level fenced code, `-`/`*`/`+` and `1.`/`1)` lists
nested by spaces or tabs (a tab goes on to the next multiple of 4 columns, as CommonMark counts
indentation), paragraphs, one-line code spans, `[[wikilinks]]`, `[text](path)` links and
images. This module reads exactly that part, line by line, and yields the facts parse.py takes
from markdown-it's tokens: the headings and list items in order (with their lines and text),
the wikilinks and link destinations with their lines, and the text tags are read from.

It decides conservatively. A note with anything it does not model exactly (escapes, HTML, a tab
right after a list marker, `\\r`, block quotes, setext underlines and rules, empty items,
reference definitions, indented code, headings or fences inside lists, code spans it cannot pair
on one line, brackets it cannot match simply, deep nesting) gives None, and parse.py reads it
with markdown-it. A test compares both readers on a corpus, two vaults and generated bodies;
imports nothing but the standard library.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

# Line starts the scanner never models (see `_Scanner.line`); characters: see `_unmodelled`.
# An ordered list marker (1 to 9 ASCII digits) followed by a space, a tab or the line end.
_ORDERED_RE = re.compile(r"([0-9]{1,9})[.)](?=[ \t]|$)")
_RULE_MARKS = "-=*_+ \t"  # a line of only these: a rule, a setext underline or an empty item
_ODD_STARTS = ">-=*_+"  # a line starting so may be one of those
_BLOCK_STARTS = "#`~-*+"  # a line starting otherwise is paragraph text
_HEADING_RE = re.compile(r"(#{1,6})(?:[ \t]|$)")
_FENCE_RE = re.compile(r"`{3,}|~{3,}")
# Item text that would open a block of its own (a heading, fence, list or code in the item).
_NOT_PLAIN_RE = re.compile(r"#{1,6}(?:[ \t]|$)|```|~~~|[-*+](?:[ \t]|$)|\d{1,9}[.)]|[ \t>]")
_NOT_PLAIN_STARTS = "#`~-*+> \t0123456789"
_SPECIAL_RE = re.compile(r"[\[!`]")
# Left to right as markdown-it reads a line of only text and brackets: (group 1) a wikilink; a
# label, its `]` (group 2) followed by (group 3) a simple destination, or (group 4) a `(` we
# cannot read; or a `[` we cannot pair (no group). Read with `findall`, the fastest way: groups
# that take no part are "", so group 2 tells a label from a lone `[`.
_BRACKETS_RE = re.compile(
    r"\[\[([^\[\]\n]+)\]\]|\[[^\[\]`]*(\])(?:\(([^\x00-\x20\x7f()\\&<]+)\)|(\()?)|\["
)
WIKILINK_RE = re.compile(r"(!?)\[\[([^\[\]\n]+)\]\]")
# A link destination markdown-it takes verbatim: no spaces, parentheses, escapes or entities.
_DEST_RE = re.compile(r"\(([^\x00-\x20\x7f()\\&<]+)\)")
MAX_DEPTH = 6  # nested lists deeper than this go to markdown-it (its nesting limit is near)
MAX_BRACKETS = 20_000  # parse.py reads notes with more `[` in a special way

WIKI = "wikilink"
LINK = "link"
IMAGE = "image"  # reported only so that parse.py can check that markdown-it takes it


@dataclass(slots=True)
class Item:
    """A list item: its lines (0-based, end exclusive) and its first paragraph's text; only
    those that `may_matter` are reported."""

    start: int
    end: int
    content: str = ""


@dataclass(slots=True)
class Scan:
    # Headings as (level, line, text) and list items, in the order markdown-it opens them.
    blocks: list[tuple[int, int, str] | Item] = field(default_factory=list)
    # (line, WIKI, the text inside `[[ ]]`) or (line, LINK or IMAGE, the raw destination).
    refs: list[tuple[int, str, str]] = field(default_factory=list)
    # (line, text) with code, wikilinks, images and link syntax blanked: where tags are read.
    texts: list[tuple[int, str]] = field(default_factory=list)
    total: int = 1  # lines, as markdown-it counts them


class _UnsureError(Exception):
    """The scanner met something it does not model exactly."""


def scan_body(body: str) -> Scan | None:
    """The body's headings, list items, links and tag text; None if markdown-it must read it."""
    if _unmodelled(body) or body.count("[") > MAX_BRACKETS:
        return None
    scanner = _Scanner()
    try:
        for number, line in enumerate(body.split("\n")):
            scanner.line(number, line)
    except _UnsureError:
        return None
    scanner.scan.total = body.count("\n") + 1  # no `\r` here
    scanner.finish(scanner.scan.total)
    return scanner.scan


class _Scanner:
    """Block structure, one line at a time; see markdown-it's `rules_block` for the rules."""

    def __init__(self) -> None:
        self.scan = Scan()
        self.items: list[Item | None] = []  # the open list items, outermost first
        self.starts: list[int] = []  # the line each open item starts on
        self.cols: list[int] = []  # the column each open item's text starts at
        self.fence: str | None = None  # the opening run of an open fence
        self.para = False  # a paragraph is open (the last line was its text)
        self.first: list[str] | None = None  # lines of an item's first paragraph, while open

    def line(self, number: int, line: str) -> None:
        if self.fence is not None:
            self._in_fence(line)
            return
        text = line.lstrip(" \t")
        if not text:
            if self.para:
                self._close_para()
            return
        first = text[0]
        indent = len(line) - len(text)
        if indent and "\t" in line[:indent]:
            indent = _columns(line[:indent])
        if first in "-*+" and text[1:2] == " ":
            if text[2:3] in _RULE_MARKS and not text.strip(_RULE_MARKS):
                raise _UnsureError  # a rule (`- - -`) or an empty item
            self._bullet(number, indent, text, line)
            return
        if first in "0123456789" and (marker := _ORDERED_RE.match(text)):
            self._ordered(number, indent, text, line, marker)
            return
        if first in "-*+" and text[1:2] == "\t":
            raise _UnsureError  # a tab after the marker: its width depends on the marker's column
        if first in _ODD_STARTS and _odd(first, text):
            raise _UnsureError
        if self.para:
            if first not in _BLOCK_STARTS or self._continues(indent, text):
                if self.first is not None:
                    self.first.append(_dedent(line, self.cols[-1]))
                self._inline(text, number)
                return
            self._close_para()
        # A new block, inside the open items indented enough for it.
        relative = indent
        if self.cols:
            depth = bisect.bisect_right(self.cols, indent)
            if depth < len(self.cols):
                self._close_items(depth, number)
            relative -= self.cols[-1] if depth else 0  # the innermost item left open
        if relative >= 4:
            raise _UnsureError  # indented code
        if first == "#" and (heading := _HEADING_RE.match(text)):
            self._heading(number, indent, text, len(heading.group(1)))
        elif first in "`~" and _FENCE_RE.match(text):
            self._open_fence(indent, text)
        else:
            self.para = True
            self._inline(text, number)

    def finish(self, total: int) -> None:
        self._close_para()
        self._close_items(0, total)

    def _continues(self, indent: int, text: str) -> bool:
        """Whether a line starting with one of `_BLOCK_STARTS` goes on with the open paragraph
        (lazily too) or starts a block of its own."""
        if indent - (self.cols[-1] if self.cols else 0) >= 4:
            return True
        first = text[0]
        if first == "#":
            return not _HEADING_RE.match(text)
        if first in "`~":
            return not _FENCE_RE.match(text)
        return text[1:2] != " "  # not a bullet

    def _heading(self, number: int, indent: int, text: str, level: int) -> None:
        content = text[level:]
        if indent or content.rstrip(" \t").endswith("#"):
            raise _UnsureError  # in a list item, or a closing `#` sequence
        content = content.strip()
        self.scan.blocks.append((level, number, content))
        self._inline(content, number)

    def _open_fence(self, indent: int, text: str) -> None:
        run = _FENCE_RE.match(text)
        assert run is not None
        if indent or (run.group()[0] == "`" and "`" in text[run.end() :]):
            raise _UnsureError  # in a list item, or backticks after ``` (then it is no fence)
        self.fence = run.group()

    def _in_fence(self, line: str) -> None:
        # A closing fence: up to 3 spaces, at least as long a run of the same mark, spaces.
        # A tab before the run takes it to column 4 at least: then it is code, as `text` shows.
        text = line.lstrip(" ")
        fence = self.fence
        assert fence is not None
        closing = text.startswith(fence) and not text.rstrip(" \t").strip(fence[0])
        if closing and len(line) - len(text) < 4:
            self.fence = None

    def _ordered(
        self, number: int, indent: int, text: str, line: str, marker: re.Match[str]
    ) -> None:
        """A `1. ` or `2) ` line: a list item as `_bullet` reads it, but only `1` may interrupt a
        paragraph (markdown-it: `isTerminatingParagraph`); other numbers go on with it."""
        width = marker.end() + 1
        if text[marker.end() : width] != " " or not text[width:].strip(" \t"):
            raise _UnsureError  # a tab after the marker, or an empty item
        blk = self.cols[-1] if self.cols else 0  # the open paragraph's container's indent
        if self.para and int(marker.group(1)) != 1 and indent >= blk:
            if self.first is not None:
                self.first.append(_dedent(line, blk))
            self._inline(text, number)
            return
        self._bullet(number, indent, text, line, width)

    def _bullet(self, number: int, indent: int, text: str, line: str, width: int = 2) -> None:
        """A `- ` line (or an ordered item's, its marker and space `width` long): a new list
        item, or text of the open paragraph if indented 4 more than its item's text. The
        commonest line in notes, so it has its own way through."""
        cols = self.cols
        if self.para:
            if indent - (cols[-1] if cols else 0) >= 4:
                if self.first is not None:  # as in `line`: the item's indentation stripped
                    self.first.append(_dedent(line, cols[-1]))
                self._inline(text, number)
                return
            self._close_para()
        depth = len(cols)
        while depth and cols[depth - 1] > indent:
            depth -= 1  # the items this line stays inside
        if depth < len(cols) - 1:
            self._close_items(depth + 1, number)
        if indent - (cols[depth - 1] if depth else 0) > 2 or depth >= MAX_DEPTH:
            raise _UnsureError  # 3 spaces past the item (4 are code), or deep nesting
        content = text[width:]
        if content[0] in _NOT_PLAIN_STARTS and _NOT_PLAIN_RE.match(content):
            raise _UnsureError
        if depth < len(cols):  # a sibling (or a cousin) of the innermost item: it ends here
            if (item := self.items[-1]) is not None:
                item.end = number
            self.items[-1], self.starts[-1], cols[-1] = None, number, indent + width
        else:
            self.items.append(None)  # an `Item` once its first paragraph shows it matters
            self.starts.append(number)
            cols.append(indent + width)
        self.para = True
        self.first = [content]
        self._inline(content, number)

    def _close_para(self) -> None:
        first = self.first
        if first is not None:
            # `may_matter`, but first on the unstripped text: most items are just text.
            start = first[0][0]
            if start == "[" or start.isdigit() or start.isspace():
                content = (first[0] if len(first) == 1 else "\n".join(first)).strip()
                if may_matter(content):
                    # Reported now, still in document order: no block starts in a paragraph.
                    item = Item(self.starts[-1], self.starts[-1], content)
                    self.scan.blocks.append(item)
                    self.items[-1] = item
            self.first = None
        self.para = False

    def _close_items(self, depth: int, number: int) -> None:
        for item in self.items[depth:]:
            if item is not None:
                item.end = number
        del self.items[depth:], self.cols[depth:], self.starts[depth:]

    def _inline(self, text: str, number: int) -> None:
        """Code spans, wikilinks, embeds, links and images of one line, left to right."""
        if "[" not in text and "`" not in text:
            if "#" in text:
                self.scan.texts.append((number, text))
            return
        if "#" in text or "`" in text or "!" in text:
            self._inline_text(text, number)
            return
        # Only brackets (most lines that have any syntax): one regex pass, nothing for tags.
        refs = self.scan.refs
        for wiki, close, destination, rest in _BRACKETS_RE.findall(text):
            if wiki:
                refs.append((number, WIKI, wiki))
            elif destination:
                refs.append((number, LINK, destination))
            elif rest or not close:
                raise _UnsureError  # see `_link`: a label we cannot read, or a destination

    def _inline_text(self, text: str, number: int) -> None:
        """A line with code, an image or an embed, or a `#`: pieces kept for the tag text."""
        pieces: list[str] = []
        start = position = 0
        while found := _SPECIAL_RE.search(text, position):
            at = found.start()
            if text[at] == "`":
                end = _code_end(text, at)
                pieces += (text[start:at], " ")
            elif wiki := WIKILINK_RE.match(text, at):
                end = wiki.end()
                if not wiki.group(1):
                    self.scan.refs.append((number, WIKI, wiki.group(2)))
                pieces += (text[start:at], " ")
            elif text[at] == "!":
                link = _link(text, at + 1) if text.startswith("[", at + 1) else None
                if link is None:
                    position = at + 1
                    continue
                end = link[0]  # an image: its text and destination count for nothing
                self.scan.refs.append((number, IMAGE, link[2]))
                pieces += (text[start:at], " ")
            else:
                link = _link(text, at)
                if link is None:
                    position = at + 1
                    continue
                end, label, destination = link
                self.scan.refs.append((number, LINK, destination))
                pieces += (text[start:at], " ", label, " ")
            start = position = end
        pieces.append(text[start:])
        joined = "".join(pieces)
        if "#" in joined:
            self.scan.texts.append((number, joined))


def may_matter(content: str) -> bool:
    """Whether a list item's first paragraph may make it a dated entry or a task (it starts
    with a digit, `[[` or `[x]`; see parse.py's `_DATE_RE` and `_TASK_RE`, and the test that
    ties them). Other items are not reported: nothing is read from their first paragraph."""
    return content[:1].isdigit() or content[:1] == "["


def _odd(first: str, text: str) -> bool:
    """A block quote, a rule or setext underline, an empty item."""
    if first in _RULE_MARKS:
        return not text.strip(_RULE_MARKS)
    return first == ">"


def _unmodelled(body: str) -> bool:
    """Escapes, HTML, CR (markdown-it makes it a line end), NUL (made U+FFFD), and `]:`: a
    reference definition may be there, and then `[x]` could be a link."""
    # `in` tests are much faster than one regex search over the body.
    return "\\" in body or "<" in body or "\r" in body or "\0" in body or "]:" in body


def _columns(lead: str) -> int:
    """The column after a line's leading spaces and tabs: CommonMark takes a tab to the next
    multiple of 4, for block structure only (spec 2.2; markdown-it's `sCount`)."""
    column = 0
    for char in lead:
        column += 4 - column % 4 if char == "\t" else 1
    return column


def _dedent(line: str, indent: int) -> str:
    """A paragraph line with at most `indent` columns of its leading space taken off, as
    markdown-it's `getLines` does: the rest of a tab that goes past `indent` becomes spaces."""
    spaces = len(line) - len(line.lstrip(" "))
    if line[spaces : spaces + 1] != "\t":
        return line[min(spaces, indent) :]
    column = at = 0
    while at < len(line) and column < indent and line[at] in " \t":
        column += 4 - column % 4 if line[at] == "\t" else 1
        at += 1
    return " " * (column - indent) + line[at:] if column > indent else line[at:]


def _code_end(text: str, at: int) -> int:
    """The end of a one-backtick code span starting at `at`; longer runs are not modelled."""
    close = text.find("`", at + 1)
    if text.startswith("``", at) or close < 0 or text.startswith("``", close):
        raise _UnsureError  # a span over lines or with longer runs: markdown-it pairs those
    return close + 1


def _link(text: str, at: int) -> tuple[int, str, str] | None:
    """`[label](destination)` at `at`: (end, label, destination); None when `[` is plain text."""
    close = text.find("]", at + 1)
    if close < 0:
        raise _UnsureError  # the label may go on over the next line
    label = text[at + 1 : close]
    if "[" in label or "`" in label:
        raise _UnsureError  # nested brackets and code in labels
    if not text.startswith("(", close + 1):
        return None  # `[x]` without a destination (there are no reference definitions)
    destination = _DEST_RE.match(text, close + 1)
    if destination is None:
        raise _UnsureError  # titles, spaces, parentheses, a destination over lines
    return destination.end(), label, destination.group(1)
