"""Arabic joining and grapheme-ish clusters for large text, from the standard library only.

Arabic letters change shape with their neighbours. Unicode's presentation-form characters
(U+FB50-U+FDFF, U+FE70-U+FEFF) are the isolated, final, initial and medial shapes, and their
decompositions in `unicodedata` say which letter and which form each one is: that is the
joining table. A letter with an initial or medial form joins on both sides; one with only
final and isolated forms joins only to the letter before it. Lam followed by alef becomes the
mandatory lam-alef ligature. Marks (harakat) are transparent to joining. Other ligatures and
contextual forms beyond these four are not drawn.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from itertools import chain

Item = tuple[str, int]  # (text, index of the span it came from)

_FORMS = ("isolated", "final", "initial", "medial")
_ALEFS = "\u0622\u0623\u0625\u0627"  # alef with madda, hamza above, hamza below, plain
_TATWEEL = "\u0640"
_ZWJ = "\u200d"


@cache
def _forms() -> dict[str, dict[str, str]]:
    """Base letter (or lam + alef) -> {form name: presentation-form character}."""
    table: dict[str, dict[str, str]] = {}
    for code in chain(range(0xFB50, 0xFE00), range(0xFE70, 0xFF00)):
        tag, _, rest = unicodedata.decomposition(chr(code)).partition(" ")
        form = tag.strip("<>")
        if form not in _FORMS or not rest:
            continue
        base = "".join(chr(int(part, 16)) for part in rest.split())
        if len(base) == 1 or (len(base) == 2 and base[0] == "\u0644" and base[1] in _ALEFS):
            table.setdefault(base, {}).setdefault(form, chr(code))
    return table


def is_mark(char: str) -> bool:
    """A combining mark: drawn onto the character before it, transparent to joining."""
    return unicodedata.category(char)[0] == "M"


def _joins_both_sides(char: str) -> bool:
    forms = _forms().get(char, {})
    return char in (_TATWEEL, _ZWJ) or "initial" in forms or "medial" in forms


def _joins_before(char: str) -> bool:
    """Joins to the letter before it in logical order (to its right on screen)."""
    return char in (_TATWEEL, _ZWJ) or "final" in _forms().get(char, {})


def shape_arabic(items: list[Item]) -> list[Item]:
    """Arabic letters replaced by the presentation form their neighbours call for."""
    if not any("\u0600" <= text <= "\u06ff" or "\u0750" <= text <= "\u077f" for text, _ in items):
        return items
    letters = [index for index, (text, _) in enumerate(items) if not is_mark(text)]
    forms = _forms()
    out = list(items)
    dropped: set[int] = set()
    for place, index in enumerate(letters):
        char = items[index][0]
        before = items[letters[place - 1]][0] if place else ""
        after = items[letters[place + 1]][0] if place + 1 < len(letters) else ""
        joined_before = _joins_before(char) and bool(before) and _joins_both_sides(before)
        ligature = forms.get(char + after) if after else None
        if ligature is not None:  # lam-alef: one glyph, the alef's slot is dropped
            out[index] = (ligature["final" if joined_before else "isolated"], items[index][1])
            dropped.add(letters[place + 1])
            continue
        if index in dropped or char not in forms:
            continue
        joined_after = _joins_both_sides(char) and bool(after) and _joins_before(after)
        form = _FORMS[joined_before + 2 * joined_after]
        out[index] = (forms[char].get(form, forms[char].get("isolated", char)), items[index][1])
    return [item for index, item in enumerate(out) if index not in dropped]


def clusters(items: list[Item]) -> list[Item]:
    """Each base character with the marks that follow it (a mark with no base stands alone)."""
    out: list[Item] = []
    for text, span in items:
        if out and is_mark(text) and out[-1][1] == span:
            out[-1] = (out[-1][0] + text, span)
        else:
            out.append((text, span))
    return out
