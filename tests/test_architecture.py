"""The pipeline stays visible: imports point one way, and each library has one adapter."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "hortus"

# The layers, in pipeline order: a package imports only itself and the packages before it.
# (`__init__` is the package root, which holds the version.)
LAYERS = [
    "__init__",
    "core",  # the records, the errors, hortus.toml
    "files",  # safe writes and the vault's locks
    "notes",  # finding, reading and parsing notes
    "store",  # the incremental note store, its codec and its on-disk cache
    "index",  # contacts, names and mentions resolved
    "garden",  # the garden: plants, sections, gestures, a person's card
    "render",  # pure Garden -> text
    "person",  # writing to a person's file: append an entry, create a contact, names, editor
    "exchange",  # other services' files: importers, exporters, calendar events
    "loader",  # the one way in: the vault through the store, the garden, its pages written
    "commands",  # the commands about one person and about import/export, composed
    "assistant",  # `hortus mcp`: the vault's answers to an AI assistant, over MCP
    "watch",  # the watcher
    "cli",
    "__main__",
]
# Third-party libraries and the only module allowed to import each.
# markdown_it: notes/parse.py reads notes, render/snippet.py writes their snippets as HTML.
ADAPTERS = {
    "yaml": {"notes.read"},
    "frontmatter": {"notes.read"},
    "markdown_it": {"notes.parse", "render.snippet"},
    "click": {"cli"},
    "watchdog": {"watch.watcher"},
    "sqlite3": {"store.cache", "store.lookup"},
    "msgspec": {"store.codec"},
    "anyascii": {"index.contacts"},
    "vobject": {"exchange.vcf"},
    "icalendar": {"exchange.export.ics"},
    # The MCP SDK (an optional extra) and the pydantic it describes tools with.
    "mcp": {"assistant.server"},
    "pydantic": {"assistant.server"},
    # Starting programs and locking files each have one home too.
    "subprocess": {"person.editor"},
    "fcntl": {"files.lock"},
    "ctypes": {"files.atomic"},  # renameat2, for a swap that closes the last gap
}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def _module(path: Path) -> str:
    return ".".join(path.relative_to(SRC).with_suffix("").parts)


def _layer(path: Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def test_imports_follow_the_pipeline() -> None:
    wrong = []
    for path in sorted(SRC.rglob("*.py")):
        layer = _layer(path)
        for name in _imports(path):
            if name == "hortus":
                target = "__init__"
            elif name.startswith("hortus."):
                target = name.split(".")[1]
            else:
                continue
            if LAYERS.index(target) > LAYERS.index(layer):
                wrong.append(f"{path.relative_to(SRC)} imports {name}")
    assert wrong == []


def test_third_party_parsers_sit_behind_one_adapter() -> None:
    wrong = []
    for path in sorted(SRC.rglob("*.py")):
        for name in _imports(path):
            owners = ADAPTERS.get(name.split(".")[0])
            if owners is not None and _module(path) not in owners:
                wrong.append(f"{path.relative_to(SRC)} imports {name}")
    assert wrong == []


def test_no_module_reads_the_clock_below_the_cli() -> None:
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "date.today()" in path.read_text(encoding="utf-8") and path.name != "cli.py"
    ]
    assert offenders == []
