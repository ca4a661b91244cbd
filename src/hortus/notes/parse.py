"""A note's Markdown body into dated entries, mentions and tags, each with its file line.

markdown-it-py does the Markdown (lists, headings, code spans and blocks, HTML, escapes,
reference links), so `[[Ada]]` in a code block is code, as in every renderer. hortus
adds one inline rule for `[[wikilinks]]` and `![[embeds]]`. Never raises on user text.

markdown-it is the reference but slow (~0.35 ms a note), so scan.py's line scanner reads
first the notes written in the common part of Markdown (most notes) and gives up on any
other; both give the facts one `Note` is built from here, with the same code.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline, backtick
from markdown_it.token import Token

from hortus.core.model import (
    NO_TAGS,
    Entry,
    Mention,
    MentionKind,
    Note,
    Problem,
    Source,
    Task,
    tag_set,
)
from hortus.core.said import said, skipped
from hortus.notes.read import SourceFile
from hortus.notes.scanner import IMAGE, WIKI, WIKILINK_RE, Item, scan_body

_DATE_RE = re.compile(r"(?:\[\[)?(\d{4})-(\d{2})-(\d{2})(?:\]\])?(?=$|[\s:,;.)\]\-–—])")
_TITLE_LEAD_RE = re.compile(r"^[\s:\-–—,;.]+")
# `[ ]` open, `[x]` done, `[-]` let go (cancelled, as Obsidian's Tasks plugin writes it).
_TASK_RE = re.compile(r"\[([ xX-])\]\s")
# Due and done dates, Obsidian Tasks style (`📅 2026-12-01`, `✅ 2026-11-20`) or todo.txt style.
_DUE_RE = re.compile(r"(?:📅\uFE0F?\s*|(?<!\S)due:)(\d{4})-(\d{2})-(\d{2})(?!\S)")
_DONE_RE = re.compile(r"(?:✅\uFE0F?\s*|(?<!\S)done:)(\d{4})-(\d{2})-(\d{2})(?!\S)")
# Written down (`➕ 2026-11-01`, `created:…`) and let go (`❌ 2026-12-06`, `cancelled:…`).
_CREATED_RE = re.compile(r"(?:➕\uFE0F?\s*|(?<!\S)created:)(\d{4})-(\d{2})-(\d{2})(?!\S)")
_CANCELLED_RE = re.compile(r"(?:❌\uFE0F?\s*|(?<!\S)cancelled:)(\d{4})-(\d{2})-(\d{2})(?!\S)")
# A tag as Obsidian reads it: `#` after a space or line start, with at least one letter.
_TAG_RE = re.compile(r"(?<![\w#&/\\])#([\w/-]*[^\W\d_][\w/-]*)")
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# A link destination markdown-it's normalizeLink leaves as it is (no scheme, no host, nothing
# to percent-encode): most links between notes. Normalising costs more than parsing a line.
_PLAIN_HREF_RE = re.compile(r"(?!//)[A-Za-z0-9_./#-]+")


def _wikilink_rule(state: StateInline, silent: bool) -> bool:
    """`[[Target#heading|label]]`, and `![[embed]]` so that embeds never count as mentions."""
    if state.src[state.pos] not in "![":
        return False
    match = WIKILINK_RE.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    if not silent:
        target, label = _wikilink_parts(match.group(2))
        token = state.push("wikilink", "", 0)
        token.content = label or target
        token.meta = {"target": target.split("#", 1)[0].strip(), "embed": bool(match.group(1))}
    state.pos = match.end()
    return True


def _wikilink_parts(inner: str) -> tuple[str, str]:
    """The target and label of `[[target|label]]`; `\\|` is how tables escape the pipe."""
    if "|" not in inner:
        return inner, ""
    target, _, label = inner.replace("\\|", "|").partition("|")
    return target, label


def _backticks(state: StateInline, silent: bool) -> bool:
    """markdown-it's code span rule, noting the line breaks it turns into spaces."""
    start = state.pos
    if not backtick(state, silent):
        return False
    if not silent and state.tokens and state.tokens[-1].type == "code_inline":
        state.tokens[-1].meta = {"breaks": state.src.count("\n", start, state.pos)}
    return True


def _markdown(links: bool = True) -> MarkdownIt:
    # Only the rules that shape what a line belongs to. HTML is on so that an HTML block or
    # comment swallows what it holds, as code does: these tokens are read, never rendered.
    md = MarkdownIt("zero", {"html": True})
    md.enable(["heading", "lheading", "list", "fence", "code", "blockquote", "hr", "reference"])
    md.enable(["html_block", "html_inline", "paragraph", "backticks", "escape", "newline"])
    if links:
        md.enable(["link", "image"])
    md.inline.ruler.before("link", "wikilink", _wikilink_rule)
    md.inline.ruler.at("backticks", _backticks)
    # Inline parsing is done one block at a time (`_inline_children`) and its tokens dropped
    # once read: all of a 2 MiB note's inline tokens at once cost hundreds of megabytes.
    md.core.ruler.disable(["inline", "text_join"])
    return md


_MD = _markdown()
# markdown-it's link rule looks for the end of every `[`, so a note of nothing but brackets
# would take many seconds. Past this many `[` that open no `](` link, the
# note is read without Markdown links (wikilinks still count) and the user is told if it had any.
MAX_LOOSE_BRACKETS = 20_000
_MD_NO_LINKS = _markdown(links=False)


@dataclass(slots=True)
class _Blocks:
    """markdown-it's block tokens of a note, with what reading their inline content needs."""

    tokens: list[Token]
    md: MarkdownIt
    env: dict[str, Any]  # reference definitions, found by the block pass


def _too_deep(src: SourceFile) -> Note:
    problem = Problem(Source(src.path, src.body_line), skipped(said("too deeply nested to read")))
    return Note(src.path, src.meta, None, (), (), NO_TAGS, (), (*src.problems, problem))


def _tokens(src: SourceFile) -> tuple[_Blocks, tuple[Problem, ...]]:
    links = src.body.count("](")
    md, problems = _MD, tuple[Problem, ...]()
    if src.body.count("[") - links > MAX_LOOSE_BRACKETS:
        md = _MD_NO_LINKS
        if links:
            message = said(
                "more than {count} '[' that open no link; "
                "its Markdown [text](links) are read as plain text",
                count=f"{MAX_LOOSE_BRACKETS:,}",
            )
            problems = (Problem(Source(src.path, src.body_line), message),)
    env: dict[str, Any] = {}
    return _Blocks(md.parse(src.body, env), md, env), problems


def _inline_children(blocks: _Blocks, token: Token) -> list[Token]:
    """An inline token's children, as markdown-it's core `inline` and `text_join` rules
    would make them (escaped characters joined back into the text around them)."""
    parsed: list[Token] = []
    blocks.md.inline.parse(token.content, blocks.md, blocks.env, parsed)
    children: list[Token] = []
    for child in parsed:
        if child.type == "text_special":
            child.type = "text"
        if child.type == "text" and children and children[-1].type == "text":
            children[-1].content += child.content
        else:
            children.append(child)
    return children


@dataclass(slots=True)
class _Span:
    """A dated part of the body while parsing; lines are 0-based body lines, end exclusive."""

    date: dt.date | None  # None for a task: its lines water nobody (a promise is not a contact)
    start: int
    end: int
    title: str
    tags: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    # A task: (its mark ` `, `x` or `-`, first line after the checkbox, lines of its paragraph).
    task: tuple[str, str, int] | None = None


@dataclass(slots=True)
class _Found:
    spans: list[_Span] = field(default_factory=list)
    mentions: list[tuple[int, Mention]] = field(default_factory=list)
    tags: list[tuple[int, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    h1: str | None = None


def parse_note(src: SourceFile) -> Note:
    """Parse one note. Lines in the result count from the top of the file."""
    fast = _scan_fast(src)
    return fast if fast is not None else _parse_markdown(src)


def _scan_fast(src: SourceFile) -> Note | None:
    """The note read by scan.py's line scanner, or None when markdown-it must read it.

    The same `Note` as `_parse_markdown` (tests compare them), about seven times faster."""
    scan = scan_body(src.body)
    if scan is None:
        return None
    found = _Found()
    total = scan.total
    headings: list[tuple[int, int, _Span | None]] = []
    for block in scan.blocks:
        if isinstance(block, Item):
            _list_item(block.content, block.start, block.end, src, found)
        else:
            headings.append(_heading(*block, total, src, found))
    _close_sections(headings, total)
    if not _mentions(scan.refs, src, found.mentions):
        return None
    for line, text in scan.texts:
        found.tags.extend((line, tag) for tag in _TAG_RE.findall(text))
    return _assemble(src, found, total)


def _mentions(
    refs: list[tuple[int, str, str]], src: SourceFile, mentions: list[tuple[int, Mention]]
) -> bool:
    """The scanner's wikilinks and link destinations as mentions, as `_scan_inline` makes
    them; False for a destination markdown-it would not take as a link or image."""
    wikilink, link, body_line = MentionKind.WIKILINK, MentionKind.LINK, src.body_line
    for line, kind, value in refs:
        if kind == WIKI:
            if "|" in value or "#" in value:
                value = _wikilink_parts(value)[0].split("#", 1)[0]
            target: str | None = value.strip() or None
            mention_kind = wikilink
        else:
            if not _PLAIN_HREF_RE.fullmatch(value):  # plain: no scheme, so a valid link
                value = _MD.normalizeLink(value)
                if not _MD.validateLink(value):
                    return False  # markdown-it reads `[x](javascript:…)` as text, tags too
            if kind == IMAGE:
                continue  # an image: nobody is mentioned
            target, mention_kind = link_target(src.path, value), link
        if target is not None:
            mentions.append((line, Mention(target, mention_kind, body_line + line)))
    return True


def _parse_markdown(src: SourceFile) -> Note:
    """The reference reader: markdown-it's tokens, for any Markdown at all."""
    try:
        blocks, slow = _tokens(src)
    except RecursionError:
        return _too_deep(src)
    found = _Found(problems=list(slow))
    total_lines = _line_count(src.body)
    try:
        _scan_blocks(blocks, src, found, total_lines)
    except RecursionError:
        return _too_deep(src)
    del blocks  # the tokens go before the entries are made: the two never peak together
    return _assemble(src, found, total_lines)


def _line_count(body: str) -> int:
    """Lines as markdown-it counts them: `\r\n`, `\r` and `\n` each end one (the vault's
    reader has already made them `\n`; text given straight to the parser may not be)."""
    return body.count("\n") + body.count("\r") - body.count("\r\n") + 1


def _scan_blocks(blocks: _Blocks, src: SourceFile, found: _Found, total: int) -> None:
    headings: list[tuple[int, int, _Span | None]] = []  # (level, start, span)
    tokens = blocks.tokens
    for index, token in enumerate(tokens):
        if token.type == "inline" and token.map is not None:
            _scan_inline(_inline_children(blocks, token), token.map[0], src, found)
        elif token.type == "heading_open" and token.map is not None:
            level = int(token.tag[1])
            content = tokens[index + 1].content
            headings.append(_heading(level, token.map[0], content, total, src, found))
        elif token.type == "list_item_open" and token.map is not None:
            first = tokens[index + 2] if index + 2 < len(tokens) else None
            if tokens[index + 1].type == "paragraph_open" and first is not None:
                _list_item(first.content, token.map[0], token.map[1], src, found)
    _close_sections(headings, total)


def _heading(
    level: int, start: int, content: str, total: int, src: SourceFile, found: _Found
) -> tuple[int, int, _Span | None]:
    if level == 1 and found.h1 is None:
        found.h1 = content.strip() or None
    return level, start, _dated(content, start, total, src, found)


def _list_item(content: str, start: int, end: int, src: SourceFile, found: _Found) -> None:
    """A list item is a task or a dated entry by its first paragraph's text."""
    if content[:1] == "[" and (task := _TASK_RE.match(content)):
        line = content[task.end() :].split("\n", 1)[0]
        info = (task.group(1), line, content.count("\n") + 1)
        found.spans.append(_Span(None, start, end, "", task=info))
    elif content[:1].isdigit() or content.startswith("[["):  # as `_DATE_RE` needs, but cheaper
        _dated(content, start, end, src, found)


def _close_sections(headings: list[tuple[int, int, _Span | None]], total: int) -> None:
    """A dated heading covers everything up to the next heading of the same or a higher level.

    One pass with a stack of the headings still open (levels strictly rising): each heading
    closes the open ones of its level or deeper. Linear: copying the rest of the list for
    every heading made 40,000 headings take seconds."""
    open_: list[tuple[int, _Span | None]] = []
    for level, start, span in headings:
        while open_ and open_[-1][0] >= level:
            closed = open_.pop()[1]
            if closed is not None:
                closed.end = start
        open_.append((level, span))
    for _, span in open_:
        if span is not None:
            span.end = total


def _dated(text: str, start: int, end: int, src: SourceFile, found: _Found) -> _Span | None:
    match = _DATE_RE.match(text)
    if match is None:
        return None
    try:
        day = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        date_text = "-".join(match.groups())
        message = said("'{date}' is not a real date; this entry is not dated", date=date_text)
        found.problems.append(Problem(Source(src.path, src.body_line + start), message))
        return None
    line = text[match.end() :].split("\n", 1)[0]
    lead = _TITLE_LEAD_RE.match(line)  # (`sub` would try every position of the line)
    title = (line[lead.end() :] if lead else line).strip()
    span = _Span(day, start, end, title)
    found.spans.append(span)
    return span


def _scan_inline(children: list[Token], first_line: int, src: SourceFile, found: _Found) -> None:
    line = first_line
    for child in children:
        line += _breaks_inside(child)
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "text":
            found.tags.extend((line, tag) for tag in _TAG_RE.findall(child.content))
        elif child.type == "wikilink" and not child.meta["embed"] and child.meta["target"]:
            found.mentions.append(
                (line, Mention(child.meta["target"], MentionKind.WIKILINK, src.body_line + line))
            )
        elif child.type == "link_open":
            target = link_target(src.path, str(child.attrs.get("href", "")))
            if target is not None:
                found.mentions.append(
                    (line, Mention(target, MentionKind.LINK, src.body_line + line))
                )


def _breaks_inside(token: Token) -> int:
    """Line breaks a token swallowed: in a code span (see `_backticks`), inline HTML (a
    comment or a tag over several lines) or an image's text."""
    if token.type == "code_inline":
        return int(token.meta.get("breaks", 0))
    if token.type == "html_inline":
        return token.content.count("\n")
    if token.type == "image":
        return sum(c.type in ("softbreak", "hardbreak") for c in token.children or ())
    return 0


def link_target(note_path: str, href: str) -> str | None:
    """The vault-relative path (without `.md`) a relative Markdown link points to, as GitHub
    reads it; None for URLs with a scheme, pure anchors and paths leaving the vault."""
    if not href or href.startswith(("#", "//")) or (":" in href and _SCHEME_RE.match(href)):
        return None  # (most links have no `:`, and the regex is the dearer test)
    path = href.split("#", 1)[0].split("?", 1)[0]
    path = unquote(path) if "%" in path else path
    if not path:
        return None
    folder = note_path.rsplit("/", 1)[0] if "/" in note_path else ""
    parts: list[str] = [] if path.startswith("/") else folder.split("/") if folder else []
    for part in path.split("/"):
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part and part != ".":
            parts.append(part)
    joined = "/".join(parts)
    return joined[:-3] if joined.lower().endswith(".md") else joined


def _assemble(src: SourceFile, found: _Found, total: int) -> Note:
    loose_mentions: list[Mention] = []
    loose_tags: set[str] = set()
    task_mentions: list[Mention] = []
    owner = _owners(found.spans, total)
    for line, mention in found.mentions:
        span = owner[line]
        if span is None:
            loose_mentions.append(mention)
        elif span.date is None:
            task_mentions.append(mention)
            span.mentions.append(mention)
        else:
            span.mentions.append(mention)
    for line, tag in found.tags:
        span = owner[line]
        (loose_tags if span is None or span.date is None else span.tags).add(tag.lower())
        if span is not None and span.task is not None:
            span.tags.add(tag.lower())
    entries = tuple(_entry(span, span.date, src.body_line) for span in found.spans if span.date)
    tasks = tuple(_task(span, span.task, src, found.problems) for span in found.spans if span.task)
    problems = (*src.problems, *found.problems)
    return Note(
        src.path,
        src.meta,
        found.h1,
        entries,
        tuple(loose_mentions),
        tag_set(loose_tags),
        tuple(task_mentions),
        problems,
        tasks,
    )


def _task(
    span: _Span, info: tuple[str, str, int], src: SourceFile, problems: list[Problem]
) -> Task:
    mark, text, lines = info
    line = src.body_line + span.start
    # Most tasks have no dates: look for them only where the markers are.
    clean = text
    dates: list[dt.date | None] = []
    for pattern, signs in _TASK_DATES:
        if any(sign in text for sign in signs):
            dates.append(_marker_date(pattern, text, src.path, line, problems))
            clean = pattern.sub("", clean)
        else:
            dates.append(None)
    due, done, created, _ = dates
    if mark == "-":
        done = None  # a promise let go is closed, but it is no contact made
    # The people a promise is to are those its own paragraph names (not its nested items).
    mentions = tuple(m for m in span.mentions if m.line < line + lines)
    checked = mark != " "
    return Task(
        line, checked, " ".join(clean.split()), due, done, tag_set(span.tags), mentions, created
    )


_TASK_DATES = (
    (_DUE_RE, ("📅", "due:")),
    (_DONE_RE, ("✅", "done:")),
    (_CREATED_RE, ("➕", "created:")),
    (_CANCELLED_RE, ("❌", "cancelled:")),
)


def _marker_date(
    pattern: re.Pattern[str], text: str, path: str, line: int, problems: list[Problem]
) -> dt.date | None:
    match = pattern.search(text)
    if match is None:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        date_text = "-".join(match.groups())
        problems.append(
            Problem(Source(path, line), said("'{date}' is not a real date", date=date_text))
        )
        return None


def _owners(spans: Iterable[_Span], total: int) -> list[_Span | None]:
    """The innermost span of each body line: the one starting last, the shorter on a tie.

    One pass over the spans' lines (linear in lines × nesting), so a note of
    thousands of entries and mentions stays fast.
    """
    owner: list[_Span | None] = [None] * total
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        owner[span.start : span.end] = [span] * (span.end - span.start)
    return owner


def _entry(span: _Span, date: dt.date, body_line: int) -> Entry:
    return Entry(
        date,
        body_line + span.start,
        span.title,
        tag_set(span.tags),
        tuple(span.mentions),
    )
