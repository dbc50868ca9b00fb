"""JSON reports: decimals kept as stated, invalid numbers refused, and positions found on demand."""

from __future__ import annotations

import bisect
import json
import re
from itertools import accumulate, repeat
from operator import add
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, cast

from . import pointer as jp
from .errors import InputError
from .numbers import LIMITS_TEXT, MAX_DECIMALS, MAX_MAGNITUDE, plausible
from .text_safety import safe_data
from .yamlsafe import Position



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
    if not plausible(value):
        raise _BadNumber(text)
    return value


def _parse_int(text: str) -> int:
    """Integers under the same cap as decimals: at most 19 digits (a 4,001-digit literal is refused
    before Python spends time converting it)."""
    if len(text) - text.startswith("-") > MAX_MAGNITUDE + 1:
        raise _BadNumber(text)
    return int(text)


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


# Each byte as the shape of a number sees it: a digit is 0, a point is ., an exponent mark is e.
_SHAPES = bytes(ord("0") if chr(b).isdigit() and b < 128 else ord(".") if b == ord(".")
                else ord("e") if b in b"eE" else ord(" ") for b in range(256))
_LONG_INTEGER = b"0" * (MAX_MAGNITUDE + 2)  # more integer digits than any plausible number has
_LONG_FRACTION = b"." + b"0" * (MAX_DECIMALS + 1)  # more decimals


def _plain_numbers(text: str) -> bool:
    """Whether every number the text can hold is certainly plausible (numbers.plausible) and within the
    integer cap: no run of 20 digits, no point followed by 13 digits, no digit followed by an exponent
    mark, anywhere (strings included: a text that has one is only loaded the careful way)."""
    shape = text.encode("utf-8", "surrogatepass").translate(_SHAPES)
    return _LONG_INTEGER not in shape and _LONG_FRACTION not in shape and b"0e" not in shape


def load_json(text: str, path: str) -> Any:
    """A JSON report: numbers with a fraction as Decimal, as stated; a number no report could state, a
    duplicate key, NaN or Infinity refused with its place (InputError)."""
    try:
        plain = _plain_numbers(text)  # then no number needs a look of its own: Decimal and int straight from C
        return json.loads(text, parse_float=Decimal if plain else _parse_float, parse_int=None if plain else _parse_int,
                          parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise InputError(path, exc.lineno, exc.colno, exc.msg, key="json_syntax") from None
    except _BadNumber as exc:
        line, column = _find(text, str(exc))
        raise InputError(path, line, column, f"'{str(exc)[:40]}' is not {LIMITS_TEXT}",
                         key="bad_number") from None
    except _DuplicateKey as exc:
        line, column = _find(text, json.dumps(exc.key, ensure_ascii=False), occurrence=2)
        raise InputError(path, line, column, exc.key, key="duplicate_key", name=exc.key) from None
    except ValueError as exc:  # an integer literal beyond Python's digit limit
        raise InputError(path, None, None, str(exc), key="bad_number") from None
    except RecursionError:
        raise InputError(path, None, None, "JSON nested too deeply", key="too_deep") from None


def read_json_file(path: str) -> Any:
    """A small JSON side file (a baseline, another tool's SARIF log): plain JSON, errors as InputError;
    integers under the report cap, nesting under the recursion limit, every string made writable
    (`text_safety.safe_data`: a lone surrogate escape becomes visible text)."""
    try:
        return safe_data(json.loads(Path(path).read_text(encoding="utf-8-sig"), parse_int=_parse_int))
    except _BadNumber as exc:
        raise InputError(path, None, None, f"'{str(exc)[:40]}' is not {LIMITS_TEXT}", key="bad_number") from None
    except RecursionError:
        raise InputError(path, None, None, "JSON nested too deeply", key="too_deep") from None
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


class JsonPositions:
    """JSON Pointer → position of the value in the JSON text, found when asked (only findings need
    places). Walks the pointer's path, letting the C decoder skip every value not on it, and remembers
    how far each container was read, so asking for every item of a long array stays linear.

    Given the document the text was parsed into (`document`), a member whose key is written once in the
    whole text is found by searching for that key instead (see `_unique_member`)."""

    def __init__(self, text: str, document: Any = None):
        self._text = text
        self._document = document
        # keys are written as they read (no \u or \/ escape anywhere): a key is found by its own text
        self._plain_keys = document is not None and "\\u" not in text and "\\/" not in text
        self._keys: dict[str, int | None] = {}  # key → where its value starts, when written once as a key
        self._offsets: dict[str, int | None] = {}
        self._progress: dict[str, list[int]] = {}  # container pointer → [resume offset, next index, finished]

    def detach(self) -> None:
        """The document may now differ from the text (a plugin enriches it in place): find every place by
        walking the text alone, so a member added to the document is never placed at a namesake."""
        self._document, self._plain_keys = None, False

    def get(self, pointer: str, default: Any = None) -> Any:
        try:
            offset = self._offset(pointer)
        except (ValueError, IndexError):  # not valid JSON after all: no position
            offset = None
        return default if offset is None else self._position(offset)

    def _offset(self, pointer: str) -> int | None:
        if pointer in self._offsets:
            return self._offsets[pointer]
        if pointer == "":
            offset: int | None = _SPACE_AT(self._text, 0).end()
        else:
            parent, _, token = pointer.rpartition("/")
            offset = self._unique_member(parent, token) if self._plain_keys else None
            if offset is None:
                start = self._offset(parent)
                offset = None if start is None else self._child(parent, start, token)
        self._offsets[pointer] = offset
        return offset

    def _unique_member(self, parent: str, token: str) -> int | None:
        """Where the value of member `token` of the object at `parent` starts, when the document has that
        member and its key is written as a key exactly once in the whole text (then that one is it); None
        when that cannot be told this way (the walk then finds it).

        Sound because the text is valid JSON without \\u or \\/ escapes: a key equal to `token` (which
        holds no quote, backslash or control character) is written `"token"`; inside a string that
        closing quote would have to be escaped, so an unescaped `"token"` followed by a colon is a key."""
        try:
            found = self._keys[token]
        except KeyError:
            found = self._keys[token] = self._written_once(token)
        if found is None:
            return None
        node = self._document if not parent else jp.resolve(self._document, parent)
        return found if isinstance(node, dict) and token in node else None

    def _written_once(self, token: str) -> int | None:
        """Where the value of the one member whose key is `token` starts; None when that key is written
        as a key more than once, or never, or a token that may be written otherwise."""
        if not token or token.isdigit() or not token.isprintable() or '"' in token or "\\" in token or "~" in token:
            return None  # (digits: mostly an array's index, never searched for through the whole text)
        text, needle = self._text, '"' + token + '"'
        found = None
        start = text.find(needle)
        while start >= 0:
            after = _SPACE_AT(text, start + len(needle)).end()
            if after < len(text) and text[after] == ":":
                if found is not None or text[start - 1:start] == "\\":
                    return None  # twice (then the walk tells which), or a quote escaped before it
                found = _SPACE_AT(text, after + 1).end()
            start = text.find(needle, start + 1)
        return found

    def _child(self, parent: str, start: int, token: str) -> int | None:
        """Read the container at `start` on from where it was left until `token` turns up. A key without
        escapes and a scalar value are each stepped over by one regular expression; a nested container (or
        anything unusual) by the C decoder."""
        found: re.Match[str] | None  # a member of a flat row, then a key or a scalar, which may not match
        text = self._text
        opener = text[start]
        if opener not in "{[":
            return None
        state = self._progress.get(parent)
        if state is None:
            if opener == "{" and parent[-1:].isdigit():  # a row of a table, all scalars: every cell found in one go
                flat = _FLAT_OBJECT.match(text, start)
                if flat is not None:
                    offsets = self._offsets
                    count = 0
                    for found in _MEMBER.finditer(text, start + 1, flat.end() - 1):
                        key = found.group(1)
                        child = parent + "/" + (jp.escape(key) if ("~" in key or "/" in key) else key)
                        if child not in offsets:
                            offsets[child] = found.start(2)
                        count += 1
                    self._progress[parent] = [flat.end() - 1, count, True]
                    return offsets.get(parent + "/" + token)
            state = self._progress[parent] = [_SPACE_AT(text, start + 1).end(), 0, False]
        closer = "}" if opener == "{" else "]"
        is_object = opener == "{"
        offsets = self._offsets
        prefix = parent + "/"
        member, scalar, space = _MEMBER.match, _SCALAR.match, _SPACE_AT
        while not state[2]:
            position = state[0]
            if text[position] == closer:
                state[2] = True
                break
            value_end = None
            if is_object:
                found = member(text, position)
                if found is not None:  # the key, its colon and, where it is a scalar, the value
                    key = found.group(1)
                    if found.start(2) >= 0:
                        position, value_end = found.start(2), found.end()
                    else:
                        position = found.end()
                else:  # a key with escapes
                    key, position = _SKIPPER.raw_decode(text, position)
                    position = space(text, space(text, position).end() + 1).end()  # past the colon
                name = jp.escape(key) if ("~" in key or "/" in key) else key
            else:
                name = str(state[1])
            child = prefix + name
            if child not in offsets:
                offsets[child] = position
            if value_end is not None:
                position = value_end
            else:
                found = scalar(text, position)
                if found is not None:
                    position = found.end()
                else:
                    try:  # a nested container: the C scanner steps over it
                        position = space(text, _SCAN(text, position)[1]).end()
                    except StopIteration:
                        raise ValueError("not JSON") from None
                    if text[position] == ",":
                        position = space(text, position + 1).end()
            state[0], state[1] = position, state[1] + 1
            if name == token:
                return offsets[child]
        return offsets.get(prefix + token)

    def _position(self, offset: int) -> Position:
        # a small report has few findings: counting newlines for each (in C) beats indexing every line;
        # in a large one (counting costs microseconds per kilobyte), or past a few findings, the lines are
        # indexed once (in C: split, lengths, running sum) and bisected, so placing n findings stays
        # O(n log n) instead of O(n × size)
        self._asked = getattr(self, "_asked", 0) + 1
        if self._asked <= _COUNT_BEFORE_INDEX and len(self._text) <= _INDEX_ABOVE:
            line_start = self._text.rfind("\n", 0, offset) + 1
            return Position(self._text.count("\n", 0, offset) + 1, offset - line_start + 1)
        starts = getattr(self, "_line_starts", None)
        if starts is None:  # starts[k]: the offset just after the k-th newline (the last entry is past the end)
            starts = self._line_starts = list(accumulate(map(add, map(len, self._text.split("\n")), repeat(1))))
        before = bisect.bisect_right(starts, offset)  # newlines before the offset
        line_start = starts[before - 1] if before else 0
        return Position(before + 1, offset - line_start + 1)


_SPACE = re.compile(r"[ \t\n\r]*")
# it matches the empty string, so its match never fails (never None)
_SPACE_AT = cast("Callable[[str, int], re.Match[str]]", _SPACE.match)
# a scalar value without escapes (the text was decoded already, so it is valid JSON), then the space and
# the comma after it
_SCALAR_TEXT = r'(?:"[^"\\]*"|-?[0-9][0-9.eE+-]*|true|false|null)[ \t\n\r]*(?:,[ \t\n\r]*)?'
_SCALAR = re.compile(_SCALAR_TEXT)
# a key without escapes, its colon and, where it is one, the scalar value (group 2)
_MEMBER = re.compile(r'"([^"\\]*)"[ \t\n\r]*:[ \t\n\r]*(' + _SCALAR_TEXT + ')?')
# an object whose keys have no escapes and whose values are all such scalars (possessive: an object that
# is not one fails at its first container, without backtracking)
_FLAT_OBJECT = re.compile(r'\{[ \t\n\r]*+(?>"[^"\\]*+"[ \t\n\r]*+:[ \t\n\r]*+'
                          r'(?>"[^"\\]*+"|-?[0-9][0-9.eE+-]*+|true|false|null)[ \t\n\r]*+(?:,[ \t\n\r]*+)?+)*+\}')
_NEWLINE = re.compile("\n")
_COUNT_BEFORE_INDEX = 8
_INDEX_ABOVE = 16384  # characters: a larger text is indexed on the first position asked
_SKIPPER = json.JSONDecoder()
# what raw_decode calls, without its frame (set by JSONDecoder.__init__, missing from typeshed's stub)
_SCAN: Callable[[str, int], tuple[Any, int]] = _SKIPPER.scan_once  # type: ignore[attr-defined]


def dumps(value: Any, indent: int = 2) -> str:
    """JSON text in which every Decimal is written as a number with its stated precision (49.90 stays 49.90)."""
    out: list[str] = []
    _dump(value, out, indent, 0)
    return "".join(out)


def _dump(value: Any, out: list[str], indent: int, level: int) -> None:
    pad, inner = "\n" + " " * (indent * level), "\n" + " " * (indent * (level + 1))
    if isinstance(value, Decimal):
        # 1.23E+4 (a figure stated in 亿元) stays in exponent form: plain 12300 would claim more precision
        # (a report's decimals are finite: only NaN and infinities have a non-int exponent)
        out.append(str(value) if cast(int, value.as_tuple().exponent) > 0 else format(value, "f"))
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
