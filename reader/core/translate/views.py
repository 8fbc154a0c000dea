"""The ways a translated article can be shown: defined once, read by the command line, the
settings and every front-end (a module of its own, so reading the settings stays cheap)."""

from __future__ import annotations

from typing import Literal, get_args

PrintedView = Literal["translation", "original", "interleaved"]
"""How `--translate` shows an article in printed output and line mode; the first is the default."""
PRINTED_VIEWS: tuple[PrintedView, ...] = get_args(PrintedView)
TranslationView = Literal[PrintedView, "side-by-side"]
"""How a translated article is shown; side by side exists only in the full-screen reader."""
TRANSLATION_VIEWS: tuple[TranslationView, ...] = get_args(TranslationView)
