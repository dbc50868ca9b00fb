"""Regular expressions compiled on first use, and guarded by the characters a match can start with.

Python compiles a regular expression in Python: 0.05–1 ms each, and the prose reader has about a
hundred. Each is written `guarded(r"…")` (or `lazy(r"…")`, the same) instead of `re.compile(r"…")`: it is
compiled the first time it is used, so the command line does not compile at every start the patterns a
report never reaches (a quarter of them on the example). After that first use, its methods are the
compiled pattern's own (no extra call).

`guarded` compiles a pattern so that a search through a long text is fast.
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

import atexit
import hashlib
import importlib
import json
import os
import re
from functools import lru_cache
from collections.abc import Iterator, Sequence
from typing import Any, cast

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class _LazyPattern:
    def __init__(self, pattern: str, flags: int, keep: bool = True) -> None:
        self._source = (pattern, flags)
        self._keep = keep

    def __getattr__(self, name: str) -> Any:  # only until the first use: then the methods are attributes
        compiled = _compile_guarded(*self._source, keep=self._keep)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._source[0]!r})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`guarded(pattern, flags)`: the same (every guarded pattern is compiled the first time it is used)."""
    return guarded(pattern, flags)


@lru_cache(maxsize=512)
def guarded(pattern: str, flags: int = 0, keep: bool = True) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, with the characters a match can start with put in front as a
    lookahead where Python's engine would not skip ahead by itself (see the module's doc); compiled the
    first time it is used (through its methods or attributes: not for passing to `re.sub` and the like),
    so a pattern a report never reaches costs the command line's start nothing. `keep=False` for a pattern built
    from one document's words (its title's name): compiled as any other, but not kept between runs."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags, keep))


@lru_cache(maxsize=512)
def _compile_guarded(pattern: str, flags: int = 0, keep: bool = True) -> re.Pattern[str]:
    key = f"{flags}:{pattern}"
    cached = _COMPILED.get(key) if keep else None
    if cached is not None:
        return cached
    compile_ = _COMPILED.compile if keep else _plain
    starts = first_characters(pattern, flags) if len(pattern) >= _WORTH_GUARDING else None
    if starts is not None:
        try:
            return compile_(key, f"(?=[{starts}])(?:{pattern})", flags)
        except re.error:  # (a global inline flag such as (?m) must stay at the start)
            pass
    return compile_(key, pattern, flags)


def _plain(key: str, source: str, flags: int) -> re.Pattern[str]:
    return re.compile(source, flags)


class _CompiledCache:
    """Compiled patterns kept between runs, so the command line does not compile its hundred patterns on every
    start (about 25 ms of its 0.2 s).

    Python compiles a pattern in two steps: parsing and code generation in Python (`re._parser`,
    `re._compiler`), then `_sre.compile(pattern, flags, code, groups, groupindex, indexgroup)`, which builds the
    pattern object from the code and validates that code. The cache keeps the first step's result (the code is a
    list of integers) in one JSON file per Python version and `_sre` version, in jixiao's cache folder
    (`kit.cache_folder`; `JIXIAO_NO_CACHE=1` turns it off), and replays the second step. A pattern built from
    the cache is the one `re.compile` gives (same pattern, flags and code: they compare equal). Anything
    unexpected (another Python, a private module changed, a damaged file) falls back to `re.compile`; the file
    is written, atomically, when the process ends and only if it learned a pattern."""

    _LIMIT = 1000  # entries (jixiao's own are about 130): patterns change as jixiao does; a file that outgrows this starts afresh

    def __init__(self) -> None:
        self._entries: dict[str, list[Any]] | None = None
        self._learned = False

    def _file(self) -> Any:
        try:
            import sys

            from jixiao.kit import cache_folder

            _sre: Any = importlib.import_module("_sre")

            where = cache_folder("regex")
            if where is None:
                return None
            # keyed by this module's own text too: a change to how guards are worked out starts a new file
            with open(__file__, "rb") as handle:
                ours = hashlib.sha256(handle.read()).hexdigest()[:12]
            return where / f"re-{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}-{ours}.json"
        except (ImportError, AttributeError, OSError):  # pragma: no cover - another Python
            return None

    def _load(self) -> dict[str, list[Any]]:
        self._entries = {}
        path = self._file()
        if path is None:
            return self._entries
        try:
            with open(path, encoding="utf-8") as handle:
                entries = json.load(handle)
            if isinstance(entries, dict):
                self._entries = entries
        except (OSError, ValueError):
            pass
        return self._entries

    def get(self, key: str) -> re.Pattern[str] | None:
        entries = self._entries if self._entries is not None else self._load()
        entry = entries.get(key)
        if entry is None:
            return None
        try:
            _sre: Any = importlib.import_module("_sre")
            source, flags, code, groups, groupindex, indexgroup = entry
            compiled: re.Pattern[str] = _sre.compile(source, flags, code, groups, groupindex, tuple(indexgroup))
            return compiled
        except Exception:  # noqa: BLE001 - a damaged entry or another engine: compiled afresh below
            entries.pop(key, None)
            return None

    def compile(self, key: str, source: str, flags: int) -> re.Pattern[str]:
        """`re.compile(source, flags)`, keeping what `_sre.compile` needs for the next run."""
        try:
            _sre: Any = importlib.import_module("_sre")
            parser: Any = importlib.import_module("re._parser")
            compiler: Any = importlib.import_module("re._compiler")
            parsed = parser.parse(source, flags)
            code = compiler._code(parsed, flags)
            groupindex = dict(parsed.state.groupdict)
            indexgroup: list[str | None] = [None] * parsed.state.groups
            for name, index in groupindex.items():
                indexgroup[index] = name
            entry = [source, flags | parsed.state.flags, list(code), parsed.state.groups - 1, groupindex, indexgroup]
            compiled: re.Pattern[str] = _sre.compile(*entry[:5], tuple(indexgroup))
            if _VERIFY and compiled != re.compile(source, flags):
                raise ValueError(source)
        except re.error:
            raise
        except Exception:  # noqa: BLE001 - private modules of another Python: the plain way
            return re.compile(source, flags)
        entries = self._entries if self._entries is not None else self._load()
        if len(entries) >= self._LIMIT:
            entries.clear()
        entries[key] = entry
        if not self._learned:
            self._learned = True
            atexit.register(self.save)
        return compiled

    def save(self) -> None:
        """Write what this process learned (with what the file held), atomically; silently not where impossible."""
        path = self._file()
        if path is None or not self._entries:
            return
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                with open(path, encoding="utf-8") as handle:
                    on_disk = json.load(handle)
            except (OSError, ValueError):
                on_disk = {}
            merged = {**on_disk, **self._entries} if isinstance(on_disk, dict) else dict(self._entries)
            if len(merged) > self._LIMIT:
                merged = dict(self._entries)
            temporary.write_text(json.dumps(merged, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
            os.replace(temporary, path)
        except (OSError, TypeError, ValueError):
            try:
                temporary.unlink()
            except OSError:
                pass


_VERIFY = False  # tests set it: every pattern compiled by the cache's way is checked against re.compile
_COMPILED = _CompiledCache()


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


def finditer_alternation(patterns: Sequence[re.Pattern[str]], text: str) -> Iterator[re.Match[str]]:
    """The matches `finditer` gives for the alternation of `patterns` (`A|B|…`: at each position the first
    pattern that matches there wins), each pattern searched on its own. So a pattern built from one document's
    words (its title's name) is compiled small, beside large constant ones compiled once, instead of all of
    them compiled again into one pattern for each document (tens of milliseconds a report).

    A pattern's search from a position finds the same match at the same start as from any earlier position
    with no match between (lookbehinds see the whole text), so a match found ahead is kept until the scan
    passes it. The patterns never match the empty string (a match of nothing would end the scan there)."""
    found = [pattern.search(text) for pattern in patterns]
    pos = 0
    while True:
        first: re.Match[str] | None = None
        for k, m in enumerate(found):
            if m is not None and m.start() < pos:
                m = found[k] = patterns[k].search(text, pos)
            if m is not None and (first is None or m.start() < first.start()):  # (a tie: the earlier pattern's)
                first = m
        if first is None:
            return
        assert first.end() > first.start(), first.re.pattern
        yield first
        pos = first.end()
