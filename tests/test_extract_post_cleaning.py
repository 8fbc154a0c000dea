"""Post-cleaning of distilled blocks: repeated titles, header lines, slideshow captions, and
lines with no words are dropped; ordinary repeated paragraphs stay."""

from __future__ import annotations

from reader.core.document import Figure, Heading, Inline, Paragraph, runs_text
from reader.core.extract.post_cleaning import post_clean


def para(text: str) -> Paragraph:
    return Paragraph([Inline(text)])


def texts(blocks) -> list[str]:
    return [runs_text(b.runs) for b in blocks if isinstance(b, Paragraph | Heading)]


BODY = "A long enough paragraph of article text that a reader came for."


def test_title_byline_and_dateline_near_the_top_are_dropped() -> None:
    blocks = [
        Heading(1, [Inline("Seals Return")]),
        para("By Jane Doe"),
        para("Updated 5:27 am CST, Wednesday, November 20, 2019"),
        para(BODY),
    ]
    assert texts(post_clean(blocks, "Seals return", "Jane Doe")) == [BODY]


def test_a_byline_followed_by_its_date_is_dropped_but_a_sentence_naming_the_author_stays() -> None:
    quoted = "Jane Doe said the seals came back in the spring, to everyone's delight."
    blocks = [para("By Jane Doe, 24 November 2026"), para(quoted), para(BODY)]
    assert texts(post_clean(blocks, "Seals return", "Jane Doe")) == [quoted, BODY]


def test_a_dateline_deep_in_the_article_is_kept() -> None:
    blocks = [para(BODY)] * 7 + [para("Published 1887 in London")]
    assert texts(post_clean(blocks, "T", None))[-1] == "Published 1887 in London"


def test_slideshow_captions_repeated_after_images_are_dropped() -> None:
    caption = "The harbour at dawn, seen from the old sea wall."
    blocks = [Figure("a", [], None), para(caption), Figure("b", [], None), para(caption)]
    assert texts(post_clean(blocks, "T", None)) == [caption]
    figures = [Figure("a", [Inline(caption)]), Figure("b", [Inline(caption)])]
    cleaned = post_clean(figures, "T", None)
    assert [runs_text(f.caption) for f in cleaned] == [caption, ""]


def test_repeated_paragraphs_of_text_are_kept() -> None:
    assert texts(post_clean([para(BODY), para(BODY)], "T", None)) == [BODY, BODY]


def test_counters_and_boilerplate_lines_are_dropped() -> None:
    blocks = [para(BODY), para("6"), para("Advertisement"), para("— 3 —"), para(BODY + " 2")]
    assert texts(post_clean(blocks, "T", None)) == [BODY, BODY + " 2"]


def test_a_drawn_line_becomes_a_separator() -> None:
    cleaned = post_clean([para(BODY), para("* * *"), para(BODY + " 2")], "T", None)
    assert [b.kind for b in cleaned] == ["paragraph", "separator", "paragraph"]


def link_para(text: str) -> Paragraph:
    return Paragraph([Inline(text, "link", "https://x.example/" + text.replace(" ", "-"))])


def test_a_run_of_linked_headlines_and_its_lead_in_are_dropped() -> None:
    blocks = [
        para(BODY),
        para("You may also like..."),
        link_para("Who will make the hall of fame next year"),
        link_para("Twenty five worst inductees ever picked"),
    ]
    assert texts(post_clean(blocks, "T", None)) == [BODY]


def test_short_links_and_a_single_linked_line_inside_the_body_are_kept() -> None:
    links = [link_para("Next"), link_para("Learn more"), link_para("Read the report")]
    blocks = [para(BODY), *links, para(BODY)]
    assert len(post_clean(blocks, "T", None)) == 5


def test_read_more_line_is_dropped_but_a_more_information_line_is_kept() -> None:
    read_more = Paragraph([Inline("READ MORE: "), *link_para("Seals seen upstream again").runs])
    info = Paragraph([Inline("More information: "), *link_para("Petit et al. 2018").runs])
    assert texts(post_clean([para(BODY), read_more, info], "T", None)) == [
        BODY,
        "More information: Petit et al. 2018",
    ]


def test_a_linked_line_in_capitals_is_a_call_to_action() -> None:
    blocks = [
        para(BODY),
        link_para("GET THE NEWS APP BY CLICKING HERE"),
        link_para("Read the report"),
        para(BODY),
    ]
    assert texts(post_clean(blocks, "T", None)) == [BODY, "Read the report", BODY]


def test_a_credit_line_under_a_picture_is_dropped_but_a_sentence_there_is_kept() -> None:
    credits = ["© Jane Roe", "Photo: Coast Agency", "Foto: dpa", "Bild: Werk/Tom Poe"]
    blocks = [para(BODY)]
    for credit in credits:
        blocks += [Figure("seals", [], None), para(credit)]
    sentence = "Photo: the seals came back to the harbour after forty years away."
    blocks += [Figure("pups", [], None), para(sentence)]
    assert texts(post_clean(blocks, "T", None)) == [BODY, sentence]


def test_a_written_by_line_naming_the_byline_is_dropped_near_the_top() -> None:
    blocks = [para("Written by Jane Doe\nEdited by John Roe"), para("Par Jane Doe"), para(BODY)]
    assert texts(post_clean(blocks, "T", "Jane Doe Edited by John Roe")) == ["Par Jane Doe", BODY]
    assert texts(post_clean([para("Par Jane Doe"), para(BODY)], "T", "Jane Doe")) == [BODY]
