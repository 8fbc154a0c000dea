"""Large text for low vision: characters N terminal rows tall, drawn with block mosaics.

Glyphs come from the public-domain X11 misc-fixed bitmap fonts (reader/data/bigfont.json, see
bigfont-NOTICE.txt there). A line of text is rasterised glyph by glyph and every cell shows a
2x3 block of pixels as a Unicode sextant (U+1FB00 block) or a 2x2 block as a quadrant (U+2596-
U+259F), the fallback for fonts without sextants. Each glyph spans a whole number of cells, so
style keys (heading, link...) stay per character. Headings and strong text are drawn bold,
emphasis slanted and links with a pixel underline, so none of them relies on colour.

Sextants give 3 pixel rows per cell: scale N uses a font 3N pixels tall in exactly N rows.
Quadrants give only 2, and no legible font is 4 pixels tall, so with quadrants scale N takes
N + 1 rows (4x6, 5x8 and 6x9 fonts).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Literal

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

    def glyph(self, char: str) -> tuple[int, ...]:
        """Pixel rows for `char`: its own glyph, its base letter (é -> e), or U+FFFD."""
        code = ord(char) if len(char) == 1 else 0xFFFD
        rows = self.glyphs.get(code)
        if rows is None and char.isspace():
            return self.glyphs[0x20]
        if rows is None:
            base = unicodedata.normalize("NFKD", char)[:1]
            rows = self.glyphs.get(ord(base)) if base else None
        return rows if rows is not None else self.glyphs[0xFFFD]


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


def _char_cells(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


@lru_cache(maxsize=8192)
def glyph_cells(
    char: str, scale: int, mosaic: str, bold: bool, underline: bool, italic: bool = False
) -> tuple[str, ...]:
    """One character as mosaic text: one string per terminal row, each `cells_per_char` wide.

    Bold ORs each pixel row with itself shifted right (not in the 4-pixel-wide font, where it
    would fill the letters in); italic shifts the upper half of the
    glyph one pixel right (a slant); underline fills the bottom pixel row.
    """
    font_name, rows = _FONTS[(mosaic, scale)]
    font = load_font(font_name)
    pixel_rows = _PIXEL_ROWS[mosaic]
    advance = (font.width + 1) // 2
    pixels = list(font.glyph(char))
    if bold and font.width > 4:  # 3-pixel-wide strokes (4x6) smear into blobs
        pixels = [row | (row >> 1) for row in pixels]
    if italic:
        half = len(pixels) // 2
        pixels = [row >> 1 for row in pixels[:half]] + pixels[half:]
    if underline:
        pixels[-1] = 0xFF
    mask = (0xFF << (8 - advance * 2)) & 0xFF
    pixels = [row & mask for row in pixels]
    pixels += [0] * (rows * pixel_rows - len(pixels))  # padding below: line spacing
    out = []
    for row in range(rows):
        band = pixels[row * pixel_rows : (row + 1) * pixel_rows]
        cells = []
        for cell in range(advance):
            shift_left = 7 - 2 * cell
            bits = 0
            for y, value in enumerate(band):
                left = (value >> shift_left) & 1
                right = (value >> (shift_left - 1)) & 1
                bits |= left << (2 * y) | right << (2 * y + 1)
            cells.append(_sextant(bits) if mosaic == "sextant" else _QUADRANTS[bits])
        out.append("".join(cells))
    return tuple(out)


def _is_bold(keys: str) -> bool:
    words = keys.split()
    return "heading" in words or "strong" in words


_STYLED_GLYPHS: dict[tuple[int, str, bool, bool, bool], dict[str, tuple[str, ...]]] = {}


def _styled_glyph(
    char: str, scale: int, mosaic: str, bold: bool, underline: bool, italic: bool
) -> tuple[str, ...]:
    """`glyph_cells` through a plain dict per style (the per-character hot path)."""
    table = _STYLED_GLYPHS.setdefault((scale, mosaic, bold, underline, italic), {})
    cells = table.get(char)
    if cells is None:
        cells = glyph_cells(char, scale, mosaic, bold, underline and not char.isspace(), italic)
        if _char_cells(char) == 2:
            blank = glyph_cells(" ", scale, mosaic, False, underline)
            cells = tuple(a + b for a, b in zip(cells, blank, strict=True))
        if len(table) < 4096:
            table[char] = cells
    return cells


def render_spans(
    spans: Sequence[Span], scale: int, mosaic: str = "sextant"
) -> list[tuple[Span, ...]]:
    """One line of styled text as `rows_per_line` rows of styled mosaic text.

    Each output span keeps its input keys with "big" added, so a renderer can tell mosaic text
    from ordinary text (e.g. not underline every row of a big link: it has a pixel underline).
    A wide (East Asian) character takes two glyph widths, so column counts stay in step.
    """
    rows = rows_per_line(scale, mosaic)
    # In the smallest font bold would smear, so headings are underlined instead.
    small = load_font(_FONTS[(mosaic, scale)][0]).width <= 4
    out: list[list[Span]] = [[] for _ in range(rows)]
    for text, keys in spans:
        if not text:
            continue
        words = keys.split()
        bold = _is_bold(keys)
        italic = "emphasis" in words
        underline = "link" in words or (small and "heading" in words)
        glyphs = [_styled_glyph(char, scale, mosaic, bold, underline, italic) for char in text]
        big_keys = f"{keys} big".strip()
        for row in range(rows):
            out[row].append(("".join(cells[row] for cells in glyphs), big_keys))
    return [tuple(row) for row in out]
