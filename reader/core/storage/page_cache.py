"""Every fetched page, kept compressed in the user cache directory for offline reading.

One SQLite file (WAL mode, so two readers share it and a kill loses nothing committed) holds
zlib-compressed page text. The total size is capped (200 MB by default) and the least recently
used pages are evicted first. A page is found by the address the user asked for or by its final
URL after redirects. A pinned page (one on the reading list) is never evicted and does not count
against the cap: it stays until it is unpinned. An entry that fails to read is dropped; a cache
that cannot be read at all is moved aside with a warning. Nothing here is ever fatal: the cache
is a convenience.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
import zlib
from dataclasses import replace
from pathlib import Path

from reader.core.document import Page
from reader.core.sources.urls import without_password
from reader.core.storage import paths
from reader.core.storage.atomic import read_regular_file
from reader.core.storage.settings import MAX_SETTINGS_BYTES, parse_toml, settings_from_dict
from reader.core.storage.sqlite_store import (
    connect,
    is_corruption,
    is_read_only,
    recover,
    transaction,
)

SCHEMA_VERSION = 1
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
# Bytes counted per entry on top of the compressed body: the row, the URLs, the index entries.
ENTRY_OVERHEAD = 512

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    media_type TEXT NOT NULL,
    charset TEXT,
    body BLOB NOT NULL,
    size INTEGER NOT NULL,
    stored REAL NOT NULL,
    used REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS pages_by_use ON pages (used);
CREATE TABLE IF NOT EXISTS keys (
    key TEXT PRIMARY KEY,
    page INTEGER NOT NULL REFERENCES pages (id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS keys_by_page ON keys (page);
CREATE TABLE IF NOT EXISTS pins (
    key TEXT PRIMARY KEY
)
"""


# The pages a pin keeps: a pin names an address, and holds the page that address finds.
_PINNED_PAGES = "SELECT k.page FROM keys k JOIN pins p ON p.key = k.key"

# Space freed by eviction goes back to the file system (only settable on a new file).
_PRAGMAS = ("PRAGMA auto_vacuum = INCREMENTAL",)


def configured_max_bytes() -> int:
    """The size limit from `cache_size_mb` in settings.toml, or the default.

    Reads just that key and never moves a broken settings file aside: reporting that is the
    job of whoever loads the settings, where the user sees the warning.
    """
    try:
        data = parse_toml(read_regular_file(paths.settings_path(), MAX_SETTINGS_BYTES))
    except (OSError, ValueError):  # missing, not a file, unreadable, not UTF-8, not TOML
        return DEFAULT_MAX_BYTES
    if "cache_size_mb" not in data:
        return DEFAULT_MAX_BYTES
    settings, _ = settings_from_dict({"cache_size_mb": data["cache_size_mb"]})
    return settings.cache_size_mb * 1024 * 1024


def cache_key(url: str) -> str:
    """The lookup key for `url`: the URL without its #fragment (same page, another spot) and
    without a password, which is never stored."""
    return without_password(url.split("#", 1)[0])


class PageCache:
    """The offline page cache. `get` and `put` never raise; problems land in `warnings`."""

    def __init__(self, path: Path | None = None, *, max_bytes: int | None = None) -> None:
        """`max_bytes` None: the user's `cache_size_mb` setting (200 MB by default)."""
        self.path = Path(path) if path is not None else paths.page_cache_path()
        self.max_bytes = max(0, configured_max_bytes() if max_bytes is None else max_bytes)
        self._lock = threading.Lock()
        # No quick_check on open: it reads the whole file. Damage shows on use instead.
        self._conn, self.warnings = connect(
            self.path,
            _SCHEMA,
            version=SCHEMA_VERSION,
            what="page cache",
            check=False,
            pragmas=_PRAGMAS,
        )
        self._conn.execute("PRAGMA foreign_keys = ON")
        self.read_only = is_read_only(self._conn)  # a read-only cache is read, never written

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> PageCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str) -> Page | None:
        """The cached page for `url` (asked-for or final URL), marked `from_cache`, or None."""
        key = cache_key(url)
        with self._lock:
            try:
                row = self._conn.execute(
                    "SELECT p.id, p.url, p.media_type, p.charset, p.body "
                    "FROM keys k JOIN pages p ON p.id = k.page WHERE k.key = ?",
                    (key,),
                ).fetchone()
            except sqlite3.Error as error:
                self._failed("reading the page cache", error)
                return None
            if row is None:
                return None
            page_id, final_url, media_type, charset, body = row
            try:
                text = zlib.decompress(body).decode("utf-8", "surrogatepass")
                page = Page(
                    url=str(final_url),
                    text=text,
                    media_type=str(media_type),
                    charset=None if charset is None else str(charset),
                    from_cache=True,
                )
            except (zlib.error, UnicodeDecodeError, TypeError, ValueError) as error:
                self.warnings.append(f"dropped an unreadable cached copy of {key} ({error})")
                self._execute_quietly("DELETE FROM pages WHERE id = ?", (page_id,))
                return None
            self._execute_quietly("UPDATE pages SET used = ? WHERE id = ?", (time.time(), page_id))
            return page

    def put(self, page: Page, key_url: str | None = None, *, pin: bool = False) -> bool:
        """Keep `page`, findable by its final URL and by `key_url` (the address asked for).

        `pin` keeps it until `unpin`, whatever the size limit. Returns False when it was not
        kept (too big for the cache, or a storage problem).
        """
        if self.read_only:
            return False
        body = zlib.compress(page.text.encode("utf-8", "surrogatepass"), 6)
        size = len(body) + ENTRY_OVERHEAD
        if size > self.max_bytes and not pin:
            return False
        final = cache_key(page.url)
        keys = {final} | ({cache_key(key_url)} if key_url else set())
        page = replace(page, from_cache=False)
        now = time.time()
        with self._lock:
            try:
                with transaction(self._conn):
                    page_id = self._conn.execute(
                        "INSERT INTO pages (url, media_type, charset, body, size, stored, used) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
                        "media_type = excluded.media_type, charset = excluded.charset, "
                        "body = excluded.body, size = excluded.size, "
                        "stored = excluded.stored, used = excluded.used RETURNING id",
                        (final, page.media_type, page.charset, body, size, now, now),
                    ).fetchone()[0]
                    self._conn.executemany(
                        "INSERT INTO keys (key, page) VALUES (?, ?) "
                        "ON CONFLICT (key) DO UPDATE SET page = excluded.page",
                        [(key, page_id) for key in sorted(keys)],
                    )
                    if pin:
                        self._conn.executemany(
                            "INSERT OR IGNORE INTO pins (key) VALUES (?)", [(k,) for k in keys]
                        )
                    evicted = self._evict(self.max_bytes)
                if evicted:
                    self._conn.execute("PRAGMA incremental_vacuum").fetchall()
            except sqlite3.Error as error:
                self._failed("saving to the page cache", error)
                return False
            return True

    def pin(self, url: str) -> bool:
        """Keep the cached page for `url` until `unpin`; False if it is not cached (or the
        pin could not be saved)."""
        with self._lock:
            try:
                with transaction(self._conn):
                    row = self._conn.execute(
                        "SELECT page FROM keys WHERE key = ?", (cache_key(url),)
                    ).fetchone()
                    if row is None:
                        return False
                    self._conn.execute(
                        "INSERT OR IGNORE INTO pins (key) SELECT key FROM keys WHERE page = ?",
                        (row[0],),
                    )
            except sqlite3.Error as error:
                self._failed("pinning a page in the cache", error)
                return False
            return True

    def unpin(self, url: str) -> None:
        """Let the page for `url` be evicted again, least recently used first like any other."""
        with self._lock:
            self._execute_quietly(
                "DELETE FROM pins WHERE key IN (SELECT key FROM keys WHERE page = "
                "(SELECT page FROM keys WHERE key = ?)) OR key = ?",
                (cache_key(url), cache_key(url)),
            )

    def is_pinned(self, url: str) -> bool:
        """True when the page for `url` is cached and pinned."""
        with self._lock:
            try:
                row = self._conn.execute(
                    "SELECT 1 FROM keys k JOIN pins p ON p.key = k.key WHERE k.page = "
                    "(SELECT page FROM keys WHERE key = ?)",
                    (cache_key(url),),
                ).fetchone()
            except sqlite3.Error as error:
                self._failed("reading the page cache", error)
                return False
            return row is not None

    def total_bytes(self) -> int:
        """The bytes the cached pages account for (compressed bodies plus overhead)."""
        with self._lock:
            try:
                return int(self._conn.execute("SELECT total(size) FROM pages").fetchone()[0])
            except sqlite3.Error:
                return 0

    def __len__(self) -> int:
        with self._lock:
            try:
                return int(self._conn.execute("SELECT count(*) FROM pages").fetchone()[0])
            except sqlite3.Error:
                return 0

    def clear(self) -> bool:
        """Forget every cached page except the pinned ones (the reading list's)."""
        with self._lock:
            try:
                with transaction(self._conn):
                    self._conn.execute(f"DELETE FROM pages WHERE id NOT IN ({_PINNED_PAGES})")
            except sqlite3.Error as error:
                self._failed("clearing the page cache", error)
                return False
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("VACUUM")
            return True

    # --- plumbing -----------------------------------------------------------------------------

    def _evict(self, limit: int) -> int:
        """Delete least recently used unpinned pages until their total is within `limit` (in
        a transaction); returns how many were deleted."""
        unpinned = f"FROM pages WHERE id NOT IN ({_PINNED_PAGES})"
        total = int(self._conn.execute(f"SELECT total(size) {unpinned}").fetchone()[0])
        if total <= limit:
            return 0
        doomed: list[tuple[int]] = []
        for page_id, size in self._conn.execute(f"SELECT id, size {unpinned} ORDER BY used, id"):
            if total <= limit:
                break
            doomed.append((page_id,))
            total -= size
        self._conn.executemany("DELETE FROM pages WHERE id = ?", doomed)
        return len(doomed)

    def _execute_quietly(self, sql: str, params: tuple[object, ...]) -> None:
        if self.read_only:
            return
        try:
            with transaction(self._conn):
                self._conn.execute(sql, params)
        except sqlite3.Error as error:
            self._failed("updating the page cache", error)

    def _failed(self, doing: str, error: sqlite3.Error) -> None:
        self.warnings.append(f"{doing} failed ({error})")
        if is_corruption(error):
            self._recover()

    def _recover(self) -> None:
        """Replace a damaged cache file: it is moved aside and an empty cache started."""
        self._conn.close()
        self._conn, warnings = recover(
            self.path, _SCHEMA, version=SCHEMA_VERSION, what="page cache", pragmas=_PRAGMAS
        )
        self._conn.execute("PRAGMA foreign_keys = ON")
        self.warnings += warnings
