"""The results jixiao produces: findings, per-report results and batches (design §7)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple
from collections.abc import Iterable, Sequence

if TYPE_CHECKING:  # spill imports this module
    from .spill import Aggregates

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}
RULE_STATUSES = ("passed", "failed", "skipped", "errored")
EVALUATED_STATUSES = ("passed", "failed")  # a rule that compared real inputs (the others did not)
# Categories of findings (a plugin may add its own); `--select`/`--ignore` take them by name.
CATEGORIES = ("schema", "input", "extraction", "arithmetic", "plausibility", "completeness", "sections", "dates",
              "grades", "internal")

# The one verdict each report gets, the same in every output format and in the API. `not_checked` and
# `unreadable` are never a pass: either makes the exit code 2, whatever --fail-on says.
REPORT_STATUSES = ("passed", "warnings", "errors", "not_checked", "unreadable")
STATUS_LABELS: dict[str, dict[str, str]] = {
    "passed": {"zh": "通过", "en": "passed"},
    "warnings": {"zh": "有警告", "en": "warnings"},
    "errors": {"zh": "有错误", "en": "errors"},
    "not_checked": {"zh": "未能检查", "en": "not checked"},
    "unreadable": {"zh": "无法读取", "en": "unreadable"},
}
STATUS_DESCRIPTIONS: dict[str, str] = {
    "passed": "At least --min-evaluated rules were evaluated (passed or failed) and no finding is a warning or an error.",
    "warnings": "Enough rules were evaluated; the worst finding is a warning (a rounding slip, say). Exit code per --fail-on.",
    "errors": "Enough rules were evaluated and at least one finding is an error.",
    "not_checked": "The file was read, but fewer than --min-evaluated rules (default 1) could be evaluated: the figures "
                   "they need were missing, or the check timed out. Never a pass; exit code 2.",
    "unreadable": "The file could not be read as a report (a JX-INPUT finding says why). Exit code 2.",
}
BLOCKING_STATUSES = frozenset({"not_checked", "unreadable"})  # exit code 2 whatever --fail-on says
DEFAULT_MIN_EVALUATED = 1


def status_label(status: str, lang: str = "zh") -> str:
    """A report status as reviewers read it: 通过 / 有警告 / 有错误 / 未能检查 / 无法读取."""
    labels = STATUS_LABELS.get(status)
    if labels is None:
        return status
    return labels.get(lang) or labels["zh"]


@dataclass(frozen=True, slots=True)
class Location:
    """Where a value stood in the source file: 1-based lines and columns; `end_column` is exclusive
    (the column just after the value, as in SARIF), so "54.27%" at column 1 ends at column 7."""

    line: int
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None
    quote: str | None = None
    page: int | None = None
    artifact: str | None = None  # the file the position is in; None: the report's `artifact`
    # A table cell: its table (1-based in the document), row and column (1-based in the table); a
    # spreadsheet's sheet and cell reference; `label` says what the place is for a reader
    # (项目“乡村道路养护” · 年度资金总额 · 全年执行数); `ocr` marks text recognised from a scan.
    table: int | None = None
    row: int | None = None
    col: int | None = None
    sheet: str | None = None
    cell: str | None = None
    label: str | None = None
    ocr: bool = False
    # A picture in the document (a form pasted as a screenshot or scan, read by OCR): its number in the document,
    # on its page for a PDF; `line` is then the Word paragraph that holds it, or the line within the picture (PDF).
    picture: int | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Location:
        return cls(
            line=int(data["line"]),
            column=int(data.get("column", 1)),
            end_line=_opt_int(data.get("end_line")),
            end_column=_opt_int(data.get("end_column")),
            quote=data.get("quote"),
            page=_opt_int(data.get("page")),
            table=_opt_int(data.get("table")),
            row=_opt_int(data.get("row")),
            col=_opt_int(data.get("col")),
            sheet=data.get("sheet"),
            cell=data.get("cell"),
            label=data.get("label"),
            ocr=bool(data.get("ocr", False)),
            picture=_opt_int(data.get("picture")),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line if self.end_line is not None else self.line,
            "end_column": self.end_column if self.end_column is not None else self.column + len(self.quote or ""),
            "quote": self.quote,
        }
        if self.page is not None:
            out["page"] = self.page
        if self.picture is not None:
            out["picture"] = self.picture
        if self.artifact is not None:
            out["artifact"] = self.artifact
        for key in _CELL_KEYS:
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.ocr:
            out["ocr"] = True
        return out

    @property
    def sort_key(self) -> tuple[int, int, int, int, int]:
        # PDF lines restart on every page; table cells sort by table, then row and column
        return (self.page or 0, self.table or 0, self.line, self.row or 0, self.column)


_CELL_KEYS = ("table", "row", "col", "sheet", "cell", "label")


def _opt_int(value: Any) -> int | None:
    return None if value is None else int(value)


@dataclass(slots=True)
class Finding:
    rule_id: str
    category: str
    severity: str
    message: str
    pointer: str | None = None
    location: Location | None = None
    values: dict[str, Any] = field(default_factory=dict)
    related: list[Location] = field(default_factory=list)
    tool: str | None = None  # set for findings merged from another validator

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule_id": self.rule_id,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "pointer": self.pointer,
            "location": self.location.to_dict() if self.location else None,
            "values": {key: _jsonable(value) for key, value in self.values.items()},
        }
        if self.related:
            out["related"] = [loc.to_dict() for loc in self.related]
        if self.tool:
            out["tool"] = self.tool
        return out

    @property
    def sort_key(self) -> tuple[tuple[int, int, int, int, int], int, str, str, str]:
        loc = self.location.sort_key if self.location else (10**9, 0, 0, 0, 0)
        return (loc, -SEVERITY_RANK.get(self.severity, 0), self.rule_id, self.pointer or "", self.message)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")  # keeps the stated precision, never exponent notation
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class RuleRun(NamedTuple):
    """What happened to one rule on one report (a tuple: cheap to send back from worker processes)."""

    rule_id: str
    status: str  # passed | failed | skipped | errored
    reason: str | None = None  # why it was skipped or errored


@dataclass(slots=True)
class AuditResult:
    """The outcome of checking one report."""

    source: str
    findings: list[Finding] = field(default_factory=list)
    rule_runs: list[RuleRun] = field(default_factory=list)
    packs: list[dict[str, str]] = field(default_factory=list)
    report: dict[str, Any] | None = None
    unreadable: bool = False
    suppressed: list[Finding] = field(default_factory=list)
    # Taken from the report when the result is made, so they survive dropping the report itself
    # (worker processes send results back without it).
    department: str | None = None
    fiscal_year: int | None = None
    artifact: str = ""  # the file the line numbers refer to (see `describe`)
    extractor: str | None = None  # the extractor that read the report (`extraction.extractor`), e.g. "docx"
    # Fewer rules evaluated (passed + failed) than this and the report is `not_checked`; 0 for results
    # jixiao did not check itself (another tool's findings about a file jixiao never read).
    min_evaluated: int = DEFAULT_MIN_EVALUATED

    def __post_init__(self) -> None:
        if self.report is not None:
            self.describe(self.report)
        if not self.artifact:
            self.artifact = self.source

    def describe(self, report: dict[str, Any]) -> None:
        """Department, fiscal year and the artifact (the prose source named by the report's
        `provenance_source`, relative to the report file; else the report file itself)."""
        department = report.get("department")
        self.department = department.get("name") if isinstance(department, dict) and isinstance(department.get("name"), str) else None
        year = report.get("fiscal_year")
        self.fiscal_year = year if isinstance(year, int) and not isinstance(year, bool) else None
        named = report.get("provenance_source")
        if isinstance(named, str) and named and not self.source.startswith("<"):
            self.artifact = str(PurePath(self.source).parent / named)
        extraction = report.get("extraction")
        extractor = extraction.get("extractor") if isinstance(extraction, dict) else None
        self.extractor = extractor if isinstance(extractor, str) and extractor else None

    @property
    def counts(self) -> dict[str, int]:
        counts = {severity: 0 for severity in SEVERITIES}
        for finding in self.findings:
            counts[finding.severity] = counts.get(finding.severity, 0) + 1
        return counts

    @property
    def rule_counts(self) -> dict[str, int]:
        counts = {status: 0 for status in RULE_STATUSES}
        for run in self.rule_runs:
            counts[run.status] += 1
        return counts

    @property
    def evaluated(self) -> int:
        """Rules that were evaluated: passed or failed (not skipped for missing data, not errored)."""
        return sum(1 for run in self.rule_runs if run.status in EVALUATED_STATUSES)

    @property
    def status(self) -> str:
        """One of REPORT_STATUSES: unreadable, else not_checked (too little evaluated), else by the
        worst finding left (after a baseline): errors, warnings, or passed."""
        if self.unreadable:
            return "unreadable"
        if self.min_evaluated > 0:  # evaluated < min_evaluated, counting only as far as needed
            wanted = self.min_evaluated
            for run in self.rule_runs:
                if run.status in EVALUATED_STATUSES:
                    wanted -= 1
                    if not wanted:
                        break
            else:
                return "not_checked"
        severities = {f.severity for f in self.findings}
        if "error" in severities:
            return "errors"
        return "warnings" if "warning" in severities else "passed"

    def status_label(self, lang: str = "zh") -> str:
        return status_label(self.status, lang)

    def worst_rank(self) -> int:
        return max((SEVERITY_RANK.get(f.severity, 0) for f in self.findings), default=0)

    def sort(self) -> None:
        self.findings.sort(key=lambda f: f.sort_key)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source": self.source,
            "status": self.status,
            "department": self.department,
            "fiscal_year": self.fiscal_year,
            "packs": list(self.packs),
            "findings": [f.to_dict() for f in self.findings],
            "counts": self.counts,
            "rules": self.rule_counts,
            "rule_runs": [
                {"rule_id": r.rule_id, "status": r.status, **({"reason": r.reason} if r.reason else {})}
                for r in self.rule_runs
            ],
        }
        if self.suppressed:
            out["suppressed"] = len(self.suppressed)
        return out


@dataclass(slots=True)
class AuditBatch:
    """Every report of one run, in source order, with what the run was asked to do.

    `results` is any sequence a formatter can read more than once: a list, or (`jixiao check`) a
    `jixiao.spill.SpilledResults` that keeps them on disk and their counts (`aggregates`) in memory."""

    results: Sequence[AuditResult]
    tool_version: str
    lang: str = "zh"
    packs: list[dict[str, str]] = field(default_factory=list)
    rules: dict[str, Any] = field(default_factory=dict)  # rule id → Rule, for formatters that describe rules

    def summary(self) -> dict[str, int]:
        """Reports, findings by severity, and reports by status (`unreadable` is both a status and,
        as before, the count of unreadable files)."""
        counted: Aggregates | None = getattr(self.results, "aggregates", None)  # a SpilledResults counted them as they came
        if counted is not None:
            return counted.summary()
        summary = {"reports": len(self.results), "error": 0, "warning": 0, "info": 0,
                   **{status: 0 for status in REPORT_STATUSES}}
        for result in self.results:
            for severity, n in result.counts.items():
                summary[severity] = summary.get(severity, 0) + n
            summary[result.status] += 1
        return summary

    def status_counts(self) -> dict[str, int]:
        counted = getattr(self.results, "aggregates", None)
        if counted is not None:
            return dict(counted.statuses)
        counts = {status: 0 for status in REPORT_STATUSES}
        for result in self.results:
            counts[result.status] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "tool": {"name": "jixiao", "version": self.tool_version},
            "packs": list(self.packs),
            "reports": [r.to_dict() for r in self.results],
            "summary": self.summary(),
        }


def iter_findings(results: Iterable[AuditResult]) -> Iterable[tuple[AuditResult, Finding]]:
    for result in results:
        for finding in result.findings:
            yield result, finding
