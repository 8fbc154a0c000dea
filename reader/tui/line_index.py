"""The laid-out lines of one article at one column width, extended lazily (no Textual here).

Like Textual's `WrappedDocument` beside `TextArea`: the article view draws and scrolls, this
holds the lines, lays blocks out on demand and maps lines to reading positions (block,
character offset) and back, so positions survive a change of width, spacing or text scale.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from reader.core.document import Article
from reader.core.reading import Reading, ReadingPosition
from reader.tui.layout import GAP_OFFSET, BlockLayout, Line
from reader.tui.translation import translation_lines

Position = tuple[int, int]
"""A reading position: (block index, character offset into the block's text)."""


@dataclass(frozen=True, slots=True)
class Match:
    """One drawn find match: a line and the columns [start, end) it covers on that line."""

    line: int
    start: int
    end: int


class LineIndex:
    """Lines of `article` laid out by `block_layout` at `width` columns, a block at a time.

    `reading` is the reading model of the same article (its text counts give the estimate of
    lines not laid out yet)."""

    def __init__(
        self, article: Article, reading: Reading, block_layout: BlockLayout, width: int
    ) -> None:
        self.article = article
        self.reading = reading
        self.block_layout = block_layout
        self.width = width
        self.lines: list[Line] = []
        self.block_start: list[int] = []  # first line of each laid-out block
        self.laid_out = 0  # blocks laid out so far

    def relaid(self, block_layout: BlockLayout, width: int) -> LineIndex:
        """An empty index of the same article for another layout or width."""
        return LineIndex(self.article, self.reading, block_layout, width)

    # -- laying out ---------------------------------------------------------------------------

    @property
    def block_count(self) -> int:
        return len(self.article.blocks)

    @property
    def complete(self) -> bool:
        """Every block is laid out."""
        return self.laid_out >= self.block_count

    def _layout_block(self) -> None:
        index = self.laid_out
        block = self.article.blocks[index]
        self.block_start.append(len(self.lines))
        if index in self.article.translations:
            self.lines.extend(translation_lines(self.block_layout, block, index, self.width))
        else:
            self.lines.extend(self.block_layout.block_lines(block, index, self.width))
        if index + 1 < self.block_count:
            self.lines.extend(self.block_layout.gap_lines(index))
        self.laid_out += 1

    def extend(self, *, lines: int | None = None, block: int | None = None) -> bool:
        """Lay out blocks until there are `lines` lines or block `block` is laid out (both
        None: everything); True if any block was laid out."""
        grew = False
        while not self.complete:
            if lines is not None and len(self.lines) >= lines:
                break
            if block is not None and self.laid_out > block:
                break
            self._layout_block()
            grew = True
        return grew

    def extend_for(self, seconds: float) -> None:
        """Lay out blocks for about `seconds` (a slice between key presses)."""
        deadline = time.perf_counter() + seconds
        while not self.complete and time.perf_counter() < deadline:
            self._layout_block()

    def estimated_total(self, paragraph_spacing: int) -> int:
        """The number of lines once everything is laid out: exact when complete, else a guess
        from the characters left."""
        if self.complete:
            return len(self.lines)
        chars_left = self.reading.chars_before(self.block_count) - self.reading.chars_before(
            self.laid_out
        )
        blocks_left = self.block_count - self.laid_out
        per_line = max(1, self.width)
        return (
            len(self.lines)
            + math.ceil(chars_left / per_line)
            + blocks_left * (1 + paragraph_spacing)
        )

    # -- lines and positions --------------------------------------------------------------------

    def block_of_line(self, index: int) -> int:
        """The block a line belongs to; a blank gap line counts as the next block."""
        if not self.lines:
            return 0
        index = max(0, min(index, len(self.lines) - 1))
        line = self.lines[index]
        if line.offset >= GAP_OFFSET and line.block + 1 < self.laid_out:
            return line.block + 1
        return line.block

    def position_of_line(self, index: int) -> Position:
        """The reading position a line shows (a gap line: the start of the next block)."""
        line = self.lines[min(index, len(self.lines) - 1)]
        if line.offset >= GAP_OFFSET:
            return (self.block_of_line(index), 0)
        return (line.block, line.offset)

    def line_of_position(self, block: int, offset: int) -> int:
        """The first line showing (block, offset), laying out as far as needed."""
        if not self.article.blocks:
            return 0
        block = max(0, min(block, self.block_count - 1))
        self.extend(block=block)
        start = self.block_start[block]
        end = self.block_start[block + 1] if block + 1 < len(self.block_start) else len(self.lines)
        best = start
        for index in range(start, end):
            line = self.lines[index]
            if line.offset >= GAP_OFFSET or line.offset > offset:
                break
            # The first row of a text line: large text and line spacing give one line
            # several rows with the same offset.
            if line.offset != self.lines[best].offset:
                best = index
        return best

    def reading_at(self, top: int) -> Reading:
        """The reading model, moved to the position that row `top` shows."""
        block, offset = self.position_of_line(top)
        if offset == 0 and block < len(self.block_start) and self.block_start[block] < top:
            offset = 1  # a later row of the block's first line: inside the block, not at it
        self.reading.go_to(block, offset)
        return self.reading

    def progress_at(self, bottom: int) -> tuple[int, int]:
        """Per cent read and whole minutes left when row `bottom` is the last one read."""
        progress = self.reading.progress(ReadingPosition(*self.position_of_line(bottom)))
        return (progress.percent, progress.minutes_left)

    # -- find ----------------------------------------------------------------------------------

    def highlights(self, text: str) -> dict[int, list[Match]]:
        """Every case-insensitive occurrence of `text` in the drawn lines, by line (large
        text draws a line in several rows: each row has its own)."""
        by_line: dict[int, list[Match]] = {}
        if not text:
            return by_line
        self.extend()
        needle = text.casefold()
        for index, line in enumerate(self.lines):
            if not line.spans:
                continue
            # A large-text row draws `source` with `cells` columns per character.
            cells = getattr(line, "cells", 1)
            haystack = (getattr(line, "source", "") or line.text).casefold()
            start = haystack.find(needle)
            while start >= 0:
                match = Match(index, start * cells, (start + len(needle)) * cells)
                by_line.setdefault(index, []).append(match)
                start = haystack.find(needle, start + max(1, len(needle)))
        return by_line

    def rows_of_line(self, index: int) -> range:
        """The rows that draw the same text line as row `index` (one, but several for large
        text; blank line-spacing rows included)."""
        first = self.lines[index]
        end = index + 1
        while (
            end < len(self.lines)
            and self.lines[end].block == first.block
            and self.lines[end].offset == first.offset
        ):
            end += 1
        return range(index, end)
