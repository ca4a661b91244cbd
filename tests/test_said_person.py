"""A French vault hears in French why hortus would not write to a person's note, make a contact,
take the lock or watch natively (the sentences of `person/`, `files/`, `loader/` and `watch/`)."""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from hortus.cli import main
from hortus.core.errors import NoLockError, WriteError
from hortus.core.model import Problem, Source
from hortus.core.reasons import os_reason
from hortus.core.said import said
from hortus.files.lock import vault_lock
from hortus.loader import open_vault
from hortus.loader.live import LiveGarden
from hortus.person.append import unskipped
from hortus.person.promise import with_kept
from hortus.render.i18n import catalogue
from hortus.watch.debounce import Timing
from hortus.watch.watcher import Watcher
from tests.conftest import MakeVault

FRENCH = {
    "hortus.toml": 'today = 2026-11-20\nlanguage = "fr"\n',
    "people/ada.md": "---\nname: Ada Lovelace\n---\n- 2026-11-01: tea\n",
}
NBSP = "\u00a0"


def _run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def test_a_tag_hortus_cannot_read_is_refused_in_french(make_vault: MakeVault) -> None:
    root = make_vault(FRENCH)
    result = _run("--vault", str(root), "log", "ada", "tea", "--tag", "!!")
    assert result.exit_code == 1
    assert result.stderr == (
        f"hortus: «{NBSP}!!{NBSP}» n’est pas une étiquette que hortus sait lire{NBSP}: "
        f"utilisez des lettres, des chiffres, «{NBSP}-{NBSP}», «{NBSP}_{NBSP}» et "
        f"«{NBSP}/{NBSP}», avec au moins une lettre\n"
    )


def test_a_name_that_reads_like_a_path_is_refused_in_french(make_vault: MakeVault) -> None:
    root = make_vault(FRENCH)
    result = _run("--vault", str(root), "add", "../evil")
    assert result.exit_code == 1
    assert f"«{NBSP}../evil{NBSP}» n’est pas un nom de personne" in result.stderr
    assert not (root / "evil.md").exists()


def test_a_name_already_taken_is_named_in_french(make_vault: MakeVault) -> None:
    root = make_vault(FRENCH)
    result = _run("--vault", str(root), "add", "Ada Lovelace")
    assert result.exit_code == 1
    assert f"le nom «{NBSP}Ada Lovelace{NBSP}»" in result.stderr


def test_a_read_only_note_is_refused_in_french(make_vault: MakeVault) -> None:
    root = make_vault(FRENCH)
    note = root / "people/ada.md"
    before = note.read_bytes()
    os.chmod(note, stat.S_IRUSR | stat.S_IRGRP)
    try:
        result = _run("--vault", str(root), "log", "ada", "tea again")
    finally:
        os.chmod(note, stat.S_IRUSR | stat.S_IWUSR)
    assert result.exit_code == 1
    assert (
        f"il est en lecture seule (son propriétaire ne peut pas y écrire){NBSP}; "
        "rien n’a été écrit" in result.stderr
    )
    assert note.read_bytes() == before


def test_a_promise_gone_from_its_line_is_said_in_french() -> None:
    with pytest.raises(WriteError) as caught:
        with_kept("people/ada.md", b"# Ada\n- [ ] a\n", 2, "b", dt.date(2026, 11, 20))
    assert catalogue("fr").say(caught.value.reason) == (
        f"plus aucune promesse ouverte ne dit «{NBSP}b{NBSP}» (c’était la ligne 2){NBSP}; "
        "rien n’a été écrit"
    )


def test_the_system_s_reason_is_said_in_french() -> None:
    denied = OSError(errno.EACCES, os.strerror(errno.EACCES))
    assert str(os_reason(denied)) == os.strerror(errno.EACCES)
    assert catalogue("fr").say(os_reason(denied)) == "permission refusée"
    odd = OSError(errno.EIO, "the disk said something new")
    assert catalogue("fr").say(os_reason(odd)) == "the disk said something new"


def test_a_vault_whose_state_folder_is_a_file_cannot_be_locked(tmp_path: Path) -> None:
    (tmp_path / ".hortus").write_text("not a folder")
    with pytest.raises(NoLockError) as caught, vault_lock(tmp_path):
        pass
    assert str(caught.value.reason) == "it is a file, not a folder"
    assert catalogue("fr").say(caught.value.reason) == "c’est un fichier, pas un dossier"


def test_a_skipped_file_is_a_reason_without_its_skipped() -> None:
    inner = said("not a regular file")
    skipped = Problem(Source("people/ada.md", 1), said("{problem}; skipped", problem=inner))
    assert unskipped(skipped) is inner
    whole = Problem(Source("people/ada.md", 3), said("'name' appears twice"))
    assert unskipped(whole) is whole.said


def test_polling_is_said_in_french(make_vault: MakeVault) -> None:
    def refuse() -> object:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    lines: list[str] = []
    watcher = Watcher(
        LiveGarden(open_vault(make_vault(FRENCH)), None),
        lambda: dt.date(2026, 11, 20),
        lines.append,
        Timing(poll_every=0.1),
        observer_factory=refuse,  # type: ignore[arg-type]
    )
    observer = watcher._start_observer()
    observer.stop()
    observer.join(timeout=5)
    assert lines == [
        f"impossible de surveiller directement (plus de place sur le disque){NBSP}; hortus "
        "regarde plutôt toutes les 0.1 s. Pour surveiller directement, relevez les limites "
        "d’inotify, par exemple `sudo sysctl fs.inotify.max_user_watches=524288 "
        "fs.inotify.max_user_instances=512`"
    ]
