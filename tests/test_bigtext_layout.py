"""Large-text layout: word wrap to the pane, link numbers kept, rows mapped back to the text."""

from __future__ import annotations

from reader.core.bigtext import (
    article_paragraphs,
    cells_per_char,
    layout_paragraphs,
    rows_per_line,
    runs_spans,
    wrap_words,
)
from reader.core.document import Article, Heading, Inline, ListBlock, ListItem, Paragraph

LOREM = "The quick brown fox jumps over the lazy dog near the riverbank today"


def texts(lines):
    return ["".join(t for t, _ in spans) for _, spans in lines]


def test_wrap_breaks_between_words_within_the_width() -> None:
    lines = wrap_words([(LOREM, "")], 20)
    assert texts(lines) == [
        "The quick brown fox",
        "jumps over the lazy",
        "dog near the",
        "riverbank today",
    ]
    # Offsets point at each line's first character in the original text.
    for offset, spans in lines:
        line = "".join(t for t, _ in spans)
        assert LOREM[offset : offset + len(line)] == line


def test_a_word_longer_than_the_line_is_split() -> None:
    lines = wrap_words([("a supercalifragilistic word", "")], 8)
    assert texts(lines) == ["a", "supercal", "ifragili", "stic", "word"]
    assert [offset for offset, _ in lines] == [0, 2, 10, 18, 23]


def test_wrap_keeps_styles_and_link_numbers_together() -> None:
    runs = [Inline("Read "), Inline("the guide", "link", "https://x.test/", 3), Inline(" now")]
    spans = runs_spans(runs)
    assert ("[3]", "link-number") in spans
    lines = wrap_words(spans, 13)
    assert texts(lines) == ["Read the", "guide[3] now"]
    assert lines[1][1][:2] == [("guide", "link"), ("[3]", "link-number")]


def test_layout_fits_the_pane_width_at_every_scale() -> None:
    for scale in (2, 3, 4):
        for mosaic in ("sextant", "quadrant"):
            layout = layout_paragraphs([(0, [(LOREM, "")])], 60, scale, mosaic)
            assert all(len(row.text) <= 60 for row in layout.rows)
            chars = 60 // cells_per_char(scale, mosaic)
            lines = len(wrap_words([(LOREM, "")], chars))
            assert len(layout.rows) == lines * rows_per_line(scale, mosaic)


def make_article() -> Article:
    return Article(
        title="T",
        blocks=[
            Heading(1, [Inline("Big words")]),
            Paragraph([Inline(LOREM), Inline(" see "), Inline("this", "link", "u", 1)]),
            ListBlock(False, [ListItem([Inline("one")]), ListItem([Inline("two")])]),
            Paragraph([Inline("Last paragraph of the article.")]),
        ],
    )


def test_rows_map_back_to_block_and_offset_and_the_place_survives_a_scale_change() -> None:
    paragraphs = article_paragraphs(make_article())
    assert paragraphs[0][1][0] == ("# ", "heading-marker")
    small = layout_paragraphs(paragraphs, 80, 2)
    large = layout_paragraphs(paragraphs, 80, 4)
    assert len(large.rows) > len(small.rows)
    # Pick a row in the middle of the long paragraph at scale 2 ...
    row = next(i for i, r in enumerate(small.rows) if r.block == 1 and r.offset > 20)
    block, offset = small.position_of_row(row)
    assert block == 1
    # ... at scale 4 the row found for that place starts the text line that holds it.
    new_row = large.row_of_position(block, offset)
    assert large.position_of_row(new_row)[0] == 1
    starts = [r.offset for r in large.rows if r.block == 1]
    line_start = large.rows[new_row].offset
    assert line_start <= offset
    assert all(s <= line_start or s > offset for s in starts)
    assert large.rows[new_row - 1].offset != line_start  # the first glyph row, not a middle one


def test_spacing_rows_keep_the_position_of_the_line_above() -> None:
    layout = layout_paragraphs(
        [(0, [(LOREM, "")]), (1, [("end", "")])], 40, 2, line_spacing=1, paragraph_spacing=2
    )
    blanks = [r for r in layout.rows if not r.text.strip()]
    assert blanks and all(r.block in (0, 1) for r in blanks)
    assert layout.position_of_row(10_000) == (1, 0)
    assert layout.position_of_row(-5) == (0, 0)


def test_headings_and_link_numbers_survive_into_the_large_rows() -> None:
    layout = layout_paragraphs(article_paragraphs(make_article()), 200, 2)
    keys = {key for row in layout.rows for _, key in row.spans}
    assert "heading big" in keys and "link-number big" in keys and "link big" in keys
