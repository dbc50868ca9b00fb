"""Writing one large JSON document piece by piece, byte for byte what `json.dump(..., indent=2)` writes.

The document is built small, with `Items(iterable)` standing for a long array (written item by item as
the iterable yields them) and `Later(function)` for a value known only once what comes before it is
written (a summary counted while the items streamed). Each item is encoded on its own and indented
to its place: JSON strings never hold a raw newline, so re-indenting an item's lines is exact.
"""

from __future__ import annotations

import functools
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
    return dumps(value, indent, options).replace("\n", "\n" + pad)


# orjson writes every float as json does (repr) but those under 1e-4 in size: 4.5e-05 becomes
# 0.000045 and 1e-07 becomes 1e-7. An encoding holding either form (or a string that looks like one:
# only slower) is redone by json. NaN and infinity never get here (`text_safety.safe_data`).
_SMALL_EXPONENT = re.compile(r"e-\d")


def _small_float(encoded: str) -> bool:
    return "0.0000" in encoded or _SMALL_EXPONENT.search(encoded) is not None


@functools.cache
def _orjson() -> tuple[Callable[..., bytes], int] | None:
    """orjson's dumps and the options that make it write json's bytes (None without orjson: json alone is
    correct, only slower); imported on first use."""
    try:
        import orjson
    except ImportError:  # pragma: no cover - orjson is a dependency
        return None
    return orjson.dumps, (orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_SUBCLASS | orjson.OPT_PASSTHROUGH_DATACLASS
                          | orjson.OPT_PASSTHROUGH_DATETIME)


def _refuse(value: Any) -> Any:
    raise TypeError


def dumps(value: Any, indent: int = 2, options: dict[str, Any] | None = None) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=indent, **options)`, byte for byte, by orjson's
    C encoder where the two agree (two-space indent, no key sorting; no float under 1e-4 in size, no
    subclass of str, int, dict or list, no type json would refuse or convert), by json otherwise."""
    options = options or {}
    fast = _orjson() if indent == 2 and set(options) <= {"sort_keys"} and not options.get("sort_keys") else None
    if fast is not None:
        try:
            encoded: str = fast[0](value, default=_refuse, option=fast[1]).decode("utf-8")
        except TypeError:  # (orjson.JSONEncodeError is a TypeError)
            pass
        else:
            if not _small_float(encoded):
                return encoded
    return json.dumps(value, ensure_ascii=False, indent=indent, **options)


def _array(items: Iterable[Any], stream: TextIO, pad: str, indent: int, options: dict[str, Any]) -> None:
    inner = pad + " " * indent
    separator = "[\n" + inner
    for item in items:
        stream.write(separator)
        stream.write(_encode(item, inner, indent, options))
        separator = ",\n" + inner
    stream.write("[]" if separator.startswith("[") else "\n" + pad + "]")
