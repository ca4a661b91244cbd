"""One contact's card: how their plant is doing, their promises, key moments and timeline.

A pure function of the index and the garden, like the garden itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hortus.core.model import Contact, Involvement
from hortus.garden import NEWS_TAGS, Garden, OpenPromise, Plant
from hortus.index import Index

MOMENT = "moment"


@dataclass(frozen=True)
class TimelineItem:
    date: dt.date
    title: str
    path: str
    line: int
    tags: tuple[str, ...]
    kind: str  # interaction, plan (after today), news (#news) or moment (#moment, #moment/<kind>)
    moment: str | None  # the <kind> of `#moment/<kind>`, "" for a bare #moment, else None


@dataclass(frozen=True)
class Card:
    today: dt.date
    plant: Plant
    promises: tuple[OpenPromise, ...]  # open ones, as the garden orders them; to renew last
    moments: tuple[TimelineItem, ...]  # newest first
    timeline: tuple[TimelineItem, ...]  # every entry involving the contact, newest first
    met_through: tuple[Contact, ...] = ()  # who introduced you to them
    introduced: tuple[Contact, ...] = ()  # whom they introduced you to, by name


def build_card(index: Index, garden: Garden, contact: Contact) -> Card:
    plant = next(p for p in garden.plants if p.contact.key == contact.key)
    items = [_item(i, garden.today) for i in index.involvements.get(contact.key, ())]
    items.sort(key=lambda item: (-item.date.toordinal(), item.path, item.line))
    timeline = tuple(items)
    moments = tuple(item for item in timeline if item.moment is not None)
    # Every open promise: the list's, then those to renew or release (open all the same).
    every = (*garden.promises, *garden.renew)
    promises = tuple(p for p in every if p.contact.key == contact.key)
    met = garden.met_through.get(contact.key, ())
    introduced = garden.introduced.get(contact.key, ())
    return Card(garden.today, plant, promises, moments, timeline, met, introduced)


def _item(involvement: Involvement, today: dt.date) -> TimelineItem:
    entry = involvement.entry
    roots = {tag.split("/", 1)[0] for tag in entry.tags}
    moment = _moment_kind(entry.tags)
    if moment is not None:
        kind = MOMENT
    elif roots & NEWS_TAGS:
        kind = "news"
    elif entry.date > today:
        kind = "plan"
    else:
        kind = "interaction"
    tags = tuple(sorted(entry.tags))
    return TimelineItem(entry.date, entry.title, involvement.path, entry.line, tags, kind, moment)


def _moment_kind(tags: frozenset[str]) -> str | None:
    kinds = sorted(tag.split("/", 1)[1] if "/" in tag else "" for tag in tags if _is_moment(tag))
    if not kinds:
        return None
    return next((kind for kind in kinds if kind), "")


def _is_moment(tag: str) -> bool:
    return tag == MOMENT or tag.startswith(MOMENT + "/")


def last_own_entry_line(index: Index, contact: Contact) -> int | None:
    """The line of the last entry in the contact's own file (where `hortus open` puts you)."""
    lines = [
        i.entry.line for i in index.involvements.get(contact.key, ()) if i.path == contact.path
    ]
    return max(lines, default=None)
