"""Compose the stages: a source (or the bundled welcome article) -> Page -> Article.

The CLI and the TUI both call `load_article`; neither talks to the fetch, cache or extraction
layers directly, so options such as `--offline` or `--full` mean the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reader.core.document import Article, Page
from reader.core.errors import FetchError
from reader.core.extract.budget import DEFAULT_BUDGET
from reader.core.i18n import _
from reader.core.sources.resolve import DEFAULT_MAX_SIZE, DEFAULT_TIMEOUT

WELCOME_URL = "reader:welcome"

Warn = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Options:
    """How to fetch and distil a source; its defaults are the command line's defaults."""

    timeout: float = DEFAULT_TIMEOUT
    max_size: int = DEFAULT_MAX_SIZE
    full: bool = False
    offline: bool = False
    use_cache: bool = True
    extract_budget: float = DEFAULT_BUDGET


def welcome_page() -> Page:
    """The welcome article shipped inside the package."""
    from importlib import resources  # only the welcome page needs it (~1 ms at every start)

    html = resources.files("reader.data").joinpath("welcome.html").read_text(encoding="utf-8")
    return Page(url=WELCOME_URL, text=html, media_type="text/html", charset="utf-8")


def _ignore(_message: str) -> None:
    pass


def load_page(source: str | None, options: Options, warn: Warn = _ignore) -> Page:
    """Fetch or read `source`; `None` (or the welcome URL) gives the bundled welcome page.

    Web pages go through the offline page cache: fetched pages are kept, and with
    `options.offline` they are read from it only.
    """
    if source is None or source == WELCOME_URL:
        return welcome_page()
    from reader.core.sources.resolve import load_page as fetch
    from reader.core.sources.resolve import resolve_source
    from reader.core.sources.urls import without_password

    if source == "-":
        return fetch(source, timeout=options.timeout, max_size=options.max_size)
    url = resolve_source(source)
    shown = without_password(url)  # what messages and the cache see: never a password
    cacheable = url.startswith(("http://", "https://")) and (options.use_cache or options.offline)
    if not cacheable:
        if options.offline and not url.startswith("file:"):
            raise FetchError(
                _("{address} is not in the offline cache").format(address=shown),
                _("read it once online first"),
            )
        return fetch(url, timeout=options.timeout, max_size=options.max_size)

    from reader.core.storage.page_cache import PageCache

    with PageCache() as cache:
        try:
            if options.offline:
                page = cache.get(shown)
                if page is None:
                    raise FetchError(
                        _("{address} is not in the offline cache").format(address=shown),
                        _("read it once without --offline to keep a copy"),
                    )
                return page
            page = fetch(url, timeout=options.timeout, max_size=options.max_size)
            cache.put(page, key_url=shown)
            return page
        finally:
            for message in cache.warnings:
                warn(message)


class Cancelled(Exception):
    """The front-end stopped waiting for this load (Esc, quit, another page)."""


def load_article(
    source: str | None,
    options: Options = Options(),
    warn: Warn = _ignore,
    cancelled: Callable[[], bool] | None = None,
) -> Article:
    """Fetch `source` and distil it into an Article (the whole page's text with `full`).

    `cancelled` is asked between the stages: when it says True, the load stops there with
    `Cancelled` instead of distilling a page nobody waits for.
    """
    from reader.core.extract.extractor import extract

    page = load_page(source, options, warn)
    if cancelled is not None and cancelled():
        raise Cancelled(source)
    article = extract(page, full=options.full, time_budget=options.extract_budget)
    if page.from_cache:
        article.notices.append(_("Read from the offline cache."))
    return article
