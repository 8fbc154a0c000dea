"""Large-text glyphs: every scale, both mosaics, decoded back to the font's own pixels."""

from __future__ import annotations

import pytest

from reader.core.large_text.bigtext import (
    MOSAICS,
    SCALES,
    cells_per_char,
    chars_per_line,
    load_font,
    render_spans,
    rows_per_line,
)
from tests.support.mosaic import cell_bits, decode

FONT = {
    ("sextant", 2): "4x6",
    ("sextant", 3): "6x9",
    ("sextant", 4): "6x12",
    ("quadrant", 2): "4x6",
    ("quadrant", 3): "5x8",
    ("quadrant", 4): "6x9",
}
CASES = [(mosaic, scale) for mosaic in MOSAICS for scale in SCALES]


def font_pixels(mosaic: str, scale: int, char: str) -> list[list[int]]:
    font = load_font(FONT[(mosaic, scale)])
    width = 2 * cells_per_char(scale, mosaic)
    rows = [[(value >> (7 - x)) & 1 for x in range(width)] for value in font.glyph(char)]
    per_cell = 3 if mosaic == "sextant" else 2
    return rows + [[0] * width] * (rows_per_line(scale, mosaic) * per_cell - len(rows))


def test_every_sextant_pattern_round_trips() -> None:
    from reader.core.large_text.bigtext import _sextant

    chars = {_sextant(bits) for bits in range(64)}
    assert len(chars) == 64
    assert all(cell_bits(_sextant(bits), "sextant") == bits for bits in range(64))


@pytest.mark.parametrize(("mosaic", "scale"), CASES)
def test_glyphs_at_every_scale_draw_the_font_pixels_exactly(mosaic: str, scale: int) -> None:
    text = "Ag?é"
    rows = render_spans([(text, "")], scale, mosaic)
    assert len(rows) == rows_per_line(scale, mosaic)
    plain = ["".join(t for t, _ in row) for row in rows]
    advance = cells_per_char(scale, mosaic)
    assert all(len(row) == advance * len(text) for row in plain)
    pixels = decode(plain, mosaic)
    for index, char in enumerate(text):
        glyph = [line[2 * advance * index : 2 * advance * (index + 1)] for line in pixels]
        assert glyph == font_pixels(mosaic, scale, char), char


@pytest.mark.parametrize(("mosaic", "scale"), CASES)
def test_rows_and_width_follow_the_scale(mosaic: str, scale: int) -> None:
    expected_rows = scale if mosaic == "sextant" else scale + 1
    assert rows_per_line(scale, mosaic) == expected_rows
    assert chars_per_line(80, scale, mosaic) == 80 // cells_per_char(scale, mosaic)
    assert chars_per_line(1, scale, mosaic) == 1


def test_letters_are_really_drawn_and_differ() -> None:
    a = render_spans([("A", "")], 3)
    b = render_spans([("B", "")], 3)
    assert a != b
    assert any(ch.strip() for row in a for text, _ in row for ch in text)
    space = render_spans([(" ", "")], 3)
    assert all(not text.strip() for row in space for text, _ in row)


def test_headings_are_bold_and_links_underlined_in_pixels_not_just_colour() -> None:
    plain = render_spans([("Il", "")], 3)
    heading = render_spans([("Il", "heading")], 3)
    link = render_spans([("Il", "link")], 3)

    def ink(rows: list) -> int:
        text = ["".join(t for t, _ in row) for row in rows]
        return sum(map(sum, decode(text, "sextant")))

    assert ink(heading) > ink(plain)
    link_pixels = decode(["".join(t for t, _ in row) for row in link], "sextant")
    assert all(link_pixels[8]), "the bottom pixel row of a link is a solid underline"
    assert link[0][0][1] == "link big" and heading[0][0][1] == "heading big"


def test_wide_characters_take_two_glyph_widths_and_keep_the_columns_in_step() -> None:
    rows = render_spans([("a漢b", "")], 3)
    width = cells_per_char(3)
    assert all(len(text) == 4 * width for row in rows for text, _ in row)
    replacement = render_spans([("\ufffd", "")], 3)
    cjk = render_spans([("漢", "")], 3)
    assert [r[0][0][:width] for r in cjk] != [r[0][0] for r in replacement]  # not the box


def test_invalid_scale_or_mosaic_is_refused() -> None:
    with pytest.raises(ValueError):
        rows_per_line(5)
    with pytest.raises(ValueError):
        rows_per_line(2, "braille")


def test_emphasis_is_slanted_in_pixels_with_the_same_ink() -> None:
    def pixels(keys: str) -> list[list[int]]:
        rows = render_spans([("Hi", keys)], 3)
        return decode(["".join(t for t, _ in row) for row in rows], "sextant")

    plain, slanted = pixels(""), pixels("emphasis")
    assert slanted != plain
    assert sum(map(sum, slanted)) == sum(map(sum, plain))
    assert slanted[-1] == plain[-1]  # the foot of the letters stays put


@pytest.mark.parametrize("mosaic", MOSAICS)
def test_in_the_smallest_font_headings_are_underlined_and_strong_is_not_smeared(
    mosaic: str,
) -> None:
    def pixels(keys: str) -> list[list[int]]:
        rows = render_spans([("mem", keys)], 2, mosaic)
        return decode(["".join(t for t, _ in row) for row in rows], mosaic)

    plain = pixels("")
    assert pixels("strong") == plain  # ORing 3-pixel strokes would fill the letters in
    heading = pixels("heading")
    glyph_bottom = len(font_pixels(mosaic, 2, "m")) - 1
    font_rows = load_font(FONT[(mosaic, 2)]).height
    assert all(heading[font_rows - 1]) and glyph_bottom >= font_rows - 1
