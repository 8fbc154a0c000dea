"""Property tests (issue 6): generated and mutated HTML never makes the pipeline raise anything
but ReaderError, and the plain, markdown and json output never holds a control character.

The runs here are bounded (a few hundred examples); bench/fuzz_pipeline.py runs longer.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.document import Page
from reader.core.errors import ReaderError
from reader.core.extract.extractor import extract
from reader.core.formats import render
from reader.core.sources.charset import decode_document
from tests.support.hostile_fuzz import (
    generated_documents,
    mutated_bytes,
    mutated_documents,
    seed_pages,
)
from tests.support.hostile_pages import FORMATS, unsafe_in_output

SEEDS = seed_pages()
BOUNDED = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def check_pipeline(text: str, media_type: str = "text/html", full: bool = False) -> None:
    """Extract and render `text`; the only acceptable failure is a one-line ReaderError."""
    try:
        article = extract(
            Page(url="https://fuzz.example/a/b?c=d", text=text, media_type=media_type),
            full=full,
        )
    except ReaderError as error:
        assert str(error) and "\n" not in str(error)
        return
    for fmt in FORMATS:
        output = render(article, fmt)
        assert unsafe_in_output(fmt, output) == [], (fmt, output[:500])
    assert unsafe_in_output("plain", render(article, "plain", width=40)) == []


@given(document=generated_documents(), full=st.booleans())
@BOUNDED
def test_generated_html_reads_cleanly(document: str, full: bool) -> None:
    check_pipeline(document, full=full)


@given(document=mutated_documents(SEEDS))
@BOUNDED
def test_mutated_real_pages_read_cleanly(document: str) -> None:
    check_pipeline(document)


@given(data=mutated_bytes(SEEDS), media_type=st.sampled_from(("text/html", "text/plain")))
@settings(BOUNDED, max_examples=60)
def test_mutated_bytes_decode_and_read_cleanly(data: bytes, media_type: str) -> None:
    try:
        text = decode_document(data, html=media_type == "text/html").text
    except ReaderError:
        return
    check_pipeline(text, media_type=media_type)
