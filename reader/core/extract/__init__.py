"""Page -> Article: parse, clean, find the article with readability, convert to blocks, read
metadata.

readability-lxml imports modules that only its command line and its byte decoding use
(urllib's HTTP client with email and ssl, and chardet: ~50 ms together). We hand it our parsed
tree, so while it is imported those names are stand-ins that import the real module on first
use; a reader run that never needs them does not pay for them.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import Any

_UNUSED_BY_OUR_PATH = ("urllib.request", "chardet")


def _stand_in(name: str) -> ModuleType:
    """A module that imports the real `name` when one of its attributes is first read."""
    module = ModuleType(name)

    def __getattr__(attribute: str) -> Any:
        if sys.modules.get(name) is module:
            del sys.modules[name]
        return getattr(importlib.import_module(name), attribute)

    module.__getattr__ = __getattr__  # type: ignore[method-assign]
    return module


def _import_readability() -> None:
    """Import readability-lxml with stand-ins for the modules our path never uses."""
    stand_ins = {n: _stand_in(n) for n in _UNUSED_BY_OUR_PATH if n not in sys.modules}
    sys.modules.update(stand_ins)
    try:
        import readability.readability  # noqa: F401
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]  # later imports load the real module


if "readability.readability" not in sys.modules:
    _import_readability()
