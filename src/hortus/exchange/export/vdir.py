"""Every contact as one `UID.vcf` in a folder: the `vdir` layout that vdirsyncer and khard use,
planned here, pure; `commands/vdir.py` reads the folder and writes.

A file is written only when its bytes change. A file hortus wrote (listed, with the hash of the
bytes it wrote, in the folder's `.hortus-vdir.json`) is replaced, or removed when its contact is
gone, only while it holds those bytes. A card changed on the other side (a phone, through
vdirsyncer) is replaced only when it holds nothing the vault lacks; otherwise it is kept, and
`hortus import vcard DIR --update` brings its values in first.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from hortus.core.model import Contact
from hortus.exchange.export.vcard import card_fields
from hortus.exchange.vcf import write_cards

MANIFEST = ".hortus-vdir.json"
FORMAT = 1


@dataclass(frozen=True)
class VdirPlan:
    write: dict[str, bytes]  # file name → the card's bytes (new or changed)
    unchanged: int
    remove: tuple[str, ...]  # files hortus wrote whose contact is gone
    kept: tuple[str, ...]  # files changed on the other side that hold what the vault lacks
    manifest: dict[str, str]  # file name → sha256 of the bytes hortus wrote, after the run


def vdir_cards(contacts: Iterable[Contact]) -> dict[str, bytes]:
    """`UID.vcf` → one vCard 4.0, for each contact (the UID stays the same at every export)."""
    cards = {}
    for contact in contacts:
        fields = card_fields(contact)
        name = fields.uid.removeprefix("urn:uuid:") + ".vcf"
        cards[name] = write_cards([fields]).encode("utf-8")
    return cards


def plan_vdir(
    cards: Mapping[str, bytes],
    on_disk: Mapping[str, bytes],
    manifest: Mapping[str, str],
    brings_news: Callable[[str, bytes], bool],
) -> VdirPlan:
    """What to write, keep and remove. `on_disk`: the folder's `.vcf` files as they are;
    `brings_news(name, data)`: whether a card holds values its contact lacks."""
    write: dict[str, bytes] = {}
    kept: list[str] = []
    after: dict[str, str] = {}
    unchanged = 0
    for name, data in sorted(cards.items()):
        current = on_disk.get(name)
        if current == data:
            unchanged += 1
            after[name] = sha(data)
        elif (
            current is None or manifest.get(name) == sha(current) or not brings_news(name, current)
        ):
            write[name] = data
            after[name] = sha(data)
        else:
            kept.append(name)
            if name in manifest:
                after[name] = manifest[name]
    remove = []
    for name, written in sorted(manifest.items()):
        if name in cards:
            continue
        current = on_disk.get(name)
        if current is not None and sha(current) == written:
            remove.append(name)
        elif current is not None:
            kept.append(name)
            after[name] = written
    return VdirPlan(write, unchanged, tuple(remove), tuple(sorted(kept)), after)


def read_manifest(data: bytes | None) -> dict[str, str]:
    """The files hortus wrote, from `.hortus-vdir.json`; {} when missing or unreadable (then
    nothing is removed, and no changed card is replaced unless it brings nothing new)."""
    if data is None:
        return {}
    try:
        found = json.loads(data)
        files = found["files"] if found.get("format") == FORMAT else {}
    except (ValueError, TypeError, KeyError, AttributeError):
        return {}
    if not isinstance(files, dict):
        return {}
    return {str(k): str(v) for k, v in files.items() if _safe_name(str(k))}


def write_manifest(files: Mapping[str, str]) -> bytes:
    document = {"format": FORMAT, "written_by": "hortus export vcard --vdir", "files": dict(files)}
    return (json.dumps(document, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _safe_name(name: str) -> bool:
    """A plain `.vcf` file name in the folder: never a path elsewhere."""
    return (
        name.endswith(".vcf") and "/" not in name and "\\" not in name and not name.startswith(".")
    )


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
