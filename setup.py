"""Build hook: compile the gettext catalogs (reader/locale/*/LC_MESSAGES/reader.po) to .mo.

Everything else about the package is in pyproject.toml. The compiled catalogs go into the
wheel (a normal install) or next to the .po files (an editable install, which reads the
source tree), so users never run a separate compile step. Babel is a build requirement.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
CATALOGS = "reader/locale/*/LC_MESSAGES/reader.po"


class BuildPyWithCatalogs(build_py):
    """`build_py`, then every .po catalog compiled to the .mo file gettext reads."""

    def run(self) -> None:
        super().run()
        for po in self._catalogs():
            _compile(po, self._target(po))

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        return [
            *super().get_outputs(include_bytecode),
            *map(str, map(self._target, self._catalogs())),
        ]

    def _catalogs(self) -> list[Path]:
        return sorted(ROOT.glob(CATALOGS))

    def _target(self, po: Path) -> Path:
        base = ROOT if self.editable_mode else Path(self.build_lib).resolve()
        return base / po.relative_to(ROOT).with_suffix(".mo")


def _compile(po: Path, mo: Path) -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as source:
        catalog = read_po(source)
    mo.parent.mkdir(parents=True, exist_ok=True)
    with mo.open("wb") as target:
        write_mo(target, catalog)  # fuzzy entries are left out, as msgfmt does


setup(cmdclass={"build_py": BuildPyWithCatalogs})
