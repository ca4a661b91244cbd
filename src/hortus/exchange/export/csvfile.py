"""One CSV row per contact with the garden's fields (the stdlib `csv`). A cell that starts
with `=`, `+`, `-`, `@` (or a tab or carriage return) is prefixed with `'`, so a spreadsheet
shows it as text instead of running it as a formula (OWASP's CSV injection advice)."""

from __future__ import annotations

import csv
import io

from hortus.exchange.calendar import next_watering
from hortus.exchange.export.vcard import field_values
from hortus.garden import Garden, Plant

COLUMNS = (
    "name",
    "path",
    "circle",
    "cadence_days",
    "state",
    "last_interaction",
    "days_since",
    "thirst",
    "next_watering",
    "interactions",
    "birthday",
    "email",
    "phone",
    "company",
    "role",
    "aliases",
    "tags",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render_csv(garden: Garden) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for plant in garden.plants:
        writer.writerow([neutralise(cell) for cell in _row(plant, garden)])
    return out.getvalue()


def _row(plant: Plant, garden: Garden) -> list[str]:
    contact = plant.contact
    watering = next_watering(plant, garden.today)
    return [
        contact.name,
        contact.path,
        contact.circle,
        str(contact.cadence_days),
        str(plant.state),
        plant.last_interaction.isoformat() if plant.last_interaction else "",
        "" if plant.days_since is None else str(plant.days_since),
        "" if plant.thirst_rounded is None else str(plant.thirst_rounded),
        watering.isoformat() if watering else "",
        str(plant.interactions),
        contact.birthday or "",
        "; ".join(field_values(contact, "email", "emails")),
        "; ".join(field_values(contact, "phone", "phones")),
        "; ".join(field_values(contact, "company")),
        "; ".join(field_values(contact, "role")),
        "; ".join(contact.aliases),
        "; ".join(contact.tags),
    ]


def neutralise(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell
