"""Defects seen on real pages, each reproduced on a small page made up here: tables, figures,
reference-style pages, clutter that stayed, a doubled byline, reading time of unspaced scripts.
"""

from __future__ import annotations

from reader.core.document import (
    Article,
    Figure,
    Heading,
    Inline,
    ListBlock,
    Page,
    Paragraph,
    Table,
    runs_text,
)
from reader.core.extract.distil import NO_ARTICLE
from reader.core.extract.extractor import extract
from reader.core.extract.post_cleaning import post_clean
from reader.core.formats.header import meta_lines

FILLER = " ".join(
    f"Sentence {n} of the story tells how the valley farmers kept their seed through the long "
    "winter, and why the mill by the river mattered to all of them."
    for n in range(8)
)


def read(body: str, head: str = "<title>Valley Mills</title>") -> Article:
    """The article extracted from a page whose body is `body` after two long paragraphs."""
    html = f"<html><head>{head}</head><body><article><h1>Valley Mills</h1><p>{FILLER}</p>"
    html += f"{body}<p>{FILLER}</p></article></body></html>"
    return extract(Page(url="https://example.org/valley/mills.html", text=html))


def texts(article: Article) -> list[str]:
    out = []
    for block in article.blocks:
        if isinstance(block, Heading | Paragraph):
            out.append(runs_text(block.runs))
    return out


def tables(article: Article) -> list[Table]:
    return [b for b in article.blocks if isinstance(b, Table)]


def cell_texts(table: Table) -> list[list[str]]:
    return [[runs_text(cell) for cell in row] for row in [table.header, *table.rows]]


def test_a_list_inside_a_table_cell_reads_as_its_items() -> None:
    article = read(
        "<table><caption>Facts</caption><tr><th>Mills</th><td><ul><li>North mill</li>"
        "<li>South mill</li></ul></td></tr><tr><th>Founded</th><td>1820</td></tr></table>"
    )
    (table,) = tables(article)
    assert ["Mills", "North mill, South mill"] in cell_texts(table)


def test_a_data_table_whose_cells_hold_paragraphs_stays_a_table() -> None:
    rows = "".join(
        f"<tr><td><p>Mill {n}</p></td><td><p>{n * 10} tons</p></td><td><p>{1800 + n}</p></td></tr>"
        for n in range(1, 5)
    )
    article = read(f"<table>{rows}</table>")
    (table,) = tables(article)
    assert ["Mill 2", "20 tons", "1802"] in cell_texts(table)


def test_a_small_table_laying_out_boxes_of_text_is_read_as_text() -> None:
    article = read(
        "<table><tr><td><div><p>The left column tells of the north mill and its wheel.</p></div>"
        "</td><td><div><p>The right column tells of the south mill and its pond.</p></div>"
        "</td></tr></table>"
    )
    assert not tables(article)
    assert "The right column tells of the south mill and its pond." in texts(article)


def test_image_only_cells_read_as_the_images_alt_or_title() -> None:
    yes = '<img src="/icons/yes.png" alt="Yes">'
    no = '<img src="/icons/no.png" title="No">'
    article = read(
        "<table><tr><th>Mill</th><th>Open</th></tr>"
        f"<tr><td>North</td><td>{yes}</td></tr><tr><td>South</td><td>{no}</td></tr></table>"
    )
    (table,) = tables(article)
    assert cell_texts(table) == [["Mill", "Open"], ["North", "Yes"], ["South", "No"]]


def test_a_figure_keeps_its_image_and_caption_when_the_image_sits_in_empty_boxes() -> None:
    article = read(
        '<figure><div class="ratio"><div class="fill"></div><img src="/img/wheel.jpg"></div>'
        "<figcaption>The north mill wheel</figcaption></figure>"
    )
    figures = [b for b in article.blocks if isinstance(b, Figure)]
    assert [runs_text(f.caption) for f in figures] == ["The north mill wheel"]
    assert "The north mill wheel" not in texts(article)


def test_a_caption_written_as_paragraphs_stays_the_figures_caption() -> None:
    article = read(
        '<figure><img src="/img/pond.jpg"><figcaption><p>The mill pond in winter.</p>'
        "<p>Photo: Ann Lee</p></figcaption></figure>"
    )
    figures = [b for b in article.blocks if isinstance(b, Figure)]
    assert [runs_text(f.caption) for f in figures] == ["The mill pond in winter. Photo: Ann Lee"]
    assert "The mill pond in winter." not in texts(article)


def test_a_figure_with_a_label_beside_its_image_keeps_its_caption_on_the_image() -> None:
    article = read(
        '<figure><div class="media"><span class="label">Image</span><img src="/img/pond.jpg">'
        "</div><figcaption><span>The mill pond in winter.</span><span>Credit Ann Lee</span>"
        "</figcaption></figure>"
    )
    figures = [b for b in article.blocks if isinstance(b, Figure)]
    assert [runs_text(f.caption) for f in figures] == ["The mill pond in winter.Credit Ann Lee"]
    assert "Image" in texts(article)  # the label is kept, as text


def test_a_caption_after_an_icon_box_reads_as_one_paragraph_across_its_link() -> None:
    # Readability cuts a box's text at the first inline element that follows a block.
    article = read(
        '<div class="thumb"><a href="/img/wheel"><img src="/img/wheel.jpg" width="220"></a>'
        '<div class="caption"><div class="magnify"><a href="/img/wheel" title="Enlarge"></a>'
        '</div>\n    Millers from the <a href="/guild">Valley Guild</a> weigh the first flour'
        " of the year at the harvest fair.</div></div>"
        "<p>The guild kept a book of weights. </p><p><em>The book</em> is in the town hall.</p>"
    )
    caption = "Millers from the Valley Guild weigh the first flour of the year at the harvest fair."
    assert caption in texts(article)
    assert "The book is in the town hall." in texts(article)  # a finished sentence ends one


def test_edit_links_in_headings_are_dropped() -> None:
    article = read(
        '<h2>History<span>[<a href="/edit?section=1">edit</a> | '
        '<a href="/edit?section=1&source">edit source</a>]</span></h2>'
        f"<p>{FILLER}</p><h2>Names [in Latin]</h2><p>{FILLER}</p>"
    )
    headings = [runs_text(b.runs) for b in article.blocks if isinstance(b, Heading)]
    assert headings == ["History", "Names [in Latin]"]


def test_citation_markers_stay_followable_and_back_links_are_dropped() -> None:
    article = read(
        '<p>The mill opened in 1820.<sup><a href="#note-1">[1]</a></sup> It closed later.</p>'
        '<ol><li><a href="#ref-1">^</a> <a href="https://example.org/records">Records</a>, '
        "page 4.</li></ol>"
    )
    assert "The mill opened in 1820.[1] It closed later." in texts(article)
    # The marker is a link to its note, so the app and line mode can go there and back.
    assert any(link.endswith("#note-1") for link in article.links)
    notes = [b for b in article.blocks if not isinstance(b, Heading | Paragraph | Figure)]
    assert runs_text(notes[0].items[0].runs) == "Records, page 4."


def test_lettered_back_links_of_a_note_cited_twice_are_dropped() -> None:
    article = read(
        '<p>The mill opened.<sup><a href="#note-2">[2]</a></sup></p><ol><li><span>^ <a href='
        '"#ref-2a"><sup><b>a</b></sup></a> <a href="#ref-2b"><sup><b>b</b></sup></a></span> '
        '<a href="https://example.org/records">Records</a>, page 4.</li>'
        '<li>^ The caret <a href="#ref-3">is</a> kept in a note that does not lead back.</li></ol>'
    )
    (notes,) = [b for b in article.blocks if isinstance(b, ListBlock)]
    assert [runs_text(item.runs) for item in notes.items] == [
        "Records, page 4.",
        "^ The caret is kept in a note that does not lead back.",
    ]


def test_a_heading_left_with_nothing_under_it_is_dropped() -> None:
    article = read(f"<h2>Mills today</h2><p>{FILLER}</p><h2>See also</h2><h2>Notes</h2><p>A.</p>")
    headings = [runs_text(b.runs) for b in article.blocks if isinstance(b, Heading)]
    assert "See also" not in headings
    assert "Mills today" in headings and "Notes" in headings


def test_share_buttons_and_skip_links_are_dropped_whatever_their_words() -> None:
    article = read(
        '<div class="btn"><a href="whatsapp://send?text=Valley%20Mills">Teile dies auf WhatsApp</a>'
        '</div><p><a href="https://social.example/share?url=https%3A%2F%2Fexample.org">'
        "Compartir en la red</a></p>"
        '<div><a class="skip" href="#story-continues">Continue reading the main story</a></div>'
        f'<p>{FILLER}</p><a href="#next">Weiter zum Artikel</a><p>{FILLER}</p>'
        '<p>See <a href="#table-2">the second table</a> for the yields.</p>'
    )
    joined = " ".join(texts(article))
    assert "WhatsApp" not in joined
    assert "Compartir" not in joined
    assert "Continue reading" not in joined
    assert "Weiter zum Artikel" not in joined
    assert "See the second table for the yields." in joined


def test_share_boxes_named_in_camel_case_are_dropped() -> None:
    article = read('<div class="mbArticleShareBtn"><span>转播到微博</span></div>')
    assert "转播到微博" not in " ".join(texts(article))


def test_a_lead_in_with_a_colon_before_a_linked_headline_is_dropped_in_any_language() -> None:
    article = read(
        '<p>Lea también: <a href="/otra">El molino del norte cierra sus puertas</a></p>'
        '<p>[What you need to know today: <a href="/letters">Get the Valley letter in your'
        " inbox</a>.]</p>"
        '<p>Note: the <a href="/guild">guild</a> kept its own books for the whole century.</p>'
    )
    joined = " ".join(texts(article))
    assert "Lea también" not in joined
    assert "Valley letter" not in joined
    assert "kept its own books" in joined


def test_a_byline_written_as_written_by_is_not_doubled() -> None:
    article = read(
        "", head='<title>Valley Mills</title><meta name="author" content="Written by Ann Lee">'
    )
    assert "By Ann Lee" in meta_lines(article)


def test_reading_time_of_chinese_text_counts_characters() -> None:
    text = "磨坊的水车在冬天也不停地转动。" * 200  # 3,000 characters, no spaces
    article = Article(title="磨坊", blocks=[Paragraph([Inline(text)])])
    assert article.reading_minutes == 6


def test_reading_time_of_spaced_text_still_counts_words() -> None:
    article = Article(title="Mills", blocks=[Paragraph([Inline("word " * 2300)])])
    assert article.reading_minutes == 10


def test_a_page_of_story_cards_is_not_taken_for_an_article() -> None:
    cards = "".join(
        f'<div class="card"><h3><a href="/story/{n}">Story number {n} about the valley mills</a>'
        f"</h3><p>{FILLER[:180]}</p></div>"
        for n in range(6)
    )
    html = f"<html><head><title>Valley News</title></head><body><main>{cards}</main></body></html>"
    article = extract(Page(url="https://example.org/", text=html))
    assert article.notices == [NO_ARTICLE]
    assert "Story number 3 about the valley mills" in texts(article)


def sentences(topic: str, count: int) -> str:
    return "".join(
        f"<p>The {topic} part, sentence {n}: the miller weighed the grain, wrote the figure in "
        "his book, and sent the flour down the river by boat, as his father had done.</p>"
        for n in range(count)
    )


def test_an_article_split_into_sections_built_alike_is_read_whole() -> None:
    parts = [("opening", 3), ("second", 1), ("third", 1), ("fourth", 1), ("closing", 1)]
    body = "".join(
        f'<div class="part"><div class="inner">{sentences(topic, n)}</div></div>'
        for topic, n in parts
    )
    html = f"<html><head><title>Mills</title></head><body><div>{body}</div></body></html>"
    article = extract(Page(url="https://example.org/mills", text=html))
    joined = " ".join(texts(article))
    assert all(f"The {topic} part, sentence 0:" in joined for topic, _ in parts)


def test_bold_lines_in_a_row_are_kept_but_a_bold_label_left_before_a_heading_is_dropped() -> None:
    def bold(text: str) -> Paragraph:
        return Paragraph([Inline(text, "strong")])

    blocks = [
        Paragraph([Inline(FILLER)]),
        bold("North d. South 70-44"),
        bold("North 18 22 13 17 - 70"),
        Paragraph([Inline("North: Lee 25 points.")]),
        bold("Video picks"),
        Heading(2, [Inline("Football")]),
        Paragraph([Inline("South won.")]),
    ]
    kept = [runs_text(b.runs) for b in post_clean(blocks, "Scores", None)]
    assert "North d. South 70-44" in kept and "North 18 22 13 17 - 70" in kept
    assert "Video picks" not in kept


def test_the_text_beside_the_heading_that_names_the_page_wins_over_a_longer_box_elsewhere() -> None:
    story = (
        "The ferry to the island now runs twice a day, the harbour office said on Monday, "
        "after a winter of single crossings that left the islanders short of fuel and bread. "
    )
    other = (
        "Officer cadets, and their equivalents from the uniformed services, learn drill, "
        "map reading, first aid, leadership, law, and the history of the corps, in a course "
        "that lasts, for most of them, forty-four weeks. "
    )
    html = (
        "<html><head><title>Ferry runs twice a day | Harbour News</title></head><body>"
        f"<div><div><h1>Ferry runs twice a day</h1><div><p>{story * 3}</p></div></div></div>"
        f"<div><div><p>{other * 4}</p><p>{other * 4}</p></div></div></body></html>"
    )
    article = extract(Page(url="https://example.org/news/ferry.html", text=html))
    body = " ".join(texts(article))
    assert "The ferry to the island" in body
    assert "Officer cadets" not in body
