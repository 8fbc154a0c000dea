"""Fetch one web page over HTTP(S) with httpx, within a time budget and a size cap.

Everything a hostile or broken server can do ends in a one-line `FetchError` or `ContentError`:
the whole fetch (DNS, connect, redirects, body) shares one deadline, so a server that trickles
bytes, stalls after its headers or streams forever stops on time; redirects are followed by
hand (at most 10, http and https only, loops named); the body is decompressed by bounded
decoders and counted as it streams, so a gzip or brotli bomb stops at the cap.
"""

from __future__ import annotations

import asyncio
import http
import os
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from reader import __version__
from reader.core.errors import ContentError, FetchError
from reader.core.i18n import _
from reader.core.sources import content_encoding
from reader.core.sources.media_type import check_declared_type, parse_content_type
from reader.core.sources.sizes import format_size
from reader.core.sources.urls import normalise_http_url, shorten, without_password

USER_AGENT = f"reader/{__version__} (+reading-mode)"
ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"
MAX_REDIRECTS = 10
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_URL_IN_MESSAGE = 120  # characters of a URL quoted in an error message
_HEADER_IN_MESSAGE = 80  # characters of a header value quoted in an error message


@dataclass(frozen=True, slots=True)
class Fetched:
    """A page's decoded body (Content-Encoding removed), final URL and Content-Type header."""

    url: str
    body: bytes
    content_type: str | None


# Takes each decoded chunk of a download and the declared length (None when unknown).
Sink = Callable[[bytes, int | None], None]


async def fetch(url: str, *, timeout: float, max_size: int, sink: Sink | None = None) -> Fetched:
    """GET `url`, following redirects. Raises FetchError or ContentError, never httpx errors.

    With a `sink` (a download, such as a translation package), the body may be of any type and
    goes to the sink chunk by chunk instead of into `Fetched.body`; the cap and budget hold.
    """
    visited: list[str] = []  # every URL requested, so errors name the one that failed
    try:
        async with asyncio.timeout(timeout):
            return await _fetch(url, visited, timeout=timeout, max_size=max_size, sink=sink)
    except (TimeoutError, httpx.TimeoutException):
        raise _timed_out(visited[-1] if visited else url, timeout) from None
    except httpx.HTTPError as error:
        raise _transport_error(visited[-1] if visited else url, error) from error


async def _fetch(
    url: str, visited: list[str], *, timeout: float, max_size: int, sink: Sink | None
) -> Fetched:
    async with _client(timeout) as client:
        while True:
            visited.append(url)
            try:
                request = client.build_request("GET", url)
            except ValueError as error:  # an address httpx cannot use (bad IDNA, bad port, ...)
                raise FetchError(
                    _("cannot fetch the malformed address {address}").format(address=_short(url)),
                    _("check the address"),
                ) from error
            try:
                response = await client.send(request, stream=True)
            except _Redirect as redirect:
                url = _redirect_target(redirect.response, visited)
                continue
            try:
                _check_status(response)
                content_type = response.headers.get("content-type")
                if sink is None:
                    check_declared_type(parse_content_type(content_type)[0])
                body = await _read_body(response, max_size, sink)
                return Fetched(str(response.url), body, content_type)
            finally:
                await response.aclose()


def _client(timeout: float) -> httpx.AsyncClient:
    """An httpx client with reader's headers, timeouts, TLS checks and the environment's
    proxies; FetchError when a proxy variable cannot be used."""
    try:
        return httpx.AsyncClient(
            headers={
                "User-Agent": USER_AGENT,
                "Accept": ACCEPT,
                "Accept-Encoding": content_encoding.ACCEPT_ENCODING,
            },
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            trust_env=True,
            verify=_tls_context(),
            event_hooks={"response": [_stop_at_redirect]},
        )
    except ImportError:
        raise FetchError(
            _("a SOCKS proxy is set in the environment, but SOCKS support is not installed"),
            _("install it with pip install 'httpx[socks]', or unset ALL_PROXY"),
        ) from None
    except ValueError as error:
        raise FetchError(
            _("the proxy set in the environment cannot be used: {reason}").format(reason=error),
            _("check HTTP_PROXY, HTTPS_PROXY and ALL_PROXY"),
        ) from None


def _proxy_variables() -> list[str]:
    """The proxy variables set in the environment, by name."""
    names = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")
    return [name for name in names if os.environ.get(name) or os.environ.get(name.lower())]


_TLS_CONTEXTS: dict[tuple[str | None, str | None], ssl.SSLContext] = {}


def _tls_context() -> ssl.SSLContext:
    """A verifying TLS context, as httpx builds it (certifi, or SSL_CERT_FILE / SSL_CERT_DIR
    from the environment), made once per process: loading the CA bundle takes ~0.1 s."""
    key = (os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))
    if key not in _TLS_CONTEXTS:
        _TLS_CONTEXTS[key] = httpx.create_ssl_context(verify=True, trust_env=True)
    return _TLS_CONTEXTS[key]


class _Redirect(Exception):
    """Raised by a response hook so reader, not httpx, decides where a redirect may go
    (httpx itself fails on a Location like `javascript:...`)."""

    def __init__(self, response: httpx.Response) -> None:
        super().__init__(response.status_code)
        self.response = response


async def _stop_at_redirect(response: httpx.Response) -> None:
    if response.status_code in _REDIRECT_STATUSES:
        raise _Redirect(response)


def _redirect_target(response: httpx.Response, visited: list[str]) -> str:
    """The absolute URL a redirect points to, if reader may follow it."""
    location = response.headers.get("location", "").strip()
    if not location:
        raise FetchError(
            _("HTTP {status} redirect without a Location from {address}").format(
                status=response.status_code, address=_short(response.url)
            ),
            _("the server is misconfigured; try the address in a browser"),
        )
    malformed = FetchError(
        _("the server redirected to a malformed address: {address}").format(
            address=_short(location)
        ),
        _("the server is misconfigured; try the address in a browser"),
    )
    try:
        target = response.url.join(location)
    except (ValueError, httpx.InvalidURL):  # e.g. a control character, a bad IDNA label
        raise malformed from None
    if target.scheme not in ("http", "https"):
        scheme = target.scheme or location.partition(":")[0]
        raise FetchError(
            _("the server redirected to a {scheme}: address, which reader does not follow").format(
                scheme=scheme
            ),
            _("reader only follows http and https redirects; the target was {address}").format(
                address=_short(location)
            ),
        )
    try:
        target_url = normalise_http_url(str(target))
    except ValueError:
        raise malformed from None
    if len(visited) > MAX_REDIRECTS:
        looped = target_url in visited or len(set(visited)) < len(visited)
        if looped:
            what = _("a redirect loop starting at {address}")
        else:
            what = _("more than {count} redirects starting at {address}")
        raise FetchError(
            what.format(count=MAX_REDIRECTS, address=_short(visited[0])),
            _("the site keeps redirecting; try the final address in a browser"),
        )
    return target_url


def _check_status(response: httpx.Response) -> None:
    status = response.status_code
    if 200 <= status < 300:
        return
    try:
        reason = http.HTTPStatus(status).phrase
    except ValueError:
        reason = _header(response.reason_phrase, 60) or _("unknown status")
    if status in (401, 403):
        hint = _("the site refuses access; reader does not log in")
    elif status in (404, 410):
        hint = _("check the address")
    elif status == 429:
        hint = _("the site is rate-limiting; wait a while and try again")
    elif status >= 500:
        hint = _("the server failed; try again later")
    else:
        hint = _("check the address, or try it in a browser")
    raise FetchError(
        _("HTTP {status} {reason} from {address}").format(
            status=status, reason=reason, address=_short(response.url)
        ),
        hint,
    )


async def _read_body(response: httpx.Response, max_size: int, sink: Sink | None) -> bytes:
    """The decoded body (or b"" after giving it to `sink`), stopping as soon as it would pass
    `max_size` bytes."""
    encoding = response.headers.get("content-encoding")
    try:
        decoder = content_encoding.decoder_for(encoding)
    except content_encoding.TooManyLayers as layers:
        raise FetchError(
            f"the server applied {layers} content encodings to the page",
            f"reader undoes at most {content_encoding.MAX_LAYERS}; the server is misconfigured",
        ) from None
    if decoder is None:
        raise ContentError(
            _("the server sent the page with an unsupported encoding: {encoding}").format(
                encoding=_header(encoding)
            ),
            _("reader understands {encodings}").format(encodings=content_encoding.ACCEPT_ENCODING),
        )
    declared_length = response.headers.get("content-length", "")
    # A length of thousands of digits is not a number int() takes; the cap below still holds.
    digits = declared_length.isdigit() and len(declared_length) < 20
    known = int(declared_length) if not encoding and digits else None
    if known is not None and known > max_size:
        raise _too_large(response.url, max_size)
    body = bytearray()
    size = 0
    try:
        async for raw in response.aiter_raw():
            for chunk in decoder.feed(raw):
                size += len(chunk)
                if size > max_size:
                    raise _too_large(response.url, max_size)
                if sink is None:
                    body += chunk
                else:
                    sink(chunk, known)
        decoder.finish()
    except content_encoding.DecodingError as error:
        raise FetchError(
            _("the server sent corrupt {encoding} data ({reason})").format(
                encoding=_header(encoding), reason=error
            ),
            _("try again later"),
        ) from error
    return bytes(body)


def _too_large(url: httpx.URL, max_size: int) -> FetchError:
    return FetchError(
        _("the page at {address} is larger than the {limit} limit").format(
            address=_short(url), limit=format_size(max_size)
        ),
        _("raise the limit with --max-size if you trust this page"),
    )


def _timed_out(url: str, timeout: float) -> FetchError:
    return FetchError(
        _("timed out after {seconds} s fetching {address}").format(
            seconds=f"{timeout:g}", address=_short(url)
        ),
        _("try again, or allow more time with --timeout"),
    )


def _transport_error(url: str, error: httpx.HTTPError) -> FetchError:
    """A FetchError that says in words what went wrong on the way to the server."""
    host = httpx.URL(url).host
    causes = _causes(error)
    if isinstance(error, httpx.ProxyError):
        return FetchError(
            _("the proxy failed: {reason}").format(reason=error),
            _("check HTTP_PROXY / HTTPS_PROXY"),
        )
    if any(isinstance(cause, socket.gaierror) for cause in causes):
        return FetchError(
            _("could not find the host {host}").format(host=host),
            _("check the address and your network connection"),
        )
    proxies = _proxy_variables()
    if any(isinstance(cause, ConnectionRefusedError) for cause in causes):
        refused = (
            _("the connection to {address} (or through the proxy in {variables}) was refused")
            if proxies
            else _("the connection to {address} was refused")
        )
        return FetchError(
            refused.format(address=_short(url), variables=", ".join(proxies)),
            _("check the address and port; the server or proxy may be down"),
        )
    tls = next((cause for cause in causes if isinstance(cause, ssl.SSLError)), None)
    if tls is not None:
        detail = getattr(tls, "verify_message", None) or getattr(tls, "reason", None) or tls
        return FetchError(
            _("secure connection to {host} failed: {reason}").format(host=host, reason=detail),
            _("the site's certificate could not be verified; check the address and your clock"),
        )
    if isinstance(error, httpx.RemoteProtocolError):
        return FetchError(
            _("the server at {host} sent a broken response ({reason})").format(
                host=host, reason=error
            ),
            _("try again later"),
        )
    if isinstance(error, httpx.NetworkError):
        return FetchError(
            _("network error talking to {host}: {reason}").format(
                host=host, reason=error or type(error).__name__
            ),
            _("check your network connection and try again"),
        )
    return FetchError(
        _("could not fetch {address}: {reason}").format(
            address=_short(url), reason=error or type(error).__name__
        ),
        _("try again"),
    )


def _causes(error: BaseException) -> list[BaseException]:
    """`error` and the exceptions behind it."""
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen and len(seen) < 10:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _short(url: str | httpx.URL) -> str:
    """A URL as quoted in a message: no password, long ones shortened."""
    return shorten(without_password(str(url)), _URL_IN_MESSAGE)


def _header(value: str | None, limit: int = _HEADER_IN_MESSAGE) -> str:
    """A header value as quoted in a message: a server can send kilobytes of it."""
    return shorten(value or "", limit)
