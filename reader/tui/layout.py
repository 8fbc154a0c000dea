"""Lay out an Article's blocks as wrapped lines of styled spans, one block at a time.

The article view asks for lines block by block, so a huge article is laid out lazily and the
first screen appears at once. Spans carry style *keys* (e.g. "heading link"), not colours: the
view resolves keys to the theme's styles when it draws, so a theme change needs no re-layout.
Structure is never shown by colour alone: headings get `#` prefixes and bold, quotes a bar,
images an "Image:" label, links an underline and a `[n]` number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len

from reader.core.document import (
    Block,
    Code,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Runs,
    Separator,
    Slot,
    Table,
    column_count,
    column_heads,
    filled,
    runs_text,
    table_grid,
)
from reader.core.formats.announcements import column_name
from reader.core.i18n import _
from reader.core.reading import block_text
from reader.core.storage.settings import LayoutOptions

__all__ = ["GAP_OFFSET", "BlockLayout", "LayoutOptions", "Line", "Span", "block_text"]

Span = tuple[str, str]  # (text, space-separated style keys)

GAP_OFFSET = 1 << 30
"""The offset of a paragraph-spacing line: past the end of any block's text."""

_TOKEN = re.compile(r"\S+|\s+")
_RUN_KEYS = {"text": "", "emphasis": "emphasis", "strong": "strong", "code": "code", "link": "link"}


@dataclass(frozen=True, slots=True)
class Line:
    """One row of the article column: the block it belongs to and where in that block it starts.

    `offset` is a character offset into the block's text, so a reading position stored as
    (block, offset) survives a change of width, spacing or text scale.
    """

    block: int
    offset: int
    spans: tuple[Span, ...] = ()

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.spans)


def join_keys(*keys: str) -> str:
    return " ".join(key for key in keys if key)


def runs_to_spans(runs: Runs, base: str = "") -> list[Span]:
    """Inline runs as spans; a numbered link is followed by its `[n]` marker."""
    spans: list[Span] = []
    for run in runs:
        text = run.text.replace("\n", " ")
        if not text:
            continue
        spans.append((text, join_keys(base, _RUN_KEYS.get(run.kind, ""))))
        if run.kind == "link" and run.number is not None:
            spans.append((f"[{run.number}]", join_keys(base, "link-number")))
    return spans


def _merge(spans: list[Span]) -> tuple[Span, ...]:
    """Adjacent spans with the same keys joined, so a line draws as few segments as possible."""
    merged: list[Span] = []
    for text, key in spans:
        if merged and merged[-1][1] == key:
            merged[-1] = (merged[-1][0] + text, key)
        elif text:
            merged.append((text, key))
    return tuple(merged)


def _split_to_width(word: str, width: int) -> tuple[str, str]:
    """The longest head of `word` that fits in `width` cells (at least one character)."""
    total = 0
    for index, char in enumerate(word):
        total += cell_len(char)
        if total > width:
            return word[: max(index, 1)], word[max(index, 1) :]
    return word, ""


def wrap_spans(
    spans: Sequence[Span],
    width: int,
    block: int,
    *,
    first_prefix: Sequence[Span] = (),
    prefix: Sequence[Span] = (),
    base_offset: int = 0,
) -> list[Line]:
    """Greedy word wrap of `spans` into lines at most `width` cells wide.

    `first_prefix` starts the first line (a list marker), `prefix` every later one (a hanging
    indent, a quote bar). Runs of whitespace become one space; a word wider than the line is
    split. Offsets count characters of the spans' text from `base_offset`.
    """
    lines: list[Line] = []
    current: list[Span] = list(first_prefix)
    room = max(1, width - sum(cell_len(text) for text, _ in first_prefix))
    next_room = max(1, width - sum(cell_len(text) for text, _ in prefix))
    used = 0
    line_offset = base_offset
    pending_space: str | None = None
    position = base_offset
    has_words = False

    def flush() -> None:
        nonlocal current, used, room, has_words
        lines.append(Line(block, line_offset, _merge(current)))
        current = list(prefix)
        used = 0
        room = next_room
        has_words = False

    for text, key in spans:
        for match in _TOKEN.finditer(text):
            token = match.group()
            if token[0].isspace():
                if has_words:
                    pending_space = key
                continue
            token_offset = position + match.start()
            token_width = len(token) if token.isascii() else cell_len(token)
            gap = 1 if (has_words and pending_space is not None) else 0
            if used + gap + token_width > room and has_words:
                flush()
                line_offset = token_offset
                gap = 0
            elif gap:
                current.append((" ", pending_space or ""))
            pending_space = None
            if not has_words and room < token_width <= next_room:
                # The first line's prefix (a label) leaves too little room: start the text on
                # the next line rather than split a word that would fit there.
                lines.append(Line(block, line_offset, _merge(current)))
                current, used, room = list(prefix), 0, next_room
            while token_width > room - used:
                head, token = _split_to_width(token, room - used)
                current.append((head, key))
                has_words = True
                flush()
                token_offset += len(head)
                line_offset = token_offset
                token_width = cell_len(token)
            if token:
                if not has_words:
                    line_offset = token_offset
                current.append((token, key))
                used += gap + token_width
                has_words = True
        position += len(text)
    if has_words or not lines:
        lines.append(Line(block, line_offset, _merge(current)))
    return lines


def _hard_wrap(text: str, width: int, block: int, key: str, offset: int, indent: str) -> list[Line]:
    """Code and preformatted text: each source line split at `width` cells, spaces kept."""
    lines: list[Line] = []
    room = max(1, width - len(indent))
    for raw in text.expandtabs(4).split("\n"):
        rest = raw
        while True:
            head, tail = _split_to_width(rest, room) if cell_len(rest) > room else (rest, "")
            lines.append(Line(block, offset, ((indent, "code-indent"), (head or " ", key))))
            offset += len(head)
            rest = tail
            if not rest:
                break
        offset += 1
    return lines


class BlockLayout:
    """Turns one top-level block into lines at a given width.

    Subclass and override `block_lines` (or register a different layout on the article view)
    to draw blocks another way, e.g. in large glyphs.
    """

    def __init__(self, options: LayoutOptions) -> None:
        self.options = options

    def block_lines(self, block: Block, index: int, width: int) -> list[Line]:
        """The lines of `block` (number `index` in the article) at `width` cells."""
        lines = self._lines(block, index, width, ())
        if self.options.line_spacing:
            spaced: list[Line] = []
            for line in lines:
                spaced.append(line)
                spaced.extend(Line(index, line.offset) for _ in range(self.options.line_spacing))
            lines = spaced[: -self.options.line_spacing] if spaced else spaced
        return lines

    def gap_lines(self, index: int) -> list[Line]:
        """Blank lines after block `index` (paragraph spacing)."""
        return [Line(index, GAP_OFFSET) for _ in range(self.options.paragraph_spacing)]

    def _lines(self, block: Block, index: int, width: int, prefix: tuple[Span, ...]) -> list[Line]:
        match block:
            case Heading(level=level, runs=runs):
                return self._heading(runs, level, index, width, prefix)
            case Paragraph(runs=runs):
                return wrap_spans(
                    runs_to_spans(runs), width, index, first_prefix=prefix, prefix=prefix
                )
            case ListBlock():
                return self._list(block, index, width, prefix, 0)
            case Quote(blocks=inner, cite=cite):
                return self._quote(inner, cite, index, width, prefix)
            case Code(text=text):
                return _hard_wrap(
                    text, width, index, "code-block", 0, "".join(t for t, _ in prefix)
                )
            case Figure(alt=alt, caption=caption):
                return self._figure(alt, caption, index, width, prefix)
            case Table():
                return self._table(block, index, width, prefix)
            case Separator():
                return [Line(index, 0, (*prefix, ("* * *".center(min(width, 40)), "separator")))]
        return []

    def _heading(
        self, runs: Runs, level: int, index: int, width: int, prefix: tuple[Span, ...]
    ) -> list[Line]:
        marker = ("#" * level + " ", "heading-marker")
        base = f"heading heading-{min(level, 3)}"
        return wrap_spans(
            runs_to_spans(runs, base),
            width,
            index,
            first_prefix=(*prefix, marker),
            prefix=(*prefix, (" " * len(marker[0]), "")),
        )

    def _list(
        self, block: ListBlock, index: int, width: int, prefix: tuple[Span, ...], offset: int
    ) -> list[Line]:
        lines: list[Line] = []
        for number, item in enumerate(block.items, block.start):
            marker = f"{number}. " if block.ordered else "• "
            first = (*prefix, (marker, "list-marker"))
            hang = (*prefix, (" " * len(marker), ""))
            lines += wrap_spans(
                runs_to_spans(item.runs),
                width,
                index,
                first_prefix=first,
                prefix=hang,
                base_offset=offset,
            )
            offset += len(runs_text(item.runs)) + 1
            for child in item.children:
                child_lines = self._list(child, index, width, hang, offset)
                lines += child_lines
                offset = (child_lines[-1].offset if child_lines else offset) + 1
        return lines

    def _quote(
        self,
        inner: list[Block],
        cite: str | None,
        index: int,
        width: int,
        prefix: tuple[Span, ...],
    ) -> list[Line]:
        bar = (*prefix, ("▎ ", "quote-bar"))
        bar_chars = sum(len(text) for text, _ in bar)
        lines: list[Line] = []
        offset = 0
        for position, child in enumerate(inner):
            if position:
                lines.append(Line(index, offset, bar))
            for line in self._lines(child, index, width, bar):
                lines.append(
                    Line(index, offset + line.offset, _styled(line.spans, "quote", bar_chars))
                )
            offset += len(block_text(child)) + 1
        if cite:
            lines += wrap_spans(
                [("— " + cite, "quote-cite")],
                width,
                index,
                first_prefix=bar,
                prefix=bar,
                base_offset=offset,
            )
        return lines

    def _figure(
        self, alt: str, caption: Runs, index: int, width: int, prefix: tuple[Span, ...]
    ) -> list[Line]:
        label = (_label(_("Image:")), "figure-label")
        hang = (*prefix, (" " * cell_len(label[0]), ""))
        description = alt or _("(no description)")
        lines = wrap_spans(
            [(description, "figure")], width, index, first_prefix=(*prefix, label), prefix=hang
        )
        if caption:
            lines += wrap_spans(
                runs_to_spans(caption, "caption"),
                width,
                index,
                first_prefix=(*prefix, (_label(_("Caption:")), "figure-label")),
                prefix=hang,
                base_offset=len(alt) + 1,
            )
        return lines

    def _table(self, table: Table, index: int, width: int, prefix: tuple[Span, ...]) -> list[Line]:
        room = width - sum(cell_len(t) for t, _ in prefix)
        placed = table_grid(table)
        columns = column_count(table, placed)
        own = {id(slot) for slots in placed for slot in slots if not slot.carried}
        grid = [
            [(slot, runs_text(slot.cell)) for slot in filled(slots, columns)] for slots in placed
        ]
        rows = grid[1:]
        has_header = bool(table.header)
        lines: list[Line] = []
        if table.caption:
            lines += wrap_spans(
                runs_to_spans(table.caption, "caption"),
                width,
                index,
                first_prefix=(*prefix, (_label(_("Table:")), "figure-label")),
                prefix=(*prefix, (" " * cell_len(_label(_("Table:"))), "")),
            )
        if not columns:
            return lines
        widths = _column_widths(grid, columns)
        grid_width = sum(widths) + 3 * (columns - 1)
        offset = 0
        if grid_width <= room:
            # A cell spanning columns is drawn across them; one spanning rows only in its first
            # row, the rows below leaving its place blank, as on the page.
            for number, row in enumerate(grid if has_header else rows):
                is_header = has_header and number == 0
                spans: list[Span] = list(prefix)
                for slot, text in row:
                    if slot.column:
                        spans.append((" │ ", "table-rule"))
                    shown = "" if slot.carried else text
                    room_for = sum(widths[slot.column : slot.column + slot.width])
                    pad = " " * (room_for + 3 * (slot.width - 1) - cell_len(shown))
                    spans.append((shown + pad, "table-header" if is_header else ""))
                lines.append(Line(index, offset, _merge(spans)))
                offset += sum(len(text) for slot, text in row if id(slot) in own) + 1
                if is_header:
                    rule = "─┼─".join("─" * w for w in widths)
                    lines.append(Line(index, offset, (*prefix, (rule, "table-rule"))))
            return lines
        # Too wide for a grid: each row as "Header: value" lines, rows separated by a rule; a
        # cell spanning rows is read in each row it covers.
        names = [runs_text(cell) for cell in column_heads(placed, columns)]
        for number, row in enumerate(rows):
            if number:
                lines.append(Line(index, offset, (*prefix, ("─" * min(room, 20), "table-rule"))))
            for slot, text in row:
                name = names[slot.column] or column_name(slot.column + 1)
                lines += wrap_spans(
                    [(text or "-", "")],
                    width,
                    index,
                    first_prefix=(
                        *prefix,
                        (_label(_("{column}:").format(column=name)), "table-header"),
                    ),
                    prefix=(*prefix, ("  ", "")),
                    base_offset=offset,
                )
                if id(slot) in own:  # offsets count the text of the table's own cells
                    offset += len(text) + 1
        return lines


def _column_widths(grid: list[list[tuple[Slot, str]]], columns: int) -> list[int]:
    """The cells' width of each column: its widest one-column cell, then widened (the last
    column a spanning cell covers) until every spanning cell fits across its columns."""
    widths = [0] * columns
    for row in grid:
        for slot, text in row:
            if slot.width == 1:
                widths[slot.column] = max(widths[slot.column], cell_len(text))
    for row in grid:
        for slot, text in row:
            end = slot.column + slot.width
            short = cell_len(text) - sum(widths[slot.column : end]) - 3 * (slot.width - 1)
            if slot.width > 1 and short > 0:
                widths[end - 1] += short
    return widths


def _styled(spans: tuple[Span, ...], key: str, skip: int) -> tuple[Span, ...]:
    """`spans` with `key` added to every span after the first `skip` characters of prefix."""
    out: list[Span] = []
    seen = 0
    for text, keys in spans:
        out.append((text, keys if seen < skip else join_keys(keys, key)))
        seen += len(text)
    return tuple(out)


def _label(text: str) -> str:
    """A label and the space before its text; none after a full-width colon (U+FF1A)."""
    return text if text.endswith("\uff1a") else text + " "
