"""JSON Pointers (RFC 6901) with `*` standing for every item of an array or object.

Rules address report fields by pointer. A rule over `/projects/*/score` runs once per project; a second
pointer of the same rule that shares the starred prefix (`/projects/*/max_score`) is bound to the same
project, and any star left over (`/projects/*/indicators/*/score`) ranges over that project's items.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterator

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
    yield from _expand(document, _split(pointer), 0, "")


def _expand(node: Any, tokens: tuple[str, ...], position: int, prefix: str) -> Iterator[tuple[str, Any]]:
    if node is MISSING or node is None:
        return
    if position == len(tokens):
        yield prefix, node
        return
    head = tokens[position]
    if head == WILDCARD:
        if isinstance(node, list):
            for index, child in enumerate(node):
                yield from _expand(child, tokens, position + 1, f"{prefix}/{index}")
        elif isinstance(node, dict):
            for key, child in node.items():
                yield from _expand(child, tokens, position + 1, f"{prefix}/{escape(key)}")
        return
    yield from _expand(_step(node, head), tokens, position + 1, f"{prefix}/{escape(head)}")


def star_values(pattern: str, concrete: str) -> list[tuple[list[str], str]]:
    """For each star of `pattern`, the prefix before it and the token `concrete` has in its place."""
    pattern_tokens, concrete_tokens = split(pattern), split(concrete)
    bound = []
    for position, token in enumerate(pattern_tokens):
        if token == WILDCARD:
            bound.append((pattern_tokens[:position], concrete_tokens[position]))
    return bound


def bind(pattern: str, stars: list[tuple[list[str], str]]) -> str:
    """Fill the stars of `pattern` whose prefix (as written) is the prefix of a star already bound."""
    tokens = split(pattern)
    out: list[str] = []
    for position, token in enumerate(tokens):
        if token == WILDCARD:
            prefix = tokens[:position]
            match = next((value for bound_prefix, value in stars if bound_prefix == prefix), None)
            out.append(match if match is not None else WILDCARD)
        else:
            out.append(token)
    return join(out)
