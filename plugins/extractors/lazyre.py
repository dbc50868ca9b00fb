"""Regular expressions compiled on first use, and guarded by the characters a match can start with.

Python compiles a regular expression in Python: 0.05–1 ms each, and the prose reader has more than a
hundred. One that only some reports need (a cited document number, 截至 a date, a numbered item) is
written `lazy(r"…")` instead of `re.compile(r"…")`: it is compiled the first time it is used, so the
command line does not compile it at every start for reports that never reach it. After that first use,
its methods are the compiled pattern's own (no extra call).

`guarded(r"…")` (which `lazy` uses too) compiles a pattern so that a search through a long text is fast.
Python's engine skips ahead by itself only to where a pattern's first literal or class could match; a
pattern that starts with a group, a lookbehind or an alternation of groups (`(?P<own>部门整体|…)|(?P<foreign>
…)`, `(?<=[\u4e00-\u9fff])(?:经费|工程)`) is tried in full at every position of the text. `guarded` works out
the characters any match must start with and puts them in front as a lookahead, `(?=[部单整…])(?:…)`, so
every other position fails at one character test. The lookahead only says what every match already
satisfies (its first character is consumed at the match's start: assertions consume nothing), so the
matches, their groups and their numbers are those of the pattern as written; a pattern whose first
character cannot be told (`.`, a negated class, a back reference, a match of nothing, ignore-case) is
compiled as written. Measured on the example report: the subject words' search 559 → 177 µs.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import Any, cast

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class _LazyPattern:
    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:  # only until the first use: then the methods are attributes
        compiled = guarded(*self._source)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._source[0]!r})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`guarded(pattern, flags)`, done the first time the pattern is used (through its methods or
    attributes: not for passing to `re.sub` and the like)."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))


@lru_cache(maxsize=512)
def guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, with the characters a match can start with put in front as a
    lookahead where Python's engine would not skip ahead by itself (see the module's doc)."""
    starts = first_characters(pattern, flags) if len(pattern) >= _WORTH_GUARDING else None
    if starts is not None:
        try:
            return re.compile(f"(?=[{starts}])(?:{pattern})", flags)
        except re.error:  # (a global inline flag such as (?m) must stay at the start)
            pass
    return re.compile(pattern, flags)


# A short pattern is cheap to try at every position, and working out its first characters would cost the
# command line's start more than it saves on one report: only a long one (an alternation of many words) is guarded.
_WORTH_GUARDING = 40


class _Unknown(Exception):
    """The characters a match can start with cannot be told (or need not be: the engine skips by itself)."""


def first_characters(pattern: str, flags: int = 0) -> str | None:
    """A character class body (without the brackets) holding every character a match of `pattern` can
    start with; None where that cannot be told, or where Python's engine skips to such characters by
    itself (the pattern starts with a literal or a class, or is an alternation of literals), or where the
    pattern is guarded so already (a lookahead of a class among the assertions it starts with)."""
    try:  # (private modules, untyped: on a Python without them, no guard)
        sre: Any = importlib.import_module("re._constants")
        parser: Any = importlib.import_module("re._parser")
    except ImportError:  # pragma: no cover - Python 3.11 to 3.13 have them
        return None
    if flags & (re.IGNORECASE | re.VERBOSE | re.LOCALE):
        return None
    try:
        parsed = parser.parse(pattern, flags)
        if parsed.state.flags & (re.IGNORECASE | re.VERBOSE | re.LOCALE):
            return None
        head = parsed.data[0] if parsed.data else None
        if head is None or head[0] in (sre.LITERAL, sre.IN):
            return None
        for op, av in parsed.data:  # guarded by hand already: a lookahead of a class among its first assertions
            if op is sre.ASSERT and av[0] == 1 and len(av[1].data) == 1 and av[1].data[0][0] is sre.IN:
                return None
            if op not in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
                break
        if head[0] is sre.BRANCH and all(alt.data and alt.data[0][0] is sre.LITERAL for alt in head[1][1]):
            return None
        found: set[str] = set()
        categories = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s",
                      sre.CATEGORY_NOT_SPACE: r"\S", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W"}
        if _first(parsed.data, found, sre, categories):
            return None  # it can match nothing: any position may hold a match
    except (_Unknown, re.error, AttributeError, TypeError, ValueError):
        return None
    return "".join(sorted(found))


def _first(items: Any, found: set[str], sre: Any, categories: dict[Any, str]) -> bool:
    """Add to `found` the class pieces the sequence `items` (a parsed pattern) can start with; True where it
    can match nothing (then what follows it can start the match too). `categories`: each class category as
    written (\\d …). Raises _Unknown."""
    for op, av in items:
        if op is sre.LITERAL:
            found.add(re.escape(chr(av)))
            return False
        if op is sre.IN:
            for kind, value in av:
                if kind is sre.LITERAL:
                    found.add(re.escape(chr(value)))
                elif kind is sre.RANGE:
                    found.add(re.escape(chr(value[0])) + "-" + re.escape(chr(value[1])))
                elif kind is sre.CATEGORY and value in categories:
                    found.add(categories[value])
                else:  # a negated class, or anything else: not told here
                    raise _Unknown
            return False
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):  # consume nothing: the match starts after them
            continue
        if op is sre.SUBPATTERN:
            _group, add_flags, del_flags, inner = av
            if add_flags or del_flags:
                raise _Unknown
            if not _first(inner.data, found, sre, categories):
                return False
        elif op is sre.ATOMIC_GROUP:
            if not _first(av.data, found, sre, categories):
                return False
        elif op is sre.BRANCH:
            empty = False
            for alternative in av[1]:
                empty = _first(alternative.data, found, sre, categories) or empty
            if not empty:
                return False
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            least, _most, inner = av
            empty = _first(inner.data, found, sre, categories)
            if least > 0 and not empty:
                return False
        else:  # ANY, NOT_LITERAL, a back reference, a conditional: not told here
            raise _Unknown
    return True
