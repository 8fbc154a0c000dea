"""Pilot tests: the Reading settings controls follow the settings whichever way they change,
and say their state in words and symbols, not by colour alone."""

from __future__ import annotations

from textual.widgets import Checkbox

from reader.core.storage.settings import Settings
from tests.support.tui_helpers import long_article, make_app, show


def _drawn(checkbox: Checkbox) -> str:
    return str(checkbox.render()).strip()


async def test_focus_mode_checkbox_follows_the_z_key_and_says_on_or_off() -> None:
    app = make_app(article=long_article())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await show(pilot, app, app.first_article)
        await pilot.press("s")
        await pilot.pause()
        checkbox = screen.query_one("#setting-focus_mode", Checkbox)
        assert not checkbox.value
        assert _drawn(checkbox).startswith("[ ]") and "Focus mode" in _drawn(checkbox)
        assert _drawn(checkbox).endswith(": off")
        await pilot.press("escape")
        await pilot.press("z")  # focus mode on by key, with the pane closed
        await pilot.pause()
        assert app.settings.focus_mode
        assert checkbox.value
        assert _drawn(checkbox).startswith("[x]") and _drawn(checkbox).endswith(": on")
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("z")  # and off again with the pane open
        await pilot.pause()
        assert not app.settings.focus_mode and not checkbox.value
        assert _drawn(checkbox).startswith("[ ]") and _drawn(checkbox).endswith(": off")


async def test_ticking_a_checkbox_changes_the_setting_and_its_words() -> None:
    app = make_app(article=long_article())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await show(pilot, app, app.first_article)
        await pilot.press("s")
        await pilot.pause()
        checkbox = screen.query_one("#setting-show_cursor", Checkbox)
        checkbox.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.settings.show_cursor
        assert _drawn(checkbox) == "[x] Show the terminal cursor: on"
        await pilot.press("enter")
        await pilot.pause()
        assert not app.settings.show_cursor
        assert _drawn(checkbox) == "[ ] Show the terminal cursor: off"


async def test_a_setting_saved_on_shows_ticked_when_the_pane_first_opens() -> None:
    app = make_app(article=long_article(), settings=Settings(focus_mode=True))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await show(pilot, app, app.first_article)
        await pilot.press("s")
        await pilot.pause()
        checkbox = screen.query_one("#setting-focus_mode", Checkbox)
        assert _drawn(checkbox) == "[x] Focus mode (dim the rest): on"
