"""Table cells that span columns (`colspan`): read once, under the first column they cover,
with no "(empty)" invented for the columns they cover; a row genuinely missing a cell still
says so. Every format keeps the cells under their own columns."""

from __future__ import annotations

from reader.core.document import Article, Page, Table
from reader.core.extract.extractor import extract
from reader.core.formats import render
from reader.core.formats.json_format import article_from_json

URL = "http://127.0.0.1:9/lights.html"
STEADY = "<p>" + "Lighthouses guided ships along the rocky coast for many centuries. " * 5 + "</p>"


def _page(table: str) -> Article:
    html = f"<html><body><article><h1>Lights</h1>{STEADY}{table}{STEADY}</article></body></html>"
    return extract(Page(URL, html))


INFOBOX = """<table><caption>Old Head</caption>
<tr><td colspan="2">The lighthouse at dusk</td></tr>
<tr><th>Built</th><td>1901</td></tr>
<tr><th>Height</th></tr>
<tr><th>Keeper</th><td>Ada Lamb</td></tr>
</table>"""

GROUPED = """<table><thead><tr><th>Name</th><th colspan="2">Position</th></tr></thead>
<tbody><tr><td>Old Head</td><td>North</td><td>West</td></tr>
<tr><td colspan="2">Both harbour lights</td><td>East</td></tr></tbody></table>"""


def test_plain_reads_a_spanning_cell_once_without_inventing_an_empty_cell() -> None:
    plain = render(_page(INFOBOX), "plain")
    assert "Table with 2 columns and 4 rows:\nCaption: Old Head\n" in plain
    assert "\nRow 1: The lighthouse at dusk\nRow 2: Built; 1901\n" in plain
    assert "\nRow 3: Height; (empty)\n" in plain  # a cell really missing still says so
    assert plain.count("(empty)") == 1


def test_plain_names_a_cell_after_a_span_by_its_own_column() -> None:
    plain = render(_page(GROUPED), "plain")
    assert "Row 1: Name: Old Head; Position: North; Position: West\n" in plain
    assert "Row 2: Name: Both harbour lights; Position: East\n" in plain


def test_markdown_keeps_the_cell_after_a_span_under_its_column() -> None:
    markdown = render(_page(GROUPED), "markdown")
    assert "| Name | Position |  |\n|---|---|---|\n| Old Head | North | West |" in markdown
    assert "| Both harbour lights |  | East |" in markdown


def test_html_gives_a_spanning_cell_its_colspan_and_no_padding() -> None:
    html = render(_page(INFOBOX), "html")
    assert '<tr><td colspan="2">The lighthouse at dusk</td></tr>' in html
    assert "<tr><td>Height</td><td></td></tr>" in html
    grouped = render(_page(GROUPED), "html")
    assert '<th scope="col">Name</th><th scope="col" colspan="2">Position</th>' in grouped


def test_json_carries_the_spans_and_reads_them_back() -> None:
    article = _page(GROUPED)
    text = render(article, "json")
    assert '"spans": [\n' in text
    again = article_from_json(text)
    assert render(again, "plain") == render(article, "plain")


def test_a_huge_colspan_does_not_widen_the_table() -> None:
    article = _page(INFOBOX.replace('colspan="2"', 'colspan="100000"'))
    (table,) = [block for block in article.blocks if isinstance(block, Table)]
    assert table.spans == {(1, 0): 2}
    assert "Table with 2 columns and 4 rows:" in render(article, "plain")
