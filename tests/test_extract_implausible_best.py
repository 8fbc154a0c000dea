"""Pages that hold an article although readability's first pick reads like no article: headings
that link to their own section or sit together in one box, a best node emptied by sanitizing,
a slider of short captions scoring above the story. Each is an article, not "no article found";
a page of story cards still is not."""

from __future__ import annotations

from reader.core.document import Article, Page, iter_texts
from reader.core.extract.distil import NO_ARTICLE
from reader.core.extract.extractor import extract


def section(topic: str) -> str:
    return "".join(
        f"<p>The {topic} part, sentence {n}: the miller weighed the grain, wrote the figure "
        "in his book, and sent the flour down the river by boat, as his father had done.</p>"
        for n in range(3)
    )


def read(body: str, title: str = "The Valley Mill") -> Article:
    html = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    return extract(Page(url="https://example.org/valley/mill.html", text=html))


def text(article: Article) -> str:
    return "\n".join(iter_texts(article.blocks))


TOPICS = ("wheel", "stones", "granary", "river", "ledger")


def test_sections_whose_headings_link_to_themselves_are_an_article() -> None:
    sections = "".join(f"<h2 id='{t}'><a href='#{t}'>The {t}</a></h2>{section(t)}" for t in TOPICS)
    article = read(f"<h1>The Valley Mill</h1><div class='post'>{sections}</div>")
    assert article.notices == []
    assert "The stones" in text(article)  # the section headings are kept
    assert "The ledger part, sentence 2" in text(article)


def test_sections_headed_by_named_anchors_are_an_article() -> None:
    sections = "".join(f"<h2><a name='{t}'>The {t}</a></h2>{section(t)}" for t in TOPICS)
    article = read(f"<h1>The Valley Mill</h1><div class='post'>{sections}</div>")
    assert article.notices == []
    assert "The granary" in text(article)


def test_a_guide_whose_item_headings_link_to_shops_is_an_article() -> None:
    """All the linked headings sit in the one body box: no box is a story card."""
    items = "".join(
        f"<h3><a href='https://shop.example/{t}'>A new {t}</a></h3>{section(t)}" for t in TOPICS
    )
    article = read(f"<h1>Gifts for a miller</h1><div class='post'>{items}</div>")
    assert article.notices == []
    assert "The river part, sentence 1" in text(article)


def test_story_cards_linking_to_other_pages_are_still_no_article() -> None:
    cards = "".join(
        f"<div class='card'><h3><a href='/story/{t}'>A story about the {t}</a></h3>"
        f"<p>{section(t)[3:200]}</p></div>"
        for t in (*TOPICS, "weir")
    )
    article = read(f"<main>{cards}</main>", title="Valley News")
    assert article.notices == [NO_ARTICLE]


def test_a_body_box_named_like_a_widget_is_kept_when_it_holds_the_whole_article() -> None:
    """Sanitizing drops a box whose class name scores negative ("widget") when its paragraphs
    score little; when that box holds all the article's text, nothing would be left."""
    body = f"<div class='post-body'><div class='widget-container'>{section('wheel')}</div></div>"
    article = read(f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>{body}")
    assert article.notices == []
    assert "The wheel part, sentence 2" in text(article)
    assert "News" not in text(article)
