"""argostranslate packages: list, install (from a file or the argos index), remove.

Packages live where argostranslate keeps them (`ARGOS_PACKAGES_DIR` from the environment or
its settings.json, else its data dir), so other argos tools share them. We resolve those
settings the way argostranslate does rather than importing it: its import creates
directories and freezes the values. Installing validates the archive, unpacks it into
a temporary directory beside the packages directory and renames it into place, so a corrupt
file never leaves a half-installed package behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from reader.core.errors import ContentError, FetchError, UsageError
from reader.core.i18n import _
from reader.core.safe_text import clean_line

MAX_UNPACKED_BYTES = 4_000_000_000
INDEX_TIMEOUT = 20.0
Progress = Callable[[int, int | None], None]


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


DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"


def _argos_setting(key: str, default: str | None = None) -> str | None:
    """An argostranslate setting: the environment first, then its settings.json.

    The same lookup as `argostranslate.settings.get_setting`, done on every call: importing
    argostranslate would create its directories and freeze the values at import time.
    """
    value = os.environ.get(key)
    if value is not None:
        return value
    try:
        data = json.loads((_argos_home("XDG_CONFIG_HOME", ".config") / "settings.json").read_text())
    except (OSError, ValueError):
        data = {}
    found = data.get(key) if isinstance(data, dict) else None
    return str(found) if found is not None else default


def _argos_home(variable: str, fallback: str) -> Path:
    home = Path(os.environ["SNAP_USER_DATA"]) if "SNAP" in os.environ else Path.home()
    base = os.environ.get(variable) or str(home / fallback)
    return Path(base) / "argos-translate"


def argos_data_dir() -> Path:
    return _argos_home("XDG_DATA_HOME", ".local/share")


def packages_dir() -> Path:
    """Where packages are installed: ARGOS_PACKAGES_DIR, else argostranslate's data dir."""
    return Path(_argos_setting("ARGOS_PACKAGES_DIR") or argos_data_dir() / "packages")


def package_dirs() -> list[Path]:
    """Every directory argostranslate looks in for installed packages."""
    dirs = [packages_dir()]
    if "SNAP" in os.environ:
        snap = Path(os.environ["SNAP"]) / "snap_custom"
        dirs.append(snap / "packages")
        content = snap / "content_snap_packages"
        if content.is_dir():
            dirs.extend(p for p in sorted(content.iterdir()) if p.is_dir())
    return dirs


def index_url() -> str:
    """The argos package index (ARGOS_PACKAGE_INDEX is its base URL, as in argostranslate)."""
    return (_argos_setting("ARGOS_PACKAGE_INDEX") or DEFAULT_INDEX) + "index.json"


def installed_packages() -> list[InstalledPackage]:
    """Installed translation packages, sorted by pair; unreadable directories are skipped."""
    found: list[InstalledPackage] = []
    for directory in package_dirs():
        if not directory.is_dir():
            continue
        for child in sorted(directory.iterdir()):
            if child.is_dir() and not child.name.startswith("."):
                package = read_package(child)
                if package is not None:
                    found.append(package)
    return sorted(found, key=lambda p: (p.from_code, p.to_code, p.version))


def read_package(path: Path) -> InstalledPackage | None:
    """The package in directory `path`, or None when it is not a usable translation package."""
    try:
        metadata = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(metadata, dict) or metadata.get("type", "translate") != "translate":
        return None
    from_code, to_code = metadata.get("from_code"), metadata.get("to_code")
    if not isinstance(from_code, str) or not isinstance(to_code, str):
        return None
    return InstalledPackage(
        from_code=clean_line(from_code),
        to_code=clean_line(to_code),
        from_name=clean_line(str(metadata.get("from_name", ""))),
        to_name=clean_line(str(metadata.get("to_name", ""))),
        version=clean_line(str(metadata.get("package_version", ""))) or "0",
        path=path,
        target_prefix=str(metadata.get("target_prefix", "") or ""),
    )


def find_package(from_code: str, to_code: str) -> InstalledPackage | None:
    """The installed package for FROM -> TO (the newest version if several), or None."""
    matches = [p for p in installed_packages() if p.from_code == from_code and p.to_code == to_code]
    return matches[-1] if matches else None


def installed_pairs_text(packages: list[InstalledPackage] | None = None) -> str:
    """'en → es, es → en' or 'none' for messages."""
    packages = installed_packages() if packages is None else packages
    return ", ".join(p.pair for p in packages) or "none"


# -- installing from a file ------------------------------------------------------------------


def install_file(archive: Path) -> InstalledPackage:
    """Validate and install the .argosmodel file at `archive`; replaces the same pair."""
    archive = Path(archive)
    if not archive.is_file():
        raise UsageError(
            _("no such package file: {path}").format(path=archive),
            _("give the path of a .argosmodel file"),
        )
    top = _validate_archive(archive)
    target_root = packages_dir()
    staging = _staging_dir(target_root)
    try:
        try:
            with zipfile.ZipFile(archive) as zipf:
                zipf.extractall(staging)
        except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, ValueError) as error:
            raise ContentError(
                _("{file} is damaged: {reason}").format(file=archive.name, reason=error),
                _("download the package again"),
            ) from error
        unpacked = staging / top
        package = read_package(unpacked)
        problem = _package_problem(unpacked, package)
        if problem:
            raise ContentError(
                _("{file} is not a usable translation package: {reason}").format(
                    file=archive.name, reason=problem
                ),
                _("download the package again"),
            )
        assert package is not None
        replaced = [
            p
            for p in installed_packages()
            if p.from_code == package.from_code and p.to_code == package.to_code
        ]
        destination = target_root / top
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
    except OSError as error:
        raise ContentError(
            _("cannot install {file}: {reason}").format(
                file=archive.name, reason=error.strerror or error
            ),
            _("check that {folder} is writable").format(folder=target_root),
        ) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _staging_dir(target_root: Path) -> Path:
    """A fresh directory to unpack into, beside the packages directory (same file system, so
    the final rename is atomic) and outside it, so argostranslate never sees a half-unpacked
    package; inside it, hidden, only if the parent is not writable."""
    try:
        target_root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ContentError(
            _("cannot create the packages directory {folder}: {reason}").format(
                folder=target_root, reason=error.strerror or error
            ),
            _("set ARGOS_PACKAGES_DIR to a writable directory"),
        ) from error
    for parent in (target_root.parent, target_root):
        try:
            return Path(tempfile.mkdtemp(prefix=".reader-install-", dir=parent))
        except OSError:
            continue
    raise ContentError(
        _("cannot write to {folder}").format(folder=target_root),
        _("set ARGOS_PACKAGES_DIR to a writable directory"),
    )


def _validate_archive(archive: Path) -> str:
    """The archive's single top-level directory; ContentError when the file is not sound."""
    hint = _("the file is damaged or not an argos package; download it again")
    if not zipfile.is_zipfile(archive):
        raise ContentError(
            _("{file} is not a valid .argosmodel file (not a zip archive)").format(
                file=archive.name
            ),
            hint,
        )
    try:
        with zipfile.ZipFile(archive) as zipf:
            infos = zipf.infolist()
            bad = zipf.testzip()
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, ValueError) as error:
        raise ContentError(
            _("{file} is damaged: {reason}").format(file=archive.name, reason=error), hint
        ) from error
    if bad is not None:
        reason = _("bad checksum for {name}").format(name=bad)
        raise ContentError(
            _("{file} is damaged: {reason}").format(file=archive.name, reason=reason), hint
        )
    tops: set[str] = set()
    total = 0
    for info in infos:
        name = PurePosixPath(info.filename)
        if name.is_absolute() or ".." in name.parts or "\\" in info.filename:
            raise ContentError(
                _("{file} has an unsafe path: {name}").format(
                    file=archive.name, name=info.filename
                ),
                hint,
            )
        if (info.external_attr >> 16) & 0o170000 == 0o120000:
            raise ContentError(
                _("{file} holds a symbolic link: {name}").format(
                    file=archive.name, name=info.filename
                ),
                hint,
            )
        tops.add(name.parts[0])
        total += info.file_size
    if total > MAX_UNPACKED_BYTES:
        raise ContentError(
            _("{file} would unpack to more than 4 GB").format(file=archive.name), hint
        )
    if len(tops) != 1:
        raise ContentError(
            _("{file} is not an argos package (expected one folder)").format(file=archive.name),
            hint,
        )
    top = tops.pop()
    names = {info.filename for info in infos}
    if f"{top}/metadata.json" not in names:
        raise ContentError(
            _("{file} is not an argos package (no metadata.json)").format(file=archive.name),
            hint,
        )
    return top


def _package_problem(path: Path, package: InstalledPackage | None) -> str:
    """Why the unpacked package at `path` cannot be used, or '' when it can."""
    if package is None:
        return _("metadata.json is unreadable or not a translation package")
    if not (path / "model" / "model.bin").is_file():
        return _("no CTranslate2 model (model/model.bin)")
    if not (path / "sentencepiece.model").is_file():
        return _("no sentencepiece.model (BPE packages are not supported)")
    try:
        import sentencepiece

        sentencepiece.SentencePieceProcessor(model_file=str(path / "sentencepiece.model"))
    except Exception as error:  # sentencepiece raises RuntimeError/OSError for bad files
        return _("sentencepiece.model cannot be loaded ({reason})").format(
            reason=clean_line(str(error))[:120]
        )
    return ""


def remove_package(from_code: str, to_code: str) -> InstalledPackage:
    """Uninstall FROM -> TO; UsageError naming the installed pairs when it is not installed."""
    package = find_package(from_code, to_code)
    if package is None:
        raise UsageError(
            _("no package installed for {source} → {target}").format(
                source=from_code, target=to_code
            ),
            _("installed: {installed}").format(installed=installed_pairs_text()),
        )
    try:
        shutil.rmtree(package.path)
    except OSError as error:
        raise ContentError(
            _("cannot remove {path}: {reason}").format(
                path=package.path, reason=error.strerror or error
            ),
            _("check permissions"),
        ) from error
    return package


# -- the argos index -------------------------------------------------------------------------


def available_packages(timeout: float = INDEX_TIMEOUT) -> list[AvailablePackage]:
    """The translation packages in the argos index (downloaded now, so it needs internet)."""
    url = index_url()
    data = _download(url, timeout=timeout, what=_("the argos package index"))
    try:
        index = json.loads(data)
    except ValueError as error:
        raise FetchError(
            _("the argos package index is not valid JSON"), _("from {address}").format(address=url)
        ) from error
    with contextlib.suppress(OSError):  # argostranslate reads this copy too
        argos_data_dir().mkdir(parents=True, exist_ok=True)
        (argos_data_dir() / "index.json").write_bytes(data)
    packages = []
    for entry in index if isinstance(index, list) else []:
        if not isinstance(entry, dict) or entry.get("type", "translate") != "translate":
            continue
        links = entry.get("links") or []
        if not entry.get("from_code") or not entry.get("to_code") or not links:
            continue
        packages.append(
            AvailablePackage(
                from_code=clean_line(str(entry["from_code"])),
                to_code=clean_line(str(entry["to_code"])),
                from_name=clean_line(str(entry.get("from_name", ""))),
                to_name=clean_line(str(entry.get("to_name", ""))),
                version=clean_line(str(entry.get("package_version", ""))),
                links=tuple(str(link) for link in links),
            )
        )
    return sorted(packages, key=lambda p: (p.from_code, p.to_code))


def download_and_install(
    from_code: str, to_code: str, progress: Progress | None = None
) -> InstalledPackage:
    """Download FROM -> TO from the argos index and install it."""
    candidates = [
        p for p in available_packages() if p.from_code == from_code and p.to_code == to_code
    ]
    if not candidates:
        raise UsageError(
            _("the argos index has no package for {source} → {target}").format(
                source=from_code, target=to_code
            ),
            _("see 'reader languages available'"),
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
                _("cannot download the {source} → {target} package: {reason}").format(
                    source=from_code, target=to_code, reason=errors[-1]
                ),
                _(
                    "check your internet connection, or install a downloaded file with "
                    "'reader languages install FILE.argosmodel'"
                ),
            )
        return install_file(path)
    finally:
        path.unlink(missing_ok=True)


def _download(url: str, *, timeout: float, what: str) -> bytes:
    import httpx

    try:
        response = httpx.get(url, timeout=timeout, follow_redirects=True)
        response.raise_for_status()
    except httpx.HTTPError as error:
        raise FetchError(
            _("cannot reach {what}: {reason}").format(what=what, reason=_reason(error)),
            _(
                "this needs internet; installed packages still work offline "
                "('reader languages' lists them)"
            ),
        ) from error
    return response.content


def _download_to(url: str, path: Path, progress: Progress | None) -> None:
    import httpx

    try:
        with httpx.stream("GET", url, timeout=60.0, follow_redirects=True) as response:
            response.raise_for_status()
            length = response.headers.get("content-length")
            total = int(length) if length and length.isdigit() else None
            done = 0
            with path.open("wb") as out:
                for chunk in response.iter_bytes(1 << 16):
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
    except httpx.HTTPError as error:
        raise FetchError(f"{_reason(error)}", _("check your internet connection")) from error
    except OSError as error:
        raise FetchError(
            _("cannot save the download: {reason}").format(reason=error.strerror or error), ""
        ) from error


def _reason(error: Exception) -> str:
    import httpx

    if isinstance(error, httpx.HTTPStatusError):
        return _("HTTP {status} from {address}").format(
            status=error.response.status_code, address=error.request.url
        )
    if isinstance(error, httpx.TimeoutException):
        return _("timed out")
    if isinstance(error, httpx.ConnectError):
        return _("no connection (offline?)")
    return clean_line(str(error)) or type(error).__name__


def stderr_progress(label: str) -> Progress:
    """A progress bar on stderr: redrawn in place on a terminal, start/end lines otherwise."""
    tty = sys.stderr.isatty()
    state = {"shown": False, "last": -1}

    def show(done: int, total: int | None) -> None:
        if tty:
            if total:
                percent = done * 100 // total
                if percent == state["last"]:
                    return
                state["last"] = percent
                bar = "#" * (percent // 4)
                sys.stderr.write(
                    f"\r{label} [{bar:<25}] {percent:3d}% {done / 1e6:.1f}/{total / 1e6:.1f} MB"
                )
            else:
                sys.stderr.write(f"\r{label} {done / 1e6:.1f} MB")
            if total and done >= total:
                sys.stderr.write("\n")
            sys.stderr.flush()
        elif not state["shown"]:
            state["shown"] = True
            size = f" ({total / 1e6:.1f} MB)" if total else ""
            print(f"{label}{size}...", file=sys.stderr, flush=True)

    return show
