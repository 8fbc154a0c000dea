"""GNU Unifont glyphs for the scripts misc-fixed lacks (CJK, kana, hangul, Arabic, Hebrew,
Devanagari, Thai, combining marks), scaled down to the large-text font's height.

The data (reader/data/bigfont-unifont.zlib, format in make_bigfont.py) is read and decompressed
the first time a character outside misc-fixed is drawn, so start-up never pays for it.
"""

from __future__ import annotations

import json
import zlib
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

SOURCE_SIZE = 16  # Unifont glyphs are 16 pixels tall, 8 or 16 wide
# Share of a target pixel the source's ink must cover for it to be drawn: low enough that the
# one-pixel strokes of the 16-pixel glyphs survive a scale to 9 pixels, high enough that
# neighbouring strokes do not merge.
INK_THRESHOLD = 0.3


@dataclass(frozen=True, slots=True)
class _Unifont:
    starts: list[int]  # first code point of each range
    ends: list[int]
    offsets: list[int]  # glyph index of each range's first code point
    wide_starts: list[int]  # ranges of 16-pixel-wide glyphs
    wide_ends: list[int]
    bitmaps: bytes

    def rows(self, code: int) -> tuple[tuple[int, ...], int] | None:
        """The 16 pixel rows of `code` (16-bit, bit 15 leftmost) and its width, or None."""
        at = bisect_right(self.starts, code) - 1
        if at < 0 or code > self.ends[at]:
            return None
        start = (self.offsets[at] + code - self.starts[at]) * 2 * SOURCE_SIZE
        data = self.bitmaps[start : start + 2 * SOURCE_SIZE]
        rows = tuple(int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2))
        wide_at = bisect_right(self.wide_starts, code) - 1
        wide = wide_at >= 0 and code <= self.wide_ends[wide_at]
        return rows, 16 if wide else 8


@cache
def _unifont() -> _Unifont:
    packed = resources.files("reader.data").joinpath("bigfont-unifont.zlib").read_bytes()
    header_line, _, bitmaps = zlib.decompress(packed).partition(b"\n")
    header = json.loads(header_line)
    starts, ends, offsets = [], [], []
    count = 0
    for first, last in header["ranges"]:
        starts.append(first)
        ends.append(last)
        offsets.append(count)
        count += last - first + 1
    wide_starts = [first for first, _ in header["wide"]]
    wide_ends = [last for _, last in header["wide"]]
    return _Unifont(starts, ends, offsets, wide_starts, wide_ends, bitmaps)


def source_glyph(char: str) -> tuple[tuple[int, ...], int] | None:
    """Unifont's own 16 rows for `char` and their width (8 or 16 pixels), or None."""
    return _unifont().rows(ord(char)) if len(char) == 1 else None


@cache
def _weights(source: int, target: int) -> tuple[tuple[tuple[int, float], ...], ...]:
    """For each target pixel along one axis, the source pixels it covers and by how much."""
    out = []
    for t in range(target):
        low, high = t * source / target, (t + 1) * source / target
        cover = []
        for s in range(int(low), min(source, int(high) + 1)):
            overlap = min(high, s + 1) - max(low, s)
            if overlap > 1e-9:
                cover.append((s, overlap * target / source))
        out.append(tuple(cover))
    return tuple(out)


@lru_cache(maxsize=4096)
def scaled_glyph(char: str, narrow_width: int, height: int) -> tuple[tuple[int, ...], int] | None:
    """`char` scaled to `height` pixel rows and `narrow_width` (or twice that for a 16-pixel
    glyph) columns: (rows with bit width-1 the leftmost pixel, width), or None without a glyph.

    A target pixel is ink when the source ink covers at least INK_THRESHOLD of its area.
    """
    found = source_glyph(char)
    if found is None:
        return None
    rows, source_width = found
    width = narrow_width * source_width // 8
    columns = _weights(source_width, width)
    out = []
    for cover_y in _weights(SOURCE_SIZE, height):
        value = 0
        for x, cover_x in enumerate(columns):
            ink = 0.0
            for sy, wy in cover_y:
                row = rows[sy]
                for sx, wx in cover_x:
                    if (row >> (15 - sx)) & 1:
                        ink += wy * wx
            if ink >= INK_THRESHOLD:
                value |= 1 << (width - 1 - x)
        out.append(value)
    return tuple(out), width
