"""Build and run the full-screen reader: `create_app` for tests, `run_tui` for the CLI."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from reader.core.document import Article
from reader.core.pipeline import Options
from reader.core.storage.settings import TRANSLATION_VIEWS, Settings, load_settings
from reader.core.storage.state import State
from reader.tui.app import ReaderApp


def create_app(
    source: str | None,
    options: Options | None = None,
    settings: Settings | None = None,
    *,
    state: State | None = None,
    save: bool = True,
    warnings: Iterable[str] = (),
    article: Article | None = None,
) -> ReaderApp:
    """An app for `source` (None: the welcome article) with exactly these settings.

    `state` keeps history and reading positions (None: nothing is remembered); `save=False`
    keeps setting changes in memory only; `article` is shown at once instead of loading
    `source` (tests, benchmarks).
    """
    return ReaderApp(
        source,
        options or Options(),
        settings or Settings(),
        state=state,
        save=save,
        warnings=warnings,
        article=article,
    )


def run_tui(
    source: str | None,
    options: Options,
    *,
    language: str | None = None,
    translation_view: str | None = None,
    translation_source: str | None = None,
    scale: int | None = None,
) -> int:
    """Run the reader with the user's settings, history and positions; the exit code.

    `language` and `translation_view` (from `--translate` and `--translation-view`) override
    the saved settings for this run, and so does `scale` (`--scale`); `translation_source`
    is `--from`.
    """
    settings, warnings = load_settings()
    if language:
        settings = replace(settings, language=language)
    for view in TRANSLATION_VIEWS:  # argparse has checked the name
        if view == translation_view:
            settings = replace(settings, translation_view=view)
    if scale:
        settings = replace(settings, scale=scale)
    state = State()
    app = create_app(source, options, settings, state=state, warnings=warnings)
    app.translation_source = translation_source
    app.run()
    return app.return_code or 0
