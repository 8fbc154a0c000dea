"""Reading settings: the `Settings` dataclass and its TOML file in the user config directory.

Loading never fails: unknown keys are ignored, a value of the wrong type or out of range is
replaced (clamped where that makes sense) with a warning, and a file that is not valid TOML is
moved aside (`settings.toml.corrupt-<time>`) with a warning naming the backup, and defaults are
used. Saving is atomic, so a kill mid-save leaves the old file or the new one.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

from reader.core.i18n import _, format_number
from reader.core.storage import paths
from reader.core.storage.atomic import (
    NotARegularFile,
    move_aside,
    read_regular_file,
    write_text_atomic,
)
from reader.core.storage.settings_file import (
    DEFAULT_MODE,
    LANGUAGE_CODE,
    MAX_SETTINGS_BYTES,
    MODES,
    Mode,
    parse_toml,
    ui_language_code,
)
from reader.core.themes import default_theme_name
from reader.core.translate.views import TRANSLATION_VIEWS, TranslationView

Glyphs = Literal["sextant", "quadrant"]
"""Block glyphs for large text: sextants are sharper, quadrants work in any font."""
Align = Literal["left", "justify"]
GLYPHS: tuple[Glyphs, ...] = get_args(Glyphs)
ALIGNS: tuple[Align, ...] = get_args(Align)
MIN_WIDTH = 40
MAX_WIDTH = 1000
MAX_MARGIN = 40
DEFAULT_CACHE_MB = 200
SpeechEngine = Literal["auto", "speech-dispatcher", "espeak-ng", "piper"]
"""The engine to read aloud with; "auto" takes the first found, in this order."""
SPEECH_ENGINES: tuple[SpeechEngine, ...] = get_args(SpeechEngine)
MIN_RATE, MAX_RATE = 50, 300  # speaking rate, per cent of the engine's normal speed
MAX_KEYMAP_ENTRIES = 200  # reader has a few dozen bindings; each entry costs the app at start
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}")


@dataclass(frozen=True, slots=True)
class LayoutOptions:
    """The reading-layout settings the line layout depends on (a part of `Settings`)."""

    width: int = 80  # measure in columns (a readable line); 0 = the full pane, else at least 40
    paragraph_spacing: int = 1  # blank lines between paragraphs, 0-3
    line_spacing: int = 0  # blank lines between wrapped lines, 0-2
    margin: int = 2  # columns of margin each side of the text
    scale: int = 1  # text scale 1-4 (1 = the terminal's own cell font)
    glyphs: Glyphs = "sextant"
    align: Align = "left"


_LAYOUT = LayoutOptions()
LAYOUT_FIELDS = tuple(item.name for item in dataclasses.fields(LayoutOptions))


@dataclass(slots=True)
class Settings:
    """Everything the user can set; every field has a safe default.

    The layout fields are kept flat (as in the TOML file); `layout` gives them as one value.
    """

    theme: str = field(default_factory=default_theme_name)
    scale: int = _LAYOUT.scale
    glyphs: Glyphs = _LAYOUT.glyphs
    width: int = _LAYOUT.width
    line_spacing: int = _LAYOUT.line_spacing
    paragraph_spacing: int = _LAYOUT.paragraph_spacing
    margin: int = _LAYOUT.margin
    align: Align = _LAYOUT.align
    language: str | None = None  # translation target, e.g. "de"; None = no translation
    translation_view: TranslationView = "translation"
    focus_mode: bool = False
    show_cursor: bool = False  # show the terminal cursor at the current paragraph (magnifiers)
    cache_size_mb: int = DEFAULT_CACHE_MB  # page cache limit in MB; 0 disables the cache
    keymap: dict[str, str] = field(default_factory=dict)  # binding id -> keys, e.g. "j,down"
    mode: Mode = DEFAULT_MODE  # what `reader` opens at a terminal
    ui_language: str | None = None  # reader's own words, e.g. "fr"; None = from the locale
    engine: SpeechEngine = "auto"  # the engine to read aloud with; "auto": the first found
    voice: str = ""  # a voice name (`reader voices`) or a piper .onnx file; "" = by language
    rate: int = 100  # speaking rate in per cent of the engine's normal speed, 50-300
    speak_code: bool = False  # read code blocks aloud instead of announcing and skipping them

    @property
    def layout(self) -> LayoutOptions:
        """The layout part of the settings."""
        return LayoutOptions(**{name: getattr(self, name) for name in LAYOUT_FIELDS})


# --- validation -------------------------------------------------------------------------------


def _int_field(name: str, lo: int, hi: int) -> Any:
    def check(value: Any, default: Any, warnings: list[str]) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            warnings.append(
                _("{name} should be a whole number from {low} to {high}; using {default}").format(
                    name=name, low=lo, high=hi, default=default
                )
            )
            return default
        if not lo <= value <= hi:
            clamped = min(max(value, lo), hi)
            warnings.append(
                _("{name} = {value} is out of range {low}-{high}; using {used}").format(
                    name=name, value=value, low=lo, high=hi, used=clamped
                )
            )
            return clamped
        return value

    return check


def _choice_field(name: str, choices: tuple[str, ...]) -> Any:
    def check(value: Any, default: Any, warnings: list[str]) -> Any:
        if isinstance(value, str) and value.lower() in choices:
            return value.lower()
        shown = value if isinstance(value, str | int | float | bool) else type(value).__name__
        warnings.append(
            _("{name} = {value!r} is not one of {choices}; using {default}").format(
                name=name, value=shown, choices=", ".join(choices), default=default
            )
        )
        return default

    return check


def _check_theme(value: Any, default: Any, warnings: list[str]) -> Any:
    if isinstance(value, str) and _NAME.fullmatch(value):
        return value
    warnings.append(_("theme should be a theme name; using {default}").format(default=default))
    return default


def _check_width(value: Any, default: Any, warnings: list[str]) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        warnings.append(
            _("width should be 0 (full pane) or {low}-{high}; using {default}").format(
                low=MIN_WIDTH, high=MAX_WIDTH, default=default
            )
        )
        return default
    if value == 0 or MIN_WIDTH <= value <= MAX_WIDTH:
        return value
    clamped = 0 if value < 0 else min(max(value, MIN_WIDTH), MAX_WIDTH)
    warnings.append(
        _("width = {value} is out of range (0 or {low}-{high}); using {used}").format(
            value=value, low=MIN_WIDTH, high=MAX_WIDTH, used=clamped
        )
    )
    return clamped


def _check_language(value: Any, default: Any, warnings: list[str]) -> Any:
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "none", "off")):
        return None
    if isinstance(value, str) and LANGUAGE_CODE.fullmatch(value.strip()):
        return value.strip()
    warnings.append(_('language should be a language code such as "de"; translation is off'))
    return None


def _check_ui_language(value: Any, default: Any, warnings: list[str]) -> Any:
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "auto")):
        return None
    if (code := ui_language_code(value)) is not None:
        return code
    warnings.append(_('ui_language should be a language code such as "fr"; using the locale'))
    return None


def _bool_field(name: str) -> Any:
    def check(value: Any, default: Any, warnings: list[str]) -> Any:
        if isinstance(value, bool):
            return value
        warnings.append(
            _("{name} should be true or false; using {default}").format(
                name=name, default=str(default).lower()
            )
        )
        return default

    return check


def _check_keymap(value: Any, default: Any, warnings: list[str]) -> Any:
    if not isinstance(value, dict):
        warnings.append(_('[keymap] should be a table of binding id = "keys"; ignoring it'))
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
            warnings.append(
                _("keymap entry {binding!r} should be a string of keys; ignoring it").format(
                    binding=binding
                )
            )
    return keymap


def _check_voice(value: Any, default: Any, warnings: list[str]) -> Any:
    if isinstance(value, str) and len(value) < 4096 and _is_printable(value):
        return value.strip()
    warnings.append("voice should be a voice name or a piper voice file; using the default")
    return default


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
    "focus_mode": _bool_field("focus_mode"),
    "show_cursor": _bool_field("show_cursor"),
    "cache_size_mb": _int_field("cache_size_mb", 0, 100_000),
    "keymap": _check_keymap,
    "mode": _choice_field("mode", MODES),
    "ui_language": _check_ui_language,
    "engine": _choice_field("engine", SPEECH_ENGINES),
    "voice": _check_voice,
    "rate": _int_field("rate", MIN_RATE, MAX_RATE),
    "speak_code": _bool_field("speak_code"),
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
        return Settings(), [
            _("cannot read {path} ({reason}); using default settings").format(
                path=path, reason=error.strerror
            )
        ]
    try:
        if len(raw) > MAX_SETTINGS_BYTES:
            limit = format_number(MAX_SETTINGS_BYTES)
            raise ValueError(_("larger than {limit} bytes").format(limit=limit))
        data = parse_toml(raw)
    except ValueError as error:  # UnicodeDecodeError and TOMLDecodeError are ValueErrors
        reason = _("not UTF-8") if isinstance(error, UnicodeDecodeError) else str(error)
        try:
            backup = move_aside(path)
        except OSError as move_error:
            return Settings(), [
                _(
                    "{path} is not valid TOML ({reason}) and could not be moved aside "
                    "({problem}); using default settings"
                ).format(path=path, reason=reason, problem=move_error.strerror)
            ]
        return Settings(), [
            _(
                "{path} was not valid TOML ({reason}); it was moved to {backup} "
                "and default settings are used"
            ).format(path=path, reason=reason, backup=backup)
        ]
    return settings_from_dict(data)


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
