"""`render` across formats: any article renders everywhere, wrapping only moves whitespace."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.document import Article, Inline, Paragraph, Quote
from reader.core.errors import ContentError, UsageError
from reader.core.formats import FORMATS, render
from tests.support.formats_sample import articles

UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@settings(max_examples=40, deadline=None)
@given(article=articles, width=st.one_of(st.none(), st.integers(1, 100)))
def test_any_article_renders_in_every_format(article: Article, width: int | None) -> None:
    for fmt in FORMATS:
        out = render(article, fmt, width=width)
        assert out.endswith("\n") and not UNSAFE.search(out), fmt


@settings(max_examples=40, deadline=None)
@given(article=articles, width=st.integers(1, 100))
def test_plain_wrapping_of_any_article_moves_only_whitespace(article: Article, width: int) -> None:
    assert render(article, "plain", width=width).split() == render(article, "plain").split()


def test_unknown_format_is_a_usage_error_listing_the_formats() -> None:
    with pytest.raises(UsageError) as caught:
        render(Article(), "docx")
    assert "plain, text, markdown, json, html" in caught.value.hint


@pytest.mark.parametrize("width", [0, -5])
def test_width_below_one_is_a_usage_error(width: int) -> None:
    with pytest.raises(UsageError, match="width must be at least 1"):
        render(Article(), "plain", width=width)


@pytest.mark.parametrize("fmt", FORMATS)
def test_absurdly_nested_article_is_a_content_error_not_a_crash(fmt: str) -> None:
    block = Paragraph([Inline("deep")])
    for _ in range(3000):
        block = Quote([block])
    with pytest.raises(ContentError, match="nested too deeply"):
        render(Article(blocks=[block]), fmt)
