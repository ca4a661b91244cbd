"""Every `--json` output as strict JSON (RFC 8259): no `NaN`, no `Infinity`.

Python's `json` writes those for a float that is not a number, and a front-matter value of
`.nan` or `.inf` is one; strict parsers (jq, JavaScript's `JSON.parse`) then refuse the whole
document. Such a value is written as its YAML spelling, a string.
"""

from __future__ import annotations

import json
import math

_SPELLING = {"nan": ".nan", "inf": ".inf", "-inf": "-.inf"}


def strict_json(document: object) -> str:
    return json.dumps(_finite(document), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _finite(value: object) -> object:
    if isinstance(value, float) and not math.isfinite(value):
        return _SPELLING[str(value)]
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value
