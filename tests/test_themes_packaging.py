"""The package list in pyproject.toml covers every package, so `pip install .` ships them all.

pyproject lists packages explicitly (the top-level themes/ installs as reader.themes); a new
directory of modules under reader/ must be added there or a non-editable install lacks it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_module_directory_under_reader_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    on_disk = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "reader").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert on_disk - listed == set(), "add these packages to [tool.setuptools] packages"
    assert config["package-dir"]["reader.themes"] == "themes"
    assert "*.toml" in config["package-data"]["reader.themes"]
    # A listed package with no directory (and no modules) breaks the build.
    missing = {
        name for name in listed - {"reader.themes"} if not (ROOT / Path(*name.split("."))).is_dir()
    }
    assert missing == set()
