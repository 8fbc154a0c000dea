"""Large-text mosaic rows decoded back to pixels, to compare what is drawn with a font."""

from __future__ import annotations

QUADRANTS = " ▘▝▀▖▌▞▛▗▚▐▜▄▙▟█"
SEXTANT_SPECIAL = {" ": 0, "█": 63, "▌": 21, "▐": 42}


def cell_bits(char: str, mosaic: str) -> int:
    if mosaic == "quadrant":
        return QUADRANTS.index(char)
    if char in SEXTANT_SPECIAL:
        return SEXTANT_SPECIAL[char]
    index = ord(char) - 0x1FB00
    assert 0 <= index < 60, f"not a sextant: {char!r}"
    bits = index + 1
    return bits + (bits >= 21) + (bits + (bits >= 21) >= 42)


def decode(rows: list[str], mosaic: str) -> list[list[int]]:
    """Mosaic rows back to a pixel matrix (2 pixels per cell across, 3 or 2 down)."""
    per_cell = 3 if mosaic == "sextant" else 2
    pixels: list[list[int]] = []
    for row in rows:
        band = [[0] * (2 * len(row)) for _ in range(per_cell)]
        for x, char in enumerate(row):
            bits = cell_bits(char, mosaic)
            for y in range(per_cell):
                band[y][2 * x] = (bits >> (2 * y)) & 1
                band[y][2 * x + 1] = (bits >> (2 * y + 1)) & 1
        pixels += band
    return pixels
