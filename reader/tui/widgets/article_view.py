"""The article column: the line view with the article's look, its keys, reading moves
(paragraph, heading, page) and find.

Drawing, the strip cache, scrolling and the cursor are the `LineView`'s
(reader.tui.widgets.line_view); positions and find live in the Textual-free reading model and
line index.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType

from reader.core.i18n import _
from reader.core.reading import Reading
from reader.core.storage.settings import Settings
from reader.tui.keys import VIEW_BINDINGS
from reader.tui.messages import Say
from reader.tui.widgets.line_view import LineView


class ArticleView(LineView, can_focus=True, inherit_bindings=False):
    """Shows one Article as a centred column of readable width; follows the layout settings."""

    BINDINGS: ClassVar[list[BindingType]] = [*VIEW_BINDINGS]

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
        "article-view--spoken",
        "article-view--dimmed",
        "article-view--translation",
        "article-view--translation-label",
        "article-view--translation-bar",
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
        /* The sentence read aloud: reversed and underlined, so not by colour alone. */
        & > .article-view--spoken { text-style: reverse bold underline; }
        & > .article-view--dimmed { color: $text-disabled; }
        /* An interleaved translation: a label, a dashed bar and italic, not colour alone. */
        & > .article-view--translation { text-style: italic; }
        & > .article-view--translation-label { text-style: bold; color: $text-secondary; }
        & > .article-view--translation-bar { color: $text-secondary; text-style: bold; }
        /* Large text: links have a pixel underline, headings are bold in pixels. */
        & > .article-view--big { text-style: not underline; }
    }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "settings", self._settings_changed, init=False)

    def _settings_changed(self, settings: Settings) -> None:
        if settings.layout != self.layout_options:
            self.set_layout(settings.layout)

    # -- moving ------------------------------------------------------------------------------

    def _reading_here(self) -> Reading | None:
        """The reading model, moved to the position at the top of the view."""
        if self.lines is None or self._pending_position is not None or not self.lines.lines:
            return None
        return self.lines.reading_at(self.top_line)

    def next_block(self, *, headings: bool = False) -> bool:
        """Scroll so the next paragraph (or heading) starts at the top; False at the end."""
        reading = self._reading_here()
        if reading is None:
            return False
        moved = reading.next_heading() is not None if headings else reading.next_block()
        if moved:
            self.scroll_to_block(reading.block)
        return moved

    def previous_block(self, *, headings: bool = False) -> bool:
        """Scroll to the start of the previous paragraph (or heading), or of this one when it
        starts above the view; False at the top."""
        reading = self._reading_here()
        if reading is None:
            return False
        moved = reading.previous_heading() is not None if headings else reading.previous_block()
        if moved:
            self.scroll_to_block(reading.block)
        return moved

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

    # The actions bound in `reader.tui.keys.VIEW_BINDINGS`.

    def action_scroll_lines(self, count: int) -> None:
        self.scroll_lines(count)

    def action_scroll_pages(self, pages: float) -> None:
        self.scroll_pages(pages)

    def action_go_top(self) -> None:
        self.go_top()

    def action_go_end(self) -> None:
        self.go_end()

    def action_next_paragraph(self) -> None:
        self.next_block()

    def action_previous_paragraph(self) -> None:
        self.previous_block()

    def action_next_heading(self) -> None:
        if not self.next_block(headings=True):
            self.post_message(Say(_("No more headings below.")))

    def action_previous_heading(self) -> None:
        if not self.previous_block(headings=True):
            self.post_message(Say(_("No headings above.")))

    # -- find --------------------------------------------------------------------------------

    def find(self, text: str) -> int:
        """Find every match of `text` (case-insensitive, in the reading model), highlight them
        and jump to the first one at or after the top of the view; the number of matches."""
        self.highlights.find_text = text
        reading = self.reading
        if reading is None or not text:
            self.clear_find()
            return 0
        reading.go_to(*self.position)
        reading.find(text)
        self._highlight_matches()
        if reading.matches:
            self._show_match()
        return len(reading.matches)

    @property
    def match_index(self) -> int:
        """The current match (-1: none)."""
        return self.reading.match_index if self.reading is not None else -1

    @property
    def match_count(self) -> int:
        return len(self.reading.matches) if self.reading is not None else 0

    def line_of_match(self, index: int) -> int:
        """The first line showing match `index`."""
        assert self.reading is not None
        match = self.reading.matches[index]
        return self.line_of_position(match.block, match.start)

    def next_match(self, step: int = 1) -> bool:
        """Go to the next match (`step=-1`: the previous one), wrapping round; False if the
        last find found nothing."""
        if self.reading is None or self.reading.next_match(step) is None:
            return False
        self._show_match()
        return True

    def _show_match(self) -> None:
        line = self.line_of_match(self.match_index)
        height = max(1, self.scrollable_content_region.height)
        if not (self.top_line <= line < self.top_line + height):
            self.scroll_to_line(max(0, line - height // 3))
        if self.lines is not None:
            self.highlights.mark_current(self.lines)
        self.refresh_lines_cache()
