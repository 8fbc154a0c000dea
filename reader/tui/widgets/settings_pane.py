"""The Reading settings pane: one section per concern, so other parts can add their controls.

Sections (ids): `#section-scale`, `#section-layout`, `#section-spacing`, `#section-theme`,
`#section-language`. A control posts `SettingsChanged(name, value)`; the app applies the value
at once and saves it. To add a control, mount it into a section with `pane.section(name)` and
post `SettingsChanged` from it (or give a Select the id `setting-<name>`).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Checkbox, Label, Select

from reader.tui.messages import SettingsChanged

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


class SettingsPane(VerticalScroll):
    """Controls that change the reading layout and look at once."""

    BORDER_TITLE = "Reading settings"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.close_pane", "Close pane", id="pane.close")
    ]

    populated = False
    """The controls are built the first time the pane opens: they are most of the app's
    widgets, and restyling them on every key would slow everything down."""

    def populate(self) -> None:
        """Build the controls (once), from the current settings."""
        if not self.populated:
            self.populated = True
            self.refresh(recompose=True)

    def compose(self) -> ComposeResult:
        if not self.populated:
            return
        settings = self.app.settings  # type: ignore[attr-defined]
        for name, title in SECTIONS:
            with Vertical(id=f"section-{name}", classes="settings-section"):
                yield Label(title, classes="section-title")
                yield from self._controls(name, settings)

    def _controls(self, name: str, settings) -> ComposeResult:
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
            registered = getattr(self.app, "reader_themes", None)
            themes = registered.names() if registered else sorted(self.app.available_themes)
            current = self.app.theme if self.app.theme in themes else themes[0]
            yield Select(
                [(theme, theme) for theme in themes],
                value=current,
                allow_blank=False,
                id="setting-theme",
            )
        elif name == "language":
            from reader.tui.translation import language_controls

            yield from language_controls(settings)

    def section(self, name: str) -> Vertical:
        """The container of section `name`, to mount more controls into."""
        return self.query_one(f"#section-{name}", Vertical)

    def _changed(self, control_id: str, value: object) -> None:
        """Post `SettingsChanged` for a control, unless it only shows the current value
        (a Select reports its first value when it mounts)."""
        name = control_id[8:]
        settings = self.app.settings  # type: ignore[attr-defined]
        if getattr(settings, name, object()) != value:
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
