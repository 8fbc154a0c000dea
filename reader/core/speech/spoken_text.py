"""What a voice should say for a piece of page text: no bare URLs, no decorative symbols.

A screen reader user hears "h t t p s colon slash slash" or "black star black star" as noise;
sighted readers skip both without noticing. Words, numbers and ordinary punctuation stay.
"""

from __future__ import annotations

import re
import unicodedata

_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)\S+|\b\S+@\S+\.[a-z]{2,}\b", re.IGNORECASE)
# Bullets, pipes and the like when they stand alone between words.
_LONE_MARKS = re.compile(r"(?<!\S)[•‣◦⁃∙·|¦~^_*#>»«›‹\\]+(?!\S)")  # noqa: RUF001
# Rules drawn with punctuation: "-----", "*****", "=====".
_RULES = re.compile(r"([-=_*~.•#])\1{2,}")
_SPACES = re.compile(r"\s+")
_DECORATIVE_CATEGORIES = frozenset({"So", "Sk", "Co", "Cs", "Cn"})
_KEPT_SYMBOLS = frozenset("©®°")
_ARROWS = ((0x2190, 0x21FF), (0x27F0, 0x27FF), (0x2900, 0x297F), (0x2B00, 0x2BFF))
_SELECTORS = frozenset("\ufe0e\ufe0f\u200d")  # emoji presentation selectors and joiner


def speakable(text: str) -> str:
    """`text` as it should be spoken: URLs, symbols and rules removed, whitespace collapsed."""
    text = _URL.sub(" ", text)
    text = "".join(" " if _is_decorative(ch) else ch for ch in text if ch not in _SELECTORS)
    text = _RULES.sub(" ", text)
    text = _LONE_MARKS.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    return text if any(ch.isalnum() for ch in text) else ""


def _is_decorative(ch: str) -> bool:
    if ch.isascii() or ch in _KEPT_SYMBOLS:
        return False
    return unicodedata.category(ch) in _DECORATIVE_CATEGORIES or any(
        low <= ord(ch) <= high for low, high in _ARROWS
    )
