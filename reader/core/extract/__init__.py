"""Page -> Article: parse, clean, find the article with readability, convert to blocks, read
metadata.

readability-lxml imports modules only its own command line and byte decoding use (urllib's
HTTP client, ~50 ms with email and ssl; chardet, ~15 ms): they are registered as lazy modules,
loaded on first use, so a reader run that never needs them does not pay for them.
"""

from __future__ import annotations

import importlib.util
import sys

_UNUSED_BY_OUR_PATH = ("urllib.request", "chardet")


def _defer_import(name: str) -> None:
    """Register module `name` so that it is executed on first attribute access only."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)


for _name in _UNUSED_BY_OUR_PATH:
    _defer_import(_name)
