"""Large-text layout as the app draws it (LargeTextLayout): word wrap to the pane at every
scale, link numbers and heading marks kept, every row mapped back to its block and offset."""

from __future__ import annotations

import pytest

from reader.core.document import Block, Heading, Inline, Paragraph
from reader.core.large_text.bigtext import cells_per_char, rows_per_line
from reader.tui.big_layout import LargeLine, LargeTextLayout
from reader.tui.layout import BlockLayout, LayoutOptions, Line

LOREM = "The quick brown fox jumps over the lazy dog near the riverbank today"
PARAGRAPH = Paragraph([Inline(LOREM), Inline(" see "), Inline("this", "link", "https://x/", 1)])


def large_lines(block: Block, width: int, scale: int, glyphs: str = "sextant") -> list[Line]:
    layout = LargeTextLayout(LayoutOptions(scale=scale, glyphs=glyphs))
    return layout.block_lines(block, 0, width)


def text_lines(lines: list[Line]) -> list[LargeLine]:
    """The first glyph row of each text line."""
    return [line for line in lines if isinstance(line, LargeLine) and line.row == 0]


@pytest.mark.parametrize("scale", [2, 3, 4])
@pytest.mark.parametrize("glyphs", ["sextant", "quadrant"])
def test_every_row_fits_the_pane_and_each_line_is_its_glyph_height(scale: int, glyphs: str):
    lines = large_lines(PARAGRAPH, 60, scale, glyphs)
    assert all(len(line.text) <= 60 for line in lines)
    sources = text_lines(lines)
    assert len(lines) == len(sources) * rows_per_line(scale, glyphs)
    assert all(len(s.source) <= 60 // cells_per_char(scale, glyphs) for s in sources)


@pytest.mark.parametrize("scale", [2, 3, 4])
def test_wrapping_keeps_every_word_in_order_with_the_link_number(scale: int) -> None:
    sources = [line.source for line in text_lines(large_lines(PARAGRAPH, 60, scale))]
    assert " ".join(sources).split() == f"{LOREM} see this[1]".split()


@pytest.mark.parametrize("scale", [2, 3, 4])
def test_rows_of_a_line_share_the_offset_where_that_line_starts(scale: int) -> None:
    lines = large_lines(PARAGRAPH, 60, scale)
    text = LOREM + " see this[1]"
    for line in lines:
        assert line.block == 0
        if isinstance(line, LargeLine):
            assert text[line.offset : line.offset + len(line.source)] == line.source


def test_a_place_in_the_text_is_found_again_at_another_scale() -> None:
    small = text_lines(large_lines(PARAGRAPH, 80, 2))
    large = text_lines(large_lines(PARAGRAPH, 80, 4))
    place = small[1].offset  # the second line at scale 2
    holding = [line for line in large if line.offset <= place][-1]
    assert holding.offset <= place < holding.offset + len(holding.source) + 1


def test_headings_keep_their_mark_and_style_in_large_rows() -> None:
    heading = large_lines(Heading(1, [Inline("Big words")]), 200, 2)
    plain = BlockLayout(LayoutOptions()).block_lines(Heading(1, [Inline("Big words")]), 0, 200)
    assert text_lines(heading)[0].source == plain[0].text
    assert any("heading" in keys for line in heading for _, keys in line.spans)
    link_keys = {keys for line in large_lines(PARAGRAPH, 200, 2) for _, keys in line.spans}
    assert any("link" in keys for keys in link_keys)


def test_line_spacing_adds_blank_rows_that_keep_the_position() -> None:
    layout = LargeTextLayout(LayoutOptions(scale=2, line_spacing=1))
    lines = layout.block_lines(PARAGRAPH, 3, 40)
    blanks = [line for line in lines if not line.spans]
    assert blanks and all(line.block == 3 for line in blanks)
