"""Which file a location refers to, and reading its lines back to quote them.

`AuditResult.artifact` names the file a report's line numbers refer to: the prose source named by
`provenance_source`, else the report itself. A location the engine took from another file (the
structured report's own positions, a merged SARIF result) names that file in `Location.artifact`.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from jixiao.kit import AuditResult, Finding, InputError, Location, decode

BINARY_SUFFIXES = frozenset({".pdf", ".docx", ".doc", ".xlsx", ".xls", ".odt", ".wps", ".zip"})
MAX_SOURCE_BYTES = 20 * 1024 * 1024


def location_artifact(result: AuditResult, location: Location, pointer: str | None = None) -> str:
    """The file `location` refers to: where the engine says it is, else the report's artifact."""
    return location.artifact or result.artifact


def finding_artifact(result: AuditResult, finding: Finding) -> str:
    """The file a finding refers to: where its location is, else the file its report was read from."""
    if finding.location is None:
        return result.artifact
    return location_artifact(result, finding.location, finding.pointer)


class SourceLines:
    """Reads the lines of text files on demand, keeping the last few files; never raises."""

    def __init__(self, keep: int = 8, max_bytes: int = MAX_SOURCE_BYTES):
        self._files: OrderedDict[str, list[str] | None] = OrderedDict()
        self._keep = keep
        self._max_bytes = max_bytes

    def line(self, path: str, number: int) -> str | None:
        lines = self._lines(path)
        if lines is None or not 1 <= number <= len(lines):
            return None
        return lines[number - 1]

    def _lines(self, path: str) -> list[str] | None:
        if path in self._files:
            self._files.move_to_end(path)
            return self._files[path]
        lines = self._read(path)
        self._files[path] = lines
        if len(self._files) > self._keep:
            self._files.popitem(last=False)
        return lines

    def _read(self, path: str) -> list[str] | None:
        if path.startswith("<") or Path(path).suffix.lower() in BINARY_SUFFIXES:
            return None
        try:
            file = Path(path)
            if not file.is_file() or file.stat().st_size > self._max_bytes:
                return None
            text = decode(file.read_bytes(), path)
        except (OSError, InputError, ValueError):
            return None
        return [line.rstrip("\r") for line in text.split("\n")]
