"""Collecting extracted values into a report: each value with its provenance, the first statement of a
figure kept, a second statement with a different value recorded as a conflict."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from typing import Any

from jixiao.kit import MISSING, Location, resolve

from .normalize import Stream


@dataclass(slots=True)
class Conflict:
    pointer: str
    first: Any
    second: Any
    first_location: Location
    second_location: Location


ANCHORED = 10  # a value whose statement names its subject outright; only two of these can conflict


class ReportBuilder:
    def __init__(self, stream: Stream):
        self.stream = stream
        self.report: dict[str, Any] = {"kind": "department_self_evaluation"}
        self.provenance: dict[str, dict[str, Any]] = {}
        self.conflicts: list[Conflict] = []
        self.weak: dict[str, int] = {}  # pointers whose value was read without an explicit subject: its strength

    def has(self, pointer: str) -> bool:
        return pointer in self.provenance

    def get(self, pointer: str) -> Any:
        value = resolve(self.report, pointer)
        return None if value is MISSING else value

    def set(self, pointer: str, value: Any, start: int, end: int, anchored: bool = True, strength: int | None = None) -> bool:
        """Record a value stated at stream[start:end]. A figure already read keeps its first value. A
        different second value is a conflict only when both statements name their subject outright
        (`anchored`: 部门整体…, 项目支出…): the same figure of the same subject. A value read without an
        explicit subject gives way to one read with it, and is never half of a conflict: reports state
        many figures under one label for different subjects. `strength` ranks the readings (the reader's
        scale; ANCHORED and above names the subject outright); the surer reading of a figure wins.
        Returns whether the value was stored."""
        level = strength if strength is not None else (ANCHORED if anchored else 0)
        location = self.stream.location_dict(start, end)
        if pointer in self.provenance:
            old = self.get(pointer)
            held = self.weak.get(pointer, ANCHORED)
            if _same(old, value):
                if level > held:
                    self._hold(pointer, level)
                return False
            finer = _finer_restatement(old, value)
            if finer is not None:  # one is the other rounded (18,736.52万元, 1.87亿元): the same figure, kept precise
                self._hold(pointer, max(level, held))
                if finer is value:
                    self._store(pointer, value)
                    self.provenance[pointer] = location
                    return True
                return False
            if level >= ANCHORED and held >= ANCHORED:
                self.conflicts.append(Conflict(pointer, old, value, Location.from_dict(self.provenance[pointer]),
                                               Location.from_dict(location)))
            elif level > held:
                self._hold(pointer, level)
                self._store(pointer, value)
                self.provenance[pointer] = location
                return True
            return False
        self._hold(pointer, level)
        self._store(pointer, value)
        self.provenance[pointer] = location
        return True

    def _hold(self, pointer: str, level: int) -> None:
        if level >= ANCHORED:
            self.weak.pop(pointer, None)
        else:
            self.weak[pointer] = level

    def _store(self, pointer: str, value: Any) -> None:
        parts = pointer.strip("/").split("/")
        node: Any = self.report
        for part, following in pairwise(parts):
            if isinstance(node, list):
                index = int(part)
                while len(node) <= index:
                    node.append({})
                node = node[index]
                continue
            if part not in node:
                node[part] = [] if following.isdigit() else {}
            node = node[part]
        last = parts[-1]
        if isinstance(node, list):
            index = int(last)
            while len(node) <= index:
                node.append({})
            node[index] = value
        else:
            node[last] = value

    def locate(self, pointer: str, start: int, end: int) -> None:
        """Record only where a value stood (for values stored by the caller)."""
        self.provenance[pointer] = self.stream.location_dict(start, end)

    def finish(self) -> dict[str, Any]:
        if self.provenance:
            self.report["provenance"] = dict(sorted(self.provenance.items()))
        return self.report


def add_places(report: dict[str, Any], places: dict[str, Any]) -> None:
    """Add the places of values put into a finished report to its provenance, kept in pointer order."""
    if places:
        report["provenance"] = dict(sorted({**report.get("provenance", {}), **places}.items()))


def _finer_restatement(a: Any, b: Any) -> Any:
    """Of two amounts where one is the other rounded to the precision it is stated at (18,736.52万元 and 1.87亿元,
    the latter 18,700 ± 50), the more precise; None when they are not so (or not both stated numbers)."""
    if not (isinstance(a, Decimal) and isinstance(b, Decimal)) or not (a.is_finite() and b.is_finite()):
        return None
    ea, eb = a.as_tuple().exponent, b.as_tuple().exponent
    if not isinstance(ea, int) or not isinstance(eb, int) or ea == eb:
        return None
    coarse, fine = (a, b) if ea > eb else (b, a)
    half = Decimal(5).scaleb(max(ea, eb) - 1)  # half a unit in the coarser one's last place
    return fine if abs(coarse - fine) <= half else None


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return a == b
    return bool(a == b)  # its one caller tests it with `if`: the same truth value
