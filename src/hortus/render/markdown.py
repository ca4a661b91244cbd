"""`Garden` → GARDEN.md: readable in any editor, on GitHub and in Obsidian, stable byte for byte."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from itertools import groupby
from urllib.parse import quote

from hortus.garden import Garden, Plant
from hortus.index import fold
from hortus.model import Problem, Unresolved
from hortus.render import plural
from hortus.render.summary import summary, today_label

MARKER = "<!-- hortus: generated garden. Edits here are replaced at the next regenerate. -->"
_ESCAPE_RE = re.compile(r"([\\`*_\[\]<>#|~!&])")


def is_generated(first_line: str) -> bool:
    return first_line.strip() == MARKER


def render_markdown(garden: Garden, garden_path: str) -> str:
    """The garden page; `garden_path` (vault-relative) makes every link relative to the page."""
    folder = posixpath.dirname(garden_path)
    parts = [
        MARKER,
        "# Garden",
        f"_Tended for {today_label(garden)}: {summary(garden)}._",
        *_plants_section(
            "Needs watering",
            "These relationships would love a little water: a message, a call, a coffee.",
            garden.needs_watering,
            folder,
        ),
        *_plants_section(
            "Due soon",
            "Nearly time to reach out; no hurry.",
            garden.due_soon,
            folder,
        ),
        *_plants_section(
            "Seedlings",
            "No contact written down yet. A first hello?",
            garden.seedlings,
            folder,
        ),
        *_plants_section("Thriving", "Doing well: let them breathe.", garden.thriving, folder),
        *_unresolved_section(garden.unresolved, folder),
        *_problems_section(garden.problems, folder),
    ]
    return "\n\n".join(parts) + "\n"


def _plants_section(title: str, lead: str, plants: Iterable[Plant], folder: str) -> list[str]:
    items = [_plant_line(plant, folder) for plant in plants]
    body = "\n".join(items) if items else "_Nobody here today._"
    return [f"## {title}", f"_{lead}_", body]


def _plant_line(plant: Plant, folder: str) -> str:
    contact = plant.contact
    link = _link(contact.name, contact.path, folder)
    rhythm = f"every {plural(contact.cadence_days, 'day')} ({contact.circle})"
    if plant.last_interaction is None:
        return f"- {link} · {rhythm}"
    ago = "today" if plant.days_since == 0 else f"{plural(plant.days_since or 0, 'day')} ago"
    when = f"last contact {plant.last_interaction.isoformat()}, {ago}"
    return f"- {link} · *{plant.state}* · {when} · {rhythm}"


def _unresolved_section(unresolved: Iterable[Unresolved], folder: str) -> list[str]:
    lines = []
    for _, group in groupby(unresolved, key=lambda u: fold(u.target)):
        items = list(group)
        places = ", ".join(
            _link(f"{u.source.path}:{u.source.line}", u.source.path, folder) for u in items
        )
        lines.append(f"- {escape(items[0].target)}: {places}")
    body = "\n".join(lines) if lines else "_Every name has a page._"
    return ["## Names without a page yet", "_People you mention who have no note yet._", body]


def _problems_section(problems: Iterable[Problem], folder: str) -> list[str]:
    lines = [
        f"- {_link(f'{p.source.path}:{p.source.line}', p.source.path, folder)}: {escape(p.message)}"
        for p in problems
    ]
    body = "\n".join(lines) if lines else "_None: every note reads cleanly._"
    return ["## Problems", "_Things hortus could not read as you meant them._", body]


def _link(text: str, path: str, folder: str) -> str:
    target = posixpath.relpath(path, folder) if folder else path
    return f"[{escape(text)}]({quote(target)})"


def escape(text: str) -> str:
    """Markdown-safe inline text: punctuation escaped, line breaks flattened."""
    return _ESCAPE_RE.sub(r"\\\1", " ".join(text.split()))
