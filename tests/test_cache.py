"""The incremental engine and `regenerate`'s cache: a shortcut, never needed for a right answer."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sqlite3
import threading
import time
import zlib
from pathlib import Path

import msgspec
import pytest

import hortus.store.notestore
from hortus.core.errors import NoLockError
from hortus.core.model import NO_TAGS, Meta, Note, Task
from hortus.files.lock import vault_lock
from hortus.garden import Garden
from hortus.loader import (
    build_garden,
    open_vault,
    own_outputs,
    regenerate,
    render_outputs,
)
from hortus.notes.parse import parse_note
from hortus.notes.read import split_front_matter
from hortus.render.status import render_json
from hortus.store import codec
from hortus.store.cache import CACHE_NAME, FORMAT, DiskCache
from hortus.store.notestore import Known, NoteStore
from tests.conftest import MakeVault


def typed(value: object) -> object:
    """`value` as a structure that compares equal only when every part has the same type and
    value; sets compare without order (their `repr` depends on PYTHONHASHSEED)."""
    kind = type(value).__name__
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return (kind, tuple(typed(getattr(value, f.name)) for f in fields))
    if isinstance(value, dict):
        return (kind, frozenset((typed(k), typed(v)) for k, v in value.items()))
    if isinstance(value, (set, frozenset)):
        return (kind, frozenset(typed(item) for item in value))
    if isinstance(value, (list, tuple)):
        return (kind, tuple(typed(item) for item in value))
    if isinstance(value, float) and value != value:
        return (kind, "nan")  # NaN is not equal to itself
    return (kind, value)


TODAY = dt.date(2026, 11, 20)
FILES: dict[str, str | bytes] = {
    "people/ada.md": "---\nname: Ada Lovelace\naliases: [Ada]\nborn: 1815-12-10\n---\n"
    "## 2026-11-10 Tea #news\n- [ ] call [[Bob]]\n- [ ] send her the article 📅 2026-12-01\n"
    "- [ ] return [[Bob]]'s drill due:2026-11-25\n- [x] send the photos ✅ 2026-11-02\n",
    "people/bob.md": "---\nname: Bob\ncadence: 3w\nextra: {1: [a, 2026-01-01 10:00:00]}\n---\n",
    "people/carl.md": "# Carl\n\n- 2026-10-01: walk with [[Ada]] and [[Nobody]]\n",
    "journal/2026-11-12.md": "Lunch with [[Ada]] and [Bob](../people/bob.md).\n",
    "journal/bad.md": b"\xff\xfe not utf-8",
    "journal/odd.md": "---\nname: [unclosed\n---\n",
}


def fresh(root: Path) -> Garden:
    return build_garden(open_vault(root), TODAY, TODAY)


def cached(root: Path) -> Garden:
    return regenerate(open_vault(root), TODAY, TODAY).garden


def same(a: Garden, b: Garden) -> None:
    assert render_json(a) == render_json(b)
    assert a == b


def test_cached_and_fresh_agree_after_edits_renames_and_deletions(make_vault: MakeVault) -> None:
    root = make_vault(FILES)
    same(cached(root), fresh(root))
    same(cached(root), fresh(root))  # the warm path: nothing changed
    (root / "people/ada.md").write_text("---\nname: Ada King\n---\n## 2026-11-19 Walk\n")
    os.rename(root / "people/bob.md", root / "people/robert.md")
    (root / "people/carl.md").unlink()
    (root / "journal/new").mkdir()
    (root / "journal/new/2026-11-18.md").write_text("Dinner with [[Ada King]]\n")
    (root / "journal/bad.md").write_text("now readable, mentions [[Robert]]\n")
    same(cached(root), fresh(root))
    same(cached(root), fresh(root))


def test_a_warm_run_reads_no_note_and_writes_nothing(
    make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_vault(FILES)
    old = os.stat(root).st_mtime_ns - 10**10
    for path in root.rglob("*.md"):
        os.utime(path, ns=(old, old))  # settled: written long before it was read
    first = regenerate(open_vault(root), TODAY, TODAY)
    assert first.written
    expected = fresh(root)

    def no_reading(*args: object) -> object:
        raise AssertionError("a note was read")

    monkeypatch.setattr(hortus.store.notestore, "load_one", no_reading)
    again = regenerate(open_vault(root), TODAY, TODAY)
    assert not again.written
    assert again.summary == first.summary
    monkeypatch.undo()  # the garden itself is worked out only when asked for
    same(again.garden, expected)


def test_a_new_day_recomputes_from_cached_records(make_vault: MakeVault) -> None:
    root = make_vault(FILES)
    cached(root)
    later = regenerate(open_vault(root), TODAY + dt.timedelta(days=30), TODAY).garden
    same(later, build_garden(open_vault(root), TODAY + dt.timedelta(days=30), TODAY))


def test_the_garden_page_edited_by_hand_is_written_again(make_vault: MakeVault) -> None:
    root = make_vault(FILES)
    cached(root)
    page = (root / "GARDEN.md").read_bytes()
    (root / "GARDEN.md").write_bytes(page.replace(b"Ada", b"Eve"))
    assert regenerate(open_vault(root), TODAY, TODAY).written
    assert (root / "GARDEN.md").read_bytes() == page


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(b"not a database at all"),
        lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),  # half-written
        lambda p: _sql(p, "UPDATE meta SET value = 'hortus-cache 0 0.0.1' WHERE key = 'format'"),
        lambda p: _sql(p, 'UPDATE files SET record = \'{"~":"os.system","v":"x"}\''),
        lambda p: _sql(p, "UPDATE files SET record = '[1, 2'"),
        lambda p: _sql(p, "UPDATE files SET record = x'00ff'"),
        lambda p: _blob(p, zlib.compress(b'{"~": "os.system", "v": "touch PWNED"}')),
        lambda p: _sql(p, 'UPDATE meta SET value = \'{"~":"date","v":"x"}\' WHERE key=\'garden\''),
        lambda p: _sql(p, "DROP TABLE files"),
    ],
)
def test_a_damaged_cache_is_rebuilt_silently(make_vault: MakeVault, damage: object) -> None:
    root = make_vault(FILES)
    cached(root)
    (root / "people/ada.md").write_text("---\nname: Ada\n---\n## 2026-11-01 Tea\n")
    damage(root / ".hortus" / CACHE_NAME)  # type: ignore[operator]
    same(cached(root), fresh(root))
    same(cached(root), fresh(root))
    with sqlite3.connect(root / ".hortus" / CACHE_NAME) as db:
        assert db.execute("SELECT value FROM meta WHERE key='format'").fetchone() == (FORMAT,)


def test_the_garden_of_an_unchanged_vault_comes_from_the_cached_notes(
    make_vault: MakeVault,
) -> None:
    root = make_vault(FILES)
    old = os.stat(root).st_mtime_ns - 10**10
    for path in root.rglob("*.md"):
        os.utime(path, ns=(old, old))
    cached(root)
    cached(root)
    with sqlite3.connect(root / ".hortus" / CACHE_NAME) as db:  # no garden is stored
        assert db.execute("SELECT key FROM meta WHERE key = 'garden'").fetchall() == []
    db.close()
    _blob(root / ".hortus" / CACHE_NAME, b"damaged")  # and a damaged record is read again
    result = regenerate(open_vault(root), TODAY, TODAY)
    assert not result.written
    same(result.garden, fresh(root))


def _blob(path: Path, data: bytes) -> None:
    with sqlite3.connect(path) as db:
        db.execute("UPDATE files SET record = ?", (data,))
    db.close()


def _sql(path: Path, statement: str) -> None:
    with sqlite3.connect(path) as db:
        db.execute(statement)
    db.close()


def test_no_cache_when_the_state_folder_is_a_link(make_vault: MakeVault, tmp_path: Path) -> None:
    root = make_vault(FILES)
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, root / ".hortus")
    # No write lock without `.hortus/`, so no pages either (issue 13, item 19).
    with pytest.raises(NoLockError, match=r"\.hortus: it is a symbolic link"):
        cached(root)
    assert list(outside.iterdir()) == []  # nothing written through the link
    assert DiskCache.open(root) is None


def test_same_stamp_in_doubt_is_confirmed_by_the_bytes(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": "---\nname: Ada\n---\n## 2026-11-10 Tea\n"})
    vault = open_vault(root)
    store = NoteStore(root, own_outputs(vault))
    store.rescan()
    known = store.files["people/ada.md"]
    assert not known.settled  # just written: a same-size rewrite in the same tick could hide
    (root / "people/ada.md").write_text("---\nname: Eve\n---\n## 2026-11-10 Tea\n")
    # Pretend the rewrite kept the stamp (coarse mtime, same size): the hash still sees it.
    store.files["people/ada.md"] = Known(
        store.files["people/ada.md"].stamp.__class__(*_stamp(root / "people/ada.md")),
        known.digest,
        known.result,
        settled=False,
    )
    assert store.rescan().changed == ("people/ada.md",)
    assert store.notes()[0].meta.values["name"] == "Eve"


def _stamp(path: Path) -> tuple[int, int, int, int]:
    info = os.lstat(path)
    return info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns


def test_a_touch_or_a_checkout_of_the_same_bytes_is_not_a_change(make_vault: MakeVault) -> None:
    root = make_vault(FILES)
    store = NoteStore(root, own_outputs(open_vault(root)))
    store.rescan()
    os.utime(root / "people/ada.md", ns=(1, 1))
    data = (root / "people/bob.md").read_bytes()
    (root / "people/bob.md").unlink()
    (root / "people/bob.md").write_bytes(data)
    changes = store.rescan()
    assert not changes


def test_every_note_survives_the_codec(make_vault: MakeVault) -> None:
    root = make_vault(FILES)
    store = NoteStore(root, own_outputs(open_vault(root)))
    store.rescan()
    notes = store.notes()
    assert notes
    for note in notes:
        again = codec.unpack(codec.pack(note))
        assert again == note
        assert typed(again) == typed(note)  # the same types too


def test_every_note_of_the_example_vault_survives_the_codec() -> None:
    root = Path(__file__).resolve().parent.parent / "example-vault"
    store = NoteStore(root, own_outputs(open_vault(root)))
    store.rescan()
    notes = store.notes()
    assert len(notes) > 20
    for note in notes:
        assert typed(codec.unpack(codec.pack(note))) == typed(note)


@pytest.mark.parametrize(
    "yaml",
    [
        "born: 1990-04-12\nmet: 2020-01-01 10:00:00",
        "k: {1: a, 2020-01-01: b, c: [x, 2021-02-03T04:05:06+01:00]}",
        "aliases: [Ada, 'Ada L.']\ncadence: 3w\nresting: true",
        "2020-01-02: date key\n3: int key\n~: null key",
        "k: [1, [2, [3, {x: 2021-05-06}]]]",
        "k: 1e400\nj: .nan",
    ],
)
def test_front_matter_from_yaml_survives_the_codec(yaml: str) -> None:
    src = split_front_matter("people/x.md", f"---\n{yaml}\n---\nbody\n")
    note = parse_note(src)
    assert note.meta.values
    again = codec.unpack(codec.pack(note))
    assert typed(again) == typed(note)


def test_front_matter_values_are_text_and_survive_the_codec() -> None:
    src = split_front_matter(
        "people/x.md", "---\nphone: 0123\nempty:\nk: {1: [NO, '', 1:20]}\n---\nbody\n"
    )
    values = {"phone": "0123", "empty": None, "k": {"1": ["NO", "", "1:20"]}}
    assert src.meta.values == values
    again = codec.unpack(codec.pack(parse_note(src)))
    assert typed(again.meta.values) == typed(values)


@pytest.mark.parametrize(
    "value", [b"\x00", 10**30, 12, 1.5, True, dt.date(2020, 1, 2), {1: "a"}, ("a",), {"a"}]
)
def test_the_codec_refuses_values_the_reader_never_makes(value: object) -> None:
    note = Note("a.md", Meta({"raw": ["ok", value]}), None, (), (), NO_TAGS, (), ())
    with pytest.raises(codec.CodecError):
        codec.pack(note)  # no record: the note is read again each run


def test_the_codec_refuses_bytes_it_did_not_write() -> None:
    good = codec.pack(Note("a.md", Meta(), None, (), (), NO_TAGS, (), ()))
    for data in [b"", b"\xc1", good[:-3], msgspec.msgpack.encode({"path": 1}), b"\x93\x01"]:
        with pytest.raises(codec.CodecError):
            codec.unpack(data)


def test_a_note_missing_once_is_kept_until_a_second_look(make_vault: MakeVault) -> None:
    root = make_vault(FILES)
    store = NoteStore(root, own_outputs(open_vault(root)))
    store.rescan()
    ada = root / "people/ada.md"
    os.rename(ada, root / "people/ada.md~")  # vim's backup rename: ada.md is gone for a moment
    first = store.update({"people/ada.md", "people/ada.md~"})
    assert not first
    assert first.pending == ("people/ada.md",)
    assert "people/ada.md" in store.files
    os.rename(root / "people/ada.md~", ada)  # …and back
    assert not store.update({"people/ada.md"})
    ada.unlink()  # a real deletion: seen twice, then removed
    assert store.update({"people/ada.md"}).pending == ("people/ada.md",)
    assert store.update({"people/ada.md"}).removed == ("people/ada.md",)
    assert "people/ada.md" not in store.files


OUTPUTS = ("GARDEN.md", "garden.html", "GARDEN-all.md", "garden-all.html", "garden.ics")
WITH_CALENDAR: dict[str, str | bytes] = {**FILES, "hortus.toml": 'ics = "garden.ics"\n'}


def _pages(root: Path) -> dict[str, bytes]:
    return {rel: (root / rel).read_bytes() for rel in OUTPUTS}


def _fresh_pages(root: Path) -> dict[str, bytes]:
    vault = open_vault(root)
    outputs, _events = render_outputs(vault, build_garden(vault, TODAY, TODAY))
    return {out.rel: out.data for out in outputs}


def test_the_vault_has_promises_and_the_codec_keeps_their_records(make_vault: MakeVault) -> None:
    root = make_vault(FILES)
    garden = fresh(root)
    assert len(garden.promises) >= 2  # the cached-vs-fresh tests cover open promises
    assert any(p.due is not None for p in garden.promises)
    store = NoteStore(root, own_outputs(open_vault(root)))
    store.rescan()
    (ada,) = [n for n in store.notes() if n.path == "people/ada.md"]
    assert len(ada.tasks) == 4
    tasks = codec.unpack(codec.pack(ada)).tasks
    assert tasks == ada.tasks
    assert all(type(task) is Task for task in tasks)


def test_cached_and_fresh_pages_agree_for_every_output(make_vault: MakeVault) -> None:
    root = make_vault(WITH_CALENDAR)
    old = os.stat(root).st_mtime_ns - 10**10
    for path in root.rglob("*.md"):
        os.utime(path, ns=(old, old))
    first = regenerate(open_vault(root), TODAY, TODAY)
    assert (first.written, first.html_written, first.ics_written) == (True, True, True)
    assert first.ics_events > 0
    assert _pages(root) == _fresh_pages(root)
    warm = regenerate(open_vault(root), TODAY, TODAY)  # the warm path: nothing to do
    assert (warm.written, warm.html_written, warm.ics_written) == (False, False, False)
    assert warm.ics == "garden.ics"
    assert warm.ics_events == first.ics_events
    assert warm.summary == first.summary
    (root / "people/bob.md").write_text(
        "---\nname: Bob\n---\n- [ ] lend [[Ada]] a pen due:2026-11-30\n"
    )
    regenerate(open_vault(root), TODAY, TODAY)
    assert _pages(root) == _fresh_pages(root)
    same(cached(root), fresh(root))


@pytest.mark.parametrize("rel", ["garden.html", "garden.ics"])
def test_a_warm_run_writes_an_output_edited_by_hand_again(make_vault: MakeVault, rel: str) -> None:
    root = make_vault(WITH_CALENDAR)
    cached(root)
    cached(root)
    page = (root / rel).read_bytes()
    (root / rel).write_bytes(page.replace(b"Ada", b"Eve"))
    result = regenerate(open_vault(root), TODAY, TODAY)
    assert (result.html_written, result.ics_written) == (rel == "garden.html", rel == "garden.ics")
    assert not result.written
    assert (root / rel).read_bytes() == page
    assert not regenerate(open_vault(root), TODAY, TODAY).html_written  # and the cache knows


@pytest.mark.parametrize(
    "setting",
    [
        'language = "fr"',
        'garden_html = "site/index.html"',
        "daily_gestures = 1",
        "[windows]\nbirthdays = 30",
    ],
)
def test_a_changed_setting_is_never_served_from_the_warm_path(
    make_vault: MakeVault, setting: str
) -> None:
    root = make_vault(WITH_CALENDAR)
    cached(root)
    cached(root)
    (root / "hortus.toml").write_text('ics = "garden.ics"\n' + setting + "\n")
    vault = open_vault(root)
    assert not vault.config_problems, vault.config_problems
    regenerate(vault, TODAY, TODAY)
    outputs, _events = render_outputs(vault, build_garden(vault, TODAY, TODAY))
    for out in outputs:
        assert (root / out.rel).read_bytes() == out.data, out.rel


def test_regenerate_waits_for_the_one_write_lock(make_vault: MakeVault) -> None:
    """`log`, `add`, `import`, `regenerate` and the watcher share `.hortus/write.lock`."""
    root = make_vault(FILES)
    done = threading.Event()

    def run() -> None:
        regenerate(open_vault(root), TODAY, TODAY)
        done.set()

    with vault_lock(root):  # as `hortus log` holds it while it appends
        thread = threading.Thread(target=run)
        thread.start()
        time.sleep(0.3)
        assert not done.is_set()
        assert not (root / "GARDEN.md").exists()
    thread.join(10)
    assert done.is_set()
    assert (root / "GARDEN.md").exists()
    assert sorted(p.name for p in (root / ".hortus").glob("*.lock")) == ["write.lock"]
