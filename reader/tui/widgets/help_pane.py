"""The Help pane: every key, generated from the bindings (with the user's keymap applied)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from reader.core.i18n import N_, _
from reader.tui.keys import BINDING_GROUPS, EXTRA_KEYS, binding_by_id, keys_for
from reader.tui.widgets.links import LinksPane

KeyDisplay = Callable[[Binding], str]
"""Formats a binding's key for people (the app's `get_key_display`)."""


def key_label(keys: list[str], display: KeyDisplay) -> str:
    return " / ".join(display(Binding(key, "")) for key in keys)


def help_rows(
    keymap: dict[str, str], display: KeyDisplay
) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group title, [(keys, description)]) for every reader key, in the interface language;
    `display` formats a Binding."""
    by_id = binding_by_id()
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    for title, ids in BINDING_GROUPS:
        rows = [
            (key_label(keys_for(by_id[i], keymap), display), _(by_id[i].description)) for i in ids
        ]
        groups.append((_(title), rows))
    links = [
        (key_label(keys_for(b, keymap), display), _(b.description))
        for b in LinksPane.BINDINGS
        if isinstance(b, Binding) and b.id != "pane.close"
    ]
    links.insert(0, ("enter", _("Follow the highlighted link")))
    groups.append((_("In the Links pane"), links))
    groups.append((_("Also"), [(keys, _(what)) for keys, what in EXTRA_KEYS]))
    return groups


class HelpPane(VerticalScroll):
    """A scrollable list of every key, grouped like the Help text of a manual."""

    BORDER_TITLE = N_("Help")
    can_focus = True

    def compose(self) -> ComposeResult:
        yield Static(id="help-text")

    def on_mount(self) -> None:
        self.border_title = _(self.BORDER_TITLE)
        self.refresh_keys()

    def refresh_keys(self) -> None:
        """Rebuild the text, e.g. after the keymap changed."""
        keymap = getattr(self.app, "keymap", {})
        text = Text()
        for title, rows in help_rows(keymap, self.app.get_key_display):
            text.append(f"{title}\n", style="bold underline")
            for keys, description in rows:
                text.append(f"  {keys}", style="bold")
                text.append(f"\n      {description}\n")
            text.append("\n")
        self.query_one("#help-text", Static).update(text)
