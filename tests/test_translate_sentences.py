"""Our sentence splitter and language guesser: offline, no downloaded model."""
# ruff: noqa: RUF001

from __future__ import annotations

from reader.core.translate.detect import detect_language
from reader.core.translate.sentences import MAX_SENTENCE_CHARS, split_sentences


def test_sentences_split_at_terminal_punctuation() -> None:
    text = 'It rained. Did it? "Yes!" she said. The end… Another one.'
    assert split_sentences(text) == [
        "It rained.",
        "Did it?",
        '"Yes!" she said.',
        "The end…",
        "Another one.",
    ]


def test_abbreviations_initials_and_numbers_do_not_end_sentences() -> None:
    text = "Dr. Smith met J. R. Tolkien at 3.30 p.m. in the U.S. capital. Then he left."
    assert split_sentences(text) == [
        "Dr. Smith met J. R. Tolkien at 3.30 p.m. in the U.S. capital.",
        "Then he left.",
    ]
    assert split_sentences("See e.g. the list. Version 2.5 is out.") == [
        "See e.g. the list.",
        "Version 2.5 is out.",
    ]


def test_cjk_full_stops_split_without_spaces() -> None:
    assert split_sentences("东京很大。我喜欢它！你呢？") == ["东京很大。", "我喜欢它！", "你呢？"]


def test_empty_and_whitespace_give_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences("  \n ") == []


def test_overlong_sentences_are_cut_at_a_clause_or_word() -> None:
    text = ", ".join(f"clause number {i} goes on" for i in range(60)) + "."
    pieces = split_sentences(text)
    assert len(pieces) > 1
    assert all(len(p) <= MAX_SENTENCE_CHARS for p in pieces)
    assert " ".join(pieces) == text
    assert all(p.endswith(",") for p in pieces[:-1])


def test_detector_uses_script_then_common_words() -> None:
    assert detect_language("The cat sat on the mat and it was happy with the fish.") == "en"
    assert detect_language("Der Hund ist nicht im Haus, und die Katze auch nicht.") == "de"
    assert detect_language("Le chat est sur la table et il ne veut pas descendre.") == "fr"
    assert detect_language("El perro está en la casa y no quiere salir con los niños.") == "es"
    assert detect_language("Привет, как дела? Всё хорошо.") == "ru"
    assert detect_language("Привіт, як справи? Все добре, дякую, їжа є.") == "uk"
    assert detect_language("これは日本語の文章です。") == "ja"
    assert detect_language("这是中文。") == "zh"
    assert detect_language("Καλημέρα κόσμε") == "el"
    assert detect_language("12 34 56") is None
    assert detect_language("Hello") is None  # too little evidence: ask the user
