"""Hostile, malformed and odd pages: clean Articles or a ReaderError, never anything else."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.document import Page, iter_runs, iter_texts, runs_text
from reader.core.errors import ContentError, ReaderError
from reader.core.extract.distil import NO_ARTICLE
from reader.core.extract.extractor import TOO_SLOW, extract
from reader.core.safe_text import is_clean

PAGES = Path(__file__).parent / "pages"
PROSE = "<p>" + "Honest prose that a person would want to read in reading mode. " * 8 + "</p>"


def all_strings(article) -> list[str]:
    strings = [article.title, *article.links, *article.notices]
    strings += [s for s in (article.byline, article.site_name, article.published) if s]
    strings += list(iter_texts(article.blocks))
    for runs in iter_runs(article.blocks):
        strings += [r.url for r in runs if r.url]
    strings += [b.src for b in article.blocks if getattr(b, "src", None)]
    return strings


def test_hostile_text_yields_a_clean_article() -> None:
    text = (PAGES / "hostile.html").read_text("utf-8")
    article = extract(Page(url="https://evil.example/x", text=text))
    strings = all_strings(article)
    assert all(is_clean(s) for s in strings), [s for s in strings if not is_clean(s)]
    joined = "\n".join(strings)
    assert "\x1b" not in joined and "\x07" not in joined and "\x00" not in joined
    assert article.title.startswith("Evil") and "Title" in article.title
    assert article.byline == "Mallory Red"
    assert any("hostile link text" in runs_text(r) for r in iter_runs(article.blocks))
    assert any(b.kind == "figure" and b.alt == "alt text" for b in article.blocks)


def test_a_home_page_of_link_teasers_falls_back_with_a_notice() -> None:
    text = (PAGES / "listing.html").read_text("utf-8")
    article = extract(Page(url="https://daily.example/", text=text))
    assert article.notices == [NO_ARTICLE]
    texts = list(iter_texts(article.blocks))
    assert "Council approves new bridge over the river" in texts
    assert "Contact the newsroom" not in texts  # the footer is not main text


def test_too_little_text_falls_back_with_a_notice() -> None:
    article = extract(Page(url="https://x.example/", text="<body><p>Just a line.</p></body>"))
    assert article.notices == [NO_ARTICLE]
    assert list(iter_texts(article.blocks)) == ["Just a line."]


def test_full_mode_keeps_the_whole_page_without_distillation() -> None:
    html = (
        f"<body><nav><a href='/'>Home</a></nav><article>{PROSE}</article>"
        "<footer>Footer words</footer></body>"
    )
    distilled = list(iter_texts(extract(Page(url="https://x.example/", text=html)).blocks))
    full = list(iter_texts(extract(Page(url="https://x.example/", text=html), full=True).blocks))
    assert "Footer words" not in distilled
    assert full[0] == "Home" and full[-1] == "Footer words"


def test_plain_text_pages_split_paragraphs_on_blank_lines() -> None:
    page = Page(
        url="https://x.example/notes.txt",
        text="One\nline two\n\n\n Two\x1b[31m\n",
        media_type="text/plain",
    )
    article = extract(page)
    assert [runs_text(b.runs) for b in article.blocks] == ["One\nline two", " Two"]
    assert article.title == "notes.txt"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n",
        "<html><head><title>t</title></head><body> </body></html>",
        "<script>x()</script>",
    ],
)
def test_empty_documents_raise_content_error(text: str) -> None:
    with pytest.raises(ContentError, match="no readable text"):
        extract(Page(url="https://x.example/", text=text))


def test_ten_thousand_levels_of_nesting_and_nul_bytes() -> None:
    html = "<body>" + "<div><span>" * 5000 + "deep\x00 text" + "</span></div>" * 5000 + PROSE
    article = extract(Page(url="https://x.example/", text=html))
    assert article.blocks
    assert all(is_clean(s) for s in all_strings(article))
    full = extract(Page(url="https://x.example/", text=html), full=True)
    assert any("deep" in t for t in iter_texts(full.blocks))


def test_malformed_html_is_read() -> None:
    html = (
        "<p>Unclosed <b>bold <i>both</p><table><tr><td>cell<p>para "
        + PROSE
        + "</table></div></div>"
    )
    article = extract(Page(url="https://x.example/", text=html))
    assert "Honest prose" in " ".join(iter_texts(article.blocks))


def test_huge_page_is_read() -> None:
    html = "<body><article>" + PROSE * 3000 + "</article></body>"
    article = extract(Page(url="https://x.example/", text=html))
    assert article.word_count > 100_000


def test_time_budget_falls_back_to_page_text() -> None:
    """A large page (above INLINE_ELEMENTS) whose distillation outlasts the budget."""
    cells = "".join(f"<div><p>Cell {i} of a very large page.</p></div>" for i in range(1200))
    page = Page(url="https://x.example/", text=f"<body>{PROSE}{cells}</body>")
    article = extract(page, time_budget=0.000_01)
    assert article.notices == [TOO_SLOW]
    assert "Honest prose" in " ".join(iter_texts(article.blocks))
    assert extract(page).notices == []


def test_bad_urls_do_not_break_links() -> None:
    links = "<a href='http://[::1'>bad</a> <a href='javascript:alert(1)'>js</a>"
    html = f"<body><article>{PROSE}<p>{links} <a href=' /ok '>ok</a></p></article></body>"
    article = extract(Page(url="https://x.example/dir/", text=html))
    assert article.links == ["https://x.example/ok"]


_TAGS = ["p", "div", "a href='x'", "b", "ul", "li", "table", "tr", "td", "pre", "img src='i'"]
_PIECES = st.one_of(
    st.sampled_from([f"<{t}>" for t in _TAGS] + [f"</{t.split()[0]}>" for t in _TAGS]),
    st.sampled_from(["<br>", "<hr>", "<!--", "-->", "&amp;", "&#x1b;", "\x1b[31m", "\x00", "\r"]),
    st.text(max_size=30),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=60), st.booleans())
def test_any_markup_gives_a_clean_article_or_a_reader_error(pieces: list[str], full: bool) -> None:
    try:
        article = extract(Page(url="https://x.example/", text="".join(pieces)), full=full)
    except ReaderError:
        return
    assert all(is_clean(s) for s in all_strings(article))
