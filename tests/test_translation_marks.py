"""An interleaved translation is marked as one, never by colour alone: in the app a
"Translation:" label, a dashed bar and italic; in plain output and line mode a
"Translation:" prefix (a translated heading is not announced a second time); side by side,
each column says what it holds. A real tiny argos package (en -> xx) translates."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.core.document import Article, Heading, Inline, Paragraph, number_links
from reader.core.storage.settings import Settings
from reader.core.translate import engine
from reader.core.translate.archive import install_file
from reader.tui.messages import TranslationFinished
from reader.tui.widgets.article_view import ArticleView
from tests.support.argos_tiny import cached_package, isolated_env
from tests.support.tui_helpers import make_app, reader

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Trains and rain</title></head>
<body><main><article><h1>Trains and rain</h1>
<p>Rain is expected in the north, with sunny spells in the south. Trains were delayed this
morning because of a signal fault, and the city council voted to plant new trees.</p>
<h2>The museum opens at nine</h2>
<p>Please read the whole report before you comment on the article, because the museum opens
at nine and closes late on Fridays.</p>
</article></main></body></html>
"""


@pytest.fixture
def en_xx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """The en -> xx package installed in a fresh argos directory; its environment."""
    env = isolated_env(tmp_path)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    engine.forget_engines()
    install_file(cached_package("en", "xx", seed=0))
    yield env
    engine.forget_engines()


def article() -> Article:
    made = Article(
        title="Trains and rain",
        language="en",
        url="https://example.org/trains",
        blocks=[
            Heading(2, [Inline("The museum opens at nine and closes late on Fridays.")]),
            Paragraph([Inline("Rain is expected in the north, with sunny spells in the south.")]),
        ],
    )
    number_links(made)
    return made


async def wait_for(pilot: Pilot, condition: Callable[[], bool]) -> None:
    for _ in range(1500):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("condition never became true")


def test_plain_interleaved_output_prefixes_each_translation_and_announces_headings_once(
    en_xx: dict[str, str], tmp_path: Path
) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    args = ["--plain", "--translate", "xx", "--translation-view", "interleaved", str(page)]
    done = subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    blocks = done.stdout.split("\n\n")
    original = next(i for i, b in enumerate(blocks) if b.startswith("Rain is expected"))
    assert blocks[original + 1].startswith("Translation: ")
    heading = blocks.index("Heading 2: The museum opens at nine")
    assert blocks[heading + 1].startswith("Translation: ")
    assert done.stdout.count("Heading 2:") == 1  # the translated heading is not announced again


def test_plain_output_without_translation_has_no_translation_prefix(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "reader", "--plain", str(page)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Translation" not in done.stdout


async def test_app_marks_each_interleaved_translation_with_a_label_a_bar_and_italic(
    en_xx: dict[str, str],
) -> None:
    seen: list[object] = []
    settings = Settings(theme="textual-dark", language="xx", translation_view="interleaved")
    app = make_app(article=article(), settings=settings)
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        screen = reader(app)
        await wait_for(pilot, lambda: any(isinstance(m, TranslationFinished) for m in seen))
        await pilot.pause()
        view = screen.article_view
        assert view.article is not None and view.article.translations == frozenset({1, 3})
        lines = [view.line(i) for i in range(view.line_count)]
        for block in (0, 2):  # originals: no mark
            drawn = [line for line in lines if line and line.block == block and line.spans]
            assert not any("translation" in keys for line in drawn for _, keys in line.spans)
        for block in (1, 3):
            drawn = [line for line in lines if line and line.block == block and line.spans]
            assert drawn[0].text == "Translation:"
            assert all(line.text.startswith("┆ ") for line in drawn[1:])
            row = view.line_of_position(block, 0) + 1 - view.top_line
            strip = view.render_line(row)
            text_segments = [s for s in strip if s.text.strip() and s.text.strip() != "┆"]
            assert text_segments and all(s.style and s.style.italic for s in text_segments)
        heading_label = next(line for line in lines if line and line.block == 1)
        assert "#" not in heading_label.text  # the translated heading is not a second heading


async def test_side_by_side_columns_say_original_and_translation(en_xx: dict[str, str]) -> None:
    seen: list[object] = []
    settings = Settings(theme="textual-dark", language="xx", translation_view="side-by-side")
    app = make_app(article=article(), settings=settings)
    async with app.run_test(size=(100, 24), message_hook=seen.append) as pilot:
        screen = reader(app)
        await wait_for(pilot, lambda: any(isinstance(m, TranslationFinished) for m in seen))
        await pilot.pause()
        column = screen.query_one("#translation-column", ArticleView)
        assert screen.has_class("-side-by-side")
        assert screen.article_view.border_title == "Original"
        assert column.border_title == "Translation (xx)"
        shown = app.export_screenshot().replace("&#160;", " ")
        assert "Original" in shown and "Translation (xx)" in shown
        await pilot.press("O")  # translation only: no column, no labels
        await pilot.pause()
        assert screen.article_view.border_title is None
