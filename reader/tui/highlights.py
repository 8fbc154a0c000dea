"""What the article view draws over its lines: find matches and the sentence read aloud (no
Textual here).

The view keeps one `Highlights` beside its `LineIndex`: find fills it with the rows each match
is drawn on (the current match apart), read aloud with the rows of the sentence spoken, and
the view asks, row by row, which columns stand out and how.
"""

from __future__ import annotations

from reader.core.reading import block_text
from reader.tui.layout import GAP_OFFSET
from reader.tui.line_index import LineIndex, Match

Spoken = tuple[int, int, int]
"""The sentence read aloud: (block, start, end) in the block's text."""


class Highlights:
    """The drawn find matches and spoken sentence of one article view, by row."""

    def __init__(self) -> None:
        self.find_text = ""
        """What find looks for ("" when find is cleared)."""
        self.matches: dict[int, list[Match]] = {}  # what find highlights
        self.current: list[Match] = []  # the rows of the current match
        self.spoken: Spoken | None = None
        self.spoken_rows: dict[int, list[Match]] = {}

    def on_row(self, row: int) -> list[Match] | tuple[()]:
        """What stands out on drawn row `row`, left to right."""
        matches: list[Match] | tuple[()] = self.matches.get(row, ())
        if row in self.spoken_rows:
            matches = sorted([*matches, *self.spoken_rows[row]], key=lambda m: m.start)
        return matches

    def kind(self, match: Match) -> str:
        """How `match` is drawn: the name of its component class."""
        if match in self.spoken_rows.get(match.line, ()):
            return "spoken"
        return "match-current" if match in self.current else "match"

    def forget_rows(self) -> None:
        """The lines were laid out again: the rows of the matches are no longer known."""
        self.matches, self.current = {}, []

    def find(self, lines: LineIndex) -> None:
        """Where the matches of `find_text` are drawn in `lines` (laid out to the end)."""
        self.matches = lines.highlights(self.find_text)
        self.mark_current(lines)

    def mark_current(self, lines: LineIndex) -> None:
        """The drawn rows of the current match: its occurrence on its text line, in each row."""
        self.current = []
        reading = lines.reading
        if reading.match_index < 0:
            return
        match = reading.matches[reading.match_index]
        line = lines.line_of_position(match.block, match.start)
        before = 0
        for other in reversed(reading.matches[: reading.match_index]):
            if (
                other.block != match.block
                or lines.line_of_position(other.block, other.start) != line
            ):
                break
            before += 1
        for row in lines.rows_of_line(line):
            drawn = self.matches.get(row, [])
            if before < len(drawn):
                self.current.append(drawn[before])

    def clear_find(self, lines: LineIndex | None) -> None:
        self.find_text = ""
        if lines is not None:
            lines.reading.clear_find()
        self.forget_rows()

    def show_spoken(self, lines: LineIndex | None, spoken: Spoken | None) -> list[int]:
        """Highlight `spoken` (None: no sentence); the rows it is drawn on."""
        self.spoken = spoken
        self.spoken_rows = spoken_rows(lines, *spoken) if spoken and lines else {}
        return sorted(self.spoken_rows)

    def spoken_start(self, top: int, height: int) -> tuple[int, int] | None:
        """The row and column where the sentence read aloud starts, if it shows between rows
        `top` and `top + height`."""
        shown = [row for row in self.spoken_rows if top <= row < top + height]
        if not shown:
            return None
        row = min(shown)
        return (row, self.spoken_rows[row][0].start)


def spoken_rows(lines: LineIndex, block: int, start: int, end: int) -> dict[int, list[Match]]:
    """The drawn rows of characters `start` to `end` of `block` (block_text coordinates), and
    the columns they cover on each row: link numbers and list markers the layout adds are
    skipped, so the highlight covers the sentence and nothing else."""
    if not 0 <= block < lines.block_count or end <= start:
        return {}
    lines.extend(block=block)
    text = block_text(lines.article.blocks[block])
    first = lines.block_start[block]
    rows = [
        index
        for index in range(first, len(lines.lines))
        if lines.lines[index].block == block and lines.lines[index].offset < GAP_OFFSET
    ]
    found: dict[int, list[Match]] = {}
    for number, index in enumerate(rows):
        line = lines.lines[index]
        following = [lines.lines[r].offset for r in rows[number + 1 :]]
        row_end = next((o for o in following if o > line.offset), len(text))
        low, high = max(start, line.offset), min(end, row_end)
        if low >= high:
            continue
        cells = getattr(line, "cells", 1)  # large text draws each character `cells` wide
        drawn = getattr(line, "source", "") or line.text
        shown = text[line.offset : row_end]
        columns = _columns(drawn, shown, low - line.offset, high - line.offset)
        if columns is not None:
            found[index] = [Match(index, columns[0] * cells, columns[1] * cells)]
    return found


def _columns(drawn: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    """The columns of `drawn` that show `text[start:end]`, where `drawn` is `text` with marks
    added (list markers, link numbers, padding) and spaces at wrapping points dropped."""
    begin: int | None = None
    at = 0
    for column, char in enumerate(drawn):
        while at < len(text) and text[at].isspace() and char != " ":
            at += 1  # a space (or line break) the layout did not draw
        if at >= len(text):
            break
        if char == text[at] or (char == " " and text[at].isspace()):
            if begin is None and at >= start:
                begin = column
            at += 1
            if at >= end:
                return (begin if begin is not None else column, column + 1)
    if begin is None:
        return None
    return (begin, len(drawn.rstrip()))
