"""`Card` → the `hortus show` views: a terminal card and its JSON document (docs/json.md)."""

from __future__ import annotations

import json

from hortus.card import Card, TimelineItem
from hortus.render import plural
from hortus.render.status import contact_document


def card_document(card: Card) -> dict[str, object]:
    """`status --json`'s contact keys, plus birthday, fields, moments and the timeline."""
    contact = card.plant.contact
    return {
        "today": card.today.isoformat(),
        **contact_document(card.plant),
        "birthday": contact.birthday,
        "fields": {key: _plain(value) for key, value in contact.fields.items()},
        "moments": [_item_document(item) for item in card.moments],
        "timeline": [_item_document(item) for item in card.timeline],
    }


def _item_document(item: TimelineItem) -> dict[str, object]:
    return {
        "date": item.date.isoformat(),
        "title": item.title,
        "path": item.path,
        "line": item.line,
        "kind": item.kind,
        "moment": item.moment,
        "tags": list(item.tags),
    }


def _plain(value: object) -> object:
    """Front-matter values as JSON can hold them (dates as ISO text)."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def render_card_json(card: Card) -> str:
    return json.dumps(card_document(card), indent=2, ensure_ascii=False) + "\n"


def render_card_text(card: Card) -> str:
    plant = card.plant
    contact = plant.contact
    rows = [
        ("circle", f"{contact.circle}, every {plural(contact.cadence_days, 'day')}"),
        ("state", _state(card)),
        ("birthday", contact.birthday or "—"),
        ("aliases", ", ".join(contact.aliases) or "—"),
        ("tags", ", ".join(contact.tags) or "—"),
    ]
    out = [f"{contact.name}  ({contact.path})"]
    out += [f"  {label:<9} {value}" for label, value in rows]
    if card.moments:
        out += ["", "Key moments"] + [_line(item) for item in card.moments]
    out += ["", f"Timeline ({plural(len(card.timeline), 'entry', 'entries')}, newest first)"]
    out += [_line(item) for item in card.timeline] or ["  nothing written down yet"]
    return "\n".join(out) + "\n"


def _state(card: Card) -> str:
    plant = card.plant
    if plant.last_interaction is None:
        return f"{plant.state} (no contact written down yet)"
    ago = "today" if plant.days_since == 0 else f"{plural(plant.days_since or 0, 'day')} ago"
    return f"{plant.state}, last contact {plant.last_interaction.isoformat()} ({ago})"


def _line(item: TimelineItem) -> str:
    title = item.title or "(untitled)"
    return f"  {item.date.isoformat()}  {item.kind:<12} {title}  {item.path}:{item.line}"
