"""Installed argostranslate packages: read them, list them, find a pair, remove one.

An installed package that cannot be read (a damaged or hostile metadata.json) is skipped with
a warning, so it never stops the other pairs from working.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.core.errors import ContentError, UsageError
from reader.core.safe_text import clean_line
from reader.core.translate.locations import package_dirs

MAX_METADATA_BYTES = 1_000_000  # a real metadata.json is about 1 KB
Warn = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class InstalledPackage:
    """An installed argos translation package (one direction, FROM -> TO)."""

    from_code: str
    to_code: str
    from_name: str
    to_name: str
    version: str
    path: Path
    target_prefix: str = ""

    @property
    def pair(self) -> str:
        return f"{self.from_code} → {self.to_code}"

    @property
    def cache_key(self) -> str:
        """Identifies the model for the translation cache: codes plus package version."""
        return f"{self.from_code}-{self.to_code}@{self.version}"

    def describe(self) -> str:
        names = f"{self.from_name} → {self.to_name}" if self.from_name and self.to_name else ""
        extra = f" ({names}, version {self.version})" if names else f" (version {self.version})"
        return clean_line(f"{self.from_code} → {self.to_code}{extra}")


class UnreadablePackage(Exception):
    """A package folder whose metadata.json cannot be used; the message says why."""


def installed_packages(warn: Warn | None = None) -> list[InstalledPackage]:
    """Installed translation packages, sorted by pair; a folder whose metadata cannot be read
    is skipped (and named to `warn`), folders of other kinds silently."""
    found: list[InstalledPackage] = []
    for directory in package_dirs():
        if not directory.is_dir():
            continue
        for child in sorted(directory.iterdir()):
            if not child.is_dir() or child.name.startswith("."):
                continue
            try:
                package = read_package(child)
            except UnreadablePackage as problem:
                if warn is not None:
                    warn(f"skipped the translation package {clean_line(child.name)!r}: {problem}")
                continue
            if package is not None:
                found.append(package)
    return sorted(found, key=lambda p: (p.from_code, p.to_code, p.version))


def read_package(path: Path) -> InstalledPackage | None:
    """The translation package in directory `path`; None when the folder holds no package or
    another kind of argos package. UnreadablePackage when its metadata.json is unusable."""
    metadata_file = path / "metadata.json"
    try:
        with metadata_file.open("rb") as stream:
            raw = stream.read(MAX_METADATA_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise UnreadablePackage(f"cannot read metadata.json ({error.strerror})") from error
    if len(raw) > MAX_METADATA_BYTES:
        raise UnreadablePackage("metadata.json is larger than 1 MB")
    try:
        metadata = json.loads(raw)
    except (ValueError, RecursionError) as error:
        reason = "nested too deeply" if isinstance(error, RecursionError) else "not valid JSON"
        raise UnreadablePackage(f"metadata.json is {reason}") from None
    if not isinstance(metadata, dict):
        raise UnreadablePackage("metadata.json is not a JSON object")
    if metadata.get("type", "translate") != "translate":
        return None
    from_code, to_code = metadata.get("from_code"), metadata.get("to_code")
    if not isinstance(from_code, str) or not isinstance(to_code, str):
        raise UnreadablePackage("metadata.json has no from_code and to_code")

    def text(key: str) -> str:
        value = metadata.get(key, "")
        return clean_line(str(value)) if isinstance(value, str | int | float) else ""

    return InstalledPackage(
        from_code=clean_line(from_code),
        to_code=clean_line(to_code),
        from_name=text("from_name"),
        to_name=text("to_name"),
        version=text("package_version") or "0",
        path=path,
        target_prefix=prefix if isinstance(prefix := metadata.get("target_prefix"), str) else "",
    )


def find_package(from_code: str, to_code: str) -> InstalledPackage | None:
    """The installed package for FROM -> TO (the newest version if several), or None."""
    matches = [p for p in installed_packages() if p.from_code == from_code and p.to_code == to_code]
    return matches[-1] if matches else None


def installed_pairs_text(packages: list[InstalledPackage] | None = None) -> str:
    """'en → es, es → en' or 'none' for messages."""
    packages = installed_packages() if packages is None else packages
    return ", ".join(p.pair for p in packages) or "none"


def remove_package(from_code: str, to_code: str) -> InstalledPackage:
    """Uninstall FROM -> TO; UsageError naming the installed pairs when it is not installed."""
    package = find_package(from_code, to_code)
    if package is None:
        raise UsageError(
            f"no package installed for {from_code} → {to_code}",
            f"installed: {installed_pairs_text()}",
        )
    try:
        shutil.rmtree(package.path)
    except OSError as error:
        raise ContentError(
            f"cannot remove {package.path}: {error.strerror or error}", "check permissions"
        ) from error
    return package
