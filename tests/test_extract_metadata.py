"""Metadata: title, byline, site, date, language, description and canonical URL sources."""

from __future__ import annotations

from pathlib import Path

from reader.core.document import Article, Heading, Page, Paragraph, runs_text
from reader.core.extract.extractor import extract

PAGES = Path(__file__).parent / "pages"


def load(name: str, url: str = "https://news.example/path/story.html") -> Article:
    return extract(Page(url=url, text=(PAGES / name).read_text("utf-8")))


def test_open_graph_and_meta_tags() -> None:
    article = load("metadata_opengraph.html")
    assert article.title == "Open Graph Title"
    assert article.site_name == "The Graph Times"
    assert article.byline == "Ada Lovelace"
    assert article.published == "2024-03-05T10:00:00Z"
    assert article.language == "fr-FR"
    assert article.description == "A description from Open Graph."
    assert article.canonical_url == "https://news.example/stories/graph"
    assert article.notices == []


def test_title_heading_is_not_repeated_as_first_block() -> None:
    article = load("metadata_opengraph.html")
    assert not any(
        isinstance(b, Heading) and runs_text(b.runs) == "Open Graph Title" for b in article.blocks
    )


def test_json_ld_graph_with_several_authors_and_a_broken_script() -> None:
    article = load("metadata_jsonld.html")
    assert article.title == "Headline From JSON-LD"
    assert article.byline == "Grace Hopper, Alan Turing"
    assert article.site_name == "Linked Data Daily"
    assert article.published == "2023-11-02"
    assert article.language == "de"


def test_title_element_site_suffix_rel_author_and_time_element() -> None:
    article = load("metadata_plain.html")
    assert article.title == "Plain Title Of The Story"
    assert article.byline == "Juana Inés"
    assert article.published == "2022-07-08T09:30:00+02:00"
    assert article.language == "es"
    assert article.canonical_url is None


def test_title_falls_back_to_h1_and_byline_class() -> None:
    html = (
        "<html><body><article><h1>Only A Heading</h1><div class='byline'>By Sam Vimes</div>"
        + "<p>"
        + "Plain words for the article body make it long enough to count. " * 6
        + "</p>"
        + "</article></body></html>"
    )
    article = extract(Page(url="https://x.example/a", text=html))
    assert article.title == "Only A Heading"
    assert article.byline == "Sam Vimes"


def test_site_name_suffix_is_cut_from_open_graph_title_at_its_separator() -> None:
    head = (
        "<meta property='og:site_name' content='Harbour News'>"
        "<meta property='og:title' content='Seals | Otters: the return | Harbour News'>"
        "<meta name='author' content='Jo Bloggs —'>"
    )
    body = "<article><p>" + "Plain words for the article body make it long enough. " * 6
    article = extract(Page(url="https://x.example/a", text=f"<head>{head}</head>{body}"))
    assert article.title == "Seals | Otters: the return"
    assert article.byline == "Jo Bloggs"


def test_a_written_by_edited_by_byline_is_in_the_header_and_not_again_in_the_body() -> None:
    body = "<p>" + "Plain words for the article body make it long enough to count. " * 6 + "</p>"
    html = (
        "<html><body><article><h1>Watching Systems</h1>"
        "<p class='byline'>Written by Sam Vimes<br>\n Edited by Sybil Ramkin</p>"
        f"{body}</article></body></html>"
    )
    article = extract(Page(url="https://x.example/a", text=html))
    assert article.byline == "Sam Vimes Edited by Sybil Ramkin"
    texts = [runs_text(b.runs) for b in article.blocks if isinstance(b, Paragraph)]
    assert not any("Sam Vimes" in text for text in texts)


def test_byline_prefixes_in_other_languages_and_with_a_colon_are_cut() -> None:
    for label in ("Von", "Escrito por", "Écrit par", "Autor:", "Author :", "Автор:", "作者\uff1a"):
        html = (
            f"<html><head><meta name='author' content='{label} Sam Vimes'></head>"
            "<body><article><p>"
            + "Plain words for the article body make it long enough to count. " * 6
            + "</p></article></body></html>"
        )
        article = extract(Page(url="https://x.example/a", text=html))
        assert article.byline == "Sam Vimes", label


def test_a_particle_inside_a_name_is_not_taken_for_a_byline_prefix() -> None:
    html = (
        "<html><head><meta name='author' content='Ludwig von Mises'></head><body><article><p>"
        + "Plain words for the article body make it long enough to count. " * 6
        + "</p></article></body></html>"
    )
    assert extract(Page(url="https://x.example/a", text=html)).byline == "Ludwig von Mises"
