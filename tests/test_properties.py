"""Generated input: the reader and the parser never raise; resolving ignores case and form."""

from __future__ import annotations

import unicodedata
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hortus.core.config import load_config
from hortus.index import build_index, fold
from hortus.notes.parse import parse_note
from hortus.notes.read import load_meta, split_front_matter


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


LINE = st.tuples(
    st.integers(min_value=0, max_value=400),
    st.lists(
        st.sampled_from(["moment", "moment/job", "received", "gave", "thanks", "news", "x"]),
        max_size=2,
    ),
    st.sampled_from(["", "[[B]] ", "[[C]] ", "- [ ] task ", "- [x] kept ✅ 2026-11-01 "]),
)
PERSON = st.tuples(
    st.sampled_from(["inner", "close", "network", "weak"]),
    st.sampled_from(["", "resting: true\n", "pause_until: 2026-12-01\n", "birthday: 02-29\n"]),
    st.lists(LINE, max_size=8),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(PERSON, min_size=1, max_size=4),
    st.integers(min_value=0, max_value=800),
    st.integers(min_value=0, max_value=6),
)
def test_any_garden_keeps_its_promises(people: list[Any], shift: int, limit: int) -> None:
    import datetime as dt

    from hortus.core.config import Config
    from hortus.garden import State, compute_garden
    from hortus.garden.closeness import circle_ranks, closeness
    from hortus.render.html import render_html
    from hortus.render.markdown import render_markdown
    from hortus.render.status import render_json, render_text

    today = dt.date(2025, 1, 1) + dt.timedelta(days=shift)
    notes = []
    for number, (circle, extra, lines) in enumerate(people):
        name = "ABCD"[number]
        body = "".join(
            (extra_text if extra_text.startswith("- [") else "- ")
            + (today - dt.timedelta(days=days)).isoformat()
            + (" " + extra_text if extra_text.startswith("[[") else " x ")
            + " ".join(f"#{tag}" for tag in tags)
            + "\n"
            for days, tags, extra_text in lines
        )
        text = f"---\nname: {name}\ncircle: {circle}\n{extra}---\n{body}"
        notes.append(parse_note(split_front_matter(f"people/{name.lower()}.md", text)))
    config = Config(daily_gestures=limit)
    garden = compute_garden(build_index(notes, config), today, config)
    keys = [g.contact.key for g in garden.gestures]
    assert len(keys) == len(set(keys)) <= limit
    assert len(garden.rediscover) <= 3
    resting = {p.contact.key for p in garden.plants if p.state is State.RESTING}
    elsewhere = [
        *garden.needs_watering,
        *garden.key_moments,
        *garden.birthdays,
        *garden.thanks_owed,
        *garden.give_back,
        *garden.breathe,
        *garden.rediscover,
        *garden.drifting,
    ]
    assert not resting & {item.contact.key for item in elsewhere}
    assert {r.contact.key for r in garden.resting} == resting
    # Closest people first (issue 14), and each closeness newest first.
    ranks = circle_ranks(config)
    plants = {p.contact.key: p for p in garden.plants}
    order = [
        (closeness(plants[m.contact.key], ranks), -m.date.toordinal()) for m in garden.key_moments
    ]
    assert order == sorted(order)
    for language in ("en", "fr"):
        render_markdown(garden, "GARDEN.md", language)
        render_html(garden, "garden.html", language)
        render_json(garden, language)
        render_text(garden, language)
