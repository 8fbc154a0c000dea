"""The line index: the article's laid-out lines at a width, without Textual, mapping lines to
reading positions and back so a position survives any width."""

from __future__ import annotations

import subprocess
import sys

from reader.core.reading import Reading
from reader.tui.layout import BlockLayout, LayoutOptions
from reader.tui.line_index import LineIndex
from tests.support.tui_helpers import every_block_article, long_article


def index_at(width: int, article=None) -> LineIndex:
    article = article or long_article()
    return LineIndex(article, Reading(article), BlockLayout(LayoutOptions()), width)


def test_the_line_index_and_the_highlights_load_without_textual() -> None:
    modules = "reader.tui.line_index, reader.tui.highlights"
    code = f"import sys, {modules}; assert 'textual' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_lines_are_laid_out_only_as_far_as_asked() -> None:
    index = index_at(60)
    assert index.laid_out == 0 and not index.lines
    index.extend(lines=10)
    assert len(index.lines) >= 10 and not index.complete
    index.extend()
    assert index.complete and index.laid_out == len(index.article.blocks)


def test_a_position_maps_to_a_line_and_back_at_every_width() -> None:
    article = long_article()
    for width in (20, 40, 80):
        index = index_at(width, article)
        for block in range(0, len(article.blocks), 3):
            for offset in (0, 35, 120):
                line = index.line_of_position(block, offset)
                found_block, found_offset = index.position_of_line(line)
                assert found_block == block and found_offset <= offset
                after = line + 1  # the next line of the block starts past the offset
                if after < len(index.lines) and index.lines[after].block == block:
                    assert index.lines[after].offset > offset


def test_a_blank_line_between_paragraphs_belongs_to_the_next_one() -> None:
    index = index_at(80, every_block_article())
    index.extend()
    gap = next(i for i, line in enumerate(index.lines) if not line.spans and line.block == 0)
    assert index.block_of_line(gap) == 1
    assert index.position_of_line(gap) == (1, 0)


def test_the_estimate_of_lines_left_becomes_exact_once_laid_out() -> None:
    index = index_at(40)
    index.extend(lines=5)
    assert index.estimated_total(paragraph_spacing=1) > len(index.lines)
    index.extend()
    assert index.estimated_total(paragraph_spacing=1) == len(index.lines)


def test_every_drawn_occurrence_is_highlighted_case_insensitively() -> None:
    index = index_at(80)
    highlights = index.highlights("SECTION")
    rows = sorted(highlights)
    assert len(rows) == 6  # six headings: "## Section 1" ... "## Section 6"
    first = highlights[rows[0]][0]
    assert index.lines[first.line].text[first.start : first.end] == "Section"
