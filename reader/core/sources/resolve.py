"""SOURCE -> Page: an http(s) URL, a bare domain, a local path, a file:// URL, or "-" for stdin.

`resolve_source` says what a SOURCE names (a normalised URL, so a cache can key by it);
`load_page` reads it: bytes within a size cap, a media type reader can show, and text decoded
in the right character set. Every failure is a ReaderError with a hint, never a traceback.
"""

from __future__ import annotations

import math
import os
import re
import select
import stat
import sys
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

from reader.core.document import Page
from reader.core.errors import FetchError, UsageError
from reader.core.i18n import _
from reader.core.sources.charset import decode_document
from reader.core.sources.media_type import (
    PLAIN,
    XHTML,
    media_type_for_path,
    parse_content_type,
    readable_type,
)
from reader.core.sources.sizes import format_size
from reader.core.sources.urls import (
    is_ip,
    is_valid_host,
    normalise_http_url,
    shorten,
    without_password,
)

STDIN = "-"
DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_SIZE = 20_000_000

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_HOST_PORT = re.compile(r"^[^\s/?#@:]+:\d+(?:[/?#]|$)")  # example.com:8080/page, not ftp:...
# File extensions that look like top-level domains: `notes.html` alone is a missing file.
_FILE_SUFFIXES = frozenset((
    "html", "htm", "xhtml", "xht", "shtml", "txt", "text", "md", "markdown", "rst", "pdf", "json",
    "xml", "csv", "png", "jpg", "jpeg", "gif", "svg", "webp", "css", "js", "mjs", "php", "asp",
    "aspx", "jsp", "epub", "zip", "gz", "tgz", "log", "py",
))  # fmt: skip
T = TypeVar("T")


def resolve_source(source: str) -> str:
    """The normalised form of SOURCE: an http(s) URL without its fragment, an absolute
    file:// URL for a local file, or "-" for stdin. Raises UsageError when SOURCE names
    nothing reader can open (malformed URL, missing file, a directory, another scheme)."""
    source = source.strip()
    if source == STDIN:
        return STDIN
    if not source:
        raise UsageError(_("no source given"), _("give a URL, a file path, or - for stdin"))
    scheme_match = _SCHEME.match(source)
    scheme = scheme_match.group(1).lower() if scheme_match else ""
    if scheme in ("http", "https"):
        return _normalise_url(source)
    if scheme == "file":
        return _file_path(source).as_uri()
    path = _expand_user(Path(source))
    if _exists(path) or (scheme and len(scheme) == 1):  # an existing file, or C:\...
        return _checked_file(path).as_uri()
    if scheme and not _HOST_PORT.match(source):
        raise UsageError(
            _("reader cannot open {scheme}: addresses").format(scheme=scheme),
            _("give an http(s) URL, a file path, a file:// URL, or - for stdin"),
        )
    if _looks_like_domain(source):
        return _normalise_url("https://" + source)
    raise UsageError(
        _("no such file: {path}").format(path=_shown(source)),
        _("check the path, or give a full https:// URL"),
    )


def load_page(
    source: str, *, timeout: float = DEFAULT_TIMEOUT, max_size: int = DEFAULT_MAX_SIZE
) -> Page:
    """Read SOURCE into a Page. `timeout` bounds a whole HTTP fetch, redirects and body
    included, and the wait for a FIFO or device given as the file; `max_size` caps the
    decoded body. Raises UsageError, FetchError or ContentError.

    Blocking; safe to call from a worker thread, or from code with a running event loop
    (the fetch then runs on a private thread). Files and standard input are read outside
    any event loop, so ctrl+c stops a read that waits.
    """
    if not (math.isfinite(timeout) and timeout > 0):
        raise UsageError(
            _("--timeout must be a positive number, not {value}").format(value=f"{timeout:g}"),
            _("try --timeout 20"),
        )
    if max_size <= 0:
        raise UsageError(
            _("--max-size must be a positive size, not {value}").format(value=max_size),
            _("try --max-size 20MB"),
        )
    resolved = resolve_source(source)
    if resolved == STDIN:
        return _page(STDIN, _read_stdin(max_size), declared_type="", charset=None)
    if resolved.startswith("file:"):
        path = _file_path(resolved)
        declared = media_type_for_path(path) or ""
        data = _read_file(path, max_size, timeout)
        return _page(resolved, data, declared_type=declared, charset=None)
    from reader.core.sources.http_fetch import fetch  # httpx takes a quarter second to import

    fetched = _run(fetch(resolved, timeout=timeout, max_size=max_size))
    media_type, charset = parse_content_type(fetched.content_type)
    return _page(fetched.url, fetched.body, declared_type=media_type, charset=charset)


def _page(url: str, data: bytes, *, declared_type: str, charset: str | None) -> Page:
    media_type = readable_type(declared_type, data)
    decoded = decode_document(
        data, declared=charset, html=media_type != PLAIN, xml=media_type == XHTML
    )
    # The page's address is shown and stored (output, history, cache): never its password.
    return Page(
        url=without_password(url),
        text=decoded.text,
        media_type=media_type,
        charset=decoded.charset,
    )


def _normalise_url(source: str) -> str:
    """`source` as a normalised http(s) URL, or UsageError."""
    try:
        return normalise_http_url(source)
    except ValueError:
        raise UsageError(
            _("malformed URL: {address}").format(address=_shown(source)),
            _("check the address, e.g. https://example.com/page"),
        ) from None


def _looks_like_domain(source: str) -> bool:
    """True for `example.com/page`, `localhost:8080`, `192.0.2.1/x`; False for `notes.html`."""
    host_port = re.split(r"[/?#]", source, maxsplit=1)[0]
    host = host_port.rsplit(":", 1)[0] if _HOST_PORT.match(source) else host_port
    if host.lower() == "localhost" or is_ip(host):
        return True
    labels = host.split(".")
    if len(labels) < 2 or not is_valid_host(host):
        return False
    tld = labels[-1]
    if not (tld.isalpha() and len(tld) >= 2):
        return False
    return host_port != source or tld.lower() not in _FILE_SUFFIXES


def _file_path(url: str) -> Path:
    """The checked local path a file: URL names."""
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise UsageError(
            _("reader cannot open files on another host: {address}").format(address=_shown(url)),
            _("copy the file here and give its path"),
        )
    return _checked_file(_local_path(parts.path))


def _local_path(url_path: str) -> Path:
    """The file system path of a file: URL's (percent-encoded) path, unquoted exactly once."""
    if os.name == "nt":
        from urllib.request import url2pathname  # drive letters and backslashes

        return Path(url2pathname(url_path))
    # surrogateescape: a file name that is not UTF-8 still round-trips to its bytes
    return Path(unquote(url_path, errors="surrogateescape"))


def _checked_file(path: Path) -> Path:
    """`path` made absolute, if it is a file; UsageError otherwise."""
    path = _expand_user(path).absolute()
    try:
        is_directory = stat.S_ISDIR(path.stat().st_mode)
    except (FileNotFoundError, NotADirectoryError, ValueError):  # ValueError: a NUL byte
        raise UsageError(
            _("no such file: {path}").format(path=_shown(path)), _("check the path")
        ) from None
    except OSError as error:  # a name too long, a loop of links, no permission on a folder
        raise UsageError(
            _("cannot open {path}: {reason}").format(
                path=_shown(path), reason=error.strerror or error
            ),
            _("check the path"),
        ) from None
    if is_directory:
        raise UsageError(
            _("{path} is a directory").format(path=_shown(path)),
            _("give the path of an HTML or text file"),
        )
    return path


def _shown(source: str | Path, limit: int = 200) -> str:
    """A source as quoted in a message: no password, long ones shortened."""
    return shorten(without_password(str(source)), limit)


def _expand_user(path: Path) -> Path:
    """`~/page.html` -> `/home/me/page.html`; a path naming an unknown user stays as it is."""
    try:
        return path.expanduser()
    except RuntimeError:
        return path


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def _read_file(path: Path, max_size: int, timeout: float) -> bytes:
    """The file's bytes. A FIFO or a device is read without blocking, within `timeout`."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except PermissionError:
        raise UsageError(
            _("permission denied: {path}").format(path=_shown(path)),
            _("check the file's permissions"),
        ) from None
    except OSError as error:
        raise UsageError(
            _("cannot read {path}: {reason}").format(
                path=_shown(path), reason=error.strerror or error
            ),
            _("check the file"),
        ) from None
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            os.set_blocking(fd, True)
            with os.fdopen(fd, "rb", closefd=False) as file:
                data = file.read(max_size + 1)
        else:
            waited = read_waiting(fd, max_size + 1, time.monotonic() + timeout)
            if waited is None:
                raise FetchError(
                    f"timed out after {timeout:g} s waiting for {_shown(path)}",
                    "it is not a regular file; give a saved page, or allow more time with "
                    "--timeout",
                )
            data = waited
    except OSError as error:
        raise UsageError(
            f"cannot read {_shown(path)}: {error.strerror or error}", "check the file"
        ) from None
    finally:
        os.close(fd)
    if len(data) > max_size:
        raise FetchError(
            _("{path} is larger than the {limit} limit").format(
                path=_shown(path), limit=format_size(max_size)
            ),
            _("raise the limit with --max-size"),
        )
    return data


def read_waiting(fd: int, limit: int, deadline: float) -> bytes | None:
    """Up to `limit` bytes from a non-blocking `fd` (a FIFO, a device), or None at `deadline`.

    A FIFO with no writer yet reads as empty: wait for one until the deadline, as a slow
    server is waited for; after the first bytes, end of file is the end.
    """
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], min(left, 0.1))
        if not ready:
            continue
        chunk = os.read(fd, min(1 << 16, limit - size))
        if not chunk:
            if chunks:
                break
            time.sleep(min(0.05, max(0.0, deadline - time.monotonic())))  # no writer yet
            continue
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _read_stdin(max_size: int) -> bytes:
    """Standard input's bytes; refused when it is a terminal (reading would wait for typing)."""
    hint = _("pipe a page in: reader - < page.html")
    stream = sys.stdin
    try:
        if stream is None or stream.closed:
            raise UsageError(_("there is no standard input to read"), hint)
        if stream.isatty():
            raise UsageError(_("standard input is a terminal, not a page"), hint)
        data = stream.buffer.read(max_size + 1)
    except (OSError, ValueError, AttributeError) as error:
        raise UsageError(
            _("cannot read standard input: {reason}").format(reason=error), hint
        ) from None
    if len(data) > max_size:
        raise FetchError(
            _("standard input is larger than the {limit} limit").format(
                limit=format_size(max_size)
            ),
            _("raise the limit with --max-size"),
        )
    return data


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion from synchronous code, even inside a running loop."""
    import asyncio  # only web pages need it: reading a file stays quick to start
    import concurrent.futures

    result: list[T] = []

    async def keep_result() -> None:
        # Not the task's own result: asyncio takes the repr of a finished task's result on
        # the way out, which for a 20 MB page costs seconds.
        result.append(await coroutine)

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(keep_result())
    else:
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, keep_result()).result()
    return result[0]
