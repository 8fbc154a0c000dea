"""Themes in the full-screen reader (Pilot): registered from the files, cycled with a key,
picked in the settings pane, applied live with the checked colours, and saved."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Select

from reader.core.storage.settings import Settings, load_settings
from reader.core.themes import contrast_ratio, load_themes
from reader.tui import create_app
from reader.tui.app import ReaderApp
from tests.support.tui_helpers import every_block_article, show

SHIPPED = load_themes(include_user=False)


def make(theme: str) -> ReaderApp:
    return create_app(None, settings=Settings(theme=theme), article=every_block_article())


async def test_reader_themes_are_registered_with_their_checked_colours() -> None:
    app = make("sepia")
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, app, app.first_article)
        assert app.theme == "sepia"
        for name in SHIPPED.names():
            assert name in app.available_themes
        colours = SHIPPED.get("sepia").colors
        variables = app.get_css_variables()
        assert variables["background"].lower() == colours["background"]
        assert variables["text"].lower() == colours["text"]  # opaque, as measured
        assert variables["text-primary"].lower() == colours["heading"]
        assert variables["text-accent"].lower() == colours["link"]
        assert variables["border"].lower() == colours["focus"]
        assert app.ansi_color is False


async def test_c_cycles_through_the_themes_live_and_saves_the_choice() -> None:
    names = SHIPPED.names()
    app = make(names[0])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await show(pilot, app, app.first_article)
        seen = [app.theme]
        for _ in names:
            await pilot.press("c")
            await pilot.pause()
            seen.append(app.theme)
        assert seen == [*names, names[0]]
        await pilot.press("C")
        await pilot.pause()
        assert app.theme == names[-1] == "terminal"
        assert app.ansi_color is True, "the terminal theme uses the terminal's own palette"
        assert "Theme: terminal" in str(screen.query_one("#message").render())
        await pilot.press("c")
        await pilot.pause()
        assert app.ansi_color is False
    assert load_settings()[0].theme == names[0]


async def test_the_settings_pane_lists_reader_themes_and_picks_one() -> None:
    app = make("dark")
    async with app.run_test(size=(100, 30)) as pilot:
        await show(pilot, app, app.first_article)
        await pilot.press("s")
        await pilot.pause()
        select = app.screen.query_one("#setting-theme", Select)
        options = [value for _, value in select._options if value is not Select.BLANK]
        assert options == SHIPPED.names()  # reader's checked themes only
        select.value = "high-contrast-light"
        await pilot.pause()
        assert app.theme == "high-contrast-light"
        app.screen.article_view.focus()
        await pilot.press("c")
        await pilot.pause()
        assert select.value == app.theme == "yellow-on-black"
    assert load_settings()[0].theme == "yellow-on-black"


async def test_a_user_theme_is_offered_and_a_failing_one_warns(isolated_user_dirs: Path) -> None:
    themes = isolated_user_dirs / "xdg_config_home" / "reader" / "themes"
    themes.mkdir(parents=True)
    (themes / "fog.toml").write_text('[colors]\nbackground = "#ffffff"\ntext = "#aaaaaa"\n')
    app = make("fog")
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, app, app.first_article)
        assert app.theme == "fog"
        assert "fog" in app.reader_themes.names()
        warnings = [w for w in app.startup_warnings if "fog" in w]
        assert warnings and "body text" in warnings[0]


async def test_an_unknown_theme_in_the_settings_falls_back_to_the_default_with_a_warning() -> None:
    app = make("no-such-theme")
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, app, app.first_article)
        assert app.theme == "dark"
        assert any("no-such-theme" in w for w in app.startup_warnings)


async def test_find_matches_are_readable_in_every_theme() -> None:
    """Match highlights are solid colours with black or white text: at least 4.5:1."""
    app = make("light")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await show(pilot, app, app.first_article)
        view = screen.article_view
        for name in SHIPPED.names():
            if SHIPPED.get(name).ansi:
                continue
            app.theme = name
            await pilot.pause()
            match = view.get_component_rich_style("article-view--match", partial=False)
            current = view.get_component_rich_style("article-view--match-current", partial=False)
            for style in (match, current):
                ratio = contrast_ratio(style.color.triplet.hex, style.bgcolor.triplet.hex)
                assert ratio >= 4.5, (name, ratio)
            assert match.bgcolor != current.bgcolor, name
