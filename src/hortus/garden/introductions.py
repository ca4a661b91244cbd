"""Close the loop with the one who introduced you.

Introductions come from the index (`met_through:`, `#intro` entries), one per pair of people,
their direction settled there. When a relationship
someone started for you grows (its 5th interaction, its first key moment, or a year since you
met, whichever comes first), the garden suggests telling the introducer, until you are in
touch with them on or after that day. It fires once per introduction: at its first trigger.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from operator import attrgetter

from hortus.core.model import Contact, Introduction, Involvement, Source
from hortus.garden.plants import Life, entry_text, is_resting, name_key
from hortus.garden.records import IntroGrown

GROWN_AFTER = 5  # the interaction that counts as grown: the 5th
_ORDER = attrgetter("entry.date", "path", "entry.line")


def met_through(
    introductions: Iterable[Introduction], people: Mapping[str, Contact]
) -> dict[str, tuple[Contact, ...]]:
    """Each introduced contact's introducers, by name (`people`: contacts by key)."""
    return _grouped(((i.introduced, i.introducer) for i in introductions), people)


def introduced(
    introductions: Iterable[Introduction], people: Mapping[str, Contact]
) -> dict[str, tuple[Contact, ...]]:
    """The people each introducer introduced you to, by name."""
    return _grouped(((i.introducer, i.introduced) for i in introductions), people)


def _grouped(
    pairs: Iterable[tuple[str, str]], people: Mapping[str, Contact]
) -> dict[str, tuple[Contact, ...]]:
    found: dict[str, list[Contact]] = {}
    for key, other in pairs:
        if key in people and other in people:
            found.setdefault(key, []).append(people[other])
    return {key: tuple(sorted(items, key=name_key)) for key, items in found.items()}


def intro_grown(
    introductions: Iterable[Introduction], lives: Mapping[str, Life], today: dt.date
) -> list[IntroGrown]:
    """The loops to close today, one per introduction at most (of people both in `lives`)."""
    found = []
    for intro in introductions:
        if intro.introducer not in lives or intro.introduced not in lives:
            continue
        introducer, introduced = lives[intro.introducer], lives[intro.introduced]
        if is_resting(introducer.contact, today) or is_resting(introduced.contact, today):
            continue
        grown = _first_growth(intro, introducer.contact, introduced, today)
        told = introducer.last
        if grown is not None and (told is None or told < grown.date):
            found.append(grown)
    return found


def _first_growth(
    intro: Introduction, introducer: Contact, life: Life, today: dt.date
) -> IntroGrown | None:
    """The first of the three triggers, on or before today (a life holds no later entry)."""
    candidates: list[_Candidate] = []
    interactions = sorted(life.interactions, key=_ORDER)
    if len(interactions) >= GROWN_AFTER:
        candidates.append(_candidate(interactions[GROWN_AFTER - 1], 0, "interactions"))
    moments = sorted(life.concerning("moment"), key=_ORDER)
    if moments:
        candidates.append(_candidate(moments[0], 1, "moment"))
    met = life.dates[0] if life.dates else intro.date
    year = _a_year_after(met) if met is not None else None
    if year is not None and year <= today:
        candidates.append((year, 2, "year", "", intro.source))
    if not candidates:
        return None
    day, _, trigger, text, source = min(candidates)
    return IntroGrown(introducer, life.contact, trigger, day, text, source)


_Candidate = tuple[dt.date, int, str, str, Source]  # day, rank on a tie, trigger, text, source


def _candidate(inv: Involvement, rank: int, trigger: str) -> _Candidate:
    source = Source(inv.path, inv.entry.line)
    return (inv.entry.date, rank, trigger, entry_text(inv.entry.title), source)


def _a_year_after(day: dt.date) -> dt.date:
    """The same day a year later (1 March for a 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return dt.date(day.year + 1, 3, 1)


def grown_order(grown: IntroGrown) -> tuple[int, tuple[str, str, str], Source]:
    return (-grown.date.toordinal(), name_key(grown.contact), grown.source)
