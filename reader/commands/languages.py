"""`reader languages ...`: list, find, install and remove offline translation packages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

from reader.core.errors import UsageError

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
    from reader.core.translate.packages import installed_packages, packages_dir

    packages = installed_packages()
    if not packages:
        print(f"No translation packages installed (in {packages_dir()}).")
        print("Install one with: reader languages install FROM TO (e.g. en es)")
        return 0
    for package in packages:
        print(package.describe())
    return 0


def list_available() -> int:
    from reader.core.translate.packages import available_packages, installed_packages

    installed = {(p.from_code, p.to_code) for p in installed_packages()}
    for package in available_packages():
        mark = "  (installed)" if (package.from_code, package.to_code) in installed else ""
        print(f"{package.describe()}{mark}")
    return 0


def install_file(path: Path) -> int:
    from reader.core.translate.engine import forget_engines
    from reader.core.translate.packages import install_file as install

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
    from reader.core.translate.packages import download_and_install, stderr_progress

    label = f"Downloading {from_code} → {to_code}"
    package = download_and_install(from_code, to_code, stderr_progress(label))
    forget_engines()
    print(f"Installed {package.describe()}")
    return 0


def remove(from_code: str, to_code: str) -> int:
    from reader.core.translate.engine import forget_engines
    from reader.core.translate.packages import remove_package

    package = remove_package(from_code, to_code)
    forget_engines()
    print(f"Removed {package.describe()}", file=sys.stdout)
    return 0
