"""Generated input for the fetch layer's pure parts: whatever the bytes, labels or SOURCE
text, the outcome is a value or a ReaderError, never another exception."""

from __future__ import annotations

import codecs

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.errors import ContentError, UsageError
from reader.core.sources.charset import decode_document
from reader.core.sources.charset_labels import python_codec
from reader.core.sources.content_encoding import DecodingError, decoder_for
from reader.core.sources.media_type import readable_type
from reader.core.sources.resolve import resolve_source

LABELS = st.sampled_from(
    [None, "utf-8", "windows-1251", "shift_jis", "gb2312", "iso-8859-1", "utf-16", "koi8-r",
     "euc-kr", "big5", "iso-2022-jp", "hz-gb-2312", "bogus", ""]
)  # fmt: skip
PREFIXES = st.sampled_from(
    [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"<meta charset=sjis>",
     b'<meta http-equiv="content-type" content="text/html; charset=koi8-r">', b"<html><p>"]
)  # fmt: skip
FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(prefix=PREFIXES, body=st.binary(max_size=2000), label=LABELS, html=st.booleans())
def test_any_bytes_decode_to_text_without_nul_or_a_content_error(
    prefix: bytes, body: bytes, label: str | None, html: bool
) -> None:
    try:
        decoded = decode_document(prefix + body, declared=label, html=html)
    except ContentError:
        return
    assert isinstance(decoded.text, str) and decoded.text.strip()
    assert "\x00" not in decoded.text
    assert python_codec(decoded.charset)  # one of the WHATWG encodings, with a decoder


@FAST
@given(
    declared=st.sampled_from(["", "text/html", "text/plain", "application/xml", "image/png"]),
    body=st.binary(max_size=500),
)
def test_any_bytes_get_a_readable_type_or_a_content_error(declared: str, body: bytes) -> None:
    try:
        found = readable_type(declared, body)
    except ContentError:
        return
    assert found in {"text/html", "application/xhtml+xml", "text/plain"}


@FAST
@given(
    encoding=st.sampled_from(["gzip", "deflate", "br", "gzip, br", "identity"]),
    chunks=st.lists(st.binary(max_size=300), max_size=6),
)
def test_any_compressed_garbage_decodes_or_raises_a_decoding_error(
    encoding: str, chunks: list[bytes]
) -> None:
    decoder = decoder_for(encoding)
    assert decoder is not None
    try:
        for chunk in chunks:
            for out in decoder.feed(chunk):
                assert len(out) <= 4 * 65536
        decoder.finish()
    except DecodingError:
        pass


@FAST
@given(source=st.text(max_size=80))
def test_any_source_text_resolves_or_is_a_usage_error(source: str) -> None:
    try:
        resolved = resolve_source(source)
    except UsageError as error:
        assert error.message
        return
    assert resolved == "-" or resolved.startswith(("https://", "http://", "file://"))
