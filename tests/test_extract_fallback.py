"""When no article is found (or distilling outlasts the budget), the page's main text is shown:
read from the page before clutter removal, since on such a page the boxes named like clutter
are often its text."""

from __future__ import annotations

from reader.core.document import Page, iter_texts
from reader.core.extract.distil import NO_ARTICLE
from reader.core.extract.extractor import TOO_SLOW, extract

# A live report: every entry is a short box whose class names carousel and comment widgets.
ENTRIES = "".join(
    f"<div class='live-comment slider-item'><span>{minute}'</span> {text}</div>"
    for minute, text in [
        (3, "Both teams feel each other out in the opening minutes."),
        (27, "Chance for the home side: the winger is clean through but shoots wide."),
        (55, "The corner comes to nothing."),
        (65, "Goal! A run from his own half ends with a low shot into the far corner."),
        (96, "Full time: the home side held on for a draw."),
    ]
)
LIVE_REPORT = (
    "<html><head><title>Harbour Town v Hill City, live</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/football'>Football</a></nav>"
    f"<h1>Harbour Town v Hill City</h1><div class='live-feed'>{ENTRIES}</div>"
    "<footer>Contact the newsroom</footer></body></html>"
)


def test_a_live_report_with_no_article_shows_its_entries_named_like_clutter() -> None:
    article = extract(Page(url="https://sport.example/live", text=LIVE_REPORT))
    assert article.notices == [NO_ARTICLE]
    text = "\n".join(iter_texts(article.blocks))
    assert "The corner comes to nothing." in text
    assert "Full time: the home side held on for a draw." in text
    assert "Contact the newsroom" not in text  # the footer is still not main text


def test_a_report_too_slow_to_distil_shows_its_entries_named_like_clutter() -> None:
    """Past the budget the fallback reads the page parsed again, not the tree readability was
    still reading, and the entries clutter removal dropped from that tree are there."""
    plain = "".join(
        f"<div><p>Entry {n}: the ball goes out for a throw.</p></div>"
        for n in range(1500)  # above INLINE_ELEMENTS, so distillation runs in its thread
    )
    body = f"<body><h1>Live</h1><div class='live-feed'>{ENTRIES}{plain}</div></body>"
    article = extract(Page(url="https://sport.example/live", text=body), time_budget=0.000_01)
    assert article.notices == [TOO_SLOW]
    text = "\n".join(iter_texts(article.blocks))
    assert "The corner comes to nothing." in text
    assert "Entry 1499: the ball goes out for a throw." in text
