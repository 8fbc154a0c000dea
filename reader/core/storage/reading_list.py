"""The reading list: articles saved for later, kept in `reading-list.sqlite3` in the user data
directory, each page pinned in the page cache so it opens offline.

The same SQLite machinery as history (WAL mode, a busy timeout, a damaged file moved aside and
kept): a saved article survives a kill at any moment. Each article has a number that is never
reused, so `reader list done 3` means the same article however the list has changed since it
was printed. Progress comes from the reading positions in `State`.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reader.core.document import Page
from reader.core.i18n import pgettext
from reader.core.safe_text import clean_line
from reader.core.storage import paths
from reader.core.storage.history import describe_progress, display_url
from reader.core.storage.page_cache import PageCache
from reader.core.storage.sqlite_store import connect, transaction
from reader.core.storage.state import ReadingPosition, State

SCHEMA_VERSION = 1
READING_LIST_FILE = "reading-list.sqlite3"

# AUTOINCREMENT: a removed article's number is never given to another one.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    url TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    added REAL NOT NULL,
    done REAL
);
CREATE INDEX IF NOT EXISTS articles_by_time ON articles (added)
"""
_SELECT = "SELECT id, url, title, added, done FROM articles "


@dataclass(frozen=True, slots=True)
class SavedArticle:
    """An article on the reading list, with where the reader left it (`with_progress`)."""

    number: int
    url: str
    title: str
    added: float  # seconds since the epoch
    done: float | None = None  # when it was marked done
    position: ReadingPosition | None = None
    percent: int | None = None

    @property
    def shown_url(self) -> str:
        return display_url(self.url)

    @property
    def progress(self) -> str:
        if self.done is not None:
            return pgettext("reading list", "done")
        return describe_progress(self.percent, self.position)


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What saving did: the entry (None if it could not be saved: see the list's warnings),
    whether it is new, and whether its page is kept offline."""

    article: SavedArticle | None
    new: bool
    offline: bool


class ReadingList:
    """The saved articles; open once per program and `close()` at exit.

    Writes return False (or None) when they could not be saved, with the reason in `warnings`.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else paths.data_dir() / READING_LIST_FILE
        self._lock = threading.Lock()
        self._conn, self.warnings = connect(
            self.path, _SCHEMA, version=SCHEMA_VERSION, what="reading list"
        )

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> ReadingList:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def persistent(self) -> bool:
        """False when the file could not be opened and the list lives in memory for this run."""
        rows = self._read("PRAGMA database_list", ())
        return any(name == "main" and file for _, name, file in rows)

    def add(self, url: str, title: str, when: float | None = None) -> SavedArticle | None:
        """Save `url` (an article saved before keeps its number and goes back on the list, not
        done); the entry, or None when it could not be saved (`warnings` says why)."""
        saved = self._write(
            "saving to the reading list",
            "INSERT INTO articles (url, title, added) VALUES (?, ?, ?) "
            "ON CONFLICT (url) DO UPDATE SET title = excluded.title, done = NULL",
            (url, clean_line(title) or display_url(url), time.time() if when is None else when),
        )
        return self.find(url) if saved else None

    def articles(self, *, include_done: bool = False) -> list[SavedArticle]:
        """The saved articles, newest first; done ones only with `include_done`."""
        where = "" if include_done else "WHERE done IS NULL "
        rows = self._read(f"{_SELECT}{where}ORDER BY added DESC, id DESC", ())
        return [_article(row) for row in rows]

    def find(self, ref: str | int) -> SavedArticle | None:
        """The article numbered `ref` (an int or digits), or saved at the address `ref`."""
        if isinstance(ref, int) or ref.strip().isdigit():
            rows = self._read(_SELECT + "WHERE id = ?", (int(ref),))
        else:
            rows = self._read(_SELECT + "WHERE url = ?", (ref,))
            if not rows:  # the address as shown, without credentials
                shown = [row for row in self._read(_SELECT, ()) if display_url(row[1]) == ref]
                rows = shown[:1]
        return _article(rows[0]) if rows else None

    def set_done(self, number: int, done: bool = True, when: float | None = None) -> bool:
        """Mark article `number` done (or not done); False if it is not there or not saved."""
        stamp = (time.time() if when is None else when) if done else None
        return self._write(
            "marking a saved article", "UPDATE articles SET done = ? WHERE id = ?", (stamp, number)
        )

    def remove(self, number: int) -> bool:
        """Take article `number` off the list; False if it is not there or not saved."""
        return self._write(
            "removing from the reading list", "DELETE FROM articles WHERE id = ?", (number,)
        )

    # --- plumbing -----------------------------------------------------------------------------

    def _write(self, doing: str, sql: str, params: tuple[object, ...]) -> bool:
        """Run one write; True when it changed a row and was committed."""
        with self._lock:
            try:
                with transaction(self._conn):
                    changed = self._conn.execute(sql, params).rowcount
                return changed > 0
            except sqlite3.Error as error:
                self.warnings.append(f"{doing} failed ({error})")
                return False

    def _read(self, sql: str, params: tuple[object, ...]) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as error:
                self.warnings.append(f"reading the reading list failed ({error})")
                return []


def _article(row: tuple[Any, ...]) -> SavedArticle:
    number, url, title, added, done = row
    # Cleaned again on the way out: the file is outside our control once written.
    return SavedArticle(
        int(number),
        clean_line(str(url)),
        clean_line(str(title)),
        float(added),
        None if done is None else float(done),
    )


def with_progress(articles: list[SavedArticle], state: State) -> list[SavedArticle]:
    """`articles` with the saved reading position and percent read of each."""
    return [
        replace(
            article, position=state.position(article.url), percent=state.percent_read(article.url)
        )
        for article in articles
    ]


def save_for_later(
    reading_list: ReadingList,
    cache: PageCache,
    url: str,
    title: str,
    *,
    page: Page | None = None,
    asked_url: str | None = None,
) -> SaveResult:
    """Put the article at `url` (its final address) on the list and pin its page in the cache.

    With `page` the page is stored pinned (even past the cache's size limit); without it the
    copy already cached under `url` or `asked_url` is pinned. `offline` says whether a copy
    is kept.
    """
    if page is not None:
        offline = cache.put(page, key_url=asked_url, pin=True)
    else:
        offline = cache.pin(url) or bool(asked_url and cache.pin(asked_url))
    new = reading_list.find(url) is None
    return SaveResult(reading_list.add(url, title), new, offline)


def remove_saved(reading_list: ReadingList, cache: PageCache, article: SavedArticle) -> bool:
    """Take `article` off the list; its cached page may be evicted again like any other."""
    removed = reading_list.remove(article.number)
    if removed:
        cache.unpin(article.url)
    return removed
