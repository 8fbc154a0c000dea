"""Hostile .argosmodel archives made from a real package: a folder renamed, files replaced,
central-directory entries repeated (a zip bomb that declares far more than it holds), sizes
rewritten in the headers. Used by tests/test_translate_archive.py and bench/fuzz_packages.py.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path


def rebuilt(source: Path, target: Path, *, top: str | None = None, **bodies: bytes) -> Path:
    """A copy of the package `source` with its folder renamed to `top` and some files replaced
    (keyword: the file name inside the folder, dots as underscores)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            folder, _, rest = item.filename.partition("/")
            body = bodies.get(rest.replace(".", "_"), src.read(item))
            dst.writestr(f"{top or folder}/{rest}", body)
    return target


def central_directory(data: bytes) -> tuple[int, int, int]:
    """(offset of the end record, offset of the central directory, its size)."""
    end = data.rindex(b"PK\x05\x06")
    size, offset = struct.unpack_from("<II", data, end + 12)
    return end, offset, size


def entries(data: bytes) -> list[tuple[int, int, str]]:
    """(offset, length, name) of each central-directory entry."""
    _end, offset, size = central_directory(data)
    found = []
    position = offset
    while position < offset + size:
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", data, position + 28)
        length = 46 + name_length + extra_length + comment_length
        name = data[position + 46 : position + 46 + name_length].decode()
        found.append((position, length, name))
        position += length
    return found


def with_duplicate_entries(source: Path, target: Path, member: str, copies: int) -> Path:
    """`source` with `member`'s central-directory entry listed `copies` more times: every
    copy points at the same compressed data, so the file stays small while it declares
    `copies` times the member's size (the 1.2 MB archive that declared 65 GB)."""
    data = source.read_bytes()
    end, offset, size = central_directory(data)
    position, length, _ = next(e for e in entries(data) if e[2].endswith(member))
    extra = data[position : position + length] * copies
    record = bytearray(data[end:])
    count = struct.unpack_from("<H", record, 10)[0] + copies
    struct.pack_into("<HHI", record, 8, count, count, size + len(extra))
    target.write_bytes(data[: offset + size] + extra + bytes(record))
    return target


def with_declared_size(source: Path, target: Path, member: str, declared: int) -> Path:
    """`source` with `member`'s uncompressed size rewritten to `declared` in both headers."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as zipf:
        info = next(i for i in zipf.infolist() if i.filename.endswith(member))
    struct.pack_into("<I", data, info.header_offset + 22, declared)
    position = next(e[0] for e in entries(bytes(data)) if e[2].endswith(member))
    struct.pack_into("<I", data, position + 24, declared)
    target.write_bytes(bytes(data))
    return target
