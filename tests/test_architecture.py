"""The pipeline stays visible: imports point one way, and each library has one adapter."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "hortus"

# Who may import whom (hortus modules), left to right along the pipeline.
ALLOWED = {
    "model": set(),
    "errors": {"model"},
    "config": {"model"},
    "vault": {"model"},
    "scan": set(),
    "parse": {"model", "vault", "scan"},
    "contacts": {"model", "config"},
    "index": {"model", "config", "contacts"},
    "garden": {"model", "index", "config"},
    "card": {"model", "index", "garden"},
    "render": {"model", "garden", "index", "errors", "render", "card", "importers"},
    "atomic": {"errors"},
    "engine": {"model", "vault", "parse", "codec"},
    "codec": {"model"},
    "cache": {"codec", "engine", "garden", "lock", "model", "__init__"},
    # The key that tells `regenerate` nothing changed, and the outputs' hashes.
    "warm": {"cache", "config", "model", "vault"},
    # The vault's locks (the one write lock, the watcher's lock) and `.hortus/` itself.
    "lock": {"errors"},
    "names": {"model", "errors", "index"},
    "editor": {"errors"},
    # Writing to the user's files: appending an entry, creating a contact.
    "capture": {"model", "errors", "atomic", "lock", "vault", "parse"},
    "create": {"model", "errors", "atomic", "config", "index", "names", "vault"},
    # Other services' files: importers read them into records, `plan` decides and writes
    # through `create`; exports are pure text; `calendar` is the garden's dates as events.
    "vcf": set(),
    "importers": {"model", "errors", "config", "create", "index", "vcf"},
    "calendar": {"model", "garden", "contacts"},
    "export": {"model", "garden", "calendar", "vcf"},
    "exchange": {
        "atomic",
        "calendar",
        "errors",
        "export",
        "importers",
        "lock",
        "model",
        "pipeline",
    },
    "people": {
        "capture",
        "card",
        "create",
        "editor",
        "errors",
        "lock",
        "model",
        "names",
        "pipeline",
    },
    "pipeline": {
        "calendar",
        "export",
        "model",
        "errors",
        "config",
        "vault",
        "parse",
        "index",
        "garden",
        "render",
        "atomic",
        "engine",
        "cache",
        "codec",
        "lock",
        "warm",
    },
    "live": {"cache", "engine", "errors", "garden", "index", "lock", "pipeline", "render", "vault"},
    "debounce": set(),
    "watch": {"debounce", "errors", "live", "model", "pipeline", "render"},
    # `create` only for the `NewContact` record the `add` options fill in.
    "cli": {
        "errors",
        "pipeline",
        "render",
        "create",
        "__init__",
        "debounce",
        "watch",
        "exchange",
        "people",
        # only their KINDS tuples, for click's choices
        "importers",
        "export",
    },
    "__main__": {"cli"},
    "__init__": set(),
}
# Third-party libraries and the only module allowed to import each.
# markdown_it: parse.py reads notes, render/snippet.py writes their snippets as HTML.
ADAPTERS = {
    "yaml": {"vault"},
    "frontmatter": {"vault"},
    "markdown_it": {"parse", "render.snippet"},
    "click": {"cli"},
    "watchdog": {"watch"},
    "sqlite3": {"cache"},
    "msgspec": {"codec"},
    "anyascii": {"create"},
    "vobject": {"vcf"},
    "icalendar": {"export.ics"},
    # Starting programs and locking files each have one home too.
    "subprocess": {"editor"},
    "fcntl": {"lock"},
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
            if target != layer and target not in ALLOWED[layer]:
                wrong.append(f"{path.relative_to(SRC)} imports {name}")
    assert wrong == []


def test_third_party_parsers_sit_behind_one_adapter() -> None:
    wrong = []
    for path in sorted(SRC.rglob("*.py")):
        for name in _imports(path):
            owners = ADAPTERS.get(name.split(".")[0])
            if owners is not None and not owners & {_layer(path), _module(path)}:
                wrong.append(f"{path.relative_to(SRC)} imports {name}")
    assert wrong == []


def test_no_module_reads_the_clock_below_the_cli() -> None:
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "date.today()" in path.read_text(encoding="utf-8") and path.name != "cli.py"
    ]
    assert offenders == []
