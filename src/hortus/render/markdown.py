"""`Garden` → GARDEN.md: readable in any editor, on GitHub and in Obsidian, stable byte for byte."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from itertools import groupby
from urllib.parse import quote

from hortus.core.model import Contact, Problem, Source, Unresolved
from hortus.garden import Garden, GestureKind, Plant
from hortus.index import fold
from hortus.render import words
from hortus.render.actions import actions
from hortus.render.i18n import Catalogue, catalogue
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
    garden: Garden, garden_path: str, language: str = "en", rows: Rows | None = None
) -> str:
    """The garden page; `garden_path` (vault-relative) makes every link relative to the page;
    `rows` keeps the plants' lines between renders (the watcher)."""
    page = _Page(garden, posixpath.dirname(garden_path), catalogue(language), rows or Rows())
    cat = page.cat
    summary = words.summary(garden, cat)
    parts = [
        MARKER,
        f"# {cat.t('title')}",
        f"_{cat.t('tended_for', **words.today_label(garden, cat), summary=summary)}_",
        *page.section("gestures", page.gestures(), "gestures.empty"),
        *page.section("key_moments", page.news()),
        *page.section("birthdays", page.birthdays()),
        *page.section("promises", page.promises()),
        *page.section("thanks_owed", page.thanks_owed() + page.intro_grown()),
        *page.section("give_back", page.give_back()),
        *page.section("rediscover", page.rediscover()),
        *page.section("drifting", page.drifting()),
        *page.section("breathe", page.breathe()),
        *page.section("resting", page.resting()),
        *page.section("needs_watering", page.plants(garden.needs_watering)),
        *page.section("due_soon", page.plants(garden.due_soon)),
        *page.section("seedlings", page.seedlings()),
        *page.section("thriving", page.plants(garden.thriving)),
        *page.section("unresolved", page.unresolved(garden.unresolved), "unresolved.empty"),
        *page.section("problems", page.problems(garden.problems), "problems.empty"),
    ]
    return "\n\n".join(parts) + "\n"


class _Page:
    def __init__(self, garden: Garden, folder: str, cat: Catalogue, rows: Rows) -> None:
        self.garden = garden
        self.folder = folder
        self.cat = cat
        self.rows = rows
        self.kind = f"md {cat.code} {folder}"

    def section(self, key: str, items: list[str], empty: str = "empty") -> list[str]:
        body = "\n".join(items) if items else f"_{self.cat.t(empty)}_"
        return [f"## {self.cat.t(key)}", f"_{self.cat.t(key + '.lead')}_", body]

    def who(self, contact: Contact) -> str:
        return link(contact.name, contact.path, self.folder)

    def where(self, source: Source) -> str:
        return link(f"{source.path}:{source.line}", source.path, self.folder)

    def seedlings(self) -> list[str]:
        named, more = words.named_seedlings(self.garden)
        extra = [f"- _{self.cat.t('seedlings.more', count=more)}_"] if more else []
        return self.plants(named) + extra

    def gestures(self) -> list[str]:
        return [
            f"{number}. **{escape(words.suggestion(g, self.cat))}** · "
            f"{self.who(g.contact)} · {self.where(g.source)}{self.acts(g.contact, g.kind)}"
            for number, g in enumerate(self.garden.gestures, start=1)
        ]

    def acts(self, contact: Contact, kind: GestureKind | None = None) -> str:
        """` · [call](tel:…) · [text](sms:…) · [e-mail](mailto:…)` when the contact has them."""
        return "".join(
            f" · [{escape(label)}]({url})" for label, url in actions(contact, self.cat, kind)
        )

    def key_moments(self) -> list[str]:
        cat = self.cat
        return [
            f"- {cat.date(m.date)} · {self.who(m.contact)}"
            + (f" · *{escape(words.moment_kind(m.kind, cat))}*" if m.kind else "")
            + f" · {escape(words.plain(m.text))} · {self.where(m.source)}"
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
            f"- {cat.date(a.date)} · {self.who(a.contact)} · *{escape(cat.t('ask'))}*"
            + f" · {escape(words.plain(a.text))} · {self.where(a.source)}"
            for a in self.garden.ask_after
        ]

    def birthdays(self) -> list[str]:
        cat = self.cat
        lines = []
        for b in self.garden.birthdays:
            details = escape(words.date_details(b, cat))
            when = words.in_days(b.in_days, cat)
            lines.append(f"- {cat.day_month(b.date)} · {self.who(b.contact)} · {when} · {details}")
        return lines

    def promises(self) -> list[str]:
        cat = self.cat
        lines = []
        shown, more = words.listed_promises(self.garden)
        for p in shown:
            due = cat.t("due_on", date=cat.date(p.due)) if p.due else cat.t("no_due")
            due += f" · **{cat.t('overdue')}**" if p.overdue else ""
            text = escape(words.plain(p.text))
            item = cat.t("labelled", label=self.who(p.contact), text=text)
            lines.append(f"- {item} · {due} · {self.where(p.source)}")
        return lines + ([f"- _{escape(cat.t('promises.more', count=more))}_"] if more else [])

    def thanks_owed(self) -> list[str]:
        return [
            f"- {self.cat.date(t.date)} · "
            + self.cat.t("labelled", label=self.who(t.contact), text=escape(words.plain(t.text)))
            + f" · {self.where(t.source)}"
            for t in self.garden.thanks_owed
        ]

    def intro_grown(self) -> list[str]:
        """Introducers to tell how a relationship they started has grown."""
        cat = self.cat
        return [
            f"- {cat.date(g.date)} · {self.who(g.contact)} · "
            + escape(words.suggestion_for(g, cat))
            + f" · {self.where(g.source)}"
            for g in self.garden.intro_grown
        ]

    def give_back(self) -> list[str]:
        return [f"- {self.who(g.contact)}" for g in self.garden.give_back]

    def breathe(self) -> list[str]:
        cat = self.cat
        return [
            f"- {self.who(b.contact)} · "
            + cat.t("in_last_30", count=cat.n("interactions", b.recent))
            for b in self.garden.breathe
        ]

    def rediscover(self) -> list[str]:
        cat = self.cat
        lines = []
        for r in self.garden.rediscover:
            when = cat.date(r.last_interaction) if r.last_interaction else cat.t("never_met")
            line = f"- {self.who(r.contact)} · {when}"
            if r.starter:
                line += " · " + cat.t("last_time", text=escape(words.plain(r.starter)))
            lines.append(line)
        return lines

    def drifting(self) -> list[str]:
        cat = self.cat
        lines = []
        for d in self.garden.drifting:
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

    def resting(self) -> list[str]:
        cat = self.cat
        return [
            f"- {self.who(r.contact)} · "
            + (cat.t("until", date=cat.date(r.until)) if r.until else cat.t("until_further"))
            for r in self.garden.resting
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

    def unresolved(self, unresolved: Iterable[Unresolved]) -> list[str]:
        lines = []
        for _, group in groupby(unresolved, key=lambda u: fold(u.target)):
            items = list(group)
            places = ", ".join(self.where(u.source) for u in items)
            if items[0].suggestion:
                places += " · " + self.cat.t("unresolved.suggest", name=escape(items[0].suggestion))
            lines.append("- " + self.cat.t("labelled", label=escape(items[0].target), text=places))
        return lines

    def problems(self, problems: Iterable[Problem]) -> list[str]:
        return [f"- {self.where(p.source)}: {escape(p.message)}" for p in problems]


def link(text: str, path: str, folder: str) -> str:
    target = posixpath.relpath(path, folder) if folder else path
    return f"[{escape(text)}]({quote(target)})"


def escape(text: str) -> str:
    """Markdown-safe inline text: punctuation escaped, line breaks flattened, and no comment,
    math or autolink made of it (see `_SCHEME_RE`)."""
    text = _ESCAPE_RE.sub(r"\\\1", " ".join(text.split()))
    return _WWW_RE.sub(r"\1\\.", _SCHEME_RE.sub(r"\\:", text))
