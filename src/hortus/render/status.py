"""`Garden` → the stable JSON document of `hortus status --json` (the terminal page is
`status_text.py`, re-exported here)."""

from __future__ import annotations

import datetime as dt

from hortus.garden import Garden, Plant
from hortus.render import words
from hortus.render.i18n import catalogue
from hortus.render.jsontext import strict_json
from hortus.render.status_text import render_text as render_text


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
        "renew_or_release": [
            {
                "name": p.contact.name,
                "text": p.text,
                "due": _iso(p.due),
                "written": _iso(p.written),
                "path": p.source.path,
                "line": p.source.line,
            }
            for p in garden.renew
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
