"""The history as a list to show: visited articles newest first, with when and how far they were
read, filtered by what the user types, and the wording the lists share.

Built on `State` (history, reading positions and the percent read beside them; an entry is
deleted with `State.remove_history`), so the history pane, the reading list and the command
line show visits, progress and addresses the same way. An address is shown without its user
name and password: they stay stored (the page needs them to load again) but never reach the
screen.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from reader.core.i18n import _
from reader.core.safe_text import clean_line
from reader.core.storage.state import ReadingPosition, State


@dataclass(frozen=True, slots=True)
class Visit:
    """One visited article: its address, title, when, and where the reader left it."""

    url: str
    title: str
    visited: float  # seconds since the epoch
    position: ReadingPosition | None = None
    percent: int | None = None

    @property
    def shown_url(self) -> str:
        return display_url(self.url)

    @property
    def progress(self) -> str:
        return describe_progress(self.percent, self.position)

    def matches(self, text: str) -> bool:
        """True when every word of `text` is in the title or the shown address (any case)."""
        return matches(text, self.title, self.shown_url)


def visits(state: State, text: str = "", limit: int | None = None) -> list[Visit]:
    """Visited articles, newest first, with their progress; only those matching `text`."""
    found: list[Visit] = []
    for entry in state.history():
        visit = Visit(
            entry.url,
            entry.title,
            entry.visited,
            state.position(entry.url),
            state.percent_read(entry.url),
        )
        if visit.matches(text):
            found.append(visit)
            if limit is not None and len(found) >= limit:
                break
    return found


def matches(text: str, *fields: str) -> bool:
    """True when every word of `text` appears in one of `fields`, ignoring case."""
    haystack = " ".join(fields).casefold()
    return all(word in haystack for word in text.casefold().split())


def display_url(url: str) -> str:
    """`url` as shown to the user: one clean line, without a user name or password."""
    parts = urlsplit(url)
    if "@" in parts.netloc:
        parts = parts._replace(netloc=parts.netloc.rpartition("@")[2])
        url = urlunsplit(parts)
    return clean_line(url)


def describe_progress(percent: int | None, position: ReadingPosition | None = None) -> str:
    """How far an article was read, in words: 'not started', '42% read', 'read to the end', or
    'at paragraph 12' for a position saved without its percent."""
    if percent is None:
        if position is not None and position.block > 0:
            return _("at paragraph {number}").format(number=position.block + 1)
        return _("not started")
    if percent >= 100:
        return _("read to the end")
    return _("{percent}% read").format(percent=percent)


def describe_time(when: float, now: float | None = None) -> str:
    """A local time as 'today 14:05', 'yesterday 09:30' or '2026-11-02 18:45'."""
    moment = datetime.datetime.fromtimestamp(when)
    today = datetime.datetime.fromtimestamp(time.time() if now is None else now).date()
    days = (today - moment.date()).days
    if days == 0:
        return _("today {time}").format(time=f"{moment:%H:%M}")
    if days == 1:
        return _("yesterday {time}").format(time=f"{moment:%H:%M}")
    return f"{moment:%Y-%m-%d %H:%M}"
