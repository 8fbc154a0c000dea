"""`reader languages ...`: list, find, install and remove offline translation packages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.commands.parsing import Parser, add_ui_language_argument
from reader.core.errors import UsageError
from reader.core.i18n import _
from reader.core.safe_text import clean_line

if TYPE_CHECKING:
    from reader.core.translate.index import Progress


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
        raise UsageError(
            _("expected: {usage}").format(usage=usage), _("see 'reader languages --help'")
        )


def _codes(words: list[str]) -> tuple[str, str]:
    from reader.core.translate.article import normalize_code

    return normalize_code(words[0]), normalize_code(words[1])


def list_installed() -> int:
    from reader.cli import warn
    from reader.core.translate.installed import installed_packages
    from reader.core.translate.locations import packages_dir

    packages = installed_packages(warn)
    if not packages:
        folder = clean_line(str(packages_dir()))
        print(_("No translation packages installed (in {folder}).").format(folder=folder))
        print(_("Install one with: reader languages install FROM TO (e.g. en es)"))
        return 0
    for package in packages:
        print(package.describe())
    return 0


def list_available() -> int:
    from reader.core.translate.index import available_packages
    from reader.core.translate.installed import installed_packages

    installed = {(p.from_code, p.to_code) for p in installed_packages()}
    for package in available_packages():
        mark = "  " + _("(installed)") if (package.from_code, package.to_code) in installed else ""
        print(f"{package.describe()}{mark}")
    return 0


def install_file(path: Path) -> int:
    from reader.core.translate.archive import install_file as install
    from reader.core.translate.engine import forget_engines

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
    from reader.core.translate.index import download_and_install

    label = _("Downloading {source} → {target}").format(source=from_code, target=to_code)
    package = download_and_install(from_code, to_code, stderr_progress(label))
    forget_engines()
    print(_("Installed {package}").format(package=package.describe()))
    return 0


def remove(from_code: str, to_code: str) -> int:
    from reader.core.translate.engine import forget_engines
    from reader.core.translate.installed import remove_package

    package = remove_package(from_code, to_code)
    forget_engines()
    print(_("Removed {package}").format(package=package.describe()), file=sys.stdout)
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
