"""The History pane: visited articles, newest first, with when and how far they were read.

Typing filters the list (every word must be in the title or the address); Backspace erases,
Esc clears the filter and then closes the pane. Enter reopens the article at its saved
position; Delete takes the entry out of the history. The list comes from
`reader.core.storage.history.visits`, so it reads as `reader`'s other lists do.
"""

from __future__ import annotations

from typing import ClassVar, Self

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.events import Key
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.core.i18n import N_, _
from reader.core.pipeline import WELCOME_URL
from reader.core.storage.history import Visit, describe_time, visits
from reader.tui.app_access import ReaderNode
from reader.tui.messages import HistoryChosen, Say

HISTORY_SHOWN = 500


class HistoryList(OptionList, ReaderNode):
    """The visits; printable keys go to the pane's filter instead of reader's own keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete", "remove", N_("Delete from history"), id="history.delete"),
        Binding("escape", "clear_or_close", N_("Clear filter / close pane"), id="history.escape"),
    ]

    def on_key(self, event: Key) -> None:
        pane = self.pane
        if event.key == "backspace" and pane.filter_text:
            event.stop()
            event.prevent_default()
            pane.set_filter(pane.filter_text[:-1])
        elif event.is_printable and event.character and event.key != "space":
            event.stop()
            event.prevent_default()
            pane.set_filter(pane.filter_text + event.character)

    @property
    def pane(self) -> HistoryPane:
        parent = self.parent
        assert isinstance(parent, HistoryPane)
        return parent

    def action_remove(self) -> None:
        self.pane.remove_highlighted()

    async def action_clear_or_close(self) -> None:
        if self.pane.filter_text:
            self.pane.set_filter("")
        else:
            await self.run_action("screen.close_pane")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        visit = self.pane.visit_at(event.option_index)
        if visit is not None:
            self.post_message(HistoryChosen(visit.url))


class HistoryPane(Vertical, ReaderNode):
    """The filter line and the list of visits."""

    BORDER_TITLE = N_("History")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = _(self.BORDER_TITLE)
        self.filter_text = ""
        self.visits: list[Visit] = []  # read when the pane opens; filtered as the user types
        self.shown: list[Visit] = []

    def compose(self) -> ComposeResult:
        yield Label("", id="history-filter", markup=False)
        yield HistoryList(id="history-list", markup=False)

    def focus(self, scroll_visible: bool = True) -> Self:
        """Focusing the pane focuses its list (the pane itself takes no keys)."""
        self.list.focus(scroll_visible)
        return self

    @property
    def list(self) -> HistoryList:
        return self.query_one(HistoryList)

    def load(self) -> None:
        """Read the history (the pane opens, or an entry went) and show it unfiltered."""
        state = self.reader_app.state
        found = [] if state is None else visits(state, limit=HISTORY_SHOWN)
        self.visits = [visit for visit in found if visit.url != WELCOME_URL]
        self.set_filter("")

    def populate(self) -> None:
        """Show the visits that match the filter."""
        self.shown = [visit for visit in self.visits if visit.matches(self.filter_text)]
        if self.filter_text:
            label = _("Filter: {text} (Backspace erases, Esc clears)").format(text=self.filter_text)
        else:
            label = _("Type to filter; Enter opens, Delete removes")
        self.query_one("#history-filter", Label).update(label)
        history = self.list
        highlighted = history.highlighted
        history.clear_options()
        if not self.shown:
            empty = _("Nothing matches.") if self.filter_text else _("No history yet.")
            history.add_option(Option(empty, id="none", disabled=True))
            return
        history.add_options(
            Option(
                f"{visit.title or visit.shown_url}\n    {visit.shown_url}\n    "
                + _("{when}, {progress}").format(
                    when=describe_time(visit.visited), progress=visit.progress
                )
            )
            for visit in self.shown
        )
        history.highlighted = min(highlighted or 0, len(self.shown) - 1)

    def set_filter(self, text: str) -> None:
        """Show the visits matching `text`, the newest highlighted (also when the pane opens)."""
        self.filter_text = text
        self.list.highlighted = 0
        self.populate()

    def visit_at(self, index: int | None) -> Visit | None:
        return self.shown[index] if index is not None and 0 <= index < len(self.shown) else None

    def remove_highlighted(self) -> None:
        visit = self.visit_at(self.list.highlighted)
        state = self.reader_app.state
        if visit is None or state is None:
            return
        if state.remove_history(visit.url):
            self.post_message(
                Say(_("Removed from history: {title}").format(title=visit.title or visit.shown_url))
            )
            self.visits.remove(visit)
        else:
            self.post_message(Say(_("Could not remove it from history.")))
        self.populate()
