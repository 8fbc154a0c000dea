"""How the article's container is chosen and what of its surroundings is kept."""

from __future__ import annotations

from reader.core.document import Article, Heading, Page, Paragraph, iter_texts, runs_text
from reader.core.extract.extractor import extract

STORY = (
    "The ferry to the island now runs twice a day, the harbour office said on Monday, after "
    "a winter of single crossings that left the islanders short of fuel and bread. "
)
TEASER = (
    "Officer cadets learn drill, map reading, first aid and the history of the corps, in a "
    "course that lasts, for most of them, forty-four weeks, the school said. "
)


def texts(article: Article) -> list[str]:
    return [runs_text(b.runs) for b in article.blocks if isinstance(b, Heading | Paragraph)]


def page(body: str, title: str = "Ferry runs twice a day | Harbour News") -> Article:
    html = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    return extract(Page(url="https://example.org/news/ferry.html", text=html))


def test_an_article_in_a_box_named_like_a_header_is_read_not_the_teasers_beside_it() -> None:
    article_box = (
        "<div class='col hasHeaderImage'><h1>Ferry runs twice a day</h1>"
        + "".join(f"<p>{STORY} Part {n}.</p>" for n in range(4))
        + "</div>"
    )
    teasers = "<div class='related'>" + f"<div><p>{TEASER}</p><p>{TEASER}</p></div>" + "</div>"
    article = page(f"<div class='wrap'>{article_box}</div>{teasers}")
    joined = " ".join(texts(article))
    assert "Part 3." in joined
    assert "Officer cadets" not in joined


def test_the_lead_paragraph_set_in_the_header_with_the_title_is_read_before_the_body() -> None:
    lead = "Crossings double from Monday after a winter of single runs, the harbour office says."
    head = (
        "<title>Ferry runs twice a day | Harbour News</title>"
        f"<meta name='description' content='{lead}'>"
    )
    header = (
        f"<div class='intro-header'><h1>Ferry runs twice a day</h1><p>{lead}</p>"
        "<p>By the harbour desk</p></div>"
    )
    body = "<div class='story'>" + "".join(f"<p>{STORY} Part {n}.</p>" for n in range(4)) + "</div>"
    html = f"<html><head>{head}</head><body><div>{header}{body}</div></body></html>"
    article = extract(Page(url="https://example.org/news/ferry.html", text=html))
    assert texts(article)[0] == lead
    assert texts(article)[1].startswith("The ferry to the island")
    assert "By the harbour desk" not in " ".join(texts(article))


def test_the_prose_beside_a_long_list_of_references_is_read_with_the_list() -> None:
    abstract = "".join(f"<p>{STORY} Finding {n}.</p>" for n in range(8))
    references = "".join(
        f"<li><p>Lee A, Chen B, Okafor C, Silva D, Novak E. Crossings, tides, and fuel, "
        f"volume {n}, pages {n}0-{n}9, 2019.</p></li>"
        for n in range(20)
    )
    body = (
        f"<div class='body'><section><div><div>{abstract}</div></div></section>"
        f"<section><div><div><div><ol>{references}</ol></div></div></div></section></div>"
    )
    article = page(f"<h1>Ferry runs twice a day</h1>{body}")
    joined = " ".join(iter_texts(article.blocks))
    assert "Finding 7." in joined
    assert "volume 19" in joined
