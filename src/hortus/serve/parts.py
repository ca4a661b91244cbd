"""What changed between two versions of the served garden page, row by row.

At 10,000 people the page is about 12 MB, and a save changes a few rows of it. Sending the page
again and having the browser parse it all takes over a second; sending the rows that changed
takes milliseconds. The page is cut where hortus's own renderer put its marks: the header, the
`<section id=…>` elements of `<main>` and the `<li>` rows of their list. Every value from the
notes is escaped in the page, so no note can forge one of those marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_HEADER_RE = re.compile(r"<header>(.*?)</header>", re.DOTALL)
_TITLE_RE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
_CONTENTS_RE = re.compile(r'<nav id="contents".*?</nav>', re.DOTALL)
_SECTION_ID_RE = re.compile(r'<section id="([a-z_]+)"')
_SECTION_END = "</section>"


@dataclass(frozen=True)
class Section:
    head: str  # up to its first row (or all of it, without rows)
    rows: tuple[str, ...]  # each `<li>…</li>`
    tail: str  # after its last row

    @property
    def html(self) -> str:
        return self.head + "".join(self.rows) + self.tail


@dataclass(frozen=True)
class Parts:
    title: str
    header: str
    contents: str  # the table of contents (`<nav id="contents">…</nav>`), or ""
    sections: dict[str, Section]  # in page order


def with_sections(page: str, sections: dict[str, Section]) -> Parts | None:
    """The page's parts from the sections the renderer reported (nothing of `main` is cut:
    only the title and the header, at the top, are looked for)."""
    header = _HEADER_RE.search(page)
    title = _TITLE_RE.search(page)
    if header is None or title is None:
        return None
    return Parts(title.group(1), header.group(1), _contents(page), sections)


def _contents(page: str) -> str:
    # Only the top of the page is searched: the table of contents comes before <main>.
    found = _CONTENTS_RE.search(page, 0, max(0, page.find("<main>")))
    return found.group(0) if found else ""


def split(page: str) -> Parts | None:
    """The page's parts, or None when it is not a page this module can cut."""
    header = _HEADER_RE.search(page)
    title = _TITLE_RE.search(page)
    start, end = page.find("<main>"), page.rfind("</main>")
    if header is None or title is None or start < 0 or end < start:
        return None
    main = page[start:end]
    sections: dict[str, Section] = {}
    # (string methods rather than one regex: 12 MB are cut in a few tens of milliseconds)
    for found in _SECTION_ID_RE.finditer(main):
        close = main.find(_SECTION_END, found.start())
        if close < 0:
            return None
        sections[found.group(1)] = _section(main[found.start() : close + len(_SECTION_END)])
    return Parts(title.group(1), header.group(1), _contents(page), sections)


def _section(html: str) -> Section:
    pieces = html.split("<li>")
    if len(pieces) == 1:
        return Section(html, (), "")
    rows = ["<li>" + piece for piece in pieces[1:]]
    last, sep, tail = rows[-1].rpartition("</li>")
    rows[-1] = last + sep
    return Section(pieces[0], tuple(rows), tail)


def changes(old: Parts, new: Parts) -> dict[str, object] | None:
    """What turns `old` into `new`: per changed section, its whole HTML or the row edits
    `[start, end, [rows…]]` (in `old`'s row numbers, to apply from the last); a section that
    appears, with the one it follows (`after`, None: first); one that leaves (`remove`). None
    when the sections kept are in another order (the page is then fetched whole)."""
    kept = [key for key in new.sections if key in old.sections]
    if kept != [key for key in old.sections if key in new.sections]:
        return None
    found: dict[str, object] = {
        key: {"remove": True} for key in old.sections if key not in new.sections
    }
    before: str | None = None
    for key, now in new.sections.items():
        was = old.sections.get(key)
        after, before = before, key
        if was is None:
            found[key] = {"html": now.html, "after": after}
            continue
        if was == now:
            continue
        if was.head != now.head or was.tail != now.tail or not was.rows or not now.rows:
            found[key] = {"html": now.html}
            continue
        found[key] = {"rows": _edits(was.rows, now.rows)}
    contents = new.contents if new.contents != old.contents else None
    return {"title": new.title, "header": new.header, "contents": contents, "sections": found}


def _edits(old: tuple[str, ...], new: tuple[str, ...]) -> list[tuple[int, int, list[str]]]:
    # A save changes a few rows: the same rows before and after them are set aside first.
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    matcher = SequenceMatcher(None, old[start : len(old) - end], new[start : len(new) - end])
    return [
        (start + i1, start + i2, list(new[start + j1 : start + j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]
