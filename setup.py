"""Build hook: compile the gettext catalogs (reader/locale/*/LC_MESSAGES/reader.po) to .mo.

Everything else about the package is in pyproject.toml. The compiled catalogs go into the
wheel, and next to the .po files in the source tree too (as `build_ext --inplace` would):
an editable install reads the source tree, and so do the tests run from a checkout after
`pip install .`. Users never run a separate compile step. Babel is a build requirement.
"""

from __future__ import annotations

import contextlib
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
            compiled = _compiled(po)
            in_place = po.with_suffix(".mo")
            if self.editable_mode:
                in_place.write_bytes(compiled)
                continue
            target = self._target(po)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(compiled)
            with contextlib.suppress(OSError):  # a read-only source tree: the wheel has them
                in_place.write_bytes(compiled)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        catalogs = [str(self._target(po)) for po in self._catalogs()]
        return [*super().get_outputs(include_bytecode), *catalogs]

    def _catalogs(self) -> list[Path]:
        return sorted(ROOT.glob(CATALOGS))

    def _target(self, po: Path) -> Path:
        base = ROOT if self.editable_mode else Path(self.build_lib).resolve()
        return base / po.relative_to(ROOT).with_suffix(".mo")


def _compiled(po: Path) -> bytes:
    """The .mo bytes of a .po catalog; fuzzy entries are left out, as msgfmt does."""
    from io import BytesIO

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as source:
        catalog = read_po(source)
    out = BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


setup(cmdclass={"build_py": BuildPyWithCatalogs})
