"""A host that does not resolve (issue 6, bad networks): exit 3 and one clear line.

The installed `reader` runs inside `unshare -n` (`unshare -r -n` for users other than root), a
new network namespace with no network at all (only a loopback device that is down): name
resolution fails on the machine itself, so the test is deterministic and nothing leaves the
machine, not even a DNS query.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.support.terminal import installed_reader

UNSHARE = shutil.which("unshare")
HOST = "no-such-host.invalid"  # .invalid never resolves (RFC 2606)


def network_namespace() -> tuple[list[str], str | None]:
    """The `unshare` command that gives a namespace without network, or why there is none:
    `-n` as root, `-r -n` (a user namespace too) for other users where the kernel allows."""
    if UNSHARE is None:
        return [], "util-linux unshare is not installed"
    reasons = []
    for flags in (["-n"], ["-r", "-n"]):
        try:
            probe = subprocess.run(
                [UNSHARE, *flags, "true"], capture_output=True, text=True, timeout=10, check=False
            )
        except OSError as error:
            return [], f"unshare cannot start: {error}"
        if probe.returncode == 0:
            return [UNSHARE, *flags], None
        reasons.append(f"unshare {' '.join(flags)}: {probe.stderr.strip() or probe.returncode}")
    return [], "no network namespace is permitted here (" + "; ".join(reasons) + ")"


def test_unresolvable_host_exits_3_with_one_clear_line() -> None:
    unshare, problem = network_namespace()
    if problem:
        pytest.skip(problem)
    env = os.environ | {"LANG": "C.UTF-8"}
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        env.pop(name, None)  # a proxy would turn this into a refused connection instead
    env.pop("all_proxy", None)
    result = subprocess.run(
        [*unshare, installed_reader(), "--plain", f"https://{HOST}/"],
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
