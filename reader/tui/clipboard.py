"""Copying from the app: the system clipboard tool when there is one, else OSC 52, and a
message that says which (or, when neither can work, shows the text to copy by hand)."""

from __future__ import annotations

from textual.app import App

from reader.desktop.clipboard import copy_text


def copy_and_describe(app: App[object], text: str, link: int | None = None) -> str:
    """Copy `text`, the page URL or link number `link`; the message to show."""
    result = copy_text(text)
    if result.method == "osc52":
        app.copy_to_clipboard(text)
    return result.message(text, link)
