"""A "Read more: <linked headline>" line is dropped however long the headline, in any language:
the short lead-in leaves the line nearly all link, which alone made it pass for a headline."""

from __future__ import annotations

import pytest

from reader.core.document import Inline, Paragraph, runs_text
from reader.core.extract.post_cleaning import post_clean

BODY = "A long enough paragraph of article text that a reader came for, and then some more."
HEADLINE = (
    "Council approves the new bridge over the river after ten years of debate in town, and the "
    "ferry will stop running next spring"
)


def line(lead: str, headline: str) -> Paragraph:
    return Paragraph([Inline(lead, "strong"), Inline(headline, "link", "https://x.example/a")])


@pytest.mark.parametrize("lead", ["Read more:\xa0", "Lea más:\xa0", "Lire :\xa0", "Lesen Sie: "])
def test_a_read_more_line_with_a_long_headline_is_dropped(lead: str) -> None:
    blocks = [Paragraph([Inline(BODY)]), line(lead, HEADLINE), Paragraph([Inline(BODY)])]
    kept = post_clean(blocks, "T", None)
    assert [runs_text(b.runs) for b in kept] == [BODY, BODY]


def test_a_lone_linked_headline_without_a_lead_in_is_kept() -> None:
    blocks = [Paragraph([Inline(BODY)]), line("", HEADLINE), Paragraph([Inline(BODY)])]
    assert len(post_clean(blocks, "T", None)) == 3
