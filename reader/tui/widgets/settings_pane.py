"""The Reading settings pane: one section per concern.

Sections (ids): `#section-scale`, `#section-layout`, `#section-spacing`, `#section-theme`,
`#section-language`. A control with the id `setting-<name>` posts `SettingsChanged(name,
value)`; the app applies the value at once and saves it. The pane follows the app's settings,
so a value changed by a key (text size, theme) shows in its control.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Checkbox, Label, Select, Static

from reader.core.errors import ReaderError
from reader.core.storage.settings import Settings
from reader.tui.app_access import ReaderNode
from reader.tui.messages import SettingsChanged
from reader.tui.translation import VIEW_LABELS

WIDTHS = [
    ("Full pane", 0),
    ("40 columns", 40),
    ("60 columns", 60),
    ("72 columns", 72),
    ("80 columns", 80),
    ("100 columns", 100),
]
PARAGRAPH_SPACING = [("None", 0), ("1 line", 1), ("2 lines", 2), ("3 lines", 3)]
LINE_SPACING = [("Single", 0), ("1 blank line", 1), ("2 blank lines", 2)]
SCALES = [
    ("1: the terminal's font", 1),
    ("2: large", 2),
    ("3: larger", 3),
    ("4: largest", 4),
]
GLYPHS = [
    ("Sextants: sharper", "sextant"),
    ("Quadrants: any font", "quadrant"),
]
MARGINS = [("None", 0), ("2 columns", 2), ("4 columns", 4), ("8 columns", 8)]
ALIGNS = [("Left", "left"), ("Justified", "justify")]
SECTIONS = [
    ("scale", "Text scale"),
    ("layout", "Width"),
    ("spacing", "Spacing"),
    ("theme", "Theme"),
    ("language", "Language"),
]


def _options(choices: list[tuple[str, int]], current: int) -> list[tuple[str, int]]:
    """`choices`, plus the current value if the settings file holds another one."""
    if current in {value for _, value in choices}:
        return choices
    return sorted([*choices, (f"{current} columns", current)], key=lambda item: item[1])


def installed_targets() -> list[str]:
    """Languages the installed packages can translate into (pivoting through English)."""
    try:
        from reader.core.translate.installed import installed_packages

        packages = installed_packages()
    except (ReaderError, OSError):
        return []
    targets = {p.to_code for p in packages}
    if any(p.to_code == "en" for p in packages):
        targets |= {p.to_code for p in packages if p.from_code == "en"}
    return sorted(targets)


class LanguageSelect(Select[str], ReaderNode):
    """The target language; "off" means no translation (the setting's None)."""

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = None if event.value in ("off", Select.BLANK) else str(event.value)
        if value != self.reader_app.settings.language:
            self.post_message(SettingsChanged("language", value))


def language_controls(settings: Settings) -> ComposeResult:
    """The Language section: target language and view."""
    current = settings.language or "off"
    targets = installed_targets()
    if current != "off" and current not in targets:
        targets.append(current)
    options = [("Original (no translation)", "off")] + [(code, code) for code in targets]
    yield LanguageSelect(options, value=current, allow_blank=False, id="translation-language")
    views = [(label, view) for view, label in VIEW_LABELS.items()]
    yield Select(
        views, value=settings.translation_view, allow_blank=False, id="setting-translation_view"
    )
    if not targets:
        yield Static(
            "No translation packages installed: run 'reader languages install FROM TO'.",
            id="language-note",
        )
    else:
        yield Static("Key o toggles the original and the translation.", id="language-note")


class SettingsPane(VerticalScroll, ReaderNode):
    """Controls that change the reading layout and look at once."""

    BORDER_TITLE = "Reading settings"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.close_pane", "Close pane", id="pane.close")
    ]

    populated = False
    """The controls are built the first time the pane opens: they are most of the app's
    widgets, and restyling them on every key would slow everything down."""

    def on_mount(self) -> None:
        self.watch(self.app, "settings", self._settings_changed, init=False)

    def populate(self) -> None:
        """Build the controls (once), from the current settings."""
        if not self.populated:
            self.populated = True
            self.refresh(recompose=True)

    def _settings_changed(self, settings: Settings) -> None:
        """Show values changed elsewhere (by a key) in their controls."""
        for select in self.query(Select):
            name = (select.id or "").removeprefix("setting-")
            value = getattr(settings, name, Select.BLANK)
            if select.id != name and value is not Select.BLANK and select.value != value:
                with select.prevent(Select.Changed):
                    select.value = value

    def compose(self) -> ComposeResult:
        if not self.populated:
            return
        settings = self.reader_app.settings
        for name, title in SECTIONS:
            with Vertical(id=f"section-{name}", classes="settings-section"):
                yield Label(title, classes="section-title")
                yield from self._controls(name, settings)

    def _controls(self, name: str, settings: Settings) -> ComposeResult:
        if name == "scale":
            yield Select(
                SCALES, value=settings.scale, allow_blank=False, id="setting-scale", prompt="Scale"
            )
            yield Label("Large-text glyphs")
            yield Select(GLYPHS, value=settings.glyphs, allow_blank=False, id="setting-glyphs")
        elif name == "layout":
            yield Select(
                _options(WIDTHS, settings.width),
                value=settings.width,
                allow_blank=False,
                id="setting-width",
                prompt="Width",
            )
            yield Checkbox(
                "Focus mode (dim the rest)",
                settings.focus_mode,
                id="setting-focus_mode",
            )
            yield Checkbox(
                "Show the terminal cursor",
                settings.show_cursor,
                id="setting-show_cursor",
            )
            yield Label("Margins")
            yield Select(
                _options(MARGINS, settings.margin),
                value=settings.margin,
                allow_blank=False,
                id="setting-margin",
            )
            yield Label("Alignment")
            yield Select(ALIGNS, value=settings.align, allow_blank=False, id="setting-align")
        elif name == "spacing":
            yield Label("Between paragraphs")
            yield Select(
                PARAGRAPH_SPACING,
                value=settings.paragraph_spacing,
                allow_blank=False,
                id="setting-paragraph_spacing",
            )
            yield Label("Between lines")
            yield Select(
                LINE_SPACING,
                value=settings.line_spacing,
                allow_blank=False,
                id="setting-line_spacing",
            )
        elif name == "theme":
            registered = getattr(self.app, "reader_themes", None)  # set once the app mounts
            themes = registered.names() if registered else sorted(self.app.available_themes)
            current = self.app.theme if self.app.theme in themes else themes[0]
            yield Select(
                [(theme, theme) for theme in themes],
                value=current,
                allow_blank=False,
                id="setting-theme",
            )
        elif name == "language":
            yield from language_controls(settings)

    def _changed(self, control_id: str, value: object) -> None:
        """Post `SettingsChanged` for a control, unless it only shows the current value
        (a Select reports its first value when it mounts)."""
        name = control_id.removeprefix("setting-")
        if getattr(self.reader_app.settings, name, object()) != value:
            self.post_message(SettingsChanged(name, value))

    def on_select_changed(self, event: Select.Changed) -> None:
        control_id = event.select.id or ""
        if control_id.startswith("setting-") and event.value is not Select.BLANK:
            event.stop()
            self._changed(control_id, event.value)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        control_id = event.checkbox.id or ""
        if control_id.startswith("setting-"):
            event.stop()
            self._changed(control_id, event.value)
