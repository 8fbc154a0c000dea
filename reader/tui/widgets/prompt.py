"""The one-line prompt at the bottom: open a URL or file, find text, or follow a link number.

Up and Down walk back through what was entered before in the same kind of prompt.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input

from reader.core.i18n import N_, _

PromptKind = Literal["open", "find", "follow"]

PLACEHOLDERS: dict[PromptKind, str] = {
    "open": N_("Open a URL or file (Enter opens, Esc cancels, Up/Down: history)"),
    "find": N_("Find in the article (Enter finds, Esc cancels)"),
    "follow": N_("Follow link number (Enter follows, Esc cancels)"),
}


class Prompt(Input):
    """An Input that knows what it is asking for and remembers earlier answers."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Cancel", show=False, id="prompt.cancel"),
        Binding("up", "history(-1)", "Earlier", show=False, id="prompt.earlier"),
        Binding("down", "history(1)", "Later", show=False, id="prompt.later"),
    ]

    class Answered(Message):
        """The user pressed Enter in the prompt."""

        def __init__(self, kind: PromptKind, value: str) -> None:
            super().__init__()
            self.kind = kind
            self.value = value

    class Dismissed(Message):
        """The user pressed Escape."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind: PromptKind = "open"
        self.histories: dict[PromptKind, list[str]] = {"open": [], "find": [], "follow": []}
        self._history_index = 0

    def ask(self, kind: PromptKind, value: str = "") -> None:
        """Show the prompt for `kind`, pre-filled with `value`, and focus it."""
        self.kind = kind
        self.placeholder = _(PLACEHOLDERS[kind])
        self.type = "integer" if kind == "follow" else "text"
        self.value = value
        self.cursor_position = len(value)
        self._history_index = len(self.histories[kind])
        self.display = True
        self.focus()

    def remember(self, kind: PromptKind, value: str) -> None:
        history = self.histories[kind]
        if value in history:
            history.remove(value)
        history.append(value)

    def action_history(self, step: int) -> None:
        history = self.histories[self.kind]
        if not history:
            return
        self._history_index = max(0, min(len(history), self._history_index + step))
        self.value = history[self._history_index] if self._history_index < len(history) else ""
        self.cursor_position = len(self.value)

    def action_dismiss(self) -> None:
        self.post_message(self.Dismissed())

    async def action_submit(self) -> None:
        value = self.value.strip()
        if value:
            self.remember(self.kind, value)
        self.post_message(self.Answered(self.kind, value))
