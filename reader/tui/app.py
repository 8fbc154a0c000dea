"""The Textual app: settings, key map, persistence and the command palette around one screen.

Build it with `create_app` (reader.tui.run) so tests can construct it with any settings.
Everything the reader sees lives in `screens/` and `widgets/`.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterable
from functools import partial
from typing import Any

from rich.errors import MarkupError
from rich.text import Text
from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import Screen

from reader.core.document import Article
from reader.core.i18n import _
from reader.core.large_text.bigtext import MAX_SCALE
from reader.core.pipeline import WELCOME_URL, Options
from reader.core.reading import position_key
from reader.core.storage.reading_list import ReadingList
from reader.core.storage.settings import Settings, save_settings, validated
from reader.core.storage.state import ReadingPosition, State
from reader.core.themes import default_theme_name
from reader.tui.keys import READER_BINDINGS, VIEW_ACTIONS, keys_for
from reader.tui.messages import SettingsChanged
from reader.tui.screens.reader_screen import ReaderScreen
from reader.tui.themes import register_reader_themes
from reader.tui.widgets.message_log import LoggedMessage, add_message

# Reader theme names that Textual ships under another name, used until reader's own themes
# are registered with the app.
THEME_FALLBACKS = {"terminal": "textual-ansi", "dark": "textual-dark", "light": "textual-light"}


class ReaderApp(App[int]):
    """The full-screen reader."""

    CSS_PATH = "reader.tcss"
    TITLE = "reader"

    settings: var[Settings] = var(Settings, init=False)
    """The reading settings: one value, replaced (never mutated) on every change, so screens
    and widgets `watch` it instead of being told about each setting by name."""

    def __init__(
        self,
        source: str | None,
        options: Options,
        settings: Settings,
        *,
        state: State | None = None,
        save: bool = True,
        warnings: Iterable[str] = (),
        article: Article | None = None,
    ) -> None:
        super().__init__(ansi_color=settings.theme == "terminal")
        self.source = source
        self.first_article = article
        self.options = options
        self.set_reactive(ReaderApp.settings, settings)
        self.state = state
        self.save = save
        self.keymap: dict[str, str] = dict(settings.keymap)
        self.startup_warnings = list(warnings)
        self.state_warnings_shown = 0
        self.animation_level = "none"
        # The article's language when `reader --from LANG` says it; else detected per article.
        self.translation_source: str | None = None
        self.message_log: list[LoggedMessage] = []
        """Every message shown (message line and notifications), oldest first."""
        self._reading_list: ReadingList | None = None

    def get_default_screen(self) -> Screen:
        return ReaderScreen(self.source, self.first_article)

    def on_mount(self) -> None:
        self.reader_themes = register_reader_themes(self)
        self.startup_warnings += self.reader_themes.warnings
        if not self.apply_theme(self.settings.theme):
            fallback = default_theme_name()
            self.startup_warnings.append(
                _(
                    "There is no theme {name!r}; using {fallback!r} ('reader themes' lists them)"
                ).format(name=self.settings.theme, fallback=fallback)
            )
            self.apply_theme(fallback)
        if self.keymap:
            self.set_keymap(self.keymap)
        for warning in self.startup_warnings:
            self.notify(warning, title=_("Settings"), severity="warning", timeout=8)
        self.show_state_warnings()

    def show_state_warnings(self) -> None:
        """Show the state's warnings not shown yet: reading history or saving a position can
        add one (a damaged row, a failed write) at any time, each is shown once."""
        if self.state is None:
            return
        for warning in self.state.warnings[self.state_warnings_shown :]:
            self.notify(warning, title=_("Settings"), severity="warning", timeout=8)
        self.state_warnings_shown = len(self.state.warnings)

    def on_unmount(self) -> None:
        screen = self.get_screen_reader()
        if screen is not None:
            screen.remember_position()
        if self.state is not None:
            self.state.close()
        if self._reading_list is not None:
            self._reading_list.close()

    # -- settings ---------------------------------------------------------------------------

    def apply_theme(self, name: str) -> bool:
        """Switch to theme `name` (a reader or Textual theme name); False if unknown."""
        name = name if name in self.available_themes else THEME_FALLBACKS.get(name, "")
        if name not in self.available_themes:
            return False
        self.theme = name
        # The terminal theme uses the terminal's own palette (no truecolor conversion).
        theme = self.get_theme(name)
        self.ansi_color = theme is not None and theme.ansi
        return True

    def action_cycle_theme(self, step: int = 1) -> None:
        """Switch to the next (or, with step -1, previous) reader theme and save it."""
        name = self.reader_themes.next_name(self.settings.theme, step)
        self.change_setting("theme", name)
        self._say(_("Theme: {name}").format(name=name))

    def action_change_scale(self, step: int) -> None:
        """Text scale one step larger (+1) or smaller (-1), or back to 1 (0); saved."""
        scale = 1 if step == 0 else min(MAX_SCALE, max(1, self.settings.scale + step))
        if scale != self.settings.scale:
            self.change_setting("scale", scale)
        self._say(
            _("Text scale {scale} (the terminal's own font)").format(scale=scale)
            if scale == 1
            else _("Text scale {scale} ({glyphs})").format(scale=scale, glyphs=self.settings.glyphs)
        )

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a notification, and keep it in the message log."""
        text = message
        if markup:
            with contextlib.suppress(MarkupError):  # not markup after all: kept as it is
                text = Text.from_markup(message).plain
        self.log_message(f"{title}: {text}" if title else text)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def log_message(self, text: str) -> None:
        """Keep `text` in the message log (the Messages pane shows it in full, with its time)."""
        if add_message(self.message_log, text):
            screen = self.get_screen_reader()
            if screen is not None:
                screen.message_logged()

    def _say(self, text: str) -> None:
        screen = self.get_screen_reader()
        if screen is not None:
            screen.say(text)

    def change_setting(self, name: str, value: object) -> None:
        """Set one reading setting (checked as if loaded from the file) and save the file;
        the screens and widgets that depend on it follow `settings`."""
        changes: dict[str, Any] = {name: value}
        checked, warnings = validated(dataclasses.replace(self.settings, **changes))
        for warning in warnings:
            self.notify(warning, severity="warning")
        self.settings = checked
        self.save_settings()

    def watch_settings(self, old: Settings, new: Settings) -> None:
        if new.theme != old.theme:
            self.apply_theme(new.theme)
        if new.keymap != old.keymap:
            self.keymap = dict(new.keymap)
            self.set_keymap(self.keymap)

    def save_settings(self) -> None:
        if not self.save:
            return
        try:
            save_settings(self.settings)
        except OSError as error:
            said = _("Could not save settings ({reason})").format(reason=error.strerror)
            self.notify(said, severity="warning")

    def on_settings_changed(self, event: SettingsChanged) -> None:
        self.change_setting(event.name, event.value)

    def get_screen_reader(self) -> ReaderScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                return screen
        return None

    # -- persistence ------------------------------------------------------------------------

    def saved_position(self, article: Article, source: str | None) -> tuple[int, int] | None:
        if self.state is None:
            return None
        position = self.state.position(position_key(article, source))
        self.show_state_warnings()
        return (position.block, position.offset) if position else None

    def save_position(
        self, article: Article, source: str | None, position: tuple[int, int], percent: int
    ) -> None:
        """Remember `position` in `article` and `percent`, how far through it that is."""
        if self.state is not None:
            key = position_key(article, source)
            self.state.save_position(key, ReadingPosition(*position), percent=percent)
            self.show_state_warnings()

    @property
    def reading_list(self) -> ReadingList | None:
        """The reading list, opened on first use; None when nothing is remembered (no state)."""
        if self.state is None:
            return None
        if self._reading_list is None:
            self._reading_list = ReadingList()
        return self._reading_list

    def record_visit(self, article: Article, source: str | None) -> None:
        if self.state is not None and (article.url or source):
            self.state.add_history(position_key(article, source), article.title)
            self.show_state_warnings()

    def history_urls(self) -> list[str]:
        """Visited URLs, most recent first (the open prompt's history)."""
        if self.state is None:
            return []
        entries = self.state.history(limit=200)
        self.show_state_warnings()
        return [entry.url for entry in entries if entry.url != WELCOME_URL]

    # -- command palette --------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every reader action by name, with its keys, plus Textual's own commands."""
        for command in super().get_system_commands(screen):
            # Textual's theme picker offers themes whose contrast reader has not checked and
            # does not save the choice; "Next theme" / "Previous theme" below do both.
            if command.title != "Theme":
                yield command
        reader = self.get_screen_reader()
        if reader is None:
            return
        for binding in READER_BINDINGS:
            keys = ", ".join(keys_for(binding, self.keymap))
            # Scrolling and moving are the article view's own actions.
            target = reader.article_view if binding.action in VIEW_ACTIONS else reader
            yield SystemCommand(
                _(binding.description),
                _("Keys: {keys}").format(keys=keys),
                partial(target.run_action, binding.action),
            )
