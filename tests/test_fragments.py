"""`#fragment` links: the article keeps the page's element ids, so citation markers lead to
their footnotes and the footnotes' back-links lead back, in the full-screen app and in line
mode, without fetching the page again; Back returns to where the reader was."""

from __future__ import annotations

from textual.widgets import Static

from reader.core.document import ListBlock, Page, Paragraph, runs_text
from reader.core.extract.extractor import extract
from reader.core.reading import Reading
from reader.core.translate.article import compose, translate_article
from reader.tui.widgets.article_view import ArticleView
from tests.support import httpserver
from tests.support.httpserver import LocalServer
from tests.support.line import transcript
from tests.support.tui_helpers import make_app, reader, settle

http_server = httpserver.http_server

STEADY = "Some steady reading text that goes on for a while and keeps the page long. " * 6

NOTES = f"""<!doctype html><html lang="en"><head><title>Lighthouses</title></head><body>
<nav><a href="/">Home</a></nav>
<main><article><h1>Lighthouses</h1>
<p>Lighthouses guided ships for centuries<sup id="cite_ref-1"><a href="#cite_note-1">[a]</a>
</sup> and many still stand on rocky coasts today.</p>
<p>{STEADY}</p>
<h2 id="part2">Keepers and their lamps</h2>
<p>{STEADY}</p>
<p>The last keepers left in the 1990s<sup id="cite_ref-2"><a href="#cite_note-2">[b]</a></sup>,
when the lamps became automatic.</p>
{f"<p>{STEADY}</p>" * 4}
<h2>References</h2>
<ol class="references">
<li id="cite_note-1"><a href="#cite_ref-1">^</a> A history of coastal lights, 1901.</li>
<li id="cite_note-2"><a href="#cite_ref-2">^</a> The keepers' association, 1998.</li>
</ol>
</article></main></body></html>""".encode()


def _on_screen(view: ArticleView, block: int) -> bool:
    """Block `block` starts on screen (a footnote near the end cannot reach the top line)."""
    line = view.line_of_position(block, 0)
    return view.top_line <= line < view.top_line + view.scrollable_content_region.height


def _block_starting(reading: Reading, text: str) -> int:
    return next(i for i, t in enumerate(reading.texts) if t.startswith(text))


def test_the_article_keeps_element_ids_as_anchors_to_their_blocks() -> None:
    article = extract(Page("http://127.0.0.1:9/notes.html", NOTES.decode()))
    blocks = article.blocks
    references = article.anchors["cite_note-1"]
    assert isinstance(blocks[references], ListBlock)
    assert article.anchors["cite_note-2"] == references  # the list is one block
    assert runs_text(blocks[article.anchors["part2"]].runs) == "Keepers and their lamps"  # type: ignore[union-attr]
    first = blocks[article.anchors["cite_ref-1"]]
    assert isinstance(first, Paragraph) and runs_text(first.runs).startswith("Lighthouses")
    second = blocks[article.anchors["cite_ref-2"]]
    assert isinstance(second, Paragraph) and runs_text(second.runs).startswith("The last")


def test_an_anchor_on_an_empty_element_leads_to_the_next_block() -> None:
    html = (
        "<html><body><p>First paragraph of the page.</p><a name='here'></a><div id='empty'></div>"
        "<p>Second paragraph, where the anchor leads.</p></body></html>"
    )
    article = extract(Page("http://127.0.0.1:9/a.html", html), full=True)
    assert article.anchors == {"here": 1, "empty": 1}


def test_line_mode_citation_goes_to_its_footnote_and_the_back_link_returns(
    http_server: LocalServer,
) -> None:
    url = http_server.page("/notes.html", NOTES)
    out = transcript("g 1", "g 3", source=url)
    after = out.split("> g 1\n", 1)[1]
    assert after.startswith("Link 1 goes to block ")
    assert "A history of coastal lights, 1901." in after.split("> g 3\n")[0]
    back = after.split("> g 3\n", 1)[1]
    assert back.startswith("Link 3 goes to block 1 of this article:\nLighthouses guided ships")
    assert len(http_server.requests) == 1  # fragments never fetch the page again


async def test_app_citation_jumps_to_the_footnote_and_back_returns(
    http_server: LocalServer,
) -> None:
    url = http_server.page("/notes.html", NOTES)
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        view = screen.article_view
        reading = view.reading
        assert reading is not None and view.current_block == 0
        notes = reading.anchors["cite_note-1"]
        await pilot.press("1", "enter")  # the citation marker [a]
        await pilot.pause()
        assert view.top_line > 0 and _on_screen(view, notes)
        message = str(screen.query_one("#message", Static).render())
        assert message.endswith(f"{url}#cite_note-1")  # the fragment stays on the message line
        await pilot.press("backspace")  # Back
        await pilot.pause()
        assert view.position == (0, 0)
        assert str(screen.query_one("#message", Static).render()) == url
        await pilot.press("alt+right")  # Forward: the footnote again
        await pilot.pause()
        assert view.top_line > 0 and _on_screen(view, notes)
        back_link = next(link for link in reading.links if link.url.endswith("#cite_ref-2"))
        await pilot.press(*str(back_link.number), "enter")  # the footnote's back-link
        await pilot.pause()
        assert view.current_block == _block_starting(reading, "The last keepers")
        assert [path for path, _ in http_server.requests] == ["/notes.html"]


async def test_app_opens_an_address_with_a_fragment_at_that_place(
    http_server: LocalServer,
) -> None:
    url = http_server.page("/notes.html", NOTES)
    app = make_app(f"{url}#part2")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        view = screen.article_view
        assert view.reading is not None
        assert view.reading.texts[view.current_block] == "Keepers and their lamps"
        assert str(screen.query_one("#message", Static).render()).endswith("#part2")


async def test_app_says_when_a_fragment_names_nothing_and_stays_put(
    http_server: LocalServer,
) -> None:
    page = NOTES.replace(b'href="#cite_note-2"', b'href="#nowhere"')
    url = http_server.page("/notes.html", page)
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        reading = screen.article_view.reading
        assert reading is not None
        broken = next(link for link in reading.links if link.url.endswith("#nowhere"))
        await pilot.press(*str(broken.number), "enter")
        await pilot.pause()
        assert screen.article_view.position == (0, 0)
        message = str(screen.query_one("#message", Static).render())
        assert (
            message == f"Link {broken.number} points to #nowhere, which this article does not have."
        )
        assert screen.navigation.index == 0


def test_interleaved_translation_keeps_each_anchor_on_its_original_block() -> None:
    article = extract(Page("http://127.0.0.1:9/notes.html", NOTES.decode()))

    def upper(texts: list[str]) -> list[str]:
        return [text.upper() for text in texts]

    _title, translated = translate_article(article, upper)
    shown = compose(article, translated, "interleaved")
    reading = Reading(shown)
    for name, block in article.anchors.items():
        target = reading.anchor_block(name)
        assert target is not None and shown.blocks[target] is article.blocks[block]
        assert target not in shown.translations
