"""JSON reports: decimals kept as stated, invalid numbers refused, and positions found on demand."""

from __future__ import annotations

import bisect
import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from . import pointer as jp
from .errors import InputError
from .numbers import MAX_DECIMALS
from .yamlsafe import Position

MAX_MAGNITUDE = 18  # no amount in 万元 or percentage has more than 18 integer digits


class _BadNumber(ValueError):
    pass


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _parse_float(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:  # pragma: no cover - json only passes valid numerals
        raise _BadNumber(text) from None
    if not value.is_finite() or (value != 0 and value.adjusted() > MAX_MAGNITUDE) or value.as_tuple().exponent < -MAX_DECIMALS:
        raise _BadNumber(text)
    return value


def _reject_constant(name: str) -> Any:
    raise _BadNumber(name)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return result


def load_json(text: str, path: str) -> Any:
    try:
        return json.loads(text, parse_float=_parse_float, parse_constant=_reject_constant,
                          object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise InputError(path, exc.lineno, exc.colno, exc.msg, key="json_syntax") from None
    except _BadNumber as exc:
        line, column = _find(text, str(exc))
        raise InputError(path, line, column, f"'{str(exc)[:40]}' is not a finite decimal number of at most {MAX_MAGNITUDE} "
                                             f"integer digits and {MAX_DECIMALS} decimals",
                         key="bad_number") from None
    except _DuplicateKey as exc:
        line, column = _find(text, json.dumps(exc.key, ensure_ascii=False), occurrence=2)
        raise InputError(path, line, column, exc.key, key="duplicate_key", name=exc.key) from None
    except ValueError as exc:  # an integer literal beyond Python's digit limit
        raise InputError(path, None, None, str(exc), key="bad_number") from None
    except RecursionError:
        raise InputError(path, None, None, "JSON nested too deeply", key="too_deep") from None


def read_json_file(path: str) -> Any:
    """A small JSON side file (a baseline, another tool's SARIF log): plain JSON, errors as InputError."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise InputError(path, None, None, exc.strerror or str(exc)) from None
    except UnicodeDecodeError as exc:
        raise InputError(path, None, None, f"not UTF-8 ({exc.reason})", key="encoding") from None
    except json.JSONDecodeError as exc:
        raise InputError(path, exc.lineno, exc.colno, exc.msg, key="json_syntax") from None


def _find(text: str, needle: str, occurrence: int = 1) -> tuple[int | None, int | None]:
    index = -1
    for _ in range(occurrence):
        index = text.find(needle, index + 1)
        if index < 0:
            return None, None
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


_SPACE = re.compile(r"[ \t\n\r]*")
_SKIPPER = json.JSONDecoder()


class JsonPositions:
    """JSON Pointer → position of the value in the JSON text, found when asked (only findings need
    places). Walks the pointer's path, letting the C decoder skip every value not on it."""

    def __init__(self, text: str):
        self._text = text
        self._found: dict[str, Position | None] = {}
        self._line_starts: list[int] | None = None

    def get(self, pointer: str, default: Any = None) -> Any:
        if pointer not in self._found:
            offset = _locate(self._text, jp.split(pointer))
            self._found[pointer] = None if offset is None else self._position(offset)
        found = self._found[pointer]
        return default if found is None else found

    def _position(self, offset: int) -> Position:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self._text)]
        line = bisect.bisect_right(self._line_starts, offset)
        return Position(line, offset - self._line_starts[line - 1] + 1)


def _locate(text: str, tokens: list[str]) -> int | None:
    """Offset of the value at `tokens` in valid JSON text, or None where it is not there."""
    try:
        position = _SPACE.match(text, 0).end()
        for token in tokens:
            opener = text[position]
            if opener == "{":
                position = _member(text, position, token)
            elif opener == "[" and token.isdigit():
                position = _item(text, position, int(token))
            else:
                return None
            if position is None:
                return None
        return position
    except (ValueError, IndexError):
        return None


def _member(text: str, position: int, wanted: str) -> int | None:
    position = _SPACE.match(text, position + 1).end()
    while text[position] != "}":
        key, position = _SKIPPER.raw_decode(text, position)
        position = _SPACE.match(text, position).end() + 1  # the colon
        position = _SPACE.match(text, position).end()
        if key == wanted:
            return position
        position = _SPACE.match(text, _SKIPPER.raw_decode(text, position)[1]).end()
        if text[position] == ",":
            position = _SPACE.match(text, position + 1).end()
    return None


def _item(text: str, position: int, wanted: int) -> int | None:
    position = _SPACE.match(text, position + 1).end()
    index = 0
    while text[position] != "]":
        if index == wanted:
            return position
        position = _SPACE.match(text, _SKIPPER.raw_decode(text, position)[1]).end()
        if text[position] == ",":
            position = _SPACE.match(text, position + 1).end()
        index += 1
    return None


def dumps(value: Any, indent: int = 2) -> str:
    """JSON text in which every Decimal is written as a number with its stated precision (49.90 stays 49.90)."""
    out: list[str] = []
    _dump(value, out, indent, 0)
    return "".join(out)


def _dump(value: Any, out: list[str], indent: int, level: int) -> None:
    pad, inner = "\n" + " " * (indent * level), "\n" + " " * (indent * (level + 1))
    if isinstance(value, Decimal):
        # 1.23E+4 (a figure stated in 亿元) stays in exponent form: plain 12300 would claim more precision
        out.append(str(value) if value.as_tuple().exponent > 0 else format(value, "f"))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        out.append("{")
        for index, (key, item) in enumerate(value.items()):
            out.append(("," if index else "") + inner + json.dumps(str(key), ensure_ascii=False) + ": ")
            _dump(item, out, indent, level + 1)
        out.append(pad + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        out.append("[")
        for index, item in enumerate(value):
            out.append(("," if index else "") + inner)
            _dump(item, out, indent, level + 1)
        out.append(pad + "]")
    elif hasattr(value, "isoformat"):
        out.append(json.dumps(value.isoformat()))
    else:
        out.append(json.dumps(value, ensure_ascii=False))
