"""Link numbers every renderer can rely on, and which URLs are safe to make clickable."""

from __future__ import annotations

import copy
from urllib.parse import urlsplit

from reader.core.document import Article, iter_runs, number_links

# Schemes a reading-mode page may turn into a live link; anything else (javascript:, data:,
# vbscript:, file:) is shown as text only.
CLICKABLE_SCHEMES = frozenset({"http", "https", "mailto", "ftp", "ftps", "gemini"})


def with_numbered_links(article: Article) -> Article:
    """`article` itself when every link run's number points at its URL in `article.links`;
    otherwise a numbered copy, so `text [n]` and the link list never disagree."""
    for runs in iter_runs(article.blocks):
        for run in runs:
            if run.kind != "link" or not run.url:
                continue
            n = run.number
            if n is None or not 1 <= n <= len(article.links) or article.links[n - 1] != run.url:
                numbered = copy.deepcopy(article)
                number_links(numbered)
                return numbered
    return article


def is_clickable(url: str | None) -> bool:
    """True for an absolute URL with a scheme a reader may safely follow."""
    if not url:
        return False
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return False
    return scheme in CLICKABLE_SCHEMES
