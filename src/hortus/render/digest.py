"""`Digest` → what `hortus digest` prints: plain text (for cron's mail), Markdown, or JSON.

Text and Markdown are empty when the digest is (so cron sends no mail on a quiet day); JSON is
always a document, its lists empty then. Every line fits the digest's caps: at most 24.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from hortus.garden.digest import Coming, ComingKind, Digest
from hortus.garden.records import KeyMoment
from hortus.render import words
from hortus.render.i18n import Catalogue, catalogue

FORMATS = ("text", "markdown", "json")


def render_digest(digest: Digest, fmt: str, language: str = "en") -> str:
    if fmt == "json":
        return json.dumps(digest_document(digest, language), ensure_ascii=False, indent=2) + "\n"
    if digest.empty:
        return ""
    cat = catalogue(language)
    markdown = fmt == "markdown"
    heading: Callable[[str], str] = (lambda t: f"## {t}") if markdown else (lambda t: t)
    title = cat.t("digest.title", date=cat.date(digest.today))
    sections = [[f"# {title}" if markdown else title]]
    if digest.gestures:
        sections.append([heading(cat.t("gestures")), *_gestures(digest, cat)])
    if digest.coming:
        days = cat.t("digest.coming", days=cat.n("days", digest.days))
        sections.append([heading(days), *_coming(digest, cat)])
    if digest.moments:
        sections.append([heading(cat.t("digest.unanswered")), *_moments(digest, cat)])
    return "\n\n".join("\n".join(section) for section in sections) + "\n"


def _gestures(digest: Digest, cat: Catalogue) -> list[str]:
    return [
        f"{number}. {words.suggestion(g, cat)} · {g.source.path}:{g.source.line}"
        for number, g in enumerate(digest.gestures, start=1)
    ]


def _coming(digest: Digest, cat: Catalogue) -> list[str]:
    lines = [
        f"- {cat.day_month(c.date)} · {coming_text(c, cat)} · {c.source.path}:{c.source.line}"
        for c in digest.coming
    ]
    return lines + _more(digest.coming_more, cat)


def _moments(digest: Digest, cat: Catalogue) -> list[str]:
    lines = [
        f"- {cat.day_month(m.date)} · {_moment_text(m, cat)} · {m.source.path}:{m.source.line}"
        for m in digest.moments
    ]
    return lines + _more(digest.moments_more, cat)


def _more(count: int, cat: Catalogue) -> list[str]:
    return [f"- {cat.t('digest.more', count=count)}"] if count else []


def coming_text(item: Coming, cat: Catalogue) -> str:
    """`Ada: birthday · turns 40`, `Promise to Ada: …`, `Planned with Ada, Bob: …`."""
    name = item.contacts[0].name
    if item.soon is not None:
        return cat.t("labelled", label=name, text=words.date_details(item.soon, cat))
    text = words.plain(item.text)
    if item.kind is ComingKind.PROMISE:
        late = f" ({cat.t('overdue')})" if item.overdue else ""
        return cat.t("digest.promise", name=name, text=text) + late
    names = ", ".join(contact.name for contact in item.contacts)
    return cat.t("digest.plan", names=names, text=text)


def _moment_text(moment: KeyMoment, cat: Catalogue) -> str:
    return cat.t("labelled", label=moment.contact.name, text=words.plain(moment.text))


def digest_document(digest: Digest, language: str = "en") -> dict[str, object]:
    """The documented JSON interface (docs/json.md): keep its keys stable."""
    cat = catalogue(language)
    return {
        "today": digest.today.isoformat(),
        "days": digest.days,
        "gestures": [
            {
                "name": g.contact.name,
                "kind": str(g.kind),
                "suggestion": words.suggestion(g, cat),
                "path": g.source.path,
                "line": g.source.line,
            }
            for g in digest.gestures
        ],
        "coming": [
            {
                "date": c.date.isoformat(),
                "kind": str(c.kind),
                "names": [contact.name for contact in c.contacts],
                "text": coming_text(c, cat),
                "age": c.age,
                "overdue": c.overdue,
                "path": c.source.path,
                "line": c.source.line,
            }
            for c in digest.coming
        ],
        "coming_more": digest.coming_more,
        "moments": [
            {
                "name": m.contact.name,
                "date": m.date.isoformat(),
                "text": m.text,
                "path": m.source.path,
                "line": m.source.line,
            }
            for m in digest.moments
        ],
        "moments_more": digest.moments_more,
    }
