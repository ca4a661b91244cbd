"""The watcher's incremental index and garden give exactly the garden a fresh run gives."""

from __future__ import annotations

import os
from pathlib import Path

from hortus.loader import open_vault, render_outputs
from hortus.loader.live import LiveGarden
from tests.conftest import MakeVault
from tests.test_cache import TODAY, fresh, same

FILES: dict[str, str | bytes] = {
    "people/ada.md": "---\nname: Ada Lovelace\naliases: [Ada]\nbirthday: --11-22\n---\n"
    "## 2026-11-10 Tea #moment/job\n- [ ] call [[Bob]] 📅 2026-11-01\n"
    "- [x] send the photos ✅ 2026-11-02\n- 2026-09-01: walk #received\n",
    "people/bob.md": "---\nname: Bob\ncadence: 3w\n---\n- 2026-08-01: lunch\n",
    "people/carl.md": "---\ncircle: weak\n---\n# Carl\n\n"
    "- 2026-10-01: walk with [[Ada]] and [[Nobody]]\n",
    "people/dee.md": "---\nname: Dee\nresting: true\n---\n- 2026-01-01: call [[Topic]]\n",
    "journal/2026-11-12.md": "Lunch with [[Ada]] and [Bob](../people/bob.md). [[Topic]]\n",
    "journal/2026-11-13.md": "- [ ] lend [[Carl]] a book\n[[Bob]] came by #news\n",
    "journal/odd.md": "---\nname: [unclosed\n---\n",
}


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    stamp = path.stat().st_mtime_ns - 10_000_000_000  # settled, as an old file is
    os.utime(path, ns=(stamp, stamp))


EDITS: list[tuple[str, str, str | None]] = [
    (
        "a journal note names one more person",
        "journal/2026-11-12.md",
        "Lunch with [[Ada]], [[Carl]] and [Bob](../people/bob.md).\n",
    ),
    (
        "a contact's own log grows",
        "people/bob.md",
        "---\nname: Bob\ncadence: 3w\n---\n- 2026-08-01: lunch\n- 2026-11-19: call #gave\n",
    ),
    (
        "a field changes, not the name",
        "people/bob.md",
        "---\nname: Bob\ncadence: 2w\ncircle: close\n---\n- 2026-08-01: lunch\n",
    ),
    ("a new note answers to a name nobody had", "notes/topic.md", "# Topic\n"),
    ("a contact is renamed", "people/carl.md", "---\nname: Carlos\n---\n- 2026-10-01: walk\n"),
    ("an alias is added", "people/bob.md", "---\nname: Bob\naliases: Bobby\n---\n"),
    ("a note becomes a person", "notes/topic.md", "---\ntype: person\n---\n# Topic\n"),
    ("a promise is kept", "journal/2026-11-13.md", "- [x] lend [[Carl]] a book ✅ 2026-11-14\n"),
    ("a note is deleted", "journal/2026-11-12.md", None),
    ("a contact is deleted", "people/dee.md", None),
    ("a new daily note", "journal/2026-11-20.md", "- 2026-11-20: coffee with [[Ada]] #thanks\n"),
    ("an unreadable note is fixed", "journal/odd.md", "---\nname: fine\n---\n[[Nobody]]\n"),
    (
        "someone was met through another, a year ago",
        "people/carl.md",
        '---\nname: Carlos\nmet_through: "[[Bob]]"\n---\n- 2026-10-01: walk\n- 2025-10-01: met\n',
    ),
    (
        "an introduction is written in the introducer's file",
        "people/bob.md",
        "---\nname: Bob\naliases: Bobby\n---\n- 2026-11-01: introduced me to [[Ada]] #intro\n",
    ),
    ("a near-duplicate appears", "people/ada2.md", "---\nname: ada lovelace\n---\n"),
    (
        "it is someone else",
        "people/ada2.md",
        '---\nname: ada lovelace\nnot_duplicate_of: "[[people/ada]]"\n---\n',
    ),
    ("an event to ask after", "journal/2026-11-18.md", "- 2026-11-18: [[Ada]]'s exam #ask\n"),
    (
        "an anniversary with gift ideas",
        "people/bob.md",
        "---\nname: Bob\naliases: Bobby\nanniversary: --11-21\ngift_ideas: [tea]\n---\n",
    ),
]


def test_the_live_garden_equals_a_fresh_one_after_every_edit(make_vault: MakeVault) -> None:
    root = make_vault(FILES)
    live = LiveGarden(open_vault(root), TODAY)
    live.start()
    same(live.regenerate(TODAY).garden, fresh(root))
    for what, rel, text in EDITS:
        if text is None:
            (root / rel).unlink()
        else:
            write(root, rel, text)
        live.update([rel])
        live.update([rel])  # a deletion counts after a second look (vim's rename dance)
        assert live.regenerate(TODAY).garden == fresh(root), what
        assert pages(root) == fresh_pages(root), what  # rows kept between saves are right


def pages(root: Path) -> dict[str, bytes]:
    return {
        rel: (root / rel).read_bytes()
        for rel in ("GARDEN.md", "garden.html", "GARDEN-all.md", "garden-all.html")
    }


def fresh_pages(root: Path) -> dict[str, bytes]:
    vault = open_vault(root)
    return {out.rel: out.data for out in render_outputs(vault, fresh(root))[0]}


def test_a_contact_no_changed_note_touches_keeps_its_records(make_vault: MakeVault) -> None:
    root = make_vault(FILES)
    live = LiveGarden(open_vault(root), TODAY)
    live.start()
    before = {p.contact.key: p for p in live.regenerate(TODAY).garden.plants}
    write(root, "journal/2026-11-12.md", "Lunch with [[Ada]] alone.\n")
    live.update(["journal/2026-11-12.md"])
    after = {p.contact.key: p for p in live.regenerate(TODAY).garden.plants}
    assert after["people/carl"] is before["people/carl"]
    assert after["people/bob"] is not before["people/bob"]  # Bob lost an interaction
    assert after == {p.contact.key: p for p in fresh(root).plants}
