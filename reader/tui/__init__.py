"""The full-screen reader (Textual). Imported only when the CLI decides to run it.

`create_app` and `run_tui` load Textual on first use, so the Textual-free parts of this
package (the line layout and the line index) can be imported without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.tui.run import create_app, run_tui

__all__ = ["create_app", "run_tui"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from reader.tui import run

        return getattr(run, name)
    raise AttributeError(f"module 'reader.tui' has no attribute {name!r}")
