"""`Garden` → the `hortus status` page: plain text, aligned, kind words, short lists.
(`cli.py` shows it through `terminal.printable`.)

Each list shows its first `limit` items (`[lists] status`), then "…and N more" with the
command that shows it whole; `--all` shows every list whole, `--section NAME` one list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from hortus.core.errors import format_problem
from hortus.core.model import Unresolved
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
from hortus.render import outline, words
from hortus.render.i18n import Catalogue, catalogue
from hortus.render.outline import Lists

# The lists `hortus status` has, in the pages' order (the chart and "everyone" are the web
# page's): `--section` takes these names.
SECTIONS = tuple(
    outline.section_name(key) for key in outline.ORDER if key not in ("chart", "everyone")
)


def render_text(
    garden: Garden, language: str = "en", limit: int | None = None, section: str | None = None
) -> str:
    """The garden for a terminal: `limit` items a list (None: all), or only `section`
    (a name of `SECTIONS`) in full."""
    cat = catalogue(language)
    label = words.today_label(garden, cat)
    out = [cat.t("status_header", **label, summary=words.summary(garden, cat))]
    found = _records(garden)
    if section is not None:
        key = section.replace("-", "_")
        return "\n".join(out + _section(key, found[key], cat, Lists(), always=True)) + "\n"
    if outline.is_new(garden):
        out += _welcome(cat)
    lists = Lists(limit)
    cut = False
    for key in SECTIONS:
        records = found[key.replace("-", "_")]
        out += _section(key.replace("-", "_"), records, cat, lists)
        cut = cut or (key != "gestures" and len(lists.cut(records)[0]) < len(records))
    if cut:
        out += ["", cat.t("status.all")]
    return "\n".join(out) + "\n"


def _records(garden: Garden) -> dict[str, Sequence[Any]]:
    return dict(outline.records(garden))


def _section(
    key: str, records: Sequence[Any], cat: Catalogue, lists: Lists, *, always: bool = False
) -> list[str]:
    if not records and not always:
        return []
    if key == "gestures":
        lines = [f"  {n}. {words.suggestion(g, cat)}" for n, g in enumerate(records, start=1)]
        return ["", cat.t(key), *lines]
    shown, more = lists.cut(records)
    lines = [f"  {line}" for line in _LINES[key](shown, cat)] or [f"  {cat.t('empty')}"]
    if more:
        name = outline.section_name(key)
        lines.append(f"  {cat.t('status.more', count=more, name=name)}")
    return ["", f"{cat.t(key)} ({len(records)})", *lines]


def _welcome(cat: Catalogue) -> list[str]:
    steps = [
        cat.t("welcome.add", command=words.WELCOME_ADD),
        cat.t("welcome.import", command=words.WELCOME_IMPORT),
        cat.t(
            "welcome.log",
            example=cat.t("welcome.example"),
            command=cat.t("welcome.log_command"),
        ),
    ]
    lines = [f"  {n}. {step}" for n, step in enumerate(steps, start=1)]
    return ["", cat.t("welcome"), f"  {cat.t('welcome.lead')}", *lines]


def _labelled(cat: Catalogue, label: str, text: str) -> str:
    return cat.t("labelled", label=label, text=text)


def _plants(plants: Sequence[Plant], cat: Catalogue) -> list[str]:
    if not plants:
        return []
    width = max(words.display_width(p.contact.name) for p in plants)
    states = max(words.display_width(words.state(p, cat)) for p in plants)
    lines = []
    for plant in plants:
        name = words.pad(plant.contact.name, width)
        rhythm = words.rhythm(plant, cat)
        if plant.last_interaction is None:
            lines.append(f"{name}  {cat.t('no_contact')} · {rhythm}")
        else:
            state = words.pad(words.state(plant, cat), states)
            last = words.last_contact(plant, cat)
            lines.append(f"{name}  {state}  {last} · {rhythm}")
    return lines


def _unresolved(groups: Sequence[list[Unresolved]], cat: Catalogue) -> list[str]:
    """Each name once, with its count and first place, and the contact it may mean."""
    lines = []
    for items in groups:
        first = items[0]
        place = f"{first.source.path}:{first.source.line}"
        if len(items) > 1:
            place = cat.t("unresolved.first", count=cat.n("mentions", len(items)), place=place)
        line = f"{first.target}  ({place})"
        if first.suggestion:
            line += "  " + cat.t("unresolved.suggest", name=first.suggestion)
        lines.append(line)
    return lines


def _moments(items: Sequence[KeyMoment | AskAfter], cat: Catalogue) -> list[str]:
    """The moments to answer and the events to ask after."""
    return [
        _labelled(cat, m.contact.name, words.plain(m.text))
        if isinstance(m, KeyMoment)
        else words.suggestion_for(m, cat)
        for m in items
    ]


def _birthdays(items: Sequence[BirthdaySoon], cat: Catalogue) -> list[str]:
    return [
        _labelled(
            cat,
            b.contact.name,
            f"{cat.day_month(b.date)}, {words.in_days(b.in_days, cat)}"
            + f" · {words.date_details(b, cat)}",
        )
        for b in items
    ]


def _promises(items: Sequence[OpenPromise], cat: Catalogue) -> list[str]:
    return [
        _labelled(cat, p.contact.name, words.plain(p.text))
        + (f" ({cat.t('overdue')})" if p.overdue else "")
        for p in items
    ]


def _renew(items: Sequence[OpenPromise], cat: Catalogue) -> list[str]:
    return [
        _labelled(cat, p.contact.name, words.plain(p.text)) + f" ({words.promise_age(p, cat)})"
        for p in items
    ]


def _thanks(items: Sequence[ThanksOwed | IntroGrown], cat: Catalogue) -> list[str]:
    """The thanks owed, and introducers to tell how a relationship they started has grown."""
    return [
        _labelled(cat, t.contact.name, words.plain(t.text))
        if isinstance(t, ThanksOwed)
        else words.suggestion_for(t, cat)
        for t in items
    ]


def _names(items: Sequence[Any], cat: Catalogue) -> list[str]:
    return [item.contact.name for item in items]


def _gestures(items: Sequence[Gesture], cat: Catalogue) -> list[str]:
    return [words.suggestion(g, cat) for g in items]


_LINES: dict[str, Callable[[Sequence[Any], Catalogue], list[str]]] = {
    "gestures": _gestures,
    "needs_watering": _plants,
    "key_moments": _moments,
    "birthdays": _birthdays,
    "promises": _promises,
    "thanks_owed": _thanks,
    "due_soon": _plants,
    "give_back": _names,
    "drifting": _names,
    "rediscover": _names,
    "renew_or_release": _renew,
    "breathe": _names,
    "resting": _names,
    "seedlings": _plants,
    "thriving": _plants,
    "unresolved": _unresolved,
    "problems": lambda items, cat: [format_problem(p, cat.say(p.said)) for p in items],
}
