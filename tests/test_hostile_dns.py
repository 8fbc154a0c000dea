"""A host that does not resolve (issue 6, bad networks): exit 3 and one clear line.

The installed `reader` runs inside `unshare -n`, a new network namespace with no network at
all (only a loopback device that is down): name resolution fails on the machine itself, so
the test is deterministic and nothing leaves the machine, not even a DNS query.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

UNSHARE = shutil.which("unshare")
HOST = "no-such-host.invalid"  # .invalid never resolves (RFC 2606)


def unshare_problem() -> str | None:
    """Why `unshare -n` cannot run here, or None when it can."""
    if UNSHARE is None:
        return "util-linux unshare is not installed"
    try:
        probe = subprocess.run(
            [UNSHARE, "-n", "true"], capture_output=True, text=True, timeout=10, check=False
        )
    except OSError as error:
        return f"unshare -n cannot start: {error}"
    if probe.returncode != 0:
        reason = probe.stderr.strip() or f"exit {probe.returncode}"
        return f"unshare -n needs CAP_SYS_ADMIN (root or user namespaces): {reason}"
    return None


def installed_reader() -> str:
    beside_python = Path(sys.executable).with_name("reader")
    found = str(beside_python) if beside_python.exists() else shutil.which("reader")
    if not found:
        pytest.fail("the reader command is not installed (pip install -e .)")
    return found


def test_unresolvable_host_exits_3_with_one_clear_line() -> None:
    problem = unshare_problem()
    if problem:
        pytest.skip(problem)
    env = os.environ | {"LANG": "C.UTF-8"}
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        env.pop(name, None)  # a proxy would turn this into a refused connection instead
    env.pop("all_proxy", None)
    result = subprocess.run(
        [UNSHARE or "unshare", "-n", installed_reader(), "--plain", f"https://{HOST}/"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 3, result.stderr
    assert result.stdout == ""
    assert result.stderr == (
        f"reader: could not find the host {HOST} (check the address and your network connection)\n"
    )
