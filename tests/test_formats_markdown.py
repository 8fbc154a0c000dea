"""The markdown format: golden output, and CommonMark (read back with markdown-it) sees exactly
the article's structure and text, whatever markdown-significant characters the text holds."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from reader.core.document import (
    Article,
    Block,
    Code,
    Figure,
    Heading,
    Inline,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Separator,
    Table,
)
from reader.core.formats import render
from reader.core.safe_text import clean
from tests.support.formats_sample import articles, assert_matches_golden, link, sample_article, t

# CommonMark sets no nesting limit; markdown-it's default (20) would cut deep random lists.
MD = MarkdownIt("commonmark", {"maxNesting": 1000}).enable("table")
# Characters that mean something to a markdown parser somewhere, plus letters and spaces.
SPECIAL_TEXT = (
    st.text(
        alphabet="ab1 .#*_`[]()<>!|\\&;-+=~:/\"'{}",
        min_size=1,
        max_size=40,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)


def body_tokens(markdown: str) -> list[Token]:
    return MD.parse(markdown)


def inline_text(token: Token) -> str:
    """The text a reader sees in an inline token: breaks as newlines, code as its content."""
    out = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
    return "".join(out)


def only_paragraph_text(markdown: str) -> str:
    """Markdown of a one-paragraph article: the text of that paragraph (after the header)."""
    tokens = body_tokens(markdown)
    paragraphs = [i for i, tok in enumerate(tokens) if tok.type == "paragraph_open"]
    return inline_text(tokens[paragraphs[-1] + 1])


def test_markdown_output_matches_golden_file() -> None:
    assert_matches_golden("markdown.md", render(sample_article(), "markdown"))


def test_markdown_structure_is_what_commonmark_reads() -> None:
    tokens = body_tokens(render(sample_article(), "markdown"))
    types = [tok.type for tok in tokens]
    headings = [(tok.tag, inline_text(tokens[i + 1])) for i, tok in enumerate(tokens)
                if tok.type == "heading_open"]  # fmt: skip
    assert headings == [
        ("h1", "The Analytical Engine, Explained"),
        ("h2", "How it works"),
        ("h3", "A quotation"),
        ("h2", "Pipes | stars * and [brackets]"),
    ]
    assert types.count("bullet_list_open") == 2 and types.count("ordered_list_open") == 1
    ordered = next(tok for tok in tokens if tok.type == "ordered_list_open")
    assert ordered.attrGet("start") == 3 and ordered.level > 0
    assert types.count("blockquote_open") == 2  # the notice and the quotation
    fence = next(tok for tok in tokens if tok.type == "fence")
    assert fence.info == "python" and fence.content == sample_article().blocks[6].text
    assert types.count("table_open") == 1 and types.count("tr_open") == 5
    assert types.count("hr") == 1
    last = [tok for tok in tokens if tok.type == "inline"][-1]
    assert last.content.startswith("1\\. Not a list")
    assert inline_text(last) == sample_article().blocks[-1].runs[0].text


def test_links_and_images_resolve_to_their_urls() -> None:
    html = MD.render(render(sample_article(), "markdown"))
    assert '<a href="https://en.wikipedia.org/wiki/Jacquard_machine">Jacquard loom</a>' in html
    assert '<a href="https://en.wikipedia.org/wiki/Jacquard_machine">loom again</a>' in html
    assert '<a href="https://news.example/engine">the engine</a>' in html
    assert '<img src="https://news.example/img/ada.jpg" alt="A portrait of Ada Lovelace"' in html
    assert "Portrait by <em>A. E. Chalon</em>, 1840." in html


def test_unsafe_link_schemes_stay_text() -> None:
    article = Article(blocks=[Paragraph([link("click", "javascript:alert(1)")])])
    html = MD.render(render(article, "markdown"))
    assert "<a" not in html and "javascript" not in html and "click" in html


def test_urls_with_spaces_parentheses_and_entities_survive() -> None:
    url = "https://x.example/a (b)/c&amp;d?e=f g"
    html = MD.render(render(Article(blocks=[Paragraph([link("here", url)])]), "markdown"))
    tokens = body_tokens(render(Article(blocks=[Paragraph([link("here", url)])]), "markdown"))
    link_open = next(c for tok in tokens for c in tok.children or [] if c.type == "link_open")
    assert link_open.attrGet("href") == MD.normalizeLink(url)
    assert ">here</a>" in html


def test_code_fence_is_longer_than_any_backtick_run_inside() -> None:
    code = "````\n``` not the end\n~~~\n"
    markdown = render(Article(blocks=[Code(code)]), "markdown")
    assert "`````\n" in markdown
    fence = next(tok for tok in body_tokens(markdown) if tok.type == "fence")
    assert fence.content == code


def test_pipes_in_table_cells_and_code_spans_are_escaped() -> None:
    table = Table(header=[[t("a|b")], [t("c")]], rows=[[[Inline("x | y", "code")], [t("|")]]])
    tokens = body_tokens(render(Article(blocks=[table]), "markdown"))
    cells = [inline_text(tokens[i + 1]) for i, tok in enumerate(tokens)
             if tok.type in ("th_open", "td_open")]  # fmt: skip
    assert cells == ["a|b", "c", "x | y", "|"]


def test_tables_with_line_breaks_in_cells_become_lists() -> None:
    table = Table(header=[[t("Name")], [t("Address")]], rows=[[[t("Ada")], [t("1 St\nLondon")]]])
    markdown = render(Article(blocks=[table]), "markdown")
    assert "|" not in markdown
    assert "- Row 1\n  - Name: Ada\n  - Address: 1 St\\\n    London" in markdown
    html = MD.render(markdown)
    assert "<li>Address: 1 St<br />\nLondon</li>" in html


def test_consecutive_lists_stay_separate() -> None:
    one = ListBlock(False, [ListItem([t("a")])])
    two = ListBlock(False, [ListItem([t("b")])])
    types = [tok.type for tok in body_tokens(render(Article(blocks=[one, two]), "markdown"))]
    assert types.count("bullet_list_open") == 2


def test_figure_without_src_is_described_in_words() -> None:
    markdown = render(Article(blocks=[Figure(alt="A cat", caption=[t("Mine")])]), "markdown")
    assert "Image: A cat\\\nMine" in markdown


@settings(max_examples=150, deadline=None)
@given(text=SPECIAL_TEXT)
def test_any_text_reads_back_exactly(text: str) -> None:
    markdown = render(Article(title="T", blocks=[Paragraph([t(text)])]), "markdown")
    assert only_paragraph_text(markdown) == text.strip()


@settings(max_examples=100, deadline=None)
@given(text=SPECIAL_TEXT)
def test_any_heading_and_list_item_reads_back_exactly(text: str) -> None:
    article = Article(
        blocks=[Heading(2, [t(text)]), ListBlock(True, [ListItem([t(text)])], start=5)]
    )
    tokens = body_tokens(render(article, "markdown"))
    inlines = [inline_text(tok) for tok in tokens if tok.type == "inline"]
    assert inlines[-2:] == [text.strip(), text.strip()]


@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet="a `b\\", min_size=1, max_size=20).filter(lambda s: s.strip()))
def test_any_code_span_reads_back_exactly(text: str) -> None:
    markdown = render(Article(blocks=[Paragraph([Inline(text, "code")])]), "markdown")
    assert only_paragraph_text(markdown) == text


@settings(max_examples=80, deadline=None)
@given(
    runs=st.lists(
        st.tuples(
            st.sampled_from(["text", "emphasis", "strong", "code"]),
            st.from_regex(r"[a-z0-9.,;:!?'\"()-]+( [a-z0-9.,]+)?", fullmatch=True),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_emphasis_strong_and_code_runs_keep_their_meaning(runs: list[tuple[str, str]]) -> None:
    article = Article(blocks=[Paragraph([Inline(text, kind) for kind, text in runs])])
    tokens = body_tokens(render(article, "markdown"))
    paragraph = [tok for tok in tokens if tok.type == "inline"][-1]
    seen: list[tuple[str, str]] = []
    kind = "text"
    for child in paragraph.children or []:
        if child.type in ("em_open", "strong_open"):
            kind = "emphasis" if child.type == "em_open" else "strong"
        elif child.type in ("em_close", "strong_close"):
            kind = "text"
        elif child.type == "html_inline":  # the fallback where flanking rules defeat `*`
            kind = {"<em>": "emphasis", "<strong>": "strong"}.get(child.content, "text")
        elif child.type in ("text", "code_inline"):
            seen.append(("code" if child.type == "code_inline" else kind, child.content))
    assert "".join(text for _, text in seen) == "".join(text for _, text in runs)
    for kind in ("emphasis", "strong", "code"):
        expected = "".join(text for k, text in runs if k == kind)
        assert "".join(text for k, text in seen if k == kind) == expected


@pytest.mark.parametrize("title", ["C#", "Issue ##", "# not twice"])
def test_title_hashes_are_kept(title: str) -> None:
    tokens = body_tokens(render(Article(title=title), "markdown"))
    assert tokens[0].tag == "h1" and tokens[1].content.replace("\\#", "#") == title
    assert inline_text(tokens[1]) == title


def test_empty_list_items_stay_items() -> None:
    empty = ListBlock(False, [ListItem([], [ListBlock(False, [ListItem([]), ListItem([t("x")])])])])
    tokens = body_tokens(render(Article(blocks=[Paragraph([t("p")]), empty]), "markdown"))
    assert [tok.type for tok in tokens].count("list_item_open") == 3
    assert not [tok for tok in tokens if tok.type in ("heading_open", "code_block")]


def expected_block_counts(blocks: list[Block], counts: Counter[str]) -> Counter[str]:
    """How many of each block token CommonMark should find for these blocks."""
    for block in blocks:
        match block:
            case Heading(runs=runs):
                text = "".join(clean(run.text) for run in runs)
                counts["heading_open"] += bool(text.strip() or any(r.kind == "link" for r in runs))
            case ListBlock():
                counts["list_item_open"] += count_items(block)
            case Quote(blocks=inner):
                counts["blockquote_open"] += 1
                expected_block_counts(inner, counts)
            case Code():
                counts["fence"] += 1
            case Separator():
                counts["hr"] += 1
            case Table(header=header, rows=rows):
                columns = max([len(header), *(len(row) for row in rows)], default=0)
                cells = [cell for row in [header, *rows] for cell in row]
                if not columns:
                    continue
                if any("\n" in clean(run.text) for cell in cells for run in cell):
                    counts["list_item_open"] += len(rows) * (1 + columns)
                else:
                    counts["table_open"] += 1
                    counts["tr_open"] += 1 + len(rows)
    return counts


def count_items(block: ListBlock) -> int:
    return sum(1 + sum(count_items(c) for c in item.children) for item in block.items)


@settings(max_examples=60, deadline=None)
@given(article=articles)
def test_any_article_keeps_its_block_structure(article: Article) -> None:
    seen = Counter(tok.type for tok in body_tokens(render(article, "markdown")))
    expected = expected_block_counts(article.blocks, Counter())
    expected["heading_open"] += bool(article.title.strip())
    for kind, count in expected.items():
        assert seen[kind] == count, kind
