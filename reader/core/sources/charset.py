"""Bytes -> text for fetched documents: which character set, and decoding that never crashes.

The order is the browser's (WHATWG "encoding sniffing"): a byte order mark, then the HTTP
`charset` parameter, then `<meta charset>` / `http-equiv` in the first few KB, then detection.
A BOM comes first because it is unambiguous (a page labelled ISO-8859-1 that starts with a UTF-8
BOM is UTF-8 in every browser). A declared label is checked before it is trusted: a page that is
valid, non-ASCII UTF-8 is UTF-8 whatever the label says (the most common misconfiguration), and
a label under which the bytes mostly fail to decode is skipped. Labels map to decoders as WHATWG
does where Python differs: ISO-8859-1 and US-ASCII are windows-1252, GB2312 and GBK are
GB18030, Shift_JIS is Microsoft's cp932, EUC-KR is cp949, Big5 is Big5-HKSCS.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from reader.core.errors import ContentError
from reader.core.i18n import _
from reader.core.sources.charset_labels import (
    encoding_for_label,
    python_codec,
    whatwg_name_for_python_codec,
)

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16le"),
    (codecs.BOM_UTF16_BE, "utf-16be"),
)

PRESCAN_BYTES = 4096  # how far into the document to look for <meta charset>
UTF8_SAMPLE = 2**20  # how much of a document must be valid UTF-8 to be taken as UTF-8
DETECT_BYTES = 16384  # how much text a detector reads (chardet takes ~10 ms per KB)
_MAX_BAD_FRACTION = 0.25  # a label is wrong when this share of non-ASCII bytes fail to decode

_COMMENT = re.compile(rb"<!--.*?(?:-->|$)", re.S)
_META = re.compile(rb"<meta(?=[\s/])([^>]*)>?", re.I)
_ATTRIBUTE = re.compile(rb"""([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")
_CONTENT_CHARSET = re.compile(rb"""charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;"']+))""", re.I)
_XML_DECLARATION = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']""")


class Decoded(NamedTuple):
    """A decoded document and the WHATWG name of the character set that decoded it (a named
    tuple: a frozen dataclass costs ~0.6 ms more at every start)."""

    text: str
    charset: str


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte order mark announces and the BOM's length, or None."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def meta_charset(data: bytes, *, xml: bool = False) -> str | None:
    """The charset label a document declares in its first few KB (`<meta>` or, for XHTML, the
    XML declaration), as a WHATWG encoding name, or None."""
    head = data[:PRESCAN_BYTES]
    if xml and (match := _XML_DECLARATION.match(head.lstrip())):
        found = encoding_for_label(match.group(1).decode("ascii", "replace"))
        if found:
            return found
    head = _COMMENT.sub(b"", head)
    for match in _META.finditer(head):
        attributes: dict[bytes, bytes] = {}
        for name, value in _ATTRIBUTE.findall(match.group(1)):
            attributes.setdefault(name.lower(), value.strip(b"\"'"))
        label: bytes | None = attributes.get(b"charset")
        if label is None and attributes.get(b"http-equiv", b"").lower() == b"content-type":
            content = _CONTENT_CHARSET.search(attributes.get(b"content", b""))
            label = next((g for g in content.groups() if g), None) if content else None
        encoding = encoding_for_label(label.decode("ascii", "replace")) if label else None
        if encoding:
            # A <meta> read as ASCII cannot be UTF-16: the bytes say otherwise (WHATWG).
            return "utf-8" if encoding.startswith("utf-16") else encoding
    return None


def decode_document(
    data: bytes, *, declared: str | None = None, html: bool = True, xml: bool = False
) -> Decoded:
    """Decode a document: BOM, then the declared label, then `<meta>`, then detection.

    Invalid bytes become U+FFFD and NUL characters become U+FFFD (as an HTML parser would do),
    so a page never crashes the reader. Raises ContentError for an empty document or a
    charset that cannot be decoded safely.
    """
    if not data or data.isspace():
        raise ContentError(_("the document is empty"), _("check the address or the file"))
    bom = bom_encoding(data)
    if bom:
        encoding, length = bom
        return _decode(data[length:], encoding)
    candidates = [encoding_for_label(declared)]
    if html:
        candidates.append(meta_charset(data, xml=xml))
    for candidate in candidates:
        if candidate is None:
            continue
        if candidate == "replacement":
            unsupported = _("the document uses the {charset} charset, which is not supported")
            raise ContentError(
                unsupported.format(charset=declared)
                if declared
                else _("the document's declared charset is not supported"),
                _("save the page as UTF-8 and open the file"),
            )
        checked = _checked_label(data, candidate)
        if checked:
            return _decode(data, checked)
    return _decode(data, detect_encoding(data))


def detect_encoding(data: bytes) -> str:
    """Best guess for unlabelled bytes: UTF-8 if they decode as UTF-8, else chardet's guess
    (mapped to the WHATWG encodings) on the page's text, refined among the Latin encodings by
    which decoding puts the fewest symbols and control characters inside words, else
    windows-1252 (the browsers' default)."""
    if _is_utf8(data):
        return "utf-8"
    sample = _text_sample(data)
    guess = "windows-1252"
    import chardet  # a dependency; imported here because only unlabelled pages need it

    label = chardet.detect(sample).get("encoding")
    if label:
        guess = whatwg_name_for_python_codec(label) or "windows-1252"
    if guess in _LATIN:
        guess = min(_LATIN, key=lambda name: (_oddities(sample, name), name != guess))
    return guess


# Single-byte Latin encodings that a language model confuses; told apart by _oddities.
_LATIN = ("windows-1252", "iso-8859-15", "windows-1250", "iso-8859-2", "windows-1254")
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_TAGS = re.compile(rb"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.S | re.I)
_GLUED_PUNCTUATION = frozenset("«»¿¡„“”\u2018\u2019\u201a\u2013\u2014…·°€£¥§©®™•\u2032\u2033")


def _text_sample(data: bytes) -> bytes:
    """Up to DETECT_BYTES of the document's text from where its non-ASCII bytes begin, markup
    removed (ASCII and markup only dilute detection)."""
    first = _NON_ASCII.search(data)
    start = max(0, first.start() - 1024) if first else 0
    text = _TAGS.sub(b" ", data[start : start + DETECT_BYTES * 4])
    return text[:DETECT_BYTES]


def _oddities(sample: bytes, encoding: str) -> int:
    """How implausible `sample` looks decoded as `encoding`: control characters and undecodable
    bytes count 2, symbols glued to a letter (`¶limak`, `³ódź`) count 1."""
    codec = python_codec(encoding)
    assert codec is not None
    text = sample.decode(codec, "replace")
    score = 0
    last = len(text) - 1
    for i, char in enumerate(text):
        if char.isascii() or char.isalpha() or char.isspace() or char in _GLUED_PUNCTUATION:
            continue
        if char == "\ufffd" or "\x80" <= char <= "\x9f":
            score += 2
        elif (i > 0 and text[i - 1].isalpha()) or (i < last and text[i + 1].isalpha()):
            score += 1
    return score


def _checked_label(data: bytes, encoding: str) -> str | None:
    """`encoding` if the bytes plausibly use it; "utf-8" when they are valid non-ASCII UTF-8
    under another label; None when most non-ASCII bytes fail to decode under it."""
    if encoding.startswith("utf-16"):
        # UTF-16 text without a BOM still has NUL bytes in any Latin or markup text.
        return encoding if b"\x00" in data[:PRESCAN_BYTES] else None
    if encoding != "utf-8" and _is_non_ascii_utf8(data):
        return "utf-8"
    codec = python_codec(encoding)
    assert codec is not None
    try:
        codecs.decode(data, codec)
    except UnicodeDecodeError:
        non_ascii = len(data.translate(None, _ASCII_BYTES))  # ASCII bytes deleted
        bad = codecs.decode(data, codec, "replace").count("\ufffd")
        return encoding if bad <= _MAX_BAD_FRACTION * non_ascii else None
    return encoding


_ASCII_BYTES = bytes(range(0x80))


def _is_non_ascii_utf8(data: bytes) -> bool:
    """True when `data` is UTF-8 by the evidence: valid, with a complete non-ASCII character."""
    return _utf8_sample(data) not in (None, "")


def _is_utf8(data: bytes) -> bool:
    """True when `data` reads as UTF-8 (pure ASCII included)."""
    return _utf8_sample(data) is not None


def _utf8_sample(data: bytes) -> str | None:
    """The non-ASCII text at the start of `data` as UTF-8 ("" if none), or None if invalid.

    Only the first UTF8_SAMPLE bytes are checked (later invalid bytes decode as U+FFFD),
    unless they are all ASCII: then the whole document is.
    """
    sample = data[:UTF8_SAMPLE] if not data[:UTF8_SAMPLE].isascii() else data
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return None
    return "" if text.isascii() else "non-ASCII"


def _decode(data: bytes, encoding: str) -> Decoded:
    codec = python_codec(encoding)
    if codec is None:
        raise ContentError(_("the document's charset cannot be decoded"), _("save it as UTF-8"))
    text = data.decode(codec, "replace").replace("\x00", "\ufffd")
    if not text.strip():
        raise ContentError(_("the document is empty"), _("check the address or the file"))
    head = text[:UNREADABLE_SAMPLE]
    if len(_UNREADABLE.findall(head)) > UNREADABLE_SHARE * len(head):
        raise ContentError(
            _(
                "the document is not readable text: mostly binary or undecodable as {charset}"
            ).format(charset=encoding),
            _("check that the address points to a web page"),
        )
    return Decoded(text, encoding)


UNREADABLE_SAMPLE = 4096  # characters checked at the start of a decoded document
UNREADABLE_SHARE = 0.3  # more undecodable or control characters than this: not text
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\ufffd]")
