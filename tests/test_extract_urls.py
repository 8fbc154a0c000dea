"""Links become absolute exactly as the standard library's urljoin would make them."""

from urllib.parse import urljoin

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.extract.html_tree import absolute_url

BASES = st.sampled_from(
    [
        "http://example.org/a/b?q=1#f",
        "https://user:pw@example.org:8080/dir/",
        "http://example.org",
        "file:///tmp/page.html",
        "file://localhost/tmp/page.html",
    ]
)
PATHS = st.text(alphabet="/.?#%=&ab:\\[] ", min_size=1, max_size=12).map(lambda p: "/" + p)


@settings(max_examples=2000)
@given(BASES, PATHS)
def test_root_relative_links_resolve_like_urljoin(base: str, href: str) -> None:
    try:  # browsers drop whitespace inside a URL, and so does reader
        expected = urljoin(base, "".join(href.split()))
    except ValueError:
        expected = None
    assert absolute_url(href, base) == expected


def test_script_links_are_not_links() -> None:
    assert absolute_url("javascript:alert(1)", "http://example.org/") is None
    assert absolute_url("  ", "http://example.org/") is None
