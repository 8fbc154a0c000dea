"""The Links pane: every numbered link; follow it, open it in the browser, or copy it.

A page can hold half a million links: the pane holds options for a window of `WINDOW` links
around the highlighted one (an option list lays out every option it holds), and moves the
window when the highlight reaches its edge, so opening the pane costs the same for any page.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.document import Article, iter_runs
from reader.core.i18n import N_, _, ngettext
from reader.core.safe_text import clean_line
from reader.tui.clipboard import copy_and_describe
from reader.tui.messages import LinkChosen, LinkHighlighted, OpenInBrowser, Say


def link_labels(article: Article) -> list[str]:
    """The text of the first run of each numbered link (the URL when it has no text)."""
    labels: dict[int, str] = {}
    for runs in iter_runs(article.blocks):
        for run in runs:
            if run.kind == "link" and run.number is not None and run.number not in labels:
                labels[run.number] = clean_line(run.text)
    return [labels.get(number, "") or url for number, url in enumerate(article.links, 1)]


class LinksPane(OptionList):
    """Numbered links. Enter follows, `o` opens in the system browser, `y` or `c` copies."""

    BORDER_TITLE = N_("Links")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open_in_browser", N_("Open in browser"), id="links.browser"),
        Binding("y,c", "copy_url", N_("Copy URL"), id="links.copy"),
        Binding("escape", "screen.close_pane", N_("Close pane"), id="pane.close"),
    ]
    WINDOW = 200
    """How many links the pane holds as options at once."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)  # link text and URLs are page text, not markup
        self.border_title = _(self.BORDER_TITLE)
        self.urls: list[str] = []
        self.labels: list[str] = []
        self.first = 0  # the index of the link shown by the first option

    def set_article(self, article: Article) -> None:
        self.urls = list(article.links)
        self.labels = link_labels(article)
        count = len(self.urls)
        total = ngettext("{count} link", "{count} links", count).format(count=count)
        self.border_subtitle = total if count > self.WINDOW else ""
        self.clear_options()  # the next `_show_link` fills the window afresh
        if not self.urls:
            self.add_option(Option(_("This article has no links."), id="none", disabled=True))
            return
        self._show_link(0)

    def _show_link(self, index: int) -> None:
        """Highlight link `index` (from 0), moving the window of options when it is outside."""
        index = max(0, min(index, len(self.urls) - 1))
        if not self.first <= index < self.first + self.option_count:
            last_first = max(0, len(self.urls) - self.WINDOW)
            self.first = max(0, min(index - self.WINDOW // 2, last_first))
            window = range(self.first, min(len(self.urls), self.first + self.WINDOW))
            self.clear_options()
            self.add_options(
                Option(
                    f"[{n + 1}] {self.labels[n]}\n    {clean_line(self.urls[n])}",
                    id=f"link-{n + 1}",
                )
                for n in window
            )
        self.highlighted = index - self.first

    def _step(self, step: int) -> None:
        """Move the highlight `step` links; past either end it wraps, as option lists do."""
        if not self.urls:
            return
        current = self.first + (self.highlighted or 0)
        self._show_link((current + step) % len(self.urls))

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_first(self) -> None:
        if self.urls:
            self._show_link(0)

    def action_last(self) -> None:
        if self.urls:
            self._show_link(len(self.urls) - 1)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        """About a screenful of links (two lines each) up or down, stopping at the ends."""
        if self.urls:
            page = max(1, self.scrollable_content_region.height // 2)
            self._show_link(self.first + (self.highlighted or 0) + direction * page)

    @property
    def selected_link(self) -> tuple[int, str] | None:
        if self.highlighted is None:
            return None
        option_id = self.get_option_at_index(self.highlighted).id or ""
        if not option_id.startswith("link-"):
            return None
        number = int(option_id[5:])
        return number, self.urls[number - 1]

    def on_focus(self) -> None:
        if (link := self.selected_link) is not None:
            self.post_message(LinkHighlighted(*link))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if (link := self.selected_link) is not None:
            self.post_message(LinkHighlighted(*link))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if (link := self.selected_link) is not None:
            self.post_message(LinkChosen(*link))

    def action_open_in_browser(self) -> None:
        if (link := self.selected_link) is not None:
            self.post_message(OpenInBrowser(link[1]))

    def action_copy_url(self) -> None:
        if (link := self.selected_link) is not None:
            self.post_message(Say(copy_and_describe(self.app, link[1], link[0])))
