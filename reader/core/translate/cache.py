"""Translations cached on disk, so an article opened again is translated instantly.

One SQLite file (WAL mode) in the user cache dir. A row is keyed by a hash of the package's
codes and version and the source text, so a new package version never reuses old output.
The cache is an optimisation: if it cannot be opened or written, translation still works.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

from reader.core.i18n import N_
from reader.core.storage import paths
from reader.core.storage.sqlite_store import Wording, connect, transaction

TRANSLATION_CACHE_FILE = "translations.sqlite3"
SCHEMA = "CREATE TABLE IF NOT EXISTS translations (key TEXT PRIMARY KEY, text TEXT NOT NULL)"
_CHUNK = 500
_WORDING = Wording(
    read_only=N_("the translation cache at {path} cannot be written ({error}); read only"),
    cannot_open=N_("cannot open the translation cache at {path} ({error}); not saved"),
    stuck=N_(
        "the translation cache at {path} is damaged and could not be moved aside ({error}); "
        "not saved"
    ),
    moved=N_("the translation cache was damaged; it was moved to {backup} and a new one started"),
    cannot_create=N_("cannot create a new translation cache at {path} ({error}); not saved"),
)


def cache_path() -> Path:
    return paths.cache_dir() / TRANSLATION_CACHE_FILE


def cache_key(package_key: str, source: str) -> str:
    return hashlib.sha256(f"{package_key}\0{source}".encode()).hexdigest()


class TranslationCache:
    """get_many/put_many over the SQLite file; safe to share between threads."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_path()
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self.warnings: list[str] = []

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn, self.warnings = connect(
                self.path, SCHEMA, version=1, wording=_WORDING, check=False
            )
        return self._conn

    def get_many(self, package_key: str, sources: Iterable[str]) -> dict[str, str]:
        """The cached translations of `sources` (missing ones absent from the result)."""
        keyed = {cache_key(package_key, s): s for s in sources}
        found: dict[str, str] = {}
        keys = list(keyed)
        with self._lock:
            try:
                conn = self._connection()
                for i in range(0, len(keys), _CHUNK):
                    chunk = keys[i : i + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    rows = conn.execute(
                        f"SELECT key, text FROM translations WHERE key IN ({marks})", chunk
                    ).fetchall()
                    for key, text in rows:
                        found[keyed[key]] = text
            except sqlite3.Error:
                return {}
        return found

    def put_many(self, package_key: str, translations: dict[str, str]) -> None:
        """Store source -> translation pairs for `package_key` in one transaction."""
        if not translations:
            return
        rows = [(cache_key(package_key, s), t) for s, t in translations.items()]
        with self._lock:
            try:
                conn = self._connection()
                with transaction(conn):
                    conn.executemany(
                        "INSERT OR REPLACE INTO translations (key, text) VALUES (?, ?)", rows
                    )
            except sqlite3.Error:
                return

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
