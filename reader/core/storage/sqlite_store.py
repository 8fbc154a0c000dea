"""Opening reader's SQLite files safely: WAL mode, a busy timeout, and recovery from corruption.

WAL lets one process write while another reads, and a commit survives a kill at any moment.
A file that is not a database (or fails `quick_check`) is moved aside with a warning naming
the backup and a fresh database is created in its place. `SqliteStore` is what the stores
built on one such file share: the connection behind a lock, and reads and writes that turn a
failure into a warning for the user instead of an exception.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

from reader.core.i18n import _
from reader.core.storage.atomic import move_aside
from reader.core.storage.paths import ensure_private_dir

BUSY_TIMEOUT_MS = 10_000

# One SQL statement and its parameters.
Statement = tuple[str, tuple[object, ...]]


@dataclass(frozen=True, slots=True)
class Wording:
    """What a store says about its file, one whole message each (marked with `N_` where the
    store defines it, translated when shown), so each language can word it for that store."""

    read_only: str  # it opened read only: {path}, {error}
    cannot_open: str  # it cannot be opened at all, so nothing is saved: {path}, {error}
    stuck: str  # it is damaged and could not be moved aside: {path}, {error}
    moved: str  # it was damaged, moved aside and a new one started: {backup}
    cannot_create: str  # no new one could be created after moving it aside: {path}, {error}


def connect(
    path: Path,
    schema: str,
    *,
    version: int,
    wording: Wording,
    check: bool = True,
    pragmas: tuple[str, ...] = (),
) -> tuple[sqlite3.Connection, list[str]]:
    """Open (creating if needed) the database at `path` with `schema` applied.

    `version` is stored in SQLite's user_version; a database with another version (or another
    program's tables) is treated like a damaged one. `check` runs SQLite's quick_check on open
    (cheap for small files; skip it for big ones). `pragmas` run before the schema (for
    settings such as auto_vacuum that only take effect on a new file).

    Returns the connection and the warnings for the user. Never raises for a damaged file:
    it is moved aside and recreated. If the file cannot be opened at all (an unwritable
    directory), it is opened read-only if it exists, else an in-memory database is used, so the
    program keeps working, with a warning.
    """
    problem: Exception
    try:
        ensure_private_dir(path.parent)
        return _open(path, schema, version, check, pragmas), []
    except sqlite3.DatabaseError as error:
        if is_corruption(error) and path.exists():
            return recover(path, schema, version=version, wording=wording, pragmas=pragmas)
        problem = error
    except OSError as error:
        problem = error
    read_only = _open_read_only(path, version)
    if read_only is not None:
        return read_only, [_(wording.read_only).format(path=path, error=problem)]
    return _memory(schema), [_(wording.cannot_open).format(path=path, error=problem)]


def _open_read_only(path: Path, version: int) -> sqlite3.Connection | None:
    """`path` opened for reading only (a read-only file system or file), or None.

    `immutable=1` because a WAL database cannot otherwise be opened where its -shm file
    cannot be created; nothing writes the file while it is read-only.
    """
    if not path.is_file():
        return None
    uri = f"{path.resolve().as_uri()}?immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        conn.execute("PRAGMA query_only = ON")
        if conn.execute("PRAGMA user_version").fetchone()[0] == version:
            return conn
    except sqlite3.Error:
        pass
    conn.close()
    return None


def is_read_only(conn: sqlite3.Connection) -> bool:
    """True for a connection `connect` opened read-only: writes are skipped, not reported."""
    try:
        return bool(conn.execute("PRAGMA query_only").fetchone()[0])
    except sqlite3.Error:
        return False


def recover(
    path: Path, schema: str, *, version: int, wording: Wording, pragmas: tuple[str, ...] = ()
) -> tuple[sqlite3.Connection, list[str]]:
    """Move the damaged database at `path` aside (keeping it) and start a new one there."""
    try:
        backup = move_aside(path)
    except OSError as error:
        return _memory(schema), [_(wording.stuck).format(path=path, error=error.strerror)]
    for suffix in ("-wal", "-shm", "-journal"):
        # The side files belong to the damaged database and must not be replayed into the new
        # one; the WAL goes with the backup, the rest are scratch.
        side = path.with_name(path.name + suffix)
        with contextlib.suppress(OSError):
            if suffix == "-wal" and side.exists():
                os.replace(side, backup.with_name(backup.name + suffix))
            else:
                side.unlink(missing_ok=True)
    warnings = [_(wording.moved).format(backup=backup)]
    try:
        return _open(path, schema, version, False, pragmas), warnings
    except (sqlite3.DatabaseError, OSError) as error:
        warnings.append(_(wording.cannot_create).format(path=path, error=error))
        return _memory(schema), warnings


def _open(
    path: Path, schema: str, version: int, check: bool, pragmas: tuple[str, ...]
) -> sqlite3.Connection:
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        for pragma in pragmas:
            conn.execute(pragma).fetchall()
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
        if mode is None or str(mode[0]).lower() != "wal":
            raise sqlite3.DatabaseError(f"cannot switch to WAL mode ({mode})")
        conn.execute("PRAGMA synchronous = NORMAL")
        if check:
            result = conn.execute("PRAGMA quick_check").fetchone()
            if result is None or result[0] != "ok":
                raise sqlite3.DatabaseError(f"database disk image is malformed ({result})")
        with transaction(conn):
            found = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if found != version and (found != 0 or tables):
                raise sqlite3.DatabaseError(f"not a reader database of version {version}")
            _apply(conn, schema)
            conn.execute(f"PRAGMA user_version = {int(version)}")
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)
        return conn
    except BaseException:
        conn.close()
        raise


def _apply(conn: sqlite3.Connection, schema: str) -> None:
    for statement in schema.split(";"):
        if statement.strip():
            conn.execute(statement)


def _memory(schema: str) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    _apply(conn, schema)
    return conn


def is_corruption(error: sqlite3.Error) -> bool:
    """True when `error` says the file is damaged (as opposed to locked or unwritable)."""
    text = str(error).lower()
    words = ("malformed", "not a database", "not a reader database", "corrupt")
    return any(word in text for word in words)


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction that takes the write lock up front (BEGIN IMMEDIATE), so two
    writers queue on the busy timeout instead of failing with a deadlock."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class SqliteStore:
    """A store kept in one SQLite file (see `connect`), shared by the program's threads: the
    connection behind a lock, and `warnings` for the user. Open once and `close()` at exit.

    `write` and `read` never raise: a failure becomes a warning and an empty result.
    """

    def __init__(
        self,
        path: Path,
        schema: str,
        *,
        version: int,
        wording: Wording,
        check: bool = True,
        pragmas: tuple[str, ...] = (),
    ) -> None:
        self.path = path
        self.lock = threading.Lock()
        self.conn, self.warnings = connect(
            path, schema, version=version, wording=wording, check=check, pragmas=pragmas
        )
        self.read_only = is_read_only(self.conn)  # read-only storage: read, never written

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def write(self, failed: str, statements: Sequence[Statement]) -> int | None:
        """Run `statements` in one transaction: the rows the last one changed, or None when it
        failed (`failed`, a translated message with an {error} slot, says so in `warnings`)."""
        with self.lock:
            try:
                changed = 0
                with transaction(self.conn):
                    for sql, params in statements:
                        changed = self.conn.execute(sql, params).rowcount
                return changed
            except sqlite3.Error as error:
                self.failed(failed, error)
                return None

    def read(self, failed: str, sql: str, params: tuple[object, ...]) -> list[tuple[Any, ...]]:
        """The rows `sql` selects, or none when it failed (`failed` goes to `warnings`)."""
        with self.lock:
            try:
                return self.conn.execute(sql, params).fetchall()
            except sqlite3.Error as error:
                self.failed(failed, error)
                return []

    def failed(self, message: str, error: sqlite3.Error) -> None:
        """Tell the user an operation failed: `message` is translated, with an {error} slot."""
        self.warnings.append(message.format(error=error))
