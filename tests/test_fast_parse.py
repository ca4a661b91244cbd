"""The fast line scanner (scan.py) gives exactly the `Note` markdown-it gives, or steps aside.

`_scan_fast` returns None for any note it does not model exactly; `_parse_markdown` is the
reference. Every body here is read both ways: the tricky CommonMark corpus, the example vault,
a generated vault and generated bodies; and typical notes must take the fast path.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hortus.notes.parse import (
    _DATE_RE,
    _MD,
    _PLAIN_HREF_RE,
    _TASK_RE,
    _parse_markdown,
    _scan_fast,
    parse_note,
)
from hortus.notes.read import SourceFile, split_front_matter
from hortus.notes.scanner import may_matter, scan_body
from tests.test_commonmark_corpus import CASES, source

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = int(os.environ.get("HORTUS_FAST_PARSE_EXAMPLES", "300"))
D = "2026-11-20"


def agrees(src: SourceFile) -> bool:
    """Whether the fast path stepped aside or gave the reference's `Note`; asserts equality."""
    fast = _scan_fast(src)
    if fast is None:
        return False
    assert fast == _parse_markdown(src), src.body
    return True


def vault_notes(root: Path) -> list[SourceFile]:
    return [
        split_front_matter(path.relative_to(root).as_posix(), path.read_text(encoding="utf-8"))
        for path in sorted(root.rglob("*.md"))
    ]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[SourceFile]:
    """A generated vault (bench/gen_vault.py): 300 contacts and 1,200 journal notes."""
    spec = importlib.util.spec_from_file_location("gen_vault", ROOT / "bench" / "gen_vault.py")
    assert spec is not None and spec.loader is not None
    gen_vault = importlib.util.module_from_spec(spec)
    sys.modules["gen_vault"] = gen_vault  # its dataclasses look their module up
    try:
        spec.loader.exec_module(gen_vault)
    finally:
        del sys.modules["gen_vault"]
    root = tmp_path_factory.mktemp("gen") / "vault"
    assert gen_vault.main([str(root), "--contacts", "300", "--notes", "1200"]) == 0
    return vault_notes(root)


@pytest.mark.parametrize("name", CASES)
def test_corpus_cases_read_the_same_both_ways(name: str) -> None:
    agrees(source(CASES[name].body))


def test_example_vault_reads_the_same_both_ways_and_mostly_fast() -> None:
    notes = vault_notes(ROOT / "example-vault")
    fast = [agrees(src) for src in notes]
    assert sum(fast) >= 0.8 * len(notes)


def test_generated_vault_reads_the_same_both_ways(generated: list[SourceFile]) -> None:
    for src in generated:
        agrees(src)


def test_typical_notes_take_the_fast_path(generated: list[SourceFile]) -> None:
    taken = sum(_scan_fast(src) is not None for src in generated)
    assert taken >= 0.9 * len(generated)


def test_parse_note_uses_either_reader_with_the_same_result() -> None:
    for body in (f"- {D} Call [[Ada]]\n", f"> - {D} Call [[Ada]]\n"):
        src = source(body)
        assert parse_note(src) == _parse_markdown(src)
    assert _scan_fast(source(f"- {D} Call [[Ada]]\n")) is not None
    assert _scan_fast(source(f"> - {D} Call [[Ada]]\n")) is None


@pytest.mark.parametrize(
    "body",
    [
        "a \\[x]\n",  # an escape
        "<div>\n[[Ada]]\n</div>\n",  # HTML
        "a\r\nb\n",  # CR
        "-\tx\n",  # a tab after a marker (markdown-it counts its columns from the marker)
        "- \tx\n",
        "a\n\n\tcode\n",  # a tab after a blank line: indented code
        "- a\n\n\t\tcode\n",  # two tabs after a blank line in an item: code in it
        "##\tclosed\t#\n",
        "> quoted\n",  # a block quote
        "1.\tfirst\n",  # a tab after an ordered marker
        "1.\n",  # an empty ordered item
        "100. a\n    - b\n",  # 4 past the list, less than the item: markdown-it's special case
        "Title\n---\n",  # a setext underline
        "***\n",  # a rule
        "- \n",  # an empty item
        "[a]: people/ada.md\n",  # a reference definition
        "a\n\n    code\n",  # indented code
        "- a\n  ```\n  x\n  ```\n",  # a fence in a list item
        "- ## heading in an item\n",
        "  # indented heading\n",
        "## closed ##\n",
        "a `code\nover lines`\n",
        "a ``double`` code\n",
        "[label\nover lines](people/ada.md)\n",
        "[a](people/ada.md 'title')\n",
        "[a [b]](c)\n",
        "[[Ada]] and [ lone\n",  # a `[` it cannot pair, on a line of only brackets
        "[[Ada]] [b](c d)\n",  # a destination it cannot read, on a line of only brackets
        "-  two spaces after the marker\n",
        "- a\n     - rel 3\n",
        "- a\n  - b\n    - c\n      - d\n        - e\n          - f\n            - g\n",
    ],
)
def test_what_the_scanner_leaves_to_markdown_it(body: str) -> None:
    assert scan_body(body) is None
    agrees(source(body))


@pytest.mark.parametrize(
    "body",
    [
        f"# Title\n\n## {D} Tea\n\nWith [[Ada]] and [Bob](../people/bob.md). #met\n",
        f"- {D}: call [[Ada|A]]\n  - she said hi\n    - [ ] reply #todo\n- next\n",
        "```\n[[Not]] #x\n> 1. ---\n```\n[[Ada]]\n",
        "text `[[code]]` ![[embed]] ![img](x.png) [[Ada#Work]] [x] [y][z]\n",
        "[[Ada]] [] [x] (y) [b](../people/bob.md)[[Cy|C]]\n",  # a line of only brackets
        "* a\n+ b\n    - c\nlazy\n\n  d\n",
        f"- a\n\t- {D} Call [[Ada]]\n\t\t- [ ] ask\t[[Bob]] #x\n\t- b\n",  # Obsidian's lists
        f"- {D}\tCall\n  \t- [[Ada]]\n\t \tlazy\n\n\tb\n",  # tabs and spaces by columns
        f"##\t{D}\tTea\nMet [[Ada]]\tat noon #met\t`\t[[x]]`\n\n```\n\t```\n```\t\n",
        "Intro\n\t[[Ada]] lazily\n\t\n",
        f"1. {D}: call [[Ada]]\n2) [ ] x #t\n   - [[Bob]]\n\n10. c\n    - d\n3.5 kg\n",
        f"Intro\n2. {D} lazily\n- a\n  2. {D} b\n  1. {D} c\n",  # only 1 interrupts
    ],
)
def test_what_the_scanner_reads_itself(body: str) -> None:
    assert agrees(source(body))


# --- generated bodies -------------------------------------------------------------------------

SPACES = ["", " ", "  ", "   ", "    ", "     ", "      "]
# Tabs as Obsidian indents lists, and mixed with spaces: a tab goes to the next multiple of 4.
TAB_INDENTS = ["\t", "\t\t", "\t\t\t", " \t", "  \t", "   \t", "\t ", "\t  ", "\t   ", "\t \t"]
INDENTS = SPACES + TAB_INDENTS
STARTS = ["", "", "", "- ", "* ", "+ ", "- [ ] ", "- [x] ", f"- {D} ", f"- [[{D}]]: "]
STARTS += ["# ", "## ", "### ", f"## {D} ", "#", "```", "~~~", "````", "```js", "-", "-  "]
STARTS += ["1. ", "2) ", "> ", "---", "===", "***", "- - ", "<div>", "<!-- ", "    "]
STARTS += ["-\t", "- \t", "#\t", "##\t", "1.\t", "- -\t-", "---\t", "```\t"]
INLINE = ["a", "Ada", " ", " ", "word ", D, ": ", "[[Ada]]", "[[Bob|B]]", "[[Cy#W]]", "![[i]]"]
INLINE += ["[x](../people/ada.md)", "[#t y](p/b%C3%A9.md)", "![i](../c.md)", "[z](http://e/#q)"]
INLINE += ["`", "`", "``", "[", "]", "(", ")", "](", "[[", "]]", "#tag", "#", "#x/y", "!", "|"]
INLINE += ["\\", "<", "<b>", "-->", "&amp;", "*", "_", "~", "%", "é", "[ ]", "\t", "]: ", "\r"]
# Fragments the scanner reads itself more often than not, so that it is the one under test.
FRIENDLY_STARTS = [
    "",
    "",
    "",
    "- ",
    "- ",
    "* ",
    "+ ",
    "  - ",
    "    - ",
    "- [ ] ",
    "- [x] ",
    f"-  {D} ",
    "##\t",
    "1. ",
    "2. ",
    "10) ",
    f"1. {D}: ",
]
FRIENDLY_STARTS += [f"- {D} ", f"- [ ] {D} ", "# ", "## ", "### ", f"## {D} ", "#", "```", "~~~"]
FRIENDLY = ["a", "Ada", " ", " ", "word ", D, "[[Ada]]", "[[Bob|B]]", "[[Cy#W]]", "![[i]]"]
FRIENDLY += ["[x](../people/ada.md)", "[#t y](p/b%C3%A9.md)", "![i](../c.md)", "[z](http://e/#q)"]
FRIENDLY += ["`c`", "`[[Ada]] #t`", "[x]", "[ ]", "(", ")", "#tag", "#", "#x/y", "!", "|", "é"]
FRIENDLY += [
    "*",
    "_",
    "~",
    "%",
    ": ",
    "[y] (z)",
    "]",
    "![#t](javascript:x)",
    "![i](https://e/i.png)",
    "\t",
    "#t\t",
    "`\t`",
    "[[A\tB]]",
]


def lines(starts: list[str], inline: list[str], indents: list[str]) -> st.SearchStrategy[str]:
    text = st.lists(st.sampled_from(inline), max_size=6).map("".join)
    line = st.tuples(st.sampled_from(indents), st.sampled_from(starts), text).map("".join)
    blank = st.sampled_from(["", "", " ", "\t", " \t"])
    body = st.lists(st.one_of(line, line, blank), max_size=14).map("\n".join)
    return st.tuples(body, st.sampled_from(["", "\n"])).map("".join)


@settings(max_examples=EXAMPLES, deadline=None)
@given(lines(STARTS, INLINE, INDENTS))
def test_any_generated_body_reads_the_same_both_ways(body: str) -> None:
    agrees(source(body))


@settings(max_examples=EXAMPLES, deadline=None)
@given(lines(FRIENDLY_STARTS, FRIENDLY, ["", "", "", *SPACES, "\t", "  \t"]))
def test_bodies_the_scanner_may_read_read_the_same_both_ways(body: str) -> None:
    agrees(source(body))


# Lists as Obsidian writes them: nested by tabs (or tabs and spaces), tabs in the text too;
# now and then something that sends the note to markdown-it (a tab after a marker, `1.`).
TAB_STARTS = [*["- "] * 8, "* ", "- [ ] ", "- [x] ", f"- {D} ", f"- {D}\t", f"- [[{D}]]:\t"]
TAB_STARTS += ["", "", "", "## ", "##\t", f"##\t{D}\t", "```", "-\t", "- \t", "1. ", "2. ", "1.\t"]
TAB_TEXT = [*["a", "Ada ", "\t", " ", "[[Ada]]"] * 3, "[[Bob|B]]", "#tag", "#t\t", "`c\td`", D]
TAB_TEXT += ["[x](../people/ada.md)", "[x]", "[ ]", "!", "é", "[x](\tp.md)"]
TAB_LEADS = [*["", "\t", "\t\t"] * 3, "\t\t\t", "  ", "    ", " \t", "  \t", "\t ", "\t  "]


def tab_lists() -> st.SearchStrategy[str]:
    word = st.sampled_from([t for t in TAB_TEXT if not t[0].isspace()])
    more = st.lists(st.sampled_from(TAB_TEXT), max_size=4).map("".join)
    text = st.tuples(word, more).map("".join)
    line = st.tuples(st.sampled_from(TAB_LEADS), st.sampled_from(TAB_STARTS), text).map("".join)
    blank = st.sampled_from(["", "\t", " \t"])
    rest = st.lists(st.one_of(line, line, line, line, blank), max_size=12)
    return st.tuples(text, rest).map(lambda parts: "\n".join(["- " + parts[0], *parts[1]]) + "\n")


@settings(max_examples=EXAMPLES, deadline=None)
@given(tab_lists())
def test_tab_indented_lists_read_the_same_both_ways(body: str) -> None:
    agrees(source(body))


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ09/._-#%?:é ~!*'()")), min_size=1, max_size=20))
def test_plain_destinations_are_what_markdown_it_makes_of_them(href: str) -> None:
    if _PLAIN_HREF_RE.fullmatch(href):
        assert _MD.normalizeLink(href) == href
        assert _MD.validateLink(href)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("[]xX 2026-11٢٠:a\n")), max_size=16))
def test_list_items_the_scanner_leaves_out_are_neither_dated_nor_tasks(content: str) -> None:
    if _DATE_RE.match(content) or _TASK_RE.match(content):
        assert may_matter(content)
