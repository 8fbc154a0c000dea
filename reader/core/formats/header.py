"""The short article header every format shows: byline, site, date and reading time."""

from __future__ import annotations

from datetime import date, datetime

from reader.core.document import Article
from reader.core.i18n import _, format_date, format_number, ngettext
from reader.core.safe_text import clean_line


def byline_text(byline: str) -> str:
    """`By Ada Lovelace`, without doubling an English `By` the page already wrote."""
    text = clean_line(byline)
    return text if text.lower().startswith("by ") else _("By {author}").format(author=text)


def published_text(published: str) -> str:
    """An ISO date or timestamp as words in the interface language (`24 November 2026`),
    which read aloud well; anything else as the page wrote it."""
    text = clean_line(published)
    try:
        day: date = datetime.fromisoformat(text).date()
    except ValueError:
        return text
    return format_date(day)


def reading_time_text(minutes: int) -> str:
    """`5 min read`; an empty article reads in no time, so it says so."""
    if not minutes:
        return _("No text to read")
    # TRANSLATORS: reading time in the article header; {minutes} is a number.
    template = ngettext("{minutes} min read", "{minutes} min read", minutes)
    return template.format(minutes=format_number(minutes))


def meta_lines(article: Article) -> list[str]:
    """The metadata lines under the title, each one fact, in a fixed order."""
    lines: list[str] = []
    if article.byline and clean_line(article.byline):
        lines.append(byline_text(article.byline))
    if article.site_name and clean_line(article.site_name):
        lines.append(clean_line(article.site_name))
    if article.published and clean_line(article.published):
        lines.append(_("Published {date}").format(date=published_text(article.published)))
    lines.append(reading_time_text(article.reading_minutes))
    return lines
