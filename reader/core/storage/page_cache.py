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
import time
import zlib
from dataclasses import replace
from pathlib import Path

from reader.core.document import Page
from reader.core.i18n import N_, _
from reader.core.sources.urls import without_password
from reader.core.storage import paths
from reader.core.storage.settings import settings_from_dict
from reader.core.storage.settings_file import quiet_settings
from reader.core.storage.sqlite_store import (
    SqliteStore,
    Wording,
    is_corruption,
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
_WORDING = Wording(
    read_only=N_("the page cache at {path} cannot be written ({error}); read only"),
    cannot_open=N_("cannot open the page cache at {path} ({error}); not saved"),
    stuck=N_(
        "the page cache at {path} is damaged and could not be moved aside ({error}); not saved"
    ),
    moved=N_("the page cache was damaged; it was moved to {backup} and a new one started"),
    cannot_create=N_("cannot create a new page cache at {path} ({error}); not saved"),
)


def configured_max_bytes() -> int:
    """The size limit from `cache_size_mb` in settings.toml, or the default.

    Reads just that key and never moves a broken settings file aside: reporting that is the
    job of whoever loads the settings, where the user sees the warning.
    """
    data = quiet_settings()
    if "cache_size_mb" not in data:
        return DEFAULT_MAX_BYTES
    settings, _ = settings_from_dict({"cache_size_mb": data["cache_size_mb"]})
    return settings.cache_size_mb * 1024 * 1024


def cache_key(url: str) -> str:
    """The lookup key for `url`: the URL without its #fragment (same page, another spot) and
    without a password, which is never stored."""
    return without_password(url.split("#", 1)[0])


class PageCache(SqliteStore):
    """The offline page cache. `get` and `put` never raise; problems land in `warnings`."""

    def __init__(self, path: Path | None = None, *, max_bytes: int | None = None) -> None:
        """`max_bytes` None: the user's `cache_size_mb` setting (200 MB by default)."""
        self.max_bytes = max(0, configured_max_bytes() if max_bytes is None else max_bytes)
        # No quick_check on open: it reads the whole file. Damage shows on use instead.
        super().__init__(
            Path(path) if path is not None else paths.page_cache_path(),
            _SCHEMA,
            version=SCHEMA_VERSION,
            wording=_WORDING,
            check=False,
            pragmas=_PRAGMAS,
        )
        self.conn.execute("PRAGMA foreign_keys = ON")

    def get(self, url: str) -> Page | None:
        """The cached page for `url` (asked-for or final URL), marked `from_cache`, or None."""
        key = cache_key(url)
        with self.lock:
            try:
                row = self.conn.execute(
                    "SELECT p.id, p.url, p.media_type, p.charset, p.body "
                    "FROM keys k JOIN pages p ON p.id = k.page WHERE k.key = ?",
                    (key,),
                ).fetchone()
            except sqlite3.Error as error:
                self.failed(_("reading the page cache failed ({error})"), error)
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
                self.warnings.append(
                    _("dropped an unreadable cached copy of {key} ({error})").format(
                        key=key, error=error
                    )
                )
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
        with self.lock:
            try:
                with transaction(self.conn):
                    page_id = self.conn.execute(
                        "INSERT INTO pages (url, media_type, charset, body, size, stored, used) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
                        "media_type = excluded.media_type, charset = excluded.charset, "
                        "body = excluded.body, size = excluded.size, "
                        "stored = excluded.stored, used = excluded.used RETURNING id",
                        (final, page.media_type, page.charset, body, size, now, now),
                    ).fetchone()[0]
                    self.conn.executemany(
                        "INSERT INTO keys (key, page) VALUES (?, ?) "
                        "ON CONFLICT (key) DO UPDATE SET page = excluded.page",
                        [(key, page_id) for key in sorted(keys)],
                    )
                    if pin:
                        self.conn.executemany(
                            "INSERT OR IGNORE INTO pins (key) VALUES (?)", [(k,) for k in keys]
                        )
                    evicted = self._evict(self.max_bytes)
                if evicted:
                    self.conn.execute("PRAGMA incremental_vacuum").fetchall()
            except sqlite3.Error as error:
                self.failed(_("saving to the page cache failed ({error})"), error)
                return False
            return True

    def pin(self, url: str) -> bool:
        """Keep the cached page for `url` until `unpin`; False if it is not cached (or the
        pin could not be saved)."""
        with self.lock:
            try:
                with transaction(self.conn):
                    row = self.conn.execute(
                        "SELECT page FROM keys WHERE key = ?", (cache_key(url),)
                    ).fetchone()
                    if row is None:
                        return False
                    self.conn.execute(
                        "INSERT OR IGNORE INTO pins (key) SELECT key FROM keys WHERE page = ?",
                        (row[0],),
                    )
            except sqlite3.Error as error:
                self.failed(_("pinning a page in the cache failed ({error})"), error)
                return False
            return True

    def unpin(self, url: str) -> None:
        """Let the page for `url` be evicted again, least recently used first like any other."""
        with self.lock:
            self._execute_quietly(
                "DELETE FROM pins WHERE key IN (SELECT key FROM keys WHERE page = "
                "(SELECT page FROM keys WHERE key = ?)) OR key = ?",
                (cache_key(url), cache_key(url)),
            )

    def is_pinned(self, url: str) -> bool:
        """True when the page for `url` is cached and pinned."""
        with self.lock:
            try:
                row = self.conn.execute(
                    "SELECT 1 FROM keys k JOIN pins p ON p.key = k.key WHERE k.page = "
                    "(SELECT page FROM keys WHERE key = ?)",
                    (cache_key(url),),
                ).fetchone()
            except sqlite3.Error as error:
                self.failed(_("reading the page cache failed ({error})"), error)
                return False
            return row is not None

    def total_bytes(self) -> int:
        """The bytes the cached pages account for (compressed bodies plus overhead)."""
        with self.lock:
            try:
                return int(self.conn.execute("SELECT total(size) FROM pages").fetchone()[0])
            except sqlite3.Error:
                return 0

    def __len__(self) -> int:
        with self.lock:
            try:
                return int(self.conn.execute("SELECT count(*) FROM pages").fetchone()[0])
            except sqlite3.Error:
                return 0

    def clear(self) -> bool:
        """Forget every cached page except the pinned ones (the reading list's)."""
        with self.lock:
            try:
                with transaction(self.conn):
                    self.conn.execute(f"DELETE FROM pages WHERE id NOT IN ({_PINNED_PAGES})")
            except sqlite3.Error as error:
                self.failed(_("clearing the page cache failed ({error})"), error)
                return False
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("VACUUM")
            return True

    # --- plumbing -----------------------------------------------------------------------------

    def _evict(self, limit: int) -> int:
        """Delete least recently used unpinned pages until their total is within `limit` (in
        a transaction); returns how many were deleted."""
        unpinned = f"FROM pages WHERE id NOT IN ({_PINNED_PAGES})"
        total = int(self.conn.execute(f"SELECT total(size) {unpinned}").fetchone()[0])
        if total <= limit:
            return 0
        doomed: list[tuple[int]] = []
        for page_id, size in self.conn.execute(f"SELECT id, size {unpinned} ORDER BY used, id"):
            if total <= limit:
                break
            doomed.append((page_id,))
            total -= size
        self.conn.executemany("DELETE FROM pages WHERE id = ?", doomed)
        return len(doomed)

    def _execute_quietly(self, sql: str, params: tuple[object, ...]) -> None:
        if self.read_only:
            return
        try:
            with transaction(self.conn):
                self.conn.execute(sql, params)
        except sqlite3.Error as error:
            self.failed(_("updating the page cache failed ({error})"), error)

    def failed(self, message: str, error: sqlite3.Error) -> None:
        """Report the failure; a damaged file is replaced by an empty cache at once."""
        super().failed(message, error)
        if is_corruption(error):
            self._recover()

    def _recover(self) -> None:
        """Replace a damaged cache file: it is moved aside and an empty cache started."""
        self.conn.close()
        self.conn, warnings = recover(
            self.path, _SCHEMA, version=SCHEMA_VERSION, wording=_WORDING, pragmas=_PRAGMAS
        )
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.warnings += warnings
