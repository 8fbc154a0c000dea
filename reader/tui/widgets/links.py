"""The Links pane: every numbered link; follow it, open it in the browser, or copy it."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.document import Article, iter_runs
from reader.core.i18n import N_, _
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

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)  # link text and URLs are page text, not markup
        self.border_title = _(self.BORDER_TITLE)
        self.urls: list[str] = []

    def set_article(self, article: Article) -> None:
        self.urls = list(article.links)
        self.clear_options()
        if not self.urls:
            self.add_option(Option(_("This article has no links."), id="none", disabled=True))
            return
        for number, (label, url) in enumerate(zip(link_labels(article), self.urls, strict=True), 1):
            self.add_option(
                Option(f"[{number}] {label}\n    {clean_line(url)}", id=f"link-{number}")
            )
        self.highlighted = 0

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
            self.post_message(Say(copy_and_describe(self.app, f"link {link[0]}", link[1])))
