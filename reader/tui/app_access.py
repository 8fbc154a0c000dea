"""Typed access to the reader's app from its screens and widgets (no `type: ignore` at uses)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp


class ReaderNode(DOMNode):
    """Mixed into reader's widgets and screens, after the Textual base class: Textual takes a
    node's CSS type names and default CSS from the first base class only."""

    @property
    def reader_app(self) -> ReaderApp:
        """`self.app`, typed as the reader's app: its settings, options and storage."""
        return cast("ReaderApp", self.app)
