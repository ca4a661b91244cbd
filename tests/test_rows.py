"""render/rows.py: a row is made once per object and kind, within a render and across them."""

from __future__ import annotations

from hortus.render.html_parts import sparkline
from hortus.render.rows import Rows


class Item:
    """Any object: rows are kept by identity, not by value."""


def test_a_row_is_made_once_per_render_and_kept_for_the_next_while_its_object_is() -> None:
    made: list[Item] = []

    def make(item: Item) -> str:
        made.append(item)
        return f"row {len(made)}"

    rows, kept, gone = Rows(), Item(), Item()
    assert rows.row(kept, "html", make) == "row 1"
    assert rows.row(kept, "html", make) == "row 1"  # shown twice on one page
    assert rows.row(kept, "md", make) == "row 2"
    assert rows.row(gone, "html", make) == "row 3"
    rows.settle()
    assert rows.row(kept, "html", make) == "row 1"
    rows.settle()
    assert rows.row(gone, "html", make) == "row 4"  # not asked for in the last render
    assert made == [kept, kept, gone, gone]


def test_sparklines_of_the_same_counts_differ_only_by_their_label() -> None:
    counts = (0, 3, 0, 0, 1, 0, 0, 0, 0, 2, 0, 5)
    ada, bob = sparkline(counts, "Ada: 11"), sparkline(list(counts), "Bob & co: 11")
    assert ada.replace("Ada: 11", "Bob &amp; co: 11") == bob
    assert sparkline((), "nobody") == (
        '<svg class="spark" viewBox="0 0 0 20" width="0" height="20" role="img" '
        'aria-label="nobody"><title>nobody</title></svg>'
    )
