"""`reader languages ...`: list, find, install and remove offline translation packages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from reader.core.errors import UsageError
from reader.core.safe_text import clean_line

if TYPE_CHECKING:
    from reader.core.translate.index import Progress

USAGE = """\
reader languages                          list installed translation packages
reader languages available                list the packages in the argos index (needs internet)
reader languages install FROM TO          download and install a package, e.g. install en es
reader languages install FILE.argosmodel  install a package file (no network)
reader languages remove FROM TO           uninstall a package"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message, "see 'reader languages --help'")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reader languages",
        description="Manage the argostranslate packages used for offline translation. "
        "Packages live where argostranslate keeps them (ARGOS_PACKAGES_DIR).",
        usage=USAGE,
    )
    parser.add_argument("action", nargs="?", choices=("list", "available", "install", "remove"))
    parser.add_argument("args", nargs="*")
    return parser


def main(argv: list[str]) -> int:
    """Run `reader languages` with `argv` (the words after 'languages'); returns exit code."""
    args = build_parser().parse_args(argv)
    from reader.core.translate.machinery import require_translation

    require_translation()
    action = args.action or "list"
    if action == "list":
        _expect(args.args, 0, "reader languages")
        return list_installed()
    if action == "available":
        _expect(args.args, 0, "reader languages available")
        return list_available()
    if action == "install":
        if len(args.args) == 1:
            return install_file(Path(args.args[0]))
        _expect(args.args, 2, "reader languages install FROM TO")
        return install_pair(*_codes(args.args))
    _expect(args.args, 2, "reader languages remove FROM TO")
    return remove(*_codes(args.args))


def _expect(words: list[str], count: int, usage: str) -> None:
    if len(words) != count:
        raise UsageError(f"expected: {usage}", "see 'reader languages --help'")


def _codes(words: list[str]) -> tuple[str, str]:
    from reader.core.translate.article import normalize_code

    return normalize_code(words[0]), normalize_code(words[1])


def list_installed() -> int:
    from reader.cli import warn
    from reader.core.translate.installed import installed_packages
    from reader.core.translate.locations import packages_dir

    packages = installed_packages(warn)
    if not packages:
        print(f"No translation packages installed (in {clean_line(str(packages_dir()))}).")
        print("Install one with: reader languages install FROM TO (e.g. en es)")
        return 0
    for package in packages:
        print(package.describe())
    return 0


def list_available() -> int:
    from reader.core.translate.index import available_packages
    from reader.core.translate.installed import installed_packages

    installed = {(p.from_code, p.to_code) for p in installed_packages()}
    for package in available_packages():
        mark = "  (installed)" if (package.from_code, package.to_code) in installed else ""
        print(f"{package.describe()}{mark}")
    return 0


def install_file(path: Path) -> int:
    from reader.core.translate.archive import install_file as install
    from reader.core.translate.engine import forget_engines

    if path.suffix != ".argosmodel" and not path.exists():
        raise UsageError(
            f"not a package file: {path}",
            "give FROM TO language codes or the path of a .argosmodel file",
        )
    package = install(path)
    forget_engines()
    print(f"Installed {package.describe()}")
    return 0


def install_pair(from_code: str, to_code: str) -> int:
    from reader.core.translate.engine import forget_engines
    from reader.core.translate.index import download_and_install

    label = f"Downloading {from_code} → {to_code}"
    package = download_and_install(from_code, to_code, stderr_progress(label))
    forget_engines()
    print(f"Installed {package.describe()}")
    return 0


def remove(from_code: str, to_code: str) -> int:
    from reader.core.translate.engine import forget_engines
    from reader.core.translate.installed import remove_package

    package = remove_package(from_code, to_code)
    forget_engines()
    print(f"Removed {package.describe()}", file=sys.stdout)
    return 0


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
