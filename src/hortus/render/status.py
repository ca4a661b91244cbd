"""`Garden` → the `hortus status` views: a terminal page and the stable JSON document."""

from __future__ import annotations

import json
from collections.abc import Iterable

from hortus.errors import format_problem
from hortus.garden import Garden, Plant
from hortus.render import plural
from hortus.render.summary import summary, today_label


def status_document(garden: Garden) -> dict[str, object]:
    """The documented JSON interface (docs/json.md): keep its keys stable."""
    return {
        "today": garden.today.isoformat(),
        "contacts": [contact_document(plant) for plant in garden.plants],
        "needs_watering": [plant.contact.name for plant in garden.needs_watering],
        "unresolved": [
            {"target": u.target, "path": u.source.path, "line": u.source.line}
            for u in garden.unresolved
        ],
        "problems": [
            {"path": p.source.path, "line": p.source.line, "message": p.message}
            for p in garden.problems
        ],
    }


def contact_document(plant: Plant) -> dict[str, object]:
    contact = plant.contact
    last = plant.last_interaction
    thirst = plant.thirst_rounded
    return {
        "name": contact.name,
        "path": contact.path,
        "circle": contact.circle,
        "cadence_days": contact.cadence_days,
        "last_interaction": last.isoformat() if last else None,
        "days_since": plant.days_since,
        "thirst": float(thirst) if thirst is not None else None,
        "state": str(plant.state),
        "interactions": plant.interactions,
        "aliases": list(contact.aliases),
        "tags": list(contact.tags),
    }


def render_json(garden: Garden) -> str:
    return json.dumps(status_document(garden), indent=2, ensure_ascii=False) + "\n"


def render_text(garden: Garden) -> str:
    """The garden for a terminal: plain text, aligned, kind words."""
    out = [f"Garden for {today_label(garden)}: {summary(garden)}"]
    for title, plants in (
        ("Needs watering", garden.needs_watering),
        ("Due soon", garden.due_soon),
        ("Seedlings", garden.seedlings),
        ("Thriving", garden.thriving),
    ):
        out.extend(_text_section(title, plants))
    if garden.unresolved:
        out += ["", "Names without a page yet"]
        out += [f"  {u.target}  ({u.source.path}:{u.source.line})" for u in garden.unresolved]
    if garden.problems:
        out += ["", "Problems"] + [f"  {format_problem(p)}" for p in garden.problems]
    return "\n".join(out) + "\n"


def _text_section(title: str, plants: Iterable[Plant]) -> list[str]:
    rows = list(plants)
    if not rows:
        return []
    width = max(len(p.contact.name) for p in rows)
    lines = ["", title]
    for plant in rows:
        contact = plant.contact
        rhythm = f"every {plural(contact.cadence_days, 'day')}, {contact.circle}"
        if plant.last_interaction is None:
            lines.append(f"  {contact.name:<{width}}  no contact yet ({rhythm})")
        else:
            ago = plural(plant.days_since or 0, "day")
            lines.append(
                f"  {contact.name:<{width}}  {plant.state:<8} "
                f"last {plant.last_interaction.isoformat()}, {ago} ago ({rhythm})"
            )
    return lines
