"""Local sources and SOURCE resolution: file paths, file:// URLs, stdin, bare domains (resolved
only, never fetched), malformed URLs, missing files and directories."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.errors import EXIT_CONTENT, EXIT_USAGE, ContentError, FetchError, UsageError
from reader.core.sources.resolve import load_page, resolve_source

RUSSIAN = "Привет, мир! Это страница в кодировке windows-1251."
HTML = f'<!DOCTYPE html><html><head><meta charset="windows-1251"></head><body><p>{RUSSIAN}</p>'

STDIN_SCRIPT = (
    "import sys\n"
    "from reader.core.errors import ReaderError\n"
    "from reader.core.sources.resolve import load_page\n"
    "try:\n"
    "    page = load_page('-', max_size=int(sys.argv[1]))\n"
    "except ReaderError as error:\n"
    "    print(type(error).__name__, error.exit_code, error)\n"
    "else:\n"
    "    print(page.url, page.media_type, page.charset)\n"
    "    sys.stdout.buffer.write(page.text.encode('utf-8'))\n"
)


def read_stdin(data: bytes | None, *, max_size: int = 20_000_000, stdin: int | None = None) -> str:
    """Run load_page("-") in a fresh interpreter with `data` on its standard input."""
    result = subprocess.run(
        [sys.executable, "-c", STDIN_SCRIPT, str(max_size)],
        input=data,
        stdin=stdin,
        capture_output=True,
        timeout=60,
        check=True,
    )
    return result.stdout.decode()


def test_html_file_is_read_with_its_meta_charset(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(HTML.encode("cp1251"))
    page = load_page(str(path))
    assert page.url == path.as_uri()
    assert page.media_type == "text/html"
    assert page.charset == "windows-1251"
    assert RUSSIAN in page.text


def test_relative_path_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "page.html").write_text("<p>relative</p>", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    page = load_page("page.html")
    assert page.url == (tmp_path / "page.html").as_uri()
    assert "relative" in page.text


def test_file_url_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a page.html"
    path.write_text("<p>from a file URL</p>", encoding="utf-8")
    assert "from a file URL" in load_page(path.as_uri()).text
    assert "from a file URL" in load_page("file://localhost" + path.as_uri()[7:]).text


def test_file_url_is_percent_decoded_exactly_once(tmp_path: Path) -> None:
    page = tmp_path / "100%41.html"  # a literal percent sign in the name
    page.write_text("<p>once</p>", encoding="utf-8")
    assert "once" in load_page(page.as_uri()).text  # the URI spells it 100%2541


def test_text_file_is_read_as_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Just notes. <not a tag>\n", encoding="utf-8")
    page = load_page(str(path))
    assert page.media_type == "text/plain"
    assert page.text == "Just notes. <not a tag>\n"


def test_file_without_extension_is_sniffed(tmp_path: Path) -> None:
    html_file, text_file = tmp_path / "saved", tmp_path / "README"
    html_file.write_text("<!doctype html><p>sniffed</p>", encoding="utf-8")
    text_file.write_text("plain words", encoding="utf-8")
    assert load_page(str(html_file)).media_type == "text/html"
    assert load_page(str(text_file)).media_type == "text/plain"


@pytest.mark.parametrize(
    ("name", "data", "media_type"),
    [
        ("paper.pdf", b"%PDF-1.4\n1 0 obj", "application/pdf"),
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        ("data.json", b'{"a": 1}', "application/json"),
        ("blob", b"\x00\x01\x02\x03\x04binary", "application/octet-stream"),
    ],
)
def test_non_html_file_is_refused_naming_its_type(
    tmp_path: Path, name: str, data: bytes, media_type: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ContentError, match=media_type) as caught:
        load_page(str(path))
    assert caught.value.exit_code == EXIT_CONTENT


def test_html_saved_with_an_odd_extension_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "index.php"
    path.write_text("<!DOCTYPE html><html><body><p>saved page</p></body></html>", encoding="utf-8")
    assert "saved page" in load_page(str(path)).text


def test_missing_file_is_a_usage_error_exit_2(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file") as caught:
        load_page(str(tmp_path / "nope.html"))
    assert caught.value.exit_code == EXIT_USAGE


def test_missing_file_url_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file"):
        load_page((tmp_path / "nope.html").as_uri())


def test_directory_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="is a directory") as caught:
        load_page(str(tmp_path))
    assert caught.value.exit_code == EXIT_USAGE


def test_file_url_on_another_host_is_refused() -> None:
    with pytest.raises(UsageError, match="another host"):
        load_page("file://server/share/page.html")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "secret.html"
    path.write_text("<p>x</p>", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(UsageError, match="permission denied"):
        load_page(str(path))


def test_file_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_bytes(b"<p>" + b"x" * 2000)
    with pytest.raises(FetchError, match="larger than the 1 KB limit"):
        load_page(str(path), max_size=1000)


def test_empty_file_is_a_content_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_bytes(b"")
    with pytest.raises(ContentError, match="empty"):
        load_page(str(path))


def test_stdin_is_read_and_decoded() -> None:
    out = read_stdin(HTML.encode("cp1251"))
    first, _, text = out.partition("\n")
    assert first == "- text/html windows-1251"
    assert RUSSIAN in text


def test_stdin_plain_text_is_read_as_text() -> None:
    first, _, text = read_stdin("Заметки без разметки".encode()).partition("\n")
    assert first == "- text/plain utf-8"
    assert text == "Заметки без разметки"


def test_stdin_over_the_size_cap_is_refused() -> None:
    out = read_stdin(b"<p>" + b"x" * 5000, max_size=1000)
    assert out.startswith("FetchError 3 standard input is larger than the 1 KB limit")


def test_empty_stdin_is_a_content_error() -> None:
    assert read_stdin(b"").startswith("ContentError 4 the document is empty")


def test_stdin_from_a_terminal_is_refused_instead_of_waiting() -> None:
    leader, follower = pty.openpty()
    try:
        out = read_stdin(None, stdin=follower)
    finally:
        os.close(leader)
        os.close(follower)
    assert out.startswith("UsageError 2 standard input is a terminal")


@pytest.mark.parametrize(
    ("source", "resolved"),
    [
        ("example.com/page", "https://example.com/page"),
        ("example.com", "https://example.com/"),
        ("Example.ORG:8080/a?b=1#part", "https://example.org:8080/a?b=1"),
        ("www.example.co.uk/news/", "https://www.example.co.uk/news/"),
        ("localhost:8000/doc", "https://localhost:8000/doc"),
        ("192.0.2.7/x", "https://192.0.2.7/x"),
        ("bücher.example/seite", "https://xn--bcher-kva.example/seite"),
        ("HTTP://Example.com", "http://example.com/"),
        ("https://example.com/a#frag", "https://example.com/a"),
        ("  https://example.com/padded  ", "https://example.com/padded"),
    ],
)
def test_bare_domains_and_urls_resolve_to_normalised_urls(source: str, resolved: str) -> None:
    assert resolve_source(source) == resolved


def test_stdin_resolves_to_a_dash() -> None:
    assert resolve_source("-") == "-"


def test_existing_file_wins_over_a_domain_like_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "example.com").write_text("<p>a file</p>", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert resolve_source("example.com") == (tmp_path / "example.com").as_uri()


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("http://", "malformed URL"),
        ("https:example.com", "malformed URL"),
        ("https://exa mple.com/", "malformed URL"),
        ("https://example.com:99999/", "malformed URL"),
        ("https://[::1/", "malformed URL"),
        ("https://-bad-.example/", "malformed URL"),
        ("https://xn--zz.example/", "malformed URL"),
        ("https://" + "a" * 64 + ".example/", "malformed URL"),
        ("ftp://example.com/file", "cannot open ftp: addresses"),
        ("javascript:alert(1)", "cannot open javascript: addresses"),
        ("mailto:someone@example.com", "cannot open mailto: addresses"),
        ("notes.html", "no such file"),
        ("some/dir/notes.html", "no such file"),
        ("", "no source given"),
    ],
)
def test_unusable_source_is_a_usage_error_exit_2(source: str, message: str) -> None:
    with pytest.raises(UsageError, match=message) as caught:
        resolve_source(source)
    assert caught.value.exit_code == EXIT_USAGE


@pytest.mark.parametrize(
    ("option", "value"),
    [("timeout", 0.0), ("timeout", float("nan")), ("timeout", float("inf")), ("max_size", 0)],
)
def test_non_positive_limits_are_usage_errors(option: str, value: float) -> None:
    with pytest.raises(UsageError, match="must be a positive"):
        load_page("-", **{option: value})  # type: ignore[arg-type]
