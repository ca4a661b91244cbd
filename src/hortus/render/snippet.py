"""Markdown snippets from the user's notes → safe inline HTML, with markdown-it-py.

The one adapter for rendering Markdown: raw HTML off (`js-default`), and links and images
rendered as their text only, since a note's relative links point from the note, not from the
page, and the page links only to the vault's files and to front-matter URLs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

_WIKILINK_RE = re.compile(r"!?\[\[([^\[\]|#\n]*)(?:#[^\[\]|\n]*)?(?:\|([^\[\]\n]*))?\]\]")


def _nothing(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return ""


def _alt_text(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return escapeHtml(tokens[idx].content)


def _markdown() -> MarkdownIt:
    md = MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False})
    md.add_render_rule("link_open", _nothing)
    md.add_render_rule("link_close", _nothing)
    md.add_render_rule("image", _alt_text)
    return md


_MD = _markdown()


@functools.lru_cache(maxsize=16_384)
def inline_html(markdown: str) -> str:
    """One line of the user's Markdown as inline HTML: emphasis and code kept, all else text.

    Memoised: a pure function of its text, and the watcher renders the same promises and
    moments again at every save (markdown-it was most of a regeneration's time)."""
    text = _WIKILINK_RE.sub(lambda m: (m.group(2) or m.group(1)).strip(), markdown)
    try:
        html: str = _MD.renderInline(text)
        return html.strip()
    except RecursionError:  # pragma: no cover - pathological input
        return escapeHtml(text)
