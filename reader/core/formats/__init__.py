"""Renderers of an `Article` to text: plain (screen reader), markdown, json and html.

`render(article, fmt)` is the one entry point; `text` is another name for `plain`. Only the
plain format uses `width` (wrap prose at N columns) and `color` (minimal ANSI styling); the CLI
passes `color=True` only when stdout is a TTY and NO_COLOR is unset.
"""

from __future__ import annotations

from reader.core.document import Article
from reader.core.errors import ContentError, UsageError
from reader.core.formats.html import render_html
from reader.core.formats.json_format import (
    article_from_dict,
    article_from_json,
    article_to_dict,
    render_json,
)
from reader.core.formats.markdown import render_markdown
from reader.core.formats.plain import render_plain

FORMATS: tuple[str, ...] = ("plain", "text", "markdown", "json", "html")

__all__ = [
    "FORMATS",
    "article_from_dict",
    "article_from_json",
    "article_to_dict",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
    "render_plain",
]


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
    match fmt:
        case "plain" | "text":
            return render_plain(article, width=width, color=color)
        case "markdown":
            return render_markdown(article)
        case "json":
            return render_json(article)
        case _:
            return render_html(article)
