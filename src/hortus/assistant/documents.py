"""The garden's records as the compact JSON documents the assistant's tools answer with.

Pure functions. Every place is one `path:line` string (a `source`), and every list that can
grow with the vault is capped: `{"items": [...], "more": N}`, N the items left out, so an
answer fits in an assistant's context however large the vault is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TypeVar

from hortus.core.model import Source
from hortus.garden import BirthdaySoon, Garden, OpenPromise, Plant
from hortus.garden.card import Card, TimelineItem
from hortus.index.search import Found, Results
from hortus.render import words
from hortus.render.card import card_document as show_document
from hortus.render.i18n import catalogue
from hortus.render.search import plain

T = TypeVar("T")

LISTED = 10  # items of a list in an answer, unless the tool says otherwise
MOMENTS_LISTED = 5


def where(path: str, line: int) -> str:
    return f"{path}:{line}"


def source(place: Source) -> str:
    return where(place.path, place.line)


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def capped(
    items: Sequence[T], limit: int, document: Callable[[T], dict[str, object]]
) -> dict[str, object]:
    """The first `limit` items as documents, and how many more there are."""
    return {
        "items": [document(item) for item in items[:limit]],
        "more": max(0, len(items) - limit),
    }


def garden_document(garden: Garden, language: str) -> dict[str, object]:
    """Today's garden as the page opens: the gestures, who needs watering, key moments and
    what to ask after, dates soon, promises (and the old ones to renew or let go), thanks owed
    and introductions grown; the people
    as a count."""
    cat = catalogue(language)
    return {
        "today": garden.today.isoformat(),
        "people": len(garden.plants),
        "gestures": [
            {
                "name": g.contact.name,
                "kind": str(g.kind),
                "suggestion": words.suggestion(g, cat),
                "source": source(g.source),
            }
            for g in garden.gestures
        ],
        "needs_watering": capped(garden.needs_watering, LISTED, plant_document),
        "key_moments": capped(
            garden.key_moments,
            LISTED,
            lambda m: {
                "name": m.contact.name,
                "date": m.date.isoformat(),
                "kind": m.kind,
                "text": m.text,
                "source": source(m.source),
            },
        ),
        "ask_after": capped(
            garden.ask_after,
            LISTED,
            lambda a: {
                "name": a.contact.name,
                "date": a.date.isoformat(),
                "text": a.text,
                "suggestion": words.suggestion_for(a, cat),
                "source": source(a.source),
            },
        ),
        "dates_soon": capped(garden.birthdays, LISTED, date_soon_document),
        "promises": capped(garden.promises, LISTED, promise_document),
        "renew_or_release": capped(garden.renew, LISTED, promise_document),
        "thanks_owed": capped(
            garden.thanks_owed,
            LISTED,
            lambda t: {
                "name": t.contact.name,
                "date": t.date.isoformat(),
                "text": t.text,
                "source": source(t.source),
            },
        ),
        "intro_grown": capped(
            garden.intro_grown,
            LISTED,
            lambda g: {
                "introducer": g.contact.name,
                "introduced": g.introduced.name,
                "trigger": g.trigger,
                "date": g.date.isoformat(),
                "suggestion": words.suggestion_for(g, cat),
                "source": source(g.source),
            },
        ),
    }


def date_soon_document(soon: BirthdaySoon) -> dict[str, object]:
    """A birthday (`age`: the age turned) or another date (`years` since, when counted)."""
    document: dict[str, object] = {
        "name": soon.contact.name,
        "date": soon.date.isoformat(),
        "in_days": soon.in_days,
        "occasion": soon.occasion,
    }
    if soon.label is not None:
        document["label"] = soon.label
    document["age" if soon.occasion == "birthday" else "years"] = soon.age
    if soon.gift_ideas:
        document["gift_ideas"] = list(soon.gift_ideas)
    document["source"] = source(soon.source)
    return document


def plant_document(plant: Plant) -> dict[str, object]:
    contact = plant.contact
    return {
        "name": contact.name,
        "state": str(plant.state),
        "last_interaction": iso(plant.last_interaction),
        "days_since": plant.days_since,
        "cadence_days": contact.cadence_days,
        "source": where(contact.path, 1),
    }


def promise_document(promise: OpenPromise) -> dict[str, object]:
    return {
        "name": promise.contact.name,
        "text": promise.text,
        "due": iso(promise.due),
        "overdue": promise.overdue,
        "source": source(promise.source),
    }


def card_document(card: Card, recent: int = LISTED) -> dict[str, object]:
    """One person as `hortus show --json` has them (every key of it, so the two cannot drift),
    their lists capped: the `recent` latest entries of the timeline, and `source` for places."""
    shown = show_document(card)
    contact = card.plant.contact
    kept = {k: v for k, v in shown.items() if k not in {"path", "promises", "moments", "timeline"}}
    return {
        **kept,
        "source": where(contact.path, 1),
        "promises": capped(card.promises, LISTED, _own_promise),
        "moments": capped(card.moments, MOMENTS_LISTED, timeline_document),
        "recent": capped(card.timeline, recent, timeline_document),
    }


def _own_promise(promise: OpenPromise) -> dict[str, object]:
    document = promise_document(promise)
    del document["name"]  # the card's own person
    return document


def timeline_document(item: TimelineItem) -> dict[str, object]:
    return {
        "date": item.date.isoformat(),
        "title": item.title,
        "kind": item.kind,
        "tags": list(item.tags),
        "source": where(item.path, item.line),
    }


def search_document(results: Results) -> dict[str, object]:
    """The hits newest first, each once (however many people it involves)."""
    seen: set[tuple[str, int]] = set()
    found: list[Found] = []
    for group in results.groups:
        for item in group.found:
            if (item.path, item.line) not in seen:
                seen.add((item.path, item.line))
                found.append(item)
    found.sort(key=lambda f: (-(f.date.toordinal() if f.date else 0), f.path, f.line))
    return {
        "query": list(results.query.words),
        "results": {
            "items": [_hit(item) for item in found],
            "more": results.total - results.shown,
        },
    }


def _hit(found: Found) -> dict[str, object]:
    return {
        "date": iso(found.date),
        "snippet": plain(found.snippet),
        "people": [contact.name for contact in found.people],
        "tags": sorted(found.tags),
        "source": where(found.path, found.line),
    }
