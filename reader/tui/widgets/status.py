"""The error panel shown instead of the article when a fetch fails, with what to do next."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from reader.core.errors import ReaderError
from reader.core.i18n import _
from reader.core.safe_text import clean_line
from reader.core.sources.urls import without_password


def error_text(source: str | None, error: ReaderError, retry_keys: str, back_keys: str) -> Text:
    """The same message the CLI prints, plus the keys that retry or go back."""
    text = Text()
    shown = clean_line(without_password(source) if source else _("the welcome article"))
    text.append(_("Could not open {source}").format(source=shown), style="bold")
    text.append("\n\n")
    text.append(f"reader: {error}")
    text.append("\n\n")
    text.append(
        _("Press {retry} to retry, {back} to go back, or ctrl+o to open something else.").format(
            retry=retry_keys, back=back_keys
        )
    )
    return text


class ErrorPanel(Static, can_focus=True):
    """Holds the last failure; focusable so the keys around it still work."""
