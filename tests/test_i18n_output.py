"""reader's own words in the output follow the interface language; the article's never do."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from babel.dates import format_date as cldr_date
from babel.numbers import format_decimal as cldr_decimal

from reader.core.document import WORDS_PER_MINUTE, Article, Heading, Paragraph, Table
from reader.core.formats import render
from reader.core.formats.header import meta_lines
from reader.core.i18n import format_date, format_number, use_language
from tests.support.formats_sample import assert_matches_golden, sample_article, t

# Babel's CLDR locale for each shipped language (English keeps "24 November 2026").
CLDR = {"en": "en_GB", "fr": "fr", "de": "de", "es": "es", "hi": "hi", "ar": "ar", "zh_CN": "zh_CN"}
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    use_language("en")


def test_plain_output_in_french_matches_golden_file() -> None:
    use_language("fr")
    assert_matches_golden("plain_fr.txt", render(sample_article(), "plain"))


def test_french_headings_stay_one_searchable_line_each() -> None:
    use_language("fr")
    text = render(sample_article(), "plain", width=12)
    lines = text.splitlines()
    headings = [line for line in lines if "Titre" in line]
    assert len(headings) == 3
    assert all(re.match(r"Titre [23] :( |$)", line) for line in headings), headings
    assert "Titre 2 : How it works" in render(sample_article(), "plain").splitlines()
    # No no-break space reaches the plain output: it prints as a plain space.
    assert "\u00a0" not in text and "\u202f" not in text


def test_the_article_text_is_never_translated() -> None:
    article = sample_article()
    english = render(article, "plain")
    use_language("de")
    german = render(article, "plain")
    for block in article.blocks:
        if isinstance(block, Paragraph):
            words = "".join(run.text for run in block.runs).split()[0]
            assert words in english and words in german
    assert "The engine weaves algebraic patterns" in german
    assert "Überschrift 2: How it works" in german


@pytest.mark.parametrize("language", list(CLDR))
def test_header_dates_are_written_as_cldr_writes_them(language: str) -> None:
    use_language(language)
    for day in (date(2026, 11, 24), date(1843, 9, 1), date(2000, 5, 7)):
        assert format_date(day) == cldr_date(day, "long", locale=CLDR[language])


@pytest.mark.parametrize("language", list(CLDR))
def test_numbers_are_grouped_as_cldr_groups_them(language: str) -> None:
    use_language(language)
    # Below 100,000, where Hindi's Indian grouping (1,00,000) has not started.
    for number in (0, 7, 42, 999, 1000, 1234, 12345, 99999):
        assert format_number(number) == cldr_decimal(number, locale=CLDR[language])


def table(columns: int, rows: int) -> Article:
    return Article(
        title="T",
        blocks=[
            Table(
                header=[[t(f"h{c}")] for c in range(columns)],
                rows=[[[t("x")] for _ in range(columns)] for _ in range(rows)],
            )
        ],
    )


@pytest.mark.parametrize(
    ("columns", "rows", "announcement"),
    [
        (1, 1, "جدول من 1 عمود و1 صف:"),
        (2, 2, "جدول من 2 عمودان و2 صفان:"),
        (3, 10, "جدول من 3 أعمدة و10 صفوف:"),
        (11, 100, "جدول من 11 عمودًا و100 صف:"),
    ],
)
def test_arabic_table_announcements_use_the_arabic_plural_forms(
    columns: int, rows: int, announcement: str
) -> None:
    use_language("ar")
    assert announcement in render(table(columns, rows), "plain").splitlines()


def test_french_plural_forms_count_zero_and_one_as_singular() -> None:
    use_language("fr")
    assert "Tableau de 1 colonne et 0 ligne :" in render(table(1, 0), "plain")
    assert "Tableau de 2 colonnes et 3 lignes :" in render(table(2, 3), "plain")


def test_arabic_plain_output_has_no_bidi_controls_and_keeps_its_structure() -> None:
    use_language("ar")
    article = sample_article()
    article.blocks.insert(0, Heading(level=2, runs=[t("\u202eevil\u202c مرحبا")]))
    text = render(article, "plain")
    assert BIDI_CONTROLS.search(text) is None
    assert "عنوان 2: evil مرحبا" in text.splitlines()
    assert "الروابط:" in text.splitlines()


def test_html_marks_arabic_interface_words_right_to_left_on_an_english_page() -> None:
    use_language("ar")
    article = sample_article()
    article.language = "en"
    page = render(article, "html")
    assert '<html lang="en">' in page
    assert '<p class="meta" lang="ar" dir="rtl">' in page
    assert '<p class="image" lang="ar" dir="rtl">صورة: ' in page


def test_html_marks_english_interface_words_left_to_right_on_an_arabic_page() -> None:
    article = sample_article()
    article.language = "ar"
    page = render(article, "html")
    assert '<html lang="ar" dir="rtl">' in page
    assert '<p class="meta" lang="en" dir="ltr">' in page


def test_header_reading_time_and_date_follow_the_interface_language() -> None:
    words = " ".join(["word"] * 12 * WORDS_PER_MINUTE)
    article = Article(title="T", published="2026-11-24", blocks=[Paragraph([t(words)])])
    use_language("zh_CN")
    assert meta_lines(article) == ["发布于 2026年11月24日", "阅读约需 12 分钟"]
    use_language("es")
    assert meta_lines(article) == ["Publicado el 24 de noviembre de 2026", "12 min de lectura"]


def test_read_aloud_announcements_follow_the_interface_language() -> None:
    from reader.core.speech.script import build_script

    use_language("de")
    said = [utterance.text for utterance in build_script(sample_article()).utterances]
    assert "Überschrift 2: How it works" in said
    assert "Tabelle mit 3 Spalten und 4 Zeilen." in said
    assert any(text.startswith("Zeile 1: Name: Ada Lovelace") for text in said)
