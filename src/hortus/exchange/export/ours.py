"""Whether an existing file is an export hortus wrote, so that `export -o` may replace it.

`export -o FILE` replaces FILE only when it is empty or holds an export of the same kind
that hortus wrote (its PRODID for vCard and iCalendar, its header row for CSV); anything
else (`hortus.toml`, `garden.html`, a note, a spreadsheet of the user's) needs `--force`.
"""

from __future__ import annotations

from hortus.exchange.export.csvfile import COLUMNS
from hortus.exchange.export.ics import is_our_calendar
from hortus.exchange.vcf import PRODID as VCARD_PRODID

CSV_BOM = b"\xef\xbb\xbf"


def is_our_export(kind: str, data: bytes) -> bool:
    if not data:
        return True  # nothing to lose
    if kind == "ics":
        return is_our_calendar(data)
    if kind == "vcard":
        head = data[:1024].replace(b"\r\n", b"\n").split(b"\n")[:8]
        return f"PRODID:{VCARD_PRODID}".encode() in head
    if kind == "csv":
        header = ",".join(COLUMNS).encode()
        return data.removeprefix(CSV_BOM).split(b"\n", 1)[0].rstrip(b"\r") == header
    return False
