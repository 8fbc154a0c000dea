"""Run `python -m reader` as a user would, and check its one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys


def run_reader(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run reader in a subprocess without colour; the result holds exit code, stdout, stderr."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        input=stdin,
        capture_output=True,
        env=full_env,
        timeout=60,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[bytes], code: int) -> str:
    """The run failed with `code` and said why in exactly one `reader: ...` line."""
    stderr = result.stderr.decode()
    assert result.returncode == code, stderr
    assert stderr.startswith("reader: ")
    assert stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr
    return stderr
