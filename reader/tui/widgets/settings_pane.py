"""The Reading settings pane: one section per concern.

Sections (ids): `#section-scale`, `#section-layout`, `#section-spacing`, `#section-theme`,
`#section-language`. A control with the id `setting-<name>` posts `SettingsChanged(name,
value)`; the app applies the value at once and saves it. The pane follows the app's settings,
so a value changed by a key (text size, theme, focus mode) shows in its control; checkboxes
say their state in symbols and words ("[x] Focus mode: on"), not by colour alone.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Checkbox, Label, Select, Static

from reader.core.errors import ReaderError
from reader.core.i18n import N_, _
from reader.core.storage.settings import Settings
from reader.tui.app_access import ReaderNode
from reader.tui.messages import SettingsChanged
from reader.tui.translation import VIEW_LABELS

T = TypeVar("T")

WIDTHS = [
    (N_("Full pane"), 0),
    (N_("40 columns"), 40),
    (N_("60 columns"), 60),
    (N_("72 columns"), 72),
    (N_("80 columns"), 80),
    (N_("100 columns"), 100),
]
PARAGRAPH_SPACING = [(N_("None"), 0), (N_("1 line"), 1), (N_("2 lines"), 2), (N_("3 lines"), 3)]
LINE_SPACING = [(N_("Single"), 0), (N_("1 blank line"), 1), (N_("2 blank lines"), 2)]
SCALES = [
    (N_("1: the terminal's font"), 1),
    (N_("2: large"), 2),
    (N_("3: larger"), 3),
    (N_("4: largest"), 4),
]
GLYPHS = [
    (N_("Sextants: sharper"), "sextant"),
    (N_("Quadrants: any font"), "quadrant"),
]
MARGINS = [(N_("None"), 0), (N_("2 columns"), 2), (N_("4 columns"), 4), (N_("8 columns"), 8)]
ALIGNS = [(N_("Left"), "left"), (N_("Justified"), "justify")]
SECTIONS = [
    ("scale", N_("Text scale")),
    ("layout", N_("Width")),
    ("spacing", N_("Spacing")),
    ("theme", N_("Theme")),
    ("language", N_("Language")),
]


def _translated(choices: list[tuple[str, T]]) -> list[tuple[str, T]]:
    """`choices` with their labels in the interface language."""
    return [(_(label), value) for label, value in choices]


def _options(choices: list[tuple[str, int]], current: int) -> list[tuple[str, int]]:
    """`choices` (translated), plus the current value if the settings file holds another."""
    if current in {value for _label, value in choices}:
        return _translated(choices)
    other = (_("{count} columns").format(count=current), current)
    return sorted([*_translated(choices), other], key=lambda item: item[1])


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


class StateCheckbox(Checkbox):
    """A checkbox that says its state in symbols and words, not by colour alone:
    "[x] Focus mode: on" or "[ ] Focus mode: off"."""

    BUTTON_LEFT = "["
    BUTTON_RIGHT = "]"
    BUTTON_INNER = " "

    def __init__(self, text: str, value: bool, *, id: str) -> None:
        self.text = text
        super().__init__(self._state_label(value), value, id=id)
        self.BUTTON_INNER = "x" if value else " "

    def _state_label(self, value: bool) -> str:
        state = _("{setting}: on") if value else _("{setting}: off")
        return state.format(setting=self.text)

    def watch_value(self) -> None:
        self.BUTTON_INNER = "x" if self.value else " "
        self.label = self._state_label(self.value)
        super().watch_value()


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
    options = [(_("Original (no translation)"), "off")] + [(code, code) for code in targets]
    yield LanguageSelect(options, value=current, allow_blank=False, id="translation-language")
    views = [(_(label), view) for view, label in VIEW_LABELS.items()]
    yield Select(
        views, value=settings.translation_view, allow_blank=False, id="setting-translation_view"
    )
    if not targets:
        yield Static(
            _("No translation packages installed: run 'reader languages install FROM TO'."),
            id="language-note",
        )
    else:
        yield Static(_("Key o toggles the original and the translation."), id="language-note")


class SettingsPane(VerticalScroll, ReaderNode):
    """Controls that change the reading layout and look at once."""

    BORDER_TITLE = N_("Reading settings")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.close_pane", N_("Close pane"), id="pane.close")
    ]

    populated = False
    """The controls are built the first time the pane opens: they are most of the app's
    widgets, and restyling them on every key would slow everything down."""

    def on_mount(self) -> None:
        self.border_title = _(self.BORDER_TITLE)
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
        for checkbox in self.query(Checkbox):
            value = getattr(settings, (checkbox.id or "").removeprefix("setting-"), None)
            if isinstance(value, bool) and checkbox.value != value:
                with checkbox.prevent(Checkbox.Changed):
                    checkbox.value = value

    def compose(self) -> ComposeResult:
        if not self.populated:
            return
        settings = self.reader_app.settings
        for name, title in SECTIONS:
            with Vertical(id=f"section-{name}", classes="settings-section"):
                yield Label(_(title), classes="section-title")
                yield from self._controls(name, settings)

    def _controls(self, name: str, settings: Settings) -> ComposeResult:
        if name == "scale":
            yield Select(
                _translated(SCALES),
                value=settings.scale,
                allow_blank=False,
                id="setting-scale",
                prompt=_("Scale"),
            )
            yield Label(_("Large-text glyphs"))
            yield Select(
                _translated(GLYPHS), value=settings.glyphs, allow_blank=False, id="setting-glyphs"
            )
        elif name == "layout":
            yield Select(
                _options(WIDTHS, settings.width),
                value=settings.width,
                allow_blank=False,
                id="setting-width",
                prompt=_("Width"),
            )
            yield StateCheckbox(
                _("Focus mode (dim the rest)"), settings.focus_mode, id="setting-focus_mode"
            )
            yield StateCheckbox(
                _("Show the terminal cursor"), settings.show_cursor, id="setting-show_cursor"
            )
            yield Label(_("Margins"))
            yield Select(
                _options(MARGINS, settings.margin),
                value=settings.margin,
                allow_blank=False,
                id="setting-margin",
            )
            yield Label(_("Alignment"))
            yield Select(
                _translated(ALIGNS), value=settings.align, allow_blank=False, id="setting-align"
            )
        elif name == "spacing":
            yield Label(_("Between paragraphs"))
            yield Select(
                _translated(PARAGRAPH_SPACING),
                value=settings.paragraph_spacing,
                allow_blank=False,
                id="setting-paragraph_spacing",
            )
            yield Label(_("Between lines"))
            yield Select(
                _translated(LINE_SPACING),
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
