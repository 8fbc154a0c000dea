"""Crash-safe file writes, and moving a corrupt file aside instead of losing it.

`write_bytes_atomic` writes a temporary file in the same directory, fsyncs it, renames it over
the target with `os.replace` and fsyncs the directory: a kill at any moment leaves either the
old file or the new one, never a torn mix.
"""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import tempfile
import time
from pathlib import Path

from reader.core.storage.paths import ensure_private_dir


def write_bytes_atomic(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Replace `path` with `data` atomically and durably (file mode `mode`)."""
    path = Path(path)
    ensure_private_dir(path.parent)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    fsync_dir(path.parent)
    remove_stale_temporaries(path)


def remove_stale_temporaries(path: Path, older_than: float = 3600.0) -> None:
    """Delete temporary files a killed writer of `path` left behind over an hour ago.

    Recent ones are left alone: they may belong to another process writing right now.
    """
    cutoff = time.time() - older_than
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()


def write_text_atomic(path: Path, text: str, *, mode: int = 0o600) -> None:
    """Replace `path` with `text` (UTF-8) atomically and durably."""
    write_bytes_atomic(path, text.encode("utf-8"), mode=mode)


def fsync_dir(directory: Path) -> None:
    """Flush a directory entry change (a rename) to disk; a no-op where unsupported."""
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def move_aside(path: Path) -> Path:
    """Rename `path` to `<name>.corrupt-<UTC timestamp>` beside it and return the new path.

    The user's file is kept, never deleted: they can inspect or restore it.
    """
    path = Path(path)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    backup = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while backup.exists():
        backup = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    os.replace(path, backup)
    fsync_dir(path.parent)
    return backup


class NotARegularFile(OSError):
    """A saved-state path that is a FIFO, a device or a socket: reading it could wait forever."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    Opened without blocking and checked before reading, so a FIFO in place of a settings file
    cannot hang reader. Raises FileNotFoundError, NotARegularFile or another OSError.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotARegularFile(f"{path} is not a regular file")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(limit)
    finally:
        os.close(fd)
