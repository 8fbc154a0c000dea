"""The full-screen app's own words follow the interface language (Help, pane titles, messages)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.widgets import Checkbox, Label, Static

from reader.core.i18n import use_language
from reader.tui.widgets.contents import ContentsPane
from reader.tui.widgets.help_pane import HelpPane
from reader.tui.widgets.settings_pane import SettingsPane
from tests.support.tui_helpers import every_block_article, make_app, reader


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    use_language("en")


@pytest.mark.parametrize(
    ("language", "title", "words"),
    [
        ("fr", "Aide", ["Défilement", "Ligne suivante", "Dans le panneau Liens", "Quitter"]),
        ("ar", "المساعدة", ["التمرير", "سطر للأسفل", "في لوحة الروابط", "خروج"]),
    ],
)
async def test_help_pane_speaks_the_interface_language(
    language: str, title: str, words: list[str]
) -> None:
    use_language(language)
    app = make_app(article=every_block_article())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        pane = app.screen.query_one(HelpPane)
        text = str(pane.query_one("#help-text").render())
        assert pane.border_title == title
        assert all(word in text for word in words), text[:400]
        assert "Line down" not in text and "Scrolling" not in text


async def test_messages_and_pane_titles_speak_the_interface_language() -> None:
    use_language("de")
    app = make_app(article=every_block_article())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("z")
        await pilot.pause()
        message = str(reader(app).query_one("#message", Static).render())
        assert message == "Fokusmodus an."
        await pilot.press("9", "9")
        await pilot.pause()
        message = str(reader(app).query_one("#message", Static).render())
        assert message == "Link 99: kein solcher Link"
        await pilot.press("escape", "t")
        await pilot.pause()
        assert app.screen.query_one(ContentsPane).border_title == "Inhalt"


async def test_reading_settings_pane_speaks_the_interface_language() -> None:
    use_language("es")
    app = make_app(article=every_block_article())
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        pane = app.screen.query_one(SettingsPane)
        titles = [str(label.render()) for label in pane.query(".section-title").results(Label)]
        assert pane.border_title == "Ajustes de lectura"
        assert titles == ["Tamaño del texto", "Ancho", "Espaciado", "Tema", "Idioma"]
        checkbox = pane.query_one("#setting-focus_mode", Checkbox)
        assert str(checkbox.label) == "Modo concentración (atenuar el resto): desactivado"
