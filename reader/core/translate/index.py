"""The argos package index, and downloading a package from it.

Both go through reader's page fetcher (reader.core.sources.http_fetch): one time budget for the
whole download, a size cap counted while it streams, TLS always verified, the same proxies and
redirect rules as pages. The index gets a page's budget and cap; a package gets the package
size limit and a longer budget.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.core.errors import FetchError, UsageError
from reader.core.safe_text import clean_line
from reader.core.sources.http_fetch import Sink, fetch
from reader.core.sources.resolve import DEFAULT_MAX_SIZE, DEFAULT_TIMEOUT
from reader.core.translate.archive import MAX_UNPACKED_BYTES, install_file
from reader.core.translate.installed import InstalledPackage
from reader.core.translate.locations import argos_data_dir, index_url, packages_dir

DOWNLOAD_TIMEOUT = 900.0  # seconds for a whole package (up to 500 MB); a page gets 20
Progress = Callable[[int, int | None], None]  # bytes so far, and the total when known


@dataclass(frozen=True, slots=True)
class AvailablePackage:
    """A package listed in the argos index."""

    from_code: str
    to_code: str
    from_name: str
    to_name: str
    version: str
    links: tuple[str, ...]

    def describe(self) -> str:
        return clean_line(
            f"{self.from_code} → {self.to_code} ({self.from_name} → {self.to_name}, "
            f"version {self.version})"
        )


def available_packages() -> list[AvailablePackage]:
    """The translation packages in the argos index (downloaded now, so it needs internet)."""
    url = index_url()
    body = bytearray()
    try:
        _get(
            url,
            timeout=DEFAULT_TIMEOUT,
            max_size=DEFAULT_MAX_SIZE,
            sink=lambda c, _: body.extend(c),
        )
    except FetchError as error:
        raise FetchError(
            f"cannot reach the argos package index: {error.message}",
            "this needs internet; installed packages still work offline "
            "('reader languages' lists them)",
        ) from error
    try:
        index = json.loads(bytes(body))
    except (ValueError, RecursionError) as error:
        raise FetchError("the argos package index is not valid JSON", f"from {url}") from error
    with contextlib.suppress(OSError):  # argostranslate reads this copy too
        argos_data_dir().mkdir(parents=True, exist_ok=True)
        (argos_data_dir() / "index.json").write_bytes(body)
    packages = []
    for entry in index if isinstance(index, list) else []:
        if not isinstance(entry, dict) or entry.get("type", "translate") != "translate":
            continue
        links = entry.get("links")
        if not entry.get("from_code") or not entry.get("to_code") or not isinstance(links, list):
            continue
        packages.append(
            AvailablePackage(
                from_code=_text(entry.get("from_code")),
                to_code=_text(entry.get("to_code")),
                from_name=_text(entry.get("from_name")),
                to_name=_text(entry.get("to_name")),
                version=_text(entry.get("package_version")),
                links=tuple(link for link in links if isinstance(link, str)),
            )
        )
    return sorted((p for p in packages if p.links), key=lambda p: (p.from_code, p.to_code))


def _text(value: object) -> str:
    return clean_line(str(value)) if isinstance(value, str | int | float) else ""


def download_and_install(
    from_code: str, to_code: str, progress: Progress | None = None
) -> InstalledPackage:
    """Download FROM -> TO from the argos index and install it."""
    candidates = [
        p for p in available_packages() if p.from_code == from_code and p.to_code == to_code
    ]
    if not candidates:
        raise UsageError(
            f"the argos index has no package for {from_code} → {to_code}",
            "see 'reader languages available'",
        )
    package = candidates[-1]
    downloads = packages_dir().parent
    downloads.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(
        prefix=f".reader-download-{from_code}_{to_code}-", suffix=".argosmodel", dir=downloads
    )
    os.close(fd)
    path = Path(name)
    try:
        errors: list[str] = []
        for link in package.links:
            try:
                _download_to(link, path, progress)
                break
            except FetchError as error:
                errors.append(error.message)
        else:
            raise FetchError(
                f"cannot download the {from_code} → {to_code} package: {errors[-1]}",
                "check your internet connection, or install a downloaded file with "
                "'reader languages install FILE.argosmodel'",
            )
        return install_file(path)
    finally:
        path.unlink(missing_ok=True)


def _download_to(url: str, path: Path, progress: Progress | None) -> None:
    """The package at `url` saved to `path`, within DOWNLOAD_TIMEOUT and the size limit."""
    done = 0
    try:
        with path.open("wb") as out:

            def write(chunk: bytes, total: int | None) -> None:
                nonlocal done
                out.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)

            _get(url, timeout=DOWNLOAD_TIMEOUT, max_size=MAX_UNPACKED_BYTES, sink=write)
    except OSError as error:
        raise FetchError(f"cannot save the download: {error.strerror or error}", "") from error


def _get(url: str, *, timeout: float, max_size: int, sink: Sink) -> None:
    """Fetch `url` into `sink` with the page fetcher (FetchError or ContentError on failure)."""
    asyncio.run(fetch(url, timeout=timeout, max_size=max_size, sink=sink))
