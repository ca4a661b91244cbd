"""`Garden` → garden.html: one self-contained page, no script, a strict Content-Security-Policy.

Every value from the user's files is escaped; links go only to the vault's own files
(relative), to `http`, `https`, `mailto` and `tel` URLs from front matter, and to the `tel:`,
`sms:` and `mailto:` links `actions.py` makes.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from html import escape
from typing import Any, Protocol
from urllib.parse import quote

from hortus.core.address import EMAIL_KEYS, is_email_address
from hortus.core.model import Contact, Problem, Source, Unresolved
from hortus.garden import (
    AskAfter,
    BirthdaySoon,
    Breathe,
    Drifting,
    Garden,
    Gesture,
    GestureKind,
    GiveBack,
    IntroGrown,
    KeyMoment,
    OpenPromise,
    Plant,
    Rediscover,
    Resting,
    ThanksOwed,
)
from hortus.index import fold
from hortus.render import outline, words
from hortus.render.actions import actions
from hortus.render.html_parts import CSS, bar_chart, sparkline
from hortus.render.i18n import Catalogue, catalogue
from hortus.render.outline import Lists
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


class Served(Protocol):
    """What the page served by `hortus serve` changes in garden.html: its links, its forms,
    its script and its policy. garden.html itself is rendered without one."""

    csp: str  # replaces CSP in the page's <meta>
    referrer: str  # the page's referrer policy (garden.html: no-referrer)
    kind: str  # tells its rows from garden.html's in a shared `Rows`

    def head(self) -> str:
        """Tags added at the end of <head> (the script)."""

    def top(self) -> str:
        """HTML between the header and the sections (navigation, search, messages)."""

    def person_href(self, contact: Contact) -> str:
        """The (unescaped) address of a contact's page."""

    def source_href(self, source: Source) -> str | None:
        """The (unescaped) address that shows a place in a note, or None for plain text."""

    def page_href(self, page: str) -> str:
        """The (unescaped) address of the short page or of the full lists (`Lists`)."""

    def gesture(self, gesture: Gesture) -> str:
        """HTML after a gesture: what can be done about it."""

    def promise(self, promise: OpenPromise) -> str:
        """HTML after an open promise: keep it or let it go."""

    def section(self, key: str, head: str, rows: list[str], tail: str) -> None:
        """Each section as rendered, in page order: `head + "".join(rows) + tail`, its rows
        each `<li>…</li>` (the live page sends a browser only the rows that changed)."""


def render_html(
    garden: Garden,
    page_path: str,
    language: str = "en",
    rows: Rows | None = None,
    lists: Lists | None = None,
    served: Served | None = None,
) -> str:
    """The garden's web page; `rows` keeps the plants' rows between renders (the watcher);
    `lists` says how long each section is and where its full list is (default: all);
    `served` makes it the live page of `hortus serve`."""
    lists = lists or Lists()
    folder = posixpath.dirname(page_path)
    page = _Page(garden, folder, catalogue(language), rows or Rows(), served)
    page.lists = lists
    if lists.back:
        page.kind += " full"  # its plants' rows are the compact ones
    cat = page.cat
    name = cat.t("full.title") if lists.back else cat.t("title")
    title = f"{name} · {cat.date(garden.today)}"
    header = cat.t(
        "tended_for", **words.today_label(garden, cat), summary=words.summary(garden, cat)
    )
    back = ""
    if lists.back:
        back = f'<p><a href="{page.href(lists.back)}">{escape(cat.t("full.back"))}</a></p>'
    found = outline.records(garden)
    new = outline.is_new(garden)
    keys = [k for k in outline.ORDER if k in _MAKERS and outline.shows(k, found, new)]
    body = [
        f"<header><h1>{escape(name)}</h1>{back}<p>{escape(header)}</p></header>",
        *([served.top()] if served else []),
        page.contents(keys, found),
        "<main>",
        *([page.welcome()] if new else []),
        *(page.chart() if key == "chart" else page.section(key, found[key]) for key in keys),
        "</main>",
    ]
    return "\n".join(
        [
            HTML_MARKER,
            "<!DOCTYPE html>",
            f'<html lang="{cat.code}">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{page.csp}">',
            f'<meta name="referrer" content="{page.referrer}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>{CSS}</style>",
            *([served.head()] if served else []),
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


_EMPTY = {
    "gestures": "gestures.empty",
    "unresolved": "unresolved.empty",
    "problems": "problems.empty",
}
_WIDE = frozenset({"gestures", "everyone", "problems", "unresolved"})  # across both columns


class _Page:
    lists: Lists = Lists()

    def __init__(
        self, garden: Garden, folder: str, cat: Catalogue, rows: Rows, served: Served | None
    ) -> None:
        self.garden = garden
        self.folder = folder
        self.cat = cat
        self.rows = rows
        self.served = served
        self.kind = f"html {cat.code} {folder}" + (f" {served.kind}" if served else "")
        self.csp = served.csp if served else CSP
        self.referrer = served.referrer if served else "no-referrer"

    def section(self, key: str, records: Sequence[Any]) -> str:
        # Today's gestures are a short list already (`daily_gestures`).
        shown, more = (records, 0) if key == "gestures" else self.lists.cut(records, key)
        items = [f"<li>{item}</li>" for item in _MAKERS[key](self, shown)]
        if more:
            items.append(f'<li class="more">{self.more(key, more)}</li>')
        tag = "ol" if key == "gestures" else "ul"
        lead = escape(self.cat.t(key + ".lead"))
        title = escape(self.cat.t(key))
        head = f'<section id="{key}"><h2>{title}</h2><p class="lead">{lead}</p>'
        if items:
            head, tail = f"{head}<{tag}>", f"</{tag}></section>"
        else:
            empty = escape(self.cat.t(_EMPTY.get(key, "empty")))
            head, tail = f'{head}<p class="empty">{empty}</p></section>', ""
        if self.served:
            self.served.section(key, head, items, tail)
        return head + "".join(items) + tail

    def more(self, key: str, count: int) -> str:
        text = escape(self.cat.t("more", count=count))
        if self.lists.full is None:
            return f'<span class="meta">{text}</span>'
        see = escape(self.cat.t("more.link"))
        return f'{text} · <a href="{self.href(self.lists.full)}#{key}">{see}</a>'

    def contents(self, keys: Sequence[str], found: Mapping[str, Sequence[object]]) -> str:
        """The table of contents: each section with something in it, and its count."""
        links = [
            f'<li><a href="#{key}">{escape(self.cat.t(key))}</a>'
            f' <span class="count">{len(found[key])}</span></li>'
            for key in keys
            if found.get(key) and key != "chart"
        ]
        label = escape(self.cat.t("contents"))
        return f'<nav id="contents" aria-label="{label}"><ul>{"".join(links)}</ul></nav>'

    def welcome(self) -> str:
        cat = self.cat
        steps = [
            cat.t("welcome.add", command="\0"),
            cat.t("welcome.import", command="\0"),
            cat.t("welcome.log", example="\1", command="\0"),
        ]
        commands = [
            (words.WELCOME_ADD,),
            (words.WELCOME_IMPORT,),
            (cat.t("welcome.log_command"), cat.t("welcome.example")),
        ]
        items = "".join(
            f"<li>{_with_code(step, codes)}</li>"
            for step, codes in zip(steps, commands, strict=True)
        )
        html = (
            f'<section id="welcome"><h2>{escape(cat.t("welcome"))}</h2>'
            f'<p class="lead">{escape(cat.t("welcome.lead"))}</p><ol>{items}</ol></section>'
        )
        if self.served:
            self.served.section("welcome", html, [], "")
        return html

    def href(self, path: str) -> str:
        """A note's or a page's address (in the served page, only the pages are asked for)."""
        if self.served:
            return escape(self.served.page_href(path))
        return _href(path, self.folder)

    def who(self, contact: Contact) -> str:
        served = self.served
        href = escape(served.person_href(contact)) if served else self.href(contact.path)
        return f'<a class="who" href="{href}">{escape(contact.name)}</a>'

    def where(self, source: Source) -> str:
        label = escape(f"{source.path}:{source.line}")
        if self.served is None:
            return f'<a class="src" href="{self.href(source.path)}">{label}</a>'
        href = self.served.source_href(source)
        if href is None:
            return f'<span class="src">{label}</span>'
        return f'<a class="src" href="{escape(href)}">{label}</a>'

    def gestures(self, gestures: Iterable[Gesture]) -> list[str]:
        cat = self.cat
        return [
            f'<span class="kind {g.kind}">{escape(words.kind_label(g, cat))}</span> '
            f'<strong class="do">{escape(words.suggestion(g, cat))}</strong> '
            f'<span class="meta">{self.who(g.contact)} · {self.where(g.source)}</span>'
            f"{self.acts(g.contact, g.kind)}" + (self.served.gesture(g) if self.served else "")
            for g in gestures
        ]

    def acts(self, contact: Contact, kind: GestureKind | None = None) -> str:
        """Call, text and e-mail links a phone can act on, when the contact has the fields."""
        found = [
            f'<a href="{escape(url)}">{escape(label)}</a>'
            for label, url in actions(contact, self.cat, kind)
        ]
        return f' <span class="act">{" · ".join(found)}</span>' if found else ""

    def key_moments(self, news: Iterable[KeyMoment | AskAfter]) -> list[str]:
        """The moments to answer and the events to ask after."""
        return [self.moment(m) if isinstance(m, KeyMoment) else self.ask(m) for m in news]

    def moment(self, m: KeyMoment) -> str:
        return (
            f'{self.who(m.contact)} <span class="meta">{escape(self.cat.date(m.date))}'
            + (f" · {escape(words.moment_kind(m.kind, self.cat))}" if m.kind else "")
            + f"</span><br>{inline_html(m.text)} {self.where(m.source)}"
        )

    def ask(self, a: AskAfter) -> str:
        cat = self.cat
        return (
            f'{self.who(a.contact)} <span class="meta">{escape(cat.date(a.date))}'
            f" · {escape(cat.t('ask'))}</span><br>{inline_html(a.text)} {self.where(a.source)}"
        )

    def birthdays(self, birthdays: Iterable[BirthdaySoon]) -> list[str]:
        cat = self.cat
        items = []
        for b in birthdays:
            details = words.date_details(b, cat)
            when = f"{cat.day_month(b.date)} · {words.in_days(b.in_days, cat)} · {details}"
            items.append(f'{self.who(b.contact)} <span class="meta">{escape(when)}</span>')
        return items

    def promises(self, promises: Iterable[OpenPromise]) -> list[str]:
        cat = self.cat
        items = []
        for p in promises:
            due = cat.t("due_on", date=cat.date(p.due)) if p.due else cat.t("no_due")
            flag = f' <span class="flag">{escape(cat.t("overdue"))}</span>' if p.overdue else ""
            items.append(
                cat.t("labelled", label=self.who(p.contact), text=inline_html(p.text)) + " "
                f'<span class="meta">{escape(due)}</span>{flag} {self.where(p.source)}'
                + (self.served.promise(p) if self.served else "")
            )
        return items

    def renew(self, promises: Iterable[OpenPromise]) -> list[str]:
        """One plain line each (a vault of ten years of tasks has tens of thousands), kept
        between the watcher's renders like the plants' rows (the served page's forms are not:
        they carry the file's bytes as shown)."""
        served = self.served
        return [
            self.rows.row(p, self.kind, self._renew) + (served.promise(p) if served else "")
            for p in promises
        ]

    def _renew(self, promise: OpenPromise) -> str:
        cat = self.cat
        text = escape(words.plain(promise.text))
        age = escape(words.promise_age(promise, cat))
        label = cat.t("labelled", label=self.who(promise.contact), text=text)
        return f'{label} <span class="meta">{age}</span> {self.where(promise.source)}'

    def thanks_owed(self, thanks: Iterable[ThanksOwed | IntroGrown]) -> list[str]:
        """The thanks owed, and introducers to tell how a relationship they started has grown."""
        return [self.thanks(t) if isinstance(t, ThanksOwed) else self.grown(t) for t in thanks]

    def thanks(self, t: ThanksOwed) -> str:
        return (
            f'{self.who(t.contact)} <span class="meta">{escape(self.cat.date(t.date))}</span>'
            f"<br>{inline_html(t.text)} {self.where(t.source)}"
        )

    def grown(self, g: IntroGrown) -> str:
        return (
            f'{self.who(g.contact)} <span class="meta">{escape(self.cat.date(g.date))}</span>'
            f"<br>{escape(words.suggestion_for(g, self.cat))} {self.where(g.source)}"
        )

    def give_back(self, items: Iterable[GiveBack]) -> list[str]:
        return [self.who(g.contact) for g in items]

    def rediscover(self, picks: Iterable[Rediscover]) -> list[str]:
        cat = self.cat
        items = []
        for r in picks:
            when = cat.date(r.last_interaction) if r.last_interaction else cat.t("never_met")
            item = f'{self.who(r.contact)} <span class="meta">{escape(when)}</span>'
            if r.starter:
                item += "<br>" + escape(cat.t("last_time", text="")) + inline_html(r.starter)
            items.append(item)
        return items

    def drifting(self, drifting: Iterable[Drifting]) -> list[str]:
        cat = self.cat
        items = []
        for d in drifting:
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

    def breathe(self, items: Iterable[Breathe]) -> list[str]:
        cat = self.cat
        return [
            f'{self.who(b.contact)} <span class="meta">'
            f"{escape(cat.t('in_last_30', count=cat.n('interactions', b.recent)))}</span>"
            for b in items
        ]

    def resting(self, items: Iterable[Resting]) -> list[str]:
        cat = self.cat
        return [
            f'{self.who(r.contact)} <span class="meta">'
            + escape(cat.t("until", date=cat.date(r.until)) if r.until else cat.t("until_further"))
            + "</span>"
            for r in items
        ]

    def plants(self, plants: Iterable[Plant]) -> list[str]:
        return [self.plant(p) for p in plants]

    def everyone(self, plants: Iterable[Plant]) -> list[str]:
        return [self.plant(p) + self.met_through(p.contact) for p in plants]

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
        make = self._compact if self.lists.back else self._plant
        return self.rows.row(plant, self.kind, make)

    def _compact(self, plant: Plant) -> str:
        """A plant on the page of full lists: one line, no chart and no links, so that ten
        thousand people (each in two lists) stay a page a browser opens at once."""
        cat = self.cat
        state = f'<span class="state {plant.state}">{escape(words.state(plant, cat))}</span>'
        detail = f"{words.last_contact(plant, cat)} · {words.rhythm(plant, cat)}"
        return f'{self.who(plant.contact)} {state} <span class="meta">{escape(detail)}</span>'

    def _plant(self, plant: Plant) -> str:
        cat = self.cat
        state = f'<span class="state {plant.state}">{escape(words.state(plant, cat))}</span>'
        detail = f"{words.last_contact(plant, cat)} · {words.rhythm(plant, cat)}"
        links = self.links(plant.contact)
        return (
            f'<div class="row">{self.who(plant.contact)} {state}{self.spark(plant)}</div>'
            f'<span class="meta">{escape(detail)}</span>{links}{self.acts(plant.contact)}'
        )

    def spark(self, plant: Plant) -> str:
        """The last twelve months as bars, with their scale in words; a flat year in words
        alone (a line of empty bars says nothing to a reader)."""
        cat = self.cat
        count = sum(plant.monthly)
        if count == 0:
            return f'<span class="months scale">{escape(cat.t("spark.none"))}</span>'
        label = cat.t("sparkline", name=plant.contact.name, count=cat.n("interactions", count))
        top = escape(cat.t("spark.top", count=max(plant.monthly)))
        bars = sparkline(plant.monthly, label)
        return f'<span class="months">{bars}<span class="scale">{top}</span></span>'

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
        html = (
            f'<section id="chart"><h2>{escape(cat.t("chart"))}</h2>'
            f'<p class="lead">{escape(cat.t("chart.lead"))}</p>{svg}</section>'
        )
        if self.served:
            self.served.section("chart", html, [], "")
        return html

    def unresolved(self, groups: Iterable[list[Unresolved]]) -> list[str]:
        items = []
        for found in groups:
            places = ", ".join(self.where(u.source) for u in found)
            if found[0].suggestion:
                places += " · " + self.cat.t("unresolved.suggest", name=escape(found[0].suggestion))
            items.append(self.cat.t("labelled", label=escape(found[0].target), text=places))
        return items

    def problems(self, problems: Iterable[Problem]) -> list[str]:
        return [f"{self.where(p.source)}: {escape(self.cat.say(p.said))}" for p in problems]


@lru_cache(maxsize=65_536)  # a page links each contact's file many times (its rows, its promises)
def _href(path: str, folder: str) -> str:
    target = posixpath.relpath(path, folder) if folder else path
    return escape(quote(target))


def _with_code(text: str, codes: tuple[str, ...]) -> str:
    """`text` escaped, its markers `\\0` and `\\1` made into the given commands as code."""
    out = escape(text)
    for marker, code in zip(("\0", "\1"), codes, strict=False):
        out = out.replace(marker, f"<code>{escape(code)}</code>")
    return out


_MAKERS: dict[str, Callable[[_Page, Sequence[Any]], list[str]]] = {
    "gestures": _Page.gestures,
    "needs_watering": _Page.plants,
    "key_moments": _Page.key_moments,
    "birthdays": _Page.birthdays,
    "promises": _Page.promises,
    "thanks_owed": _Page.thanks_owed,
    "due_soon": _Page.plants,
    "give_back": _Page.give_back,
    "drifting": _Page.drifting,
    "rediscover": _Page.rediscover,
    "renew_or_release": _Page.renew,
    "breathe": _Page.breathe,
    "resting": _Page.resting,
    "chart": lambda page, records: [],
    "everyone": _Page.everyone,
    "unresolved": _Page.unresolved,
    "problems": _Page.problems,
}
