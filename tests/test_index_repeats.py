"""index.py on repeated names and shared entries: the resolver works a text out once, but
every mention still counts (or is a problem, or an unresolved name) at its own place; one
entry's involvement is one record for everyone it involves alike."""

from __future__ import annotations

from hortus.core.model import Source, Unresolved
from tests.conftest import MakeVault, index_of


def test_each_mention_of_a_remembered_name_is_its_own_problem_or_unresolved_name(
    make_vault: MakeVault,
) -> None:
    root = make_vault(
        {
            "people/alex-kim.md": "---\nname: Alex Kim\naliases: [Alex]\n---\n",
            "people/team/alex.md": "---\nname: Alexandra Roy\n---\n",
            "journal/2026-11-20.md": "With [[alex]] and [[Zed]].\n\nLater [[alex]], [[Zed]].\n",
            "journal/2026-11-21.md": "Again [[Zed]] and [[ALEX]].\n",
        }
    )
    index = index_of(root)
    ambiguous = [(p.source.path, p.source.line) for p in index.problems]
    assert ambiguous == [
        ("journal/2026-11-20.md", 1),
        ("journal/2026-11-20.md", 3),
        ("journal/2026-11-21.md", 1),
    ]
    assert index.unresolved == (
        Unresolved("Zed", Source("journal/2026-11-20.md", 1)),
        Unresolved("Zed", Source("journal/2026-11-20.md", 3)),
        Unresolved("Zed", Source("journal/2026-11-21.md", 1)),
    )


def test_a_link_and_a_wikilink_with_the_same_text_resolve_each_their_own_way(
    make_vault: MakeVault,
) -> None:
    # `ada` as a link is a path (no contact is there); as a wikilink a name (Ada's stem).
    root = make_vault(
        {
            "people/ada.md": "# Ada\n",
            "log.md": (
                "- 2026-11-20 [x](ada.md)\n"
                "- 2026-11-21 [[ada]]\n"
                "- 2026-11-22 [y](people/ada.md)\n"
                "- 2026-11-23 [z](ada.md)\n"
            ),
        }
    )
    days = [i.entry.date.isoformat() for i in index_of(root).involvements["people/ada"]]
    assert days == ["2026-11-21", "2026-11-22"]


def test_an_entry_is_one_record_for_the_contacts_it_involves_alike(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/ada.md": "# Ada\n\n- 2026-11-19 lunch with [[Bob]] and [[Cy]]\n",
            "people/bob.md": "# Bob\n",
            "people/cy.md": "# Cy\n",
            "journal/2026-11-20.md": "- 2026-11-20 dinner with [[Ada]], [[Bob]] and [[Cy]]\n",
        }
    )
    index = index_of(root)
    ada, bob, cy = (index.involvements[key] for key in ("people/ada", "people/bob", "people/cy"))
    assert [i.path for i in ada] == ["journal/2026-11-20.md", "people/ada.md"]  # path order
    assert ada[0] is bob[0] is cy[0]  # the dinner: about each of them
    assert ada[1].concerns and not bob[1].concerns  # the lunch, in Ada's file: about Ada
    assert bob[1] is cy[1]
