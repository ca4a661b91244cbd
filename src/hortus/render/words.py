"""Sentences built from the garden's records, in the catalogue's language: shared by every page."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from hortus.core.model import Contact
from hortus.garden import (
    AskAfter,
    BirthdaySoon,
    Garden,
    Gesture,
    IntroGrown,
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


GestureItem = KeyMoment | AskAfter | BirthdaySoon | OpenPromise | ThanksOwed | IntroGrown | Plant
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
    return cat.t(
        "rhythm", days=cat.n("days", contact.cadence_days), circle=circle(contact.circle, cat)
    )


def last_contact(plant: Plant, cat: Catalogue) -> str:
    if plant.last_interaction is None:
        return cat.t("no_contact")
    return cat.t(
        "last_contact", date=cat.date(plant.last_interaction), ago=ago(plant.days_since or 0, cat)
    )


def suggestion(gesture: Gesture, cat: Catalogue) -> str:
    """A concrete thing to do, in plain text: "Congratulate Alice on the new job"."""
    return suggestion_for(gesture.item, cat)


def suggestion_for(item: GestureItem, cat: Catalogue) -> str:
    """The suggestion a garden item makes, gesture or not."""
    name = item.contact.name
    if isinstance(item, KeyMoment):
        if item.kind in MOMENT_KINDS:
            return cat.t(f"suggest.moment.{item.kind}", name=name)
        text = plain(item.text)
        if not text:
            return cat.t("suggest.moment.bare", name=name)
        return cat.t("suggest.moment", name=name, text=text)
    if isinstance(item, AskAfter):
        return _ask(item, cat)
    if isinstance(item, IntroGrown):
        return _intro(item, cat)
    if isinstance(item, BirthdaySoon) and item.occasion != "birthday":
        return _date(item, cat)
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
    assert isinstance(item, Plant)
    return cat.t("suggest.water", name=name, ago=ago(item.days_since or 0, cat))


def _ask(item: AskAfter, cat: Catalogue) -> str:
    text = plain(item.text)
    name = item.contact.name
    return (
        cat.t("suggest.ask", name=name, text=text) if text else cat.t("suggest.ask.bare", name=name)
    )


def _intro(item: IntroGrown, cat: Catalogue) -> str:
    names = {"introducer": item.contact.name, "name": item.introduced.name}
    text = plain(item.text)
    if item.trigger == "year":
        return cat.t("suggest.intro.year", **names)
    return (
        cat.t("suggest.intro", text=text, **names) if text else cat.t("suggest.intro.bare", **names)
    )


def _date(item: BirthdaySoon, cat: Catalogue) -> str:
    """An anniversary, a memorial (gentle words, never "happy"), a name day or another date."""
    label = plain(item.label or "")
    return cat.t(
        f"suggest.{item.occasion}", name=item.contact.name, when=when(item, cat), label=label
    )


def when(item: BirthdaySoon, cat: Catalogue) -> str:
    """The end of a sentence: "today", "tomorrow" or "on 1 December"."""
    if item.in_days <= 1:
        return cat.t("when.today" if item.in_days == 0 else "when.tomorrow")
    return cat.t("when.on", day=cat.day_month(item.date))


def occasion(item: BirthdaySoon, cat: Catalogue) -> str:
    """What the date is: "birthday", "anniversary", "in memory", "name day", or its own label."""
    if item.occasion == "date" and item.label:
        return plain(item.label)
    return cat.t(f"occasion.{item.occasion}")


def date_details(item: BirthdaySoon, cat: Catalogue) -> str:
    """'birthday · turns 40 · gift ideas: …': what the date is, its years, the gift ideas."""
    parts = [occasion(item, cat)]
    if item.occasion == "birthday" and item.age is not None and item.age > 0:
        parts.append(cat.t("turns", age=item.age))
    elif item.occasion != "birthday" and item.age:
        parts.append(cat.n("years", item.age))
    if item.gift_ideas:
        parts.append(cat.t("gift_ideas", ideas=", ".join(plain(g) for g in item.gift_ideas)))
    return " · ".join(parts)


def met_through(people: Sequence[Contact], cat: Catalogue) -> str:
    return cat.t("met_through", names=", ".join(p.name for p in people))


def circle(name: str, cat: Catalogue) -> str:
    """A circle's name in the page's language; a circle of the user's own as they wrote it."""
    return cat.messages.get(f"circle.{name}", name)


def moment_kind(kind: str, cat: Catalogue) -> str:
    """`job` (of `#moment/job`) → "new job" / "nouveau poste"; a kind of the user's own as is."""
    return cat.messages.get(f"moment.{kind}", kind)


def kind_label(gesture: Gesture, cat: Catalogue) -> str:
    return cat.t(f"kind.{gesture.kind}")


# How wide text shows in a terminal, so columns line up with names in Chinese, Japanese or
# Korean (two cells a character) and with combining accents (none).
def display_width(text: str) -> int:
    """Terminal cells: East Asian wide and full-width characters take two, combining marks and
    format characters (zero-width joiner, variation selectors' kin) none, the rest one."""
    return sum(_cells(char) for char in text)


def _cells(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def pad(text: str, width: int) -> str:
    """`text` followed by spaces up to `width` cells (`str.ljust` counts characters)."""
    return text + " " * max(0, width - display_width(text))
