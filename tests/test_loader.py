"""The one way in: every command reads the vault through the loader, and its output does not
depend on the cache: the same on a vault read cold and through a warm, an edited and a damaged
cache. Every output of the example vault has a golden file (`pytest --update-golden`)."""

from __future__ import annotations

import ast
import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import hortus.store.notestore
from hortus.cli import main
from hortus.commands.person import complete_names
from hortus.core.model import Note
from hortus.loader import open_vault
from hortus.loader.vault import locate_vault
from hortus.store.cache import CACHE_NAME

EXAMPLE = Path(__file__).resolve().parent.parent / "example-vault"
GOLDEN = Path(__file__).resolve().parent / "golden" / "example"
SRC = Path(__file__).resolve().parent.parent / "src" / "hortus"

# Every command that reads the vault, as a user types it (the example vault pins its date).
COMMANDS: dict[str, list[str]] = {
    "status.txt": ["status"],
    "status.json": ["status", "--json"],
    "check.txt": ["check"],
    "show-alice.json": ["show", "alice", "--json"],
    "show-omar.txt": ["show", "omar"],
    "show-maya.json": ["show", "Maya Okafor", "--json"],
    "export.vcf": ["export", "vcard"],
    "export.ics": ["export", "ics"],
    "export.csv": ["export", "csv"],
    "search-lisbon.json": ["search", "lisbon", "--json"],
    "search-sourdough.txt": ["search", "sourdough"],
    "search-new-job.json": ["search", "new job", "--json"],
}


def copy_example(root: Path) -> Path:
    shutil.copytree(
        EXAMPLE,
        root,
        ignore=shutil.ignore_patterns("GARDEN*.md", "garden*.html", ".hortus"),
    )
    return root


def run(root: Path, args: list[str]) -> str:
    result = CliRunner().invoke(main, ["--vault", str(root), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    text = result.stdout.replace(str(root), "VAULT")
    return f"exit {result.exit_code}\n{text}"


def outputs(root: Path) -> dict[str, str]:
    found = {name: run(root, args) for name, args in COMMANDS.items()}
    found["complete-a"] = repr(complete_names(open_vault(root), "a"))
    return found


def without_cache(root: Path) -> dict[str, str]:
    """What a cold read gives: the cache removed before each command."""
    found = {}
    for name, args in COMMANDS.items():
        shutil.rmtree(root / ".hortus", ignore_errors=True)
        found[name] = run(root, args)
    shutil.rmtree(root / ".hortus", ignore_errors=True)
    found["complete-a"] = repr(complete_names(open_vault(root), "a"))
    return found


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "example-vault")


def test_every_output_of_the_example_vault_matches_its_golden_file(
    example: Path, update_golden: bool
) -> None:
    got = without_cache(example)
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name, text in got.items():
        golden = GOLDEN / name
        if update_golden:
            golden.write_text(text, encoding="utf-8")
        assert text == golden.read_text(encoding="utf-8"), name


def test_regenerates_calendar_matches_its_golden_file_and_holds_the_promises(
    example: Path, update_golden: bool
) -> None:
    config = example / "hortus.toml"
    config.write_text('ics = "garden.ics"\n' + config.read_text(), encoding="utf-8")
    assert "garden.ics" in run(example, ["regenerate"])
    produced = (example / "garden.ics").read_text(encoding="utf-8")
    golden = GOLDEN / "regenerate.ics"
    if update_golden:
        golden.write_text(produced, encoding="utf-8")
    assert produced == golden.read_text(encoding="utf-8")
    # `export ics` gives the same events as regenerate's calendar, promises included.
    exported = run(example, ["export", "ics"]).split("\n", 1)[1]
    assert exported.count("BEGIN:VEVENT") == produced.count("BEGIN:VEVENT")
    assert "Promise" in exported or "promise" in exported


def test_a_warm_cache_gives_what_a_cold_read_gives(example: Path, tmp_path: Path) -> None:
    cold = without_cache(copy_example(tmp_path / "cold"))
    run(example, ["regenerate"])
    assert outputs(example) == cold  # the first run through the cache
    assert outputs(example) == cold  # and every later one


EDITS: dict[str, Callable[[Path], None]] = {
    "an entry appended": lambda root: _append(
        root / "people/alice-martin.md", "\n## 2026-11-19 Sourdough walk in Lisbon #walk\n"
    ),
    "a contact renamed": lambda root: _replace(
        root / "people/omar-haddad.md", "name: Omar Haddad", "name: Omar H. Haddad"
    ),
    "a contact removed": lambda root: (root / "people/lena-fischer.md").unlink(),
    "a contact added": lambda root: _write(
        root / "people/zoe-durand.md",
        "---\nname: Zoë Durand\ncircle: close\n---\n## 2026-11-10 Sourdough in Montréal\n",
    ),
    "a note made unreadable": lambda root: (root / "journal/2026-11-01.md").write_bytes(
        b"\xff\xfe"
    ),
}


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_an_edited_vault_reads_the_same_through_its_cache(
    edit: str, example: Path, tmp_path: Path
) -> None:
    outputs(example)  # every table of the cache written, the search tables too
    EDITS[edit](example)
    cold = copy_example(tmp_path / "cold")
    EDITS[edit](cold)
    assert outputs(example) == without_cache(cold)


def _garbage(root: Path) -> None:
    (root / ".hortus" / CACHE_NAME).write_bytes(b"not a database at all" * 100)


def _truncated(root: Path) -> None:
    path = root / ".hortus" / CACHE_NAME
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _sql(statement: str) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        db = sqlite3.connect(root / ".hortus" / CACHE_NAME)
        with db:
            db.execute(statement)
        db.close()

    return damage


DAMAGES: dict[str, Callable[[Path], None]] = {
    "garbage": _garbage,
    "truncated": _truncated,
    "records": _sql("UPDATE files SET record = x'c1c1c1'"),
    "contacts": _sql("UPDATE contacts SET record = x'c1'"),
    "contacts gone": _sql("DELETE FROM contacts"),
    "outputs": _sql("UPDATE outputs SET value = x'00'"),
    "search tables": _sql("DELETE FROM chunks"),
    "a wrong stamp": _sql("UPDATE files SET digest = 'deadbeef', size = size + 1"),
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_cache_gives_what_a_cold_read_gives(
    damage: str, example: Path, tmp_path: Path
) -> None:
    cold = without_cache(copy_example(tmp_path / "cold"))
    outputs(example)
    DAMAGES[damage](example)
    assert outputs(example) == cold
    assert outputs(example) == cold  # and the cache is whole again


def test_warm_commands_read_no_note(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = outputs(example)
    time.sleep(0)  # the example's files are older than the settle time: none is in doubt

    def no_reading(*args: object, **kwargs: object) -> object:
        raise AssertionError(f"a note was read: {args[1]}")

    monkeypatch.setattr(hortus.store.notestore, "load_one", no_reading)
    assert outputs(example) == before


def test_a_warm_log_resolves_the_name_without_parsing_any_note(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(example, ["regenerate"])
    import hortus.notes.parse

    def no_parsing(*args: object) -> object:
        raise AssertionError("a note was parsed")

    monkeypatch.setattr(hortus.notes.parse, "parse_note", no_parsing)
    monkeypatch.setattr(hortus.store.notestore, "parse_note", no_parsing)
    out = run(example, ["log", "omar", "Called about the film festival"])
    assert out.startswith("exit 0\npeople/omar-haddad.md:")


# Calls that read or index the vault: only the loader (and the watcher's live variant, which
# starts from the loader) may make them; a command that builds its own index is a bug.
VAULT_READERS = {"build_index", "compute_garden", "person_index", "NoteStore", "walk_vault"}
MAY_READ = {
    "loader/load.py",
    "loader/live.py",
    "index/__init__.py",  # build_index and person_index themselves
    "store/notestore.py",  # the note store's own walk
    "garden/__init__.py",  # compute_garden itself
}


def test_only_the_loader_reads_the_vault() -> None:
    wrong = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel in MAY_READ:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", None))
                if name in VAULT_READERS:
                    wrong.append(f"{rel}:{node.lineno} calls {name}")
    assert wrong == []


def test_the_vault_root_is_absolute_however_it_is_given(tmp_path: Path) -> None:
    (tmp_path / "v").mkdir()
    for explicit, env in (("v", {}), (None, {"HORTUS_VAULT": "v"}), (".", {})):
        root = locate_vault(explicit, env, tmp_path)
        assert root.is_absolute()
    assert locate_vault("v", {}, tmp_path) == tmp_path / "v"
    assert locate_vault(".", {}, tmp_path / "v") == tmp_path / "v"
    assert open_vault(Path(os.path.relpath(tmp_path / "v"))).root == tmp_path / "v"


def test_version_and_help_import_no_parser_garden_or_renderer() -> None:
    code = (
        "import sys\n"
        "from hortus.cli import main\n"
        "for args in (['--version'], ['--help'], ['log', '--help']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = ('hortus.garden', 'hortus.notes.parse', 'hortus.render', 'markdown_it', 'yaml',\n"
        "         'msgspec', 'icalendar', 'vobject', 'watchdog', 'hortus.loader')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_status_after_regenerate_is_kept_and_grows_no_garden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_example(tmp_path / "v")
    cold = run(copy_example(tmp_path / "cold"), ["status"])
    run(root, ["regenerate"])

    def no_garden(*args: object, **kwargs: object) -> None:
        raise AssertionError("status grew the garden again")

    monkeypatch.setattr("hortus.garden.compute_garden", no_garden)
    assert run(root, ["status"]) == cold


def test_warm_reading_commands_import_no_parser(tmp_path: Path) -> None:
    """Nothing changed: the notes come from the cache, and importing the parser (markdown-it
    and its rules) would cost a warm `show` a third of its time."""
    root = copy_example(tmp_path / "v")
    for args in (["status"], ["show", "Bob"], ["check"]):
        run(root, args)
    code = (
        "import sys\n"
        "from hortus.cli import main\n"
        "for args in (['show', 'Bob'], ['status'], ['check'], ['open', 'Bob']):\n"
        "    try:\n"
        f"        main(['--vault', {str(root)!r}, *args])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = ('markdown_it', 'hortus.notes.parse')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    env = {**os.environ, "EDITOR": "true"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_long_work_shows_no_progress_when_the_output_is_not_a_terminal(
    tmp_path: Path,
) -> None:
    root = tmp_path / "big"
    files = {
        f"people/p{i:04d}.md": f"---\nname: Person {i}\n---\n## 2026-01-01 Hello\n"
        for i in range(2_100)
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["--vault", str(root), "check"])
    assert result.exit_code == 0
    assert result.output == ""  # neither a bar nor anything else: nothing is wrong


def test_a_tty_gets_a_progress_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    from hortus import cli
    from hortus.loader.load import no_progress

    monkeypatch.setattr(sys.stdout, "isatty", lambda: False, raising=False)
    assert cli._progress() is no_progress
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert cli._progress() is not no_progress


def test_status_json_is_strict_json_through_the_cache(example: Path) -> None:
    for _ in range(2):
        text = run(example, ["status", "--json"]).split("\n", 1)[1]
        json.loads(text, parse_constant=lambda name: pytest.fail(name))


def test_the_day_is_part_of_what_a_kept_output_is_for(example: Path) -> None:
    first = run(example, ["status", "--today", "2026-11-20"])
    later = run(example, ["status", "--today", "2026-12-20"])
    assert first != later
    assert run(example, ["status", "--today", "2026-11-20"]) == first
    assert dt.date(2026, 12, 20).strftime("%Y") in later or "December" in later


# -- the index kept between runs (index/kept.py): each edit after a warm run, compared with a
# cold read of a copy edited the same way, `regenerate`'s pages included.

PATCHES: dict[str, Callable[[Path], None]] = {
    "an entry appended to a contact": EDITS["an entry appended"],
    "a new mention of another contact in a daily note": lambda root: _append(
        root / "journal/2026-11-19.md", "\n## 2026-11-19 Tea with [[Bob Nguyen]] and [[Omar]]\n"
    ),
    "a note removed": lambda root: (root / "journal/2026-11-12.md").unlink(),
    "a new daily note": lambda root: _write(
        root / "journal/2026-11-20.md", "# Friday\n\nLunch with [[Alice Martin]] and [[Nobody]].\n"
    ),
    "a contact's e-mail changed (duplicates)": lambda root: _replace(
        root / "people/bob-nguyen.md", "bob.nguyen@example.com", "alice.martin@example.com"
    ),
    "a comment line in a contact's front matter": lambda root: _replace(
        root / "people/bob-nguyen.md", "---\nname: Bob Nguyen", "---\n# a friend\nname: Bob Nguyen"
    ),
    "a promise added": lambda root: _append(
        root / "people/alice-martin.md", "\n- [ ] lend her my headlamp for the trip\n"
    ),
    "a promise kept": lambda root: _replace(
        root / "people/hannah-berg.md",
        "- [ ] post her the book of cryptic crosswords I raved about 📅 2026-11-15",
        "- [x] post her the book of cryptic crosswords I raved about 📅 2026-11-15 ✅ 2026-11-18",
    ),
    "an #intro entry": lambda root: _append(
        root / "people/alice-martin.md",
        "\n- 2026-11-18: she met [[Hannah Berg]] through me #intro\n",
    ),
    "an unreadable note": EDITS["a note made unreadable"],
}
# These change a name, so every note is resolved again.
REBUILDS: dict[str, Callable[[Path], None]] = {
    "a contact renamed": EDITS["a contact renamed"],
    "a contact given an alias": lambda root: _replace(
        root / "people/alice-martin.md", "aliases: [Ali, Allie]", "aliases: [Ali, Allie, Al]"
    ),
    "a contact removed": EDITS["a contact removed"],
    "a contact added": EDITS["a contact added"],
}


def with_pages(root: Path) -> dict[str, str]:
    found = outputs(root)
    run(root, ["regenerate"])  # what it says it wrote depends on the pages there before
    for page in ("GARDEN.md", "GARDEN-all.md"):
        found[page] = (root / page).read_text(encoding="utf-8")
    return found


def cold_pages(root: Path) -> dict[str, str]:
    found = without_cache(root)
    shutil.rmtree(root / ".hortus", ignore_errors=True)
    run(root, ["regenerate"])
    for page in ("GARDEN.md", "GARDEN-all.md"):
        found[page] = (root / page).read_text(encoding="utf-8")
    return found


def _resolved(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the notes resolved again (their parts made) from now on."""
    import hortus.index.kept

    made: list[str] = []
    real = hortus.index.kept._part

    def counting(note: Note, facts: object, resolver: object) -> object:
        made.append(note.path)
        return real(note, facts, resolver)  # type: ignore[arg-type]

    monkeypatch.setattr(hortus.index.kept, "_part", counting)
    return made


def _whole_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each time every kept part is read (the index is then made from all of them)."""
    from hortus.store.cache import DiskCache

    reads: list[str] = []
    real = DiskCache.parts

    def counting(self: DiskCache, made_with: str) -> object:
        reads.append(made_with)
        return real(self, made_with)

    monkeypatch.setattr(DiskCache, "parts", counting)
    return reads


@pytest.mark.parametrize("edit", sorted(PATCHES))
def test_an_edit_patches_the_kept_index_as_a_cold_read_would(
    edit: str, example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_pages(example)  # every table of the cache written, the index's parts too
    PATCHES[edit](example)
    made = _resolved(monkeypatch)
    whole = _whole_reads(monkeypatch)
    run(example, ["check"])
    assert len(made) <= 1  # only the edited note resolved again
    assert whole == []  # and no other note's part read
    cold = copy_example(tmp_path / "cold")
    PATCHES[edit](cold)
    assert with_pages(example) == cold_pages(cold)


@pytest.mark.parametrize("edit", sorted(REBUILDS))
def test_a_change_of_names_resolves_every_note_again(
    edit: str, example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_pages(example)
    REBUILDS[edit](example)
    made = _resolved(monkeypatch)
    run(example, ["check"])
    assert len(made) > 20
    cold = copy_example(tmp_path / "cold")
    REBUILDS[edit](cold)
    assert with_pages(example) == cold_pages(cold)


def test_edits_in_a_row_patch_a_patched_index(example: Path, tmp_path: Path) -> None:
    cold = copy_example(tmp_path / "cold")
    with_pages(example)
    names = [
        "a contact's e-mail changed (duplicates)",
        "a comment line in a contact's front matter",  # the duplicate's line moves
        "a promise added",
        "a new daily note",  # the duplicates kept for the contacts as they are
        "a promise kept",
        "a note removed",
    ]
    for name in names:
        PATCHES[name](example)
        PATCHES[name](cold)
        run(example, ["status"])  # each edit patched on the last one's parts
    assert with_pages(example) == cold_pages(cold)


PART_DAMAGES: dict[str, Callable[[Path], None]] = {
    "records": _sql("UPDATE index_parts SET record = x'c1c1'"),
    "seals": _sql("UPDATE index_parts SET seal = 'deadbeef'"),
    "a part moved to another note": _sql(
        "UPDATE index_parts SET record = (SELECT record FROM index_parts "
        "WHERE path = 'people/bob-nguyen.md') WHERE path = 'people/alice-martin.md'"
    ),
    "digests": _sql("UPDATE index_parts SET digest = 'deadbeef'"),
    "rows gone": _sql("DELETE FROM index_parts"),
    "made with": _sql("UPDATE meta SET value = 'other' WHERE key = 'index_parts'"),
    "tuples": _sql("UPDATE index_keys SET record = x'c1c1'"),
    "tuples' seals": _sql("UPDATE index_keys SET seal = 'deadbeef'"),
    "tuples moved to another contact": _sql(
        "UPDATE index_keys SET record = (SELECT record FROM index_keys "
        "WHERE key = 'people/bob-nguyen') WHERE key = 'people/alice-martin'"
    ),
    "tuples gone": _sql("DELETE FROM index_keys WHERE key = 'people/alice-martin'"),
    "the head": _sql("UPDATE outputs SET value = x'00' WHERE name = 'index head'"),
    "the head's key": _sql("UPDATE outputs SET key = 'other' WHERE name = 'index head'"),
}


def _damaged_then_edited(
    damage: Callable[[Path], None], edit: str, example: Path, cold: Path
) -> None:
    """The pages after `damage` to the cache and then `edit`, compared with a cold read of the
    same edit."""
    with_pages(example)
    damage(example)
    PATCHES[edit](example)
    copy_example(cold)
    PATCHES[edit](cold)
    assert with_pages(example) == cold_pages(cold)


@pytest.mark.parametrize("damage", sorted(PART_DAMAGES))
def test_a_damaged_kept_index_is_made_again(damage: str, example: Path, tmp_path: Path) -> None:
    _damaged_then_edited(PART_DAMAGES[damage], "a new daily note", example, tmp_path / "cold")


def _grown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys of the contacts grown (not taken from the kept growths) from now on."""
    import hortus.garden

    grown: list[str] = []
    real = hortus.garden._grow

    def counting(life: object, *args: object) -> object:
        grown.append(life.contact.key)  # type: ignore[attr-defined]
        return real(life, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(hortus.garden, "_grow", counting)
    return grown


def test_only_the_contacts_an_edit_touched_grow_again(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_pages(example)
    PATCHES["a new mention of another contact in a daily note"](example)
    grown = _grown(monkeypatch)
    run(example, ["status"])
    assert grown == ["people/bob-nguyen"]  # ([[Omar]] is no name of Omar Haddad)
    grown.clear()
    run(example, ["status", "--json"])  # the same notes: every growth kept
    assert grown == []
    cold = copy_example(tmp_path / "cold")
    PATCHES["a new mention of another contact in a daily note"](cold)
    assert with_pages(example) == cold_pages(cold)


def test_a_new_day_grows_every_contact_again(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(example, ["status"])
    PATCHES["a promise added"](example)
    grown = _grown(monkeypatch)
    warm = run(example, ["status", "--today", "2026-11-21"])
    assert len(grown) > 10
    cold = copy_example(tmp_path / "cold")
    PATCHES["a promise added"](cold)
    assert warm == run(cold, ["status", "--today", "2026-11-21"])


GROWTH_DAMAGES: dict[str, Callable[[Path], None]] = {
    "records": _sql("UPDATE growths SET record = x'c1c1'"),
    "seals": _sql("UPDATE growths SET seal = 'deadbeef'"),
    "a growth moved to another contact": _sql(
        "UPDATE growths SET record = (SELECT record FROM growths "
        "WHERE key = 'people/bob-nguyen') WHERE key = 'people/alice-martin'"
    ),
    "generation": _sql("UPDATE meta SET value = 'other' WHERE key = 'index_generation'"),
    "rows gone": _sql("DELETE FROM growths"),
}


@pytest.mark.parametrize("damage", sorted(GROWTH_DAMAGES))
def test_damaged_kept_growths_are_grown_again(damage: str, example: Path, tmp_path: Path) -> None:
    _damaged_then_edited(GROWTH_DAMAGES[damage], "a promise added", example, tmp_path / "cold")


@pytest.mark.parametrize("edit", ["a note removed", "a new daily note"])
def test_a_failed_write_of_the_parts_keeps_nothing_patched(
    edit: str, example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hortus.store.cache import DiskCache

    with_pages(example)
    PATCHES[edit](example)
    with monkeypatch.context() as patch:
        patch.setattr(DiskCache, "save_parts", lambda *args: False)  # the disk is full
        run(example, ["status"])
    cold = copy_example(tmp_path / "cold")
    PATCHES[edit](cold)
    assert with_pages(example) == cold_pages(cold)  # the same change patched once, not twice
