"""The html format: a well-formed, standalone reading page that loads nothing and runs nothing."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html
from hypothesis import given, settings

from reader.core.document import Article, Figure, Paragraph, Quote
from reader.core.formats import render
from tests.support.formats_sample import articles, hostile_article, link, sample_article, t


def parse(page: str) -> lxml.html.HtmlElement:
    """Parse strictly as XML first (fails on any unbalanced tag), then as HTML for queries."""
    lxml.etree.fromstring(page.encode("utf-8"))
    return lxml.html.document_fromstring(page)


def test_page_is_well_formed_with_language_title_and_headings() -> None:
    page = render(sample_article(), "html")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    doc = parse(page)
    assert doc.findtext(".//title") == "The Analytical Engine, Explained"
    assert [h.text_content() for h in doc.iter("h1", "h2", "h3")] == [
        "The Analytical Engine, Explained",
        "How it works",
        "A quotation",
        "Pipes | stars * and [brackets]",
    ]
    assert doc.xpath("//ol/@start") == ["3"] and len(doc.xpath("//ul//ol//ul/li")) == 1
    assert doc.xpath("//table/caption")[0].text_content() == "People in this story"
    assert doc.xpath("//thead//th/@scope") == ["col"] * 3
    assert [len(tr) for tr in doc.xpath("//tbody/tr")] == [3, 3, 3, 3]  # ragged row padded
    assert doc.xpath("//pre/code/@class") == ["language-python"]
    assert doc.xpath("//pre/code")[0].text == sample_article().blocks[6].text.strip("\n")
    assert doc.xpath("//blockquote/following-sibling::figcaption")[0].text_content() == (
        "Source: Note G"
    )
    assert len(doc.xpath("//hr")) == 1 and len(doc.xpath("//p[@role='note']")) == 1


def test_page_loads_nothing_and_runs_nothing() -> None:
    page = render(sample_article(), "html")
    doc = parse(page)
    assert not doc.xpath("//script | //img | //iframe | //object | //embed | //link | //video")
    assert not doc.xpath("//@src | //@srcset | //@style")
    assert not [a for a in doc.xpath("//@*") if a.attrname.lower().startswith("on")]
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert csp.startswith("default-src 'none'")
    assert "@import" not in page and "url(" not in page


def test_images_are_text_with_a_link_to_the_picture() -> None:
    doc = parse(render(sample_article(), "html"))
    figure = doc.xpath("//figure[p[@class='image']]")[0]
    assert figure.text_content().strip().startswith("Image: A portrait of Ada Lovelace (open")
    assert figure.xpath(".//a/@href") == ["https://news.example/img/ada.jpg"]
    assert figure.xpath("figcaption")[0].text_content() == "Portrait by A. E. Chalon, 1840."


def test_builtin_css_is_readable_in_light_and_dark() -> None:
    style = parse(render(sample_article(), "html")).findtext(".//style")
    assert "max-width: 70ch" in style
    assert "@media (prefers-color-scheme: dark)" in style
    assert "color-scheme: light dark" in style


def test_markup_in_text_and_attributes_is_escaped() -> None:
    evil_url = 'https://x.example/"onmouseover="alert(1)'
    article = Article(
        title="<script>alert(1)</script>",
        language='en" onload="alert(1)',
        blocks=[
            Paragraph([t("<b>bold?</b> & <i>"), link("<img src=x>", evil_url)]),
            Quote([Paragraph([t("q")])], cite='"><script>'),
            Figure(alt='"><img src=x onerror=alert(1)>', src="https://x.example/i.png"),
        ],
    )
    page = render(article, "html")
    doc = parse(page)
    assert not doc.xpath("//script | //img | //b | //i")
    assert doc.findtext(".//title") == "<script>alert(1)</script>"
    assert doc.get("lang") == ""  # not a language tag: the language is unknown
    anchor = doc.xpath("//p/a")[0]
    assert anchor.get("href") == evil_url and anchor.text_content() == "<img src=x>"
    assert anchor.get("onmouseover") is None


def test_unsafe_link_schemes_are_not_links() -> None:
    article = Article(
        blocks=[Paragraph([link("run", "javascript:alert(1)"), link("data", "data:text/html,x")])]
    )
    doc = parse(render(article, "html"))
    assert not doc.xpath("//a") and "javascript" not in render(article, "html")


def test_hostile_article_is_still_well_formed() -> None:
    parse(render(hostile_article(), "html"))


@settings(max_examples=40, deadline=None)
@given(article=articles)
def test_any_article_is_a_well_formed_page(article: Article) -> None:
    doc = parse(render(article, "html"))
    assert len(doc.xpath("//article")) == 1


def test_dates_are_machine_readable_and_shown_in_words() -> None:
    doc = parse(render(Article(title="T", published="2026-11-24T09:00:00Z"), "html"))
    time = doc.xpath("//time")[0]
    assert time.get("datetime") == "2026-11-24T09:00:00Z" and time.text == "24 November 2026"


def test_right_to_left_languages_set_the_page_direction() -> None:
    doc = parse(render(Article(title="مرحبا", language="ar-EG"), "html"))
    assert doc.get("lang") == "ar-EG" and doc.get("dir") == "rtl"
    assert parse(render(Article(title="Hi", language="en"), "html")).get("dir") is None


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_builtin_colours_meet_wcag_contrast_in_light_and_dark() -> None:
    style = parse(render(sample_article(), "html")).findtext(".//style")
    light, dark = style.split("@media (prefers-color-scheme: dark)")
    for scheme in (light, dark.split("}")[0]):
        colours = dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6})", scheme))
        for name in ("fg", "muted", "link"):
            assert _contrast(colours[name], colours["bg"]) >= 7, name
        assert _contrast(colours["fg"], colours["code-bg"]) >= 7
        assert _contrast(colours["rule"], colours["bg"]) >= 3
