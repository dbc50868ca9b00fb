"""JSON Pointers (RFC 6901) with `*` standing for every item of an array or object.

Rules address report fields by pointer. A rule over `/projects/*/score` runs once per project; a second
pointer of the same rule that shares the starred prefix (`/projects/*/max_score`) is bound to the same
project, and any star left over (`/projects/*/indicators/*/score`) ranges over that project's items.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from collections.abc import Iterator

WILDCARD = "*"


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()


def split(pointer: str) -> list[str]:
    return list(_split(pointer))


@lru_cache(maxsize=8192)
def _split(pointer: str) -> tuple[str, ...]:
    if pointer == "":
        return ()
    if not pointer.startswith("/"):
        raise ValueError(f"JSON Pointer must start with '/': {pointer!r}")
    if "~" not in pointer:
        return tuple(pointer[1:].split("/"))
    return tuple(token.replace("~1", "/").replace("~0", "~") for token in pointer[1:].split("/"))


def escape(token: str) -> str:
    token = str(token)
    if "~" in token or "/" in token:
        return token.replace("~", "~0").replace("/", "~1")
    return token


def join(tokens: list[str]) -> str:
    return "".join("/" + escape(t) for t in tokens)


def _step(node: Any, token: str) -> Any:
    if type(node) is dict or isinstance(node, dict):
        return node.get(token, MISSING)
    if isinstance(node, list):
        if token.isdigit() and (token == "0" or not token.startswith("0")):
            index = int(token)
            return node[index] if index < len(node) else MISSING
        return MISSING
    return MISSING


step = _step  # one token down: the child, or MISSING


def resolve(document: Any, pointer: str) -> Any:
    """The value at a concrete pointer, or MISSING (null counts as missing: nothing was stated)."""
    node = document
    for token in _split(pointer):
        node = _step(node, token)
        if node is MISSING or node is None:
            return MISSING
    return node


def has_wildcard(pointer: str) -> bool:
    return WILDCARD in _split(pointer)


def expand(document: Any, pointer: str) -> Iterator[tuple[str, Any]]:
    """Every (concrete pointer, value) the pattern matches, in document order; missing leaves skipped."""
    return iter(matches(document, pointer))


def matches(document: Any, pointer: str) -> list[tuple[str, Any]]:
    """`expand` as a list, level by level (no recursion, no generator per node): each level keeps
    document order, so the result is in document order."""
    if document is MISSING or document is None:
        return []
    level: list[tuple[str, Any]] = [("", document)]
    for token in _split(pointer):
        found: list[tuple[str, Any]] = []
        if token == WILDCARD:
            for prefix, node in level:
                if isinstance(node, list):
                    for index, child in enumerate(node):
                        if child is not None:
                            found.append((f"{prefix}/{index}", child))
                elif isinstance(node, dict):
                    for key, child in node.items():
                        if child is not None and child is not MISSING:
                            found.append((f"{prefix}/{escape(key)}", child))
        else:
            suffix = "/" + escape(token)
            for prefix, node in level:
                child = _step(node, token)
                if child is not MISSING and child is not None:
                    found.append((prefix + suffix, child))
        if not found:
            return found
        level = found
    return level


def star_matches(document: Any, pointer: str) -> list[tuple[str, Any, tuple[str, ...]]]:
    """`matches`, each with the tokens its stars stand for (as `star_values` reads them from the concrete
    pointer: unescaped), collected on the way down rather than split out of the pointer afterwards."""
    if document is MISSING or document is None:
        return []
    level: list[tuple[str, Any, tuple[str, ...]]] = [("", document, ())]
    for token in _split(pointer):
        found: list[tuple[str, Any, tuple[str, ...]]] = []
        if token == WILDCARD:
            for prefix, node, stars in level:
                if isinstance(node, list):
                    for index, child in enumerate(node):
                        if child is not None:
                            found.append((f"{prefix}/{index}", child, (*stars, str(index))))
                elif isinstance(node, dict):
                    for key, child in node.items():
                        if child is not None and child is not MISSING:
                            key = key if type(key) is str else str(key)
                            found.append((f"{prefix}/{escape(key)}", child, (*stars, key)))
        else:
            suffix = "/" + escape(token)
            for prefix, node, stars in level:
                child = _step(node, token)
                if child is not MISSING and child is not None:
                    found.append((prefix + suffix, child, stars))
        if not found:
            return found
        level = found
    return level


@lru_cache(maxsize=4096)
def star_prefixes(pattern: str) -> tuple[tuple[list[str], ...], tuple[tuple[str, ...], ...]]:
    """Each star's prefix (the pattern's tokens before it, as written), as lists (what `star_values` gives)
    and as tuples."""
    tokens = _split(pattern)
    positions = _stars(pattern)
    return tuple(list(tokens[:p]) for p in positions), tuple(tuple(tokens[:p]) for p in positions)


def star_values(pattern: str, concrete: str) -> list[tuple[list[str], str]]:
    """For each star of `pattern`, the prefix before it and the token `concrete` has in its place."""
    pattern_tokens = _split(pattern)
    concrete_tokens = _split_uncached(concrete)
    return [(list(pattern_tokens[:position]), concrete_tokens[position])
            for position in _stars(pattern)]


@lru_cache(maxsize=8192)
def _stars(pattern: str) -> tuple[int, ...]:
    return tuple(position for position, token in enumerate(_split(pattern)) if token == WILDCARD)


def _split_uncached(pointer: str) -> tuple[str, ...] | list[str]:
    """`split` for a concrete pointer met once (not worth a place in the cache)."""
    if pointer == "":
        return ()
    if not pointer.startswith("/"):
        raise ValueError(f"JSON Pointer must start with '/': {pointer!r}")
    if "~" not in pointer:
        return pointer[1:].split("/")
    return [token.replace("~1", "/").replace("~0", "~") for token in pointer[1:].split("/")]


def bind(pattern: str, stars: list[tuple[list[str], str]]) -> str:
    """Fill the stars of `pattern` whose prefix (as written) is the prefix of a star already bound."""
    if "~" not in pattern and not _stars(pattern):
        return pattern  # nothing to fill: join(split(p)) is p itself
    parts, holes = template(pattern)
    out = list(parts)
    for position, prefix in holes:
        match = next((value for bound_prefix, value in stars if bound_prefix == prefix), None)
        out[position] = "/" + escape(match) if match is not None else "/" + WILDCARD
    return "".join(out)


@lru_cache(maxsize=8192)
def template(pattern: str) -> tuple[tuple[str, ...], tuple[tuple[int, list[str]], ...]]:
    """A pattern's tokens, escaped and with their slash, and each star's place and prefix (as written)."""
    tokens = _split(pattern)
    parts = tuple("/" + escape(token) for token in tokens)
    holes = tuple((position, list(tokens[:position])) for position, token in enumerate(tokens) if token == WILDCARD)
    return parts, holes
