"""Issue 13, item 1: `hortus log` beside an editor that saves every few milliseconds.

The short run of bench/stress_writers.py (the long one is `python bench/stress_writers.py`,
figures in docs/reliability.md). Whether the editor saves by rename or writes in place, no line
it wrote is lost: each is in the note, or (when a save landed on top of the entry in the very
instant hortus was putting an earlier save back) in the `.kept` file the refusal names. An
in-place writer loses no entry of `log`'s either. An editor saving by rename can itself
overwrite an entry `log` wrote between its own check and its rename: that is the editor's
gap, not hortus's, and the bench reports it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "stress_writers", ROOT / "bench" / "stress_writers.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("kind", ["in-place", "rename"])
def test_no_save_and_no_entry_is_lost_between_concurrent_writers(tmp_path: Path, kind: str) -> None:
    bench = _bench()
    bench.make_vault(tmp_path)
    outcome = bench.stress(tmp_path, kind, logs=150)
    assert outcome.editor_lines >= 10  # the editor really ran beside `log`
    assert outcome.logs > 0
    assert outcome.logs + outcome.refused == 150
    assert outcome.editor_lost == 0
    if kind == "in-place":
        assert outcome.entries_lost == 0
