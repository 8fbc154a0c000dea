"""History and reading positions, kept in `state.sqlite3` in the user data directory.

SQLite in WAL mode with a busy timeout: two readers running at once both read and write
safely, and a commit survives a kill. A damaged file is moved aside with a warning naming the
backup. Storage problems never stop reading: a failed write is reported in `warnings`.

A reading position is a block index plus a character offset inside that block, not a line
number, so it survives a change of width, scale or spacing. Beside it the front-end may keep
how far through the article that was, in percent, so lists of articles can show it without
distilling each page again.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.core.i18n import N_, _
from reader.core.safe_text import clean_line
from reader.core.sources.urls import without_password
from reader.core.storage import paths
from reader.core.storage.sqlite_store import SqliteStore, Statement, Wording

SCHEMA_VERSION = 1
HISTORY_LIMIT = 1000
POSITIONS_LIMIT = 5000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS history (
    url TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    visited REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS history_by_time ON history (visited);
CREATE TABLE IF NOT EXISTS positions (
    url TEXT PRIMARY KEY,
    block INTEGER NOT NULL,
    char_offset INTEGER NOT NULL,
    updated REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS positions_by_time ON positions (updated);
CREATE TABLE IF NOT EXISTS read_percent (
    url TEXT PRIMARY KEY,
    percent INTEGER NOT NULL
)
"""
_WORDING = Wording(
    read_only=N_(
        "the history and reading positions at {path} cannot be written ({error}); read only"
    ),
    cannot_open=N_("cannot open the history and reading positions at {path} ({error}); not saved"),
    stuck=N_(
        "the history and reading positions at {path} are damaged and could not be moved aside "
        "({error}); not saved"
    ),
    moved=N_(
        "the history and reading positions were damaged; they were moved to {backup} and a new "
        "file started"
    ),
    cannot_create=N_(
        "cannot create a new file for history and reading positions at {path} ({error}); not saved"
    ),
)


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    url: str
    title: str
    visited: float  # seconds since the epoch


@dataclass(frozen=True, slots=True)
class ReadingPosition:
    """Where the reader was: block `block` of the article, `offset` characters into it."""

    block: int
    offset: int = 0


class State(SqliteStore):
    """History and reading positions; open once per program and `close()` at exit."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        history_limit: int = HISTORY_LIMIT,
        positions_limit: int = POSITIONS_LIMIT,
    ) -> None:
        path = Path(path) if path is not None else paths.state_path()
        super().__init__(path, _SCHEMA, version=SCHEMA_VERSION, wording=_WORDING)
        self.history_limit = history_limit
        self.positions_limit = positions_limit

    # --- history ------------------------------------------------------------------------------

    def add_history(self, url: str, title: str = "", when: float | None = None) -> bool:
        """Record a visit (a revisit moves the URL to the top); False if it could not be saved."""
        visited = time.time() if when is None else when
        return self._write(
            _("saving history failed ({error})"),
            [
                (
                    "INSERT INTO history (url, title, visited) VALUES (?, ?, ?) "
                    "ON CONFLICT (url) DO UPDATE SET title = excluded.title, "
                    "visited = excluded.visited",
                    (without_password(url), title, visited),
                ),
                (
                    "DELETE FROM history WHERE url NOT IN "
                    "(SELECT url FROM history ORDER BY visited DESC LIMIT ?)",
                    (self.history_limit,),
                ),
            ],
        )

    def history(self, limit: int | None = None) -> list[HistoryEntry]:
        """Visited pages, most recent first, each URL once."""
        rows = self._read(
            "SELECT url, title, visited FROM history ORDER BY visited DESC, rowid DESC LIMIT ?",
            (-1 if limit is None else limit,),
        )
        # Cleaned again on the way out: the file is outside our control once written. A row
        # another program damaged (a time that is not a number) is skipped, the rest kept.
        entries: list[HistoryEntry] = []
        skipped = False
        for url, title, visited in rows:
            if isinstance(visited, int | float) and math.isfinite(visited):
                entries.append(HistoryEntry(clean_line(str(url)), clean_line(str(title)), visited))
            else:
                skipped = True
        warning = _("skipped damaged history entries in {path}").format(path=self.path)
        if skipped and warning not in self.warnings:
            self.warnings.append(warning)
        return entries

    def remove_history(self, url: str) -> bool:
        """Forget the visit to `url` (its reading position stays); False if it failed."""
        return self._write(
            _("removing from history failed ({error})"),
            [("DELETE FROM history WHERE url = ?", (url,))],
        )

    def clear_history(self) -> bool:
        return self._write(_("clearing history failed ({error})"), [("DELETE FROM history", ())])

    # --- reading positions --------------------------------------------------------------------

    def save_position(
        self, url: str, position: ReadingPosition, percent: int | None = None
    ) -> bool:
        """Remember where the reader is in the article at `url`, and `percent`, how far through
        the article that is (`Reading.progress`); False if it could not be saved."""
        # Without a percent, an older one would describe another position: it goes.
        extra: list[Statement] = [
            ("DELETE FROM read_percent WHERE url = ?", (url,))
            if percent is None
            else (
                "INSERT INTO read_percent (url, percent) VALUES (?, ?) "
                "ON CONFLICT (url) DO UPDATE SET percent = excluded.percent",
                (url, min(100, max(0, percent))),
            )
        ]
        return self._write(
            _("saving the reading position failed ({error})"),
            [
                *extra,
                (
                    "INSERT INTO positions (url, block, char_offset, updated) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (url) DO UPDATE SET block = excluded.block, "
                    "char_offset = excluded.char_offset, updated = excluded.updated",
                    (
                        without_password(url),
                        max(0, position.block),
                        max(0, position.offset),
                        time.time(),
                    ),
                ),
                (
                    "DELETE FROM positions WHERE url NOT IN "
                    "(SELECT url FROM positions ORDER BY updated DESC LIMIT ?)",
                    (self.positions_limit,),
                ),
                ("DELETE FROM read_percent WHERE url NOT IN (SELECT url FROM positions)", ()),
            ],
        )

    def percent_read(self, url: str) -> int | None:
        """How far through the article at `url` the saved position is, in percent, or None."""
        rows = self._read("SELECT percent FROM read_percent WHERE url = ?", (url,))
        if not rows or not isinstance(rows[0][0], int):
            return None
        return min(100, max(0, rows[0][0]))

    def position(self, url: str) -> ReadingPosition | None:
        """The saved position in the article at `url`, or None."""
        rows = self._read(
            "SELECT block, char_offset FROM positions WHERE url = ?", (without_password(url),)
        )
        if not rows:
            return None
        block, offset = rows[0]
        if not isinstance(block, int) or not isinstance(offset, int):
            return None
        return ReadingPosition(max(0, block), max(0, offset))

    # --- plumbing -----------------------------------------------------------------------------

    def _write(self, failed: str, statements: list[Statement]) -> bool:
        # History is kept on the side: on read-only storage it is skipped, not reported.
        return not self.read_only and self.write(failed, statements) is not None

    def _read(self, sql: str, params: tuple[object, ...]) -> list[tuple[Any, ...]]:
        return self.read(_("reading saved data failed ({error})"), sql, params)
