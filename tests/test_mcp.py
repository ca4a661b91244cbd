"""`hortus mcp`, as an assistant meets it: the server started as a subprocess, spoken to over
stdio with the official SDK's client (`mcp.ClientSession` and `stdio_client`).

Each test starts one server and makes all its calls in that session (starting one costs about
a second). The example vault's answers are kept in tests/golden/mcp/ (`pytest --update-golden`
rewrites them; review the diff).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import textwrap
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import ClientSession, StdioServerParameters, stdio_client
from mcp.types import CallToolResult

from tests.conftest import MakeVault

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "example-vault"
GOLDEN = Path(__file__).resolve().parent / "golden" / "mcp"

READ_TOOLS = ["garden_today", "person", "search_notes", "people_by_field", "dates_between"]
WRITE_TOOLS = ["log_entry", "add_promise"]

Talk = Callable[[ClientSession], Awaitable[None]]


def converse(
    vault: Path,
    talk: Talk,
    *args: str,
    errlog: Path | None = None,
    env: dict[str, str] | None = None,
) -> None:
    """Start `hortus --vault VAULT mcp ARGS` and run `talk` in an initialised session."""
    command = [sys.executable, "-m", "hortus", "--vault", str(vault), "mcp", *args]
    start(command, vault, talk, errlog=errlog, env=env)


def start(
    command: list[str],
    cwd: Path,
    talk: Talk,
    *,
    errlog: Path | None = None,
    env: dict[str, str] | None = None,
) -> None:
    params = StdioServerParameters(command=command[0], args=command[1:], env=env, cwd=str(cwd))

    async def main() -> None:
        with open(errlog or os.devnull, "w", encoding="utf-8") as err:
            async with (
                stdio_client(params, errlog=err) as (read, write),
                ClientSession(read, write) as session,
            ):
                await session.initialize()
                await talk(session)

    anyio.run(main)


async def call(session: ClientSession, tool: str, **arguments: Any) -> dict[str, Any]:
    """A tool's answer that is not an error: its structured content, which its text repeats."""
    result = await session.call_tool(tool, arguments)
    assert not result.is_error, _text(result)
    assert result.structured_content is not None
    assert json.loads(_text(result)) == result.structured_content
    return result.structured_content


async def fails(session: ClientSession, tool: str, **arguments: Any) -> str:
    """A tool's error result: one clear message, never a traceback."""
    result = await session.call_tool(tool, arguments)
    assert result.is_error
    text = _text(result)
    assert "Traceback" not in text and 'File "' not in text
    return text


def _text(result: CallToolResult) -> str:
    texts = [block.text for block in result.content if block.type == "text"]
    assert len(texts) == 1
    return texts[0]


def _copy_example(tmp_path: Path) -> Path:
    root = tmp_path / "example-vault"
    shutil.copytree(EXAMPLE, root)
    return root


def test_the_tools_listed_without_and_with_allow_write(tmp_path: Path) -> None:
    vault = _copy_example(tmp_path)
    listed: dict[str, list[Any]] = {}

    def listing(key: str) -> Talk:
        async def talk(session: ClientSession) -> None:
            listed[key] = (await session.list_tools()).tools
            if key == "read":  # a writing tool is not offered, and cannot be called either
                message = await fails(session, "log_entry", name="Omar", text="Coffee")
                assert "log_entry" in message

        return talk

    converse(vault, listing("read"))
    converse(vault, listing("write"), "--allow-write")
    assert [tool.name for tool in listed["read"]] == READ_TOOLS
    assert [tool.name for tool in listed["write"]] == READ_TOOLS + WRITE_TOOLS
    for tool in listed["write"]:
        assert tool.description and tool.title, tool.name
        assert tool.input_schema["type"] == "object"
        assert tool.annotations is not None
        assert tool.annotations.read_only_hint is (tool.name in READ_TOOLS)
        assert tool.annotations.open_world_hint is False
    person = next(tool for tool in listed["read"] if tool.name == "person")
    assert person.input_schema["required"] == ["name"]
    assert person.input_schema["properties"]["recent"]["maximum"] == 50
    dates = next(tool for tool in listed["read"] if tool.name == "dates_between")
    assert dates.input_schema["required"] == ["start", "end"]
    # Reading wrote no note: only the cache in .hortus/ is new.
    changed = [
        p.relative_to(vault).as_posix()
        for p in vault.rglob("*")
        if p.is_file() and ".hortus" not in p.parts
        if p.read_bytes() != (EXAMPLE / p.relative_to(vault)).read_bytes()
    ]
    assert changed == []


CALLS: dict[str, tuple[str, dict[str, Any]]] = {
    "garden": ("garden_today", {}),
    "person-omar": ("person", {"name": "omar", "recent": 3}),
    "search-lisbon": ("search_notes", {"words": ["lisbon"], "limit": 3}),
    "search-filtered": (
        "search_notes",
        {"words": ["coffee"], "person": "Alice", "since": "2026-10-01", "until": "2026-11-30"},
    ),
    "field-lyon": ("people_by_field", {"text": "lyon"}),
    "field-company": ("people_by_field", {"text": "kestrel", "field": "company"}),
    "dates-december": ("dates_between", {"start": "2026-11-20", "end": "2026-12-31"}),
}


def test_each_read_tool_on_the_example_vault(tmp_path: Path, update_golden: bool) -> None:
    answers: dict[str, dict[str, Any]] = {}

    async def talk(session: ClientSession) -> None:
        for name, (tool, arguments) in CALLS.items():
            answers[name] = await call(session, tool, **arguments)

    converse(_copy_example(tmp_path), talk)
    for name, answer in answers.items():
        produced = json.dumps(answer, indent=2, ensure_ascii=False) + "\n"
        golden = GOLDEN / f"{name}.json"
        if update_golden:
            golden.parent.mkdir(exist_ok=True)
            golden.write_text(produced, encoding="utf-8")
        assert produced == golden.read_text(encoding="utf-8"), name
    # What each question is about, said plainly (the golden files hold every key).
    garden = answers["garden"]
    assert garden["today"] == "2026-11-20"
    assert [g["name"] for g in garden["gestures"]][:2] == ["Maya Okafor", "Jonas Weber"]
    assert garden["dates_soon"]["items"][0]["name"] == "Rose Whitaker"  # closest first
    omar = answers["person-omar"]
    assert (omar["name"], omar["source"], omar["fields"]) == (
        "Omar Haddad",
        "people/omar-haddad.md:1",
        {"city": "Montréal"},
    )
    assert (len(omar["recent"]["items"]), omar["recent"]["more"]) == (3, 1)
    lyon = answers["field-lyon"]["people"]
    assert [(p["name"], p["field"], p["value"]) for p in lyon["items"]] == [
        ("Alice Martin", "city", "Lyon"),
        ("Daniel Kim", "city", "Lyon"),
        ("Inès Moreau", "city", "Lyon"),
    ]
    assert lyon["items"][0]["source"] == "people/alice-martin.md:8"
    kestrel = answers["field-company"]["people"]["items"]
    assert [(p["name"], p["value"]) for p in kestrel] == [("Lena Fischer", "Kestrel Labs")]
    dates = answers["dates-december"]["dates"]["items"]
    assert [(d["date"], d["kind"], d["people"]) for d in dates][:4] == [
        ("2026-11-22", "birthday", ["Sofia Costa"]),
        ("2026-11-24", "memorial", ["Rose Whitaker"]),
        ("2026-11-25", "promise", ["Lena Fischer"]),
        ("2026-11-26", "anniversary", ["Bob Nguyen"]),
    ]


PINNED = "today = 2026-11-20\n"


def test_the_readmes_configuration_starts_the_server(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Asking your assistant", 1)[1].split("\n## ", 1)[0]
    snippet = re.search(r"```json\n(.+?)\n```", section, re.DOTALL)
    assert snippet is not None
    server = json.loads(snippet.group(1))["mcpServers"]["hortus"]
    assert server["command"] == "hortus"
    vault = _copy_example(tmp_path)
    args = [str(vault) if arg == "/home/you/notes" else arg for arg in server["args"]]
    listed: list[str] = []

    async def talk(session: ClientSession) -> None:
        listed.extend(tool.name for tool in (await session.list_tools()).tools)

    # The installed `hortus` script, as the client would start it (not on PATH in every CI).
    start([str(Path(sys.executable).parent / "hortus"), *args], tmp_path, talk)
    assert listed == READ_TOOLS


AMBIGUOUS = {
    "people/alex-kim.md": "---\nname: Alex Kim\ncity: Oslo\n---\n# Alex Kim\n",
    "people/alex-stone.md": "---\nname: Alex Stone\n---\n# Alex Stone\n",
    "hortus.toml": PINNED,
}


def test_an_ambiguous_name_answers_with_the_candidates(make_vault: MakeVault) -> None:
    vault = make_vault(AMBIGUOUS)
    before = {rel: (vault / rel).read_bytes() for rel in AMBIGUOUS}
    seen: dict[str, Any] = {}

    async def talk(session: ClientSession) -> None:
        seen["person"] = await call(session, "person", name="alex")
        seen["log"] = await fails(session, "log_entry", name="Alex", text="Lunch")
        seen["promise"] = await fails(session, "add_promise", name="alex", text="Call back")
        seen["kim"] = await call(session, "person", name="alex kim")

    converse(vault, talk, "--allow-write")
    assert seen["person"] == {
        "ambiguous": "alex",
        "candidates": [
            {"name": "Alex Kim", "source": "people/alex-kim.md:1"},
            {"name": "Alex Stone", "source": "people/alex-stone.md:1"},
        ],
    }
    assert seen["log"] == (
        "'Alex' could mean Alex Kim (people/alex-kim.md); Alex Stone (people/alex-stone.md). "
        "Nothing was written: use a full name or the file's path"
    )
    assert seen["promise"].startswith("'alex' could mean Alex Kim")
    assert seen["kim"]["fields"] == {"city": "Oslo"}
    assert {rel: (vault / rel).read_bytes() for rel in AMBIGUOUS} == before


def test_bad_arguments_get_a_clear_error_and_no_traceback(make_vault: MakeVault) -> None:
    vault = make_vault(AMBIGUOUS)
    errlog = vault.parent / "server-stderr.txt"
    messages: dict[str, str] = {}

    async def talk(session: ClientSession) -> None:
        async def bad(key: str, tool: str, **arguments: Any) -> None:
            messages[key] = await fails(session, tool, **arguments)

        await bad("impossible", "dates_between", start="2026-02-30", end="2026-03-01")
        await bad("backwards", "dates_between", start="2026-12-01", end="2026-11-01")
        await bad("too-long", "dates_between", start="2026-01-01", end="2027-06-01")
        await bad("not-a-date", "dates_between", start="soon", end="2026-12-01")
        await bad("missing", "person")
        await bad("too-many", "person", name="Alex Kim", recent=1000)
        await bad("no-words", "search_notes", words=[])
        await bad("blank-words", "search_notes", words=["  "])
        await bad("since", "search_notes", words=["x"], since="2026-13-01")
        await bad("unknown", "person", name="Zed")
        await bad("typo", "log_entry", name="Alx Kim", text="Lunch")
        await bad("tag", "log_entry", name="Alex Kim", text="Lunch", tags=["!!"])
        await bad("empty", "log_entry", name="Alex Kim", text="   ")
        await bad("due", "add_promise", name="Alex Kim", text="call", due="2026-02-30")
        await bad("no-such-tool", "delete_everything")

    converse(vault, talk, "--allow-write", errlog=errlog)
    assert messages["impossible"] == "start '2026-02-30' is not a date like 2026-11-20"
    assert messages["backwards"] == "end 2026-11-01 is before start 2026-12-01"
    assert messages["too-long"] == "ask for at most 366 days at a time"
    assert "start" in messages["not-a-date"] and "pattern" in messages["not-a-date"]
    assert "name" in messages["missing"] and "Field required" in messages["missing"]
    assert "recent" in messages["too-many"] and "less than or equal to 50" in messages["too-many"]
    assert "words" in messages["no-words"]
    assert messages["blank-words"] == "give at least one word to search for"
    assert messages["since"] == "since '2026-13-01' is not a date like 2026-11-20"
    # What only a terminal user can do (`--yes`, `hortus add`) is not offered to an assistant.
    assert messages["unknown"] == "no contact called 'Zed'"
    assert messages["typo"] == "no contact called 'Alx Kim'; did you mean Alex Kim?"
    assert messages["tag"].startswith("'!!' is not a tag hortus can read")
    assert messages["empty"] == "nothing to log: the text is empty"
    assert messages["due"] == "due '2026-02-30' is not a date like 2026-11-20"
    assert "delete_everything" in messages["no-such-tool"]
    assert "Traceback" not in errlog.read_text(encoding="utf-8")
    assert (vault / "people/alex-kim.md").read_bytes() == AMBIGUOUS["people/alex-kim.md"].encode()


ADA = (
    b"\xef\xbb\xbf---\r\nname: Ada Lovelace\r\n# a comment the YAML keeps\r\n---\r\n"
    b"# Ada\r\n\r\n- 2026-11-01: tea at the Analytical Caf\xc3\xa9\r\n  - she liked the scones"
)


def test_writes_land_byte_safe_and_read_back(make_vault: MakeVault) -> None:
    vault = make_vault(
        {"people/ada.md": ADA, "people/grace.md": "# Grace Hopper\n", "hortus.toml": PINNED}
    )
    seen: dict[str, Any] = {}

    async def talk(session: ClientSession) -> None:
        seen["log"] = await call(
            session,
            "log_entry",
            name="ada",
            text="Walk by the canal",
            date="2026-11-19",
            tags=["#walk"],
            with_people=["Grace"],
        )
        seen["promise"] = await call(
            session,
            "add_promise",
            name="Ada Lovelace",
            text="lend her  the\nbook",
            due="2026-12-01",
        )
        seen["card"] = await call(session, "person", name="Ada")

    converse(vault, talk, "--allow-write")
    assert seen["log"] == {
        "written": "people/ada.md:9",
        "lines": ["- 2026-11-19: Walk by the canal (with [[Grace Hopper]]) #walk"],
    }
    assert seen["promise"] == {
        "written": "people/ada.md:10",
        "lines": ["- [ ] lend her the book 📅 2026-12-01"],
    }
    assert (vault / "people/ada.md").read_bytes() == ADA + (
        "\r\n- 2026-11-19: Walk by the canal (with [[Grace Hopper]]) #walk\r\n"
        "- [ ] lend her the book 📅 2026-12-01\r\n"
    ).encode()
    card = seen["card"]
    assert card["promises"]["items"] == [
        {
            "text": "lend her the book",
            "due": "2026-12-01",
            "overdue": False,
            "source": "people/ada.md:10",
        }
    ]
    assert card["recent"]["items"][0]["source"] == "people/ada.md:9"
    # No temporary file left beside the note.
    assert sorted(p.name for p in (vault / "people").iterdir()) == ["ada.md", "grace.md"]


# Records every socket the server makes and every address it looks up or reaches, through
# Python's audit hooks (PEP 578), before any of hortus or the SDK is imported.
SITECUSTOMIZE = """
import os, sys
_LOG = os.environ["HORTUS_TEST_AUDIT"]
_WATCHED = ("socket.__new__", "socket.connect", "socket.bind", "socket.getaddrinfo",
            "socket.gethostbyname", "socket.sendto", "socket.sendmsg", "urllib.Request")
def _hook(event, args):
    if event in _WATCHED:
        detail = int(args[1]) if event == "socket.__new__" else repr(args[1:])[:80]
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{event} {detail}\\n")
sys.addaudithook(_hook)
"""


def test_the_server_opens_no_network_connection(tmp_path: Path) -> None:
    import socket

    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(textwrap.dedent(SITECUSTOMIZE), encoding="utf-8")
    audit = tmp_path / "audit.log"
    env = {"PYTHONPATH": str(hooks), "HORTUS_TEST_AUDIT": str(audit)}
    vault = _copy_example(tmp_path)

    async def talk(session: ClientSession) -> None:
        for tool, arguments in CALLS.values():
            await call(session, tool, **arguments)
        await call(session, "log_entry", name="omar", text="Called about the film festival")
        await call(session, "add_promise", name="omar", text="send the festival programme")

    converse(vault, talk, "--allow-write", env=env)
    assert audit.exists(), "the audit hook did not run in the server"
    events = audit.read_text(encoding="utf-8").splitlines()
    # The event loop's wake-up pipe is a local socket pair (AF_UNIX); nothing else is allowed.
    assert {line for line in events if line != f"socket.__new__ {int(socket.AF_UNIX)}"} == set()


def test_without_the_sdk_it_says_how_to_install_it(
    make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from hortus.cli import main

    vault = make_vault({"people/ada.md": "# Ada\n"})
    monkeypatch.setitem(sys.modules, "mcp", None)  # as if the extra were not installed
    result = CliRunner().invoke(main, ["--vault", str(vault), "mcp"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "hortus: `hortus mcp` needs the MCP SDK: pip install 'hortus[mcp]'\n"


def test_it_serves_no_folder_that_is_not_a_vault(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from hortus.cli import main

    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    (home / "Documents/diary.md").write_text("# Dear diary\n")
    monkeypatch.chdir(home)
    monkeypatch.delenv("HORTUS_VAULT", raising=False)
    for args in (["mcp"], ["mcp", "--allow-write"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1
        assert result.stderr.startswith(f"hortus: no vault here: no hortus.toml in {home} ")
    assert sorted(p.name for p in home.rglob("*")) == ["Documents", "diary.md"]
