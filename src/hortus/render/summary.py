"""The one-line summary shared by `regenerate`, `status` and the garden's header."""

from __future__ import annotations

from hortus.garden import Garden
from hortus.render import plural


def summary(garden: Garden) -> str:
    watering = len(garden.needs_watering)
    return ", ".join(
        (
            plural(len(garden.plants), "contact"),
            f"{watering} {'needs' if watering == 1 else 'need'} watering",
            plural(len(garden.problems), "problem"),
        )
    )


def today_label(garden: Garden) -> str:
    pinned = " (date pinned in hortus.toml)" if garden.today_pinned else ""
    return f"{garden.today.isoformat()}{pinned}"
