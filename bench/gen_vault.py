"""Generate a large, deterministic hortus vault for benchmarking.

Usage:
    python bench/gen_vault.py OUT_DIR [--size S|M|L] [--contacts N] [--notes N] [--seed 1]

The same arguments always produce byte-identical files (everything comes from one
``random.Random(seed)``; nothing reads the clock).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

TODAY = dt.date(2026, 11, 20)
# The benchmark's sizes: (contacts, journal notes).
SIZES = {"S": (500, 2_000), "M": (2_000, 10_000), "L": (10_000, 40_000)}
YEARS = 10
GROUPS = 20


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = words(
    "Ada Alan Alice Amara Anna Arjun Astrid Ben Bianca Carla Chen Chloe Daniel Dara Diego Elena "
    "Emil Emma Farah Felix Fatima Finn Grace Hana Hugo Ines Ivan Jamal Jana Jonas Julia Kai "
    "Keiko Lars Lea Leon Lina Luca Maya Marco Mei Mila Nadia Nico Noor Olga Omar Oskar Paula "
    "Pedro Priya Rafael Rosa Ruth Sami Sara Sofia Tariq Tess Theo Uma Vera Viktor Wen Yara "
    "Yusuf Zoe Zora Anselm Beatriz Cosima Dmitri Eliska Florin Greta Hamid Ilse Joaquin Kasia "
    "Leilani Malik Nora Orla Piotr Quentin Renata Soren Talia Ulla Valentin Wanda Xavier Yasmin "
    "Zeno Aurelie Bruno Celine"
)
LAST_NAMES = words(
    "Martin Novak Okafor Silva Tanaka Schmidt Rossi Dubois Kowalski Jensen Hansen Moreau Garcia "
    "Nguyen Haddad Kim Lindqvist Petrov Fischer Costa Ibrahim Murphy Olsen Weber Yilmaz Santos "
    "Bauer Kovacs Lopez Meyer Nowak Sato Horvat Almeida Berg Castro Dimitrov Eriksson Ferrari "
    "Gruber Huber Ito Janssen Keller Lang Mendes Nagy Ortiz Peters Quinn Ramos Suzuki Torres "
    "Ueda Vogel Wagner Young Zimmer Abbott Brennan Chowdhury Delgado Engel Fontaine Gallo "
    "Hartmann Iqbal Jovanovic Kaur Lambert Marsh Nakamura Oliveira Park Reyes Sharma Toth "
    "Urban Varga Walsh Xu Yamada Zhang Adler Blum Carver Dahl Ekberg Frost Gold Holm Ivers "
    "Jung Kline Lund Moss Nash Orr Pike"
)
NICKNAMES = words(
    "Bee Bird Boots Chip Cricket Dot Fox Ginger Jazz Kit Lark Moss Peaches Pip Red Rook Scout "
    "Sparky Sunny Tig Wren Ziggy"
)
CIRCLES = ("inner", "close", "network", "weak")
CIRCLE_WEIGHTS = (1, 3, 8, 6)
CADENCES = ("3w", "45", "monthly", "2m", "10d", "quarterly", "weekly", "6 weeks", "1y", "90d")
TAGS = words("family work school climbing book-club neighbours music chess running kids")
ACTIVITIES = words("Coffee Lunch Call Walk Dinner Visit Drinks Video-call Hike Concert")
VERBS = words("call text coffee lunch visit email walk dinner voice-note game")
WORDS = words(
    "the a of and to in we talked about her his their new old job trip garden book kids move "
    "house weekend plans project idea family health city train coffee rain long short quiet "
    "laughed remembered promised should later soon again next week month year birthday party "
    "music film recipe bike dog cat school meeting conference paper draft launch sold bought "
    "visited called wrote asked said maybe really probably finally still always never often "
    "mountain lake river beach festival market museum bakery library office studio"
)


@dataclass(frozen=True)
class Contact:
    name: str
    slug: str
    group: str
    aliases: tuple[str, ...]

    @property
    def rel_path(self) -> str:
        return f"people/{self.group}/{self.slug}.md"


def slugify(name: str) -> str:
    return "-".join(name.lower().split())


def make_names(rng: random.Random, count: int) -> list[str]:
    """Unique first+last names; a number suffix once the plain combinations run out."""
    combos = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(combos)
    names: list[str] = []
    round_no = 1
    while len(names) < count:
        take = combos[: count - len(names)]
        names.extend(take if round_no == 1 else [f"{c} {round_no}" for c in take])
        round_no += 1
    return names


def make_contacts(rng: random.Random, count: int) -> list[Contact]:
    names = make_names(rng, count)
    used = {n.lower() for n in names} | {slugify(n) for n in names}
    contacts: list[Contact] = []
    for index, name in enumerate(names):
        aliases: list[str] = []
        if rng.random() < 0.3:
            first, last = name.split()[0], name.split()[1]
            for candidate in (f"{rng.choice(NICKNAMES)} {last}", f"{first} {last[0]}. {index}"):
                if candidate.lower() not in used:
                    used.add(candidate.lower())
                    aliases.append(candidate)
        contacts.append(Contact(name, slugify(name), f"g{index % GROUPS:02d}", tuple(aliases)))
    return contacts


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def sentence(rng: random.Random, low: int = 6, high: int = 16) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, mentions: list[str] | None = None) -> str:
    parts = [sentence(rng) for _ in range(rng.randint(2, 5))]
    for mention in mentions or []:
        parts.insert(rng.randrange(len(parts) + 1), f"Saw {mention} there.")
    return " ".join(parts)


def wikilink(rng: random.Random, contact: Contact) -> str:
    roll = rng.random()
    if roll < 0.6:
        return f"[[{contact.name}]]"
    if roll < 0.8 and contact.aliases:
        return f"[[{rng.choice(contact.aliases)}]]"
    return f"[[{contact.slug}|{contact.name.split()[0]}]]"


def front_matter(rng: random.Random, contact: Contact) -> str:
    lines = ["---", f"name: {contact.name}"]
    if contact.aliases:
        lines.append("aliases:")
        lines.extend(f"  - {alias}" for alias in contact.aliases)
    lines.append(f"circle: {rng.choices(CIRCLES, CIRCLE_WEIGHTS)[0]}")
    if rng.random() < 0.35:
        lines.append(f"cadence: {rng.choice(CADENCES)}")
    if rng.random() < 0.5:
        born = random_date(rng, dt.date(1950, 1, 1), dt.date(2005, 12, 31))
        lines.append(f"birthday: {born.isoformat()}")
    tags = rng.sample(TAGS, rng.randint(0, 3))
    lines.append(f"tags: [{', '.join(tags)}]")
    lines.append(f"email: {contact.slug}@example.org")
    lines.append("---")
    return "\n".join(lines)


def contact_body(rng: random.Random, contact: Contact, contacts: list[Contact]) -> str:
    start = TODAY - dt.timedelta(days=365 * YEARS)
    end = TODAY + dt.timedelta(days=30)  # a few entries are plans
    blocks = [f"# {contact.name}", paragraph(rng)]
    if rng.random() < 0.05:
        blocks.append("```\n[[Not A Mention]] and - 2026-01-01: not an entry\n```")
    for day in sorted(random_date(rng, start, end) for _ in range(rng.randint(0, 3))):
        mentions = [wikilink(rng, rng.choice(contacts))] if rng.random() < 0.25 else []
        blocks.append(
            f"## {day.isoformat()} {rng.choice(ACTIVITIES)}\n\n{paragraph(rng, mentions)}"
        )
    items = sorted(random_date(rng, start, end) for _ in range(rng.randint(0, 4)))
    if items:
        lines = [f"- {day.isoformat()}: {rng.choice(VERBS)}" for day in items]
        blocks.append("## Log\n\n" + "\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def note_link(contact: Contact) -> str:
    return f"[{contact.name.split()[0]}](../../../{contact.rel_path})"


def note_body(rng: random.Random, day: dt.date, contacts: list[Contact]) -> str:
    blocks = [f"# {day.isoformat()}"]
    target = rng.randint(1000, 2000)
    size = 0
    while size < target:
        block = note_block(rng, day, contacts)
        blocks.append(block)
        size += len(block) + 2
    return "\n\n".join(blocks) + "\n"


def note_block(rng: random.Random, day: dt.date, contacts: list[Contact]) -> str:
    roll = rng.random()
    if roll < 0.55:
        mentions = [mention(rng, rng.choice(contacts)) for _ in range(rng.randint(0, 2))]
        text = paragraph(rng, mentions)
        return text + " #news" if rng.random() < 0.08 else text
    if roll < 0.78:
        lines = [f"- {sentence(rng, 3, 8)} {mention(rng, rng.choice(contacts))}"]
        lines += [f"- {sentence(rng, 3, 8)}" for _ in range(rng.randint(1, 3))]
        return "\n".join(lines)
    if roll < 0.85:  # tasks: a promise is not a contact; some with a code span
        who = mention(rng, rng.choice(contacts))
        tasks = [f"- [ ] {rng.choice(VERBS)} {who} #todo", f"- [x] {sentence(rng, 3, 6)}"]
        if rng.random() < 0.3:
            tasks.append("- [ ] check `[[Not A Mention]]` in the export")
        return "\n".join(tasks)
    when = day + dt.timedelta(days=rng.randint(-20, 20))
    who = mention(rng, rng.choice(contacts))
    return f"- {when.isoformat()}: {rng.choice(VERBS)} with {who}\n  - {sentence(rng, 3, 8)}"


def mention(rng: random.Random, contact: Contact) -> str:
    return note_link(contact) if rng.random() < 0.3 else wikilink(rng, contact)


def write_contacts(rng: random.Random, out: Path, contacts: list[Contact]) -> int:
    for group in range(GROUPS):
        (out / "people" / f"g{group:02d}").mkdir(parents=True, exist_ok=True)
    total = 0
    for contact in contacts:
        text = front_matter(rng, contact) + "\n\n" + contact_body(rng, contact, contacts)
        total += write(out / contact.rel_path, text)
    return total


def note_days(count: int) -> list[tuple[dt.date, int]]:
    """Spread ``count`` notes evenly over the last YEARS years, numbering them per day."""
    span = 365 * YEARS
    start = TODAY - dt.timedelta(days=span - 1)
    days: list[tuple[dt.date, int]] = []
    previous: dt.date | None = None
    number = 0
    for index in range(count):
        day = start + dt.timedelta(days=index * span // max(count, 1))
        number = number + 1 if day == previous else 1
        previous = day
        days.append((day, number))
    return days


def write_notes(rng: random.Random, out: Path, contacts: list[Contact], count: int) -> int:
    total = 0
    made: set[Path] = set()
    for day, number in note_days(count):
        folder = out / "journal" / f"{day.year:04d}" / f"{day.month:02d}"
        if folder not in made:
            folder.mkdir(parents=True, exist_ok=True)
            made.add(folder)
        path = folder / f"{day.isoformat()}-{number}.md"
        total += write(path, note_body(rng, day, contacts))
    return total


def write(path: Path, text: str) -> int:
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(data)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Generate a large hortus vault.")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument(
        "--size", choices=sorted(SIZES), default="L", help="a preset: S, M or L (default L)"
    )
    parser.add_argument("--contacts", type=int, default=None, help="overrides the preset")
    parser.add_argument("--notes", type=int, default=None, help="overrides the preset")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    contacts, notes = SIZES[args.size]
    args.contacts = contacts if args.contacts is None else args.contacts
    args.notes = notes if args.notes is None else args.notes
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.contacts < 1 or args.notes < 0:
        print("error: need at least one contact and a non-negative note count", file=sys.stderr)
        return 2
    started = time.perf_counter()
    rng = random.Random(args.seed)
    out: Path = args.out_dir
    if out.exists() and any(out.iterdir()):
        print(f"error: {out} is not empty; remove it first", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    config_bytes = write(out / "hortus.toml", f"today = {TODAY.isoformat()}\n")
    contacts = make_contacts(rng, args.contacts)
    contact_bytes = write_contacts(rng, out, contacts)
    note_bytes = write_notes(rng, out, contacts, args.notes)
    total = config_bytes + contact_bytes + note_bytes
    elapsed = time.perf_counter() - started
    print(f"vault:    {out}")
    print(f"contacts: {len(contacts)} files, {contact_bytes:,} bytes")
    print(f"notes:    {args.notes} files, {note_bytes:,} bytes")
    print(f"total:    {len(contacts) + args.notes + 1} files, {total:,} bytes")
    print(f"          ({total / 1_000_000:.1f} MB) in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
