"""Sentences built from the garden's records, in the catalogue's language: shared by every page."""

from __future__ import annotations

import re

from hortus.garden import (
    BirthdaySoon,
    Garden,
    Gesture,
    KeyMoment,
    OpenPromise,
    Plant,
    ThanksOwed,
)
from hortus.render.i18n import Catalogue

MOMENT_KINDS = (
    "job",
    "company",
    "promotion",
    "move",
    "baby",
    "wedding",
    "engagement",
    "graduation",
    "loss",
)
_WIKILINK_RE = re.compile(r"!?\[\[([^\[\]|#\n]*)(?:#[^\[\]|\n]*)?(?:\|([^\[\]\n]*))?\]\]")
_LINK_RE = re.compile(r"!?\[([^\[\]\n]*)\]\([^()\n]*\)")
_EMPHASIS_RE = re.compile(r"(\*\*|\*|~~|`)(?=\S)(.+?)(?<=\S)\1")
_UNDERSCORE_RE = re.compile(r"(?<!\w)(__|_)(?=\S)(.+?)(?<=\S)\1(?!\w)")  # not in snake_case


# The welcome's first steps (the same in every language: they are commands).
WELCOME_ADD = 'hortus add "Sam Taylor" --circle close'
WELCOME_IMPORT = "hortus import linkedin Connections.csv"


def promise_age(promise: OpenPromise, cat: Catalogue) -> str:
    """How old a promise to renew or release is: `due 5 May 2025`, else `written 3 March 2024`."""
    if promise.due is not None:
        return cat.t("due_on", date=cat.date(promise.due))
    if promise.written is not None:
        return cat.t("written_on", date=cat.date(promise.written))
    return cat.t("no_due")


def promise_due(promise: OpenPromise, cat: Catalogue) -> str:
    """`due 25 November 2026`, `… (overdue)` or `no date`."""
    if promise.due is None:
        return cat.t("no_due")
    due = cat.t("due_on", date=cat.date(promise.due))
    return f"{due} ({cat.t('overdue')})" if promise.overdue else due


def plain(markdown: str) -> str:
    """A Markdown line as plain text: links become their label, emphasis marks go."""
    text = _WIKILINK_RE.sub(lambda m: (m.group(2) or m.group(1)).strip(), markdown)
    text = _LINK_RE.sub(lambda m: m.group(1), text)
    previous = None
    while previous != text:
        previous, text = text, _EMPHASIS_RE.sub(lambda m: m.group(2), text)
        text = _UNDERSCORE_RE.sub(lambda m: m.group(2), text)
    return " ".join(text.replace("\\", "").split())


def summary(garden: Garden, cat: Catalogue) -> str:
    return cat.t(
        "summary",
        contacts=cat.n("contacts", len(garden.plants)),
        watering=cat.n("watering", len(garden.needs_watering)),
        problems=cat.n("problems", len(garden.problems)),
    )


def today_label(garden: Garden, cat: Catalogue) -> dict[str, str]:
    pinned = cat.t("pinned") if garden.today_pinned else ""
    return {"date": cat.date(garden.today), "pinned": pinned}


def ago(days: int, cat: Catalogue) -> str:
    return cat.t("today") if days == 0 else cat.t("ago", days=cat.n("days", days))


def turns(age: int | None, cat: Catalogue) -> str:
    """' · turns 40' for a known age above zero, else nothing."""
    return f" · {cat.t('turns', age=age)}" if age is not None and age > 0 else ""


def in_days(days: int, cat: Catalogue) -> str:
    if days == 0:
        return cat.t("today")
    if days == 1:
        return cat.t("tomorrow")
    return cat.t("in_days", days=cat.n("days", days))


def state(plant: Plant, cat: Catalogue) -> str:
    return cat.t(f"state.{plant.state}")


def rhythm(plant: Plant, cat: Catalogue) -> str:
    contact = plant.contact
    return cat.t("rhythm", days=cat.n("days", contact.cadence_days), circle=contact.circle)


def last_contact(plant: Plant, cat: Catalogue) -> str:
    if plant.last_interaction is None:
        return cat.t("no_contact")
    return cat.t(
        "last_contact", date=cat.date(plant.last_interaction), ago=ago(plant.days_since or 0, cat)
    )


def suggestion(gesture: Gesture, cat: Catalogue) -> str:
    """A concrete thing to do, in plain text: "Congratulate Alice on the new job"."""
    name = gesture.contact.name
    item = gesture.item
    if isinstance(item, KeyMoment):
        if item.kind in MOMENT_KINDS:
            return cat.t(f"suggest.moment.{item.kind}", name=name)
        text = plain(item.text)
        if not text:
            return cat.t("suggest.moment.bare", name=name)
        return cat.t("suggest.moment", name=name, text=text)
    if isinstance(item, BirthdaySoon):
        if item.in_days <= 1:
            key = "today" if item.in_days == 0 else "tomorrow"
            return cat.t(f"suggest.birthday.{key}", name=name)
        return cat.t("suggest.birthday", name=name, day=cat.day_month(item.date))
    if isinstance(item, OpenPromise):
        return cat.t("suggest.promise", name=name, text=plain(item.text))
    if isinstance(item, ThanksOwed):
        text = plain(item.text)
        if not text:
            return cat.t("suggest.thanks.bare", name=name)
        return cat.t("suggest.thanks", name=name, text=text)
    return cat.t("suggest.water", name=name, ago=ago(item.days_since or 0, cat))


def kind_label(gesture: Gesture, cat: Catalogue) -> str:
    return cat.t(f"kind.{gesture.kind}")
