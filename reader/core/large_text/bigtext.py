"""Large text for low vision: characters N terminal rows tall, drawn with block mosaics.

Glyphs come from the public-domain X11 misc-fixed bitmap fonts (reader/data/bigfont.json: Latin,
Greek, Cyrillic) and, for the scripts those lack, from GNU Unifont scaled to the same height
(reader/data/bigfont-unifont.zlib, unifont.py; see bigfont-NOTICE.txt). A line of text is
rasterised glyph by glyph and every cell shows a 2x3 block of pixels as a Unicode sextant
(U+1FB00 block) or a 2x2 block as a quadrant (U+2596-U+259F), the fallback for fonts without
sextants. Each glyph spans a whole number of cells, so style keys (heading, link...) stay per
character. Headings and strong text are drawn bold, emphasis slanted and links with a pixel
underline, so none of them relies on colour.

Sextants give 3 pixel rows per cell: scale N uses a font 3N pixels tall in exactly N rows.
Quadrants give only 2, and no legible font is 4 pixels tall, so with quadrants scale N takes
N + 1 rows (4x6, 5x8 and 6x9 fonts).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from reader.core.large_text import unifont
from reader.core.large_text.bidi import mirrored, needs_reordering, visual_order
from reader.core.large_text.shaping import Item, clusters, is_mark, shape_arabic

Span = tuple[str, str]  # (text, space-separated style keys), as in the TUI's line layout
Mosaic = Literal["sextant", "quadrant"]
MOSAICS: tuple[Mosaic, ...] = ("sextant", "quadrant")
SCALES = (2, 3, 4)
MIN_SCALE, MAX_SCALE = 1, 4

# (mosaic, scale) -> (font name, rows per text line)
_FONTS: dict[tuple[str, int], tuple[str, int]] = {
    ("sextant", 2): ("4x6", 2),
    ("sextant", 3): ("6x9", 3),
    ("sextant", 4): ("6x12", 4),
    ("quadrant", 2): ("4x6", 3),
    ("quadrant", 3): ("5x8", 4),
    ("quadrant", 4): ("6x9", 5),
}
_PIXEL_ROWS = {"sextant": 3, "quadrant": 2}
# Quadrant characters indexed by bits: 1 upper-left, 2 upper-right, 4 lower-left, 8 lower-right.
_QUADRANTS = " ▘▝▀▖▌▞▛▗▚▐▜▄▙▟█"


def _sextant(bits: int) -> str:
    """The sextant for 6 bits (1, 2 top row; 4, 8 middle; 16, 32 bottom; left then right).

    U+1FB00 onwards lists the 60 patterns that older blocks do not already have: empty, full,
    left half (21) and right half (42) are space, U+2588, U+258C and U+2590.
    """
    if bits == 0:
        return " "
    if bits == 63:
        return "█"
    if bits == 21:
        return "▌"
    if bits == 42:
        return "▐"
    index = bits - 1 - (bits > 21) - (bits > 42)
    return chr(0x1FB00 + index)


@dataclass(frozen=True, slots=True)
class BigFont:
    name: str
    width: int
    height: int
    ascent: int
    glyphs: dict[int, tuple[int, ...]]

    def glyph(self, char: str) -> tuple[int, ...] | None:
        """Pixel rows for `char` (8 bits each, bit 7 the leftmost pixel; any space is a space),
        or None when this font has no glyph for it."""
        rows = self.glyphs.get(ord(char)) if len(char) == 1 else None
        if rows is None and char.isspace():
            return self.glyphs[0x20]
        return rows


@cache
def _font_data() -> dict:
    text = resources.files("reader.data").joinpath("bigfont.json").read_text(encoding="utf-8")
    return json.loads(text)["fonts"]


@cache
def load_font(name: str) -> BigFont:
    data = _font_data()[name]
    glyphs = {
        int(code): tuple(int(rows[i : i + 2], 16) for i in range(0, len(rows), 2))
        for code, rows in data["glyphs"].items()
    }
    return BigFont(name, data["width"], data["height"], data["ascent"], glyphs)


def check_scale(scale: int, mosaic: str = "sextant") -> None:
    if mosaic not in MOSAICS:
        raise ValueError(f"mosaic must be one of {', '.join(MOSAICS)}, not {mosaic!r}")
    if scale not in SCALES:
        raise ValueError(f"large text scales are {SCALES}, not {scale!r}")


def rows_per_line(scale: int, mosaic: str = "sextant") -> int:
    """Terminal rows one line of large text takes."""
    check_scale(scale, mosaic)
    return _FONTS[(mosaic, scale)][1]


def cells_per_char(scale: int, mosaic: str = "sextant") -> int:
    """Terminal columns one character takes (2 pixels per cell, glyph width rounded up)."""
    check_scale(scale, mosaic)
    return (load_font(_FONTS[(mosaic, scale)][0]).width + 1) // 2


def chars_per_line(width: int, scale: int, mosaic: str = "sextant") -> int:
    """How many characters of large text fit in `width` terminal columns (at least 1)."""
    return max(1, width // cells_per_char(scale, mosaic))


Pixels = tuple[tuple[int, ...], int]  # pixel rows (bit width-1 is the leftmost pixel), width
# A Unifont glyph scaled below 8 pixels is a blot (an ideograph needs about 9): at scale 2 the
# scripts only Unifont covers are drawn at scale 1.
_UNIFONT_MIN_HEIGHT = 8


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _base_pixels(char: str, font: BigFont, advance: int) -> Pixels | None:
    """`char` from misc-fixed, else from Unifont when the font is tall enough for it."""
    rows = font.glyph(char)
    if rows is not None:
        width = 2 * advance
        return tuple(row >> (8 - width) for row in rows), width
    if font.height < _UNIFONT_MIN_HEIGHT:
        return None
    return unifont.scaled_glyph(char, 2 * advance, font.height)


def _overlay(base: Pixels, mark: Pixels) -> Pixels:
    """A combining mark drawn onto its base, centred (Unifont draws marks for the base's own
    width, so a mark as wide as its base lands exactly where the font means it to)."""
    rows, width = base
    mark_rows, mark_width = mark
    shift = width - mark_width - (width - mark_width) // 2
    full = (1 << width) - 1
    placed = [(m << shift if shift >= 0 else m >> -shift) & full for m in mark_rows]
    return tuple(a | b for a, b in zip(rows, placed, strict=True)), width


def cluster_pixels(cluster: str, font: BigFont, advance: int) -> Pixels | None:
    """A base character and its marks as pixels, or None when there is no glyph for its base.

    Order: the composed character (e + U+0301 is é); the base with each mark drawn onto it
    (marks come from Unifont, so at scale 2 they are dropped); the base's compatibility
    decomposition (ﬁ is f, ² is 2), as before.
    """
    composed = unicodedata.normalize("NFC", cluster)
    if len(composed) == 1:
        found = _base_pixels(composed, font, advance)
        if found is not None:
            return found
        cluster = unicodedata.normalize("NFD", composed)
    base, marks = cluster[0], cluster[1:]
    found = _base_pixels(base, font, advance)
    if found is None:
        decomposed = unicodedata.normalize("NFKD", base)
        if decomposed[:1] and decomposed[0] != base:
            found = _base_pixels(decomposed[0], font, advance)
            marks = decomposed[1:] + marks
    if found is None:
        return None
    for mark in marks:
        mark_pixels = _base_pixels(mark, font, advance) if is_mark(mark) else None
        if mark_pixels is not None:
            found = _overlay(found, mark_pixels)
    if _wide(base) and found[1] == 2 * advance:  # a wide character takes two glyph widths
        found = tuple(row << found[1] for row in found[0]), 2 * found[1]
    return found


def _mosaic_rows(pixels: list[int], width: int, rows: int, mosaic: str) -> tuple[str, ...]:
    pixel_rows = _PIXEL_ROWS[mosaic]
    pixels = pixels + [0] * (rows * pixel_rows - len(pixels))  # padding below: line spacing
    out = []
    for row in range(rows):
        band = pixels[row * pixel_rows : (row + 1) * pixel_rows]
        cells = []
        for cell in range(width // 2):
            shift_left = width - 1 - 2 * cell
            bits = 0
            for y, value in enumerate(band):
                left = (value >> shift_left) & 1
                right = (value >> (shift_left - 1)) & 1
                bits |= left << (2 * y) | right << (2 * y + 1)
            cells.append(_sextant(bits) if mosaic == "sextant" else _QUADRANTS[bits])
        out.append("".join(cells))
    return tuple(out)


def cluster_cells(
    cluster: str, scale: int, mosaic: str, bold: bool, underline: bool, italic: bool = False
) -> tuple[tuple[str, ...], int]:
    """A character (with its marks) as mosaic text, one string per terminal row, and how many
    glyph widths it takes (0 to 2 columns of `cells_per_char` each).

    Bold ORs each pixel row with itself shifted right (not in the 4-pixel-wide font, where it
    would fill the letters in; in Unifont glyphs only where that closes no gap); italic shifts
    the upper half of the glyph one pixel right (a slant); underline fills the bottom pixel
    row. A character without a glyph is drawn at scale 1, itself, in the middle row of its
    cells; a format character without one (zero-width non-joiner, direction marks) not at all.
    """
    font_name, rows = _FONTS[(mosaic, scale)]
    font = load_font(font_name)
    advance = (font.width + 1) // 2
    found = cluster_pixels(cluster, font, advance)
    if found is None and unicodedata.category(cluster[0]) == "Cf":
        return ("",) * rows, 0  # a joiner, non-joiner or direction mark: invisible
    if found is None:
        widths = 2 if _wide(cluster[0]) else 1
        width = 2 * advance * widths
        blank = [0] * (font.height - 1) + [(1 << width) - 1 if underline else 0]
        cells = list(_mosaic_rows(blank, width, rows, mosaic))
        middle = (rows - 1) // 2
        cells[middle] = cluster + " " * (advance * widths - widths)
        return tuple(cells), widths
    pixels, width = list(found[0]), found[1]
    if bold and font.glyph(unicodedata.normalize("NFKD", cluster)[0]) is None:
        # Unifont's strokes are one pixel apart: thicken only where no gap closes.
        pixels = [row | ((row >> 1) & ~(row << 1)) for row in pixels]
    elif bold and font.width > 4:  # 3-pixel-wide strokes (4x6) smear into blobs
        pixels = [row | (row >> 1) for row in pixels]
    if italic:
        half = len(pixels) // 2
        pixels = [row >> 1 for row in pixels[:half]] + pixels[half:]
    if underline:
        pixels[-1] = (1 << width) - 1
    return _mosaic_rows(pixels, width, rows, mosaic), width // (2 * advance)


def _is_bold(keys: str) -> bool:
    words = keys.split()
    return "heading" in words or "strong" in words


_STYLED: dict[tuple[int, str, bool, bool, bool], dict[str, tuple[tuple[str, ...], int]]] = {}


def _styled_cluster(
    cluster: str, scale: int, mosaic: str, bold: bool, underline: bool, italic: bool
) -> tuple[tuple[str, ...], int]:
    """`cluster_cells` through a plain dict per style (the per-character hot path)."""
    table = _STYLED.setdefault((scale, mosaic, bold, underline, italic), {})
    found = table.get(cluster)
    if found is None:
        found = cluster_cells(
            cluster, scale, mosaic, bold, underline and not cluster.isspace(), italic
        )
        if len(table) < 4096:
            table[cluster] = found
    return found


def _clustered(items: list[Item]) -> list[Item]:
    """(character, span) items as (cluster, span) items: Arabic shaped, marks on their base."""
    if all(text < "\u0300" for text, _ in items):  # Latin text: nothing to do
        return items
    return clusters(shape_arabic(items))


def display_order(items: list[Item]) -> list[Item]:
    """(character, span) items of one line, logical order, as (cluster, span) items in display
    order: clustered, right-to-left runs reversed with their brackets mirrored."""
    grouped = _clustered(items)
    bases = [text[0] for text, _ in grouped]
    if grouped is items or not needs_reordering("".join(bases)):
        return grouped
    ordered = []
    for index, right_to_left in visual_order(bases):
        text, span = grouped[index]
        ordered.append((mirrored(text) if right_to_left else text, span))
    return ordered


def line_cells(text: str, scale: int, mosaic: str = "sextant") -> int:
    """Terminal columns one line of large text takes (wide and Devanagari glyphs take two
    glyph widths, marks none), for wrapping."""
    if all(char < "\u0300" for char in text):  # Latin: one glyph width each
        return len(text) * cells_per_char(scale, mosaic)
    grouped = _clustered([(char, 0) for char in text])
    advances = sum(_styled_cluster(c, scale, mosaic, False, False, False)[1] for c, _ in grouped)
    return advances * cells_per_char(scale, mosaic)


def render_spans(
    spans: Sequence[Span], scale: int, mosaic: str = "sextant"
) -> list[tuple[Span, ...]]:
    """One line of styled text as `rows_per_line` rows of styled mosaic text.

    Each output span keeps its input keys with "big" added, so a renderer can tell mosaic text
    from ordinary text (e.g. not underline every row of a big link: it has a pixel underline).
    Right-to-left text is drawn right to left, so a span may come out in several pieces.
    """
    rows = rows_per_line(scale, mosaic)
    # In the smallest font bold would smear, so headings are underlined instead.
    small = load_font(_FONTS[(mosaic, scale)][0]).width <= 4
    styles = []
    for _text, keys in spans:
        words = keys.split()
        underline = "link" in words or (small and "heading" in words)
        styles.append((_is_bold(keys), underline, "emphasis" in words, f"{keys} big".strip()))
    items = [(char, index) for index, (text, _) in enumerate(spans) for char in text]
    out: list[list[Span]] = [[] for _ in range(rows)]
    pieces: list[tuple[int, list[tuple[str, ...]]]] = []
    for cluster, index in display_order(items):
        bold, underline, italic, _keys = styles[index]
        cells = _styled_cluster(cluster, scale, mosaic, bold, underline, italic)[0]
        if pieces and pieces[-1][0] == index:
            pieces[-1][1].append(cells)
        else:
            pieces.append((index, [cells]))
    for index, glyphs in pieces:
        for row in range(rows):
            out[row].append(("".join(cells[row] for cells in glyphs), styles[index][3]))
    return [tuple(row) for row in out]
