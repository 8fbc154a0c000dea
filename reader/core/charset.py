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
from dataclasses import dataclass

from reader.core.errors import ContentError

# WHATWG encoding name -> (Python codec, labels). Python codec None: the "replacement"
# encoding, whose labels name charsets that are unsafe to decode (ISO-2022-KR, HZ, ...).
_ENCODINGS: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "utf-8": (
        "utf-8",
        ("unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"),
    ),
    "ibm866": ("cp866", ("866", "cp866", "csibm866", "ibm866")),
    "iso-8859-2": (
        "iso8859_2",
        (
            "csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2",
            "iso_8859-2:1987", "l2", "latin2",
        ),
    ),
    "iso-8859-3": (
        "iso8859_3",
        (
            "csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593", "iso_8859-3",
            "iso_8859-3:1988", "l3", "latin3",
        ),
    ),
    "iso-8859-4": (
        "iso8859_4",
        (
            "csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594", "iso_8859-4",
            "iso_8859-4:1988", "l4", "latin4",
        ),
    ),
    "iso-8859-5": (
        "iso8859_5",
        (
            "csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5",
            "iso88595", "iso_8859-5", "iso_8859-5:1988",
        ),
    ),
    "iso-8859-6": (
        "iso8859_6",
        (
            "arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic", "ecma-114",
            "iso-8859-6", "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596",
            "iso_8859-6", "iso_8859-6:1987",
        ),
    ),
    "iso-8859-7": (
        "iso8859_7",
        (
            "csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-8859-7",
            "iso-ir-126", "iso8859-7", "iso88597", "iso_8859-7", "iso_8859-7:1987",
            "sun_eu_greek",
        ),
    ),
    "iso-8859-8": (
        "iso8859_8",
        (
            "csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8", "iso-8859-8-e",
            "iso-ir-138", "iso8859-8", "iso88598", "iso_8859-8", "iso_8859-8:1988", "visual",
        ),
    ),
    "iso-8859-8-i": ("iso8859_8", ("csiso88598i", "iso-8859-8-i", "logical")),
    "iso-8859-10": (
        "iso8859_10",
        (
            "csisolatin6", "iso-8859-10", "iso-ir-157", "iso8859-10", "iso885910", "l6",
            "latin6",
        ),
    ),
    "iso-8859-13": ("iso8859_13", ("iso-8859-13", "iso8859-13", "iso885913")),
    "iso-8859-14": ("iso8859_14", ("iso-8859-14", "iso8859-14", "iso885914")),
    "iso-8859-15": (
        "iso8859_15",
        ("csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9"),
    ),
    "iso-8859-16": ("iso8859_16", ("iso-8859-16",)),
    "koi8-r": ("koi8_r", ("cskoi8r", "koi", "koi8", "koi8-r", "koi8_r")),
    "koi8-u": ("koi8_u", ("koi8-ru", "koi8-u")),
    "macintosh": ("mac_roman", ("csmacintosh", "mac", "macintosh", "x-mac-roman")),
    "windows-874": (
        "cp874",
        ("dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"),
    ),
    "windows-1250": ("cp1250", ("cp1250", "windows-1250", "x-cp1250")),
    "windows-1251": ("cp1251", ("cp1251", "windows-1251", "x-cp1251")),
    "windows-1252": (
        "cp1252",
        (
            "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
            "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1",
            "latin1", "us-ascii", "windows-1252", "x-cp1252",
        ),
    ),
    "windows-1253": ("cp1253", ("cp1253", "windows-1253", "x-cp1253")),
    "windows-1254": (
        "cp1254",
        (
            "cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599",
            "iso_8859-9", "iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254",
        ),
    ),
    "windows-1255": ("cp1255", ("cp1255", "windows-1255", "x-cp1255")),
    "windows-1256": ("cp1256", ("cp1256", "windows-1256", "x-cp1256")),
    "windows-1257": ("cp1257", ("cp1257", "windows-1257", "x-cp1257")),
    "windows-1258": ("cp1258", ("cp1258", "windows-1258", "x-cp1258")),
    "x-mac-cyrillic": ("mac_cyrillic", ("x-mac-cyrillic", "x-mac-ukrainian")),
    # WHATWG's GBK decoder is the GB18030 decoder, a superset of GB2312 and GBK.
    "gb18030": (
        "gb18030",
        (
            "chinese", "csgb2312", "csiso58gb231280", "gb18030", "gb2312", "gb_2312",
            "gb_2312-80", "gbk", "iso-ir-58", "x-gbk",
        ),
    ),
    "big5": ("big5hkscs", ("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5")),
    "euc-jp": ("euc_jp", ("cseucpkdfmtjapanese", "euc-jp", "x-euc-jp")),
    "iso-2022-jp": ("iso2022_jp", ("csiso2022jp", "iso-2022-jp")),
    "shift_jis": (
        "cp932",
        (
            "csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j",
            "x-sjis",
        ),
    ),
    "euc-kr": (
        "cp949",
        (
            "cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987",
            "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949",
        ),
    ),
    "replacement": (
        None,
        ("csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr"),
    ),
    "utf-16be": ("utf-16-be", ("unicodefffe", "utf-16be")),
    "utf-16le": (
        "utf-16-le",
        ("csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"),
    ),
}  # fmt: skip

_BY_LABEL: dict[str, str] = {
    label: name for name, (_codec, labels) in _ENCODINGS.items() for label in labels
}

# Python codec names (as `codecs.lookup` spells them) that detectors report -> WHATWG names.
_BY_PYTHON_NAME: dict[str, str] = {
    **{codecs.lookup(codec).name: name for name, (codec, _l) in _ENCODINGS.items() if codec},
    "ascii": "windows-1252",
    "latin-1": "windows-1252",
    "iso8859-1": "windows-1252",
    "iso8859-9": "windows-1254",
    "iso8859-11": "windows-874",
    "tis-620": "windows-874",
    "shift_jis": "shift_jis",
    "shift_jis_2004": "shift_jis",
    "shift_jisx0213": "shift_jis",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5",
    "euc_kr": "euc-kr",
    "euc_jis_2004": "euc-jp",
    "euc_jisx0213": "euc-jp",
    "utf-16": "utf-16le",
    "utf-8-sig": "utf-8",
}

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


@dataclass(frozen=True, slots=True)
class Decoded:
    """A decoded document and the WHATWG name of the character set that decoded it."""

    text: str
    charset: str


def encoding_for_label(label: str | None) -> str | None:
    """The WHATWG encoding name for a charset label (`latin1` -> windows-1252), or None."""
    if not label:
        return None
    return _BY_LABEL.get(label.strip("\t\n\f\r \"'").lower())


def python_codec(encoding: str) -> str | None:
    """The Python codec that decodes a WHATWG encoding; None for "replacement"."""
    return _ENCODINGS[encoding][0]


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
        raise ContentError("the document is empty", "check the address or the file")
    bom = bom_encoding(data)
    if bom:
        encoding, length = bom
        return _decode(data[length:], encoding)
    candidates = [encoding_for_label(declared)]
    if html:
        candidates.append(meta_charset(data, xml=xml))
    for encoding in candidates:
        if encoding is None:
            continue
        if encoding == "replacement":
            raise ContentError(
                f"the document uses the {declared or 'declared'} charset, which is not supported",
                "save the page as UTF-8 and open the file",
            )
        checked = _checked_label(data, encoding)
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
    try:
        import chardet
    except ImportError:  # pragma: no cover - chardet comes with readability-lxml
        chardet = None
    if chardet is not None:
        label = chardet.detect(sample).get("encoding")
        if label:
            guess = _BY_PYTHON_NAME.get(_python_name(label), "windows-1252")
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


def _python_name(label: str) -> str:
    try:
        return codecs.lookup(label).name
    except LookupError:
        return label.lower()


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
        raise ContentError("the document's charset cannot be decoded", "save it as UTF-8")
    text = data.decode(codec, "replace").replace("\x00", "\ufffd")
    if not text.strip():
        raise ContentError("the document is empty", "check the address or the file")
    head = text[:UNREADABLE_SAMPLE]
    if len(_UNREADABLE.findall(head)) > UNREADABLE_SHARE * len(head):
        raise ContentError(
            f"the document is not readable text: mostly binary or undecodable as {encoding}",
            "check that the address points to a web page",
        )
    return Decoded(text, encoding)


UNREADABLE_SAMPLE = 4096  # characters checked at the start of a decoded document
UNREADABLE_SHARE = 0.3  # more undecodable or control characters than this: not text
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\ufffd]")
