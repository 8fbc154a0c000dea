"""Character sets, served by a real local HTTP server: correct, missing and wrong labels for
each legacy encoding, BOMs, <meta> declarations, WHATWG label mapping and broken bytes."""

from __future__ import annotations

import codecs

import pytest

from reader.core.errors import ContentError
from reader.core.sources.charset_labels import encoding_for_label
from reader.core.sources.resolve import load_page
from tests.support import httpserver
from tests.support.httpserver import LocalServer

http_server = httpserver.http_server

RUSSIAN = (
    "Москва - столица России. Это крупнейший город страны, её политический, экономический и "
    "культурный центр. Здесь работают театры, музеи и университеты."
)
JAPANESE = (
    "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。"
    "何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。"
)
CHINESE = (
    "北京是中华人民共和国的首都，是全国的政治中心、文化中心、国际交往中心和科技创新中心。"  # noqa: RUF001
    "这座城市有着三千多年的建城史。"
)
POLISH = (
    "Zażółć gęślą jaźń. Pchnąć w tę łódź jeża lub ośm skrzyń fig. Żółta łódź płynie po "
    "rzece, a ślimak śpi pod liściem."
)
GREEK = "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας. Είναι μια από τις αρχαιότερες πόλεις του κόσμου."  # noqa: RUF001
FRENCH = "Le cœur a ses raisons que la raison ne connaît point. Ça coûte 5 € à l'été, déçue."

# (label a server would send, Python codec to write the page with, text)
ENCODINGS = [
    ("windows-1251", "cp1251", RUSSIAN),
    ("koi8-r", "koi8_r", RUSSIAN),
    ("Shift_JIS", "cp932", JAPANESE),
    ("EUC-JP", "euc_jp", JAPANESE),
    ("GB18030", "gb18030", CHINESE),
    ("ISO-8859-2", "iso8859_2", POLISH),
    ("windows-1250", "cp1250", POLISH),
    ("ISO-8859-5", "iso8859_5", RUSSIAN),
    ("ISO-8859-7", "iso8859_7", GREEK),
    ("ISO-8859-15", "iso8859_15", FRENCH),
]
IDS = [label for label, _codec, _text in ENCODINGS]


def html(text: str, head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head>{head}<title>Test</title></head>"
        f"<body><article><h1>Heading</h1><p>{text}</p></article></body></html>"
    )


@pytest.mark.parametrize(("label", "codec", "text"), ENCODINGS, ids=IDS)
def test_page_labelled_in_the_http_header_is_decoded(
    http_server: LocalServer, label: str, codec: str, text: str
) -> None:
    url = http_server.page(
        "/p", html(text).encode(codec), content_type=f"text/html; charset={label}"
    )
    page = load_page(url)
    assert text in page.text
    assert page.charset == encoding_for_label(label)


@pytest.mark.parametrize(("label", "codec", "text"), ENCODINGS, ids=IDS)
def test_page_labelled_only_by_meta_charset_is_decoded(
    http_server: LocalServer, label: str, codec: str, text: str
) -> None:
    body = html(text, f'<meta charset="{label}">').encode(codec)
    url = http_server.page("/p", body, content_type="text/html")
    assert text in load_page(url).text


@pytest.mark.parametrize(("label", "codec", "text"), ENCODINGS, ids=IDS)
def test_page_labelled_by_http_equiv_is_decoded(
    http_server: LocalServer, label: str, codec: str, text: str
) -> None:
    meta = f'<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset={label}">'
    url = http_server.page("/p", html(text, meta).encode(codec), content_type="text/html")
    assert text in load_page(url).text


@pytest.mark.parametrize(("label", "codec", "text"), ENCODINGS, ids=IDS)
def test_unlabelled_page_is_detected(
    http_server: LocalServer, label: str, codec: str, text: str
) -> None:
    url = http_server.page("/p", html(text).encode(codec), content_type="text/html")
    page = load_page(url)
    assert text in page.text, f"detected {page.charset}"


@pytest.mark.parametrize(("label", "codec", "text"), ENCODINGS, ids=IDS)
def test_page_wrongly_labelled_utf8_falls_back_to_its_meta_charset(
    http_server: LocalServer, label: str, codec: str, text: str
) -> None:
    body = html(text, f'<meta charset="{label}">').encode(codec)
    url = http_server.page("/p", body, content_type="text/html; charset=utf-8")
    assert text in load_page(url).text


@pytest.mark.parametrize(("label", "codec", "text"), ENCODINGS[:5], ids=IDS[:5])
def test_page_wrongly_labelled_utf8_without_meta_is_detected(
    http_server: LocalServer, label: str, codec: str, text: str
) -> None:
    url = http_server.page("/p", html(text).encode(codec), content_type="text/html; charset=utf-8")
    assert text in load_page(url).text


@pytest.mark.parametrize("label", ["iso-8859-1", "windows-1251", "Shift_JIS", "us-ascii"])
def test_utf8_page_under_a_legacy_label_is_read_as_utf8(
    http_server: LocalServer, label: str
) -> None:
    """Valid non-ASCII UTF-8 is UTF-8 whatever the label (the commonest server mistake)."""
    url = http_server.page(
        "/p", html(RUSSIAN + JAPANESE).encode(), content_type=f"text/html; charset={label}"
    )
    page = load_page(url)
    assert RUSSIAN in page.text and JAPANESE in page.text
    assert page.charset == "utf-8"


def test_http_header_wins_over_a_conflicting_meta(http_server: LocalServer) -> None:
    body = html(RUSSIAN, '<meta charset="koi8-r">').encode("cp1251")
    url = http_server.page("/p", body, content_type="text/html; charset=windows-1251")
    assert RUSSIAN in load_page(url).text


def test_meta_after_a_long_comment_is_still_found(http_server: LocalServer) -> None:
    head = "<!-- " + "x" * 2000 + ' <meta charset="koi8-r"> -->' + '<meta charset="windows-1251">'
    url = http_server.page("/p", html(RUSSIAN, head).encode("cp1251"), content_type="text/html")
    page = load_page(url)
    assert page.charset == "windows-1251"
    assert RUSSIAN in page.text


@pytest.mark.parametrize(
    ("bom", "codec", "header"),
    [
        (codecs.BOM_UTF8, "utf-8", "text/html; charset=iso-8859-1"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "text/html"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "text/html; charset=windows-1252"),
    ],
    ids=["utf-8", "utf-16le", "utf-16be"],
)
def test_byte_order_mark_decides_the_encoding(
    http_server: LocalServer, bom: bytes, codec: str, header: str
) -> None:
    url = http_server.page("/p", bom + html(RUSSIAN).encode(codec), content_type=header)
    page = load_page(url)
    assert RUSSIAN in page.text
    assert not page.text.startswith("\ufeff")


def test_unlabelled_utf16_with_bom_is_sniffed_as_html(http_server: LocalServer) -> None:
    body = codecs.BOM_UTF16_LE + html(JAPANESE).encode("utf-16-le")
    url = http_server.page("/p", body, content_type=None)
    page = load_page(url)
    assert page.media_type == "text/html"
    assert JAPANESE in page.text


@pytest.mark.parametrize(
    ("label", "data", "expected"),
    [
        ("iso-8859-1", b"price \x80 5", "price € 5"),  # windows-1252, as browsers decode it
        ("us-ascii", b"caf\xe9", "café"),
        ("latin1", b"\x93quoted\x94", "\u201cquoted\u201d"),
        ("gb2312", "€ 𠀀 中文".encode("gb18030"), "€ 𠀀 中文"),
        ("GBK", "€ 𠀀 中文".encode("gb18030"), "€ 𠀀 中文"),
        ("x-sjis", "①Ⅱ№ 日本".encode("cp932"), "①Ⅱ№ 日本"),
        ("iso-8859-9", "İstanbul ğüşöç".encode("cp1254"), "İstanbul ğüşöç"),
        ("ks_c_5601-1987", "서울 한강".encode("cp949"), "서울 한강"),
    ],
)
def test_labels_map_to_the_decoder_browsers_use(
    http_server: LocalServer, label: str, data: bytes, expected: str
) -> None:
    url = http_server.page("/p", data, content_type=f"text/plain; charset={label}")
    assert load_page(url).text == expected


def test_unknown_charset_label_is_ignored(http_server: LocalServer) -> None:
    url = http_server.page(
        "/p", html(RUSSIAN).encode("cp1251"), content_type="text/html; charset=no-such-thing"
    )
    assert RUSSIAN in load_page(url).text


def test_invalid_bytes_in_a_utf8_page_become_replacement_characters(
    http_server: LocalServer,
) -> None:
    body = (
        html("good text \xff\xfe more good text ")
        .encode("latin-1")
        .replace(b"\xff\xfe", b"\xff\xc3(")
    )
    body = body.replace(b"good text", "good text ✓".encode())
    url = http_server.page("/p", body, content_type="text/html; charset=utf-8")
    page = load_page(url)
    assert "good text ✓" in page.text
    assert "\ufffd" in page.text
    assert page.charset == "utf-8"


def test_nul_bytes_become_replacement_characters(http_server: LocalServer) -> None:
    url = http_server.page("/p", html("a\x00b").encode(), content_type="text/html")
    page = load_page(url)
    assert "\x00" not in page.text
    assert "a\ufffdb" in page.text


def test_utf32_page_is_an_undecodable_content_error(http_server: LocalServer) -> None:
    """UTF-32 is not a web encoding: three NUL bytes in every four make it unreadable."""
    body = html(RUSSIAN).encode("utf-32-le")
    url = http_server.page("/p", body, content_type="text/html; charset=utf-32")
    with pytest.raises(ContentError, match="not readable text") as caught:
        load_page(url)
    assert caught.value.exit_code == 4


def test_unsafe_replacement_charset_is_refused(http_server: LocalServer) -> None:
    url = http_server.page("/p", b"<p>~{hz~}</p>", content_type="text/html; charset=hz-gb-2312")
    with pytest.raises(ContentError, match="hz-gb-2312") as caught:
        load_page(url)
    assert caught.value.exit_code == 4


def test_text_plain_is_decoded_by_its_label(http_server: LocalServer) -> None:
    url = http_server.page("/t", JAPANESE.encode("cp932"), content_type="text/plain; charset=sjis")
    page = load_page(url)
    assert page.media_type == "text/plain"
    assert page.text == JAPANESE


def test_unlabelled_text_after_a_megabyte_of_ascii_markup_is_still_detected(
    http_server: LocalServer,
) -> None:
    """Detection looks where the non-ASCII text is, not only at the start of the page."""
    padding = "<div class='spacer'></div>\n" * 40_000  # about 1 MB of ASCII markup
    url = http_server.page("/p", html(padding + RUSSIAN).encode("cp1251"), content_type="text/html")
    page = load_page(url)
    assert page.charset == "windows-1251"
    assert RUSSIAN in page.text
