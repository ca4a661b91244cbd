"""The served pages' HTML: garden.html with links to person pages and forms to act, and the
frame (navigation, search box, quick log, messages) every served page shares. Pure functions
of the garden; no web framework here.

Every value from the notes is escaped (`html.escape`) or rendered by `render.snippet`'s safe
Markdown; every address is built from a contact's key, never from text a request sent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from urllib.parse import quote

from hortus.core.model import Contact, Source
from hortus.garden import Garden, Gesture, GestureKind, OpenPromise
from hortus.render.html import render_html
from hortus.render.i18n import Catalogue, catalogue
from hortus.render.outline import Lists, page_lists
from hortus.render.rows import Rows
from hortus.render.words import done_text
from hortus.serve.guard import CSRF_FIELD, META_CSP, REFERRER
from hortus.serve.parts import Parts, Section, with_sections

# Put into each answer, not into the page kept per version (see `personal`).
SAID_MARK = "<!--hortus:said-->"
ONCE_MARK = "hortus:once"
SCRIPT = "/static/serve.js"
EXTRA_CSS = """
nav.serve{max-width:68rem;margin:auto;padding:0 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;
align-items:center}
nav.serve form{display:flex;gap:.4rem;flex:1 1 16rem}
nav.serve input{flex:1;min-width:0}
input,textarea,button{font:inherit}
input[type=text],input[type=search],textarea{padding:.3rem .5rem;border:1px solid var(--line);
border-radius:8px;background:var(--card);color:var(--ink);max-width:100%}
button{padding:.25rem .7rem;border-radius:8px;border:1px solid var(--accent);background:var(--card);
color:var(--accent);cursor:pointer}
button.main{background:var(--accent);color:#fff}
form.act{display:flex;flex-wrap:wrap;gap:.4rem;margin-top:.35rem}
form.act input[type=text]{flex:1 1 14rem;min-width:0}
.said{max-width:68rem;margin:.5rem auto 0;padding:0 1rem}
.said p{margin:0;padding:.5rem .8rem;border-radius:8px;background:#dff0d8;color:#2d6a2d}
.said p.refused{background:#fff3cd;color:#6b5000}
details.log{max-width:68rem;margin:.5rem auto 0;padding:0 1rem}
details.log form{display:grid;gap:.4rem;margin-top:.4rem}
details.log textarea{width:100%;min-height:4rem}
mark{background:#fff3cd;color:inherit}
.card dl{display:grid;grid-template-columns:auto 1fr;gap:.2rem .8rem;margin:0}
.card dt{color:var(--muted)}
.card dd{margin:0;overflow-wrap:anywhere}
main>section{content-visibility:auto;contain-intrinsic-size:auto 40rem}
"""


class ServedPage:
    """`render.html.Served` for the live garden: person pages, forms, the script."""

    kind = "served"
    csp = META_CSP
    referrer = REFERRER

    def __init__(
        self,
        cat: Catalogue,
        csrf: str,
        contacts: Iterable[Contact],
        digests: Mapping[str, str],
        version: int,
    ) -> None:
        self.cat = cat
        self.version = version
        self.sections: dict[str, Section] = {}
        self.csrf = csrf
        self.owners = {contact.path: contact for contact in contacts}
        self.digests = digests

    def head(self) -> str:
        return head(self.version)

    def top(self) -> str:
        return frame(self.cat, self.csrf)

    def person_href(self, contact: Contact) -> str:
        return person_href(contact)

    def page_href(self, page: str) -> str:
        return "/" + page.lstrip("/")  # "all" (the full lists) or "/" (the short page)

    def source_href(self, source: Source) -> str | None:
        owner = self.owners.get(source.path)
        return f"{person_href(owner)}#L{source.line}" if owner else None

    def gesture(self, gesture: Gesture) -> str:
        if gesture.kind is GestureKind.PROMISE and isinstance(gesture.item, OpenPromise):
            return self.promise(gesture.item)
        contact = gesture.contact
        text = done_text(gesture, self.cat)
        label = self.cat.t("serve.done.label", path=contact.path)
        fields = {"key": contact.key, "seen": self.digests.get(contact.path, ""), "back": "/"}
        return (
            '<form class="act" method="post" action="/done" data-hortus>'
            f"{hidden(self.csrf, fields)}"
            f'<input type="text" name="text" value="{escape(text)}" required '
            f'aria-label="{escape(label)}" title="{escape(label)}">'
            f'<button class="main">{escape(self.cat.t("serve.done"))}</button></form>'
        )

    def promise(self, promise: OpenPromise) -> str:
        return promise_form(self.cat, self.csrf, promise, self.digests, "/")

    def section(self, key: str, head: str, rows: list[str], tail: str) -> None:
        self.sections[key] = Section(head, tuple(rows), tail)


FULL = "all"  # the served page of full lists, `/all`


def garden_page(
    garden: Garden,
    language: str,
    csrf: str,
    digests: Mapping[str, str],
    version: int,
    rows: Rows | None = None,
    lists: Lists | None = None,
) -> tuple[bytes, Parts | None]:
    """The served garden page of one version (`personal` finishes it per answer), and its
    parts (for `/changes`), as the renderer reported them. `lists`: as garden.html's (short,
    "…and N more" linking to `/all`), or the full lists (`Lists(back="/")`)."""
    contacts = (p.contact for p in garden.plants)
    served = ServedPage(catalogue(language), csrf, contacts, digests, version)
    rows = rows or Rows()
    text = render_html(garden, "", language, rows, lists, served)
    rows.settle()
    return text.encode(), with_sections(text, served.sections)


def served_lists(limits: Mapping[str, int]) -> tuple[Lists, Lists]:
    """The short page's lists (as garden.html's, "…and N more" linking to `/all`) and the full
    lists' (linking back to `/`)."""
    return page_lists(limits, "/", FULL)


def personal(page: bytes, said: str, once: str) -> bytes:
    """A kept page finished for one answer: its message and its one-time form value."""
    page = page.replace(SAID_MARK.encode(), said.encode(), 1)
    return page.replace(ONCE_MARK.encode(), once.encode(), 1)


def person_href(contact: Contact) -> str:
    return "/person/" + quote(contact.key)


def head(version: int) -> str:
    """The served pages' style and script, and the version of the vault they show (the
    script asks `/events` for any newer one)."""
    return (
        f'<meta name="hortus-version" content="{version}">'
        f'<style>{EXTRA_CSS}</style><script src="{SCRIPT}" defer></script>'
    )


def hidden(csrf: str, fields: Mapping[str, str]) -> str:
    """The form's hidden fields, the CSRF token first."""
    pairs = {CSRF_FIELD: csrf, **fields}
    return "".join(
        f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">' for k, v in pairs.items()
    )


def frame(cat: Catalogue, csrf: str, who: str = "", back: str = "/", query: str = "") -> str:
    """Navigation and search, the message of the last action, and the quick log form."""
    t = cat.t
    who_field = (
        f'<input type="hidden" name="who" value="{escape(who)}">'
        if who
        else f"<label>{escape(t('serve.log.who'))} "
        '<input type="text" name="who" required autocomplete="off"></label>'
    )
    return (
        '<nav class="serve">'
        f'<a href="/">{escape(t("serve.garden"))}</a>'
        '<form method="get" action="/search" role="search">'
        f'<input type="search" name="q" aria-label="{escape(t("serve.search.label"))}" '
        f'placeholder="{escape(t("serve.search.label"))}" value="{escape(query)}">'
        f"<button>{escape(t('serve.search'))}</button></form></nav>"
        f'<div class="said" id="said" role="status" aria-live="polite">{SAID_MARK}</div>'
        f'<details class="log"><summary>{escape(t("serve.log"))}</summary>'
        f'<form method="post" action="/log" data-hortus>'
        f"{hidden(csrf, {'once': ONCE_MARK, 'back': back})}{who_field}"
        f"<label>{escape(t('serve.log.text'))}"
        '<textarea name="text" required></textarea></label>'
        f'<button class="main">{escape(t("serve.log.send"))}</button></form></details>'
    )


def promise_form(
    cat: Catalogue, csrf: str, promise: OpenPromise, digests: Mapping[str, str], back: str
) -> str:
    source = promise.source
    fields = {
        "path": source.path,
        "line": str(source.line),
        "text": promise.text,
        "seen": digests.get(source.path, ""),
        "back": back,
    }
    return (
        f'<form class="act" method="post" action="/promise" data-hortus>{hidden(csrf, fields)}'
        f'<button name="outcome" value="kept">{escape(cat.t("serve.keep"))}</button>'
        f'<button name="outcome" value="let_go">{escape(cat.t("serve.let_go"))}</button></form>'
    )


def said_html(message: str, refused: bool) -> str:
    css = ' class="refused"' if refused else ""
    return f"<p{css}>{escape(message)}</p>"
