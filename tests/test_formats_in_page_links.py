"""Links to a place in the article itself (a citation `[a]` leading to its note) in the linear
outputs: the note is in the text, so the marker reads as itself, with no link number and no
entry in the link list; every other link keeps a number, without gaps. The app and line mode
still number and follow them."""

from __future__ import annotations

import json
import re
from pathlib import Path

from reader.core.document import Article, Page
from reader.core.extract.extractor import extract
from reader.core.formats import render
from reader.core.reading import Reading
from tests.support.cli import run_reader

URL = "http://127.0.0.1:9/notes.html"
STEADY = "Some steady reading text that goes on for a while and keeps the page long. " * 4

PAGE = f"""<!doctype html><html lang="en"><head><title>Lighthouses</title></head><body>
<main><article><h1>Lighthouses</h1>
<p>Lighthouses guided ships for centuries<sup id="cite_ref-1"><a href="#cite_note-1">[a]</a></sup>
and many still stand on <a href="https://coast.example/rocks">rocky coasts</a>.</p>
<p>{STEADY}</p>
<h2>Keepers and their lamps</h2>
<p>The last keepers left in the 1990s<sup id="cite_ref-2"><a href="#cite_note-2">[b]</a></sup>,
see <a href="https://lamps.example/history#keepers">the history of lamps</a>, the section on
<a href="#keepers-and-their-lamps">keepers</a> and a <a href="#nowhere">lost note</a>.</p>
<p>{STEADY}</p>
<h2>References</h2>
<ol class="references">
<li id="cite_note-1">A history of coastal lights, <a href="https://books.example/1901">1901</a>.</li>
<li id="cite_note-2">The keepers' association, 1998.</li>
</ol>
</article></main></body></html>"""

OUTSIDE = [
    "https://coast.example/rocks",
    "https://lamps.example/history#keepers",
    URL + "#nowhere",  # a fragment the article does not have: the address is all there is
    "https://books.example/1901",
]


def _article() -> Article:
    return extract(Page(URL, PAGE))


def _listed(plain: str) -> list[str]:
    """The addresses under `Links:`, checking they are numbered 1, 2, 3... without gaps."""
    listing = plain.split("\nLinks:\n", 1)[1].splitlines()
    numbers = [int(re.match(r"\[(\d+)\] ", line).group(1)) for line in listing]  # type: ignore[union-attr]
    assert numbers == list(range(1, len(listing) + 1))
    return [line.split("] ", 1)[1] for line in listing]


def test_plain_citation_marker_reads_once_without_a_link_number() -> None:
    plain = render(_article(), "plain")
    assert "ships for centuries[a] and many still stand on rocky coasts [1]." in plain
    assert "in the 1990s[b], see the history of lamps [2], the section on keepers and a" in plain
    assert "a lost note [3]." in plain
    assert "A history of coastal lights, 1901 [4]." in plain


def test_plain_link_numbers_match_the_list_without_gaps() -> None:
    plain = render(_article(), "plain")
    assert _listed(plain) == OUTSIDE
    assert "#cite_note" not in plain and "#keepers-and" not in plain


def test_plain_output_of_the_installed_reader_drops_citation_link_numbers(
    tmp_path: Path,
) -> None:
    page = tmp_path / "notes.html"
    page.write_text(PAGE, "utf-8")
    result = run_reader("--plain", page.as_uri())
    plain = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    assert "centuries[a] and" in plain and "1990s[b], see" in plain
    assert not any("#cite_note" in address for address in _listed(plain))


def test_markdown_citation_is_an_inline_link_to_its_fragment_and_numbers_have_no_gaps() -> None:
    markdown = render(_article(), "markdown")
    assert "centuries[\\[a\\]](#cite_note-1) and many still stand on [rocky coasts][1]." in markdown
    assert "the section on [keepers](#keepers-and-their-lamps) and a [lost note][3]" in markdown
    definitions = re.findall(r"^\[(\d+)\]: (.+)$", markdown, flags=re.M)
    assert definitions == [(str(n), url) for n, url in enumerate(OUTSIDE, 1)]


def test_json_keeps_the_citation_url_without_a_number_and_numbers_like_plain() -> None:
    data = json.loads(render(_article(), "json"))
    assert data["links"] == OUTSIDE
    runs = [run for block in data["blocks"] for run in block.get("runs", [])]
    citation = next(run for run in runs if run["text"] == "[a]")
    assert citation == {"kind": "link", "text": "[a]", "url": URL + "#cite_note-1", "number": None}
    rocks = next(run for run in runs if run["text"] == "rocky coasts")
    assert rocks["number"] == 1


def test_app_and_line_mode_still_number_and_follow_citations() -> None:
    article = _article()
    render(article, "plain")  # rendering leaves the article the app reads untouched
    reading = Reading(article)
    citation = next(link for link in reading.links if link.text == "[a]")
    assert citation.number == 1 and citation.url == URL + "#cite_note-1"
    assert reading.fragment_block(citation.url) == article.anchors["cite_note-1"]
    assert len(reading.links) == len(OUTSIDE) + 3  # [a], [b] and the heading link too


def test_html_citation_leads_to_its_note_within_the_saved_page() -> None:
    html = render(_article(), "html")
    assert 'centuries<a href="#cite_note-1">[a]</a> and' in html
    notes = html.index('<span id="cite_note-1"></span>\n<span id="cite_note-2"></span>\n<ol>')
    assert html.index('<span id="cite_ref-1"></span>\n<p>Lighthouses') < notes
    # a fragment the page marks with no id keeps its full address
    assert '<a href="http://127.0.0.1:9/notes.html#nowhere" rel="noreferrer">' in html
