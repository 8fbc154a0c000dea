"""Errors the user can act on, each with its documented exit code.

Every failure a user can cause or meet surfaces as a `ReaderError`: the CLI prints it as one
line, `reader: <what happened> (<what to try>)`, and exits with `exit_code`.
"""

from __future__ import annotations

from reader.core.safe_text import clean_line

EXIT_USAGE = 2
EXIT_FETCH = 3
EXIT_CONTENT = 4


class ReaderError(Exception):
    """A failure explained in words: what happened, and what to try."""

    exit_code = 1

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = clean_line(message)
        self.hint = clean_line(hint)

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class UsageError(ReaderError):
    """A bad option, a malformed URL, a missing file: exit 2."""

    exit_code = EXIT_USAGE


class FetchError(ReaderError):
    """The source could not be fetched (network, TLS, timeout, HTTP status, size cap): exit 3."""

    exit_code = EXIT_FETCH


class ContentError(ReaderError):
    """The content cannot be read (unsupported type, undecodable, empty): exit 4."""

    exit_code = EXIT_CONTENT
