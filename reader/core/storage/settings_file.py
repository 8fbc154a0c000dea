"""Reading settings.toml safely, and the two settings read before anything else runs.

Every run reads `ui_language` (and, at a terminal, `mode`) before it knows what it will do,
so this module stays light: it imports neither the settings model nor the themes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal, get_args

from reader.core.storage import paths
from reader.core.storage.atomic import read_regular_file

MAX_SETTINGS_BYTES = 1_000_000  # a real settings file is a few hundred bytes
LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")

Mode = Literal["full-screen", "line"]
"""What `reader` opens at a terminal."""
MODES: tuple[Mode, ...] = get_args(Mode)
DEFAULT_MODE: Mode = "full-screen"


def parse_toml(raw: bytes) -> dict[str, Any]:
    """The TOML document in `raw`; ValueError when it is not UTF-8, not TOML or nested so
    deeply that the parser would exhaust the stack."""
    import tomllib  # only a run with a settings file pays for the parser (~2 ms)

    try:
        return tomllib.loads(raw.decode("utf-8"))
    except RecursionError:
        raise ValueError("nested too deeply") from None


def ui_language_code(value: Any) -> str | None:
    """`value` as a `ui_language` setting: a language code, or None for "from the locale"."""
    if isinstance(value, str) and LANGUAGE_CODE.fullmatch(value.strip()):
        return value.strip()
    return None


def quiet_settings(path: Path | None = None) -> dict[str, Any]:
    """The settings file's table, read before anything else runs: no warnings, and a bad file
    (not UTF-8, not TOML, too deep, too large, not a regular file) reads as empty, left for the
    full load to report and move aside."""
    path = Path(path) if path is not None else paths.settings_path()
    try:
        raw = read_regular_file(path, MAX_SETTINGS_BYTES + 1)
        if len(raw) > MAX_SETTINGS_BYTES:
            return {}
        return parse_toml(raw)
    except (OSError, ValueError):  # NotARegularFile is an OSError
        return {}


def saved_mode(path: Path | None = None) -> Mode:
    """The `mode` setting alone, read before the mode starts."""
    value = quiet_settings(path).get("mode")
    if isinstance(value, str) and value.lower() in MODES:
        return value.lower()  # type: ignore[return-value]  # checked against MODES
    return DEFAULT_MODE


def ui_language_setting(path: Path | None = None) -> str | None:
    """`ui_language` from the settings file, or None; every run (plain output too) reads it
    before anything else."""
    return ui_language_code(quiet_settings(path).get("ui_language"))
