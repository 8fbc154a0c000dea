"""Bounded decoders for HTTP Content-Encoding (gzip, deflate, br).

httpx's own decoders inflate each network chunk in one go: 64 KB of a gzip bomb becomes 64 MB
in memory, and a few KB of brotli can become gigabytes, before any size check runs. These
decoders never produce more than `OUTPUT_CHUNK` bytes per step, so the caller's size cap holds
and memory stays bounded whatever the compression ratio.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Protocol

try:
    import brotli
except ImportError:  # brotli is optional: without it, reader does not ask for br
    brotli = None

OUTPUT_CHUNK = 64 * 1024
MAX_LAYERS = 3  # real servers send one encoding; more than a handful is an attack
_GZIP = 16 + zlib.MAX_WBITS  # wbits for a gzip header and trailer


class DecodingError(Exception):
    """The body's compressed data is corrupt."""


class TooManyLayers(Exception):
    """The Content-Encoding header lists more than `MAX_LAYERS` encodings."""


class Decoder(Protocol):
    def feed(self, data: bytes) -> Iterator[bytes]: ...

    def finish(self) -> None:
        """At the end of the body: raise DecodingError if the stream gave nothing usable.
        A stream cut short after some output is kept, as browsers show a truncated page."""


def _brotli_is_bounded() -> bool:
    """True when the installed brotli can limit its output per call (brotli >= 1.2)."""
    if brotli is None:
        return False
    try:
        brotli.Decompressor().process(b"", output_buffer_limit=1)
    except TypeError:
        return False
    except brotli.error:
        return True
    return True


SUPPORTED = ("gzip", "deflate", "br") if _brotli_is_bounded() else ("gzip", "deflate")
ACCEPT_ENCODING = ", ".join(SUPPORTED)


class Identity:
    def feed(self, data: bytes) -> Iterator[bytes]:
        for start in range(0, len(data), OUTPUT_CHUNK):
            yield data[start : start + OUTPUT_CHUNK]

    def finish(self) -> None:
        pass


class Zlib:
    """gzip (several members allowed) or deflate (zlib-wrapped or, as some servers send, raw)."""

    def __init__(self, gzip: bool) -> None:
        self._gzip = gzip
        self._obj: zlib._Decompress | None = zlib.decompressobj(_GZIP) if gzip else None
        self._head = b""  # deflate: the first bytes, until we know whether they are zlib or raw
        self._done = False
        self._fed = self._produced = False

    def finish(self) -> None:
        unfinished = self._obj is None or not self._obj.eof
        if self._fed and unfinished and not self._produced:
            raise DecodingError("the compressed data ends before any content")

    def feed(self, data: bytes) -> Iterator[bytes]:
        self._fed = self._fed or bool(data)
        if self._obj is None:
            self._head += data
            if len(self._head) < 2:
                return
            data, self._head = self._head, b""
            wbits = zlib.MAX_WBITS if _is_zlib_header(data) else -zlib.MAX_WBITS
            self._obj = zlib.decompressobj(wbits)
        yield from self._inflate(self._obj, data)

    def _inflate(self, obj: zlib._Decompress, data: bytes) -> Iterator[bytes]:
        while not self._done:
            if obj.eof:
                if not (self._gzip and data.strip(b"\x00")):
                    self._done = not self._gzip
                    return
                obj = self._obj = zlib.decompressobj(_GZIP)  # the next gzip member
            try:
                out = obj.decompress(data, OUTPUT_CHUNK)
            except zlib.error as error:
                raise DecodingError(str(error)) from error
            data = obj.unused_data if obj.eof else obj.unconsumed_tail
            if out:
                self._produced = True
                yield out
            if not obj.eof and not data and len(out) < OUTPUT_CHUNK:
                return


class Brotli:
    def __init__(self) -> None:
        assert brotli is not None
        self._obj = brotli.Decompressor()
        self._fed = self._produced = False

    def finish(self) -> None:
        if self._fed and not self._produced and not self._obj.is_finished():
            raise DecodingError("the compressed data ends before any content")

    def feed(self, data: bytes) -> Iterator[bytes]:
        self._fed = self._fed or bool(data)
        if self._obj.is_finished():
            return
        try:
            out = self._obj.process(data, output_buffer_limit=OUTPUT_CHUNK)
            # A full buffer means more output may be pending: drain it with empty input.
            while out:
                self._produced = True
                yield out
                if self._obj.is_finished():
                    return
                if len(out) < OUTPUT_CHUNK and self._obj.can_accept_more_data():
                    return
                out = self._obj.process(b"", output_buffer_limit=OUTPUT_CHUNK)
        except brotli.error as error:
            raise DecodingError(str(error)) from error


class Chain:
    """Several encodings, applied in the order listed; decoded in reverse."""

    def __init__(self, decoders: list[Decoder]) -> None:
        self._decoders = decoders

    def feed(self, data: bytes) -> Iterator[bytes]:
        yield from self._feed(0, data)

    def finish(self) -> None:
        for decoder in self._decoders:
            decoder.finish()

    def _feed(self, index: int, data: bytes) -> Iterator[bytes]:
        if index == len(self._decoders):
            yield data
            return
        for out in self._decoders[index].feed(data):
            yield from self._feed(index + 1, out)


def decoder_for(content_encoding: str | None) -> Decoder | None:
    """A decoder for a Content-Encoding header value, or None when an encoding is unsupported.

    Raises TooManyLayers past `MAX_LAYERS` encodings (each layer is a decoder, and a chain of
    a thousand would exhaust the stack)."""
    names = [name.strip().lower() for name in (content_encoding or "").split(",")]
    names = [name for name in names if name and name != "identity"]
    if len(names) > MAX_LAYERS:
        raise TooManyLayers(len(names))
    decoders: list[Decoder] = []
    for name in reversed(names):
        if name in ("gzip", "x-gzip"):
            decoders.append(Zlib(gzip=True))
        elif name == "deflate":
            decoders.append(Zlib(gzip=False))
        elif name == "br" and "br" in SUPPORTED:
            decoders.append(Brotli())
        else:
            return None
    if not decoders:
        return Identity()
    return decoders[0] if len(decoders) == 1 else Chain(decoders)


def _is_zlib_header(data: bytes) -> bool:
    """True when `data` starts with a zlib header (RFC 1950) rather than raw deflate."""
    return data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0
