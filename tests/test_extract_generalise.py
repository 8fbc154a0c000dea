"""Rules that hold on unseen pages: no text of the article lost, no boxes beside it taken in."""

from __future__ import annotations

from reader.core.document import Article, Page, iter_texts
from reader.core.extract.extractor import extract

STORY = (
    "The ferry to the island now runs twice a day, the harbour office said on Monday, after "
    "a winter of single crossings that left the islanders short of fuel and bread. "
)


def page(body: str, title: str = "Ferry runs twice a day | Harbour News") -> Article:
    html = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    return extract(Page(url="https://example.org/news/ferry.html", text=html))


def joined(article: Article) -> str:
    return " ".join(" ".join(t.split()) for t in iter_texts(article.blocks))


def test_a_passage_indented_with_a_bare_list_tag_is_read() -> None:
    aside = (
        "<ul> (The harbour master hopes for <i>three</i> crossings by summer, but a second "
        "boat has yet to be found.) </ul>"
    )
    article = page(f"<div><p>{STORY}</p>{aside}<p>{STORY}</p><p>{STORY}</p></div>")
    assert "hopes for three crossings by summer, but a second boat" in joined(article)


def test_boxes_built_unlike_the_article_beside_it_are_not_read_as_its_sections() -> None:
    teaser = (
        "Officer cadets learn drill, map reading, first aid and the history of the corps, in a "
        "course that lasts, for most of them, forty-four weeks, the school said. "
    )
    prose = "".join(f"<p>{STORY * 2}</p>" for _ in range(3))
    cards = "".join(
        f"<div class='card'><div class='card-in'><p>{teaser * 3} {n}</p></div></div>"
        for n in range(3)
    )
    body = (
        f"<div class='frame'><div class='holder'><div class='prose'>{prose}</div></div>"
        f"<div class='cards'>{cards}</div></div>"
    )
    text = joined(page(body))
    assert "short of fuel and bread" in text
    assert "Officer cadets" not in text


def test_an_article_in_sections_is_read_whole_though_one_section_holds_most_of_it() -> None:
    long_part = "".join(f"<p>{STORY} Paragraph {n}.</p>" for n in range(12))
    item = (
        "Crossings leave at seven and at four, and the timetable is posted at the pier "
        "and in the shop by the church, the office said. "
    )
    steps = "".join(f"<li>{item} Point {n}.</li>" for n in range(4))
    short_part = f"<div class='inner'><ol>{steps}</ol></div>"
    sections = f"<section class='part'><div class='inner'>{long_part}</div></section>" + "".join(
        f"<section class='part'><h2>Part {n}</h2>{short_part}</section>" for n in range(3)
    )
    text = joined(page(f"<article><div class='story'>{sections}</div></article>"))
    assert "Paragraph 11." in text
    assert text.count("timetable is posted at the pier") == 12


def test_a_list_of_links_that_is_a_section_of_the_body_is_kept_under_its_heading() -> None:
    prose = "".join(f"<p>{STORY} Paragraph {n}.</p>" for n in range(4))
    links = "".join(
        f"<li><a href='/wiki/{name}'>{name}</a></li>" for name in ("Ferries", "Harbours", "Tides")
    )
    body = f"<div class='content'><h1>Ferries</h1>{prose}<h2>See also</h2><ul>{links}</ul></div>"
    article = page(body)
    text = joined(article)
    assert "Paragraph 3." in text
    assert "See also Ferries Harbours Tides" in text
