"""Baselines: findings a bureau has already accepted, suppressed in later runs (by the built-in aftercare step
`baseline`, `jixiao.plugins.aftercare`); here, the fingerprint both sides share and the file `--write-baseline`
writes.

A finding is matched by its fingerprint — rule id, report identity (department + fiscal year, else
the source path), JSON Pointer and the figures behind it — never by line number, so editing other parts
of a report keeps its accepted findings suppressed while a changed figure brings its finding back.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from .model import AuditResult, Finding
from .output import write_file_atomically

FINGERPRINT_VERSION = "jixiao/v1"
# values that are prose in the run's language, not figures: excluded so --lang never changes a fingerprint
LANGUAGE_DEPENDENT_VALUES = frozenset({"detail", "standard"})
BASELINE_FORMAT = "jixiao-baseline/1"


def report_identity(result: AuditResult) -> str:
    """Department + fiscal year where the report states both, else the source path."""
    department, year = result.department, result.fiscal_year
    if department and year is not None:
        return f"{department}|{year}"
    return result.source


def finding_fingerprint(result: AuditResult, finding: Finding) -> str:
    values = {key: value for key, value in finding.to_dict()["values"].items() if key not in LANGUAGE_DEPENDENT_VALUES}
    payload = json.dumps([FINGERPRINT_VERSION, finding.rule_id, report_identity(result), finding.pointer, values],
                         ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def baseline_entries(result: AuditResult) -> list[dict[str, Any]]:
    """What a baseline records of one result: an entry per finding it may accept (an unreadable file or a
    crash is never accepted). Small, so a long run keeps these, not its results."""
    return [{"fingerprint": finding_fingerprint(result, finding), "rule_id": finding.rule_id,
             "report": report_identity(result), "pointer": finding.pointer, "message": finding.message}
            for finding in [*result.findings, *result.suppressed] if finding.category not in ("input", "internal")]


def write_baseline(path: str, entries: Iterable[dict[str, Any]]) -> int:
    """Write a baseline of these entries (`baseline_entries` of each result), sorted; how many there are."""
    ordered = sorted(entries, key=lambda e: (e["report"], e["rule_id"], e["pointer"] or "", e["fingerprint"]))
    # atomically: a full disk or Ctrl-C leaves the previous baseline as it was (jixiao.output)
    write_file_atomically(path, (json.dumps({"format": BASELINE_FORMAT, "findings": ordered}, ensure_ascii=False,
                                            indent=2) + "\n").encode("utf-8", "backslashreplace"))
    return len(ordered)
