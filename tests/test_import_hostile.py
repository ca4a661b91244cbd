"""`hortus import` on hostile files, end to end in a subprocess with a memory cap and a time
budget (RELIABILITY.md §4, rows 29-32): the good people are imported, nothing else."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import MakeVault, index_of

CAPPED = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (768 * 1024 * 1024, 768 * 1024 * 1024))
from hortus.cli import main
sys.exit(main())
"""


def hortus(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CAPPED, *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_hostile_vcf_under_a_memory_cap(make_vault: MakeVault, tmp_path: Path) -> None:
    root = make_vault({"hortus.toml": ""})
    path = tmp_path / "hostile.vcf"
    with path.open("wb") as out:
        out.write(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Photo\r\nPHOTO;ENCODING=b;TYPE=JPEG:")
        chunk = b"QUFB" * (1024 * 256)
        for _ in range(30):  # 30 MiB on one line
            out.write(chunk)
        out.write(b"\r\nEND:VCARD\r\n")
        out.write(b"BEGIN:VCARD\n" * 2000 + b"VERSION:3.0\nFN:Deep\n" + b"END:VCARD\n" * 2000)
        out.write(b"BEGIN:VCARD\nVERSION:3.0\nFN:../../etc/passwd\nEND:VCARD\n")
        out.write(b"BEGIN:VCARD\nVERSION:3.0\nFN:<script>alert(1)</script>\nEND:VCARD\n")
        out.write(b"BEGIN:VCARD\nVERSION:3.0\nFN:No End\n")
    start = time.monotonic()
    result = hortus("--vault", str(root), "import", "vcard", str(path), "--write")
    assert time.monotonic() - start < 30
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        "Created 4 contacts (circle weak), 0 already there, 3 problems."
    )
    names = sorted(c.name for c in index_of(root).contacts)
    assert names == ["../../etc/passwd", "<script>alert(1)</script>", "Big Photo", "Deep"]
    assert sorted(p.name for p in (root / "people").iterdir()) == [
        "big-photo.md",
        "deep.md",
        "etc-passwd.md",
        "script-alert-1-script.md",
    ]
    assert not (tmp_path / "etc").exists()


def test_a_hostile_csv_under_a_memory_cap(make_vault: MakeVault, tmp_path: Path) -> None:
    root = make_vault({"hortus.toml": ""})
    path = tmp_path / "broken.csv"
    rows = [
        "First Name,Last Name,Email Address,Company",
        'Ada,"Lovelace,ada@example.com,x',  # never closed
        "Bob,Stone,bob@example.com," + "y" * 200_000,  # a 200 KB cell
        'Cy,Twombly,cy@example.com,"=HYPERLINK(""http://evil"")"',
        "@SUM(1+1),+1 555 0100,,",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = hortus("--vault", str(root), "import", "linkedin", str(path), "--write")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        "Created 2 contacts (circle weak), 0 already there, 2 problems."
    )
    assert f"{path}:2: a quote here is never closed" in result.stdout
    assert f"{path}:3: a cell is larger than 128 KiB; this row is skipped" in result.stdout
    cy = (root / "people/cy-twombly.md").read_text(encoding="utf-8")
    assert 'company: =HYPERLINK("http://evil")\n' in cy
    assert sorted(c.name for c in index_of(root).contacts) == [
        "@SUM(1+1) +1 555 0100",
        "Cy Twombly",
    ]
