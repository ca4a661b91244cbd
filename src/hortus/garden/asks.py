"""Ask after it: an `#ask` entry records something coming up in their life; once it is over,
the garden suggests asking how it went, until you are in touch after it."""

from __future__ import annotations

import datetime as dt

from hortus.core.model import Source
from hortus.garden.plants import Life, entry_text, name_key
from hortus.garden.records import AskAfter

ASK_TAG = "ask"


def asks_of(life: Life, today: dt.date, window: int) -> list[AskAfter]:
    """`#ask` entries whose day was 1 to `window` days ago, with no interaction after that
    day: one on the day itself (a good-luck message in the morning) does not say how it went."""
    found = []
    last = life.last
    for inv in life.concerning(ASK_TAG):
        day = inv.entry.date
        over = (today - day).days
        if 1 <= over <= window and (last is None or last <= day):
            text = entry_text(inv.entry.title)
            found.append(AskAfter(life.contact, day, text, Source(inv.path, inv.entry.line)))
    return found


def ask_order(ask: AskAfter) -> tuple[int, tuple[str, str, str], Source]:
    """The most recent event first, like the key moments."""
    return (-ask.date.toordinal(), name_key(ask.contact), ask.source)
