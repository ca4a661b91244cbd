"""The served pages besides the garden: a person's page (`hortus show` in the browser), the
search results (`hortus search`), and a page that says what went wrong. Pure functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from html import escape

from hortus.core.model import Contact
from hortus.garden.card import Card, TimelineItem
from hortus.index.search import Found, Results
from hortus.render import words
from hortus.render.html import safe_url
from hortus.render.html_parts import CSS
from hortus.render.i18n import Catalogue
from hortus.render.search import MARK
from hortus.render.snippet import inline_html
from hortus.serve.guard import META_CSP, REFERRER
from hortus.serve.pages import frame, head, hidden, person_href, promise_form


def document(
    cat: Catalogue,
    title: str,
    csrf: str,
    body: str,
    version: int,
    who: str = "",
    back: str = "/",
    query: str = "",
) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{cat.code}">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{META_CSP}">',
            f'<meta name="referrer" content="{REFERRER}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>{CSS}</style>",
            head(version),
            "</head>",
            "<body>",
            f"<header><h1>{escape(title)}</h1></header>",
            frame(cat, csrf, who, back, query),
            f"<main>{body}</main>",
            "</body>",
            "</html>",
            "",
        ]
    )


def person_page(
    cat: Catalogue,
    csrf: str,
    card: Card,
    digests: Mapping[str, str],
    version: int,
    can_open: bool,
) -> str:
    contact = card.plant.contact
    back = person_href(contact)
    plant = card.plant
    state = f'<span class="state {plant.state}">{escape(words.state(plant, cat))}</span>'
    detail = f"{words.last_contact(plant, cat)} · {words.rhythm(plant, cat)}"
    about = (
        f'<section id="card" class="card"><h2>{escape(contact.name)} {state}</h2>'
        f'<p class="lead">{escape(detail)}</p>{_fields(contact, _people(cat, card))}'
        f"{_open(cat, csrf, contact, can_open)}"
        "</section>"
    )
    promises = [
        f'{inline_html(p.text)} <span class="meta">{escape(_due(cat, p.due))}</span>'
        f' <span class="src">{escape(f"{p.source.path}:{p.source.line}")}</span>'
        + promise_form(cat, csrf, p, digests, back)
        for p in card.promises
    ]
    body = [
        about,
        _section(cat, "promises", cat.t("serve.card.promises"), promises),
        _section(cat, "moments", cat.t("serve.card.moments"), _items(cat, card.moments)),
        _section(
            cat, "timeline", cat.t("serve.card.timeline"), _items(cat, card.timeline, contact)
        ),
    ]
    return document(cat, contact.name, csrf, "".join(body), version, contact.key, back)


def _due(cat: Catalogue, due: dt.date | None) -> str:
    return cat.t("due_on", date=cat.date(due)) if due else cat.t("no_due")


def _people(cat: Catalogue, card: Card) -> list[str]:
    """Who introduced you to them, and whom they introduced you to, linked to their pages."""
    rows = []
    for key, people in (
        ("card.met_through", card.met_through),
        ("card.introduced", card.introduced),
    ):
        if people:
            links = ", ".join(
                f'<a class="who" href="{escape(person_href(p))}">{escape(p.name)}</a>'
                for p in people
            )
            rows.append(f"<dt>{escape(cat.t(key))}</dt><dd>{links}</dd>")
    return rows


def _fields(contact: Contact, people: list[str]) -> str:
    rows = list(people)
    for key, value in contact.fields.items():
        url = safe_url(key, value)
        shown = escape(str(value).strip())
        cell = f'<a rel="noreferrer" href="{escape(url)}">{shown}</a>' if url else shown
        rows.append(f"<dt>{escape(str(key))}</dt><dd>{cell}</dd>")
    return f"<dl>{''.join(rows)}</dl>" if rows else ""


def _open(cat: Catalogue, csrf: str, contact: Contact, can_open: bool) -> str:
    how = f'<p class="meta">{escape(cat.t("serve.open.how", name=contact.name, path=contact.path))}'
    if not can_open:
        return how + "</p>"
    return (
        f'<form class="act" method="post" action="/open" data-hortus>'
        f"{hidden(csrf, {'key': contact.key, 'back': person_href(contact)})}"
        f"<button>{escape(cat.t('serve.open'))}</button></form>" + how + "</p>"
    )


def _items(
    cat: Catalogue, items: tuple[TimelineItem, ...], own: Contact | None = None
) -> list[str]:
    """Each entry: its date, title and place; in the timeline, the entries of the contact's
    own file are anchors (`#L12`), where the garden's `path:line` links lead."""
    return [
        (f'<a id="L{item.line}"></a>' if own and item.path == own.path else "")
        + f'<span class="meta">{escape(cat.date(item.date))}</span> '
        f"{inline_html(item.title)} "
        f'<span class="src">{escape(f"{item.path}:{item.line}")}</span>'
        for item in items
    ]


def _section(cat: Catalogue, key: str, title: str, items: list[str]) -> str:
    if items:
        body = "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
    else:
        body = f'<p class="empty">{escape(cat.t("serve.card.none"))}</p>'
    return f'<section id="{key}"><h2>{escape(title)}</h2>{body}</section>'


def search_page(cat: Catalogue, csrf: str, results: Results, version: int) -> str:
    words_text = " ".join(results.query.words)
    groups = []
    for group in results.groups:
        title = (
            f'<a class="who" href="{escape(person_href(group.contact))}">'
            f"{escape(group.contact.name)}</a>"
            if group.contact
            else escape(cat.t("search_nobody"))
        )
        items = [_found(cat, found) for found in group.found]
        groups.append(
            f'<section class="hits"><h2>{title}</h2><ul>'
            + "".join(f"<li>{item}</li>" for item in items)
            + "</ul></section>"
        )
    if results.total == 0:
        groups.append(f'<p class="empty">{escape(cat.t("search_none", words=words_text))}</p>')
    title = cat.t("serve.search.results", words=words_text)
    return document(cat, title, csrf, "".join(groups), version, query=words_text)


def _found(cat: Catalogue, found: Found) -> str:
    day = cat.date(found.date) if found.date else cat.t("search_undated")
    snippet = MARK.sub(
        lambda m: f"<mark>{m.group(1)}</mark>", escape(" ".join(found.snippet.split()))
    )
    return (
        f'<span class="meta">{escape(day)}</span> '
        f'<span class="src">{escape(f"{found.path}:{found.line}")}</span><br>{snippet}'
    )


def message_page(cat: Catalogue, csrf: str, title: str, message: str, version: int) -> str:
    return document(cat, title, csrf, f'<p class="empty">{escape(message)}</p>', version)
