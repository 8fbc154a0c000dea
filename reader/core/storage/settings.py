"""Reading settings: the `Settings` dataclass and its TOML file in the user config directory.

Loading never fails: unknown keys are ignored, a value of the wrong type or out of range is
replaced (clamped where that makes sense) with a warning, and a file that is not valid TOML is
moved aside (`settings.toml.corrupt-<time>`) with a warning naming the backup, and defaults are
used. Saving is atomic, so a kill mid-save leaves the old file or the new one.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.storage import paths
from reader.core.storage.atomic import (
    NotARegularFile,
    move_aside,
    read_regular_file,
    write_text_atomic,
)

GLYPHS = ("sextant", "quadrant")
ALIGNS = ("left", "justify")
TRANSLATION_VIEWS = ("translation", "original", "interleaved", "side-by-side")
MIN_WIDTH = 40
MAX_WIDTH = 1000
MAX_MARGIN = 40
DEFAULT_CACHE_MB = 200
MAX_SETTINGS_BYTES = 1_000_000  # a real settings file is a few hundred bytes
MAX_KEYMAP_ENTRIES = 200  # reader has a few dozen bindings; each entry costs the app at start
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


def default_theme() -> str:
    """ "terminal" (the terminal's own colours) when NO_COLOR is set, else "dark"."""
    return "terminal" if os.environ.get("NO_COLOR") else "dark"


@dataclass(slots=True)
class Settings:
    """Everything the user can set; every field has a safe default."""

    theme: str = field(default_factory=default_theme)
    scale: int = 1  # text scale 1-4 (1 = the terminal's own cell font)
    glyphs: str = "sextant"  # block glyphs for scaled text: "sextant" | "quadrant"
    width: int = 80  # measure in columns (a readable line); 0 = the full pane, else at least 40
    line_spacing: int = 0  # blank lines between wrapped lines, 0-2
    paragraph_spacing: int = 1  # blank lines between paragraphs, 0-3
    margin: int = 2  # columns of margin each side of the text
    align: str = "left"  # "left" | "justify"
    language: str | None = None  # translation target, e.g. "de"; None = no translation
    translation_view: str = "translation"
    focus_mode: bool = False
    show_cursor: bool = False  # show the terminal cursor at the current paragraph (magnifiers)
    cache_size_mb: int = DEFAULT_CACHE_MB  # page cache limit in MB; 0 disables the cache
    keymap: dict[str, str] = field(default_factory=dict)  # binding id -> keys, e.g. "j,down"


# --- validation -------------------------------------------------------------------------------


def _int_field(name: str, lo: int, hi: int) -> Any:
    def check(value: Any, default: Any, warnings: list[str]) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            warnings.append(f"{name} should be a whole number from {lo} to {hi}; using {default}")
            return default
        if not lo <= value <= hi:
            clamped = min(max(value, lo), hi)
            warnings.append(f"{name} = {value} is out of range {lo}-{hi}; using {clamped}")
            return clamped
        return value

    return check


def _choice_field(name: str, choices: tuple[str, ...]) -> Any:
    def check(value: Any, default: Any, warnings: list[str]) -> Any:
        if isinstance(value, str) and value.lower() in choices:
            return value.lower()
        shown = value if isinstance(value, str | int | float | bool) else type(value).__name__
        warnings.append(f"{name} = {shown!r} is not one of {', '.join(choices)}; using {default}")
        return default

    return check


def _check_theme(value: Any, default: Any, warnings: list[str]) -> Any:
    if isinstance(value, str) and _NAME.fullmatch(value):
        return value
    warnings.append(f"theme should be a theme name; using {default}")
    return default


def _check_width(value: Any, default: Any, warnings: list[str]) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        allowed = f"0 (full pane) or {MIN_WIDTH}-{MAX_WIDTH}"
        warnings.append(f"width should be {allowed}; using {default}")
        return default
    if value == 0 or MIN_WIDTH <= value <= MAX_WIDTH:
        return value
    clamped = 0 if value < 0 else min(max(value, MIN_WIDTH), MAX_WIDTH)
    allowed = f"0 or {MIN_WIDTH}-{MAX_WIDTH}"
    warnings.append(f"width = {value} is out of range ({allowed}); using {clamped}")
    return clamped


def _check_language(value: Any, default: Any, warnings: list[str]) -> Any:
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "none", "off")):
        return None
    if isinstance(value, str) and _LANGUAGE.fullmatch(value.strip()):
        return value.strip()
    warnings.append('language should be a language code such as "de"; translation is off')
    return None


def _check_bool(value: Any, default: Any, warnings: list[str]) -> Any:
    if isinstance(value, bool):
        return value
    warnings.append(f"focus_mode should be true or false; using {str(default).lower()}")
    return default


def _bool_field(name: str) -> Any:
    def check(value: Any, default: Any, warnings: list[str]) -> Any:
        if isinstance(value, bool):
            return value
        warnings.append(f"{name} should be true or false; using {str(default).lower()}")
        return default

    return check


def _check_keymap(value: Any, default: Any, warnings: list[str]) -> Any:
    if not isinstance(value, dict):
        warnings.append('[keymap] should be a table of binding id = "keys"; ignoring it')
        return {}
    keymap: dict[str, str] = {}
    if len(value) > MAX_KEYMAP_ENTRIES:
        warnings.append(
            f"[keymap] has {len(value)} entries; only the first {MAX_KEYMAP_ENTRIES} are used"
        )
        value = dict(list(value.items())[:MAX_KEYMAP_ENTRIES])
    for binding, keys in value.items():
        valid = isinstance(keys, str) and keys.strip() and _is_printable(keys)
        if valid and _is_printable(binding):
            keymap[binding] = keys.strip()
        else:
            warnings.append(f"keymap entry {binding!r} should be a string of keys; ignoring it")
    return keymap


def _is_printable(text: str) -> bool:
    return all(ch.isprintable() for ch in text)


_CHECKS: dict[str, Any] = {
    "theme": _check_theme,
    "scale": _int_field("scale", 1, 4),
    "glyphs": _choice_field("glyphs", GLYPHS),
    "width": _check_width,
    "line_spacing": _int_field("line_spacing", 0, 2),
    "paragraph_spacing": _int_field("paragraph_spacing", 0, 3),
    "margin": _int_field("margin", 0, MAX_MARGIN),
    "align": _choice_field("align", ALIGNS),
    "language": _check_language,
    "translation_view": _choice_field("translation_view", TRANSLATION_VIEWS),
    "focus_mode": _check_bool,
    "show_cursor": _bool_field("show_cursor"),
    "cache_size_mb": _int_field("cache_size_mb", 0, 100_000),
    "keymap": _check_keymap,
}


def settings_from_dict(data: dict[str, Any]) -> tuple[Settings, list[str]]:
    """A `Settings` built from parsed TOML, with a warning for every value not taken as is."""
    settings = Settings()
    warnings: list[str] = []
    for name, check in _CHECKS.items():
        if name in data:
            default = getattr(settings, name)
            setattr(settings, name, check(data[name], default, warnings))
    return settings, warnings


def validated(settings: Settings) -> tuple[Settings, list[str]]:
    """`settings` with every field checked as if it had been loaded from the file."""
    return settings_from_dict(dataclasses.asdict(settings))


# --- file I/O ---------------------------------------------------------------------------------


def load_settings(path: Path | None = None) -> tuple[Settings, list[str]]:
    """Read the settings file (defaults if there is none) and the warnings to show the user."""
    path = Path(path) if path is not None else paths.settings_path()
    try:
        raw = read_regular_file(path, MAX_SETTINGS_BYTES + 1)
    except FileNotFoundError:
        return Settings(), []
    except NotARegularFile:
        return Settings(), [f"{path} is not a regular file; using default settings"]
    except OSError as error:
        return Settings(), [f"cannot read {path} ({error.strerror}); using default settings"]
    try:
        if len(raw) > MAX_SETTINGS_BYTES:
            raise ValueError(f"larger than {MAX_SETTINGS_BYTES:,} bytes")
        data = parse_toml(raw)
    except ValueError as error:  # UnicodeDecodeError and TOMLDecodeError are ValueErrors
        reason = "not UTF-8" if isinstance(error, UnicodeDecodeError) else str(error)
        try:
            backup = move_aside(path)
        except OSError as move_error:
            return Settings(), [
                f"{path} is not valid TOML ({reason}) and could not be moved aside "
                f"({move_error.strerror}); using default settings"
            ]
        return Settings(), [
            f"{path} was not valid TOML ({reason}); it was moved to {backup} "
            "and default settings are used"
        ]
    return settings_from_dict(data)


def parse_toml(raw: bytes) -> dict[str, Any]:
    """The TOML document in `raw`; ValueError when it is not UTF-8, not TOML or nested so
    deeply that the parser would exhaust the stack."""
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except RecursionError:
        raise ValueError("nested too deeply") from None


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write `settings` to the settings file atomically (mode 0600).

    Raises OSError when the file cannot be written (read-only or full disk); the old file is
    then left as it was.
    """
    path = Path(path) if path is not None else paths.settings_path()
    write_text_atomic(path, dumps_settings(settings))


# --- a small TOML writer for flat values and the [keymap] table --------------------------------

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def toml_string(text: str) -> str:
    """`text` as a TOML basic string, with quotes, backslashes and control characters escaped."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else toml_string(key)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    raise TypeError(f"cannot write {type(value).__name__} as a TOML value")


def dumps_settings(settings: Settings) -> str:
    """The TOML text of `settings`; `language = None` is left out (TOML has no null)."""
    lines = ["# reader settings: edit freely; unknown keys are ignored.", ""]
    keymap: dict[str, str] = {}
    for item in dataclasses.fields(settings):
        value = getattr(settings, item.name)
        if item.name == "keymap":
            keymap = value
        elif value is not None:
            lines.append(f"{toml_key(item.name)} = {toml_value(value)}")
    lines += ["", "[keymap]"]
    lines += [f"{toml_key(k)} = {toml_value(v)}" for k, v in sorted(keymap.items())]
    return "\n".join(lines) + "\n"
