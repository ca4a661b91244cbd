"""hortus: a plain-text relationship journal that grows a garden from your notes."""

from __future__ import annotations

__version__ = "0.1.0"
