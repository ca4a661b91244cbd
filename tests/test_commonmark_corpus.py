"""Tricky CommonMark cases: what counts as a mention, entry, tag or task, whatever the parser.

Each case is a note body and everything hortus reads from it. The expected values follow the
CommonMark spec (checked against markdown-it, its reference implementation in Python); they pin
parse.py's behaviour whichever reader (the fast line scanner or markdown-it) takes the note, and
tests/test_fast_parse.py checks that both readers agree on every body here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from hortus.core.model import Mention, MentionKind, Note
from hortus.notes.parse import parse_note
from hortus.notes.read import SourceFile, split_front_matter


@dataclass(frozen=True)
class Case:
    body: str
    # (date, line, title, mentions, tags) per entry; a mention is `target@line`, a link `→path@line`
    entries: list[tuple[str, int, str, list[str], set[str]]] = field(default_factory=list)
    loose: list[str] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)
    # (line, checked, text, mentions) per task
    tasks: list[tuple[int, bool, str, list[str]]] = field(default_factory=list)
    h1: str | None = None


def source(body: str) -> SourceFile:
    """The body as a note at `journal/note.md`, as written (no dedent: indentation matters)."""
    return split_front_matter("journal/note.md", body)


def said(mentions: tuple[Mention, ...]) -> list[str]:
    return [f"{'→' if m.kind is MentionKind.LINK else ''}{m.target}@{m.line}" for m in mentions]


def summary(parsed: Note) -> Case:
    entries = [
        (e.date.isoformat(), e.line, e.title, said(e.mentions), set(e.tags)) for e in parsed.entries
    ]
    tasks = [(t.line, t.checked, t.text, said(t.mentions)) for t in parsed.tasks]
    loose = said(parsed.loose_mentions)
    return Case("", entries, loose, set(parsed.loose_tags), tasks, parsed.h1)


def expect(case: Case) -> Case:
    return Case("", case.entries, case.loose, case.tags, case.tasks, case.h1)


D = "2026-11-20"
CASES: dict[str, Case] = {
    # --- fenced code ------------------------------------------------------------------------
    "fence of backticks ends the list before it": Case(
        f"- {D} Call [[Ada]]\n```\n[[Bob]] #x\n- 2026-11-21 not an entry\n```\n[[Cy]]\n",
        entries=[(D, 1, "Call [[Ada]]", ["Ada@1"], set())],
        loose=["Cy@6"],
    ),
    "a shorter tilde fence does not close a longer one": Case(
        "~~~~\n[[Ada]]\n~~~\n[[Bob]]\n~~~~~\n[[Cy]]\n",
        loose=["Cy@6"],
    ),
    "an unclosed fence runs to the end": Case(
        f"[[Ada]]\n\n```js\n[[Bob]]\n\n## {D} Tea\n[[Cy]] #x\n",
        loose=["Ada@1"],
    ),
    "a fence inside a list item": Case(
        f"- {D} Call\n  ```\n  [[Ada]]\n  ```\n  with [[Bob]]\n- [[Cy]]\n",
        entries=[(D, 1, "Call", ["Bob@5"], set())],
        loose=["Cy@6"],
    ),
    "a fence indented three spaces": Case(
        "   ```\n   [[Ada]]\n   ```\n[[Bob]]\n",
        loose=["Bob@4"],
    ),
    "backticks in a backtick fence's info string make it text": Case(
        "``` a`b\n[[Ada]]\n",
        loose=["Ada@2"],
    ),
    # --- indented code ----------------------------------------------------------------------
    "four spaces after a blank line are code": Case(
        "Intro\n\n    [[Ada]] #x\n\n[[Bob]]\n",
        loose=["Bob@5"],
    ),
    "a tab after a blank line is code": Case(
        "Intro\n\n\t[[Ada]]\n\n[[Bob]]\n",
        loose=["Bob@5"],
    ),
    "four spaces continuing a paragraph are text": Case(
        "Intro [[Ada]]\n    [[Bob]] #x\n",
        loose=["Ada@1", "Bob@2"],
        tags={"x"},
    ),
    "four spaces continuing a list item's paragraph are text": Case(
        f"- {D} Call\n      with [[Ada]]\n",
        entries=[(D, 1, "Call", ["Ada@2"], set())],
    ),
    # --- code spans -------------------------------------------------------------------------
    "code spans of one and two backticks": Case(
        "`[[Ada]]` ``[[Bob]] ` #x`` [[Cy]] #y\n",
        loose=["Cy@1"],
        tags={"y"},
    ),
    "a code span over two lines": Case(
        "a `[[Ada]]\n[[Bob]] #x` [[Cy]]\n[[Dee]]\n",
        loose=["Cy@2", "Dee@3"],
    ),
    "unmatched backticks are text": Case(
        "a ``[[Ada]]` [[Bob]] #x\n",
        loose=["Ada@1", "Bob@1"],
        tags={"x"},
    ),
    "a link inside a code span is code": Case(
        "`[Ada](../people/ada.md)` and [Bob](../people/bob.md)\n",
        loose=["→people/bob@1"],
    ),
    # --- HTML -------------------------------------------------------------------------------
    "an HTML block of type 6 ends at a blank line": Case(
        "<details>\n<summary>[[Ada]] #x</summary>\n\n[[Bob]]\n</details>\n",
        loose=["Bob@4"],
    ),
    "a comment runs over blank lines to its end": Case(
        f"<!--\n- {D} [[Ada]]\n\n-->\n[[Bob]]\n",
        loose=["Bob@5"],
    ),
    "inline tags hold text, inline comments do not": Case(
        "Hi <b>[[Ada]]</b> <!-- [[Bob]] #y --> #x\n",
        loose=["Ada@1"],
        tags={"x"},
    ),
    "a custom tag alone starts an HTML block that ends at a blank line": Case(
        "<custom-tag>\n[[Ada]]\n\n[[Bob]]\n",
        loose=["Bob@4"],
    ),
    "a custom tag cannot interrupt a paragraph": Case(
        "Text\n<custom-tag>\n[[Ada]]\n",
        loose=["Ada@3"],
    ),
    # --- escapes and links ------------------------------------------------------------------
    "escaped brackets make text": Case(
        "\\[x](../people/ada.md) and \\[\\[Bob]] and [Cy\\](../people/cy.md)\n",
    ),
    "reference-style links resolve through their definitions": Case(
        "[Ada][ref] and [Bob] and [Cy][]\n\n[ref]: ../people/ada.md\n[bob]: ../people/bob.md\n"
        "[cy]: <../people/cy lovelace.md> 'title'\n",
        loose=["→people/ada@1", "→people/bob@1", "→people/cy lovelace@1"],
    ),
    "a label without a definition is text": Case("[Ada][nowhere] [#x]\n", tags={"x"}),
    "link text holds tags, destinations do not": Case(
        "[#met Ada](../people/ada.md#x-y) and [site](https://e.com/#frag)\n",
        loose=["→people/ada@1"],
        tags={"met"},
    ),
    "links with titles, spaces and parentheses": Case(
        '[A](../people/ada.md "Ada") [B](<../people/b b.md>) [C](../people/c(1).md)\n',
        loose=["→people/ada@1", "→people/b b@1", "→people/c(1)@1"],
    ),
    "a link that is not one": Case(
        "[Ada](../people/ada.md [Bob] (../people/bob.md) [x](javascript:alert(1))\n",
    ),
    "wikilinks with labels, headings and table pipes": Case(
        "| who | #x |\n|---|---|\n| [[Ada\\|A]] | [[Bob#Work|B]] [[#Top]] [[Cy|]] |\n",
        loose=["Ada@3", "Bob@3", "Cy@3"],
        tags={"x"},
    ),
    "embeds and images are never mentions": Case(
        "![[Ada]] ![Bob](../people/bob.md) ![[photo.png]] ![[[Dee]]](x.png)\n"
        "[Cy](../people/cy.md)\n",
        loose=["→people/cy@2"],
    ),
    "a link or image with a refused destination is text": Case(
        "![#tag](javascript:x) [#met](vbscript:y) [[Ada]]\n",
        loose=["Ada@1"],
        tags={"tag", "met"},
    ),
    "a wikilink wins over a link around it": Case(
        "[[Ada]](../people/bob.md) [x [[Cy]]](../people/dee.md)\n",
        loose=["Ada@1", "Cy@1"],
    ),
    # --- headings ---------------------------------------------------------------------------
    "a setext dated heading of level 1 covers the level 2 after it": Case(
        f"{D} Coffee\n===\n[[Ada]]\n\n## Other\n[[Bob]]\n",
        entries=[(D, 1, "Coffee", ["Ada@3", "Bob@6"], set())],
        h1=f"{D} Coffee",
    ),
    "a setext underline of dashes makes a level 2 heading": Case(
        f"Intro\n\n{D} Tea\n---\n[[Ada]]\n## Next\n[[Bob]]\n",
        entries=[(D, 3, "Tea", ["Ada@5"], set())],
        loose=["Bob@7"],
    ),
    "dashes after a blank line are a rule": Case(
        "[[Ada]]\n\n---\n[[Bob]]\n",
        loose=["Ada@1", "Bob@4"],
    ),
    "dashes after a list item are a rule that ends the list": Case(
        f"- {D} Call [[Ada]]\n---\n[[Bob]]\n",
        entries=[(D, 1, "Call [[Ada]]", ["Ada@1"], set())],
        loose=["Bob@3"],
    ),
    "a rule of stars ends the list": Case(
        f"- {D} Call\n* * *\n[[Ada]]\n",
        entries=[(D, 1, "Call", [], set())],
        loose=["Ada@3"],
    ),
    "a closing sequence and up to three spaces of indentation": Case(
        f"   ## {D} Tea ##\n[[Ada]] #x\n#nope [[Bob]]\n",
        entries=[(D, 1, "Tea", ["Ada@2", "Bob@3"], {"x", "nope"})],
    ),
    "headings close sections at the same or a higher level only": Case(
        f"## {D} A\n[[Ada]]\n### sub\n[[Bob]]\n## B\n[[Cy]]\n# 2026-11-21 C\n[[Dee]]\n"
        "## x\n[[Eve]]\n",
        entries=[
            (D, 1, "A", ["Ada@2", "Bob@4"], set()),
            ("2026-11-21", 7, "C", ["Dee@8", "Eve@10"], set()),
        ],
        loose=["Cy@6"],
        h1="2026-11-21 C",
    ),
    "seven hashes are text": Case("####### 2026-11-20 x [[Ada]] #y\n", loose=["Ada@1"], tags={"y"}),
    # --- block quotes -----------------------------------------------------------------------
    "a dated heading in a block quote runs to the end": Case(
        f"> ## {D} Tea\n> with [[Ada]]\n\n[[Bob]]\n",
        entries=[(D, 1, "Tea", ["Ada@2", "Bob@4"], set())],
    ),
    "a dated item in a block quote with a lazy line": Case(
        f"> - {D} call [[Ada]]\n> [[Bob]]\nlazy [[Cy]]\n\n[[Dee]]\n",
        entries=[(D, 1, "call [[Ada]]", ["Ada@1", "Bob@2", "Cy@3"], set())],
        loose=["Dee@5"],
    ),
    # --- lists ------------------------------------------------------------------------------
    "nested items of other markers, four spaces deep": Case(
        f"* {D} Call\n    + [[Ada]] #x\n        - [[Bob]]\n* [[Cy]]\n",
        entries=[(D, 1, "Call", ["Ada@2", "Bob@3"], {"x"})],
        loose=["Cy@4"],
    ),
    "a sibling after a nested dated item": Case(
        f"- Plans\n  - {D} Tea [[Ada]]\n    - [[Bob]]\n  - [[Cy]]\n- [[Dee]]\n",
        entries=[(D, 2, "Tea [[Ada]]", ["Ada@2", "Bob@3"], set())],
        loose=["Cy@4", "Dee@5"],
    ),
    "ordered lists of both delimiters": Case(
        f"1. {D} Call [[Ada]]\n2) [[Bob]]\n   1) 2026-11-21 Tea [[Cy]]\n",
        entries=[
            (D, 1, "Call [[Ada]]", ["Ada@1"], set()),
            ("2026-11-21", 3, "Tea [[Cy]]", ["Cy@3"], set()),
        ],
        loose=["Bob@2"],
    ),
    "an ordered list not starting at 1 cannot interrupt a paragraph": Case(
        f"Intro\n2. {D} Call [[Ada]]\n",
        loose=["Ada@2"],
    ),
    "only 1 starts an ordered list inside an item's paragraph": Case(
        f"- a\n  2. {D} lazily [[Ada]]\n  1. {D} Tea [[Bob]]\n",
        entries=[(D, 3, "Tea [[Bob]]", ["Bob@3"], set())],
        loose=["Ada@2"],
    ),
    "an item's text starts after a marker of any width": Case(
        f"10. {D} Call\n    - [[Ada]]\n   - [[Bob]]\n",
        entries=[(D, 1, "Call", ["Ada@2"], set())],
        loose=["Bob@3"],
    ),
    "digits and a dot without a space are text": Case(
        "3.5 kg for [[Ada]] #x\n",
        loose=["Ada@1"],
        tags={"x"},
    ),
    "a lazy continuation line belongs to the item": Case(
        f"- {D} Call\nwith [[Ada]]\n\n[[Bob]]\n",
        entries=[(D, 1, "Call", ["Ada@2"], set())],
        loose=["Bob@4"],
    ),
    "a paragraph indented under an item after a blank line stays in it": Case(
        f"- {D} Call\n\n  later [[Ada]]\n\n [[Bob]]\n",
        entries=[(D, 1, "Call", ["Ada@3"], set())],
        loose=["Bob@5"],
    ),
    "a list interrupts a paragraph": Case(
        f"Intro [[Ada]]\n- {D} call [[Bob]]\n",
        entries=[(D, 2, "call [[Bob]]", ["Bob@2"], set())],
        loose=["Ada@1"],
    ),
    "a dated heading inside a list item": Case(
        f"- ## {D} Tea\n  [[Ada]]\n- [[Bob]]\n\n## Next\n[[Cy]]\n",
        entries=[(D, 1, "Tea", ["Ada@2", "Bob@3"], set())],
        loose=["Cy@6"],
    ),
    "an item starting with a blank line": Case(
        f"-\n  {D} Call [[Ada]]\n",
        entries=[(D, 1, "Call [[Ada]]", ["Ada@2"], set())],
    ),
    "tasks with nested items": Case(
        "- [ ] call [[Ada]] #todo\n  - ask about [[Bob]]\n- [x] sent [[Cy]]\n",
        tags={"todo"},
        tasks=[
            (1, False, "call [[Ada]] #todo", ["Ada@1"]),
            (3, True, "sent [[Cy]]", ["Cy@3"]),
        ],
    ),
    "a task inside a dated item": Case(
        f"- {D} Call [[Ada]]\n  - [ ] send [[Bob]] the book\n",
        entries=[(D, 1, "Call [[Ada]]", ["Ada@1"], set())],
        tasks=[(2, False, "send [[Bob]] the book", ["Bob@2"])],
    ),
    "a checkbox without a space is not a task": Case(
        "- [x]done [[Ada]]\n- [y] [[Bob]]\n",
        loose=["Ada@1", "Bob@2"],
    ),
    # --- tabs and line ends -----------------------------------------------------------------
    "tabs indent nested items and follow markers": Case(
        f"- {D} Call\n\t- [[Ada]]\n-\t[[Bob]]\n",
        entries=[(D, 1, "Call", ["Ada@2"], set())],
        loose=["Bob@3"],
    ),
    "one tab per level nests items as Obsidian writes them": Case(
        f"- a\n\t- {D} Call [[Ada]]\n\t\t- [[Bob]] #x\n\t- [ ] ask\tCy\n",
        entries=[(D, 2, "Call [[Ada]]", ["Ada@2", "Bob@3"], {"x"})],
        tasks=[(4, False, "ask Cy", [])],
    ),
    "tabs inside text, headings and code spans are text": Case(
        f"#\tTitle\t\n## {D}\tCoffee with [[Ada]]\nMet [[Bob]]\tat noon #met\t`[[Cy]]\t#x`\n",
        entries=[(D, 2, "Coffee with [[Ada]]", ["Ada@2", "Bob@3"], {"met"})],
        h1="Title",
    ),
    "a tab continuing a paragraph is text": Case(
        "Intro [[Ada]]\n\t[[Bob]] #x\n",
        loose=["Ada@1", "Bob@2"],
        tags={"x"},
    ),
    "tabs count to the next multiple of four columns": Case(
        f"- {D} Call\n  \t- [[Ada]]\n\n\t[[Bob]]\n\n\t\t[[Cy]] #x\n",
        entries=[(D, 1, "Call", ["Ada@2", "Bob@4"], set())],
    ),
    "two tabs after a blank line are code in the item": Case(
        f"- {D} Call\n\n\t\t[[Ada]]\n[[Bob]]\n",
        entries=[(D, 1, "Call", [], set())],
        loose=["Bob@4"],
    ),
    "CRLF line ends": Case(
        f"- {D} Call\r\n  - [[Ada]]\r\n\r\n[[Bob]] #x\r\n",
        entries=[(D, 1, "Call", ["Ada@2"], set())],
        loose=["Bob@4"],
        tags={"x"},
    ),
    "a lone CR ends a line": Case("[[Ada]]\r[[Bob]]\r\n[[Cy]]\n", loose=["Ada@1", "Bob@2", "Cy@3"]),
}


@pytest.mark.parametrize("name", CASES)
def test_commonmark_case(name: str) -> None:
    case = CASES[name]
    assert summary(parse_note(source(case.body))) == expect(case)
