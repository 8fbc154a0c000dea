"""Byte sizes as people read them in messages: `20 MB`."""

from __future__ import annotations


def format_size(size: int) -> str:
    """1_500_000 -> '1.5 MB' (decimal units, as --max-size takes them)."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} bytes"
