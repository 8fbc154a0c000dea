"""The one place that makes untrusted page text safe to show in a terminal.

Everything that comes from a page (title, byline, body, link text and URLs, alt text, error
messages quoting a page) passes through `clean` before any renderer sees it. It removes:
- ESC-introduced sequences: CSI (``ESC [``), OSC (``ESC ]`` ... BEL/ST, e.g. OSC 8 hyperlinks and
  OSC 52 clipboard writes), DCS/SOS/PM/APC strings, and two-character escapes;
- their 8-bit C1 forms (U+0080-U+009F, e.g. U+009B CSI and U+009D OSC) with their payloads;
- every other C0 control except tab and newline, and DEL;
- bidirectional overrides, embeddings and isolates (U+202A-U+202E, U+2066-U+2069) that would
  reorder what the reader sees (the "Trojan Source" trick), and stray BOMs;
- lone surrogates (a file name that is not UTF-8), which no terminal encoding can write;
- hidden text: Unicode tag characters (U+E0000-U+E007F, invisible copies of ASCII that can
  carry instructions nobody sees), except inside the three subdivision flags (England,
  Scotland, Wales) that need them; and zero-width characters that show nothing and mean
  nothing to any script (U+200B zero-width space, U+2060-U+2064 word joiner and invisible
  operators, U+180E). Zero-width joiner and non-joiner (U+200C, U+200D) are kept, because
  Persian, Arabic, Indic scripts and emoji sequences need them, but a run of them (which no
  script needs and which can encode hidden bits) is cut to its first one.
"""

from __future__ import annotations

import re

# A string-type sequence (OSC, DCS, SOS, PM, APC), 7-bit or 8-bit introducer, ended by BEL or
# ST (ESC \ or U+009C), or cut off by the end of the text.
_STRING_SEQ = r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c|$)"
# A control sequence: CSI (7-bit or 8-bit), parameters, intermediates and a final byte.
_CSI_SEQ = r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
# Any other escape: ESC, optional intermediates, one final character.
_ESC_SEQ = r"\x1b[\x20-\x2f]*[\x30-\x7e]?"
_CONTROLS = (
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb\ud800-\udfff]"
)
# England, Scotland, Wales: black flag, tag letters gbeng / gbsct / gbwls, cancel tag.
_FLAGS = "|".join(
    "\U0001f3f4" + "".join(chr(0xE0000 + ord(c)) for c in code) + "\U000e007f"
    for code in ("gbeng", "gbsct", "gbwls")
)
_HIDDEN = re.compile(f"({_FLAGS})|[\U000e0000-\U000e007f\u200b\u2060-\u2064\u180e]")
_JOINER_RUN = re.compile(r"([\u200c\u200d])[\u200c\u200d]+")

_UNSAFE = re.compile("|".join((_STRING_SEQ, _CSI_SEQ, _ESC_SEQ, _CONTROLS)))
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def clean(text: str) -> str:
    """`text` with terminal control sequences and unsafe control characters removed.

    Carriage returns become newlines first (a bare CR could overwrite what is on the line).
    """
    if not text or text.isprintable():
        # Everything removed below is a control, format or separator character, none of which
        # str.isprintable() accepts: printable text is already safe (the common case, in C).
        return text
    text = _UNSAFE.sub("", _LINE_BREAKS.sub("\n", text))
    text = _HIDDEN.sub(lambda match: match.group(1) or "", text)
    return _JOINER_RUN.sub(r"\1", text)


def clean_line(text: str) -> str:
    """`clean(text)` on one line: every run of whitespace, newlines included, becomes a space."""
    return " ".join(clean(text).split())


def is_clean(text: str) -> bool:
    """True when `text` holds nothing that `clean` would remove."""
    return clean(text) == text
