"""The reading position is shared: line mode resumes where it stopped, where the full-screen
reader stopped, and the full-screen reader opens where line mode stopped."""

from __future__ import annotations

from pathlib import Path

from reader.core.reading import ReadingPosition
from reader.core.storage.state import State
from tests.support.line import transcript
from tests.support.tui_helpers import make_app, reader, settle

PARAGRAPH = "<p>Paragraph {n} of part {part}: " + "steady reading text that goes on. " * 12 + "</p>"


def write_page(path: Path, parts: int = 3, paragraphs: int = 5) -> str:
    body = "".join(
        f"<h2>Part {part}</h2>"
        + "".join(PARAGRAPH.format(n=n, part=part) for n in range(1, paragraphs + 1))
        for part in range(1, parts + 1)
    )
    path.write_text(
        "<html><head><title>Parts</title></head><body><article><h1>Parts</h1>"
        f"{body}</article></body></html>",
        encoding="utf-8",
    )
    return str(path)


def test_reopening_an_article_resumes_where_reading_stopped(tmp_path: Path) -> None:
    page = write_page(tmp_path / "parts.html")
    first = transcript("h", "n", "q", source=page)
    assert "> n\nParagraph 1 of part 2: steady reading" in first
    assert first.endswith("> q\n")
    second = transcript("w", source=page)
    assert "Resuming at block 8 of 18, under Heading 2: Part 2.\nParagraph 1 of part 2:" in second
    assert "> w\nParts\nUnder Heading 2: Part 2.\nBlock 8 of 18," in second


def test_resuming_on_a_heading_names_it_and_the_top_says_nothing(tmp_path: Path) -> None:
    page = write_page(tmp_path / "parts.html")
    transcript("t 3", source=page)
    assert "Resuming at Heading 2: Part 3, block 13 of 18.\nHeading 2: Part 3\n" in transcript(
        source=page
    )
    transcript("top", source=page)
    assert "Resuming" not in transcript(source=page)


def test_a_saved_place_past_the_end_of_a_shorter_article_lands_on_its_last_block(
    tmp_path: Path,
) -> None:
    page = write_page(tmp_path / "parts.html")
    transcript("end", source=page)
    write_page(tmp_path / "parts.html", parts=1)
    out = transcript(source=page)
    assert "Resuming at block 6 of 6, under Heading 2: Part 1.\nParagraph 5 of part 1:" in out


async def test_the_full_screen_reader_opens_where_line_mode_stopped(tmp_path: Path) -> None:
    page = write_page(tmp_path / "parts.html")
    transcript("t 2", "n", "n", source=page)  # paragraph 2 of part 2: block 8
    app = make_app(page, state=State())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert reader(app).article_view.position == (8, 0)


async def test_line_mode_resumes_where_the_full_screen_reader_stopped(tmp_path: Path) -> None:
    page = write_page(tmp_path / "parts.html")
    app = make_app(page, state=State())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        screen.article_view.scroll_to_block(13)
        await pilot.pause()
        screen.action_quit()
    with State() as state:
        assert state.position(Path(page).as_uri()) == ReadingPosition(13, 0)
    out = transcript(source=page)
    assert "Resuming at block 14 of 18, under Heading 2: Part 3.\nParagraph 1 of part 3:" in out
