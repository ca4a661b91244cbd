"""Close the loop with the one who introduced you.

Introductions come from the index (`met_through:`, `#intro` entries). When a relationship
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


def settled(introductions: Iterable[Introduction], lives: Mapping[str, Life]) -> list[Introduction]:
    """One introduction per pair of people, its direction decided: `met_through:` wins; an
    `#intro` entry's introducer is the one of the two you had written about before its day
    (when that does not tell, the owner of the file it is in)."""
    pairs: dict[frozenset[str], Introduction] = {}
    for intro in sorted(introductions, key=lambda i: (not i.written, i.source)):
        if intro.introducer in lives and intro.introduced in lives:
            pairs.setdefault(frozenset((intro.introducer, intro.introduced)), intro)
    return [_directed(intro, lives) for intro in pairs.values()]


def _directed(intro: Introduction, lives: Mapping[str, Life]) -> Introduction:
    if intro.written or intro.date is None:
        return intro
    owner_known = _known_before(lives[intro.introducer], intro.date)
    other_known = _known_before(lives[intro.introduced], intro.date)
    if other_known and not owner_known:
        return Introduction(intro.introduced, intro.introducer, intro.date, intro.source, False)
    return intro


def _known_before(life: Life, day: dt.date) -> bool:
    return any(i.entry.date < day for i in life.involvements)


def met_through(
    introductions: Iterable[Introduction], lives: Mapping[str, Life]
) -> dict[str, tuple[Contact, ...]]:
    """Each introduced contact's introducers, by name."""
    found: dict[str, list[Contact]] = {}
    for intro in introductions:
        found.setdefault(intro.introduced, []).append(lives[intro.introducer].contact)
    return {key: tuple(sorted(people, key=name_key)) for key, people in found.items()}


def intro_grown(
    introductions: Iterable[Introduction], lives: Mapping[str, Life], today: dt.date
) -> list[IntroGrown]:
    """The loops to close today, one per introduction at most."""
    found = []
    for intro in introductions:
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
