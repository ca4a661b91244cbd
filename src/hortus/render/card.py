"""`Card` → the `hortus show` views: a terminal card and its JSON document (docs/json.md)."""

from __future__ import annotations

import datetime as dt

from hortus.core.model import Birthday
from hortus.garden import OpenPromise
from hortus.garden.card import Card, TimelineItem
from hortus.render import words
from hortus.render.i18n import Catalogue, catalogue
from hortus.render.jsontext import strict_json
from hortus.render.status import contact_document


def card_document(card: Card) -> dict[str, object]:
    """`status --json`'s contact keys, plus birthday, fields, moments and the timeline."""
    contact = card.plant.contact
    return {
        "today": card.today.isoformat(),
        **contact_document(card.plant),
        "birthday": contact.birthday,
        "dates": [
            {"occasion": d.occasion, "label": d.label, "date": date_text(d.when)}
            for d in contact.dates
        ],
        "gift_ideas": list(contact.gift_ideas),
        "met_through": [person.name for person in card.met_through],
        "introduced": [person.name for person in card.introduced],
        "fields": {key: plain_value(value) for key, value in contact.fields.items()},
        "promises": [
            {
                "text": p.text,
                "due": p.due.isoformat() if p.due else None,
                "overdue": p.overdue,
                "path": p.source.path,
                "line": p.source.line,
            }
            for p in card.promises
        ],
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


def plain_value(value: object) -> object:
    """Front-matter values as JSON can hold them (dates as ISO text)."""
    if isinstance(value, dict):
        return {str(key): plain_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain_value(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def render_card_json(card: Card) -> str:
    return strict_json(card_document(card))


def render_card_text(card: Card, language: str = "en") -> str:
    cat = catalogue(language)
    plant = card.plant
    contact = plant.contact
    rows = [
        (
            "circle",
            cat.t(
                "card.rhythm",
                circle=words.circle(contact.circle, cat),
                days=cat.n("days", contact.cadence_days),
            ),
        ),
        ("state", _state(card, cat)),
        ("birthday", _birthday(contact.birth, contact.birthday, cat)),
        ("aliases", ", ".join(contact.aliases) or "—"),
        ("tags", ", ".join(contact.tags) or "—"),
    ]
    rows += _craft_rows(card, cat)
    labels = [cat.t(f"card.{key}") if key else "" for key, _ in rows]
    width = max(words.display_width(label) for label in labels) + 2
    out = [f"{contact.name}  ({contact.path})"]
    out += [
        f"  {words.pad(label, width)}{value}"
        for label, (_, value) in zip(labels, rows, strict=True)
    ]
    if card.promises:
        out += ["", cat.t("promises")] + [_promise_line(p, cat) for p in card.promises]
    items = (*card.moments, *card.timeline)
    widths = (
        max((words.display_width(cat.date(i.date)) for i in items), default=0),
        max((words.display_width(_kind(i, cat)) for i in items), default=0),
    )
    if card.moments:
        out += ["", cat.t("key_moments")] + [_line(item, cat, widths) for item in card.moments]
    out += ["", cat.t("card.timeline", entries=cat.n("entries", len(card.timeline)))]
    timeline = [_line(item, cat, widths) for item in card.timeline]
    out += timeline or [f"  {cat.t('card.nothing')}"]
    return "\n".join(out) + "\n"


def _craft_rows(card: Card, cat: Catalogue) -> list[tuple[str, str]]:
    """The other dates, gift ideas and introductions: rows only when there is something."""
    contact = card.plant.contact
    rows: list[tuple[str, str]] = []
    for number, named in enumerate(contact.dates):
        what = named.label if named.label else cat.t(f"occasion.{named.occasion}")
        rows.append(("dates" if number == 0 else "", f"{_day(named.when, cat)}  {what}"))
    if contact.gift_ideas:
        rows.append(("gift_ideas", ", ".join(contact.gift_ideas)))
    if card.met_through:
        rows.append(("met_through", ", ".join(p.name for p in card.met_through)))
    if card.introduced:
        rows.append(("introduced", ", ".join(p.name for p in card.introduced)))
    return rows


def date_text(when: Birthday) -> str:
    """A date as written in front matter: `2016-06-18`, or `--06-18` without the year."""
    day = f"{when.month:02d}-{when.day:02d}"
    return f"{when.year:04d}-{day}" if when.year is not None else f"--{day}"


def _state(card: Card, cat: Catalogue) -> str:
    plant = card.plant
    state = cat.t(f"state.{plant.state}")
    if plant.last_interaction is None:
        return cat.t("card.seedling", state=state)
    ago = words.ago(plant.days_since or 0, cat)
    return cat.t("card.last", state=state, date=cat.date(plant.last_interaction), ago=ago)


def _birthday(birth: Birthday | None, written: str | None, cat: Catalogue) -> str:
    """In the page's language when it is a real day; as written otherwise (check says why)."""
    if birth is None:
        return written or "—"
    return _day(birth, cat)


def _day(when: Birthday, cat: Catalogue) -> str:
    """A day of the year (with its year when known) in the page's language, as `status` says
    it: 18 June 2016 / 18 juin 2016, or 18 June without the year."""
    day = dt.date(when.year or 2000, when.month, when.day)  # 2000: 29 February is a real day
    return cat.date(day) if when.year else cat.day_month(day)


def _line(item: TimelineItem, cat: Catalogue, widths: tuple[int, int]) -> str:
    """A dated line in the page's language, padded so the columns stay aligned."""
    title = item.title or cat.t("card.untitled")
    date, kind = words.pad(cat.date(item.date), widths[0]), words.pad(_kind(item, cat), widths[1])
    return f"  {date}  {kind}  {title}  {item.path}:{item.line}"


def _kind(item: TimelineItem, cat: Catalogue) -> str:
    kind = cat.t(f"timeline.{item.kind}")
    return f"{kind} ({words.moment_kind(item.moment, cat)})" if item.moment else kind


def _promise_line(promise: OpenPromise, cat: Catalogue) -> str:
    where = f"{promise.source.path}:{promise.source.line}"
    return f"  {words.plain(promise.text)} · {words.promise_due(promise, cat)}  {where}"
