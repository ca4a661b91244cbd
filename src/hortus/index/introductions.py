"""Who introduced you to whom: from `met_through:` (the direction is written) and from `#intro`
entries in a contact's file (the entry mentions the one other person; which of the two
introduced the other is decided here, from what their own files held before that day).

Introductions are few, so they are settled again for every index from the notes they name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from hortus.core.model import (
    Contact,
    Entry,
    Introduction,
    Mention,
    MentionKind,
    Problem,
    Source,
    Unresolved,
)
from hortus.core.said import said
from hortus.index.contacts import Resolver

INTRO_TAG = "intro"

# The dates of the entries in a contact's own file (by contact key), for `settled`.
OwnDates = Callable[[str], Sequence[dt.date]]


def intro_entry(
    entry: Entry, path: str, owner: str, involved: set[str], problems: list[Problem]
) -> list[Introduction]:
    """An `#intro` entry in a contact's file: the owner and the one other person it mentions
    were introduced (the owner as introducer until `settled` decides)."""
    others = sorted(involved - {owner})
    source = Source(path, entry.line)
    if len(others) == 1:
        return [Introduction(owner, others[0], entry.date, source, written=False)]
    message = said(
        "#intro: mention the one person this introduction was with ([[Name]]); "
        "it mentions {count} other contacts",
        count=len(others),
    )
    problems.append(Problem(source, message))
    return []


def met_through(
    contact: Contact,
    resolver: Resolver,
    problems: list[Problem],
    names: list[Unresolved] | None,
) -> list[Introduction]:
    """`met_through:` names the introducer(s), resolved like any mention (a name of no contact
    is a name without a page, when `names` is given)."""
    line = contact.met_through_line
    mentions = [Mention(name, MentionKind.WIKILINK, line) for name in contact.met_through]
    keys = resolver.resolve_all(contact.path, mentions, problems, names)
    source = Source(contact.path, line)
    return [
        Introduction(key, contact.key, None, source, written=True)
        for key in sorted(keys - {contact.key})
    ]


def settled(introductions: Iterable[Introduction], own_dates: OwnDates) -> tuple[Introduction, ...]:
    """One introduction per pair of people, in the order of their sources, its direction
    decided: `met_through:` wins; for an `#intro` entry, the introducer is the one of the two
    whose own file has an entry dated before it (Bob, whom you knew, and not Carla, whom you
    did not); when that does not tell, the owner of the file it is in."""
    pairs: dict[frozenset[str], Introduction] = {}
    for intro in sorted(introductions, key=lambda i: (not i.written, i.source)):
        pairs.setdefault(frozenset((intro.introducer, intro.introduced)), intro)
    found = [_directed(intro, own_dates) for intro in pairs.values()]
    return tuple(sorted(found, key=lambda i: i.source))


def _directed(intro: Introduction, own_dates: OwnDates) -> Introduction:
    if intro.written or intro.date is None:
        return intro
    day = intro.date
    owner_known = any(d < day for d in own_dates(intro.introducer))
    other_known = any(d < day for d in own_dates(intro.introduced))
    if other_known and not owner_known:
        return Introduction(intro.introduced, intro.introducer, day, intro.source, False)
    return intro
