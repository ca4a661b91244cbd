"""`Garden` → garden.html: one self-contained page, no script, a strict Content-Security-Policy.

Every value from the user's files is escaped; links go only to the vault's own files
(relative), to `http`, `https`, `mailto` and `tel` URLs from front matter, and to the `tel:`,
`sms:` and `mailto:` links `actions.py` makes.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from html import escape
from itertools import groupby
from urllib.parse import quote

from hortus.core.address import EMAIL_KEYS, is_email_address
from hortus.core.model import Contact, Source
from hortus.garden import Garden, GestureKind, Plant
from hortus.index import fold
from hortus.render import words
from hortus.render.actions import actions
from hortus.render.html_parts import CSS, bar_chart, sparkline
from hortus.render.i18n import Catalogue, catalogue
from hortus.render.rows import Rows
from hortus.render.snippet import inline_html

HTML_MARKER = (
    "<!-- hortus: generated garden page. Edits here are replaced at the next regenerate. -->"
)
# Nothing may load or run: only the page's own inline style. Its charts are inline SVG.
CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
_URL_RE = re.compile(r"(?:https?://|tel:)[^\s\x00-\x1f\x7f\"'<>\\`]+", re.IGNORECASE)
_MAILTO_RE = re.compile(r"mailto:(.*)", re.IGNORECASE | re.DOTALL)
_PHONE_RE = re.compile(r"\+?[0-9][0-9 ().-]{3,}")
_SLOT = "\x00"  # where links go into an escaped sentence (no user text holds a NUL)
_PHONE_KEYS = frozenset({"phone", "tel", "mobile", "telephone"})


def safe_url(key: str, value: object) -> str | None:
    """The link a front-matter value may become, or None: only http(s), mailto and tel."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if _URL_RE.fullmatch(text):
        return text
    mailto = _MAILTO_RE.fullmatch(text)
    if mailto is not None:  # an address and nothing more: no `?bcc=`, no `?body=`
        return text if is_email_address(mailto.group(1)) else None
    if fold(key) in EMAIL_KEYS and is_email_address(text):
        return "mailto:" + text
    if fold(key) in _PHONE_KEYS and _PHONE_RE.fullmatch(text):
        return "tel:" + re.sub(r"[^0-9+]", "", text)
    return None


def render_html(
    garden: Garden, page_path: str, language: str = "en", rows: Rows | None = None
) -> str:
    """The garden's web page; `rows` keeps the plants' rows between renders (the watcher)."""
    page = _Page(garden, posixpath.dirname(page_path), catalogue(language), rows or Rows())
    cat = page.cat
    title = f"{cat.t('title')} · {cat.date(garden.today)}"
    header = cat.t(
        "tended_for", **words.today_label(garden, cat), summary=words.summary(garden, cat)
    )
    body = [
        f"<header><h1>{escape(cat.t('title'))}</h1><p>{escape(header)}</p></header>",
        "<main>",
        page.section("gestures", page.gestures(), "gestures.empty", ordered=True),
        page.section("key_moments", page.news()),
        page.section("birthdays", page.birthdays()),
        page.section("promises", page.promises()),
        page.section("thanks_owed", page.thanks_owed() + page.intro_grown()),
        page.section("give_back", page.names(g.contact for g in garden.give_back)),
        page.section("rediscover", page.rediscover()),
        page.section("drifting", page.drifting()),
        page.section("breathe", page.breathe()),
        page.section("resting", page.resting()),
        page.section("needs_watering", [page.plant(p) for p in garden.needs_watering]),
        page.section("due_soon", [page.plant(p) for p in garden.due_soon]),
        page.chart(),
        page.section("everyone", page.everyone(), css="everyone"),
        page.section("unresolved", page.unresolved(), "unresolved.empty"),
        page.section("problems", page.problems(), "problems.empty"),
        "</main>",
    ]
    return "\n".join(
        [
            HTML_MARKER,
            "<!DOCTYPE html>",
            f'<html lang="{cat.code}">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="referrer" content="no-referrer">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>{CSS}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


class _Page:
    def __init__(self, garden: Garden, folder: str, cat: Catalogue, rows: Rows) -> None:
        self.garden = garden
        self.folder = folder
        self.cat = cat
        self.rows = rows
        self.kind = f"html {cat.code} {folder}"

    def section(
        self,
        key: str,
        items: list[str],
        empty: str = "empty",
        *,
        ordered: bool = False,
        css: str = "",
    ) -> str:
        tag = "ol" if ordered else "ul"
        if items:
            body = f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"
        else:
            body = f'<p class="empty">{escape(self.cat.t(empty))}</p>'
        lead = escape(self.cat.t(key + ".lead"))
        attrs = f' class="{css}"' if css else ""
        title = escape(self.cat.t(key))
        return (
            f'<section id="{key}"{attrs}><h2>{title}</h2><p class="lead">{lead}</p>{body}</section>'
        )

    def href(self, path: str) -> str:
        target = posixpath.relpath(path, self.folder) if self.folder else path
        return escape(quote(target))

    def who(self, contact: Contact) -> str:
        return f'<a class="who" href="{self.href(contact.path)}">{escape(contact.name)}</a>'

    def where(self, source: Source) -> str:
        label = escape(f"{source.path}:{source.line}")
        return f'<a class="src" href="{self.href(source.path)}">{label}</a>'

    def gestures(self) -> list[str]:
        cat = self.cat
        return [
            f'<span class="kind {g.kind}">{escape(words.kind_label(g, cat))}</span> '
            f'<strong class="do">{escape(words.suggestion(g, cat))}</strong> '
            f'<span class="meta">{self.who(g.contact)} · {self.where(g.source)}</span>'
            f"{self.acts(g.contact, g.kind)}"
            for g in self.garden.gestures
        ]

    def acts(self, contact: Contact, kind: GestureKind | None = None) -> str:
        """Call, text and e-mail links a phone can act on, when the contact has the fields."""
        found = [
            f'<a href="{escape(url)}">{escape(label)}</a>'
            for label, url in actions(contact, self.cat, kind)
        ]
        return f' <span class="act">{" · ".join(found)}</span>' if found else ""

    def key_moments(self) -> list[str]:
        cat = self.cat
        return [
            f'{self.who(m.contact)} <span class="meta">{escape(cat.date(m.date))}'
            + (f" · {escape(words.moment_kind(m.kind, cat))}" if m.kind else "")
            + f"</span><br>{inline_html(m.text)} {self.where(m.source)}"
            for m in self.garden.key_moments
        ]

    def news(self) -> list[str]:
        """The key moments and the events to ask after, newest first (moments first on a tie)."""
        garden = self.garden
        moments = zip((m.date for m in garden.key_moments), self.key_moments(), strict=True)
        asks = zip((a.date for a in garden.ask_after), self.asks(), strict=True)
        dated = sorted([*moments, *asks], key=lambda item: -item[0].toordinal())
        return [line for _, line in dated]

    def asks(self) -> list[str]:
        cat = self.cat
        return [
            f'{self.who(a.contact)} <span class="meta">{escape(cat.date(a.date))}'
            f" · {escape(cat.t('ask'))}</span><br>{inline_html(a.text)} {self.where(a.source)}"
            for a in self.garden.ask_after
        ]

    def birthdays(self) -> list[str]:
        cat = self.cat
        items = []
        for b in self.garden.birthdays:
            details = words.date_details(b, cat)
            when = f"{cat.day_month(b.date)} · {words.in_days(b.in_days, cat)} · {details}"
            items.append(f'{self.who(b.contact)} <span class="meta">{escape(when)}</span>')
        return items

    def promises(self) -> list[str]:
        cat = self.cat
        items = []
        shown, more = words.listed_promises(self.garden)
        for p in shown:
            due = cat.t("due_on", date=cat.date(p.due)) if p.due else cat.t("no_due")
            flag = f' <span class="flag">{escape(cat.t("overdue"))}</span>' if p.overdue else ""
            items.append(
                cat.t("labelled", label=self.who(p.contact), text=inline_html(p.text)) + " "
                f'<span class="meta">{escape(due)}</span>{flag} {self.where(p.source)}'
            )
        more_text = escape(cat.t("promises.more", count=more))
        return items + ([f'<span class="meta">{more_text}</span>'] if more else [])

    def thanks_owed(self) -> list[str]:
        return [
            f'{self.who(t.contact)} <span class="meta">{escape(self.cat.date(t.date))}</span>'
            f"<br>{inline_html(t.text)} {self.where(t.source)}"
            for t in self.garden.thanks_owed
        ]

    def intro_grown(self) -> list[str]:
        cat = self.cat
        return [
            f'{self.who(g.contact)} <span class="meta">{escape(cat.date(g.date))}</span>'
            f"<br>{escape(words.suggestion_for(g, cat))} {self.where(g.source)}"
            for g in self.garden.intro_grown
        ]

    def names(self, contacts: Iterable[Contact]) -> list[str]:
        return [self.who(contact) for contact in contacts]

    def rediscover(self) -> list[str]:
        cat = self.cat
        items = []
        for r in self.garden.rediscover:
            when = cat.date(r.last_interaction) if r.last_interaction else cat.t("never_met")
            item = f'{self.who(r.contact)} <span class="meta">{escape(when)}</span>'
            if r.starter:
                item += "<br>" + escape(cat.t("last_time", text="")) + inline_html(r.starter)
            items.append(item)
        return items

    def drifting(self) -> list[str]:
        cat = self.cat
        items = []
        for d in self.garden.drifting:
            gap = cat.t(
                "usual_gap",
                usual=cat.n("days", d.usual_gap_days),
                since=cat.n("days", d.days_since),
            )
            item = f'{self.who(d.contact)} <span class="meta">{escape(gap)}</span>'
            if d.suggested_cadence is not None:
                hint = cat.t("suggest_cadence", days=cat.n("days", d.suggested_cadence))
                item += f'<br><span class="hint">{escape(hint)}</span>'
            items.append(item)
        return items

    def breathe(self) -> list[str]:
        cat = self.cat
        return [
            f'{self.who(b.contact)} <span class="meta">'
            f"{escape(cat.t('in_last_30', count=cat.n('interactions', b.recent)))}</span>"
            for b in self.garden.breathe
        ]

    def resting(self) -> list[str]:
        cat = self.cat
        return [
            f'{self.who(r.contact)} <span class="meta">'
            + escape(cat.t("until", date=cat.date(r.until)) if r.until else cat.t("until_further"))
            + "</span>"
            for r in self.garden.resting
        ]

    def everyone(self) -> list[str]:
        return [self.plant(p) + self.met_through(p.contact) for p in self.garden.plants]

    def met_through(self, contact: Contact) -> str:
        """The line "met through Bob Nguyen" on the row of someone Bob introduced you to."""
        people = self.garden.met_through.get(contact.key, ())
        if not people:
            return ""
        names = ", ".join(self.who(person) for person in people)
        # The sentence is escaped as text; the names go in as links.
        text = escape(self.cat.t("met_through", names=_SLOT)).replace(_SLOT, names)
        return f'<span class="meta met">{text}</span>'

    def plant(self, plant: Plant) -> str:
        return self.rows.row(plant, self.kind, self._plant)

    def _plant(self, plant: Plant) -> str:
        cat = self.cat
        state = f'<span class="state {plant.state}">{escape(words.state(plant, cat))}</span>'
        detail = f"{words.last_contact(plant, cat)} · {words.rhythm(plant, cat)}"
        count = sum(plant.monthly)
        label = cat.t("sparkline", name=plant.contact.name, count=cat.n("interactions", count))
        links = self.links(plant.contact)
        return (
            f'<div class="row">{self.who(plant.contact)} {state}'
            f"{sparkline(plant.monthly, label)}</div>"
            f'<span class="meta">{escape(detail)}</span>{links}{self.acts(plant.contact)}'
        )

    def links(self, contact: Contact) -> str:
        found = [
            f'<a rel="noreferrer" href="{escape(url)}">{escape(str(value).strip())}</a>'
            for key, value in contact.fields.items()
            if (url := safe_url(key, value)) is not None
        ]
        return f'<span class="links">{" · ".join(found)}</span>' if found else ""

    def chart(self) -> str:
        cat = self.cat
        labels = [cat.month_short(month) for month in self.garden.months]
        titles = [
            cat.t(
                "chart.bar",
                month=f"{cat.months[month.month - 1]} {month.year}",
                count=cat.n("interactions", count),
            )
            for month, count in zip(self.garden.months, self.garden.monthly, strict=True)
        ]
        svg = bar_chart(self.garden.monthly, labels, titles, cat.t("chart"))
        return (
            f'<section id="chart"><h2>{escape(cat.t("chart"))}</h2>'
            f'<p class="lead">{escape(cat.t("chart.lead"))}</p>{svg}</section>'
        )

    def unresolved(self) -> list[str]:
        items = []
        for _, group in groupby(self.garden.unresolved, key=lambda u: fold(u.target)):
            found = list(group)
            places = ", ".join(self.where(u.source) for u in found)
            if found[0].suggestion:
                places += " · " + self.cat.t("unresolved.suggest", name=escape(found[0].suggestion))
            items.append(self.cat.t("labelled", label=escape(found[0].target), text=places))
        return items

    def problems(self) -> list[str]:
        return [f"{self.where(p.source)}: {escape(p.message)}" for p in self.garden.problems]
