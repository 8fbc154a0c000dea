"""Block layouts for the reading settings: large text (scales 2-4) and justified lines.

Both reuse the article view's own layout (reader.tui.layout.BlockLayout) for structure: list
markers, quote bars, heading marks, link numbers and (block, offset) positions. Large text
lays a block out at the number of characters that fit at the scale, then draws every line in
mosaic glyphs (reader.core.large_text.bigtext); all rows of a line keep its (block, offset), so the
reading position survives a change of scale.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.document import Block, Paragraph
from reader.core.large_text.bigtext import (
    cells_per_char,
    chars_per_line,
    line_cells,
    render_spans,
)
from reader.tui.layout import BlockLayout, LayoutOptions, Line, Span


@dataclass(frozen=True, slots=True)
class LargeLine(Line):
    """One terminal row of a large-text line: `source` is the text the line draws, `row` which
    of its rows this is, `cells` the columns per character (so find can map matches)."""

    source: str = ""
    row: int = 0
    cells: int = 1


def make_block_layout(options: LayoutOptions) -> BlockLayout:
    """The layout for these options: large text, justified, or the plain line layout."""
    if options.scale > 1:
        return LargeTextLayout(options)
    if options.align == "justify":
        return JustifiedLayout(options)
    return BlockLayout(options)


def justify_spans(spans: tuple[Span, ...], width: int, skip: int = 0) -> tuple[Span, ...]:
    """Stretch one line to `width` cells by widening its word gaps, left to right.

    The first `skip` characters (a list marker or quote bar) are left alone; a line without
    gaps is returned as it is.
    """
    chars = [(char, keys) for text, keys in spans for char in text]
    extra = width - len(chars)
    gaps = [i for i in range(skip, len(chars)) if chars[i][0] == " " and i > skip]
    gaps = [i for i in gaps if chars[i - 1][0] != " "]
    if extra <= 0 or not gaps:
        return spans
    share, rest = divmod(extra, len(gaps))
    widened: list[tuple[str, str]] = []
    gap_number = 0
    for index, (char, keys) in enumerate(chars):
        widened.append((char, keys))
        if gap_number < len(gaps) and index == gaps[gap_number]:
            widened.extend([(" ", keys)] * (share + (1 if gap_number < rest else 0)))
            gap_number += 1
    merged: list[Span] = []
    for char, keys in widened:
        if merged and merged[-1][1] == keys:
            merged[-1] = (merged[-1][0] + char, keys)
        else:
            merged.append((char, keys))
    return tuple(merged)


def _justified(block: Block, lines: list[Line], width: int) -> list[Line]:
    """Every line of a paragraph but its last, stretched to `width`."""
    if not isinstance(block, Paragraph) or len(lines) < 2:
        return lines
    return [
        Line(line.block, line.offset, justify_spans(line.spans, width)) for line in lines[:-1]
    ] + [lines[-1]]


def _spaced(lines: list[Line], spacing: int, index: int) -> list[Line]:
    if not spacing:
        return lines
    out: list[Line] = []
    for number, line in enumerate(lines):
        if number:
            out.extend(Line(index, line.offset) for _ in range(spacing))
        out.append(line)
    return out


class JustifiedLayout(BlockLayout):
    """The plain line layout with paragraphs justified to the column width."""

    def block_lines(self, block: Block, index: int, width: int) -> list[Line]:
        lines = _justified(block, self._lines(block, index, width, ()), width)
        return _spaced(lines, self.options.line_spacing, index)


class LargeTextLayout(BlockLayout):
    """Each text line drawn `rows_per_line` terminal rows tall in block-mosaic glyphs."""

    def block_lines(self, block: Block, index: int, width: int) -> list[Line]:
        scale = self.options.scale
        mosaic = self.options.glyphs
        chars = chars_per_line(width, scale, mosaic)
        text_lines = self._lines(block, index, chars, ())
        # Devanagari letters are one terminal cell but two glyph widths: wrap narrower until
        # every line fits the pane.
        widest = max((line_cells(line.text, scale, mosaic) for line in text_lines), default=0)
        while widest > width and chars > 1:
            chars = max(1, min(chars - 1, chars * width // widest))
            text_lines = self._lines(block, index, chars, ())
            widest = max(line_cells(line.text, scale, mosaic) for line in text_lines)
        if self.options.align == "justify":
            text_lines = _justified(block, text_lines, chars)
        out: list[Line] = []
        for number, line in enumerate(text_lines):
            if number and self.options.line_spacing:
                out.extend(Line(index, line.offset) for _ in range(self.options.line_spacing))
            if not line.spans:
                out.append(Line(index, line.offset))
                continue
            source = line.text
            cells = cells_per_char(scale, mosaic)
            out.extend(
                LargeLine(index, line.offset, spans, source, number, cells)
                for number, spans in enumerate(render_spans(line.spans, scale, mosaic))
            )
        return out
