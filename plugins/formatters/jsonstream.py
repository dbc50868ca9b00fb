"""Writing one large JSON document piece by piece, byte for byte what `json.dump(..., indent=2)` writes.

The document is built small, with `Items(iterable)` standing for a long array (written item by item as
the iterable yields them) and `Later(function)` for a value known only once what comes before it is
written (a summary counted while the items streamed). Each item is encoded on its own and indented
to its place: JSON strings never hold a raw newline, so re-indenting an item's lines is exact.
"""

from __future__ import annotations

import json
import re
from typing import Any, TextIO
from collections.abc import Callable, Iterable

_MARK = "\ue000jixiao-json-{}\ue000"
_MARKS = re.compile('"\ue000jixiao-json-(\\d+)\ue000"')


class Items:
    """An array written as its iterable yields; `[]` when it yields nothing."""

    def __init__(self, items: Iterable[Any]):
        self.items = items


class Later:
    """A value asked for (`function()`) only when the writing reaches it."""

    def __init__(self, function: Callable[[], Any]):
        self.function = function


def dump(document: Any, stream: TextIO, indent: int = 2, **options: Any) -> None:
    """`json.dump(document, stream, ensure_ascii=False, indent=indent, **options)` with `Items` and
    `Later` values filled in as they are reached (nowhere but as values of dicts and lists)."""
    fills: list[Items | Later] = []

    def mark(value: Any) -> Any:
        if isinstance(value, (Items, Later)):
            fills.append(value)
            return _MARK.format(len(fills) - 1)
        if isinstance(value, dict):
            return {key: mark(item) for key, item in value.items()}
        if isinstance(value, list):
            return [mark(item) for item in value]
        return value

    skeleton = json.dumps(mark(document), ensure_ascii=False, indent=indent, **options)
    position = 0
    for found in _MARKS.finditer(skeleton):
        before = skeleton[position:found.start()]
        stream.write(before)
        line = skeleton[skeleton.rfind("\n", 0, found.start()) + 1:found.start()]
        pad = line[:len(line) - len(line.lstrip(" "))]  # the indentation of the line the value is on
        fill = fills[int(found.group(1))]
        if isinstance(fill, Items):
            _array(fill.items, stream, pad, indent, options)
        else:
            stream.write(_encode(fill.function(), pad, indent, options))
        position = found.end()
    stream.write(skeleton[position:])


def _encode(value: Any, pad: str, indent: int, options: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent, **options).replace("\n", "\n" + pad)


def _array(items: Iterable[Any], stream: TextIO, pad: str, indent: int, options: dict[str, Any]) -> None:
    inner = pad + " " * indent
    separator = "[\n" + inner
    for item in items:
        stream.write(separator)
        stream.write(_encode(item, inner, indent, options))
        separator = ",\n" + inner
    stream.write("[]" if separator.startswith("[") else "\n" + pad + "]")
