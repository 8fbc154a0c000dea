"""Boxes that sell or point away from the article, named so in their class or id (affiliate-link
notices, paywall gates, calls to action, sidebars, tag lists), are not read with it."""

from __future__ import annotations

import pytest

from reader.core.document import Page, iter_texts
from reader.core.extract.extractor import extract

STORY = "".join(
    f"<p>Paragraph {n} of the review: the kettle boils a litre in three minutes, keeps the "
    "water warm for an hour, and its lid opens wide enough to clean the inside by hand.</p>"
    for n in range(6)
)
BOXES = {
    "affiliate-disclosure": "We earn a commission when you buy through these links to shops.",
    "paywall": "Choose your plan and keep reading: the first month costs one euro only.",
    "cta-box": "Join our kitchen club today and get every new review before anyone else.",
    "entry-tags": "Kitchen, Kettles, Reviews, Appliances, Breakfast, Tea and coffee",
    "sidebar-box": "Our most loved recipes this week, picked by the editors for you all.",
}


def read(box_class: str) -> str:
    box = f"<div class='{box_class}'><p>{BOXES[box_class]}</p></div>"
    html = (
        "<html><head><title>The kettle</title></head><body><article><h1>The kettle</h1>"
        f"{STORY[: len(STORY) // 2]}{box}{STORY[len(STORY) // 2 :]}</article></body></html>"
    )
    return "\n".join(iter_texts(extract(Page(url="https://shop.example/k", text=html)).blocks))


@pytest.mark.parametrize("box_class", list(BOXES))
def test_a_box_named_for_sales_or_as_a_sidebar_is_not_read(box_class: str) -> None:
    text = read(box_class)
    assert BOXES[box_class] not in text
    assert "Paragraph 0 of the review" in text and "Paragraph 5 of the review" in text
