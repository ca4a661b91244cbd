"""The phone's address book through a vdir: `hortus export vcard --vdir DIR` (one `UID.vcf` per
contact, see `exchange/export/vdir.py`) and `hortus import vcard DIR --update [--write]` (what
the cards have that the vault does not, see `exchange/update.py`), composed: the folder is read
and written here, the contacts come from the loader, front matter is written by
`person/fields.py`."""

from __future__ import annotations

import io
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from hortus.core.errors import ImportFileError, WriteError
from hortus.core.model import Problem, Source
from hortus.core.reasons import os_reason
from hortus.core.said import said
from hortus.exchange.export.vdir import (
    MANIFEST,
    VdirPlan,
    plan_vdir,
    read_manifest,
    sha,
    vdir_cards,
    write_manifest,
)
from hortus.exchange.importers import ImportedPerson
from hortus.exchange.importers.vcard import read_vcards
from hortus.exchange.update import UpdatePlan, additions_of, plan_update
from hortus.files.atomic import atomic_write
from hortus.files.lock import vault_lock
from hortus.loader.load import load
from hortus.loader.vault import Vault
from hortus.person.fields import Added, add_fields

MAX_VCF_BYTES = 4 * 1024 * 1024  # one contact's card in a vdir (photos included)


@dataclass(frozen=True)
class VdirResult:
    plan: VdirPlan
    removed: tuple[str, ...]


def export_vdir(vault: Vault, folder: Path) -> VdirResult:
    """Write the contacts into `folder` as a vdir; see `exchange/export/vdir.py`."""
    with load(vault) as loader:
        contacts = loader.contacts()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(str(folder), os_reason(exc)) from exc
    # A card that cannot be read is "changed on the other side": never replaced, never removed.
    # (Its stand-in bytes match no card and read as a problem.)
    on_disk = {name: b"\0" if data is None else data for name, data in _vcf_files(folder).items()}
    manifest = read_manifest(_read(folder / MANIFEST))

    def brings_news(name: str, data: bytes) -> bool:
        people, problems = _people(name, data)
        plan = plan_update([(name, p) for p in people], contacts)
        return bool(problems or any(u.missing for u in plan.updates))

    plan = plan_vdir(vdir_cards(contacts), on_disk, manifest, brings_news)
    for name, data in plan.write.items():
        atomic_write(folder / name, data, display=str(folder / name))
    removed = tuple(name for name in plan.remove if _remove_if(folder / name, manifest[name]))
    if plan.manifest != manifest:
        atomic_write(folder / MANIFEST, write_manifest(plan.manifest), display=MANIFEST)
    return VdirResult(plan, removed)


def render_vdir(folder: Path, result: VdirResult, language: str = "en") -> str:
    from hortus.render.i18n import catalogue

    cat = catalogue(language)
    plan = result.plan
    counts = cat.t(
        "vdir.counts",
        folder=folder,
        written=len(plan.write),
        unchanged=plan.unchanged,
        removed=len(result.removed),
    )
    kept = [cat.t("vdir.kept", name=name, folder=folder) for name in plan.kept]
    return "\n".join([counts, *kept]) + "\n"


def _remove_if(path: Path, written: str) -> bool:
    """Remove a card hortus wrote, if it still holds the bytes hortus wrote."""
    data = _read(path)
    if data is None or sha(data) != written:
        return False
    try:
        os.unlink(path)
    except OSError:
        return False
    return True


@dataclass(frozen=True)
class UpdateOutcome:
    plan: UpdatePlan
    problems: tuple[Problem, ...]  # cards that could not be read
    written: tuple[Added, ...] | None  # None for a dry run


def update_from_cards(vault: Vault, path: Path, display: str, *, write: bool) -> UpdateOutcome:
    """Compare the cards in `path` (a vdir folder, or one `.vcf` file) with the contacts; with
    `write`, add the missing values, contact by contact, under the vault's write lock."""
    people, problems = _read_cards(path, display)
    if not write:
        with load(vault) as loader:
            return UpdateOutcome(plan_update(people, loader.contacts()), problems, None)
    with vault_lock(vault.root), load(vault) as loader:
        plan = plan_update(people, loader.contacts())
    # `add_fields` takes the lock itself for each file; the plan was made under it.
    written = tuple(
        add_fields(vault.root, u.contact.path, additions_of(u)) for u in plan.updates if u.missing
    )
    return UpdateOutcome(plan, problems, written)


def _read_cards(
    path: Path, display: str
) -> tuple[list[tuple[str, ImportedPerson]], tuple[Problem, ...]]:
    try:
        is_folder = stat.S_ISDIR(os.stat(path).st_mode)
    except OSError as exc:
        raise ImportFileError(display, os_reason(exc)) from None
    files = _vcf_files(path) if is_folder else {display: _read(path)}
    people: list[tuple[str, ImportedPerson]] = []
    problems: list[Problem] = []
    for name, data in sorted(files.items()):
        shown = f"{display.rstrip('/')}/{name}" if is_folder else display
        if data is None:
            reason = said(
                "cannot be read, or is larger than {size} MiB; left out",
                size=MAX_VCF_BYTES // (1024 * 1024),
            )
            problems.append(Problem(Source(shown, 1), reason))
            continue
        found, trouble = _people(shown, data)
        people.extend((shown, person) for person in found)
        problems.extend(trouble)
    if not people and not problems:
        raise ImportFileError(display, said("there is no BEGIN:VCARD in it"))
    return people, tuple(problems)


def _people(display: str, data: bytes) -> tuple[list[ImportedPerson], list[Problem]]:
    imported = read_vcards(io.BytesIO(data), display)
    return list(imported.people), list(imported.problems)


def _vcf_files(folder: Path) -> dict[str, bytes | None]:
    """The folder's regular `.vcf` files (not links, not hidden), by name; None for one that
    cannot be read."""
    found: dict[str, bytes | None] = {}
    try:
        entries = list(os.scandir(folder))
    except OSError as exc:
        raise ImportFileError(str(folder), os_reason(exc)) from None
    for entry in entries:
        if entry.name.startswith(".") or not entry.name.lower().endswith(".vcf"):
            continue
        if entry.is_file(follow_symlinks=False):
            found[entry.name] = _read(Path(entry.path))
    return found


def _read(path: Path) -> bytes | None:
    """A small regular file's bytes, never through a link; None when it cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        data = handle.read(MAX_VCF_BYTES + 1)
    return data if len(data) <= MAX_VCF_BYTES else None
