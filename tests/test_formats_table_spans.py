"""Table cells that span columns (`colspan`): read once, under the first column they cover,
with no "(empty)" invented for the columns they cover; a row genuinely missing a cell still
says so. Cells that span rows (`rowspan`) keep the cells beside them in their own columns and
are read again in each row they cover. Every format keeps the cells under their own columns."""

from __future__ import annotations

import json

import pytest

from reader.core.document import Article, Page, Table, column_count, runs_text, table_grid
from reader.core.errors import ContentError
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


# Two header rows (a cell spanning both), a cell spanning two body rows, one spanning two rows
# and two columns, and an empty row the table leaves out (the span counts only kept rows).
STACKED = """<table><thead>
<tr><th rowspan="2">Light</th><th colspan="2">Position</th></tr>
<tr><th>North</th><th>West</th></tr></thead>
<tbody><tr><td rowspan="3">Old Head</td><td>51.6</td><td>8.5</td></tr>
<tr><td></td><td></td></tr>
<tr><td>51.7</td><td>8.6</td></tr>
<tr><td>Fastnet</td><td rowspan="2" colspan="2">at sea</td></tr>
<tr><td>Mizen</td></tr></tbody></table>"""


def test_a_cell_spanning_rows_keeps_the_cells_beside_it_under_their_own_columns() -> None:
    (table,) = [block for block in _page(STACKED).blocks if isinstance(block, Table)]
    assert table.row_spans == {(0, 0): 2, (2, 0): 2, (4, 1): 2}
    assert table.spans == {(0, 1): 2, (4, 1): 2}
    assert [
        [(runs_text(slot.cell), slot.column, slot.carried) for slot in row]
        for row in table_grid(table)[2:]
    ] == [
        [("Old Head", 0, False), ("51.6", 1, False), ("8.5", 2, False)],
        [("Old Head", 0, True), ("51.7", 1, False), ("8.6", 2, False)],
        [("Fastnet", 0, False), ("at sea", 1, False)],
        [("Mizen", 0, False), ("at sea", 1, True)],
    ]


def test_plain_reads_a_cell_spanning_rows_again_in_each_row_it_covers() -> None:
    plain = render(_page(STACKED), "plain")
    assert "Table with 3 columns and 5 rows:\n" in plain
    assert "\nRow 1: Light: Light; Position: North; Position: West\n" in plain
    assert "\nRow 3: Light: Old Head; Position: 51.7; Position: 8.6\n" in plain
    assert "\nRow 5: Light: Mizen; Position: at sea\nEnd of table.\n" in plain
    assert "(empty)" not in plain


def test_markdown_writes_a_cell_spanning_rows_in_each_row_under_its_column() -> None:
    markdown = render(_page(STACKED), "markdown")
    assert "| Old Head | 51.6 | 8.5 |\n| Old Head | 51.7 | 8.6 |\n" in markdown
    assert "| Fastnet | at sea |  |\n| Mizen | at sea |  |" in markdown
    listed = render(_page(STACKED.replace("51.7", "51.7<br>north")), "markdown")
    assert "- Row 3\n  - Light: Old Head\n  - Position: 51.7\\\n    north\n" in listed
    assert "- Row 5\n  - Light: Mizen\n  - Position: at sea" in listed


def test_html_gives_a_cell_spanning_rows_its_rowspan_and_keeps_it_inside_the_header() -> None:
    html = render(_page(STACKED), "html")
    assert '<tr><th scope="col">Light</th><th scope="col" colspan="2">Position</th></tr>' in html
    assert "<tr><td></td><td>North</td><td>West</td></tr>" in html  # rowspan cannot leave thead
    assert '<tr><td rowspan="2">Old Head</td><td>51.6</td><td>8.5</td></tr>' in html
    assert "<tr><td>51.7</td><td>8.6</td></tr>" in html
    assert '<tr><td>Fastnet</td><td colspan="2" rowspan="2">at sea</td></tr>' in html
    assert "<tr><td>Mizen</td></tr>" in html


def test_json_carries_the_row_spans_and_reads_them_back() -> None:
    article = _page(STACKED)
    text = render(article, "json")
    assert '"row_spans": [\n' in text
    again = article_from_json(text)
    (table,) = [block for block in again.blocks if isinstance(block, Table)]
    assert table.row_spans == {(0, 0): 2, (2, 0): 2, (4, 1): 2}
    for kind in ("plain", "markdown", "html"):
        assert render(again, kind) == render(article, kind)


def test_a_bad_row_span_triple_in_json_is_a_content_error() -> None:
    data = json.loads(render(_page(STACKED), "json"))
    (table,) = [block for block in data["blocks"] if block["kind"] == "table"]
    table["row_spans"][1] = [2, 0]
    with pytest.raises(ContentError, match=r"expected \[row, cell, rows\]"):
        article_from_json(json.dumps(data))


def test_a_huge_rowspan_stops_at_the_last_row_and_does_not_widen_the_table() -> None:
    article = _page(STACKED.replace('rowspan="3"', 'rowspan="100000"'))
    (table,) = [block for block in article.blocks if isinstance(block, Table)]
    assert table.row_spans[(2, 0)] == 4  # the four body rows from its own on
    assert column_count(table) <= 4
    assert "Table with" in render(article, "plain")
