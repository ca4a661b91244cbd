"""The served garden page cut in parts, and the row edits between two versions."""

from __future__ import annotations

import datetime as dt

from hortus.serve.parts import Parts, changes, split
from tests.conftest import MakeVault
from tests.serving import serve_vault

VAULT = {
    "hortus.toml": "today = 2026-11-20\n",
    "people/ada.md": "---\nname: Ada\n---\n- 2026-01-01 Tea\n",
    "people/bob.md": "---\nname: Bob\n---\n- 2026-11-01 Walk\n",
    "people/forger.md": '---\nname: "</li><li><section id=\\"x\\">"\n---\n- 2026-11-10 Tea\n',
}


def _parts(page: bytes) -> Parts:
    parts = split(page.decode("utf-8"))
    assert parts is not None
    return parts


def test_a_save_changes_a_few_rows_and_a_name_cannot_forge_a_mark(make_vault: MakeVault) -> None:
    root = make_vault(VAULT)
    served = serve_vault(root)
    shown = served.site.live.shown
    assert shown is not None
    before = _parts(shown.page)
    assert "x" not in before.sections
    assert len(before.sections["everyone"].rows) == 3
    assert (
        "&lt;/li&gt;&lt;li&gt;&lt;section id=&quot;x&quot;&gt;" in before.sections["everyone"].html
    )
    (root / "people/ada.md").write_text("---\nname: Ada\n---\n- 2026-11-19 Tea\n", "utf-8")
    served.saw("people/ada.md")
    after = served.site.live.shown
    assert after is not None and after.version == shown.version + 1
    found = changes(before, _parts(after.page))
    assert found is not None
    sections = found["sections"]
    assert isinstance(sections, dict)
    everyone = sections["everyone"]
    assert list(everyone) == ["rows"]
    changed = [row for _, _, rows in everyone["rows"] for row in rows]
    assert any("Ada" in row for row in changed) and len(changed) <= 3  # rows, not the list
    assert changes(before, before) == {
        "title": before.title,
        "header": before.header,
        "contents": None,
        "sections": {},
    }


def test_sections_that_come_and_go_and_another_order(make_vault: MakeVault) -> None:
    served = serve_vault(make_vault(VAULT))
    shown = served.site.live.shown
    assert shown is not None
    parts = _parts(shown.page)
    items = list(parts.sections.items())
    assert len(items) >= 2
    fewer = Parts(parts.title, parts.header, parts.contents, dict(items[1:]))
    gone = changes(parts, fewer)
    assert gone is not None and gone["sections"] == {items[0][0]: {"remove": True}}
    back = changes(fewer, parts)
    assert back is not None
    assert back["sections"] == {items[0][0]: {"html": items[0][1].html, "after": None}}
    swapped = Parts(parts.title, parts.header, parts.contents, dict([items[1], items[0]]))
    assert changes(parts, swapped) is None  # another order: the whole page
    assert split("<html>no garden here</html>") is None


def test_changes_answers_rows_or_asks_for_the_whole_page(make_vault: MakeVault) -> None:
    root = make_vault(VAULT)
    served = serve_vault(root)
    shown = served.site.live.shown
    assert shown is not None
    (root / "people/bob.md").write_text("---\nname: Bob\n---\n- 2026-11-19 Walk\n", "utf-8")
    served.saw("people/bob.md")
    answer = served.client.get(f"/changes?from={shown.version}").json()
    assert answer["version"] == shown.version + 1
    assert "everyone" in answer["sections"]
    assert served.client.get("/changes?from=0").json() == {"reload": True}
    assert served.client.get("/changes?from=x").json() == {"reload": True}
    assert served.stranger.get(f"/changes?from={shown.version}").status_code == 403


def test_the_served_page_has_garden_html_s_sections_in_its_order(make_vault: MakeVault) -> None:
    from hortus.loader import build_garden, open_vault
    from hortus.render.html import render_html

    root = make_vault(VAULT)
    served = serve_vault(root)
    shown = served.site.live.shown
    assert shown is not None
    garden = build_garden(open_vault(root), None, dt.date(2026, 11, 20))
    page = split(render_html(garden, "garden.html"))
    assert page is not None
    assert list(_parts(shown.page).sections) == list(page.sections)
    assert _parts(shown.page).header == page.header
