"""`reader languages ...`: list, find, install and remove offline translation packages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.commands.parsing import Parser, add_ui_language_argument
from reader.core.errors import UsageError
from reader.core.i18n import _


def usage_text() -> str:
    """The command forms, each with what it does, aligned."""
    forms = [
        ("reader languages", _("list installed translation packages")),
        ("reader languages available", _("list the packages in the argos index (needs internet)")),
        (
            "reader languages install FROM TO",
            _("download and install a package, e.g. install en es"),
        ),
        ("reader languages install FILE.argosmodel", _("install a package file (no network)")),
        ("reader languages remove FROM TO", _("uninstall a package")),
    ]
    return "\n".join(f"{form:<42}{what}" for form, what in forms)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        hint=_("see 'reader languages --help'"),
        prog="reader languages",
        description=_(
            "Manage the argostranslate packages used for offline translation. "
            "Packages live where argostranslate keeps them (ARGOS_PACKAGES_DIR)."
        ),
        usage=usage_text(),
    )
    parser.add_argument("action", nargs="?", choices=("list", "available", "install", "remove"))
    parser.add_argument("args", nargs="*")
    add_ui_language_argument(parser)
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
        raise UsageError(
            _("expected: {usage}").format(usage=usage), _("see 'reader languages --help'")
        )


def _codes(words: list[str]) -> tuple[str, str]:
    from reader.core.translate.article import normalize_code

    return normalize_code(words[0]), normalize_code(words[1])


def list_installed() -> int:
    from reader.core.translate.packages import installed_packages, packages_dir

    packages = installed_packages()
    if not packages:
        print(_("No translation packages installed (in {folder}).").format(folder=packages_dir()))
        print(_("Install one with: reader languages install FROM TO (e.g. en es)"))
        return 0
    for package in packages:
        print(package.describe())
    return 0


def list_available() -> int:
    from reader.core.translate.packages import available_packages, installed_packages

    installed = {(p.from_code, p.to_code) for p in installed_packages()}
    for package in available_packages():
        mark = "  " + _("(installed)") if (package.from_code, package.to_code) in installed else ""
        print(f"{package.describe()}{mark}")
    return 0


def install_file(path: Path) -> int:
    from reader.core.translate.engine import forget_engines
    from reader.core.translate.packages import install_file as install

    if path.suffix != ".argosmodel" and not path.exists():
        raise UsageError(
            _("not a package file: {path}").format(path=path),
            _("give FROM TO language codes or the path of a .argosmodel file"),
        )
    package = install(path)
    forget_engines()
    print(_("Installed {package}").format(package=package.describe()))
    return 0


def install_pair(from_code: str, to_code: str) -> int:
    from reader.core.translate.engine import forget_engines
    from reader.core.translate.packages import download_and_install, stderr_progress

    label = _("Downloading {source} → {target}").format(source=from_code, target=to_code)
    package = download_and_install(from_code, to_code, stderr_progress(label))
    forget_engines()
    print(_("Installed {package}").format(package=package.describe()))
    return 0


def remove(from_code: str, to_code: str) -> int:
    from reader.core.translate.engine import forget_engines
    from reader.core.translate.packages import remove_package

    package = remove_package(from_code, to_code)
    forget_engines()
    print(_("Removed {package}").format(package=package.describe()), file=sys.stdout)
    return 0
