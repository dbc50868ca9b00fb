"""jixiao's built-in plugins: rule kinds, extractors and formatters.

They are registered by `jixiao.plugins.builtin` through the entry-point group `jixiao`, exactly as a
third-party plugin registers its own.
"""

from __future__ import annotations

import importlib
from typing import Any
from collections.abc import Callable


def lazy(module: str, function: str) -> Callable[..., Any]:
    """`module.function` (a full module name), imported on the first call and called directly after that:
    a built-in extractor or formatter costs nothing at start-up until a run needs it."""
    target: list[Callable[..., Any]] = []

    def call(*args: Any, **kwargs: Any) -> Any:
        if not target:
            target.append(getattr(importlib.import_module(module), function))
        return target[0](*args, **kwargs)

    call.__name__ = call.__qualname__ = function
    call.__doc__ = f"{module}.{function}, imported on first use."
    return call
