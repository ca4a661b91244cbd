"""The hostile-input corpus (RELIABILITY.md §4 and more): one row per case.

A case is the files of a vault (text, bytes, or a maker for what cannot be committed: FIFOs,
sockets, links, 50 MB notes), the contacts that must still be in the garden, and each problem
that must be reported once as `path:line: message`. Every vault also holds Grace, a healthy
contact, which the garden must always list.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

GRACE = "---\nname: Grace Hopper\ncircle: close\n---\n## 2026-11-01 Coffee\n"
ADA = "---\nname: Ada Lovelace\ncircle: inner\n---\n## 2026-11-02 Tea\n"

Maker = Callable[[Path, Path], None]  # (vault, a folder outside it) → special files


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, str | bytes] = field(default_factory=dict)
    problems: tuple[tuple[str, int, str], ...] = ()  # (path, line, words of the message)
    good: tuple[tuple[str, str], ...] = ()  # (name, path) listed in the garden besides Grace
    make: Maker | None = None
    refused: str = ""  # `regenerate` refuses with these words (the garden is the user's)
    absent: tuple[str, ...] = ()  # text that must not reach GARDEN.md or garden.html
    budget: float = 10.0  # seconds for all the commands of the run


def _fifo(root: Path, outside: Path) -> None:
    os.mkfifo(root / "people/fifo.md")


def _socket(root: Path, outside: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(root / "people/sock.md"))
    server.close()


def _linked_note(root: Path, outside: Path) -> None:
    (outside / "secret.md").write_text("---\nname: Outside Secret\n---\nSECRET-TEXT\n")
    os.symlink(outside / "secret.md", root / "people/secret.md")


def _linked_folder_out(root: Path, outside: Path) -> None:
    (outside / "others").mkdir()
    (outside / "others/eve.md").write_text("---\nname: Outside Eve\n---\nSECRET-TEXT\n")
    os.symlink(outside / "others", root / "people/others")


def _loop(root: Path, outside: Path) -> None:
    os.symlink(".", root / "people/loop")
    os.symlink("..", root / "people/up")


def _dangling(root: Path, outside: Path) -> None:
    os.symlink("nowhere/at/all.md", root / "people/gone.md")


def _dir_md(root: Path, outside: Path) -> None:
    (root / "people/dir.md").mkdir()
    (root / "people/dir.md/readme.txt").write_text("not a note\n")


def _huge(root: Path, outside: Path) -> None:
    with open(root / "people/huge.md", "wb") as handle:
        handle.write(b"---\nname: Huge\n---\n")
        chunk = b"- 2026-11-01 words words words words words words\n" * 20_000
        while handle.tell() < 50 * 2**20:
            handle.write(chunk)


def _sparse(root: Path, outside: Path) -> None:
    with open(root / "people/sparse.md", "wb") as handle:
        handle.truncate(3 * 2**30)  # 3 GiB of holes: never read into memory


def _odd_names(root: Path, outside: Path) -> None:
    with open(os.path.join(os.fsencode(root), b"people/caf\xe9.md"), "wb") as handle:
        handle.write(b"---\nname: Latin One\n---\n")
    (root / "people/new\nline.md").write_text("---\nname: Newline\n---\n")
    (root / "people/bell\a.md").write_text("---\nname: Bell\n---\n")


def _long_name(root: Path, outside: Path) -> None:
    (root / "people" / ("l" * 250 + ".md")).write_text("---\nname: Long Name\n---\n")


def _alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join(['*' + previous] * 9)}]")
    return "---\nname: Ada\n" + "\n".join(lines) + "\n---\n"


def _block_nesting(depth: int) -> str:
    return "---\nname: Ada\nx:\n" + "".join(" " * i + "k:\n" for i in range(1, depth)) + "---\n"


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 40
XSS = (
    '---\nname: "<img src=x onerror=alert(1)>"\nwebsite: "java\\tscript:alert(1)"\n'
    'url2: "javascript&colon;alert(1)"\nhomepage: " JaVaScRiPt:alert(1)"\n'
    'photo: "data:text/html,<script>alert(1)</script>"\ncircle: inner\n---\n'
    "- 2026-11-19 <script>alert(1)</script> [x](javascript:alert(1)) <!-- --><script>x</script>\n"
    '- 2026-11-18 <a href="javascript:alert(2)">y</a> <svg onload=alert(3)> <style>*{}</style>\n'
    "- 2026-11-17 ![p](https://evil.example/p.png) [[<img onerror=alert(4)>]] [v](vbscript:x)\n"
)

CASES: list[Case] = [
    # -- encodings and line breaks (§4 rows 1–4) --
    Case(
        "bom",
        {"people/bom.md": b"\xef\xbb\xbf" + ADA.encode()},
        good=(("Ada Lovelace", "people/bom.md"),),
    ),
    Case(
        "bom-only",
        {"people/bom-only.md": b"\xef\xbb\xbf"},
        good=(("bom-only", "people/bom-only.md"),),
    ),
    Case(
        "utf16",
        {"people/utf16.md": b"\xff\xfe" + ADA.encode("utf-16-le")},
        (("people/utf16.md", 1, "UTF-16"),),
    ),
    Case(
        "utf16-be",
        {"people/utf16be.md": b"\xfe\xff" + ADA.encode("utf-16-be")},
        (("people/utf16be.md", 1, "UTF-16"),),
    ),
    Case(
        "latin1",
        {"people/latin1.md": b"---\nname: Jos\xe9\n---\n"},
        (("people/latin1.md", 1, "not valid UTF-8 (byte 0xE9 on line 2)"),),
    ),
    Case(
        "surrogate-bytes",
        {"people/sur.md": b"---\nname: \xed\xa0\x80\n---\n"},
        (("people/sur.md", 1, "not valid UTF-8"),),
    ),
    Case(
        "truncated-utf8",
        {"people/cut.md": "---\nname: Zoë\n---\n".encode()[:-6] + b"\xc3"},
        (("people/cut.md", 1, "not valid UTF-8"),),
    ),
    Case(
        "crlf",
        {"people/crlf.md": ADA.replace("\n", "\r\n").encode()},
        good=(("Ada Lovelace", "people/crlf.md"),),
    ),
    Case(
        "lone-cr",
        {"people/cr.md": ADA.replace("\n", "\r").encode()},
        good=(("Ada Lovelace", "people/cr.md"),),
    ),
    Case(
        "mixed-eol",
        {"people/mixed.md": b"---\r\nname: Ada Lovelace\ncircle: inner\r---\n## 2026-11-02 Tea"},
        good=(("Ada Lovelace", "people/mixed.md"),),
    ),
    Case(
        "no-final-newline",
        {"people/nofinal.md": ADA.rstrip("\n")},
        good=(("Ada Lovelace", "people/nofinal.md"),),
    ),
    Case(
        "empty", {"people/ada-lovelace.md": b""}, good=(("ada-lovelace", "people/ada-lovelace.md"),)
    ),
    # -- front matter (§4 rows 6–16) --
    Case(
        "unclosed-front-matter",
        {"people/ada.md": "---\nname: Ada\ncircle: inner\n"},
        (("people/ada.md", 1, "front matter opened at line 1 is not closed"),),
        good=(("ada", "people/ada.md"),),
    ),
    Case(
        "front-matter-a-list",
        {"people/ada.md": "---\n- a\n- b\n---\n"},
        (("people/ada.md", 2, "must be a mapping"),),
    ),
    Case(
        "front-matter-a-scalar",
        {"people/ada.md": "---\njust some words\n---\n"},
        (("people/ada.md", 2, "must be a mapping"),),
    ),
    Case(
        "front-matter-empty",
        {"people/ada.md": "---\n---\n# Ada\n"},
        good=(("Ada", "people/ada.md"),),
    ),
    Case(
        "yaml-unterminated-quote",
        {"people/ada.md": '---\nname: Ada\ncircle: inner\nnote: he said: "no\n---\n'},
        (("people/ada.md", 4, "not valid YAML"),),
        good=(("ada", "people/ada.md"),),
    ),
    Case(
        "yaml-tab-indent",
        {"people/bob.md": "---\n\nname: Bob\nextra:\n\tkey: 1\n---\n"},
        (("people/bob.md", 5, "not valid YAML"),),
        good=(("bob", "people/bob.md"),),
    ),
    Case(
        "alias-bomb",
        {"people/ada.md": _alias_bomb()},
        (("people/ada.md", 3, "anchors or aliases"),),
        good=(("ada", "people/ada.md"),),
    ),
    Case(
        "merge-key",
        {"people/ada.md": "---\nbase: &b {circle: inner}\nname: Ada\nf:\n  <<: *b\n---\n"},
        (("people/ada.md", 2, "anchors or aliases"),),
        good=(("ada", "people/ada.md"),),
    ),
    Case(
        "deep-flow-nesting",
        {"people/ada.md": "---\nname: Ada\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n"},
        (("people/ada.md", 3, "nest"),),
        good=(("ada", "people/ada.md"),),
    ),
    Case(
        "deep-block-nesting",
        {"people/ada.md": _block_nesting(1500)},
        (("people/ada.md", 1002, "nesting depth"),),
        good=(("ada", "people/ada.md"),),
    ),
    Case(
        "python-tag",
        {
            "people/ada.md": "---\nname: Ada\n"
            'run: !!python/object/apply:os.system ["touch PWNED"]\n---\n'
        },
        (("people/ada.md", 3, "YAML tag"),),
        good=(("ada", "people/ada.md"),),
    ),
    Case(
        "custom-tag",
        {"people/ada.md": "---\nname: Ada\nmood: !custom sunny\n---\n"},
        (("people/ada.md", 3, "YAML tag '!custom'"),),
        good=(("ada", "people/ada.md"),),
    ),
    Case(
        "binary-tag",
        {"people/ada.md": "---\nname: Ada\npic: !!binary aGVsbG8=\n---\n"},
        (("people/ada.md", 3, "YAML tag"),),
        good=(("ada", "people/ada.md"),),
    ),
    Case(
        "bad-field-dates",
        {
            "people/ada.md": "---\nname: Ada\nbirthday: 2024-13-45\n"
            "met: 2023-02-30\nsince: 0000-01-01\n---\n"
        },
        # Only the birthday is a date hortus reads; `met` and `since` are kept as written.
        (("people/ada.md", 3, "birthday '2024-13-45' is not a date"),),
        good=(("Ada", "people/ada.md"),),
    ),
    Case(
        "bad-entry-dates",
        {"journal/week.md": "## 2024-02-30 x\n## 0000-01-01 y\n## 2026-11-03 [[Grace Hopper]]\n"},
        (("journal/week.md", 1, "not a real date"), ("journal/week.md", 2, "not a real date")),
    ),
    Case(
        "odd-keys",
        {
            "people/ada.md": "---\nname: Ada\n1: one\ntrue: x\n2024-05-01: met\n"
            "content: hi\nhandler: x\nnull: y\n---\n"
        },
        good=(("Ada", "people/ada.md"),),
    ),
    Case(
        "duplicate-key",
        {"people/ada.md": "---\nname: Ada\ncircle: inner\nname: Ada Lovelace\n---\n"},
        (("people/ada.md", 4, "'name' appears twice (lines 2 and 4)"),),
        good=(("Ada Lovelace", "people/ada.md"),),
    ),
    Case(
        "huge-numbers",
        {
            "people/ada.md": "---\nname: Ada\nn: "
            + "9" * 5000
            + "\nf: 1e99999\ncadence: 99999999999999999999\n---\n"
        },
        # `n` and `f` are kept as the text they are; only the cadence is read as a number.
        (("people/ada.md", 5, "cadence"),),
        good=(("Ada", "people/ada.md"),),
    ),
    Case(
        "wrong-types",
        {
            "people/ada.md": "---\nname: [Ada, Lovelace]\ncircle: {a: 1}\n"
            "aliases: 42\nbirthday: [1]\ncadence: -5\n---\n"
        },
        (
            ("people/ada.md", 2, "name should be one line of text, not a list"),
            ("people/ada.md", 3, "unknown circle"),
            ("people/ada.md", 5, "birthday ['1'] is not a date"),
            ("people/ada.md", 6, "cadence"),
        ),
        good=(("ada", "people/ada.md"),),
    ),
    Case(
        "huge-cadence",
        {
            "people/ada.md": "---\nname: Ada\ncadence: 99999999999999999999\n"
            "birthday: 1992-02-29\n---\n## 2026-01-01 x\n"
        },
        (("people/ada.md", 3, "cadence"),),
        good=(("Ada", "people/ada.md"),),
    ),
    Case("brace-first", {"people/ada.md": '{\n"name": "x"\n}\n'}, good=(("ada", "people/ada.md"),)),
    Case(
        "huge-front-matter",
        {
            "people/ada.md": "---\nname: Ada\n"
            + "".join(f"k{i}: v\n" for i in range(6000))
            + "---\n"
        },
        (("people/ada.md", 2, "too large"),),
        good=(("ada", "people/ada.md"),),
    ),
    # -- binary and size (§4 rows 18–20) --
    Case("png", {"people/png.md": PNG}, (("people/png.md", 1, "binary (NUL byte at offset"),)),
    Case(
        "nul",
        {"people/nul.md": b"---\nname: N\x00ul\n---\n"},
        (("people/nul.md", 1, "binary (NUL byte at offset 11)"),),
    ),
    Case("huge-50mb", make=_huge, problems=(("people/huge.md", 1, "larger than 2 MiB"),)),
    Case("sparse-3gb", make=_sparse, problems=(("people/sparse.md", 1, "larger than 2 MiB"),)),
    Case("long-line", {"journal/line.md": "[[Grace Hopper]] " + "x" * 1_900_000}),
    # 500,000 `[` took 3.3 s per read (2 MiB: 15 s) before the link rule was bounded (parse.py).
    Case("open-brackets", {"journal/brackets.md": "[" * 500_000 + "\n"}, budget=5.0),
    Case(
        "unbalanced-mentions",
        {"journal/mentions.md": "[[" * 100_000 + "\n## 2026-11-03 [[Grace Hopper]]\n"},
        budget=3.0,
    ),
    Case(
        "brackets-and-links",
        {"journal/links.md": "x\n" + "[" * 30_000 + " [a](https://example.com)\n"},
        (("journal/links.md", 1, "read as plain text"),),
        budget=3.0,
    ),
    Case("deep-list", {"journal/list.md": "".join("  " * i + "- x\n" for i in range(1000))}),
    Case("deep-quote", {"journal/quote.md": ">" * 50_000 + " x\n"}),
    Case(
        "many-entries",
        {
            "journal/many.md": "".join(
                f"## 2026-{m:02d}-{d:02d} [[Grace Hopper]] [[Nobody {m}]]\n"
                for m in range(1, 12)
                for d in range(1, 29)
            )
            * 20
        },
    ),
    # -- hostile text reaching the page (§4 row 21) --
    Case(
        "xss",
        {"people/xss.md": XSS},
        good=(("\\<img src=x onerror=alert(1)\\>", "people/xss.md"),),
        absent=("javascript:", "<script", "vbscript:"),
    ),
    Case(
        "xss-file-name",
        {"journal/<script>alert(1)<!--.md": "[[<b>Bold</b>]] and [[../../etc/passwd]]\n"},
        absent=("<script>", "<b>", "../../"),
    ),
    Case(
        "markdown-in-a-name",
        {
            "people/ada.md": '---\nname: "Ada](https://evil.example) [x"\n'
            'email: "a@b.c>\\nbcc: x"\n---\n'
        },
        # The e-mail is no address (issue 13, item 17); GARDEN.md links no scheme:// (item 16).
        (("people/ada.md", 3, "is not an e-mail address"),),
        good=(("Ada\\](https\\://evil.example) \\[x", "people/ada.md"),),
        absent=('href="https://evil', "mailto:"),
    ),
    Case(
        "unicode-line-separators",
        {
            "journal/seps.md": "a\u2028b\x0bc\x0cd\x1ce\x85f\u2029g\n"
            "## 2026-02-30 bad\n- 2026-11-03 [[Grace Hopper]]\n"
        },
        (("journal/seps.md", 2, "not a real date"),),
    ),
    Case(
        "bidi-and-zero-width",
        {"people/ada.md": '---\nname: "Ada\u202eecalevol\u200b"\n---\n'},
        good=(("Ada\u202eecalevol\u200b", "people/ada.md"),),
    ),
    # -- special files and links (§4 rows 23–26) --
    Case("fifo", make=_fifo, problems=(("people/fifo.md", 1, "not a regular file"),)),
    Case("unix-socket", make=_socket, problems=(("people/sock.md", 1, "not a regular file"),)),
    Case(
        "linked-note-out",
        make=_linked_note,
        problems=(("people/secret.md", 1, "symbolic link"),),
        absent=("SECRET-TEXT", "Outside Secret"),
    ),
    Case(
        "linked-folder-out",
        make=_linked_folder_out,
        absent=("SECRET-TEXT", "Outside Eve"),
        problems=(("people/others/", 1, "a linked folder"),),  # issue 13, item 11
    ),
    Case(
        "folder-loops",
        make=_loop,
        problems=(("people/loop/", 1, "a linked folder"), ("people/up/", 1, "a linked folder")),
    ),
    Case("dangling-link", make=_dangling, problems=(("people/gone.md", 1, "symbolic link"),)),
    Case("folder-named-md", make=_dir_md),
    Case(
        "case-twins",
        {"people/Ada.md": ADA, "people/ada.md": "---\nname: Ada Byron\n---\n"},
        good=(("Ada Lovelace", "people/Ada.md"), ("Ada Byron", "people/ada.md")),
    ),
    Case(
        "unicode-form-twins",
        {
            "people/Jos\u00e9.md": "---\nname: José A\n---\n",
            "people/Jose\u0301.md": "---\nname: José B\n---\n",
        },
        good=(("José A", "people/Jos\u00e9.md"), ("José B", "people/Jose\u0301.md")),
    ),
    Case(
        "odd-file-names",
        make=_odd_names,
        problems=(
            ("people/caf\ufffd.md", 1, "file name"),
            ("people/new\\x0aline.md", 1, "file name"),
            ("people/bell\\x07.md", 1, "file name"),
        ),
    ),
    Case("long-file-name", make=_long_name, good=(("Long Name", "people/" + "l" * 250 + ".md"),)),
    # -- litter, conflicts, hidden folders (§4 row 27) --
    Case(
        "editor-litter",
        {
            "people/ada.md": ADA,
            "people/ada.md~": ADA,
            "people/.ada.md.swp": b"b0VIM\x00",
            "people/4913": b"",
            "people/~$ada.md": b"\x05G\x00",
            "people/.~lock.ada.md#": "x\n",
            "people/.goutputstream-X": ADA,
            "people/#ada.md#": ADA,
        },
        good=(("Ada Lovelace", "people/ada.md"),),
    ),
    Case(
        "sync-conflicts",
        {
            "people/Ada.md": ADA,
            "people/Ada (conflicted copy 2024-05-01).md": ADA,
            "people/Ada.sync-conflict-20240501-120000-ABCDEFG.md": ADA,
        },
        (
            ("people/Ada (conflicted copy 2024-05-01).md", 1, "sync conflict"),
            ("people/Ada.sync-conflict-20240501-120000-ABCDEFG.md", 1, "sync conflict"),
        ),
        good=(("Ada Lovelace", "people/Ada.md"),),
    ),
    Case(
        "hidden-folders",
        {
            ".git/x.md": ADA,
            ".obsidian/y.md": ADA,
            ".trash/z.md": ADA,
            "templates/person.md": ADA,
            "node_modules/a.md": ADA,
        },
        absent=("Ada Lovelace",),
    ),
    # -- the garden's own path and the settings (§4 row 28) --
    Case(
        "user-garden", {"GARDEN.md": "# My own garden notes\n"}, refused="was not written by hortus"
    ),
    Case("user-garden-html", {"garden.html": "<p>mine</p>\n"}, refused="was not written by hortus"),
    Case(
        "user-garden-all",
        {"GARDEN-all.md": "# All my lists\n"},
        refused="was not written by hortus",
    ),
    Case(
        "settings-garden-on-a-note",
        {"people/ada.md": ADA, "hortus.toml": 'garden = "people/ada.md"\n'},
        refused="people/ada.md exists and was not written by hortus",
    ),
    Case(
        "settings-html-on-a-note",
        {"people/ada.md": ADA, "hortus.toml": 'garden_html = "people/ada.md"\n'},
        refused="people/ada.md exists and was not written by hortus",
    ),
    Case(
        "settings-calendar-on-a-note",
        {"people/ada.md": ADA, "hortus.toml": 'ics = "people/ada.md"\n'},
        (("hortus.toml", 1, "'ics' must not be a Markdown note"),),
        good=(("Ada Lovelace", "people/ada.md"),),
    ),
    Case(
        "settings-garden-absolute",
        {"hortus.toml": 'garden = "/tmp/hortus-outside.md"\n'},
        (("hortus.toml", 1, "'garden' must be a path inside the vault"),),
    ),
    Case(
        "settings-garbage",
        {"hortus.toml": b"\x00\xff [[[ garbage"},
        (("hortus.toml", 1, "not valid UTF-8"),),
    ),
    Case("settings-bad-toml", {"hortus.toml": "language = [\n"}, (("hortus.toml", 1, ""),)),
    Case(
        "settings-escape",
        {"hortus.toml": 'garden = "../outside.md"\n'},
        (("hortus.toml", 1, "garden"),),
    ),
]
