"""Distillation removes page furniture (cookie banners, share bars, newsletter boxes, related
stories, comments, hidden boxes) and keeps embedded posts; --full keeps everything visible."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.document import Article, Page, Quote, iter_texts
from reader.core.extract.extractor import extract

PAGE = (Path(__file__).parent / "pages" / "clutter.html").read_text("utf-8")


@pytest.fixture(scope="module")
def article() -> Article:
    return extract(Page(url="https://coast.example/seals", text=PAGE))


def text_of(article: Article) -> str:
    return "\n".join(iter_texts(article.blocks))


def test_article_paragraphs_are_kept(article: Article) -> None:
    text = text_of(article)
    assert "For the first time in forty years" in text
    assert "Scientists credit cleaner water" in text
    assert article.notices == []


@pytest.mark.parametrize(
    "clutter",
    [
        "We use cookies",
        "Share on Facebook",
        "Sign up for our weekly newsletter",
        "Otters spotted upstream",
        "I saw them last week",
        "pop up on hover",
        "hidden by a utility class",
    ],
)
def test_page_furniture_is_removed(article: Article, clutter: str) -> None:
    assert clutter not in text_of(article)


def test_embedded_post_is_kept_as_a_quote(article: Article) -> None:
    quotes = [b for b in article.blocks if isinstance(b, Quote)]
    assert any("Sixty-two seals" in t for q in quotes for t in iter_texts(q.blocks))


def test_full_mode_keeps_the_furniture_that_is_visible() -> None:
    full = text_of(extract(Page(url="https://coast.example/seals", text=PAGE), full=True))
    assert "Share on Facebook" in full and "I saw them last week" in full


def test_links_named_like_furniture_stay_in_their_sentence() -> None:
    sentence = (
        "<p>He said, <a href='#' class='popup share'>if you prefer that I should</a>, and left.</p>"
    )
    filler = "More words of the story to make it long. " * 8
    html = f"<body><article>{sentence}<p>{filler}</p></article></body>"
    text = text_of(extract(Page(url="https://coast.example/x", text=html)))
    assert "He said, if you prefer that I should, and left." in text


def test_a_lead_paragraph_in_a_wrapper_named_like_media_is_kept() -> None:
    lead = "<p>HARBOUR TOWN - The lead paragraph sits alone in a wrapper.</p>"
    lead = f"<div class='leafmedia'>{lead}</div>"
    body = "".join(
        f"<div class='para'>Sentence {i} of the article body, with words.</div>" for i in range(12)
    )
    html = f"<body><div class='story-body'>{lead}{body}</div></body>"
    text = text_of(extract(Page(url="https://coast.example/x", text=html)))
    assert text.startswith("HARBOUR TOWN - The lead paragraph")


STORY = "".join(
    f"<p>Paragraph {i} of the story about the harbour seals, told at some length here.</p>"
    for i in range(8)
)


def distilled_text(html: str) -> str:
    return text_of(extract(Page(url="https://coast.example/x", text=html)))


def test_the_author_biography_box_is_dropped_and_the_story_kept() -> None:
    bio = (
        "<section class='author-bio'><h4><a href='/author/jd'>Jane Doe</a></h4>"
        "<p>Jane writes about the coast and its wildlife and has done so for twenty years.</p>"
        "</section>"
    )
    text = distilled_text(f"<body><article>{STORY}{bio}</article></body>")
    assert "Paragraph 7 of the story" in text
    assert "has done so for twenty years" not in text


def test_a_picture_credit_beside_the_caption_is_dropped_and_the_caption_kept() -> None:
    figure = (
        "<div class='picture'><img src='/seals.jpg' alt='Seals'>"
        "<div class='image-credit'>Photo: Jane Roe / Coast Agency</div>"
        "<figure><img src='/pups.jpg' alt='Pups'><figcaption>Pups on the sandbank at dawn."
        " <span class='credit'>Tom Poe</span></figcaption></figure></div>"
    )
    lead = "<p>The seals came back to the estuary this spring, the first time in forty years.</p>"
    text = distilled_text(f"<body><article>{lead}{figure}{STORY}</article></body>")
    assert "Pups on the sandbank at dawn. Tom Poe" in text
    assert "Jane Roe" not in text


def test_a_biography_marked_up_as_the_author_is_dropped_and_the_story_kept() -> None:
    byline = "<p itemprop='author'>By Jane Doe</p>"
    bio = (
        "<section itemprop='author'><a href='/author/jd'>Jane Doe</a><p>I am Jane and I am so"
        " glad you stopped by! I have written about seals, otters and the harbour birds of the"
        " coast for twenty years, and I print my own maps.</p></section>"
    )
    text = distilled_text(f"<body><article>{byline}{STORY}{bio}</article></body>")
    assert "I am Jane and I am so glad" not in text
    assert "Paragraph 7 of the story" in text


@pytest.mark.parametrize("name", ["kommentare", "commentaires-liste", "comentarios"])
def test_readers_comments_named_in_other_languages_are_dropped(name: str) -> None:
    comments = (
        f"<div class='{name}'><p>Sie sind aktuell nicht eingeloggt. Um einen Kommentar zu"
        " hinterlassen, loggen Sie sich bitte ein.</p></div>"
    )
    text = distilled_text(f"<body><article>{STORY}{comments}</article></body>")
    assert "Paragraph 7 of the story" in text
    assert "nicht eingeloggt" not in text
