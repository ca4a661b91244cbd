"""Properties the other tests do not cover yet, and the parser's fuzz run.

- the reader and parser never raise on any BYTES (tests/test_properties.py covers text);
- `regenerate` is idempotent: a second run writes nothing, and the cached pages equal a fresh
  build's;
- appending to any file on disk keeps every earlier byte or writes nothing at all.

The fuzz run feeds a few thousand byte strings, built to look like notes, through the whole
reading path under a time budget. CI runs it as part of the suite; set HORTUS_FUZZ_EXAMPLES
to run it longer. Whatever it finds is added to tests/hostile/cases.py as a regression case.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hortus.core.errors import HortusError
from hortus.core.model import Problem
from hortus.loader import build_garden, open_vault, regenerate
from hortus.notes.parse import parse_note
from hortus.notes.read import decode_note, read_note
from hortus.person.append import NewEntry, append_entry
from hortus.render.markdown import render_markdown

FUZZ_EXAMPLES = int(os.environ.get("HORTUS_FUZZ_EXAMPLES", "5000"))
FUZZ_BUDGET = float(os.environ.get("HORTUS_FUZZ_SECONDS", "25"))
TODAY = dt.date(2026, 11, 20)

_PIECES = [
    b"---\n",
    b"---\r\n",
    b"...\n",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x00",
    b"\xc3",
    b"\xed\xa0\x80",
    b"name: ",
    b"circle: inner\n",
    b"cadence: 3w\n",
    b"birthday: 2024-02-30\n",
    b"aliases: [",
    b"&a ",
    b"*a",
    b"!!python/object:x ",
    b"!t ",
    b"<<: ",
    b"{",
    b"}",
    b"[",
    b"]",
    b"[[",
    b"]]",
    b"## 2026-11-20 ",
    b"- 2026-02-30 ",
    b"- [ ] ",
    b"#tag ",
    b"```\n",
    b"> ",
    b"\t",
    b"\r",
    b"\n",
    b" ",
    b"Zo\xc3\xab",
    b"e\xcc\x81",
    b"<script>",
    b"](javascript:x)",
    b"|",
    b":",
    b"\\",
]
NOTE_BYTES = st.one_of(
    st.binary(max_size=400),
    st.lists(st.sampled_from(_PIECES) | st.binary(max_size=6), max_size=60).map(b"".join),
)


def _read_all_the_way(data: bytes) -> None:
    for rel in ("people/x.md", "journal/2026-11-20.md"):
        source = decode_note(rel, data)
        note = source if isinstance(source, Problem) else parse_note(source)
        problems = (note,) if isinstance(note, Problem) else note.problems
        assert all(p.source.line >= 1 and p.source.path == rel for p in problems)


@settings(max_examples=300, deadline=None)
@given(NOTE_BYTES)
def test_reading_any_bytes_never_raises(data: bytes) -> None:
    _read_all_the_way(data)


_STARTED: list[float] = []


@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(NOTE_BYTES)
def test_fuzz_the_reader(data: bytes) -> None:
    if not _STARTED:
        _STARTED.append(time.monotonic())
    if time.monotonic() - _STARTED[0] > FUZZ_BUDGET:
        return  # the budget is spent: CI affords this much
    _read_all_the_way(data)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(NOTE_BYTES, min_size=1, max_size=5))
def test_regenerate_is_idempotent(notes: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "people").mkdir()
        (root / "people/grace.md").write_bytes(b"---\nname: Grace\n---\n## 2026-11-01 Tea\n")
        for i, data in enumerate(notes):
            (root / f"people/n{i}.md").write_bytes(data)
        vault = open_vault(root)
        first = regenerate(vault, TODAY, TODAY)
        garden = (root / "GARDEN.md").read_bytes()
        again = regenerate(vault, TODAY, TODAY)
        assert first.written and not again.written
        assert (root / "GARDEN.md").read_bytes() == garden
        fresh = render_markdown(build_garden(vault, TODAY, TODAY), "GARDEN.md").encode()
        assert garden == fresh


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NOTE_BYTES, st.text(alphabet="abc é.!-", min_size=1, max_size=20).filter(str.strip))
def test_appending_on_disk_keeps_every_earlier_byte_or_writes_nothing(
    data: bytes, text: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "people").mkdir()
        note = root / "people/ada.md"
        note.write_bytes(data)
        try:
            append_entry(root, "people/ada.md", NewEntry(TODAY, text))
        except HortusError:
            assert note.read_bytes() == data  # refused: not a byte changed
        else:
            new = note.read_bytes()
            assert new.startswith(data) and len(new) > len(data)
            assert not isinstance(read_note(root, "people/ada.md"), Problem)
        assert sorted(os.listdir(root / "people")) == ["ada.md"]
