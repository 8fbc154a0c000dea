"""The short article header every format shows: byline, site, date and reading time."""

from __future__ import annotations

from datetime import date, datetime

from reader.core.document import Article
from reader.core.safe_text import clean_line

# Not `%B`: that follows the process locale, and the output must not change with it.
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def byline_text(byline: str) -> str:
    """`By Ada Lovelace`, without doubling a `By` the page already wrote."""
    text = clean_line(byline)
    return text if text.lower().startswith("by ") else f"By {text}"


def published_text(published: str) -> str:
    """An ISO date or timestamp as words (`24 November 2026`), which read aloud well;
    anything else as the page wrote it."""
    text = clean_line(published)
    try:
        day: date = datetime.fromisoformat(text).date()
    except ValueError:
        return text
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def reading_time_text(minutes: int) -> str:
    """`5 min read`; an empty article reads in no time, so it says so."""
    return f"{minutes} min read" if minutes else "No text to read"


def meta_lines(article: Article) -> list[str]:
    """The metadata lines under the title, each one fact, in a fixed order."""
    lines: list[str] = []
    if article.byline and clean_line(article.byline):
        lines.append(byline_text(article.byline))
    if article.site_name and clean_line(article.site_name):
        lines.append(clean_line(article.site_name))
    if article.published and clean_line(article.published):
        lines.append(f"Published {published_text(article.published)}")
    lines.append(reading_time_text(article.reading_minutes))
    return lines
