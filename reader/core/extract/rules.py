"""Switches for the extraction rules whose effect the quality benchmark measures one by one.

Every rule is on in the reader. bench/quality.py --ablate turns each off in turn to measure
what it adds on every corpus, and picks on two corpora the set it then scores on the third.
"""

from __future__ import annotations

RULES: tuple[str, ...] = (
    "split_camel_case",
    "drop_share_and_skip_links",
    "drop_empty_sections",
    "label_colon_link",
    "linked_headlines",
    "repeated_sections",
    "title_heading",
    "author_boxes",
    "image_credits",
    "comment_words",
    "credit_lines",
    "title_box_kept",
    "lead_before_body",
    "list_beside_prose",
    "sections_built_alike",
    "sections_of_prose",
    "section_lists",
    "sales_and_sidebar_names",
    "headlines_link_away",
    "body_wrapper_kept",
    "closing_links",
)
disabled: set[str] = set()


def enabled(rule: str) -> bool:
    """Whether `rule` (one of RULES) is on; only the benchmark ever turns one off."""
    return rule not in disabled
