"""Pilot test: the language picker in Reading settings names each language ("German (de)"),
with the names the installed translation packages give."""

from __future__ import annotations

from textual.widgets import Select

from reader.core.storage.settings import Settings
from reader.core.translate import engine
from reader.core.translate.archive import install_file
from reader.tui.widgets.settings_pane import language_label
from tests.support.argos_tiny import cached_package
from tests.support.tui_helpers import long_article, make_app, settle


def test_a_language_reads_as_its_name_then_its_code() -> None:
    assert language_label("de", "German") == "German (de)"
    assert language_label("xx", "") == "xx"


async def test_the_language_picker_shows_names_from_the_installed_packages() -> None:
    engine.forget_engines()
    install_file(cached_package("en", "de", seed=0))
    # A language set in settings.toml with no package installed for it keeps its bare code.
    settings = Settings(theme="textual-dark", language="qq")
    app = make_app(article=long_article(), settings=settings)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot, app)
            await pilot.press("s")
            await pilot.pause()
            select = app.screen.query_one("#translation-language", Select)
            labels = {value: str(label) for label, value in select._options}
            assert labels == {
                "off": "Original (no translation)",
                "de": "Test de (de)",  # the package's own name for it
                "qq": "qq",
            }
    finally:
        engine.forget_engines()
