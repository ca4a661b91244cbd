"""parse.py: a note's Markdown into dated entries, mentions, tags and tasks, each with its line."""

from __future__ import annotations

import datetime as dt

import pytest

from hortus.core.model import Entry, Mention, MentionKind, Note, Source
from hortus.notes.parse import link_target
from tests.conftest import note

NOV20 = dt.date(2026, 11, 20)


def wiki(target: str, line: int) -> Mention:
    return Mention(target, MentionKind.WIKILINK, line)


def link(target: str, line: int) -> Mention:
    return Mention(target, MentionKind.LINK, line)


def dated(parsed: Note) -> list[tuple[str, int, str]]:
    return [(e.date.isoformat(), e.line, e.title) for e in parsed.entries]


def by_date(parsed: Note, iso: str) -> Entry:
    (entry,) = [e for e in parsed.entries if e.date.isoformat() == iso]
    return entry


def targets(mentions: tuple[Mention, ...]) -> list[str]:
    return [m.target for m in mentions]


# --- dated headings -------------------------------------------------------------------------


def test_dated_heading_covers_lower_headings_up_to_the_next_of_same_level() -> None:
    parsed = note(
        """
        # Journal
        ## 2026-11-20 Coffee
        Met [[Ada]].
        ### Details
        Talked about [[Bob]].
        ## Plans
        [[Cy]] later.
        """
    )
    assert dated(parsed) == [("2026-11-20", 2, "Coffee")]
    assert parsed.entries[0].mentions == (wiki("Ada", 3), wiki("Bob", 5))
    assert parsed.loose_mentions == (wiki("Cy", 7),)


def test_dated_heading_ends_at_a_higher_level_heading() -> None:
    parsed = note(
        """
        ### 2026-11-20 Coffee
        [[Ada]]
        # Elsewhere
        [[Bob]]
        """
    )
    assert dated(parsed) == [("2026-11-20", 1, "Coffee")]
    assert parsed.entries[0].mentions == (wiki("Ada", 2),)
    assert parsed.loose_mentions == (wiki("Bob", 4),)


def test_dated_heading_runs_to_the_end_of_the_file() -> None:
    parsed = note(
        """
        [[Before]]

        ## 2026-11-20 Walk

        with [[Ada]]

        - and [[Bob]]

        > quoting [[Cy]]
        """
    )
    assert targets(parsed.entries[0].mentions) == ["Ada", "Bob", "Cy"]
    assert parsed.loose_mentions == (wiki("Before", 1),)


def test_setext_heading_with_a_date_is_a_dated_section() -> None:
    parsed = note(
        """
        2026-11-20 Dinner
        -----------------
        with [[Ada]]
        """
    )
    assert dated(parsed) == [("2026-11-20", 1, "Dinner")]
    assert parsed.entries[0].mentions == (wiki("Ada", 3),)


# --- dated list items -----------------------------------------------------------------------


def test_dated_list_item_covers_itself_and_its_nested_items_only() -> None:
    parsed = note(
        """
        - 2026-11-20: call with [[Ada]]
          - she mentioned [[Bob]]
            - and [[Cy]]
        - not dated, [[Dee]]

        After the list, [[Eve]].
        """
    )
    assert dated(parsed) == [("2026-11-20", 1, "call with [[Ada]]")]
    assert parsed.entries[0].mentions == (wiki("Ada", 1), wiki("Bob", 2), wiki("Cy", 3))
    assert parsed.loose_mentions == (wiki("Dee", 4), wiki("Eve", 6))


def test_last_dated_item_of_a_loose_list_does_not_cover_the_paragraph_after_it() -> None:
    parsed = note(
        """
        - 2026-11-19 lunch with [[Ada]]

        - 2026-11-20 tea with [[Bob]]

        A paragraph about [[Cy]].
        """
    )
    assert by_date(parsed, "2026-11-19").mentions == (wiki("Ada", 1),)
    assert by_date(parsed, "2026-11-20").mentions == (wiki("Bob", 3),)
    assert parsed.loose_mentions == (wiki("Cy", 5),)


def test_dated_items_in_ordered_lists_and_nested_undated_parent() -> None:
    parsed = note(
        """
        - Trip
          1. 2026-11-20 met [[Ada]]
          2. 2026-11-21 met [[Bob]]
        """
    )
    assert dated(parsed) == [("2026-11-20", 2, "met [[Ada]]"), ("2026-11-21", 3, "met [[Bob]]")]
    assert by_date(parsed, "2026-11-20").mentions == (wiki("Ada", 2),)
    assert by_date(parsed, "2026-11-21").mentions == (wiki("Bob", 3),)
    assert parsed.loose_mentions == ()


# --- innermost entry wins -------------------------------------------------------------------


def test_dated_item_inside_a_dated_section_is_its_own_entry() -> None:
    parsed = note(
        """
        ## 2026-11-20 Trip
        Saw [[Ada]].
        - 2026-11-21 dinner with [[Bob]]
          - and [[Cy]]

        Back home with [[Dee]].
        """
    )
    assert dated(parsed) == [("2026-11-20", 1, "Trip"), ("2026-11-21", 3, "dinner with [[Bob]]")]
    assert by_date(parsed, "2026-11-20").mentions == (wiki("Ada", 2), wiki("Dee", 6))
    assert by_date(parsed, "2026-11-21").mentions == (wiki("Bob", 3), wiki("Cy", 4))


def test_deeper_dated_heading_inside_a_dated_section_is_its_own_entry() -> None:
    parsed = note(
        """
        ## 2026-11-20 Trip
        [[Ada]]
        ### 2026-11-22 Day three
        [[Bob]] #news
        ### Notes
        [[Cy]]
        ## Other
        [[Dee]]
        """
    )
    assert dated(parsed) == [("2026-11-20", 1, "Trip"), ("2026-11-22", 3, "Day three")]
    assert by_date(parsed, "2026-11-20").mentions == (wiki("Ada", 2), wiki("Cy", 6))
    assert by_date(parsed, "2026-11-22").mentions == (wiki("Bob", 4),)
    assert by_date(parsed, "2026-11-22").tags == frozenset({"news"})
    assert by_date(parsed, "2026-11-20").tags == frozenset()
    assert parsed.loose_mentions == (wiki("Dee", 8),)


def test_undated_heading_inside_a_dated_item_section_keeps_the_section() -> None:
    parsed = note(
        """
        ## 2026-11-20 Trip
        ### Morning
        - bought bread with [[Ada]]
        """
    )
    assert by_date(parsed, "2026-11-20").mentions == (wiki("Ada", 3),)


# --- date forms -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("- [[2026-11-20]] text", "text"),
        ("## 2026-11-20 Title", "Title"),
        ("- 2026-11-20: call", "call"),
        ("- 2026-11-20 — long walk", "long walk"),
        ("## [[2026-11-20]] Coffee", "Coffee"),
        ("* 2026-11-20, dinner", "dinner"),
        ("- 2026-11-20", ""),
    ],
)
def test_date_forms_and_titles(text: str, title: str) -> None:
    parsed = note(text)
    assert [(e.date, e.line, e.title) for e in parsed.entries] == [(NOV20, 1, title)]
    assert parsed.problems == ()


@pytest.mark.parametrize(
    "text",
    [
        "- 20261120 call",
        "- on 2026-11-20 call",
        "- 2026-11-2 call",
        "## 2026-11-20x",
        "Paragraph 2026-11-20 call",
        "- 2026-11-201 call",
    ],
)
def test_text_that_does_not_start_with_an_iso_date_is_not_dated(text: str) -> None:
    parsed = note(text)
    assert parsed.entries == ()
    assert parsed.problems == ()


def test_invalid_date_in_a_heading_is_a_problem_at_its_file_line() -> None:
    parsed = note(
        """
        ---
        title: x
        ---

        ## 2026-02-30 Party
        with [[Ada]]
        """,
        path="journal/party.md",
    )
    assert parsed.entries == ()
    assert len(parsed.problems) == 1
    problem = parsed.problems[0]
    assert problem.source == Source("journal/party.md", 5)
    assert "2026-02-30" in problem.message
    assert parsed.loose_mentions == (wiki("Ada", 6),)


def test_invalid_date_in_a_list_item_is_a_problem_at_its_line() -> None:
    parsed = note(
        """
        - 2026-11-20 fine
        - 2026-13-01 not a month
        - 2025-02-29 not a leap year
        """
    )
    assert dated(parsed) == [("2026-11-20", 1, "fine")]
    assert [p.source for p in parsed.problems] == [
        Source("journal/note.md", 2),
        Source("journal/note.md", 3),
    ]
    assert "2026-13-01" in parsed.problems[0].message
    assert "2025-02-29" in parsed.problems[1].message


def test_leap_day_is_a_real_date() -> None:
    parsed = note("- 2028-02-29 leap")
    assert [e.date for e in parsed.entries] == [dt.date(2028, 2, 29)]
    assert parsed.problems == ()


# --- wikilink mentions ----------------------------------------------------------------------


def test_wikilink_forms_and_embeds() -> None:
    parsed = note(
        """
        ## 2026-11-20 Party
        [[Ada]], [[Bob Marsh|Bobby]], [[Cy#Work]] and [[Dee#Kids|the kids]].
        ![[Eve]] is an embed, ![[photo.png]] too.
        [[people/fay]] by path.
        """
    )
    assert parsed.entries[0].mentions == (
        wiki("Ada", 2),
        wiki("Bob Marsh", 2),
        wiki("Cy", 2),
        wiki("Dee", 2),
        wiki("people/fay", 4),
    )


def test_empty_and_heading_only_wikilinks_are_not_mentions() -> None:
    parsed = note("- 2026-11-20 see [[#Top]] and [[ ]]")
    assert parsed.entries[0].mentions == ()


def test_code_spans_and_code_blocks_hold_no_mentions_and_no_tags() -> None:
    parsed = note(
        """
        ## 2026-11-20 Notes
        Inline `[[Ada]] #news` code and ``[[Bob]]`` too.

        ```
        [[Cy]] #news
        - 2026-11-21 [[Dee]]
        ```

        ~~~markdown
        [[Eve]]
        ~~~

            [[Fay]] in an indented block

        Real [[Gus]].
        """
    )
    assert dated(parsed) == [("2026-11-20", 1, "Notes")]
    assert parsed.entries[0].mentions == (wiki("Gus", 15),)
    assert parsed.entries[0].tags == frozenset()


def test_html_blocks_and_comments_hold_no_mentions_and_no_tags() -> None:
    parsed = note(
        """
        ## 2026-11-20 Notes
        <div>
        [[Ada]] #news
        </div>

        <!--
        [[Bob]] #old
        -->
        Said <!-- not [[Cy]] #x --> hi to <span>[[Dee]]</span>, a <!-- two
        lines [[Eve]] --> [[Fay]] #met
        """
    )
    assert parsed.entries[0].mentions == (wiki("Dee", 9), wiki("Fay", 10))
    assert parsed.entries[0].tags == frozenset({"met"})


def test_escaped_wikilink_is_not_a_mention() -> None:
    parsed = note(r"- 2026-11-20 \[[Ada]] and [[Bob]]")
    assert parsed.entries[0].mentions == (wiki("Bob", 1),)


# --- Markdown link mentions -----------------------------------------------------------------


def test_markdown_links_relative_to_the_note() -> None:
    parsed = note(
        """
        ## 2026-11-20 Lunch
        With [Alice](../people/alice-martin.md) and [Al](../people/alice%20martin.md).
        [Work](../people/alice-martin.md#work) and [Same folder](bob.md).
        [Root](/people/cy.md) and [Dot](./notes/dee.md).
        """,
        path="journal/lunch.md",
    )
    assert parsed.entries[0].mentions == (
        link("people/alice-martin", 2),
        link("people/alice martin", 2),
        link("people/alice-martin", 3),
        link("journal/bob", 3),
        link("people/cy", 4),
        link("journal/notes/dee", 4),
    )


def test_links_that_are_not_mentions() -> None:
    parsed = note(
        """
        ## 2026-11-20 Links
        [web](https://example.com/people/ada.md), [mail](mailto:ada@example.com),
        [anchor](#lunch), [out](../../outside.md), [proto](//example.com/x.md).
        `[code](../people/ada.md)` and ![img](../people/ada.md)
        """,
        path="journal/links.md",
    )
    assert parsed.entries[0].mentions == ()


def test_reference_style_links_are_mentions() -> None:
    parsed = note(
        """
        - 2026-11-20 dinner with [Alice][am] and [Bob][]

        [am]: ../people/alice-martin.md
        [bob]: <../people/bob smith.md>
        """,
        path="journal/dinner.md",
    )
    assert parsed.entries[0].mentions == (
        link("people/alice-martin", 1),
        link("people/bob smith", 1),
    )


@pytest.mark.parametrize(
    ("note_path", "href", "expected"),
    [
        ("journal/a.md", "../people/alice-martin.md", "people/alice-martin"),
        ("journal/a.md", "../people/alice%20martin.md", "people/alice martin"),
        ("journal/a.md", "../people/zo%C3%AB.md", "people/zoë"),
        ("journal/a.md", "../people/ada.md#work", "people/ada"),
        ("journal/a.md", "../people/ada.MD", "people/ada"),
        ("journal/2026/a.md", "../../people/ada.md", "people/ada"),
        ("a.md", "people/ada.md", "people/ada"),
        ("journal/a.md", "#anchor", None),
        ("journal/a.md", "https://example.com/ada.md", None),
        ("journal/a.md", "../../ada.md", None),
        ("a.md", "../ada.md", None),
        ("journal/a.md", "", None),
    ],
)
def test_link_target(note_path: str, href: str, expected: str | None) -> None:
    assert link_target(note_path, href) == expected


# --- tags -----------------------------------------------------------------------------------


def test_tags_belong_to_their_entry_lowercased() -> None:
    parsed = note(
        """
        ## 2026-11-20 Promotion #moment/job
        [[Ada]] got the job. #News

        ## 2026-11-21 Walk
        Just a walk #outdoors, not a#tag, not #123, issue #12.

        Outside #loose
        """
    )
    assert by_date(parsed, "2026-11-20").tags == frozenset({"moment/job", "news"})
    assert by_date(parsed, "2026-11-21").tags == frozenset({"outdoors", "loose"})
    assert parsed.loose_tags == frozenset()


def test_tags_outside_entries_are_loose() -> None:
    parsed = note(
        """
        # Notes #people
        text #news

        - 2026-11-20 call #moment
        """
    )
    assert parsed.loose_tags == frozenset({"people", "news"})
    assert parsed.entries[0].tags == frozenset({"moment"})


# --- line numbers ---------------------------------------------------------------------------


def test_lines_count_from_the_top_of_the_file_including_front_matter() -> None:
    parsed = note(
        """
        ---
        name: Ada
        tags: [a, b]
        ---
        # Ada

        ## 2026-11-20 Coffee
        Met [[Bob]] and
        then [[Cy]] joined,
        and later\\
        [[Dee]] after a hard break.
        - 2026-11-21 call
          with [[Eve]]
        """,
        path="people/ada.md",
    )
    assert dated(parsed) == [("2026-11-20", 7, "Coffee"), ("2026-11-21", 12, "call")]
    assert by_date(parsed, "2026-11-20").mentions == (
        wiki("Bob", 8),
        wiki("Cy", 9),
        wiki("Dee", 11),
    )
    assert by_date(parsed, "2026-11-21").mentions == (wiki("Eve", 13),)
    assert parsed.h1 == "Ada"


def test_lines_count_soft_breaks_inside_code_spans() -> None:
    parsed = note(
        """
        Met `some
        code` and
        [[Ada]]
        """
    )
    assert parsed.loose_mentions == (wiki("Ada", 3),)


def test_lines_count_soft_breaks_inside_image_descriptions() -> None:
    parsed = note(
        """
        ![a photo
        of the lake](lake.png) and
        [[Ada]]
        """
    )
    assert parsed.loose_mentions == (wiki("Ada", 3),)


def test_lines_with_blank_lines_after_the_front_matter_and_crlf() -> None:
    parsed = note("---\r\nname: Ada\r\n---\r\n\r\n\r\n- 2026-11-20 with [[Bob]]\r\n")
    assert dated(parsed) == [("2026-11-20", 6, "with [[Bob]]")]
    assert parsed.entries[0].mentions == (wiki("Bob", 6),)


def test_lines_inside_blockquotes_and_after_fences() -> None:
    parsed = note(
        """
        ```
        one
        two
        ```
        > quote
        > with [[Ada]]

        - item
          continued
          [[Bob]]
        """
    )
    assert parsed.loose_mentions == (wiki("Ada", 6), wiki("Bob", 10))


# --- tasks ----------------------------------------------------------------------------------


def test_task_lines_never_water_anyone() -> None:
    parsed = note(
        """
        ## 2026-11-20 Week
        - [ ] call [[Ada]]
        - [x] wrote to [[Bob]]
        - [ ] 2026-11-25 visit [[Cy]]
          - bring [[Dee]] a book
        - met [[Eve]]
        """
    )
    assert dated(parsed) == [("2026-11-20", 1, "Week")]
    assert parsed.entries[0].mentions == (wiki("Eve", 6),)
    assert parsed.task_mentions == (
        wiki("Ada", 2),
        wiki("Bob", 3),
        wiki("Cy", 4),
        wiki("Dee", 5),
    )
    assert parsed.loose_mentions == ()


def test_task_inside_a_dated_item_is_still_a_task() -> None:
    parsed = note(
        """
        - 2026-11-20 lunch with [[Ada]]
          - [ ] send [[Bob]] the photos
        """
    )
    assert parsed.entries[0].mentions == (wiki("Ada", 1),)
    assert parsed.task_mentions == (wiki("Bob", 2),)


# --- title text and H1 ----------------------------------------------------------------------


def test_h1_is_the_first_level_one_heading() -> None:
    parsed = note(
        """
        ## Not this
        # Ada  Lovelace
        # Not this either
        """
    )
    assert parsed.h1 == "Ada  Lovelace"


def test_setext_h1_and_no_h1() -> None:
    assert note("Ada Lovelace\n===\n").h1 == "Ada Lovelace"
    assert note("## only h2\n").h1 is None


def test_empty_note_and_problems_of_a_clean_note() -> None:
    parsed = note("")
    assert parsed.entries == ()
    assert parsed.loose_mentions == ()
    assert parsed.task_mentions == ()
    assert parsed.loose_tags == frozenset()
    assert parsed.problems == ()
    assert parsed.h1 is None


def test_broken_front_matter_is_a_problem_and_the_body_still_parses() -> None:
    parsed = note(
        """
        ---
        name: [Ada
        ---
        - 2026-11-20 with [[Bob]]
        """,
        path="people/ada.md",
    )
    assert [p.source.path for p in parsed.problems] == ["people/ada.md"]
    assert parsed.problems[0].message.startswith("front matter is not valid YAML")
    assert dated(parsed) == [("2026-11-20", 4, "with [[Bob]]")]


def test_tasks_are_records_with_due_and_done_dates_and_clean_text() -> None:
    parsed = note(
        """
        # Week
        - [ ] send [[Ada]] the article 📅 2026-12-01 #work
        - [x] call [[Bob]] ✅ 2026-11-20
        - [X] lend the tent due:2026-11-25 done:2026-11-19
        - [ ] due:2026-02-30 bring [[Cy]] a book
        - [ ] a due:tomorrow note
        """
    )
    got = [(t.line, t.checked, t.text, t.due, t.done) for t in parsed.tasks]
    assert got == [
        (2, False, "send [[Ada]] the article #work", dt.date(2026, 12, 1), None),
        (3, True, "call [[Bob]]", None, dt.date(2026, 11, 20)),
        (4, True, "lend the tent", dt.date(2026, 11, 25), dt.date(2026, 11, 19)),
        (5, False, "bring [[Cy]] a book", None, None),
        (6, False, "a due:tomorrow note", None, None),
    ]
    assert parsed.tasks[0].tags == frozenset({"work"})
    assert [m.target for m in parsed.tasks[0].mentions] == ["Ada"]
    assert [(p.source.line, p.message) for p in parsed.problems] == [
        (5, "'2026-02-30' is not a real date")
    ]


def test_a_task_is_to_the_people_its_own_paragraph_names() -> None:
    parsed = note(
        """
        - [ ] call [[Ada]] about
          the trip with [[Bob]]
          - ask [[Cy]] first
        """
    )
    (task,) = parsed.tasks
    assert [m.target for m in task.mentions] == ["Ada", "Bob"]
    assert task.text == "call [[Ada]] about"
    assert [m.target for m in parsed.task_mentions] == ["Ada", "Bob", "Cy"]


def test_a_note_of_thousands_of_entries_and_mentions_parses_in_linear_time() -> None:
    # Assigning each mention to its entry used to compare every mention with every entry:
    # 20,000 entries took about 30 s. The budget is generous; the point is the growth.
    import time

    body = "".join(f"- 2026-11-20: call [[A{i % 50}]] #t\n" for i in range(20_000))
    started = time.perf_counter()
    parsed = note(body)
    assert time.perf_counter() - started < 10
    assert len(parsed.entries) == 20_000
    assert parsed.entries[-1].mentions[0].line == 20_000


def test_a_lone_carriage_return_counts_as_a_line_break() -> None:
    # Found by hypothesis: `\r#A` given straight to the parser (the reader normalises first).
    from hortus.notes.parse import parse_note
    from hortus.notes.read import split_front_matter

    parsed = parse_note(split_front_matter("journal/2026-11-20.md", "\r#A"))
    assert parsed.loose_tags == frozenset({"a"})
