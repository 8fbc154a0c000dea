"""A small offline language guesser: the writing system first, then common short words.

Good enough to pick a translation package for an article that does not declare its language;
it answers None rather than guess when the evidence is thin.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_STOPWORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "en": "the and of to in is that it was for on are with as his they at be this from "
        "have or by not but what all were when we there can an which their has would",
        "es": "el la de que y en los las del se por un una con no para es su al lo como más "
        "pero sus le ya fue este ha muy también sobre",
        "fr": "le la les de des et en du un une est que pour dans qui pas sur au avec ce il "
        "elle sont mais ou aux nous vous leur cette été",
        "de": "der die das und ist nicht ein eine zu den mit von im sich des auf für dem "
        "auch es an werden aus er sie nach bei wird oder",
        "it": "il di che la è e per un una non sono del della le gli con si da al ma anche "
        "nel alla questo più come degli",
        "pt": "o a de que e do da em um uma para é com não os as dos das no na por se mais "
        "ao pelo pela foi ele ela são também",
        "nl": "de het een van en is dat op te in niet zijn voor met die er ook aan als maar "
        "bij door wordt naar dan om",
        "sv": "och att det som en är av för på med till den har inte om ett var jag de men "
        "från eller sig så",
        "da": "og at det som en er af for på med til den har ikke om et var jeg de men fra "
        "eller sig så være",
        "pl": "i w nie na się że z do to jest jak o ale od po co tak za przez być już tylko "
        "jego jej są",
        "tr": "ve bir bu da de için ile çok ne daha gibi ama olarak kadar her olan sonra "
        "ben sen değil",
        "id": "dan yang di ini itu dengan untuk tidak dari dalam akan pada juga ke ada "
        "oleh karena saya",
    }.items()
}

# Script name (from unicodedata) -> language, for scripts that mostly mean one language.
_SCRIPTS = {
    "GREEK": "el",
    "HEBREW": "he",
    "ARABIC": "ar",
    "DEVANAGARI": "hi",
    "BENGALI": "bn",
    "THAI": "th",
    "HANGUL": "ko",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "CJK": "zh",
    "GEORGIAN": "ka",
    "ARMENIAN": "hy",
    "TAMIL": "ta",
}
_UKRAINIAN = set("іїєґІЇЄҐ")
_WORD = re.compile(r"[^\W\d_]+")
MIN_WORD_HITS = 3


def detect_language(text: str) -> str | None:
    """An ISO 639-1 code for `text`, or None when unsure."""
    sample = text[:20_000]
    scripts = Counter(_script(ch) for ch in sample if ch.isalpha())
    if not scripts:
        return None
    script, count = scripts.most_common(1)[0]
    if script == "CJK" and (scripts["HIRAGANA"] or scripts["KATAKANA"]):
        return "ja"
    if script in _SCRIPTS and count >= 0.3 * sum(scripts.values()):
        return _SCRIPTS[script]
    if script == "CYRILLIC":
        return "uk" if any(ch in _UKRAINIAN for ch in sample) else "ru"
    if script != "LATIN":
        return None
    words = [w.lower() for w in _WORD.findall(sample)]
    hits = Counter({code: sum(w in stop for w in words) for code, stop in _STOPWORDS.items()})
    ranked = hits.most_common(2)
    best, best_hits = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if best_hits < MIN_WORD_HITS or best_hits < 1.3 * runner_up:
        return None
    return best


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else ""
