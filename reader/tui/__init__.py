"""The full-screen reader (Textual). Imported only when the CLI decides to run it."""

from reader.tui.run import create_app, run_tui

__all__ = ["create_app", "run_tui"]
