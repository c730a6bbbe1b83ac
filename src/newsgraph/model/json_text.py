"""Strict JSON for everything newsgraph writes: no bare NaN or Infinity, which JSON lacks.

`dumps` is `json.dumps` with `allow_nan=False`; a non-finite float (from a user's SQL, say)
becomes null instead of invalid output.
"""
from __future__ import annotations

import json
import math
from typing import Any


def dumps(value: Any, **options: Any) -> str:
    options = {"ensure_ascii": False, "default": str, **options, "allow_nan": False}
    try:
        return json.dumps(value, **options)
    except ValueError:  # a NaN or an infinity somewhere: null, as the JSON of "no number"
        return json.dumps(finite(value), **options)


def finite(value: Any) -> Any:
    """The value with every non-finite float replaced by None (containers copied)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(v) for v in value]
    return value
