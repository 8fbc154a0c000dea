"""Translation in the full-screen reader, with a real tiny argos package: blocks arrive in the
background (visible ones first), keys still work, switching language cancels the old work,
`o` toggles the original and `O` cycles the views."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.core.document import Article, Heading, Inline, Paragraph, number_links
from reader.core.storage.settings import Settings
from reader.core.translate import engine
from reader.core.translate.archive import install_file
from reader.core.translate.article import translate_for_output
from reader.core.translate.sentences import split_sentences
from reader.tui.messages import TranslationFinished, TranslationProgress
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.translation_bar import TranslationBar
from tests.support.argos_tiny import (
    TRAINING_TEXT,
    cached_package,
    reference_translation,
)
from tests.support.tui_helpers import make_app, reader, settle

SENTENCES = [line for line in TRAINING_TEXT.splitlines() if line]


@pytest.fixture
def packages() -> Iterator[dict[str, Path]]:
    """Two packages installed (the user folders are isolated by conftest), no model loaded."""
    engine.forget_engines()
    installed = {
        "xx": install_file(cached_package("en", "xx", seed=0)).path,
        "yy": install_file(cached_package("en", "yy", seed=2)).path,
    }
    yield installed
    engine.forget_engines()


def article(paragraphs: int) -> Article:
    blocks = []
    for i in range(paragraphs):
        if i % 10 == 0:
            blocks.append(Heading(2, [Inline(f"Part {i // 10 + 1}")]))
        text = f"{SENTENCES[i % len(SENTENCES)]} {SENTENCES[(i * 7 + 3) % len(SENTENCES)]}"
        blocks.append(Paragraph([Inline(f"{text[:-1]} on day {i}.")]))
    result = Article(
        title="A long read", language="en", url="https://example.org/long", blocks=blocks
    )
    number_links(result)
    return result


async def wait_for(pilot: Pilot, condition: Callable[[], bool]) -> None:
    for _ in range(1500):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("condition never became true")


def filled(job) -> set[int]:
    return {i for i, block in enumerate(job.blocks) if block is not None}


async def test_visible_blocks_come_first_and_the_result_matches_the_model(packages) -> None:
    source = article(40)
    seen: list[object] = []
    snapshots: list[set[int]] = []

    def hook(message: object) -> None:
        seen.append(message)
        if isinstance(message, TranslationProgress):
            snapshots.append(filled(message.job))

    app = make_app(article=source, settings=Settings(theme="textual-dark"))
    async with app.run_test(size=(80, 24), message_hook=hook) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        screen.article_view.scroll_to_block(20)
        await pilot.pause()
        first = screen.article_view.current_block
        app.change_setting("language", "xx")
        await wait_for(pilot, lambda: any(isinstance(m, TranslationFinished) for m in seen))
        await pilot.pause()
        order = list(range(first, len(source.blocks))) + list(range(first))
        assert snapshots, "no progress was reported"
        for snapshot in snapshots:  # always a prefix of: visible blocks, below, above
            assert snapshot == set(order[: len(snapshot)])
        assert set(range(first, first + 8)) <= snapshots[0]
        shown = screen.article_view.article
        expected = translate_for_output(source, "xx")
        assert len(shown.blocks) == len(source.blocks)
        assert shown.blocks == expected.blocks
        paragraph = source.blocks[1].runs[0].text
        assert shown.blocks[1].runs[0].text == reference_translation(
            packages["xx"], split_sentences(paragraph)
        )
        assert "xx" in str(screen.translation_bar.render())
        assert screen.article_view.current_block == first  # the reader stayed in place


async def test_keys_answer_while_translating_and_a_new_language_cancels_the_old_work(
    packages, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real model translates every batch, but after the title and the first batch the work
    # into "xx" waits at a gate until the test opens it, so "keys answer while translating"
    # does not depend on how fast this machine happens to be.
    gate = threading.Event()
    calls_into_xx: list[int] = []
    translate = engine.Route.translate

    def gated(self: engine.Route, texts: list[str]) -> list[str]:
        result = translate(self, texts)
        if self.packages[-1].to_code == "xx":
            calls_into_xx.append(len(texts))
            if len(calls_into_xx) > 2:
                gate.wait(timeout=30)
        return result

    monkeypatch.setattr(engine.Route, "translate", gated)
    source = article(250)
    seen: list[object] = []
    app = make_app(article=source, settings=Settings(theme="textual-dark", language="xx"))
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        screen = reader(app)
        bar = screen.query_one(TranslationBar)
        await wait_for(pilot, lambda: bar.job is not None and bar.job.done > 0)
        old = bar.job
        assert old is not None and old.target == "xx"
        focus_mode = screen.article_view.focus_mode
        await pilot.press("z", "t")
        assert screen.article_view.focus_mode is not focus_mode
        assert screen.pane == "contents"
        assert not old.finished  # the keys were handled while the translation ran
        app.change_setting("language", "yy")
        gate.set()
        new = bar.job
        assert new is not old and new.target == "yy"
        await wait_for(pilot, lambda: new.done > 0)
        await wait_for(pilot, lambda: old.done == sum(b is not None for b in old.blocks))
        stopped_at = old.done
        assert not old.finished and stopped_at < old.total  # the old work stopped early
        await wait_for(
            pilot, lambda: any(isinstance(m, TranslationProgress) and m.job is new for m in seen)
        )
        await pilot.pause()
        assert old.done == stopped_at
        shown = screen.article_view.article
        text = source.blocks[1].runs[0].text
        assert shown.blocks[1].runs[0].text == reference_translation(
            packages["yy"], split_sentences(text)
        )


async def test_o_toggles_the_original_and_shift_o_cycles_the_views(packages) -> None:
    source = article(12)
    seen: list[object] = []
    app = make_app(article=source, settings=Settings(theme="textual-dark", language="xx"))
    async with app.run_test(size=(100, 30), message_hook=seen.append) as pilot:
        screen = reader(app)
        await wait_for(pilot, lambda: any(isinstance(m, TranslationFinished) for m in seen))
        await pilot.pause()
        view = screen.article_view
        translated = view.article
        assert translated is not source and len(translated.blocks) == len(source.blocks)
        await pilot.press("o")
        assert view.article is source
        await pilot.press("o")
        assert view.article.blocks == translated.blocks
        await pilot.press("O")  # interleaved
        assert app.settings.translation_view == "interleaved"
        mixed = view.article.blocks
        assert mixed[0::2] == source.blocks and mixed[1::2] == translated.blocks
        await pilot.press("O")  # side by side
        await pilot.pause()
        assert app.settings.translation_view == "side-by-side"
        column = screen.query_one("#translation-column", ArticleView)
        assert screen.has_class("-side-by-side") and column.display
        assert view.article is source
        assert column.article.blocks == translated.blocks
        await pilot.press("O")
        assert app.settings.translation_view == "translation"
        assert not screen.has_class("-side-by-side")


async def test_settings_pane_offers_installed_languages(packages) -> None:
    app = make_app(article=article(3), settings=Settings(theme="textual-dark"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("s")
        await pilot.pause()
        from textual.widgets import Select

        select = app.screen.query_one("#translation-language", Select)
        values = [value for _, value in select._options]
        assert values == ["off", "xx", "yy"]
        select.value = "yy"
        await pilot.pause()
        assert app.settings.language == "yy"
        bar = reader(app).translation_bar
        await wait_for(pilot, lambda: bar.job is not None and bar.job.finished)
        assert bar.job.target == "yy"
        select.value = "off"
        await pilot.pause()
        assert app.settings.language is None
        assert reader(app).article_view.article.blocks == app.first_article.blocks


async def test_side_by_side_column_follows_the_article_column(packages) -> None:
    source = article(30)
    seen: list[object] = []
    settings = Settings(theme="textual-dark", language="xx", translation_view="side-by-side")
    app = make_app(article=source, settings=settings)
    async with app.run_test(size=(120, 30), message_hook=seen.append) as pilot:
        screen = reader(app)
        await wait_for(pilot, lambda: any(isinstance(m, TranslationFinished) for m in seen))
        await pilot.pause()
        view = screen.article_view
        column = screen.query_one("#translation-column", ArticleView)
        assert screen.has_class("-side-by-side") and view.article is source
        for _ in range(5):
            await pilot.press("right_curly_bracket")
        await pilot.pause()
        assert view.current_block == 5
        assert column.current_block == view.current_block
        app.change_setting("paragraph_spacing", 0)
        await pilot.pause()
        assert column.layout_options.paragraph_spacing == 0  # it follows the settings too
