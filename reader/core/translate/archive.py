"""Install a .argosmodel archive safely.

The archive's directory is checked before anything is unpacked: the number of entries, names
listed twice, unsafe paths, symbolic links, one top folder holding a metadata.json, and the
declared sizes (the total, and so each member, under MAX_UNPACKED_BYTES). Unpacking then
counts the bytes it writes and stops at the limit whatever the headers said, and zipfile checks
every CRC. It unpacks into a temporary directory beside the packages directory and renames the
result into place, so a damaged file never leaves a half-installed package behind, under a
folder name with no control characters.
"""

from __future__ import annotations

import lzma
import os
import re
import shutil
import struct
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from reader.core.errors import ContentError, UsageError
from reader.core.safe_text import clean_line
from reader.core.translate.installed import (
    InstalledPackage,
    UnreadablePackage,
    installed_packages,
    read_package,
)
from reader.core.translate.locations import packages_dir

MAX_UNPACKED_BYTES = 500_000_000  # real argos packages unpack to well under this
MAX_ENTRIES = 10_000  # real argos packages hold a few dozen files
_CHUNK = 1 << 20
_DAMAGED = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, RuntimeError, ValueError)
_HINT = "the file is damaged or not an argos package; download it again"
_UNSAFE_IN_NAME = re.compile(r"[^\w.+-]")


def install_file(archive: Path) -> InstalledPackage:
    """Check and install the .argosmodel file at `archive`; replaces the same pair."""
    archive = Path(archive)
    if not archive.is_file():
        raise UsageError(f"no such package file: {archive}", "give the path of a .argosmodel file")
    shown = clean_line(archive.name)
    if not zipfile.is_zipfile(archive):
        raise ContentError(f"{shown} is not a valid .argosmodel file (not a zip archive)", _HINT)
    target_root = packages_dir()
    try:
        if declared_entries(archive) > MAX_ENTRIES:  # before zipfile reads every entry
            raise ContentError(f"{shown} holds more than {MAX_ENTRIES} files", _HINT)
        with zipfile.ZipFile(archive) as zipf:
            infos = zipf.infolist()
            top = check_directory(shown, infos)
            staging = _staging_dir(target_root)
            try:
                unpacked = staging / folder_name(top)
                _unpack(zipf, infos, unpacked, shown)
                return _put_in_place(unpacked, staging, target_root, shown)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except (*_DAMAGED, NotImplementedError) as error:
        raise ContentError(f"{shown} is damaged: {error}", _HINT) from error
    except OSError as error:
        raise ContentError(
            f"cannot install {shown}: {error.strerror or error}",
            f"check that {clean_line(str(target_root))} is writable",
        ) from error


def check_directory(shown: str, infos: list[zipfile.ZipInfo]) -> str:
    """The archive's single top-level folder, from its directory alone (nothing unpacked);
    ContentError when the entries are too many, too big, unsafe or not an argos package."""
    if len(infos) > MAX_ENTRIES:
        raise ContentError(f"{shown} holds more than {MAX_ENTRIES} files", _HINT)
    seen: set[tuple[str, ...]] = set()
    tops: set[str] = set()
    total = 0
    for info in infos:
        name = PurePosixPath(info.filename)
        quoted = clean_line(info.filename)[:120]
        if name.is_absolute() or ".." in name.parts or "\\" in info.filename or not name.parts:
            raise ContentError(f"{shown} has an unsafe path: {quoted}", _HINT)
        if any(clean_line(part) != part for part in name.parts[1:]):
            raise ContentError(f"{shown} has a file name with control characters: {quoted}", _HINT)
        if (info.external_attr >> 16) & 0o170000 == 0o120000:
            raise ContentError(f"{shown} holds a symbolic link: {quoted}", _HINT)
        if name.parts in seen:
            raise ContentError(f"{shown} lists {quoted} more than once", _HINT)
        seen.add(name.parts)
        tops.add(name.parts[0])
        total += info.file_size
        if total > MAX_UNPACKED_BYTES:
            raise ContentError(f"{shown} would unpack to more than {_limit()}", _limit_hint())
    if len(tops) != 1:
        raise ContentError(f"{shown} is not an argos package (expected one folder)", _HINT)
    top = tops.pop()
    if (top, "metadata.json") not in seen:
        raise ContentError(f"{shown} is not an argos package (no metadata.json)", _HINT)
    return top


def declared_entries(archive: Path) -> int:
    """The number of entries the archive's end record declares (zip64 too; 0 if none is
    found, and zipfile then refuses the file), read without parsing the directory."""
    with archive.open("rb") as stream:
        size = stream.seek(0, os.SEEK_END)
        start = max(0, size - (1 << 16) - 22)  # the record and a comment of at most 64 KB
        stream.seek(start)
        tail = stream.read()
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or at + 22 > len(tail):
            return 0
        count: int = struct.unpack_from("<H", tail, at + 10)[0]
        if count == 0xFFFF and at >= 20 and tail[at - 20 : at - 16] == b"PK\x06\x07":
            stream.seek(struct.unpack_from("<Q", tail, at - 12)[0])
            record = stream.read(56)
            if len(record) == 56 and record.startswith(b"PK\x06\x06"):
                count = struct.unpack_from("<Q", record, 32)[0]
        return count


def folder_name(top: str) -> str:
    """The folder to install the archive's `top` folder as: anything but letters, digits and
    `.+-_` (control characters, separators) becomes '_', and it is never hidden."""
    return _UNSAFE_IN_NAME.sub("_", top).lstrip(".")[:120] or "package"


def _unpack(zipf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], into: Path, shown: str) -> None:
    """Unpack every member under `into` (the top folder renamed), counting what is written."""
    written = 0
    into.mkdir()
    for info in infos:
        parts = PurePosixPath(info.filename).parts[1:]
        if not parts:
            continue
        target = into.joinpath(*parts)
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipf.open(info) as source, target.open("wb") as out:
            while chunk := source.read(_CHUNK):
                written += len(chunk)
                if written > MAX_UNPACKED_BYTES:  # the headers understated the sizes
                    raise ContentError(f"{shown} unpacks to more than {_limit()}", _limit_hint())
                out.write(chunk)


def _limit() -> str:
    return f"{MAX_UNPACKED_BYTES // 1_000_000} MB, the limit for a translation package"


def _limit_hint() -> str:
    return "real argos packages are smaller; this file is damaged or not a translation package"


def _put_in_place(unpacked: Path, staging: Path, target_root: Path, shown: str) -> InstalledPackage:
    """Check the unpacked package and rename it into the packages directory, replacing the
    installed package of the same pair; the old one comes back if the rename fails."""
    try:
        package = read_package(unpacked)
        problem = _package_problem(unpacked, package)
    except UnreadablePackage as unreadable:
        package, problem = None, str(unreadable)
    if package is None or problem:
        raise ContentError(
            f"{shown} is not a usable translation package: "
            f"{problem or 'metadata.json does not describe a translation package'}",
            "download the package again",
        )
    replaced = [
        p
        for p in installed_packages()
        if p.from_code == package.from_code and p.to_code == package.to_code
    ]
    destination = target_root / unpacked.name
    backup: Path | None = None
    if destination.exists():
        backup = staging / ".previous"
        os.replace(destination, backup)
    try:
        os.replace(unpacked, destination)
    except OSError:
        if backup is not None:
            os.replace(backup, destination)
        raise
    for old in replaced:
        if old.path != destination and old.path.parent == target_root:
            shutil.rmtree(old.path, ignore_errors=True)
    installed = read_package(destination)
    assert installed is not None
    return installed


def _staging_dir(target_root: Path) -> Path:
    """A fresh directory to unpack into, beside the packages directory (same file system, so
    the final rename is atomic) and outside it, so argostranslate never sees a half-unpacked
    package; inside it, hidden, only if the parent is not writable."""
    try:
        target_root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ContentError(
            f"cannot create the packages directory {target_root}: {error.strerror or error}",
            "set ARGOS_PACKAGES_DIR to a writable directory",
        ) from error
    for parent in (target_root.parent, target_root):
        try:
            return Path(tempfile.mkdtemp(prefix=".reader-install-", dir=parent))
        except OSError:
            continue
    raise ContentError(
        f"cannot write to {target_root}", "set ARGOS_PACKAGES_DIR to a writable directory"
    )


def _package_problem(path: Path, package: InstalledPackage | None) -> str:
    """Why the unpacked package at `path` cannot be used, or '' when it can."""
    if package is None:
        return "metadata.json does not describe a translation package"
    if not (path / "model" / "model.bin").is_file():
        return "no CTranslate2 model (model/model.bin)"
    if not (path / "sentencepiece.model").is_file():
        return "no sentencepiece.model (BPE packages are not supported)"
    try:
        import sentencepiece

        sentencepiece.SentencePieceProcessor(model_file=str(path / "sentencepiece.model"))
    except Exception as error:  # sentencepiece raises RuntimeError/OSError for bad files
        return f"sentencepiece.model cannot be loaded ({clean_line(str(error))[:120]})"
    return ""
