"""Pilot tests: the Contents, Links, Reading settings and Help panes, key map and palette."""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, Select

from reader.core.storage.settings import Settings, load_settings
from reader.tui import create_app
from reader.tui.keys import BINDING_GROUPS, READER_BINDINGS
from reader.tui.messages import LinkChosen, LoadStarted, SettingsChanged
from reader.tui.widgets.help_pane import HelpPane
from reader.tui.widgets.settings_pane import SECTIONS
from tests.support.tui_helpers import (
    every_block_article,
    long_article,
    make_app,
    message_text,
    reader,
    show,
)


def test_every_binding_has_a_unique_id_and_a_help_group() -> None:
    ids = [binding.id for binding in READER_BINDINGS]
    assert all(ids) and len(ids) == len(set(ids))
    grouped = [i for _, group in BINDING_GROUPS for i in group]
    assert sorted(grouped) == sorted(ids)
    keys = ",".join(binding.key for binding in READER_BINDINGS)
    assert "insert" not in keys and "capslock" not in keys.lower()


async def test_each_pane_opens_focused_and_closes_again() -> None:
    app = make_app(article=every_block_article())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await show(pilot, app, app.first_article)
        for key, pane in [
            ("t", "contents"),
            ("l", "links"),
            ("s", "settings"),
            ("question_mark", "help"),
        ]:
            await pilot.press(key)
            await pilot.pause()
            assert screen.pane == pane and screen.has_class(f"-show-{pane}")
            assert screen.query_one(f"#{pane}").has_focus_within
            assert screen.query_one("#main").display  # the article stays beside the pane
            await pilot.press("escape")
            assert screen.pane is None and screen.article_view.has_focus
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("t")  # the same key again closes it
        await pilot.pause()
        assert screen.pane is None and screen.article_view.has_focus
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("l")  # another pane's key swaps panes
        await pilot.pause()
        assert screen.pane == "links" and not screen.query_one("#contents").display


async def test_at_forty_columns_a_pane_takes_the_whole_width() -> None:
    app = make_app(article=every_block_article())
    async with app.run_test(size=(40, 24)) as pilot:
        screen = await show(pilot, app, app.first_article)
        assert screen.has_class("-narrow")
        await pilot.press("t")
        await pilot.pause()
        assert not screen.query_one("#main").display
        assert screen.query_one("#contents").outer_size.width == 40
        await pilot.press("enter")  # choose the first heading: back to the article
        await pilot.pause()
        assert screen.pane is None and screen.query_one("#main").display


async def test_contents_enter_jumps_to_the_heading() -> None:
    article = long_article(sections=5, paragraphs=4)
    headings = [i for i, block in enumerate(article.blocks) if block.kind == "heading"]
    app = make_app(article=article)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await show(pilot, app, article)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert screen.article_view.current_block == headings[2]


async def test_links_pane_shows_destination_and_copies_with_osc52(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A terminal with no graphical session and no clipboard tool: OSC 52 is what can copy.
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "TMUX", "VTE_VERSION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    article = long_article()
    app = make_app(article=article)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await show(pilot, app, article)
        await pilot.press("y")  # from the article: the page's own address
        assert app.clipboard == article.url
        assert "page URL to the terminal's clipboard (OSC 52)" in message_text(screen)
        await pilot.press("l")
        await pilot.pause()
        assert "Link 1: http://127.0.0.1:9/home" in message_text(screen)
        await pilot.press("y")
        assert app.clipboard == "http://127.0.0.1:9/home"
        await pilot.press("down")
        assert "not followed" in message_text(screen)
        await pilot.press("c")
        assert app.clipboard == "javascript:alert(1)"


async def test_javascript_links_are_shown_but_not_followed() -> None:
    seen: list[object] = []
    article = long_article()
    app = make_app(article=article)
    async with app.run_test(size=(100, 30), message_hook=seen.append) as pilot:
        screen = await show(pilot, app, article)
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert any(isinstance(m, LinkChosen) and m.number == 2 for m in seen)
        assert not any(isinstance(m, LoadStarted) for m in seen)
        assert screen.article is article
        assert any("not followed" in n.message for n in app._notifications)
        await pilot.press("escape", "2", "enter")  # by number from the article: the same
        await pilot.pause()
        assert not any(isinstance(m, LoadStarted) for m in seen)


async def test_help_lists_every_key_with_the_users_key_map_applied() -> None:
    settings = Settings(keymap={"find": "ctrl+g"})
    app = create_app(None, None, settings, save=False, article=every_block_article())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        text = str(app.screen.query_one(HelpPane).query_one("#help-text").render())
        for binding in READER_BINDINGS:
            assert binding.description in text
        assert "^g" in text and "Find" in text
        assert "Copy URL" in text and "1-9" in text


async def test_user_key_map_replaces_default_keys() -> None:
    settings = Settings(keymap={"scroll-down": "x", "quit": "ctrl+q"})
    app = create_app(None, None, settings, save=False, article=long_article())
    async with app.run_test(size=(80, 24)) as pilot:
        view = reader(app).article_view
        await pilot.pause()
        await pilot.press("x")
        assert view.top_line == 1
        await pilot.press("j")
        assert view.top_line == 1  # j no longer scrolls
        await pilot.press("q")
        assert app.is_running


async def test_command_palette_runs_reader_actions_by_name() -> None:
    article = long_article(sections=3, paragraphs=2)
    app = make_app(article=article)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await show(pilot, app, article)
        titles = [command.title for command in app.get_system_commands(screen)]
        for binding in READER_BINDINGS:
            assert binding.description in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Next heading")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert screen.article_view.current_block == 1


async def test_settings_pane_sections_and_controls_apply_and_save() -> None:
    seen: list[object] = []
    app = create_app(None, None, Settings(), article=long_article())
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        screen = reader(app)
        await pilot.press("s")
        await pilot.pause()
        for name, title in SECTIONS:
            section = screen.query_one(f"#section-{name}")
            assert title in str(section.query_one(".section-title").render())
        screen.query_one("#setting-width", Select).value = 60
        await pilot.pause()
        assert app.settings.width == 60 and screen.article_view.column_width == 60
        screen.query_one("#setting-paragraph_spacing", Select).value = 2
        await pilot.pause()
        assert screen.article_view.layout_options.paragraph_spacing == 2
        theme_select = screen.query_one("#setting-theme", Select)
        other = next(
            v for _, v in theme_select._options if v not in (theme_select.value, Select.NULL)
        )
        theme_select.value = other
        await pilot.pause()
        assert app.theme == other
        screen.query_one("#setting-focus_mode", Checkbox).value = True
        await pilot.pause()
        assert screen.article_view.focus_mode
        screen.query_one("#setting-show_cursor", Checkbox).value = True
        await pilot.pause()
        assert app.settings.show_cursor
        wanted = ("width", "paragraph_spacing", "theme", "focus_mode")
        names: list[str] = []
        for m in seen:  # the hook sees a message at every node it bubbles through
            new = isinstance(m, SettingsChanged) and (not names or names[-1] != m.name)
            if new and m.name in wanted:
                names.append(m.name)
        assert names == ["width", "paragraph_spacing", "theme", "focus_mode"]
    saved, warnings = load_settings()
    assert not warnings
    assert (saved.width, saved.paragraph_spacing, saved.focus_mode) == (60, 2, True)
    assert saved.show_cursor
    assert saved.theme == other
