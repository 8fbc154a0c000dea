"""Right-to-left lines for large text: the part of the Unicode bidirectional algorithm (UAX #9)
that one line of article text needs, from `unicodedata` bidi classes.

Implemented: the line's direction from its first strong character (rules P2-P3), numbers
after Arabic letters as Arabic numbers (W2), separators and terminators inside numbers
(W4-W5), European numbers in left-to-right context (W7), neutrals between runs (N1-N2),
levels (I1-I2), trailing spaces (L1), reversal (L2) and mirrored brackets in right-to-left
runs (L4, for the common pairs). Not implemented: explicit embeddings, overrides and isolates
(U+202A-U+202E, U+2066-U+2069 are treated as neutral).
"""

from __future__ import annotations

import unicodedata

_OPENING = "([{<\u00ab\u2039"  # brackets, angle brackets, guillemets
_CLOSING = ")]}>\u00bb\u203a"
_MIRRORS = dict(zip(_OPENING + _CLOSING, _CLOSING + _OPENING, strict=True))
_STRONG_R = ("R", "AL")
_NEUTRAL = frozenset(("B", "S", "WS", "ON", "ET", "ES", "CS", "NSM", "BN", "LRE", "RLE", "PDF"))


def needs_reordering(chars: str) -> bool:
    """Whether a line holds right-to-left letters or Arabic numbers at all."""
    return any(unicodedata.bidirectional(char) in ("R", "AL", "AN") for char in chars)


def _classes(chars: list[str]) -> list[str]:
    return [unicodedata.bidirectional(char) or "ON" for char in chars]


def _resolve_weak(types: list[str], base: str) -> None:
    last_strong = base
    for i, kind in enumerate(types):  # W2, then W3: AL is R
        if kind in ("L", "R", "AL"):
            last_strong = kind
        if kind == "EN" and last_strong == "AL":
            types[i] = "AN"
        if kind == "AL":
            types[i] = "R"
    for i in range(1, len(types) - 1):  # W4: one separator between two numbers of a kind
        before, kind, after = types[i - 1], types[i], types[i + 1]
        if before == after == "EN" and kind in ("ES", "CS"):
            types[i] = "EN"
        elif before == after == "AN" and kind == "CS":
            types[i] = "AN"
    for i, kind in enumerate(types):  # W5: terminators (%, $) next to European numbers
        if kind == "ET":
            j = i
            while j < len(types) and types[j] == "ET":
                j += 1
            if (i and types[i - 1] == "EN") or (j < len(types) and types[j] == "EN"):
                types[i:j] = ["EN"] * (j - i)
    last_strong = base
    for i, kind in enumerate(types):  # W6 (leftover separators are neutral), W7
        if kind in ("ES", "ET", "CS"):
            types[i] = "ON"
        elif kind in ("L", "R"):
            last_strong = kind
        elif kind == "EN" and last_strong == "L":
            types[i] = "L"


def _resolve_neutral(types: list[str], base: str) -> None:
    """N1-N2: a run of neutrals between two strong types of one direction takes it, else the
    line's direction (numbers count as right-to-left)."""
    i = 0
    while i < len(types):
        if types[i] not in _NEUTRAL:
            i += 1
            continue
        j = i
        while j < len(types) and types[j] in _NEUTRAL:
            j += 1
        before = base if i == 0 else types[i - 1]
        after = base if j == len(types) else types[j]
        before, after = ("R" if t in ("EN", "AN") else t for t in (before, after))
        types[i:j] = [before if before == after else base] * (j - i)
        i = j


def visual_order(chars: list[str]) -> list[tuple[int, bool]]:
    """Indices of `chars` (one line, logical order) in left-to-right display order, each with
    whether it sits in a right-to-left run (where brackets are mirrored)."""
    types = _classes(chars)
    first_strong = next((t for t in types if t in ("L", "R", "AL")), "L")
    base = "R" if first_strong in _STRONG_R else "L"
    original = list(types)
    _resolve_weak(types, base)
    _resolve_neutral(types, base)
    base_level = 1 if base == "R" else 0
    levels = []
    for kind in types:  # I1-I2
        if base_level == 0:
            levels.append({"L": 0, "R": 1}.get(kind, 2))
        else:
            levels.append({"L": 2, "R": 1}.get(kind, 2))
    for i in range(len(levels) - 1, -1, -1):  # L1: trailing spaces take the line's level
        if original[i] not in ("WS", "S", "B", "BN"):
            break
        levels[i] = base_level
    order = list(range(len(chars)))
    for level in range(max(levels, default=0), 0, -1):  # L2
        i = 0
        while i < len(order):
            if levels[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and levels[order[j]] >= level:
                j += 1
            order[i:j] = order[i:j][::-1]
            i = j
    return [(index, levels[index] % 2 == 1) for index in order]


def mirrored(char: str) -> str:
    """The mirror image of a bracket (L4), for a right-to-left run; other characters as they
    are."""
    return _MIRRORS.get(char, char)
