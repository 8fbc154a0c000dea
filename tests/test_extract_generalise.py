"""Text readability keeps and the conversion must not lose, whatever the page's markup."""

from __future__ import annotations

from reader.core.document import Article, Page, iter_texts
from reader.core.extract.extractor import extract

STORY = (
    "The ferry to the island now runs twice a day, the harbour office said on Monday, after "
    "a winter of single crossings that left the islanders short of fuel and bread. "
)


def page(body: str, title: str = "Ferry runs twice a day | Harbour News") -> Article:
    html = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    return extract(Page(url="https://example.org/news/ferry.html", text=html))


def joined(article: Article) -> str:
    return " ".join(" ".join(t.split()) for t in iter_texts(article.blocks))


def test_a_passage_indented_with_a_bare_list_tag_is_read() -> None:
    aside = (
        "<ul> (The harbour master hopes for <i>three</i> crossings by summer, but a second "
        "boat has yet to be found.) </ul>"
    )
    article = page(f"<div><p>{STORY}</p>{aside}<p>{STORY}</p><p>{STORY}</p></div>")
    assert "hopes for three crossings by summer, but a second boat" in joined(article)
