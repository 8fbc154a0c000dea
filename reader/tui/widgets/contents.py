"""The Contents pane: the article's headings; Enter scrolls the article there."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.document import Article, Heading, runs_text
from reader.tui.messages import HeadingChosen


def heading_entries(article: Article) -> list[tuple[int, int, str]]:
    """(block index, level, text) for every heading, in reading order."""
    return [
        (index, block.level, runs_text(block.runs).strip() or "(untitled)")
        for index, block in enumerate(article.blocks)
        if isinstance(block, Heading)
    ]


class ContentsPane(OptionList):
    """The headings, indented by level; choosing one posts `HeadingChosen`."""

    BORDER_TITLE = "Contents"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.close_pane", "Close pane", id="pane.close"),
    ]

    def set_article(self, article: Article) -> None:
        entries = heading_entries(article)
        self.clear_options()
        if not entries:
            self.add_option(Option("This article has no headings.", id="none", disabled=True))
            return
        top = min(level for _, level, _ in entries)  # the highest level used is not indented
        self.add_options(
            Option("  " * (level - top) + text, id=f"block-{index}")
            for index, level, text in entries
        )
        self.highlighted = 0

    def highlight_block(self, block: int) -> None:
        """Highlight the last heading at or before `block` (where the reader is)."""
        best = None
        for position in range(self.option_count):
            option_id = self.get_option_at_index(position).id or ""
            if option_id.startswith("block-") and int(option_id[6:]) <= block:
                best = position
        if best is not None:
            self.highlighted = best

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("block-"):
            self.post_message(HeadingChosen(int(option_id[6:])))
