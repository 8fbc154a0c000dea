"""The article column: a Line API scroll view that lays blocks out lazily and draws only what shows.

Blocks are laid out on demand (enough to fill the screen), then the rest in small slices between
key presses, so a 1 MB article opens at once and the app keeps answering keys. Rendered strips
are cached per line. The terminal cursor is kept at the start of the current paragraph, so
braille displays and screen magnifiers follow reading.
"""

from __future__ import annotations

import bisect
import math
import time
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.geometry import Offset, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.core.document import WORDS_PER_MINUTE, Article, Heading
from reader.tui.big_layout import make_block_layout
from reader.tui.layout import BlockLayout, LayoutOptions, Line, block_text
from reader.tui.messages import PositionChanged

LAYOUT_SLICE_SECONDS = 0.012
GAP_OFFSET = 1 << 30


@dataclass(frozen=True, slots=True)
class Match:
    line: int
    start: int
    end: int


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """Shows one Article as a centred column of readable width."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--heading",
        "article-view--heading-1",
        "article-view--heading-2",
        "article-view--heading-3",
        "article-view--heading-marker",
        "article-view--emphasis",
        "article-view--strong",
        "article-view--code",
        "article-view--code-block",
        "article-view--link",
        "article-view--link-number",
        "article-view--list-marker",
        "article-view--quote",
        "article-view--quote-bar",
        "article-view--quote-cite",
        "article-view--figure",
        "article-view--figure-label",
        "article-view--caption",
        "article-view--table-header",
        "article-view--table-rule",
        "article-view--separator",
        "article-view--match",
        "article-view--match-current",
        "article-view--dimmed",
        "article-view--big",
    }

    DEFAULT_CSS = """
    ArticleView {
        overflow-x: hidden;
        scrollbar-gutter: stable;  /* the column does not move when a scrollbar appears */
        & > .article-view--heading { text-style: bold; }
        & > .article-view--heading-1 { text-style: bold underline; color: $text-primary; }
        & > .article-view--heading-2 { text-style: bold underline; color: $text-primary; }
        & > .article-view--heading-3 { text-style: bold; color: $text-primary; }
        & > .article-view--heading-marker { color: $text-muted; }
        & > .article-view--emphasis { text-style: italic; }
        & > .article-view--strong { text-style: bold; }
        & > .article-view--code { background: $surface-lighten-1; }
        & > .article-view--code-block { background: $surface-lighten-1; }
        & > .article-view--link { text-style: underline; color: $text-accent; }
        & > .article-view--link-number { color: $text-accent; text-style: bold; }
        & > .article-view--list-marker { text-style: bold; }
        & > .article-view--quote { text-style: italic; }
        & > .article-view--quote-bar { color: $text-secondary; text-style: bold; }
        & > .article-view--quote-cite { text-style: italic; }
        & > .article-view--figure { text-style: italic; }
        & > .article-view--figure-label { text-style: bold; }
        & > .article-view--caption { text-style: italic; }
        & > .article-view--table-header { text-style: bold; }
        & > .article-view--table-rule { color: $text-muted; }
        & > .article-view--separator { color: $text-muted; }
        /* Matches: solid colours with black or white text (auto), so they keep at least
           4.5:1 in every theme; the current one also differs in colour and weight. */
        & > .article-view--match { background: $warning; color: auto; text-style: underline; }
        & > .article-view--match-current {
            background: $primary; color: auto; text-style: bold underline;
        }
        & > .article-view--dimmed { color: $text-disabled; }
        /* Large text: links have a pixel underline, headings are bold in pixels. */
        & > .article-view--big { text-style: not underline; }
    }
    """

    focus_mode: reactive[bool] = reactive(False)
    """Dim everything but the current paragraph."""

    def __init__(
        self,
        layout: LayoutOptions | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.article: Article | None = None
        self.layout_options = layout or LayoutOptions()
        self.block_layout: BlockLayout = make_block_layout(self.layout_options)
        self._lines: list[Line] = []
        self._block_start: list[int] = []  # first line of each laid-out block
        self._laid_out = 0  # blocks laid out so far
        self._column = 0  # width the current layout was made for
        self._chars_before: list[int] = [0]
        self._words_before: list[int] = [0]
        self._strips: LRUCache[tuple[int, int], Strip] = LRUCache(1024)
        self._styles: dict[str, Style] = {}
        self._matches: list[Match] = []
        self._matches_by_line: dict[int, list[Match]] = {}
        self.match_index = -1
        self.query = ""
        self._layout_scheduled = False
        self._last_position: tuple[int, int] | None = None
        # A position asked for before the view had a size: applied on the first resize.
        self._pending_position: tuple[int, int] | None = None

    # -- content ---------------------------------------------------------------------------

    def set_article(self, article: Article, position: tuple[int, int] | None = None) -> None:
        """Show `article`, at `position` (block, offset) if given, else at the top."""
        self.article = article
        chars = [0]
        words = [0]
        for block in article.blocks:
            text = block_text(block)
            chars.append(chars[-1] + len(text))
            words.append(words[-1] + len(text.split()))
        self._chars_before = chars
        self._words_before = words
        self.clear_find()
        self._relayout(position or (0, 0))

    def set_layout(self, options: LayoutOptions, block_layout: BlockLayout | None = None) -> None:
        """Change width or spacing (or the whole block layout) and keep the reading position."""
        self.layout_options = options
        self.block_layout = block_layout or make_block_layout(options)
        self._relayout(self.position)

    @property
    def column_width(self) -> int:
        """The width of the text column: the reading width, or less on a narrow screen."""
        available = self.scrollable_content_region.width or self.size.width
        room = max(10, available - 2 * self.layout_options.margin)
        width = self.layout_options.width
        return room if width <= 0 else min(width, room)

    def _relayout(self, position: tuple[int, int]) -> None:
        self._lines = []
        self._block_start = []
        self._laid_out = 0
        self._column = self.column_width
        self._strips.clear()
        if not self.size.height:  # not laid out yet (hidden while loading): wait for a size
            self._pending_position = position
            self._block_start = []
            return
        self._matches_by_line = {}
        self._matches = []
        self.match_index = -1
        self._update_virtual_size()
        self.scroll_to_position(*position)
        if self.query:
            self.find(self.query, jump=False)
        self._schedule_layout()

    @property
    def fully_laid_out(self) -> bool:
        return self.article is None or self._laid_out >= len(self.article.blocks)

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def line(self, index: int) -> Line | None:
        self._layout_until(lines=index + 1)
        return self._lines[index] if 0 <= index < len(self._lines) else None

    def _layout_block(self) -> None:
        assert self.article is not None
        index = self._laid_out
        block = self.article.blocks[index]
        self._block_start.append(len(self._lines))
        self._lines.extend(self.block_layout.block_lines(block, index, self._column))
        if index + 1 < len(self.article.blocks):
            self._lines.extend(self.block_layout.gap_lines(index))
        self._laid_out += 1

    def _layout_until(self, *, lines: int | None = None, block: int | None = None) -> None:
        """Lay out blocks until there are `lines` lines, or block `block` is laid out."""
        if self.article is None or self._pending_position is not None:
            return
        total = len(self.article.blocks)
        grew = False
        while self._laid_out < total:
            if lines is not None and len(self._lines) >= lines:
                break
            if block is not None and self._laid_out > block:
                break
            self._layout_block()
            grew = True
        if grew:
            self._update_virtual_size(force=len(self._lines) > self.virtual_size.height)

    def layout_all(self) -> None:
        """Finish the layout now (find and jump-to-end need every line)."""
        self._layout_until(lines=None, block=None)

    def _schedule_layout(self) -> None:
        if not self._layout_scheduled and not self.fully_laid_out:
            self._layout_scheduled = True
            self.set_timer(0.001, self._layout_slice)

    def _layout_slice(self) -> None:
        """Lay out blocks for a few milliseconds, then yield to key presses and come back."""
        self._layout_scheduled = False
        if self.article is None or self._pending_position is not None:
            return
        deadline = time.perf_counter() + LAYOUT_SLICE_SECONDS
        total = len(self.article.blocks)
        while self._laid_out < total and time.perf_counter() < deadline:
            self._layout_block()
        self._update_virtual_size(force=False)
        self._schedule_layout()

    def _estimated_total_lines(self) -> int:
        if self.article is None:
            return 0
        total = len(self.article.blocks)
        if self._laid_out >= total:
            return len(self._lines)
        chars_left = self._chars_before[-1] - self._chars_before[self._laid_out]
        blocks_left = total - self._laid_out
        per_line = max(1, self._column)
        spacing = self.layout_options.paragraph_spacing
        return len(self._lines) + math.ceil(chars_left / per_line) + blocks_left * (1 + spacing)

    def _update_virtual_size(self, *, force: bool = True) -> None:
        """Set the scrollable height: exact once laid out, estimated before.

        Each change re-lays out the screen, so while the background layout runs the estimate
        is only updated when it is noticeably off (`force=False`).
        """
        width = self.scrollable_content_region.width or self.size.width
        height = self._estimated_total_lines()
        old = self.virtual_size
        close_enough = abs(height - old.height) <= max(50, old.height // 50)
        if not force and not self.fully_laid_out and old.width == width and close_enough:
            return
        if (width, height) != (old.width, old.height):
            self.virtual_size = Size(width, height)

    # -- drawing -----------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def on_show(self) -> None:
        """Shown again after loading: lay out what arrived while hidden (the size may be
        unchanged, so no Resize comes)."""
        if self._pending_position is not None and self.size.height:
            self.on_resize()

    def on_resize(self) -> None:
        pending, self._pending_position = self._pending_position, None
        if self.article is not None and (pending or self.column_width != self._column):
            self._relayout(pending or self.position)
        else:
            self._update_virtual_size()
            self._strips.clear()
        self._place_cursor()

    def _style(self, keys: str) -> Style:
        style = self._styles.get(keys)
        if style is None:
            style = Style()
            for key in keys.split():
                name = f"article-view--{key}"
                if name in self.COMPONENT_CLASSES:
                    # Matches are drawn whole, so their `color: auto` is resolved against
                    # their own background.
                    partial = key not in ("match", "match-current")
                    style += self.get_component_rich_style(name, partial=partial)
            self._styles[keys] = style
        return style

    def render_line(self, y: int) -> Strip:
        if self._pending_position is not None:
            return Strip.blank(self.scrollable_content_region.width, self.rich_style)
        scroll_y = round(self.scroll_offset.y)
        index = scroll_y + y
        width = self.scrollable_content_region.width
        if index >= len(self._lines):
            self._layout_until(lines=index + 1)
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        key = (index, width)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_line(index, width, base)
            self._strips[key] = strip
        return strip

    def _render_line(self, index: int, width: int, base: Style) -> Strip:
        line = self._lines[index]
        margin = max(0, (width - self._column) // 2)
        segments = [Segment(" " * margin, base)] if margin else []
        dim = self.focus_mode and line.block != self.current_block
        dim_style = self._style("dimmed") if dim else None
        matches = self._matches_by_line.get(index, ())
        position = 0
        for text, keys in line.spans:
            style = base + self._style(keys) if keys else base
            if dim_style is not None:
                style += dim_style
            if matches:
                segments.extend(self._highlight(text, style, position, matches))
            else:
                segments.append(Segment(text, style))
            position += len(text)
        return Strip(segments).adjust_cell_length(width, base)

    def _highlight(
        self, text: str, style: Style, position: int, matches: list[Match] | tuple[()]
    ) -> list[Segment]:
        """Split one span into segments so that the find matches inside it stand out."""
        segments: list[Segment] = []
        cursor = 0
        current = self._matches[self.match_index] if self.match_index >= 0 else None
        for match in matches:
            start = max(match.start - position, cursor)
            end = min(match.end - position, len(text))
            if end <= start:
                continue
            if start > cursor:
                segments.append(Segment(text[cursor:start], style))
            name = "match-current" if match == current else "match"
            segments.append(Segment(text[start:end], style + self._style(name)))
            cursor = end
        if cursor < len(text):
            segments.append(Segment(text[cursor:], style))
        return segments

    def refresh_lines_cache(self) -> None:
        self._strips.clear()
        self.refresh()

    def watch_focus_mode(self) -> None:
        self.refresh_lines_cache()

    # -- position ----------------------------------------------------------------------------

    def _block_of_line(self, index: int) -> int:
        """The block a line belongs to; a blank gap line counts as the next block."""
        if not self._lines:
            return 0
        index = max(0, min(index, len(self._lines) - 1))
        line = self._lines[index]
        if line.offset >= GAP_OFFSET and line.block + 1 < self._laid_out:
            return line.block + 1
        return line.block

    @property
    def top_line(self) -> int:
        return round(self.scroll_offset.y)

    @property
    def current_block(self) -> int:
        """The block at the top of the view: the paragraph being read."""
        return self._block_of_line(self.top_line)

    @property
    def position(self) -> tuple[int, int]:
        """The reading position as (block, character offset): width-independent."""
        if self._pending_position is not None:
            return self._pending_position
        if not self._lines:
            return self._last_position or (0, 0)
        line = self._lines[min(self.top_line, len(self._lines) - 1)]
        if line.offset >= GAP_OFFSET:
            return (self._block_of_line(self.top_line), 0)
        return (line.block, line.offset)

    def line_of_position(self, block: int, offset: int) -> int:
        """The first line showing (block, offset), laying out as far as needed."""
        if self.article is None or not self.article.blocks or self._pending_position:
            return 0
        block = max(0, min(block, len(self.article.blocks) - 1))
        self._layout_until(block=block)
        start = self._block_start[block]
        end = self._block_start[block + 1] if block + 1 < len(self._block_start) else None
        end = end if end is not None else len(self._lines)
        best = start
        for index in range(start, end):
            line = self._lines[index]
            if line.offset >= GAP_OFFSET or line.offset > offset:
                break
            # The first row of a text line: large text and line spacing give one line
            # several rows with the same offset.
            if line.offset != self._lines[best].offset:
                best = index
        return best

    def scroll_to_position(self, block: int, offset: int = 0) -> None:
        if self._pending_position is not None:
            self._pending_position = (block, offset)
            return
        self._last_position = (block, offset)
        self.scroll_to_line(self.line_of_position(block, offset))

    def scroll_to_line(self, index: int) -> None:
        self._layout_until(lines=index + self.size.height + 1)
        self.scroll_to(y=index, animate=False, immediate=True, force=True)
        self._position_moved()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.focus_mode:
            self._strips.clear()
        self._position_moved()

    def _position_moved(self) -> None:
        if self.article is None:
            return
        self._layout_until(lines=self.top_line + self.size.height + 1)
        self._place_cursor()
        position = self.position
        self._last_position = position
        percent, minutes = self.progress()
        self.post_message(PositionChanged(position[0], position[1], percent, minutes))

    def progress(self) -> tuple[int, int]:
        """Per cent read (text above the bottom of the view) and whole minutes left."""
        if self.article is None or not self._lines:
            return (0, 0)
        total_chars = self._chars_before[-1] or 1
        bottom = min(self.top_line + max(self.size.height, 1) - 1, len(self._lines) - 1)
        at_end = self.fully_laid_out and self.top_line >= self.max_scroll_y
        if at_end:
            return (100, 0)
        line = self._lines[bottom]
        block = self._block_of_line(bottom)
        offset = 0 if line.offset >= GAP_OFFSET else line.offset
        chars = min(self._chars_before[block] + offset, total_chars)
        fraction = chars / total_chars
        words_left = self._words_before[-1] * (1 - fraction)
        return (min(99, int(fraction * 100)), math.ceil(words_left / WORDS_PER_MINUTE))

    def _place_cursor(self) -> None:
        """Put the terminal cursor where the current paragraph starts (or the top line)."""
        if not self.has_focus or not self._lines:
            return
        top = self.top_line
        block = self.current_block
        line_index = top
        if block < len(self._block_start):
            line_index = max(top, self._block_start[block])
        region = self.scrollable_content_region
        margin = max(0, (region.width - self._column) // 2)
        row = min(line_index - top, max(region.height - 1, 0))
        self.app.cursor_position = Offset(region.x + margin, region.y + row)

    def on_focus(self) -> None:
        self._place_cursor()

    # -- navigation --------------------------------------------------------------------------

    def scroll_to_block(self, block: int) -> None:
        self.scroll_to_position(block, 0)

    def next_block(self, *, headings: bool = False) -> bool:
        """Scroll so the next paragraph (or heading) starts at the top; False at the end."""
        if self.article is None or self._pending_position is not None:
            return False
        for index in range(self.current_block + 1, len(self.article.blocks)):
            self._layout_until(block=index)
            if self._block_start[index] <= self.top_line:
                continue
            if not headings or isinstance(self.article.blocks[index], Heading):
                self.scroll_to_block(index)
                return True
        return False

    def previous_block(self, *, headings: bool = False) -> bool:
        """Scroll to the start of the previous paragraph (or heading); False at the top."""
        if self.article is None or self._pending_position is not None:
            return False
        block = self.current_block
        start = block
        if block < len(self._block_start) and self._block_start[block] < self.top_line:
            start = block + 1  # the current block starts above the view: go to its start
        for index in range(start - 1, -1, -1):
            if not headings or isinstance(self.article.blocks[index], Heading):
                self.scroll_to_block(index)
                return True
        return False

    def go_end(self) -> None:
        self.layout_all()
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True, force=True)
        self._position_moved()

    def go_top(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True, force=True)
        self._position_moved()

    def scroll_lines(self, count: int) -> None:
        target = max(0, self.top_line + count)
        self._layout_until(lines=target + self.size.height + 1)
        self.scroll_to(y=target, animate=False, immediate=True, force=True)
        self._position_moved()

    def scroll_pages(self, pages: float) -> None:
        step = max(1, int(self.scrollable_content_region.height * abs(pages)) - 1)
        self.scroll_lines(step if pages > 0 else -step)

    # -- find --------------------------------------------------------------------------------

    def find(self, query: str, *, jump: bool = True) -> int:
        """Highlight every match of `query` (case-insensitive); jump to the first one below."""
        self.query = query
        self._matches = []
        self._matches_by_line = {}
        self.match_index = -1
        if query:
            self.layout_all()
            needle = query.casefold()
            for index, line in enumerate(self._lines):
                if not line.spans:
                    continue
                # A large-text row draws `source` with `cells` columns per character; only
                # a line's first row counts as a match for n/N, every row is highlighted.
                cells = getattr(line, "cells", 1)
                haystack = (getattr(line, "source", "") or line.text).casefold()
                counted = getattr(line, "row", 0) == 0
                start = haystack.find(needle)
                while start >= 0:
                    match = Match(index, start * cells, (start + len(needle)) * cells)
                    if counted:
                        self._matches.append(match)
                    self._matches_by_line.setdefault(index, []).append(match)
                    start = haystack.find(needle, start + max(1, len(needle)))
        self.refresh_lines_cache()
        if jump and self._matches:
            top = self.top_line
            lines = [match.line for match in self._matches]
            self.match_index = bisect.bisect_left(lines, top) % len(self._matches)
            self._show_match()
        return len(self._matches)

    def clear_find(self) -> None:
        self.query = ""
        self._matches = []
        self._matches_by_line = {}
        self.match_index = -1
        self.refresh_lines_cache()

    @property
    def match_count(self) -> int:
        return len(self._matches)

    def next_match(self, step: int = 1) -> bool:
        if not self._matches:
            return False
        self.match_index = (self.match_index + step) % len(self._matches)
        self._show_match()
        return True

    def _show_match(self) -> None:
        match = self._matches[self.match_index]
        height = max(1, self.scrollable_content_region.height)
        if not (self.top_line <= match.line < self.top_line + height):
            self.scroll_to_line(max(0, match.line - height // 3))
        self.refresh_lines_cache()
