"""A batch's results kept on disk rather than in memory, for output formats that need the whole batch.

`jixiao check` streams jsonl as each report is checked. Every other format (text, json, sarif, junit,
html, csv, xlsx) writes once the batch is complete, and some of them read it more than once (a summary
before the reports, the rules a SARIF log lists before its results). Holding every `AuditResult` for
that costs 6–13 KB a report: well over 600 MB for 100,000 reports. `SpilledResults` holds none:

* `append(result)` writes the result onto an anonymous temporary file (a length, then a pickle of
  its fields as plain tuples: about twice as fast to write and read back as pickling the objects)
  and forgets it; the file has no name in any folder (it is unlinked as it is made, on POSIX), so it
  is gone when the process ends, however it ends: an error, Ctrl-C, a kill; a full disk (or
  `TMPDIR` not writable) is an `OutputError` naming the temporary folder, as for the output itself;
* `len()`, iteration (as often as wanted: each pass reads the file again, one result at a time) and
  indexing (`results[i]`, through an 8-byte offset per result) work as on a list;
* `aggregates` counts, as results arrive, what summaries need (`Aggregates`: reports by status,
  findings by severity, by rule and by department), so a summary at the top of an output needs no
  extra pass.

`aggregates(results)` gives the counts for any results: a `SpilledResults`' own, or counted in one
pass over a list. `replayable(results)` makes a one-shot iterable (a generator) something formatters
can read twice.
"""

from __future__ import annotations

import os
import pickle
import struct
import tempfile
from dataclasses import fields, replace
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar, cast, overload

from .model import REPORT_STATUSES, SEVERITIES, AuditBatch, AuditResult, Finding, Location, RuleRun
from .output import _error as output_error

_LENGTH = struct.Struct("<Q")
_READ = 1 << 18  # bytes read back at a time
_WRITE = 1 << 16
_PLAIN, _PICKLED = 0, 1  # a record holds the result's fields as tuples, or (a subclass…) the pickled result
_RESULT_FIELDS = tuple(f.name for f in fields(AuditResult))
_FINDING_FIELDS = tuple(f.name for f in fields(Finding))
_LOCATION_FIELDS = tuple(f.name for f in fields(Location))
_FINDINGS = frozenset({"findings", "suppressed"})
# Finding(*values) and Location(*values) rebuild them: every field is an __init__ argument, in order
_COMPACT = all(f.init for f in (*fields(Finding), *fields(Location)))

# the fields of an entry of `Aggregates.departments`
DEPARTMENT_FIELDS = ("reports", *REPORT_STATUSES, "error", "warning")


class Aggregates:
    """What the summaries of a batch need, counted one result at a time.

    * `reports`; `severities`: findings by severity (error, warning, info, then any other a plugin
      uses, in the order first seen); `statuses`: reports by status (REPORT_STATUSES);
    * `rules`: rule id → severity → [findings, reports with such a finding, the batch-wide index of
      the first such finding], rules in the order first found;
    * `departments`: the department a report names (None: none) → counts in DEPARTMENT_FIELDS order.
    """

    __slots__ = ("reports", "severities", "statuses", "rules", "departments", "_findings")

    def __init__(self) -> None:
        self.reports = 0
        self.severities: dict[str, int] = {severity: 0 for severity in SEVERITIES}
        self.statuses: dict[str, int] = {status: 0 for status in REPORT_STATUSES}
        self.rules: dict[str, dict[str, list[int]]] = {}
        self.departments: dict[str | None, list[int]] = {}
        self._findings = 0

    def add(self, result: AuditResult) -> None:
        self.reports += 1
        status = result.status
        self.statuses[status] += 1
        entry = self.departments.get(result.department)
        if entry is None:
            entry = self.departments[result.department] = [0] * len(DEPARTMENT_FIELDS)
        entry[0] += 1
        entry[1 + REPORT_STATUSES.index(status)] += 1
        seen: set[tuple[str, str]] = set()
        for finding in result.findings:
            severity = finding.severity
            self.severities[severity] = self.severities.get(severity, 0) + 1
            if severity == "error":
                entry[-2] += 1
            elif severity == "warning":
                entry[-1] += 1
            by_severity = self.rules.setdefault(finding.rule_id, {})
            counts = by_severity.get(severity)
            if counts is None:
                counts = by_severity[severity] = [0, 0, self._findings]
            counts[0] += 1
            if (finding.rule_id, severity) not in seen:
                seen.add((finding.rule_id, severity))
                counts[1] += 1
            self._findings += 1

    def summary(self) -> dict[str, int]:
        """`AuditBatch.summary()`: reports, findings by severity, reports by status."""
        extra = {severity: n for severity, n in self.severities.items() if severity not in SEVERITIES}
        return {"reports": self.reports, **{severity: self.severities[severity] for severity in SEVERITIES},
                **self.statuses, **extra}


def aggregates(results: Iterable[AuditResult]) -> Aggregates:
    """The counts of `results`: kept by a `SpilledResults` as it filled, else counted now (one pass)."""
    known = getattr(results, "aggregates", None)
    if isinstance(known, Aggregates):
        return known
    counted = Aggregates()
    for result in results:
        counted.add(result)
    return counted


_Results = TypeVar("_Results", bound=Iterable[AuditResult])


def replayable(results: _Results) -> _Results | SpilledResults:
    """`results` if it can be read more than once (a list, a `SpilledResults`), else its results
    spilled to disk: formatters that read a batch twice may be handed a generator."""
    if iter(results) is not results:
        return results
    spilled = SpilledResults()
    for result in results:
        spilled.append(result)
    return spilled


def counted_once(batch: AuditBatch) -> tuple[Iterable[AuditResult], Callable[[], dict[str, int]]]:
    """The batch's results, to be read once and in order, and a function giving its summary once they have
    been: where the results are a one-shot iterable (what `jixiao check` hands a `one_pass` format), they
    are counted as they pass; otherwise the summary is `batch.summary`."""
    results: Iterable[AuditResult] = batch.results  # (typed a Sequence: a one-pass format may be handed a generator)
    if iter(results) is not results:
        return results, batch.summary
    counted = Aggregates()

    def passing() -> Iterator[AuditResult]:
        for result in results:
            counted.add(result)
            yield result

    return passing(), counted.summary


def replayable_batch(batch: AuditBatch) -> AuditBatch:
    """`batch` itself, or (its results a one-shot iterable) a copy whose results are spilled to disk."""
    results = replayable(batch.results)
    return batch if results is batch.results else replace(batch, results=results)


class _Counted(list[AuditResult]):
    """Results in memory with their `aggregates`, counted once."""

    aggregates: Aggregates


def counted_batch(batch: AuditBatch) -> AuditBatch:
    """`replayable_batch`, its `aggregates(batch.results)` counted once: a formatter that asks for them
    several times (the html summary's tables and charts) counts a list in one pass, not one a table."""
    batch = replayable_batch(batch)
    if isinstance(getattr(batch.results, "aggregates", None), Aggregates):
        return batch
    results = _Counted(batch.results)
    results.aggregates = aggregates(results)
    return replace(batch, results=results)


class SpilledResults(Sequence[AuditResult]):
    """A sequence of `AuditResult`s kept in an anonymous temporary file, never in memory (see the module)."""

    def __init__(self, results: Iterable[AuditResult] = (), folder: str | None = None):
        self._folder = folder or tempfile.gettempdir()
        try:
            self._file: Any = tempfile.TemporaryFile(prefix="jixiao-results-", dir=self._folder, buffering=_WRITE)
        except OSError as exc:
            raise output_error(self._folder, exc) from None
        self._offsets = array("Q")  # where each result's record starts
        self._size = 0  # bytes written (some may still be in the write buffer)
        self.aggregates = Aggregates()
        for result in results:
            self.append(result)

    # -- writing ------------------------------------------------------------------------------------
    def append(self, result: AuditResult) -> None:
        data = _encode(result)
        try:
            self._file.write(_LENGTH.pack(len(data)) + data)
        except OSError as exc:  # a full disk: an OutputError (the output itself is not touched)
            raise output_error(self._folder, exc) from None
        self.aggregates.add(result)
        self._offsets.append(self._size)
        self._size += _LENGTH.size + len(data)

    def extend(self, results: Iterable[AuditResult]) -> None:
        for result in results:
            self.append(result)

    def close(self) -> None:
        """Release the temporary file (it has no name to remove: closing it frees its space)."""
        if not self._file.closed:
            self._file.close()

    def __enter__(self) -> SpilledResults:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown
            pass

    # -- reading --------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._offsets)

    def __iter__(self) -> Iterator[AuditResult]:
        """The results in the order appended, read back one at a time (those there as reading starts)."""
        end = self._size
        offset = 0  # in the file, of the next record; `buffer[start:]` holds the bytes from there on
        buffer, start = b"", 0
        while offset < end:
            if len(buffer) - start < _LENGTH.size:
                buffer, start = buffer[start:] + self._read(offset + len(buffer) - start, end), 0
            (length,) = _LENGTH.unpack_from(buffer, start)
            stop = start + _LENGTH.size + length
            if len(buffer) < stop:
                more = self._read(offset + len(buffer) - start, end, max(_READ, stop - len(buffer)))
                buffer, stop, start = buffer[start:] + more, stop - start, 0
            yield _decode(buffer[start + _LENGTH.size:stop])
            start = stop
            offset += _LENGTH.size + length

    def _read(self, offset: int, end: int, size: int = _READ) -> bytes:
        """Up to `size` bytes from `offset` (never past `end`); the file is left at its end for appending."""
        file = self._file
        wanted = min(size, end - offset)
        try:
            file.seek(offset)  # writes still buffered go out first
            data: bytes = file.read(wanted)
            file.seek(0, os.SEEK_END)
        except OSError as exc:
            raise output_error(self._folder, exc) from None
        if len(data) < wanted:
            raise OSError(f"jixiao: the temporary file of results ended early, at byte {offset + len(data)}")
        return data

    @overload
    def __getitem__(self, index: int) -> AuditResult: ...

    @overload
    def __getitem__(self, index: slice) -> list[AuditResult]: ...

    def __getitem__(self, index: int | slice) -> AuditResult | list[AuditResult]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("SpilledResults index out of range")
        offset = self._offsets[index]
        end = self._offsets[index + 1] if index + 1 < len(self) else self._size
        record = self._read(offset, end, end - offset)
        return _decode(record[_LENGTH.size:])

    def __repr__(self) -> str:
        return f"<SpilledResults: {len(self)} results, {self._size} bytes on disk>"


# -- the records ----------------------------------------------------------------------------------
def _encode(result: AuditResult) -> bytes:
    if _COMPACT and type(result) is AuditResult:
        try:
            return pickle.dumps((_PLAIN, tuple(_plain(name, getattr(result, name)) for name in _RESULT_FIELDS)),
                                protocol=pickle.HIGHEST_PROTOCOL)
        except _NotPlain:
            pass
    return pickle.dumps((_PICKLED, result), protocol=pickle.HIGHEST_PROTOCOL)


class _NotPlain(Exception):
    """A finding or location of a type of its own (a plugin's subclass): the result is pickled whole."""


def _plain(name: str, value: Any) -> Any:
    if name in _FINDINGS:
        return [_plain_finding(finding) for finding in value]
    if name == "rule_runs":
        return [tuple(run) for run in value]
    return value


def _plain_finding(finding: Finding) -> tuple[Any, ...]:
    if type(finding) is not Finding:
        raise _NotPlain
    return tuple(_plain_location(value) if name == "location" else
                 [_plain_location(place) for place in value] if name == "related" else value
                 for name, value in zip(_FINDING_FIELDS, (getattr(finding, n) for n in _FINDING_FIELDS), strict=True))


def _plain_location(location: Location | None) -> tuple[Any, ...] | None:
    if location is None:
        return None
    if type(location) is not Location:
        raise _NotPlain
    return tuple(getattr(location, name) for name in _LOCATION_FIELDS)


def _decode(data: bytes) -> AuditResult:
    kind, value = pickle.loads(data)
    if kind == _PICKLED:
        return cast(AuditResult, value)
    result = object.__new__(AuditResult)  # not __init__: __post_init__ would describe the report again
    for name, item in zip(_RESULT_FIELDS, value, strict=True):
        if name in _FINDINGS:
            item = [_finding(finding) for finding in item]
        elif name == "rule_runs":
            item = [tuple.__new__(RuleRun, run) for run in item]
        setattr(result, name, item)
    return result


def _finding(values: tuple[Any, ...]) -> Finding:
    arguments: list[Any] = [_location(value) if name == "location" else
                            [_location(place) for place in value] if name == "related" else value
                            for name, value in zip(_FINDING_FIELDS, values, strict=True)]
    return Finding(*arguments)


def _location(values: tuple[Any, ...] | None) -> Location | None:
    return None if values is None else Location(*values)
