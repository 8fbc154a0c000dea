"""Shared test set-up: every test gets its own config, data and cache directories."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point XDG_* and ARGOS_PACKAGES_DIR (so settings, state, caches and translation
    packages) at fresh temporary folders, `<root>/xdg_config_home` and so on; returns root.

    Subprocesses inherit them, so no test reads or writes the real user's files.
    """
    root: Path = tmp_path_factory.mktemp("user")
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        folder = root / name.lower()
        folder.mkdir()
        monkeypatch.setenv(name, str(folder))
    # Installed translation packages would change what the language controls offer.
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(root / "argos-packages"))
    # No test may reach the real argos package index.
    monkeypatch.delenv("ARGOS_PACKAGE_INDEX", raising=False)
    # Colour follows NO_COLOR; tests that want it off set it themselves.
    monkeypatch.delenv("NO_COLOR", raising=False)
    return root
