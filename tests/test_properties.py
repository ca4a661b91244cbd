"""Generated input: the reader and the parser never raise; resolving ignores case and form."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from hortus.config import load_config
from hortus.index import build_index, fold
from hortus.parse import parse_note
from hortus.vault import load_meta, split_front_matter


def pieces(*items: str, max_size: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(items), max_size=max_size).map("".join)


MARKDOWNISH = pieces(
    *"[]()!#-*`|\\:\n -—ab1209 Zoë\r\t>&",
    "[[",
    "]]",
    "```",
    "- ",
    "## ",
    "2026-11-20",
    max_size=200,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), MARKDOWNISH))
def test_parsing_any_text_never_raises(text: str) -> None:
    for body in (text, "---\nname: x\n---\n" + text, "## 2026-11-20 x\n" + text):
        note = parse_note(split_front_matter("journal/2026-11-20.md", body))
        assert all(p.source.line >= 1 for p in note.problems)


@settings(max_examples=300, deadline=None)
@given(pieces(*"abc:-&*!{}[]<>|'\"\n #%@`?,", "  ", "!!python/", "<<: ", max_size=80))
def test_loading_any_front_matter_never_raises(text: str) -> None:
    meta, problems = load_meta("people/x.md", text, 2)
    assert all(p.source.line >= 2 for p in problems)
    assert isinstance(meta.values, dict)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("zoëZOËé e")), min_size=1, max_size=12))
def test_resolving_ignores_case_and_unicode_form(name: str) -> None:
    if not fold(name):
        return
    contact = parse_note(split_front_matter("people/p.md", f"---\nname: '{name}'\n---\n"))
    variants = {name.upper(), name.lower(), unicodedata.normalize("NFD", name)}
    for variant in variants:
        journal = parse_note(split_front_matter("journal/2026-11-20.md", f"[[{variant}]]\n"))
        index = build_index([contact, journal], load_config(__import__("pathlib").Path("-"))[0])
        assert len(index.involvements.get("people/p", ())) == 1, variant
