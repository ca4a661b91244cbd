"""Pure exports: the vault's contacts and the garden's dates as vCard, iCalendar and CSV text.
They never touch the file system; `pipeline.py` writes or prints what they return."""

from __future__ import annotations

KINDS = ("vcard", "ics", "csv")
