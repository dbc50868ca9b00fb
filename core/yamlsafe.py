"""Safe YAML loading that keeps stated precision and where every value stood.

Only the plain YAML types are built (mappings, sequences, strings, ints, booleans, null); floats become
`Decimal` from their written text, dates stay strings, and any other tag (`!!python/...`) is an error.
Nothing read is ever executed. Aliases are expanded under a node budget, so an alias bomb is an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DEFAULT_MAX_NODES = 1_000_000


@dataclass(frozen=True, slots=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


def nearest(positions: Any, pointer: str) -> Position | None:
    """The position of a pointer, or of its nearest ancestor that has one (a missing key sits in its object)."""
    while True:
        position: Position | None = positions.get(pointer)
        if position is not None:
            return position
        if not pointer:
            return None
        pointer = pointer.rsplit("/", 1)[0]


def load_yaml(text: str, path: str, max_nodes: int = DEFAULT_MAX_NODES,
              key_positions: dict[str, Position] | None = None) -> tuple[Any, dict[str, Position]]:
    """Parse one YAML document into plain data and a map JSON Pointer → position (of the value).
    Given a dict as `key_positions`, it is filled with JSON Pointer → position of the mapping key.
    (The parser, and PyYAML with it, is imported on the first call: a run whose packs all come from the
    cache never loads it.)"""
    from .yamlparse import parse

    return parse(text, path, max_nodes, key_positions)
