"""Reading themes: load the shipped and the user's TOML theme files and check their contrast.

A theme is data only (one TOML file in `themes/`, installed as the package `reader.themes`, or
in `<config dir>/themes/`). Contrast follows WCAG 2.2: relative luminance of sRGB colours and
the ratio (L1 + 0.05) / (L2 + 0.05), with any transparency (#rrggbbaa) blended over the colour
beneath before measuring. Shipped themes must pass every check; a user theme that fails still
loads, with warnings, because the user chose it.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Literal

from reader.core.i18n import _
from reader.core.safe_text import clean_line

# The colour slots a theme fills. `background` and `text` are required; every other slot falls
# back to another slot (see `_FALLBACKS`) so a short user theme is still complete.
COLOR_KEYS: tuple[str, ...] = (
    "background",
    "surface",
    "panel",
    "text",
    "muted",
    "heading",
    "link",
    "quote",
    "code_background",
    "code_text",
    "focus",
    "border",
    "accent",
    "selection_background",
    "selection_text",
    "search_background",
    "search_text",
)
REQUIRED_KEYS = ("background", "text")
_FALLBACKS: dict[str, str] = {
    "surface": "background",
    "panel": "surface",
    "muted": "text",
    "heading": "text",
    "link": "text",
    "quote": "text",
    "code_background": "surface",
    "code_text": "text",
    "focus": "link",
    "border": "focus",
    "accent": "focus",
    "selection_background": "focus",
    "selection_text": "background",
    "search_background": "accent",
    "search_text": "background",
}

# The terminal's own 16 colours, for themes with `ansi = true` (Textual's ansi_color mode).
ANSI_NAMES = frozenset(
    ["ansi_default"]
    + [
        f"ansi_{bright}{name}"
        for bright in ("", "bright_")
        for name in ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")
    ]
)

TERMINAL_THEME = "terminal"
DEFAULT_THEME = "dark"

_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


@dataclass(frozen=True, slots=True)
class ContrastRule:
    """A WCAG requirement: `foreground` on `background` needs at least `minimum`:1."""

    label: str
    foreground: str
    background: str
    minimum: float


# Body text 7:1 (WCAG 1.4.6, AAA); headings, links and secondary text 4.5:1; focus indicators,
# borders and other non-text marks 3:1 (WCAG 1.4.11 and 2.4.13).
CONTRAST_RULES: tuple[ContrastRule, ...] = (
    ContrastRule("body text", "text", "background", 7.0),
    ContrastRule("text on panels", "text", "surface", 7.0),
    ContrastRule("quotes", "quote", "background", 7.0),
    ContrastRule("code", "code_text", "code_background", 7.0),
    ContrastRule("headings", "heading", "background", 4.5),
    ContrastRule("links", "link", "background", 4.5),
    ContrastRule("muted text", "muted", "background", 4.5),
    ContrastRule("selected text", "selection_text", "selection_background", 4.5),
    ContrastRule("search matches", "search_text", "search_background", 4.5),
    ContrastRule("focus indicator", "focus", "background", 3.0),
    ContrastRule("focus indicator on panels", "focus", "surface", 3.0),
    ContrastRule("borders", "border", "background", 3.0),
    ContrastRule("accent marks", "accent", "background", 3.0),
)


@dataclass(frozen=True, slots=True)
class ContrastResult:
    rule: ContrastRule
    ratio: float

    @property
    def passed(self) -> bool:
        # Round as WCAG tools display it, so 4.499 does not pass 4.5 but 4.5 does.
        return round(self.ratio, 2) >= self.rule.minimum


@dataclass(frozen=True, slots=True)
class Theme:
    """One theme: its colours by slot (hex, or ANSI names for the terminal theme)."""

    name: str
    description: str
    dark: bool
    colors: Mapping[str, str]
    ansi: bool = False
    source: Literal["shipped", "user"] = "shipped"
    path: str = ""

    def contrast(self) -> list[ContrastResult]:
        """Every contrast rule measured on this theme; empty for an ANSI theme (unknowable)."""
        return [] if self.ansi else measure_contrast(self.colors)

    @property
    def failures(self) -> list[ContrastResult]:
        return [result for result in self.contrast() if not result.passed]

    @property
    def passes(self) -> bool:
        return not self.failures


@dataclass(slots=True)
class ThemeCatalogue:
    """All loaded themes by name (shipped first, then the user's) and the warnings met."""

    themes: dict[str, Theme] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def names(self) -> list[str]:
        return list(self.themes)

    def get(self, name: str) -> Theme | None:
        return self.themes.get(name)

    def next_name(self, current: str, step: int = 1) -> str:
        """The theme after (or before, step=-1) `current`, wrapping round; for a cycling key."""
        names = self.names()
        if not names:
            return current
        if current not in names:
            return names[0]
        return names[(names.index(current) + step) % len(names)]


# --- colour arithmetic (WCAG 2.2) -------------------------------------------------------------


def parse_hex(value: str) -> tuple[float, float, float, float]:
    """`#rgb`, `#rrggbb` or `#rrggbbaa` as (r, g, b, a) in 0..1; ValueError otherwise."""
    if not isinstance(value, str) or not _HEX.fullmatch(value.strip()):
        raise ValueError(f"not a hex colour: {value!r}")
    digits = value.strip()[1:]
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in range(0, len(digits), 2)]
    if len(channels) == 3:
        channels.append(1.0)
    r, g, b, a = channels
    return r, g, b, a


def blend(foreground: str, background: str) -> tuple[float, float, float]:
    """`foreground` composited over `background` (alpha blending in sRGB, as terminals do)."""
    fr, fg, fb, alpha = parse_hex(foreground)
    br, bg, bb, _ = parse_hex(background)
    return (
        fr * alpha + br * (1 - alpha),
        fg * alpha + bg * (1 - alpha),
        fb * alpha + bb * (1 - alpha),
    )


def _linear(channel: float) -> float:
    # WCAG 2.2 uses 0.04045 (the sRGB standard's threshold; older texts print 0.03928).
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def relative_luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG relative luminance of an opaque sRGB colour with channels in 0..1."""
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio of `foreground` over `background`, blending any transparency.

    A translucent background is first blended over black; pass it pre-blended (see
    `resolve_color`) when it sits on something else.
    """
    back = blend(background, "#000000")
    back_hex = to_hex(back)
    fore = blend(foreground, back_hex)
    light, dark = sorted((relative_luminance(fore), relative_luminance(back)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def to_hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)


def resolve_color(colors: Mapping[str, str], key: str) -> str:
    """The opaque colour a slot shows: translucent slots are blended over the background."""
    value = colors[key]
    base = blend(colors["background"], "#000000")
    return to_hex(blend(value, to_hex(base)))


def measure_contrast(colors: Mapping[str, str]) -> list[ContrastResult]:
    """Every rule in `CONTRAST_RULES` measured on a complete hex colour mapping."""
    results = []
    for rule in CONTRAST_RULES:
        background = resolve_color(colors, rule.background)
        foreground = to_hex(blend(colors[rule.foreground], background))
        results.append(ContrastResult(rule, contrast_ratio(foreground, background)))
    return results


# --- loading ----------------------------------------------------------------------------------


class ThemeFileError(ValueError):
    """A theme file that cannot be used at all (bad TOML, missing or malformed colours)."""


def complete_colors(colors: Mapping[str, str]) -> dict[str, str]:
    """Fill every slot in `COLOR_KEYS`, each missing one from its fallback slot."""
    full = dict(colors)
    for key in COLOR_KEYS:
        slot = key
        while slot not in full and slot in _FALLBACKS:
            slot = _FALLBACKS[slot]
        if key not in full and slot in full:
            full[key] = full[slot]
    return {key: full[key] for key in COLOR_KEYS if key in full}


def parse_theme(
    text: str, *, stem: str, source: Literal["shipped", "user"], path: str = ""
) -> Theme:
    """A `Theme` from the TOML text of a theme file; ThemeFileError when it is unusable."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ThemeFileError(_("not valid TOML ({reason})").format(reason=exc)) from None
    name = clean_line(str(data.get("name", stem))).lower()
    if not _NAME.fullmatch(name):
        raise ThemeFileError(
            _("the name {name!r} must be lower-case letters, digits and '-'").format(name=name)
        )
    ansi = bool(data.get("ansi", False))
    raw = data.get("colors")
    if not isinstance(raw, dict):
        raise ThemeFileError(_("it has no [colors] table"))
    colors: dict[str, str] = {}
    for key, value in raw.items():
        if key not in COLOR_KEYS:
            raise ThemeFileError(_("unknown colour {key!r}").format(key=clean_line(str(key))))
        value = str(value).strip()
        if ansi and value in ANSI_NAMES:
            colors[key] = value
            continue
        if not _HEX.fullmatch(value):
            raise ThemeFileError(
                _("{key} = {value!r} is not a #rrggbb colour").format(
                    key=key, value=clean_line(value)
                )
            )
        colors[key] = value.lower()
    missing = [key for key in REQUIRED_KEYS if key not in colors]
    if missing:
        raise ThemeFileError(_("missing colour {keys}").format(keys=", ".join(missing)))
    if not ansi and parse_hex(colors["background"])[3] < 1.0:
        raise ThemeFileError(_("the background must be opaque"))
    return Theme(
        name=name,
        description=clean_line(str(data.get("description", ""))),
        dark=bool(data.get("dark", True)),
        colors=complete_colors(colors),
        ansi=ansi,
        source=source,
        path=path,
    )


def shipped_themes_dir() -> Path:
    """The shipped `themes/` directory.

    An installed wheel holds it as `reader/themes/` (pyproject maps the top-level `themes/` to
    the package `reader.themes`); a source checkout or editable install has it next to `reader/`.
    """
    package = Path(resources.files("reader"))  # type: ignore[arg-type]
    installed = package / "themes"
    return installed if installed.is_dir() else package.parent / "themes"


def user_themes_dir() -> Path:
    """`<config dir>/themes`, where users drop their own theme files."""
    from reader.core.storage.paths import config_dir

    return config_dir() / "themes"


def _theme_files(directory: Path) -> Iterable[Path]:
    try:
        entries = sorted(directory.iterdir(), key=lambda entry: entry.name)
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return []
    return [entry for entry in entries if entry.name.endswith(".toml") and entry.is_file()]


def load_themes(user_dir: Path | None = None, *, include_user: bool = True) -> ThemeCatalogue:
    """Shipped themes in their display order, then the user's; warnings for any problem.

    A user theme that fails a contrast check still loads (with a warning); a user file that
    cannot be parsed is skipped with a warning. A user theme named like a shipped one replaces
    it, so people can adjust a shipped theme without renaming it.
    """
    catalogue = ThemeCatalogue()
    shipped: list[Theme] = []
    for entry in _theme_files(shipped_themes_dir()):
        theme = parse_theme(
            entry.read_text(encoding="utf-8"), stem=entry.name[:-5], source="shipped"
        )
        shipped.append(theme)
    for theme in sorted(shipped, key=lambda t: (_SHIPPED_ORDER.get(t.name, 99), t.name)):
        catalogue.themes[theme.name] = theme
    if not include_user:
        return catalogue
    directory = user_dir if user_dir is not None else user_themes_dir()
    for entry in _theme_files(directory):
        label = clean_line(str(entry))  # a file name can hold escapes: shown, so sanitised
        try:
            text = entry.read_text(encoding="utf-8")
            theme = parse_theme(text, stem=entry.name[:-5], source="user", path=label)
        except (OSError, UnicodeDecodeError, ThemeFileError) as exc:
            catalogue.warnings.append(
                _("theme file {path} was skipped: {reason}").format(path=label, reason=exc)
            )
            continue
        if theme.name in catalogue.themes and catalogue.themes[theme.name].source == "user":
            reason = _("another user theme is already named {name!r}").format(name=theme.name)
            catalogue.warnings.append(
                _("theme file {path} was skipped: {reason}").format(path=label, reason=reason)
            )
            continue
        catalogue.themes[theme.name] = theme
        for failure in theme.failures:
            rule = failure.rule
            catalogue.warnings.append(
                _(
                    "theme {name!r} ({path}): {check} contrast is {ratio}:1, below the "
                    "{minimum}:1 WCAG minimum ({foreground} on {background})"
                ).format(
                    name=theme.name,
                    path=label,
                    check=rule.label,
                    ratio=f"{failure.ratio:.2f}",
                    minimum=f"{rule.minimum:g}",
                    foreground=rule.foreground,
                    background=rule.background,
                )
            )
    return catalogue


_SHIPPED_ORDER = {
    name: index
    for index, name in enumerate(
        (
            "light",
            "dark",
            "sepia",
            "high-contrast-dark",
            "high-contrast-light",
            "yellow-on-black",
            "terminal",
        )
    )
}


def default_theme_name(environ: Mapping[str, str] | None = None) -> str:
    """`terminal` when NO_COLOR is set (non-empty, per no-color.org), else `dark`."""
    env = os.environ if environ is None else environ
    return TERMINAL_THEME if env.get("NO_COLOR") else DEFAULT_THEME
