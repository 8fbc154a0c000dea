"""Compose the stages: a source (or the bundled welcome article) -> Page -> Article.

The CLI and the TUI both call `load_article`; neither talks to the fetch or extraction layers
directly, so options such as `--offline` or `--full` mean the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from reader.core.document import Article, Page

WELCOME_URL = "reader:welcome"


@dataclass(frozen=True, slots=True)
class Options:
    """How to fetch and distil a source."""

    timeout: float = 20.0
    max_size: int = 20_000_000
    full: bool = False
    offline: bool = False
    extract_budget: float = 10.0


def welcome_page() -> Page:
    """The welcome article shipped inside the package."""
    html = resources.files("reader.data").joinpath("welcome.html").read_text(encoding="utf-8")
    return Page(url=WELCOME_URL, text=html, media_type="text/html", charset="utf-8")


def load_page(source: str | None, options: Options) -> Page:
    """Fetch or read `source`; `None` (or the welcome URL) gives the bundled welcome page."""
    if source is None or source == WELCOME_URL:
        return welcome_page()
    from reader.core.sources import load_page as fetch

    return fetch(source, timeout=options.timeout, max_size=options.max_size)


def load_article(source: str | None, options: Options = Options()) -> Article:
    """Fetch `source` and distil it into an Article (the whole page's text with `full`)."""
    from reader.core.extract import extract

    page = load_page(source, options)
    return extract(page, full=options.full, time_budget=options.extract_budget)
