"""`Garden` → the `hortus status` views: a terminal page and the stable JSON document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from itertools import groupby

from hortus.core.errors import format_problem
from hortus.core.model import Unresolved
from hortus.garden import Garden, Plant
from hortus.index import fold
from hortus.render import words
from hortus.render.i18n import Catalogue, catalogue
from hortus.render.jsontext import strict_json


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def status_document(garden: Garden, language: str = "en") -> dict[str, object]:
    """The documented JSON interface (docs/json.md): keep its keys stable."""
    cat = catalogue(language)
    return {
        "today": garden.today.isoformat(),
        "contacts": [contact_document(plant) for plant in garden.plants],
        "needs_watering": [plant.contact.name for plant in garden.needs_watering],
        "gestures": [
            {
                "name": g.contact.name,
                "kind": str(g.kind),
                "suggestion": words.suggestion(g, cat),
                "path": g.source.path,
                "line": g.source.line,
            }
            for g in garden.gestures
        ],
        "key_moments": [
            {
                "name": m.contact.name,
                "date": m.date.isoformat(),
                "kind": m.kind,
                "text": m.text,
                "path": m.source.path,
                "line": m.source.line,
            }
            for m in garden.key_moments
        ],
        "birthdays": [
            {
                "name": b.contact.name,
                "date": b.date.isoformat(),
                "in_days": b.in_days,
                "age": b.age,
                "occasion": b.occasion,
                "label": b.label,
                "gift_ideas": list(b.gift_ideas),
            }
            for b in garden.birthdays
        ],
        "promises": [
            {
                "name": p.contact.name,
                "text": p.text,
                "due": _iso(p.due),
                "overdue": p.overdue,
                "path": p.source.path,
                "line": p.source.line,
            }
            for p in garden.promises
        ],
        "thanks_owed": [
            {
                "name": t.contact.name,
                "date": t.date.isoformat(),
                "text": t.text,
                "path": t.source.path,
                "line": t.source.line,
            }
            for t in garden.thanks_owed
        ],
        "give_back": [
            {"name": g.contact.name, "received": g.received, "gave": g.gave}
            for g in garden.give_back
        ],
        "breathe": [{"name": b.contact.name, "recent": b.recent} for b in garden.breathe],
        "rediscover": [
            {
                "name": r.contact.name,
                "last_interaction": _iso(r.last_interaction),
                "starter": r.starter,
            }
            for r in garden.rediscover
        ],
        "drifting": [
            {
                "name": d.contact.name,
                "usual_gap_days": d.usual_gap_days,
                "days_since": d.days_since,
                "suggested_cadence": d.suggested_cadence,
            }
            for d in garden.drifting
        ],
        "resting": [{"name": r.contact.name, "until": _iso(r.until)} for r in garden.resting],
        "ask_after": [
            {
                "name": a.contact.name,
                "date": a.date.isoformat(),
                "text": a.text,
                "suggestion": words.suggestion_for(a, cat),
                "path": a.source.path,
                "line": a.source.line,
            }
            for a in garden.ask_after
        ],
        "intro_grown": [
            {
                "introducer": g.contact.name,
                "introduced": g.introduced.name,
                "trigger": g.trigger,
                "date": g.date.isoformat(),
                "suggestion": words.suggestion_for(g, cat),
                "path": g.source.path,
                "line": g.source.line,
            }
            for g in garden.intro_grown
        ],
        "unresolved": [
            {
                "target": u.target,
                "path": u.source.path,
                "line": u.source.line,
                "suggestion": u.suggestion,
            }
            for u in garden.unresolved
        ],
        "problems": [
            {"path": p.source.path, "line": p.source.line, "message": p.message}
            for p in garden.problems
        ],
    }


def contact_document(plant: Plant) -> dict[str, object]:
    contact = plant.contact
    thirst = plant.thirst_rounded
    return {
        "name": contact.name,
        "path": contact.path,
        "circle": contact.circle,
        "cadence_days": contact.cadence_days,
        "last_interaction": _iso(plant.last_interaction),
        "days_since": plant.days_since,
        "thirst": float(thirst) if thirst is not None else None,
        "state": str(plant.state),
        "interactions": plant.interactions,
        "aliases": list(contact.aliases),
        "tags": list(contact.tags),
    }


def render_json(garden: Garden, language: str = "en") -> str:
    return strict_json(status_document(garden, language))


def render_text(garden: Garden, language: str = "en") -> str:
    """The garden for a terminal: plain text, aligned, kind words."""
    cat = catalogue(language)
    label = words.today_label(garden, cat)
    out = [cat.t("status_header", **label, summary=words.summary(garden, cat))]
    if garden.gestures:
        out += ["", cat.t("gestures")]
        out += [
            f"  {number}. {words.suggestion(g, cat)}"
            for number, g in enumerate(garden.gestures, start=1)
        ]
    out += _others(garden, cat)
    seedlings, more = words.named_seedlings(garden)
    for key, plants in (
        ("needs_watering", garden.needs_watering),
        ("due_soon", garden.due_soon),
        ("seedlings", seedlings),
        ("thriving", garden.thriving),
    ):
        out.extend(_text_section(cat.t(key), plants, cat))
        if key == "seedlings" and more:
            out.append(f"  {cat.t('seedlings.more', count=more)}")
    if garden.unresolved:
        out += ["", cat.t("unresolved"), *_unresolved_lines(garden.unresolved, cat)]
    if garden.problems:
        out += ["", cat.t("problems")] + [f"  {format_problem(p)}" for p in garden.problems]
    return "\n".join(out) + "\n"


def _unresolved_lines(unresolved: Sequence[Unresolved], cat: Catalogue) -> list[str]:
    """Each name once (they come sorted by folded name, then place), with its count and first
    place, and the contact it may mean."""
    lines = []
    for _, group in groupby(unresolved, key=lambda u: fold(u.target)):
        items = list(group)
        first = items[0]
        place = f"{first.source.path}:{first.source.line}"
        if len(items) > 1:
            place = cat.t("unresolved.first", count=cat.n("mentions", len(items)), place=place)
        line = f"  {first.target}  ({place})"
        if first.suggestion:
            line += "  " + cat.t("unresolved.suggest", name=first.suggestion)
        lines.append(line)
    return lines


def _others(garden: Garden, cat: Catalogue) -> list[str]:
    """The garden's other lists, one short line per item, only when not empty."""
    sections = (
        ("key_moments", _news(garden, cat)),
        (
            "birthdays",
            [
                _labelled(
                    cat,
                    b.contact.name,
                    f"{cat.day_month(b.date)}, {words.in_days(b.in_days, cat)}"
                    + f" · {words.date_details(b, cat)}",
                )
                for b in garden.birthdays
            ],
        ),
        (
            "promises",
            [
                _labelled(cat, p.contact.name, words.plain(p.text))
                + (f" ({cat.t('overdue')})" if p.overdue else "")
                for p in words.listed_promises(garden)[0]
            ]
            + _more_promises(garden, cat),
        ),
        (
            "thanks_owed",
            [_labelled(cat, t.contact.name, words.plain(t.text)) for t in garden.thanks_owed]
            + [words.suggestion_for(g, cat) for g in garden.intro_grown],
        ),
        ("give_back", [g.contact.name for g in garden.give_back]),
        ("rediscover", [r.contact.name for r in garden.rediscover]),
        ("drifting", [d.contact.name for d in garden.drifting]),
        ("breathe", [b.contact.name for b in garden.breathe]),
        ("resting", [r.contact.name for r in garden.resting]),
    )
    out: list[str] = []
    for key, lines in sections:
        if lines:
            out += ["", cat.t(key)] + [f"  {line}" for line in lines]
    return out


def _news(garden: Garden, cat: Catalogue) -> list[str]:
    """The moments and the events to ask after, newest first (moments first on a tie)."""
    dated = [
        (m.date, _labelled(cat, m.contact.name, words.plain(m.text))) for m in garden.key_moments
    ]
    dated += [(a.date, words.suggestion_for(a, cat)) for a in garden.ask_after]
    return [line for _, line in sorted(dated, key=lambda item: -item[0].toordinal())]


def _labelled(cat: Catalogue, label: str, text: str) -> str:
    return cat.t("labelled", label=label, text=text)


def _text_section(title: str, plants: Iterable[Plant], cat: Catalogue) -> list[str]:
    rows = list(plants)
    if not rows:
        return []
    width = max(words.display_width(p.contact.name) for p in rows)
    states = max(words.display_width(words.state(p, cat)) for p in rows)
    lines = ["", title]
    for plant in rows:
        name = words.pad(plant.contact.name, width)
        rhythm = words.rhythm(plant, cat)
        if plant.last_interaction is None:
            lines.append(f"  {name}  {cat.t('no_contact')} · {rhythm}")
        else:
            state = words.pad(words.state(plant, cat), states)
            last = words.last_contact(plant, cat)
            lines.append(f"  {name}  {state}  {last} · {rhythm}")
    return lines


def _more_promises(garden: Garden, cat: Catalogue) -> list[str]:
    more = words.listed_promises(garden)[1]
    return [cat.t("promises.more", count=more)] if more else []
