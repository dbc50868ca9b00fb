"""Regular expressions compiled on first use.

Python compiles a regular expression in Python: 0.05–1 ms each, and the prose reader has more than a
hundred. One that only some reports need (a cited document number, 截至 a date, a numbered item) is
written `lazy(r"…")` instead of `re.compile(r"…")`: it is compiled the first time it is used, so the
command line does not compile it at every start for reports that never reach it. After that first use,
its methods are the compiled pattern's own (no extra call).
"""

from __future__ import annotations

import re
from typing import Any, cast

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class _LazyPattern:
    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:  # only until the first use: then the methods are attributes
        compiled = re.compile(*self._source)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._source[0]!r})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, done the first time the pattern is used (through its methods or
    attributes: not for passing to `re.sub` and the like)."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))
