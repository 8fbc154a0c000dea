"""Where reader keeps its files: the user config, data and cache directories.

The directories come from platformdirs (appname "reader"), which honours XDG_CONFIG_HOME,
XDG_DATA_HOME and XDG_CACHE_HOME on Linux, so tests and users can move them. Nothing is
created until something is written; `ensure_private_dir` creates a directory with mode 0700,
because history and reading positions are private.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "reader"
SETTINGS_FILE = "settings.toml"
STATE_FILE = "state.sqlite3"
PAGE_CACHE_FILE = "pages.sqlite3"


def _dirs() -> PlatformDirs:
    # A fresh object each time: platformdirs reads the XDG variables when asked, so a change
    # to the environment (a test's tmp dir) takes effect at once.
    return PlatformDirs(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """The user config directory (settings.toml lives here); not created."""
    return Path(_dirs().user_config_dir)


def data_dir() -> Path:
    """The user data directory (history and reading positions); not created."""
    return Path(_dirs().user_data_dir)


def cache_dir() -> Path:
    """The user cache directory (the page cache); not created."""
    return Path(_dirs().user_cache_dir)


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


def state_path() -> Path:
    return data_dir() / STATE_FILE


def page_cache_path() -> Path:
    return cache_dir() / PAGE_CACHE_FILE


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and missing parents) if needed; a directory we create gets mode 0700."""
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        # mkdir's mode is filtered by the umask; set it exactly on the directory we own.
        os.chmod(path, 0o700)
    return path
