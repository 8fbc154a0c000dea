"""The reading pipeline: source -> Page -> Article -> renderers. Never imports Textual or Rich.

The public API is in `__all__`. Each name is imported from its module when first used, so
`import reader.core` stays cheap and `reader --plain` loads only the stages it runs.
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import TYPE_CHECKING

# httpx's package __init__ imports its optional command-line tool (httpx._main), which pulls in
# click, rich and pygments whenever they are installed (Textual installs rich). reader never
# uses that tool; marking the module absent makes httpx fall back to its stub, so plain mode
# does not pay for importing a terminal UI library.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

if TYPE_CHECKING:
    from reader.core.document import (
        Article,
        Block,
        Code,
        Figure,
        Heading,
        Inline,
        ListBlock,
        ListItem,
        Page,
        Paragraph,
        Quote,
        Separator,
        Table,
    )
    from reader.core.errors import ContentError, FetchError, ReaderError, UsageError
    from reader.core.formats import FORMATS, render
    from reader.core.pipeline import Options, load_article, load_page
    from reader.core.reading import Reading
    from reader.core.safe_text import clean_line

__all__ = [
    "FORMATS",
    "Article",
    "Block",
    "Code",
    "ContentError",
    "FetchError",
    "Figure",
    "Heading",
    "Inline",
    "ListBlock",
    "ListItem",
    "Options",
    "Page",
    "Paragraph",
    "Quote",
    "ReaderError",
    "Reading",
    "Separator",
    "Table",
    "UsageError",
    "clean_line",
    "load_article",
    "load_page",
    "render",
]

# The module that defines each name of __all__ (the TYPE_CHECKING imports above, for checkers).
_MODULES = {
    "document": (
        "Article Block Code Figure Heading Inline ListBlock ListItem Page Paragraph Quote "
        "Separator Table"
    ),
    "errors": "ContentError FetchError ReaderError UsageError",
    "formats": "FORMATS render",
    "pipeline": "Options load_article load_page",
    "reading": "Reading",
    "safe_text": "clean_line",
}
_EXPORTS = {name: module for module, names in _MODULES.items() for name in names.split()}


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
