"""Which documents reader reads: HTML, XHTML and plain text; everything else is refused by name.

A server's Content-Type is trusted for what it says, but a body whose first bytes are a known
binary signature (PDF, PNG, ZIP, ...) is refused whatever its label. A missing type, or a file
with an unknown extension, is sniffed as browsers do (WHATWG MIME sniffing, simplified).
"""

from __future__ import annotations

import re
from pathlib import Path

from reader.core.errors import ContentError
from reader.core.i18n import _

HTML = "text/html"
XHTML = "application/xhtml+xml"
PLAIN = "text/plain"
READABLE = frozenset({HTML, XHTML, PLAIN})
# Labels that say nothing about the content: sniff instead.
_UNKNOWN = frozenset({"", "unknown/unknown", "application/unknown", "*/*"})
_XML = frozenset({"text/xml", "application/xml"})

_EXTENSIONS = {
    ".html": HTML,
    ".htm": HTML,
    ".shtml": HTML,
    ".xhtml": XHTML,
    ".xht": XHTML,
    ".txt": PLAIN,
    ".text": PLAIN,
    ".md": PLAIN,
    ".markdown": PLAIN,
    ".rst": PLAIN,
}

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x00\x00\x01\x00", "image/x-icon"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x1f\x8b\x08", "application/gzip"),
    (b"Rar!\x1a\x07", "application/x-rar-compressed"),
    (b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (b"OggS\x00", "application/ogg"),
    (b"ID3\x03", "audio/mpeg"),
    (b"ID3\x04", "audio/mpeg"),
    (b"fLaC", "audio/flac"),
    (b"\x1aE\xdf\xa3", "video/webm"),
    (b"wOFF", "font/woff"),
    (b"wOF2", "font/woff2"),
    (b"\x7fELF", "application/x-executable"),
    (b"MZ\x90\x00", "application/x-msdownload"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),
)
# The tags WHATWG sniffing takes as the start of an HTML document.
_HTML_START = re.compile(
    rb"\s*(?:<!doctype\s+html|<html|<head|<script|<iframe|<h1|<div|<font|<table|<a|<style"
    rb"|<title|<b|<body|<br|<p|<!--)[\s>]",
    re.I,
)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body|head)[\s>]|<!doctype\s+html", re.I)
_XHTML_ROOT = re.compile(rb"<html[^>]*xmlns\s*=\s*[\"']http://www\.w3\.org/1999/xhtml", re.I)
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
SNIFF_BYTES = 1445  # WHATWG's resource header size


def parse_content_type(header: str | None) -> tuple[str, str | None]:
    """`text/html; charset="UTF-8"` -> ("text/html", "UTF-8"); a missing header -> ("", None)."""
    if not header:
        return "", None
    essence, _, rest = header.partition(";")
    charset = None
    for parameter in rest.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip("\"'"):
            charset = value.strip().strip("\"'")
            break
    return essence.strip().lower(), charset


def binary_signature(data: bytes) -> str | None:
    """The media type a known binary file signature announces, or None."""
    head = data[:16]
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp":
        return "video/mp4"
    for signature, media_type in _SIGNATURES:
        if head.startswith(signature):
            return media_type
    return None


def looks_like_html(data: bytes) -> bool:
    """True when the document starts like HTML (a BOM and whitespace skipped)."""
    head = _ascii_head(data)
    return bool(_HTML_START.match(head) or _HTML_ANYWHERE.search(head))


def sniff(data: bytes) -> str:
    """The media type of unlabelled bytes: HTML, XHTML, a binary type, or text/plain."""
    signature = binary_signature(data)
    if signature:
        return signature
    head = _ascii_head(data)
    if _XHTML_ROOT.search(head) and head.lstrip().startswith(b"<?xml"):
        return XHTML
    if looks_like_html(data):
        return HTML
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return PLAIN
    if _BINARY_BYTES.search(data[:SNIFF_BYTES]):
        return "application/octet-stream"
    return PLAIN


def media_type_for_path(path: Path) -> str | None:
    """The media type a file name suggests (`.html` -> text/html), or None when unknown."""
    suffix = path.suffix.lower()
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    import mimetypes  # only a file of an unusual suffix needs its table

    guessed, _encoding = mimetypes.guess_type(path.name, strict=False)
    return guessed


def readable_type(declared: str, data: bytes) -> str:
    """The media type to read `data` as, given what its server or file name `declared`.

    Raises ContentError naming the type when it is not HTML, XHTML or plain text.
    """
    signature = binary_signature(data)
    if signature:
        raise refuse(signature)
    if declared in _UNKNOWN:
        found = sniff(data)
    elif declared in _XML and _XHTML_ROOT.search(_ascii_head(data)):
        found = XHTML
    else:
        found = declared
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))  # UTF-16 text is full of NUL bytes
    if found == PLAIN and declared and not utf16 and _BINARY_BYTES.search(data[:SNIFF_BYTES]):
        raise refuse("application/octet-stream", labelled=declared)
    if found not in READABLE:
        raise refuse(found)
    return found


def check_declared_type(declared: str) -> None:
    """Refuse a declared type early, before the body is downloaded; unknown types pass."""
    if declared and declared not in READABLE and declared not in _UNKNOWN | _XML:
        raise refuse(declared)


def refuse(media_type: str, *, labelled: str | None = None) -> ContentError:
    """The error for a document reader cannot show."""
    what = media_type[:80]
    if labelled:
        what = _("{type} (labelled {label})").format(type=what, label=labelled[:80])
    return ContentError(
        _("this is {type}, not a web page or text").format(type=what),
        _("reader shows HTML, XHTML and plain text; open this with another program"),
    )


def _ascii_head(data: bytes) -> bytes:
    """The first bytes of a document, with a BOM removed and UTF-16 narrowed to ASCII."""
    head = data[: SNIFF_BYTES * 2]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head[2:].replace(b"\x00", b"")
    return head.removeprefix(b"\xef\xbb\xbf")
