"""Renderers of an `Article` to text: plain (screen reader), markdown, json and html.

`render(article, fmt)` is the one entry point; `text` is another name for `plain`. Only the
plain format uses `width` (wrap prose at N columns) and `color` (minimal ANSI styling); the CLI
passes `color=True` only when stdout is a TTY and NO_COLOR is unset.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

from reader.core.errors import ContentError, UsageError

if TYPE_CHECKING:
    from reader.core.document import Article

FORMATS: tuple[str, ...] = ("plain", "text", "markdown", "json", "html")

# Each renderer is imported when first used: `reader --plain` loads the plain renderer only.
_EXPORTS = {
    "article_from_dict": "json_format",
    "article_from_json": "json_format",
    "article_to_dict": "json_format",
    "render_html": "html",
    "render_json": "json_format",
    "render_markdown": "markdown",
    "render_plain": "plain",
}
_RENDERERS = {
    "plain": "render_plain",
    "text": "render_plain",
    "markdown": "render_markdown",
    "json": "render_json",
    "html": "render_html",
}

__all__ = ["FORMATS", "render", *_EXPORTS]


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)


def render(article: Article, fmt: str, *, width: int | None = None, color: bool = False) -> str:
    """`article` rendered in format `fmt`, ending with a newline.

    Raises UsageError for an unknown format or a width below 1, and ContentError for an
    article nested too deeply to render.
    """
    if width is not None and width < 1:
        raise UsageError(f"width must be at least 1, not {width}", "try --width 72")
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}", "choose one of " + ", ".join(FORMATS))
    try:
        return _render(article, fmt, width, color)
    except RecursionError:
        # A hostile page can nest quotes or lists thousands deep; say so instead of crashing.
        raise ContentError(
            "the article is nested too deeply to show", "try --full for the page's plain text"
        ) from None


def _render(article: Article, fmt: str, width: int | None, color: bool) -> str:
    name = _RENDERERS[fmt]
    renderer: Callable[..., str] = getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    if fmt in ("plain", "text"):
        return renderer(article, width=width, color=color)
    return renderer(article)
