"""The json format: the whole Article with a stable schema, and a lossless round trip."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings

from reader.core.document import (
    Article,
    Inline,
    Paragraph,
)
from reader.core.errors import ContentError
from reader.core.formats import article_from_dict, article_from_json, article_to_dict, render
from reader.core.safe_text import clean, is_clean
from tests.support.formats_sample import (
    HOSTILE,
    articles,
    assert_matches_golden,
    hostile_article,
    sample_article,
    t,
)


def test_json_output_matches_golden_file() -> None:
    assert_matches_golden("article.json", render(sample_article(), "json"))


def test_json_holds_metadata_links_and_typed_blocks_in_a_stable_order() -> None:
    data = json.loads(render(sample_article(), "json"))
    assert list(data) == [
        "schema", "title", "byline", "site_name", "published", "language", "description",
        "canonical_url", "url", "word_count", "reading_minutes", "notices", "links", "blocks",
    ]  # fmt: skip
    assert data["schema"] == 1 and data["word_count"] == sample_article().word_count
    kinds = [block["kind"] for block in data["blocks"]]
    assert set(kinds) == {
        "paragraph", "heading", "list", "quote", "code", "figure", "table", "separator",
    }  # fmt: skip
    assert all(next(iter(block)) == "kind" for block in data["blocks"])
    link_run = data["blocks"][0]["runs"][3]
    assert link_run == {
        "kind": "link",
        "text": "Jacquard loom",
        "url": "https://en.wikipedia.org/wiki/Jacquard_machine",
        "number": 1,
    }
    assert "url" not in data["blocks"][0]["runs"][0]


def test_json_is_utf8_text_not_ascii_escapes() -> None:
    out = render(Article(title="Ελληνικά 日本語"), "json")
    assert "Ελληνικά 日本語" in out and "\\u" not in out


def test_round_trip_through_dict_and_json_is_lossless() -> None:
    article = sample_article()
    assert article_from_dict(article_to_dict(article)) == article
    assert article_from_json(render(article, "json")) == article
    assert render(article_from_json(render(article, "json")), "plain") == render(article, "plain")


def test_hostile_strings_are_cleaned_on_the_way_out_and_back_in() -> None:
    data = article_to_dict(hostile_article())
    text = json.dumps(data, ensure_ascii=False)
    assert is_clean(json.loads(text)["title"]) and "\x1b" not in text
    tampered = article_to_dict(Article(title="x", blocks=[Paragraph([t("y")])]))
    tampered["title"] = HOSTILE
    tampered["blocks"][0]["runs"][0]["text"] = HOSTILE
    article = article_from_dict(tampered)
    assert article.title == clean(HOSTILE) and is_clean(article.title)
    assert article.blocks == [Paragraph([Inline(clean(HOSTILE))])]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "expected an object at article"),
        ({"schema": 99}, "unsupported article schema 99"),
        ({"title": 3}, "expected a string at title"),
        ({"blocks": {}}, "expected a list at blocks"),
        ({"blocks": [{"kind": "marquee"}]}, "unknown block kind 'marquee' at blocks"),
        ({"blocks": [{"kind": "paragraph", "runs": [{"kind": "blink"}]}]}, "unknown inline kind"),
        ({"blocks": [{"kind": "heading", "level": "2"}]}, "expected a whole number"),
        ({"blocks": [{"kind": "list", "items": [{"children": [{"kind": "separator"}]}]}]},
         "is not a list"),
    ],
)  # fmt: skip
def test_malformed_articles_raise_a_content_error_naming_the_field(
    data: object, message: str
) -> None:
    with pytest.raises(ContentError, match=message):
        article_from_dict(data)


def test_invalid_or_absurdly_nested_json_is_a_content_error() -> None:
    with pytest.raises(ContentError, match="not valid JSON"):
        article_from_json("{not json")
    deep = {"kind": "quote", "blocks": []}
    for _ in range(5000):
        deep = {"kind": "quote", "blocks": [deep]}
    with pytest.raises(ContentError):
        article_from_dict({"blocks": [deep]})


@settings(max_examples=40, deadline=None)
@given(article=articles)
def test_any_article_round_trips(article: Article) -> None:
    assert article_from_json(render(article, "json")) == article
