"""index.py: who the contacts are, how names resolve, and which entries involve whom."""

from __future__ import annotations

import datetime as dt
import unicodedata

from hortus.core.model import Contact, Source, Unresolved
from hortus.index import Index
from tests.conftest import MakeVault, index_notes, index_of, note


def contact(index: Index, key: str) -> Contact:
    (found,) = [c for c in index.contacts if c.key == key]
    return found


def involved(index: Index, key: str) -> list[tuple[str, str]]:
    """(date, path) of every entry involving the contact."""
    return [(i.entry.date.isoformat(), i.path) for i in index.involvements.get(key, ())]


def problems_at(index: Index, path: str) -> list[tuple[int, str]]:
    return [(p.source.line, p.message) for p in index.problems if p.source.path == path]


# --- what a contact is ----------------------------------------------------------------------


def test_contacts_are_files_under_people_any_case_and_depth_or_type_person(
    make_vault: MakeVault,
) -> None:
    root = make_vault(
        {
            "people/ada.md": "# Ada\n",
            "People/Family/bob.md": "# Bob\n",
            "PEOPLE/cy.md": "",
            "notes/dee.md": "---\ntype: person\n---\n",
            "journal/eve.md": "---\ntype: Person\n---\n",
            "notes/project.md": "---\ntype: project\n---\n# Project\n",
            "notes/people.md": "# A note called people\n",
            "archive/people/fay.md": "# Fay\n",
            "peoplex/gus.md": "# Gus\n",
        }
    )
    index = index_of(root)
    assert sorted(c.path for c in index.contacts) == [
        "PEOPLE/cy.md",
        "People/Family/bob.md",
        "journal/eve.md",
        "notes/dee.md",
        "people/ada.md",
    ]
    assert contact(index, "People/Family/bob").name == "Bob"


def test_contact_name_from_name_else_h1_else_stem(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/ada.md": "---\nname: Ada Lovelace\n---\n# Countess\n",
            "people/bob.md": "Intro\n\n## Work\n# Robert Marsh\n# Second\n",
            "people/cy-young.md": "## not an h1\n",
            "people/dee.md": "---\nname: '  '\n---\n# Dee Hall\n",
        }
    )
    index = index_of(root)
    assert contact(index, "people/ada").name == "Ada Lovelace"
    assert contact(index, "people/bob").name == "Robert Marsh"
    assert contact(index, "people/cy-young").name == "cy-young"
    assert contact(index, "people/dee").name == "Dee Hall"


def test_contacts_are_sorted_by_name_case_insensitively(make_vault: MakeVault) -> None:
    root = make_vault(
        {"people/a.md": "# bea\n", "people/b.md": "# Alan\n", "people/c.md": "# Carl\n"}
    )
    assert [c.name for c in index_of(root).contacts] == ["Alan", "bea", "Carl"]


def test_aliases_as_list_comma_string_or_alias(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/ada.md": "---\naliases: [Ada L, Countess]\n---\n",
            "people/bob.md": "---\naliases: Bobby, Rob ,  Bert\n---\n",
            "people/cy.md": "---\nalias: Cyrus\n---\n",
            "people/dee.md": "---\naliases:\n  - Dee Dee\n  - D\n---\n",
            "people/eve.md": "# Eve\n",
        }
    )
    index = index_of(root)
    assert contact(index, "people/ada").aliases == ("Ada L", "Countess")
    assert contact(index, "people/bob").aliases == ("Bobby", "Rob", "Bert")
    assert contact(index, "people/cy").aliases == ("Cyrus",)
    assert contact(index, "people/dee").aliases == ("Dee Dee", "D")
    assert contact(index, "people/eve").aliases == ()


def test_contact_fields_circle_cadence_birthday_tags_and_extras(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/ada.md": """
                ---
                name: Ada
                circle: Inner
                cadence: 3w
                birthday: 1815-12-10
                tags: [mathematics, "#poetry"]
                employer: Analytical Engines
                ---
                """,
            "people/bob.md": "# Bob\n",
            "people/cy.md": "---\ncircle: close\n---\n",
        }
    )
    index = index_of(root)
    ada = contact(index, "people/ada")
    assert (ada.circle, ada.cadence_days, ada.birthday) == ("inner", 21, "1815-12-10")
    assert ada.tags == ("mathematics", "poetry")
    assert ada.fields == {"employer": "Analytical Engines"}
    bob = contact(index, "people/bob")
    assert (bob.circle, bob.cadence_days) == ("network", 90)
    cy = contact(index, "people/cy")
    assert (cy.circle, cy.cadence_days) == ("close", 30)
    assert index.problems == ()


def test_unknown_circle_and_unreadable_cadence_are_problems_at_their_lines(
    make_vault: MakeVault,
) -> None:
    root = make_vault(
        {
            "people/ada.md": "---\nname: Ada\ncircle: besties\n---\n",
            "people/bob.md": "---\nname: Bob\ncircle: inner\n\ncadence: soonish\n---\n",
        }
    )
    index = index_of(root)
    ada = contact(index, "people/ada")
    assert (ada.circle, ada.cadence_days) == ("network", 90)
    bob = contact(index, "people/bob")
    assert (bob.circle, bob.cadence_days) == ("inner", 14)
    ((ada_line, ada_message),) = problems_at(index, "people/ada.md")
    assert ada_line == 3
    assert "besties" in ada_message
    ((bob_line, bob_message),) = problems_at(index, "people/bob.md")
    assert bob_line == 5
    assert "soonish" in bob_message


# --- resolution -----------------------------------------------------------------------------


def test_targets_resolve_by_stem_path_name_and_alias_case_insensitively(
    make_vault: MakeVault,
) -> None:
    root = make_vault(
        {
            "people/ada-l.md": "---\nname: Ada Lovelace\naliases: [Countess]\n---\n",
            "journal/notes.md": """
                - 2026-11-01 by stem [[ADA-L]]
                - 2026-11-02 by path [[people/Ada-L]]
                - 2026-11-03 by path with extension [[People/ada-l.md]]
                - 2026-11-04 by name [[ada lovelace]]
                - 2026-11-05 by alias [[COUNTESS|her]]
                - 2026-11-06 by heading link [[Ada Lovelace#Work]]
                - 2026-11-07 by nobody
                """,
        }
    )
    index = index_of(root)
    assert [d for d, _ in involved(index, "people/ada-l")] == [
        "2026-11-01",
        "2026-11-02",
        "2026-11-03",
        "2026-11-04",
        "2026-11-05",
        "2026-11-06",
    ]
    assert index.unresolved == ()
    assert index.problems == ()


def test_resolution_is_unicode_nfc_both_ways(make_vault: MakeVault) -> None:
    composed = unicodedata.normalize("NFC", "Zoë")
    decomposed = unicodedata.normalize("NFD", "Zoë")
    assert composed != decomposed
    root = make_vault(
        {
            f"people/{composed}.md": f"---\nname: {composed} Adams\n---\n",
            "people/rene.md": f"---\nname: {unicodedata.normalize('NFD', 'René')}\n---\n",
            "journal/a.md": f"- 2026-11-01 with [[{decomposed}]]\n"
            f"- 2026-11-02 with [[{decomposed} ADAMS]]\n"
            f"- 2026-11-03 with [[{unicodedata.normalize('NFC', 'RENÉ')}]]\n",
        }
    )
    index = index_of(root)
    assert involved(index, f"people/{composed}") == [
        ("2026-11-01", "journal/a.md"),
        ("2026-11-02", "journal/a.md"),
    ]
    assert involved(index, "people/rene") == [("2026-11-03", "journal/a.md")]
    assert index.unresolved == ()


def test_decomposed_file_name_resolves_from_composed_links(make_vault: MakeVault) -> None:
    decomposed = unicodedata.normalize("NFD", "Zoë")
    root = make_vault(
        {
            f"people/{decomposed}.md": "",
            "journal/a.md": "- 2026-11-01 with [[zoë]]\n- 2026-11-02 [Z](../people/Zo%C3%AB.md)\n",
        }
    )
    index = index_of(root)
    assert involved(index, f"people/{decomposed}") == [
        ("2026-11-01", "journal/a.md"),
        ("2026-11-02", "journal/a.md"),
    ]
    assert index.unresolved == ()


def test_markdown_links_resolve_to_contact_files(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/alice-martin.md": "# Alice\n",
            "people/bob smith.md": "# Bob\n",
            "people/cy.md": "# Cy\n",
            "journal/2026/lunch.md": """
                - 2026-11-01 [Alice](../../people/alice-martin.md#work)
                - 2026-11-02 [Bob](../../people/bob%20smith.md)
                - 2026-11-03 [not Cy](https://example.com/people/cy.md)
                - 2026-11-04 [Alice's page is not Alice by name](../../people/Alice.md)
                """,
            "journal/short.md": "- 2026-11-05 [Cy](../People/CY.md)\n",
        }
    )
    index = index_of(root)
    assert involved(index, "people/alice-martin") == [("2026-11-01", "journal/2026/lunch.md")]
    assert involved(index, "people/bob smith") == [("2026-11-02", "journal/2026/lunch.md")]
    assert involved(index, "people/cy") == [("2026-11-05", "journal/short.md")]
    assert index.unresolved == ()


def test_ambiguous_target_is_a_problem_naming_every_candidate_and_counts_for_none(
    make_vault: MakeVault,
) -> None:
    root = make_vault(
        {
            "people/alex-kim.md": "---\nname: Alex Kim\naliases: [Alex]\n---\n",
            "people/team/alex.md": "---\nname: Alexandra Roy\n---\n",
            "people/sam.md": "# Sam\n",
            "journal/2026-11-20.md": """
                # Friday

                Lunch with [[alex]] and [[Sam]].
                """,
        }
    )
    index = index_of(root)
    ((line, message),) = problems_at(index, "journal/2026-11-20.md")
    assert line == 3
    assert "Alex Kim" in message
    assert "people/alex-kim.md" in message
    assert "Alexandra Roy" in message
    assert "people/team/alex.md" in message
    assert involved(index, "people/alex-kim") == []
    assert involved(index, "people/team/alex") == []
    assert involved(index, "people/sam") == [("2026-11-20", "journal/2026-11-20.md")]
    assert index.unresolved == ()


def test_ambiguous_target_in_an_undated_note_is_still_a_problem(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/alex-kim.md": "---\naliases: [Alex]\n---\n# Alex Kim\n",
            "people/alex-roy.md": "---\naliases: [Alex]\n---\n# Alex Roy\n",
            "notes/ideas.md": "# Ideas\n\nAsk [[Alex]] about the garden.\n",
        }
    )
    index = index_of(root)
    problems = problems_at(index, "notes/ideas.md")
    assert [line for line, _ in problems] == [3]
    assert "Alex Kim" in problems[0][1]
    assert "Alex Roy" in problems[0][1]


def test_path_link_disambiguates(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/alex-kim.md": "---\naliases: [Alex]\n---\n",
            "people/alex-roy.md": "---\naliases: [Alex]\n---\n",
            "journal/a.md": "- 2026-11-20 [[people/alex-roy|Alex]]\n",
        }
    )
    index = index_of(root)
    assert involved(index, "people/alex-roy") == [("2026-11-20", "journal/a.md")]
    assert involved(index, "people/alex-kim") == []
    assert index.problems == ()


# --- unresolved names -----------------------------------------------------------------------


def test_unresolved_names_inside_contact_files_and_dated_entries_only(
    make_vault: MakeVault,
) -> None:
    root = make_vault(
        {
            "people/ada.md": """
                ---
                name: Ada
                ---
                Sister of [[Zed]].

                - [ ] introduce her to [[Yan]]
                """,
            "journal/2026-11-20.md": "Met [[Xia]] at the market.\n",
            "notes/trip.md": """
                # Trip

                Planning with [[Wu]].

                ## 2026-11-21 Departure
                Train with [[Vic]].
                """,
            "notes/ideas.md": "# Ideas\n\n[[Uma]] might like this. [[Project Hortus]]\n",
            "notes/Project Hortus.md": "---\naliases: [PH]\n---\n# Project\n",
            "journal/2026-11-22.md": "Worked on [[project hortus]] and [[PH]], [[notes/ideas]].\n",
            "journal/2026-11-23.md": "See [[2026-11-22]].\n",
        }
    )
    index = index_of(root)
    assert index.unresolved == (
        Unresolved("Vic", Source("notes/trip.md", 6)),
        Unresolved("Xia", Source("journal/2026-11-20.md", 1)),
        Unresolved("Yan", Source("people/ada.md", 6)),
        Unresolved("Zed", Source("people/ada.md", 4)),
    )


# --- dated notes ----------------------------------------------------------------------------


def test_daily_note_is_dated_as_a_whole_except_its_inner_entries(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/ada.md": "# Ada\n",
            "people/bob.md": "# Bob\n",
            "people/cy.md": "# Cy\n",
            "journal/2026-11-20.md": """
                # Friday

                Coffee with [[Ada]].

                ## 2026-11-18 Looking back
                Called [[Bob]].

                ## Later
                - [ ] write to [[Cy]]
                """,
        }
    )
    index = index_of(root)
    assert involved(index, "people/ada") == [("2026-11-20", "journal/2026-11-20.md")]
    assert involved(index, "people/bob") == [("2026-11-18", "journal/2026-11-20.md")]
    assert involved(index, "people/cy") == []
    (whole,) = index.involvements["people/ada"]
    assert whole.entry.title == "Friday"


def test_daily_note_stems_with_titles_and_front_matter_date(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/ada.md": "# Ada\n",
            "journal/2026-11-19 Market day.md": "[[Ada]] bought apples.\n",
            "notes/dinner.md": "---\ndate: 2026-11-17\n---\nDinner with [[Ada]].\n",
            "notes/dated-stem.md": "---\ndate: 2026-11-16T19:30:00\n---\n[[Ada]] again.\n",
            "notes/quoted.md": "---\ndate: '2026-11-14'\n---\nTea with [[Ada]].\n",
            "notes/undated.md": "Thinking about [[Ada]].\n",
        }
    )
    index = index_of(root)
    assert involved(index, "people/ada") == [
        ("2026-11-19", "journal/2026-11-19 Market day.md"),
        ("2026-11-16", "notes/dated-stem.md"),
        ("2026-11-17", "notes/dinner.md"),
        ("2026-11-14", "notes/quoted.md"),
    ]


def test_front_matter_date_wins_over_the_file_stem(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/ada.md": "# Ada\n",
            "journal/2026-11-20.md": "---\ndate: 2026-11-15\n---\n[[Ada]]\n",
        }
    )
    assert involved(index_of(root), "people/ada") == [("2026-11-15", "journal/2026-11-20.md")]


def test_invalid_date_in_the_file_stem_is_a_problem(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": "# Ada\n", "journal/2026-02-30.md": "\n\nSaw [[Ada]].\n"})
    index = index_of(root)
    ((line, message),) = problems_at(index, "journal/2026-02-30.md")
    assert line == 1
    assert "2026-02-30" in message
    assert involved(index, "people/ada") == []


def test_unreadable_front_matter_date_is_a_problem_at_its_line(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/ada.md": "# Ada\n",
            "notes/dinner.md": "---\ntitle: Dinner\ndate: last friday\n---\n[[Ada]]\n",
        }
    )
    index = index_of(root)
    ((line, message),) = problems_at(index, "notes/dinner.md")
    assert line == 3
    assert "last friday" in message
    assert involved(index, "people/ada") == []


def test_contact_file_is_not_dated_as_a_whole(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/2026-01-01 new year.md": "---\nname: Newt\ndate: 2026-02-02\n---\n",
            "people/ada.md": "---\ndate: 2026-11-20\n---\nMet through [[Bob]].\n",
            "people/bob.md": "# Bob\n",
        }
    )
    index = index_of(root)
    assert index.involvements == {}


# --- who an entry involves ------------------------------------------------------------------


def test_entry_in_a_contacts_own_file_involves_the_contact_and_its_mentions(
    make_vault: MakeVault,
) -> None:
    root = make_vault(
        {
            "people/ada.md": """
                ---
                name: Ada
                ---
                Friends with [[Cy]].

                ## 2026-11-20 Coffee
                With [[Bob]] and [[Ada]].

                - 2026-11-21 phone call
                """,
            "people/bob.md": "# Bob\n",
            "people/cy.md": "# Cy\n",
        }
    )
    index = index_of(root)
    assert involved(index, "people/ada") == [
        ("2026-11-20", "people/ada.md"),
        ("2026-11-21", "people/ada.md"),
    ]
    assert involved(index, "people/bob") == [("2026-11-20", "people/ada.md")]
    assert involved(index, "people/cy") == []


def test_entry_in_another_note_involves_only_its_mentions(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/ada.md": "# Ada\n",
            "people/bob.md": "# Bob\n",
            "notes/log.md": """
                # Log
                - 2026-11-20 lunch with [[Ada]], [[Ada|her]] and [Ada](../people/ada.md)
                - 2026-11-21 alone
                """,
        }
    )
    index = index_of(root)
    assert involved(index, "people/ada") == [("2026-11-20", "notes/log.md")]
    assert involved(index, "people/bob") == []
    (only,) = index.involvements["people/ada"]
    assert only.entry.line == 2
    assert only.entry.title == "lunch with [[Ada]], [[Ada|her]] and [Ada](../people/ada.md)"


def test_type_person_note_elsewhere_owns_its_entries(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "notes/dee.md": "---\ntype: person\nname: Dee\n---\n- 2026-11-20 walk\n",
        }
    )
    assert involved(index_of(root), "notes/dee") == [("2026-11-20", "notes/dee.md")]


def test_index_notes_helper_builds_the_same_index() -> None:
    ada = note("# Ada\n- 2026-11-20 tea with [[Bob]]\n", path="people/ada.md")
    bob = note("# Bob\n", path="people/bob.md")
    index = index_notes(ada, bob)
    assert [c.name for c in index.contacts] == ["Ada", "Bob"]
    assert involved(index, "people/ada") == [("2026-11-20", "people/ada.md")]
    assert involved(index, "people/bob") == [("2026-11-20", "people/ada.md")]
    assert index.involvements["people/bob"][0].entry.date == dt.date(2026, 11, 20)
    assert index.problems == ()
