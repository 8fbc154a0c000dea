"""Opening and closing the panes beside the article (one at a time).

Pane visibility is a CSS class on the screen (`-show-contents`, ...), styled in reader.tcss;
at narrow widths an open pane takes the whole width.
"""

from __future__ import annotations

from reader.tui.screens.screen_base import ScreenBase
from reader.tui.widgets.contents import ContentsPane
from reader.tui.widgets.help_pane import HelpPane
from reader.tui.widgets.history_pane import HistoryPane
from reader.tui.widgets.message_log import MessageLogPane
from reader.tui.widgets.reading_list_pane import ReadingListPane
from reader.tui.widgets.settings_pane import SettingsPane

PANES = ("contents", "links", "settings", "help", "history", "reading-list", "messages")


class PaneToggling(ScreenBase):
    """The reader screen's panes."""

    def action_toggle_pane(self, name: str) -> None:
        """Open pane `name` and focus it; if it is open and focused, close it."""
        pane = self.query_one(f"#{name}")
        if self.pane == name and pane.has_focus_within:
            self.pane = None
            return
        self.pane = name
        if name == "contents" and self.article is not None:
            self.query_one(ContentsPane).highlight_block(self.article_view.current_block)
        if name == "help":
            self.query_one(HelpPane).refresh_keys()
        if name == "settings":
            self.query_one(SettingsPane).populate()
        if name == "history":
            self.query_one(HistoryPane).load()
        if name == "reading-list":
            self.query_one(ReadingListPane).populate()
        if name == "messages":
            self.query_one(MessageLogPane).refresh_log()
        self.call_after_refresh(pane.focus)

    def action_close_pane(self) -> None:
        self.pane = None

    def watch_pane(self, old: str | None, new: str | None) -> None:
        if old == new:
            return
        # One restyle of the screen for the whole change, not one per class.
        for name in PANES:
            self.set_class(name == new, f"-show-{name}", update=False)
        self.update_node_styles(animate=False)
        if new is None:
            self.article_view.focus()
