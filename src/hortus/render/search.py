"""`hortus search` results → terminal text and the JSON document (docs/json.md)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from hortus.core.model import Contact
from hortus.index.search import Found, Results
from hortus.render.i18n import catalogue
from hortus.render.terminal import printable

MARK = re.compile(r"⟦(.*?)⟧", re.DOTALL)
# Control characters from a note never reach the terminal as they are (an escape sequence
# in a note could retitle the window or write the clipboard).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _clean(text: str) -> str:
    return _CONTROL.sub("\ufffd", " ".join(text.split()))


def plain(snippet: str) -> str:
    """The snippet without its marks."""
    return MARK.sub(r"\1", _clean(snippet))


def render_search_text(results: Results, language: str, mark: Callable[[str], str]) -> str:
    """Grouped by person, newest first; `mark` styles the matched words (bold on a terminal)."""
    cat = catalogue(language)
    lines: list[str] = []
    for group in results.groups:
        lines.append(printable(group.contact.name) if group.contact else cat.t("search_nobody"))
        for found in group.found:
            day = cat.date(found.date) if found.date else cat.t("search_undated")
            lines.append(f"  {day}  {found.path}:{found.line}")
            snippet = MARK.sub(lambda m: mark(m.group(1)), _clean(found.snippet))
            lines.append(f"    {snippet}")
    words = " ".join(results.query.words)
    if results.total == 0:
        lines.append(cat.t("search_none", words=_clean(words)))
    elif results.shown < results.total:
        lines.append(
            cat.t(
                "search_more",
                rest=results.total - results.shown,
                shown=results.shown,
                total=results.total,
            )
        )
    return "\n".join(lines) + "\n"


def render_search_json(results: Results) -> str:

    def person(contact: Contact) -> dict[str, object]:
        return {"name": contact.name, "path": contact.path}

    def item(found: Found) -> dict[str, object]:
        return {
            "date": found.date.isoformat() if found.date else None,
            "path": found.path,
            "line": found.line,
            "snippet": plain(found.snippet),
            "marked": _clean(found.snippet),
            "people": [c.name for c in found.people],
            "tags": sorted(found.tags),
        }

    document = {
        "query": list(results.query.words),
        "total": results.total,
        "shown": results.shown,
        "people": [
            {**person(g.contact), "results": [item(f) for f in g.found]}
            for g in results.groups
            if g.contact is not None
        ],
        "others": [item(f) for g in results.groups if g.contact is None for f in g.found],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
