"""`Garden` → GARDEN.md: readable in any editor, on GitHub and in Obsidian, stable byte for byte."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import quote

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
from hortus.render import outline, words
from hortus.render.actions import actions
from hortus.render.i18n import Catalogue, catalogue
from hortus.render.outline import Lists
from hortus.render.rows import Rows

MARKER = "<!-- hortus: generated garden. Edits here are replaced at the next regenerate. -->"
_ESCAPE_RE = re.compile(r"([\\`*_\[\]<>#|~!&%$@])")
# What GitHub and Obsidian would otherwise read in a user's text: `%%` opens an Obsidian
# comment (unclosed, it hides the rest of the page), `$…$` is math, and GFM autolinks
# `scheme://…`, `www.…` and `name@domain` (the `%`, `$` and `@` are escaped above; a bare
# `example.com` is not a link in GFM). A backslash keeps each one plain text.
_SCHEME_RE = re.compile(r":(?=//)")
_WWW_RE = re.compile(r"\b(www)\.", re.IGNORECASE)


def is_generated(first_line: str) -> bool:
    return first_line.strip() == MARKER


def render_markdown(
    garden: Garden,
    garden_path: str,
    language: str = "en",
    rows: Rows | None = None,
    lists: Lists | None = None,
) -> str:
    """The garden page; `garden_path` (vault-relative) makes every link relative to the page;
    `rows` keeps the plants' lines between renders (the watcher); `lists` says how long each
    section is and where its full list is (default: every item, no link)."""
    lists = lists or Lists()
    page = _Page(garden, posixpath.dirname(garden_path), catalogue(language), rows or Rows())
    page.lists = lists
    cat = page.cat
    summary = words.summary(garden, cat)
    title = cat.t("full.title") if lists.back else cat.t("title")
    parts = [MARKER, f"# {escape(title)}"]
    if lists.back:
        parts.append(link(cat.t("full.back"), lists.back, page.folder))
    parts.append(f"_{cat.t('tended_for', **words.today_label(garden, cat), summary=summary)}_")
    new = outline.is_new(garden)
    if new:
        parts += page.welcome()
    found = outline.records(garden)
    for key in outline.ORDER:
        if key in _MAKERS and outline.shows(key, found, new):
            parts += page.section(key, found[key], _EMPTY.get(key, "empty"))
    return "\n\n".join(parts) + "\n"


_EMPTY = {
    "gestures": "gestures.empty",
    "unresolved": "unresolved.empty",
    "problems": "problems.empty",
}


class _Page:
    lists: Lists = Lists()

    def __init__(self, garden: Garden, folder: str, cat: Catalogue, rows: Rows) -> None:
        self.garden = garden
        self.folder = folder
        self.cat = cat
        self.rows = rows
        self.kind = f"md {cat.code} {folder}"

    def section(self, key: str, records: Sequence[Any], empty: str = "empty") -> list[str]:
        # Today's gestures are a short list already (`daily_gestures`).
        shown, more = (records, 0) if key == "gestures" else self.lists.cut(records)
        items = _MAKERS[key](self, shown)
        if more:
            items.append(self.more(key, more))
        body = "\n".join(items) if items else f"_{self.cat.t(empty)}_"
        return [f"## {self.cat.t(key)}", f"_{self.cat.t(key + '.lead')}_", body]

    def more(self, key: str, count: int) -> str:
        text = escape(self.cat.t("more", count=count))
        if self.lists.full is None:
            return f"- _{text}_"
        anchor = "#" + outline.slug(self.cat.t(key))
        target = link(self.cat.t("more.link"), self.lists.full, self.folder)
        return f"- _{text}_ · {target[:-1]}{anchor})"

    def welcome(self) -> list[str]:
        cat = self.cat
        steps = [
            cat.t("welcome.add", command=f"`{words.WELCOME_ADD}`"),
            cat.t("welcome.import", command=f"`{words.WELCOME_IMPORT}`"),
            cat.t(
                "welcome.log",
                example=f"`{cat.t('welcome.example')}`",
                command=f"`{cat.t('welcome.log_command')}`",
            ),
        ]
        body = "\n".join(f"{n}. {step}" for n, step in enumerate(steps, start=1))
        return [f"## {cat.t('welcome')}", f"_{cat.t('welcome.lead')}_", body]

    def who(self, contact: Contact) -> str:
        return link(contact.name, contact.path, self.folder)

    def where(self, source: Source) -> str:
        return link(f"{source.path}:{source.line}", source.path, self.folder)

    def gestures(self, gestures: Iterable[Gesture]) -> list[str]:
        return [
            f"{number}. **{escape(words.suggestion(g, self.cat))}** · "
            f"{self.who(g.contact)} · {self.where(g.source)}{self.acts(g.contact, g.kind)}"
            for number, g in enumerate(gestures, start=1)
        ]

    def acts(self, contact: Contact, kind: GestureKind | None = None) -> str:
        """` · [call](tel:…) · [text](sms:…) · [e-mail](mailto:…)` when the contact has them."""
        return "".join(
            f" · [{escape(label)}]({url})" for label, url in actions(contact, self.cat, kind)
        )

    def key_moments(self, news: Iterable[KeyMoment | AskAfter]) -> list[str]:
        """The moments to answer and the events to ask after."""
        return [self.moment(m) if isinstance(m, KeyMoment) else self.ask(m) for m in news]

    def moment(self, m: KeyMoment) -> str:
        return (
            f"- {self.cat.date(m.date)} · {self.who(m.contact)}"
            + (f" · *{escape(words.moment_kind(m.kind, self.cat))}*" if m.kind else "")
            + f" · {escape(words.plain(m.text))} · {self.where(m.source)}"
        )

    def ask(self, a: AskAfter) -> str:
        cat = self.cat
        return (
            f"- {cat.date(a.date)} · {self.who(a.contact)} · *{escape(cat.t('ask'))}*"
            + f" · {escape(words.plain(a.text))} · {self.where(a.source)}"
        )

    def birthdays(self, birthdays: Iterable[BirthdaySoon]) -> list[str]:
        cat = self.cat
        lines = []
        for b in birthdays:
            details = escape(words.date_details(b, cat))
            when = words.in_days(b.in_days, cat)
            lines.append(f"- {cat.day_month(b.date)} · {self.who(b.contact)} · {when} · {details}")
        return lines

    def promises(self, promises: Iterable[OpenPromise]) -> list[str]:
        cat = self.cat
        lines = []
        for p in promises:
            due = cat.t("due_on", date=cat.date(p.due)) if p.due else cat.t("no_due")
            due += f" · **{cat.t('overdue')}**" if p.overdue else ""
            text = escape(words.plain(p.text))
            item = cat.t("labelled", label=self.who(p.contact), text=text)
            lines.append(f"- {item} · {due} · {self.where(p.source)}")
        return lines

    def renew(self, promises: Iterable[OpenPromise]) -> list[str]:
        return [self.rows.row(p, self.kind, self._renew) for p in promises]

    def _renew(self, promise: OpenPromise) -> str:
        cat = self.cat
        text = escape(words.plain(promise.text))
        item = cat.t("labelled", label=self.who(promise.contact), text=text)
        return f"- {item} · {words.promise_age(promise, cat)} · {self.where(promise.source)}"

    def thanks_owed(self, thanks: Iterable[ThanksOwed | IntroGrown]) -> list[str]:
        """The thanks owed, and introducers to tell how a relationship they started has grown."""
        return [self.thanks(t) if isinstance(t, ThanksOwed) else self.grown(t) for t in thanks]

    def thanks(self, t: ThanksOwed) -> str:
        return (
            f"- {self.cat.date(t.date)} · "
            + self.cat.t("labelled", label=self.who(t.contact), text=escape(words.plain(t.text)))
            + f" · {self.where(t.source)}"
        )

    def grown(self, g: IntroGrown) -> str:
        cat = self.cat
        return (
            f"- {cat.date(g.date)} · {self.who(g.contact)} · "
            + escape(words.suggestion_for(g, cat))
            + f" · {self.where(g.source)}"
        )

    def give_back(self, items: Iterable[GiveBack]) -> list[str]:
        return [f"- {self.who(g.contact)}" for g in items]

    def breathe(self, items: Iterable[Breathe]) -> list[str]:
        cat = self.cat
        return [
            f"- {self.who(b.contact)} · "
            + cat.t("in_last_30", count=cat.n("interactions", b.recent))
            for b in items
        ]

    def rediscover(self, items: Iterable[Rediscover]) -> list[str]:
        cat = self.cat
        lines = []
        for r in items:
            when = cat.date(r.last_interaction) if r.last_interaction else cat.t("never_met")
            line = f"- {self.who(r.contact)} · {when}"
            if r.starter:
                line += " · " + cat.t("last_time", text=escape(words.plain(r.starter)))
            lines.append(line)
        return lines

    def drifting(self, items: Iterable[Drifting]) -> list[str]:
        cat = self.cat
        lines = []
        for d in items:
            gap = cat.t(
                "usual_gap",
                usual=cat.n("days", d.usual_gap_days),
                since=cat.n("days", d.days_since),
            )
            line = f"- {self.who(d.contact)} · {gap}"
            if d.suggested_cadence is not None:
                line += " · " + cat.t("suggest_cadence", days=cat.n("days", d.suggested_cadence))
            lines.append(line)
        return lines

    def resting(self, items: Iterable[Resting]) -> list[str]:
        cat = self.cat
        return [
            f"- {self.who(r.contact)} · "
            + (cat.t("until", date=cat.date(r.until)) if r.until else cat.t("until_further"))
            for r in items
        ]

    def plants(self, plants: Iterable[Plant]) -> list[str]:
        return [self.plant_line(p) for p in plants]

    def plant_line(self, plant: Plant) -> str:
        return self.rows.row(plant, self.kind, self._plant_line)

    def _plant_line(self, plant: Plant) -> str:
        cat = self.cat
        rhythm = words.rhythm(plant, cat)
        acts = self.acts(plant.contact)
        if plant.last_interaction is None:
            return f"- {self.who(plant.contact)} · {rhythm}{acts}"
        state = words.state(plant, cat)
        last = words.last_contact(plant, cat)
        return f"- {self.who(plant.contact)} · *{state}* · {last} · {rhythm}{acts}"

    def unresolved(self, groups: Iterable[list[Unresolved]]) -> list[str]:
        lines = []
        for items in groups:
            places = ", ".join(self.where(u.source) for u in items)
            if items[0].suggestion:
                places += " · " + self.cat.t("unresolved.suggest", name=escape(items[0].suggestion))
            lines.append("- " + self.cat.t("labelled", label=escape(items[0].target), text=places))
        return lines

    def problems(self, problems: Iterable[Problem]) -> list[str]:
        return [f"- {self.where(p.source)}: {escape(self.cat.say(p.said))}" for p in problems]


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
    "seedlings": _Page.plants,
    "thriving": _Page.plants,
    "unresolved": _Page.unresolved,
    "problems": _Page.problems,
}


def link(text: str, path: str, folder: str) -> str:
    return f"[{escape(text)}]({_target(path, folder)})"


@lru_cache(maxsize=65_536)  # a page links each contact's file many times (its rows, its promises)
def _target(path: str, folder: str) -> str:
    return quote(posixpath.relpath(path, folder) if folder else path)


def escape(text: str) -> str:
    """Markdown-safe inline text: punctuation escaped, line breaks flattened, and no comment,
    math or autolink made of it (see `_SCHEME_RE`)."""
    text = _ESCAPE_RE.sub(r"\\\1", " ".join(text.split()))
    return _WWW_RE.sub(r"\1\\.", _SCHEME_RE.sub(r"\\:", text))
