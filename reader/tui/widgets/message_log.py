"""The message log: every message the reader showed, in full and with its time.

The message line shows only the latest message, and notifications fade; the Messages pane
(`m`) keeps them all (newest first), so a long message with the command it names can be read
again. The app keeps the log (`ReaderApp.message_log`); the pane shows it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from reader.core.i18n import N_, _
from reader.core.safe_text import clean_line
from reader.tui.app_access import ReaderNode

MAX_MESSAGES = 500


@dataclass(frozen=True, slots=True)
class LoggedMessage:
    """One message as shown, and when (seconds since the epoch)."""

    text: str
    when: float = field(default_factory=time.time)


def add_message(log: list[LoggedMessage], text: str) -> bool:
    """Append `text` (one clean line) to `log`, dropping the oldest past `MAX_MESSAGES`;
    False for an empty message or the same one again (it is already the latest)."""
    text = clean_line(text)
    if not text or (log and log[-1].text == text):
        return False
    log.append(LoggedMessage(text))
    del log[:-MAX_MESSAGES]
    return True


def log_text(log: list[LoggedMessage]) -> Text:
    """The log as text, newest first: the time in bold, then the message, wrapped."""
    text = Text()
    if not log:
        text.append(_("No messages yet."))
        return text
    for message in reversed(log):
        text.append(time.strftime("%H:%M:%S", time.localtime(message.when)), style="bold")
        text.append(f"  {message.text}\n")
    return text


class MessageLogPane(VerticalScroll, ReaderNode):
    """The Messages pane: the log, newest first; it scrolls with the usual keys."""

    BORDER_TITLE = N_("Messages")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.close_pane", N_("Close pane"), id="pane.close"),
    ]
    can_focus = True

    def on_mount(self) -> None:
        self.border_title = _(self.BORDER_TITLE)

    def compose(self) -> ComposeResult:
        yield Static(id="message-log-text")

    def refresh_log(self) -> None:
        """Show the log as it is now."""
        self.query_one("#message-log-text", Static).update(log_text(self.reader_app.message_log))
