"""A Line API scroll view over a `LineIndex`: draws only the lines that show.

The lines come from a `LineIndex` (reader.tui.line_index), laid out on demand (enough to fill
the screen), then the rest in small slices between key presses, so a 1 MB article opens at
once and the app keeps answering keys. Rendered strips are cached per line, with the find
matches and the sentence read aloud (reader.tui.highlights) drawn over them. The terminal
cursor is kept at the start of the current paragraph, so braille displays and screen
magnifiers follow reading. `ArticleView` adds the article's look, keys, moves and find.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.geometry import Offset, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.core.document import Article
from reader.core.reading import Reading, ReadingPosition
from reader.tui.app_access import ReaderNode
from reader.tui.big_layout import make_block_layout
from reader.tui.highlights import Highlights, Spoken
from reader.tui.layout import BlockLayout, LayoutOptions, Line
from reader.tui.line_index import LineIndex, Match, Position
from reader.tui.messages import PositionChanged

LAYOUT_SLICE_SECONDS = 0.012


class LineView(ScrollView, ReaderNode):
    """Shows the lines of one Article as a centred column of readable width."""

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
        self.layout_options = layout or LayoutOptions()
        self.block_layout: BlockLayout = make_block_layout(self.layout_options)
        self.lines: LineIndex | None = None
        self._strips: LRUCache[tuple[int, int], Strip] = LRUCache(1024)
        self._styles: dict[str, Style] = {}
        self.highlights = Highlights()
        """The find matches and the sentence read aloud, by drawn row."""
        self._layout_scheduled = False
        self._last_position: Position | None = None
        # A position asked for before the view had a size: applied on the first resize.
        self._pending_position: Position | None = None

    # -- content ---------------------------------------------------------------------------

    @property
    def article(self) -> Article | None:
        return self.lines.article if self.lines is not None else None

    @property
    def reading(self) -> Reading | None:
        """The reading model of the article shown (positions, headings, links, progress)."""
        return self.lines.reading if self.lines is not None else None

    def set_article(self, article: Article, position: Position | None = None) -> None:
        """Show `article`, at `position` (block, offset) if given, else at the top; a saved
        position the article no longer has is clamped into it."""
        reading = Reading(article)
        restored = reading.restore(ReadingPosition(*position) if position else None)
        self.lines = LineIndex(article, reading, self.block_layout, self.column_width)
        self.highlights.show_spoken(None, None)
        self.clear_find()
        self._relayout((restored.block, restored.offset))

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

    @property
    def _column(self) -> int:
        """The width the current lines were laid out for."""
        return self.lines.width if self.lines is not None else 0

    def _relayout(self, position: Position) -> None:
        if self.lines is not None:
            self.lines = self.lines.relaid(self.block_layout, self.column_width)
        self._strips.clear()
        if not self.size.height:  # not laid out yet (hidden while loading): wait for a size
            self._pending_position = position
            return
        self.highlights.forget_rows()
        self._update_virtual_size()
        self.scroll_to_position(*position)
        if self.find_text:  # the matches are the same; where they are drawn is not
            self._highlight_matches()
        if self.highlights.spoken is not None:
            self.show_spoken(self.highlights.spoken)
        self._schedule_layout()

    @property
    def fully_laid_out(self) -> bool:
        return self.lines is None or self.lines.complete

    @property
    def line_count(self) -> int:
        """Lines laid out so far."""
        return len(self.lines.lines) if self.lines is not None else 0

    def line(self, index: int) -> Line | None:
        """Line `index`, laying out as far as needed; None past the end."""
        if self.lines is None:
            return None
        if index >= self.line_count:
            self._layout_until(lines=index + 1)
        return self.lines.lines[index] if 0 <= index < self.line_count else None

    def _layout_until(self, *, lines: int | None = None, block: int | None = None) -> None:
        """Lay out blocks until there are `lines` lines, or block `block` is laid out."""
        if self.lines is None or self._pending_position is not None:
            return
        if self.lines.extend(lines=lines, block=block):
            self._update_virtual_size(force=self.line_count > self.virtual_size.height)

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
        if self.lines is None or self._pending_position is not None:
            return
        self.lines.extend_for(LAYOUT_SLICE_SECONDS)
        self._update_virtual_size(force=False)
        self._schedule_layout()

    def _update_virtual_size(self, *, force: bool = True) -> None:
        """Set the scrollable height: exact once laid out, estimated before.

        Each change re-lays out the screen, so while the background layout runs the estimate
        is only updated when it is noticeably off (`force=False`).
        """
        width = self.scrollable_content_region.width or self.size.width
        spacing = self.layout_options.paragraph_spacing
        height = self.lines.estimated_total(spacing) if self.lines is not None else 0
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
        index = round(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        line = self.line(index)
        if line is None:
            return Strip.blank(width, base)
        key = (index, width)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_line(index, line, width, base)
            self._strips[key] = strip
        return strip

    def _render_line(self, index: int, line: Line, width: int, base: Style) -> Strip:
        margin = max(0, (width - self._column) // 2)
        segments = [Segment(" " * margin, base)] if margin else []
        dim = self.focus_mode and line.block != self.current_block
        dim_style = self._style("dimmed") if dim else None
        matches = self.highlights.on_row(index)
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
        """Split one span into segments so that the matches (and the sentence read aloud)
        inside it stand out."""
        segments: list[Segment] = []
        cursor = 0
        for match in matches:
            start = max(match.start - position, cursor)
            end = min(match.end - position, len(text))
            if end <= start:
                continue
            if start > cursor:
                segments.append(Segment(text[cursor:start], style))
            kind = self.highlights.kind(match)
            segments.append(Segment(text[start:end], style + self._style(kind)))
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

    @property
    def top_line(self) -> int:
        return round(self.scroll_offset.y)

    @property
    def current_block(self) -> int:
        """The block at the top of the view: the paragraph being read."""
        return self.lines.block_of_line(self.top_line) if self.lines is not None else 0

    @property
    def position(self) -> Position:
        """The reading position as (block, character offset): width-independent."""
        if self._pending_position is not None:
            return self._pending_position
        if self.lines is None or not self.lines.lines:
            return self._last_position or (0, 0)
        return self.lines.position_of_line(self.top_line)

    def line_of_position(self, block: int, offset: int) -> int:
        """The first line showing (block, offset), laying out as far as needed."""
        if self.lines is None or not self.lines.block_count or self._pending_position:
            return 0
        self._layout_until(block=max(0, min(block, self.lines.block_count - 1)))
        return self.lines.line_of_position(block, offset)

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
        self.post_message(PositionChanged(self, position, percent, minutes))

    def progress(self) -> tuple[int, int]:
        """Per cent read (text above the bottom of the view) and whole minutes left."""
        if self.lines is None or not self.lines.lines:
            return (0, 0)
        if self.fully_laid_out and self.top_line >= self.max_scroll_y:
            return (100, 0)
        bottom = min(self.top_line + max(self.size.height, 1) - 1, self.line_count - 1)
        return self.lines.progress_at(bottom)

    def _place_cursor(self) -> None:
        """Put the terminal cursor where the current paragraph starts (or the top line)."""
        if not self.has_focus or self.lines is None or not self.lines.lines:
            return
        top = self.top_line
        block = self.current_block
        line_index = top
        if block < len(self.lines.block_start):
            line_index = max(top, self.lines.block_start[block])
        region = self.scrollable_content_region
        margin = max(0, (region.width - self._column) // 2)
        spoken = self.highlights.spoken_start(top, region.height)
        if spoken is not None:  # reading aloud: at the start of the sentence being spoken
            line_index = spoken[0]
            margin += spoken[1]
        row = min(line_index - top, max(region.height - 1, 0))
        self.app.cursor_position = Offset(region.x + margin, region.y + row)

    def on_focus(self) -> None:
        self._place_cursor()

    def scroll_to_block(self, block: int) -> None:
        self.scroll_to_position(block, 0)

    # -- highlights ----------------------------------------------------------------------------

    @property
    def find_text(self) -> str:
        """What find looks for ("" when find is cleared)."""
        return self.highlights.find_text

    def _highlight_matches(self) -> None:
        """Where the matches are drawn at this layout."""
        if self.lines is not None:
            self.layout_all()
            self.highlights.find(self.lines)
        self.refresh_lines_cache()

    def show_spoken(self, spoken: Spoken | None) -> list[int]:
        """Highlight characters start to end of a block, (block, start, end), as the sentence
        read aloud (None: no sentence); the rows it is drawn on."""
        rows = self.highlights.show_spoken(self.lines, spoken)
        self.refresh_lines_cache()
        self._place_cursor()
        return rows

    def clear_find(self) -> None:
        self.highlights.clear_find(self.lines)
        self.refresh_lines_cache()
