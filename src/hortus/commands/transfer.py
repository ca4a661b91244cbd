"""Files from and for other services: `hortus import` and `hortus export`, composed like the
pipeline (read → pure functions → print or write atomically). The import file is opened here;
the importers and exporters themselves never touch the file system."""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hortus.core.errors import HortusError, ImportFileError, WriteError
from hortus.core.model import Contact
from hortus.core.reasons import os_reason
from hortus.core.said import said
from hortus.exchange.calendar import calendar_events, promise_records
from hortus.exchange.export.csvfile import render_csv
from hortus.exchange.export.ics import render_ics
from hortus.exchange.export.ours import is_our_export
from hortus.exchange.export.vcard import render_vcards
from hortus.exchange.importers import MAX_IMPORT_BYTES, ImportedFile, text_kind, wrong_kind
from hortus.exchange.importers.google import read_google
from hortus.exchange.importers.linkedin import read_linkedin
from hortus.exchange.importers.plan import (
    ImportPlan,
    Progress,
    Written,
    plan_import,
    write_plan,
)
from hortus.exchange.importers.vcard import read_vcards
from hortus.files.atomic import atomic_write
from hortus.files.lock import vault_lock
from hortus.loader.load import load
from hortus.loader.vault import Day, Vault

MAX_CSV_BYTES = 64 * 1024 * 1024  # a CSV is read whole; a vCard file is streamed


@dataclass(frozen=True)
class ImportOutcome:
    plan: ImportPlan
    written: Written | None  # None for a dry run


def import_people(
    vault: Vault,
    kind: str,
    path: Path,
    *,
    display: str,
    circle: str | None,
    write: bool,
    today: dt.date,
    progress: Progress | None = None,
) -> ImportOutcome:
    """Read the file, plan the import against the vault; with `write`, create the files
    under the vault's write lock (the vault is read again inside it), telling `progress`."""
    imported = read_import(kind, path, display)

    def plan(contacts: Sequence[Contact]) -> ImportPlan:
        return plan_import(
            imported,
            display=display,
            kind=kind,
            circle=circle,
            contacts=contacts,
            config=vault.config,
        )

    if not write:
        with load(vault) as loader:
            return ImportOutcome(plan(loader.contacts()), None)
    with vault_lock(vault.root), load(vault) as loader:
        contacts = loader.contacts()
        planned = plan(contacts)
        return ImportOutcome(
            planned, write_plan(vault.root, vault.config, contacts, planned, today, progress)
        )


def read_import(kind: str, path: Path, display: str) -> ImportedFile:
    """The file's people and problems; `ImportFileError` when the file cannot be used at all."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise ImportFileError(display, os_reason(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise ImportFileError(display, said("it is not a regular file"))
    cap = MAX_IMPORT_BYTES if kind == "vcard" else MAX_CSV_BYTES
    if info.st_size > cap:
        raise ImportFileError(
            display, said("it is larger than {size} MiB", size=cap // (1024 * 1024))
        )
    try:
        with open(path, "rb") as stream:
            if kind == "vcard":
                imported = read_vcards(stream, display)
                if imported.records == 0:
                    stream.seek(0)
                    head = stream.read(8192).decode("utf-8-sig", "replace")
                    reason = wrong_kind("vcard", text_kind(head))
                    raise ImportFileError(display, reason or said("there is no BEGIN:VCARD in it"))
                return imported
            data = stream.read(cap + 1)
    except OSError as exc:
        raise ImportFileError(display, os_reason(exc)) from None
    if kind == "linkedin":
        return read_linkedin(data, display)
    if kind == "google":
        return read_google(data, display)
    raise HortusError(said("unknown import kind '{kind}' (linkedin, google or vcard)", kind=kind))


def export_data(vault: Vault, kind: str, day: Day) -> bytes:
    """Every contact as vCard 4.0, the garden's dates as iCalendar (with the promises that
    have a due date, as `regenerate`'s calendar), or the garden as CSV."""
    with load(vault) as loader:
        garden = loader.garden(day)
    if kind == "vcard":
        return render_vcards(plant.contact for plant in garden.plants).encode("utf-8")
    if kind == "ics":
        events = calendar_events(garden, promise_records(garden), vault.config.calendar)
        return render_ics(events, garden.today)
    if kind == "csv":
        return render_csv(garden).encode("utf-8")
    raise HortusError(said("unknown export kind '{kind}' (vcard, ics or csv)", kind=kind))


def write_export(path: Path, data: bytes, kind: str, force: bool = False) -> None:
    """Write an export to a file the user named, atomically; never over a note, never
    through a link, and over an existing file only if it is an export of the same kind that
    hortus wrote (`exchange/export/ours.py`), unless `force`. A CSV file gets a UTF-8 BOM so
    that spreadsheets read it as UTF-8."""
    if path.suffix.lower() == ".md":
        raise WriteError(str(path), said("it is a Markdown note; choose a .vcf, .ics or .csv name"))
    existing = _existing_bytes(path)
    if existing is not None and not force and not is_our_export(kind, existing):
        reason = said(
            "it exists and is not a {kind} export hortus wrote; nothing was written "
            "(choose another name, or add --force to replace it)",
            kind=kind,
        )
        raise WriteError(str(path), reason)
    if kind == "csv":
        data = b"\xef\xbb\xbf" + data
    atomic_write(path, data, display=str(path))


def _existing_bytes(path: Path) -> bytes | None:
    """The file's first bytes (enough to recognise an export), or None if there is none."""
    try:
        with open(path, "rb") as handle:
            return handle.read(4096)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise WriteError(str(path), os_reason(exc)) from exc
