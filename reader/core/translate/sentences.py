"""Our own sentence splitter, so translation never needs argostranslate's downloaded one.

Sentences end at . ! ? or … followed by space and a likely sentence start, except after
common abbreviations, initials and numbers; CJK full stops end a sentence on their own.
Overlong sentences are cut at a clause or word boundary so a model never sees a huge input.
"""

from __future__ import annotations

import re

MAX_SENTENCE_CHARS = 400

_ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr prof sr jr st mt ft vs etc e.g i.e cf fig figs no nos vol vols p pp
    approx dept est inc ltd co corp gen gov lt col sgt capt rev hon jan feb mar apr jun
    jul aug sep sept oct nov dec mon tue wed thu fri sat sun u.s u.k u.n a.m p.m ca al
    nr bzw usw z.b d.h s.o u.a sr.a sra srta dra av
    """.split()  # noqa: SIM905
)

# Terminal punctuation, closing quotes/brackets, then whitespace, then a likely start.
_BOUNDARY = re.compile(r"([.!?…]+)([\"'”’»)\]]*)(\s+)(?=[\"'“‘«(\[¿¡]?[^\W\d_a-z]|[\"'“‘«(\[]?\d)")  # noqa: RUF001
_CJK_BOUNDARY = re.compile(r"([。！？])([”’」』）]*)")  # noqa: RUF001
_SOFT_BREAK = re.compile(r"[;:,，、；]\s")  # noqa: RUF001


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, each stripped; empty text gives an empty list."""
    text = text.strip()
    if not text:
        return []
    pieces: list[str] = []
    for chunk in _split_cjk(text):
        pieces.extend(_split_latin(chunk))
    sentences: list[str] = []
    for piece in pieces:
        sentences.extend(_cut_long(piece.strip()))
    return [sentence for sentence in sentences if sentence]


def _split_cjk(text: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in _CJK_BOUNDARY.finditer(text):
        end = match.end()
        if end < len(text):
            parts.append(text[start:end])
            start = end
    parts.append(text[start:])
    return parts


def _split_latin(text: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group(1) == "." and _is_abbreviation(text[start : match.start()]):
            continue
        parts.append(text[start : match.start(3)])
        start = match.end()
    parts.append(text[start:])
    return parts


def _is_abbreviation(before: str) -> bool:
    """True when the word before a full stop is an abbreviation, an initial or a number."""
    words = before.split()
    if not words:
        return True
    word = words[-1].lstrip("\"'“‘«([").lower()  # noqa: RUF001
    if word in _ABBREVIATIONS or len(word) == 1:
        return True
    # Dotted forms such as "U.S" or "e.g" not in the list: letters separated by dots.
    return bool(re.fullmatch(r"(?:\w\.)+\w", word))


def _cut_long(sentence: str) -> list[str]:
    """`sentence` in pieces of at most MAX_SENTENCE_CHARS, cut at a clause or a space."""
    out: list[str] = []
    while len(sentence) > MAX_SENTENCE_CHARS:
        window = sentence[:MAX_SENTENCE_CHARS]
        cut = max((m.end() for m in _SOFT_BREAK.finditer(window)), default=0)
        if cut < MAX_SENTENCE_CHARS // 3:
            cut = window.rfind(" ") + 1
        if cut <= 0:
            cut = MAX_SENTENCE_CHARS
        out.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    out.append(sentence)
    return out
