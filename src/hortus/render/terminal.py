"""Text for a terminal: control characters shown, never obeyed.

A name, an entry or an imported value can hold escape sequences (`ESC ]0;title BEL` retitles
the window, `ESC [2J` clears the screen, OSC 52 sets the clipboard). Everything hortus prints
goes through `printable`: each control character but line break and tab is shown as `\\xNN`
(`\\u009b` for C1), so the user sees it and the terminal does nothing with it.
"""

from __future__ import annotations

import re

# C0 but tab and line feed, DEL, and C1 (0x80-0x9f: 0x9b is a one-byte CSI on some terminals).
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    return CONTROL_RE.sub(_shown, text)


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"
