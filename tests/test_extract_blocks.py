"""The block converter: every block type and inline run kind from a small fixture article."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.document import (
    Article,
    Code,
    Figure,
    Heading,
    ListBlock,
    Page,
    Paragraph,
    Quote,
    Separator,
    Table,
    runs_text,
)
from reader.core.extract.extractor import extract

PAGES = Path(__file__).parent / "pages"


@pytest.fixture(scope="module")
def article() -> Article:
    text = (PAGES / "blocks.html").read_text("utf-8")
    return extract(Page(url="https://example.org/notes/canyons.html", text=text))


def first(article: Article, kind: type):
    return next(b for b in article.blocks if isinstance(b, kind))


def test_title_comes_from_metadata_and_is_not_repeated_as_first_heading(article: Article) -> None:
    assert article.title == "How Rivers Carve Canyons"
    assert not (
        isinstance(article.blocks[0], Heading)
        and runs_text(article.blocks[0].runs) == article.title
    )


def test_navigation_and_footer_are_not_in_the_article(article: Article) -> None:
    texts = " ".join(runs_text(b.runs) for b in article.blocks if isinstance(b, Paragraph))
    assert "Copyright" not in texts
    assert "Contact" not in texts


def test_paragraph_whitespace_is_collapsed_like_a_browser(article: Article) -> None:
    text = runs_text(first(article, Paragraph).runs)
    assert text.startswith("Rivers carve canyons slowly, grain by grain, over millions of years,")
    assert "  " not in text and "\n" not in text


def test_inline_runs_have_kinds(article: Article) -> None:
    runs = first(article, Paragraph).runs
    kinds = {(r.kind, r.text) for r in runs}
    assert ("emphasis", "grain by grain") in kinds
    assert ("strong", "millions of years") in kinds
    assert ("code", "measure --depth") in kinds


def test_links_are_absolute_against_base_href_and_numbered(article: Article) -> None:
    links = [r for r in first(article, Paragraph).runs if r.kind == "link"]
    assert [(r.text, r.url) for r in links] == [
        ("survey report", "https://example.org/notes/survey.html"),
        ("original paper", "https://other.example/paper"),
    ]
    assert [r.number for r in links] == [1, 2]
    assert article.links[:2] == [links[0].url, links[1].url]


def test_heading_keeps_its_level(article: Article) -> None:
    heading = first(article, Heading)
    assert (heading.level, runs_text(heading.runs)) == (2, "The three forces")


def test_lists_nest_and_keep_order_and_start(article: Article) -> None:
    lists = [b for b in article.blocks if isinstance(b, ListBlock)]
    bullets, numbered = lists[0], lists[1]
    assert not bullets.ordered
    assert runs_text(bullets.items[0].runs) == "Abrasion by sand and gravel"
    nested = bullets.items[0].children[0]
    assert [runs_text(i.runs) for i in nested.items] == ["Fine sand polishes", "Boulders break"]
    assert runs_text(bullets.items[1].runs) == "Dissolution of limestone"
    assert numbered.ordered and numbered.start == 3
    assert [runs_text(i.runs) for i in numbered.items] == ["Third step", "Fourth step"]


def test_quote_holds_paragraphs_and_cite(article: Article) -> None:
    quote = first(article, Quote)
    assert runs_text(quote.blocks[0].runs).startswith("The river is the sculptor")
    assert quote.cite == "https://example.org/quote"


def test_code_keeps_whitespace_and_language(article: Article) -> None:
    code = first(article, Code)
    assert code.text == "def erode(rock):\n    return rock - 1"
    assert code.language == "python"


def test_figure_has_alt_caption_and_absolute_src(article: Article) -> None:
    figure = first(article, Figure)
    assert figure.alt == "A deep red canyon"
    assert runs_text(figure.caption) == "The canyon at dawn."
    assert figure.src == "https://example.org/notes/img/canyon.jpg"


def test_separator_and_table_with_header_rows_and_caption(article: Article) -> None:
    assert any(isinstance(b, Separator) for b in article.blocks)
    table = first(article, Table)
    assert [runs_text(c) for c in table.header] == ["River", "Rate"]
    assert [[runs_text(c) for c in row] for row in table.rows] == [
        ["Colorado", "0.3 mm"],
        ["Yangtze", "0.5 mm"],
    ]
    assert runs_text(table.caption) == "Erosion rates"


def test_blocks_come_in_document_order(article: Article) -> None:
    kinds = [b.kind for b in article.blocks]
    order = ["paragraph", "heading", "list", "quote", "code", "figure", "separator", "table"]
    positions = [kinds.index(k) for k in order]
    assert positions == sorted(positions)
    assert kinds[-1] == "paragraph"


def test_line_breaks_and_double_breaks_in_full_mode() -> None:
    html = "<body><p>line one<br>line two<br><br>new paragraph</p></body>"
    article = extract(Page(url="https://x.example/", text=html), full=True)
    assert [runs_text(b.runs) for b in article.blocks] == ["line one\nline two", "new paragraph"]


def test_a_newline_alone_between_inline_tags_reads_as_a_space_not_a_line_break() -> None:
    html = (
        '<body><p>Seals came back.<sup><a href="#n1">[1]</a>\n</sup> Otters followed.'
        "<em>a</em>\n<strong>b</strong>\r\n<code>c</code></p></body>"
    )
    article = extract(Page(url="https://x.example/", text=html), full=True)
    assert runs_text(article.blocks[0].runs) == "Seals came back.[1] Otters followed.a b c"


def test_spaces_at_the_edges_of_a_link_fall_outside_it_so_its_number_follows_the_word() -> None:
    html = (
        '<body><p>See <a href="/sig">Signature Schema v2 </a>for why, and<a href="/notes"> the'
        " notes</a>.</p></body>"
    )
    article = extract(Page(url="https://x.example/", text=html), full=True)
    runs = article.blocks[0].runs
    assert [(r.text, r.kind) for r in runs] == [
        ("See ", "text"),
        ("Signature Schema v2", "link"),
        (" for why, and ", "text"),
        ("the notes", "link"),
        (".", "text"),
    ]


def test_an_article_split_into_sections_is_read_whole() -> None:
    """readability-lxml alone keeps one of these four sections; we climb to their container."""
    text = (PAGES / "sections.html").read_text("utf-8")
    article = extract(Page(url="https://valley.example/seasons", text=text))
    paragraphs = [runs_text(b.runs) for b in article.blocks if isinstance(b, Paragraph)]
    assert [p.split()[0] for p in paragraphs[::2]] == ["Winter", "Spring", "Summer", "Autumn"]
    assert article.notices == []


def test_data_tables_and_lists_of_sentences_survive_link_heuristics() -> None:
    """readability-lxml alone drops this link-rich table and list; we keep both."""
    text = (PAGES / "restore.html").read_text("utf-8")
    article = extract(Page(url="https://rivers.example/floods", text=text))
    table = first(article, Table)
    assert [runs_text(c) for c in table.header] == ["River", "Station", "Floods per decade"]
    assert len(table.rows) == 3
    items = first(article, ListBlock).items
    assert runs_text(items[1].runs).startswith("Wetlands upstream slow the water down")


def test_a_figure_without_caption_in_a_wrapper_is_kept() -> None:
    words = "A paragraph about herons, which fish in the shallows at dawn and dusk."
    figure = (
        "<div class='image-wrap'><figure><img src='heron.jpg' alt='A grey heron'></figure></div>"
    )
    html = (
        f"<body><article><p>{words}</p>{figure}<p>{words} Again.</p><p>{words}</p></article></body>"
    )
    article = extract(Page(url="https://birds.example/herons/", text=html))
    figure_block = first(article, Figure)
    assert (figure_block.alt, figure_block.src) == (
        "A grey heron",
        "https://birds.example/herons/heron.jpg",
    )
