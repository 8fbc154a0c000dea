"""Bare link lines that close an article after its last paragraph ("Back to the overview", a
row of tags, a pointer to a photo album) point away from it and are not read; a link line
inside the body, or a closing sentence holding a link, is text of the article and stays."""

from __future__ import annotations

from reader.core.document import Page, iter_texts
from reader.core.extract.extractor import extract

STORY = "".join(
    f"<p>Paragraph {n} of the report: the river rose two metres overnight, the old bridge "
    "held, and the ferry crossed again at noon once the current had calmed down.</p>"
    for n in range(5)
)
LAST = "<p>The town council meets on Monday to decide how the banks are rebuilt.</p>"


def read(body: str) -> list[str]:
    html = (
        "<html><head><title>The flood</title></head><body><article><h1>The flood</h1>"
        f"{body}</article></body></html>"
    )
    return list(iter_texts(extract(Page(url="https://news.example/flood", text=html)).blocks))


def test_bare_link_lines_after_the_last_paragraph_are_not_read() -> None:
    closing = (
        "<p><a href='/news/'>Back to the overview</a></p>"
        "<p><a href='https://photos.example/album/1'>Photos of the flood</a></p>"
        "<p><a href='/tag/river'>River</a> <a href='/tag/weather'>Weather</a></p>"
    )
    text = read(STORY + LAST + closing)
    assert text[-1] == "The town council meets on Monday to decide how the banks are rebuilt."
    assert not {"Back to the overview", "Photos of the flood", "River Weather"} & set(text)


def test_a_link_line_inside_the_body_and_a_closing_sentence_with_a_link_are_read() -> None:
    inside = "<p><a href='https://photos.example/album/1'>Photos of the flood</a></p>"
    closing = (
        "<p>The council's <a href='/plan'>rebuilding plan</a> is open for comments until "
        "the end of the month.</p>"
    )
    text = read(STORY + inside + LAST + closing)
    assert "Photos of the flood" in text
    assert text[-1].startswith("The council's rebuilding plan is open for comments")
