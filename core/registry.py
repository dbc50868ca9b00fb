"""What plugins register: rule kinds, extractors and formatters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable


@dataclass(frozen=True)
class Kind:
    """One kind of check. `params` is the JSON Schema of the parameters a rule of this kind takes
    (besides the common keys every rule has); `check(report, rule, ctx)` yields findings."""

    name: str
    params: dict[str, Any]
    check: Callable[..., Iterable[Any]]
    description: str = ""
    family: str = ""
    # The names a finding of this kind fills in a rule's message (`{name}`), besides the names of the rule's
    # `labels`; None: not declared (the message is not checked).
    values: frozenset[str] | None = None


@dataclass(frozen=True)
class Extractor:
    """Reads one type of source file into a report. `extract(path, data: bytes, options)` returns an
    `Extraction`. Suffixes are lower case with the dot (".pdf").

    `sniff(data) -> bool`, where given, says whether the bytes are this extractor's type by their content
    (a signature, never a guess): used for a file whose name has no suffix an extractor claims, and for a
    file whose suffix lies (a .doc that is really a .docx) when the suffix's own extractor sniffs no."""

    name: str
    suffixes: tuple[str, ...]
    extract: Callable[..., Any]
    description: str = ""
    sniff: Callable[[bytes], bool] | None = None


@dataclass
class Extraction:
    """A report read from a source: the data, where each value stood, and anything noticed while reading.

    `positions` maps JSON Pointers of the report to positions in the source file itself (for
    structured files); `report["provenance"]` (when present) maps pointers to places in the prose
    source the report was read from, and wins over `positions`.
    """

    report: Any
    positions: dict[str, Any] = field(default_factory=dict)
    findings: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class Formatter:
    """An output format. `write(batch, stream, options)` writes the whole batch; a formatter with
    `binary=True` gets a binary stream. `stream_result(result, stream, options)`, where given,
    writes one report as soon as it is checked (for streaming formats such as jsonl)."""

    name: str
    extension: str
    write: Callable[..., None]
    description: str = ""
    binary: bool = False
    stream_result: Callable[..., None] | None = None
