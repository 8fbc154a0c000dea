"""Checking and normalising http(s) URLs, for SOURCE arguments and for redirect targets alike."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit, urlunsplit

from reader.core.i18n import _

FOLLOWED_SCHEMES = ("http", "https", "file")

_LABEL = re.compile(r"^(?!-)[\w-]{1,63}(?<!-)$")
# scheme://user:password@ -- the password runs to the last "@" before the path, as urlsplit reads it
_PASSWORD = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*://)([^\s/?#@:]*):[^\s/?#]*@")


def without_password(text: str) -> str:
    """`text` with the password of every URL in it removed: `http://user:pw@host/` ->
    `http://user@host/`. Everything that shows or stores a URL goes through this, so a
    password typed into an address never reaches the screen, an error, an output or a file."""
    return _PASSWORD.sub(r"\1\2@", text) if "@" in text else text


def shorten(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with "..." when longer (URLs and header values in
    messages: a server or a user can send kilobytes of either)."""
    return text if len(text) <= limit else text[: max(0, limit - 3)] + "..."


def normalise_http_url(text: str) -> str:
    """`HTTPS://Example.COM:443/a?b#top` -> `https://example.com/a?b`: lower-case scheme and
    host, IDNA host, no default port, a path of at least `/`, no fragment.

    Raises ValueError for anything that is not a well-formed http(s) URL with a host.
    """
    import httpx  # a quarter of a second to import: only when a URL is really used

    if any(char.isspace() for char in text):
        raise ValueError("space in URL")
    parts = urlsplit(text)  # ValueError for a bad port or bracket
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError("not an http(s) URL")
    host = parts.hostname or ""
    if not is_valid_host(host) or parts.port == 0:
        raise ValueError("bad host or port")
    try:
        url = httpx.URL(urlunsplit(parts._replace(fragment="", path=parts.path or "/")))
    except httpx.InvalidURL as error:  # not a ValueError: e.g. a control character in the path
        raise ValueError(str(error)) from None
    if not url.host:  # decoding the host also checks its IDNA labels (`xn--zz` fails)
        raise ValueError("no host")
    return str(url)  # idna errors are ValueErrors too


def is_valid_host(host: str) -> bool:
    """True for an IP address or a name made of valid DNS labels."""
    return bool(host) and (is_ip(host) or all(_LABEL.match(label) for label in host.split(".")))


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def link_refusal(url: str, from_url: str | None = None) -> str | None:
    """None when reader follows `url` from the page at `from_url`; else why it does not, in
    words for the status line. Web pages are followed from anywhere; local files only from a
    local document (a web page must not open the reader's files); javascript:, data:, mailto:
    and the rest never."""
    try:
        scheme = urlsplit(url).scheme.lower()
        from_scheme = urlsplit(from_url).scheme.lower() if from_url else ""
    except ValueError:
        return _("a malformed link is not followed")
    if scheme == "file" and from_scheme != "file":
        return _("a file: link from a web page is not followed")
    if not scheme:
        return _("a relative link is not followed")
    if scheme not in FOLLOWED_SCHEMES:
        return _("a {scheme}: link is not followed").format(scheme=scheme)
    return None
