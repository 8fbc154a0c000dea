"""The Contents pane: the article's headings (from the reading model); Enter scrolls there."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.i18n import N_, _
from reader.core.reading import HeadingRef
from reader.tui.messages import HeadingChosen


class ContentsPane(OptionList):
    """The headings, indented by level; choosing one posts `HeadingChosen`."""

    BORDER_TITLE = N_("Contents")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.close_pane", N_("Close pane"), id="pane.close"),
    ]

    def on_mount(self) -> None:
        self.border_title = _(self.BORDER_TITLE)

    def set_headings(self, headings: list[HeadingRef]) -> None:
        """List `headings`, each indented by its level below the highest level used."""
        self.clear_options()
        if not headings:
            self.add_option(Option(_("This article has no headings."), id="none", disabled=True))
            return
        top = min(heading.level for heading in headings)
        self.add_options(
            Option(
                "  " * (h.level - top) + (h.text.strip() or _("(untitled)")), id=f"block-{h.block}"
            )
            for h in headings
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
