"""`hortus mcp`: the vault offered to the user's AI assistant as Model Context Protocol tools.

`answers.py` answers each tool through the loader (and writes, when allowed, through the
person layer: the path of `hortus log`); `documents.py` turns the garden's records into the
compact JSON an assistant reads, every list capped with a count of the rest; `server.py` is the
only module that speaks MCP (the official SDK, the optional extra `hortus[mcp]`), over stdio.
"""

from __future__ import annotations

import importlib.util

from hortus.core.said import said

INSTALL_HINT = said("`hortus mcp` needs the MCP SDK: pip install 'hortus[mcp]'")


def sdk_missing() -> bool:
    """The `mcp` package is not installed (it is an optional extra)."""
    try:
        return importlib.util.find_spec("mcp") is None
    except (ImportError, ValueError):  # a broken or half-removed install counts as missing
        return True
