"""Where argostranslate packages live, and where its package index is.

Packages live where argostranslate keeps them (`ARGOS_PACKAGES_DIR` from the environment or
its settings.json, else its data dir), so other argos tools share them. These settings are
resolved the way argostranslate resolves them rather than by importing it: its import creates
directories and freezes the values.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

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
    except (OSError, ValueError, RecursionError):
        data = {}
    found = data.get(key) if isinstance(data, dict) else None
    return str(found) if found is not None else default


def _argos_home(variable: str, fallback: str) -> Path:
    home = Path(os.environ["SNAP_USER_DATA"]) if "SNAP" in os.environ else Path.home()
    base = os.environ.get(variable) or str(home / fallback)
    return Path(base) / "argos-translate"


def argos_data_dir() -> Path:
    """argostranslate's data directory (it keeps a copy of the index there)."""
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
