"""Byte sizes as people write them: `--max-size 20MB` in, `20 MB` in messages out."""

from __future__ import annotations

import re

from reader.core.errors import UsageError

_UNITS = {"": 1, "b": 1, "k": 10**3, "kb": 10**3, "m": 10**6, "mb": 10**6, "g": 10**9, "gb": 10**9}
_UNITS |= {"kib": 2**10, "mib": 2**20, "gib": 2**30}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$", re.I)


def parse_size(text: str) -> int:
    """'20MB' -> 20_000_000, '512k' -> 512_000, '1MiB' -> 1_048_576, '1000' -> 1000 bytes.

    Raises UsageError for anything else, or for a size below one byte.
    """
    match = _SIZE.match(text)
    unit = match.group(2).lower() if match else ""
    if not match or unit not in _UNITS:
        raise UsageError(f"not a size: {text}", "write a size like 20MB, 500KB or 1000000")
    size = int(float(match.group(1)) * _UNITS[unit])
    if size < 1:
        raise UsageError(f"size must be at least 1 byte: {text}", "write a size like 20MB")
    return size


def format_size(size: int) -> str:
    """1_500_000 -> '1.5 MB' (decimal units, as --max-size takes them)."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} bytes"
