"""Without the `translate` extra, every translation feature says in one line what to install.

Each test runs reader in a fresh interpreter where `ctranslate2` cannot be imported
(`sys.modules["ctranslate2"] = None` makes `import ctranslate2` raise ImportError, as in an
install without the extra); everything else is the real program.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from reader.core.translate.archive import install_file
from tests.support.argos_tiny import cached_package

ROOT = Path(__file__).resolve().parent.parent
HIDE = "import sys; sys.modules['ctranslate2'] = None\n"
RUN_CLI = HIDE + "from reader.cli import main; sys.exit(main(sys.argv[1:]))"
INSTALL = "install it with: pip install 'reading-mode[translate]'"


def without_translation(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def assert_says_what_to_install(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 4, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("reader: offline translation is not installed")
    assert INSTALL in result.stderr


def test_translate_option_without_the_extra_names_the_extra_and_exits_4(tmp_path: Path) -> None:
    install_file(cached_package())  # an installed package does not help without the machinery
    page = tmp_path / "page.html"
    page.write_text("<html lang=en><body><p>The quick brown fox reads the news.</p></body></html>")
    assert_says_what_to_install(
        without_translation(RUN_CLI, "--plain", "--translate", "xx", str(page))
    )
    reading = without_translation(RUN_CLI, "--plain", str(page))
    assert reading.returncode == 0 and "quick brown fox" in reading.stdout


def test_languages_commands_without_the_extra_name_the_extra_and_exit_4() -> None:
    for args in ([], ["available"], ["install", "en", "es"], ["remove", "en", "es"]):
        assert_says_what_to_install(without_translation(RUN_CLI, "languages", *args))


APP = HIDE + textwrap.dedent(
    """
    import asyncio
    from reader.core.document import Article, Inline, Paragraph
    from reader.core.storage.settings import Settings
    from reader.tui.messages import TranslationFinished
    from reader.tui.widgets.translation_bar import TranslationBar
    from tests.support.tui_helpers import make_app, reader

    async def main() -> None:
        seen = []
        article = Article(title="News", language="en", url="https://example.org/",
                          blocks=[Paragraph([Inline("The quick brown fox reads the news.")])])
        settings = Settings(theme="textual-dark", language="xx")
        app = make_app(article=article, settings=settings)
        async with app.run_test(size=(100, 30), message_hook=seen.append) as pilot:
            for _ in range(1500):
                if any(isinstance(m, TranslationFinished) for m in seen):
                    break
                await pilot.pause(0.02)
            await pilot.pause()
            print(reader(app).query_one(TranslationBar).render())

    asyncio.run(main())
    """
)


def test_app_translate_action_without_the_extra_names_the_extra() -> None:
    install_file(cached_package())
    result = without_translation(APP)
    assert result.returncode == 0, result.stderr
    assert "Not translated: offline translation is not installed" in result.stdout
    assert "pip install 'reading-mode[translate]'" in result.stdout
