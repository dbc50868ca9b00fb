"""JUnit XML for CI dashboards: one <testsuite> per report, one <testcase> per rule run.

A rule that passed is a passing case; failed → <failure> with its findings' messages; skipped →
<skipped message=reason>; errored → <error>. Each readable report also gets a case for schema
validation (JX-SCHEMA); findings of rules that did not run as such (JX-TIMEOUT, a plugin's own ids)
become failing cases of their own. An unreadable file is a suite with one failing case (JX-INPUT).
No timestamps or durations, so the same batch always gives the same bytes.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from typing import Any, BinaryIO

from jixiao.kit import AuditBatch, AuditResult, Finding, SEVERITY_RANK, replayable_batch, text, xml_safe

from .labels import engine_rule_title, label, severity_label, status_text
from .rows import place as where_in

# characters XML 1.0 cannot hold, even escaped
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _clean(value: Any) -> str:
    cleaned: str = xml_safe(value)  # characters XML cannot hold written visibly (\x01), the same in every format
    return cleaned


def _case_name(rule_id: str, batch: AuditBatch) -> str:
    rule = batch.rules.get(rule_id)
    title = (rule.title if rule is not None else None) or engine_rule_title(rule_id, batch.lang)
    return f"{rule_id} {title}" if title else rule_id


def _finding_line(finding: Finding, lang: str, result: AuditResult) -> str:
    """One finding on a line of its own: where (a Word document's paragraph, not a line), severity, message."""
    location = finding.location
    place = where_in(result, location, lang)
    return f"{place}  [{severity_label(finding.severity, lang)}] {finding.message}"


def _worst(findings: list[Finding]) -> str:
    return max((f.severity for f in findings), key=lambda s: SEVERITY_RANK.get(s, 0), default="error")


class _Suite:
    def __init__(self, result: AuditResult, batch: AuditBatch):
        self.lang = batch.lang
        self.result = result
        self.element = ET.Element("testsuite", {"name": _clean(result.source)})
        self.classname = _clean(result.source)
        self.counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        properties = {
            "department": result.department,
            "fiscal_year": result.fiscal_year,
            "status": result.status,
            "status_label": status_text(result.status, batch.lang),
            "packs": ", ".join(f"{p.get('name', '')} {p.get('version', '')}".strip() for p in result.packs),
        }
        props = ET.SubElement(self.element, "properties")
        for name, value in properties.items():
            if value not in (None, ""):
                ET.SubElement(props, "property", {"name": name, "value": _clean(value)})
        if not len(props):
            self.element.remove(props)

    def case(self, name: str) -> ET.Element:
        self.counts["tests"] += 1
        return ET.SubElement(self.element, "testcase", {"classname": self.classname, "name": _clean(name)})

    def failure(self, name: str, findings: list[Finding]) -> None:
        self.counts["failures"] += 1
        node = ET.SubElement(self.case(name), "failure",
                             {"message": _clean(findings[0].message if findings else ""), "type": _worst(findings)})
        node.text = _clean("\n".join(_finding_line(f, self.lang, self.result) for f in findings))

    def error(self, name: str, reason: str | None, findings: list[Finding]) -> None:
        self.counts["errors"] += 1
        node = ET.SubElement(self.case(name), "error", {"message": _clean(reason or ""), "type": "internal"})
        node.text = _clean("\n".join(_finding_line(f, self.lang, self.result) for f in findings)) or None

    def skipped(self, name: str, reason: str | None) -> None:
        self.counts["skipped"] += 1
        ET.SubElement(self.case(name), "skipped", {"message": _clean(reason or "")})

    def finish(self) -> ET.Element:
        for key in ("tests", "failures", "errors", "skipped"):
            self.element.set(key, str(self.counts[key]))
        return self.element


def _suite(result: AuditResult, batch: AuditBatch) -> _Suite:
    suite = _Suite(result, batch)
    by_rule: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_rule.setdefault(finding.rule_id, []).append(finding)
    if result.unreadable:
        suite.failure(f"JX-INPUT {label('junit.input_case', batch.lang)}", result.findings)
        return suite
    if result.status == "not_checked":  # every rule skipped is no pass: a failing case says so
        name = label("junit.checked_case", batch.lang)
        suite.counts["failures"] += 1
        node = ET.SubElement(suite.case(name), "failure", {
            "message": _clean(text("text.not_checked", batch.lang, evaluated=result.evaluated,
                                   minimum=result.min_evaluated)),
            "type": "not_checked"})
        node.text = _clean(status_text(result.status, batch.lang))
    schema = by_rule.pop("JX-SCHEMA", [])
    name = f"JX-SCHEMA {label('junit.schema_case', batch.lang)}"
    if schema:
        suite.failure(name, schema)
    elif result.rule_runs:  # a report was read, validated and checked
        suite.case(name)
    for run in result.rule_runs:
        findings = by_rule.pop(run.rule_id, [])
        name = _case_name(run.rule_id, batch)
        if run.status == "errored":
            suite.error(name, run.reason, findings)
        elif run.status == "skipped":
            suite.skipped(name, run.reason)
        elif findings:  # failed (a failed rule whose findings were all suppressed by a baseline passes)
            suite.failure(name, findings)
        else:
            suite.case(name)
    for rule_id, findings in by_rule.items():  # findings of no rule run: JX-TIMEOUT, a plugin's, a merged log's
        tool = findings[0].tool
        suite.failure(f"{tool}: {rule_id}" if tool else _case_name(rule_id, batch), findings)
    return suite


def to_xml(batch: AuditBatch) -> bytes:
    """The whole document as bytes (in memory: for a small batch; `write` streams)."""
    buffer = io.BytesIO()
    write(batch, buffer)
    return buffer.getvalue()


def write(batch: AuditBatch, stream: BinaryIO, options: dict[str, Any] | None = None) -> None:
    """Suite by suite, the bytes `ET.indent` + `ET.tostring` of the whole tree would give. The root's
    totals come first, so the batch is read twice: once to count, once to write."""
    batch = replayable_batch(batch)
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for result in batch.results:
        counts = _suite(result, batch).counts
        for key in totals:
            totals[key] += counts[key]
    root = ET.Element("testsuites", {"name": "jixiao"})
    for key, value in totals.items():
        root.set(key, str(value))
    stream.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    suites = iter(batch.results)
    suite = next(suites, None)
    if suite is None:  # an empty root closes itself: <testsuites … />
        stream.write(ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n")
        return
    root.text = "\n  "
    head, _ = ET.tostring(root, encoding="utf-8", xml_declaration=False).rsplit(b"</testsuites>", 1)
    stream.write(head)
    while suite is not None:
        element = _suite(suite, batch).finish()
        ET.indent(element, space="  ", level=1)  # as indenting the whole tree indents it
        suite = next(suites, None)
        element.tail = "\n  " if suite is not None else "\n"
        stream.write(ET.tostring(element, encoding="utf-8", xml_declaration=False))
    stream.write(b"</testsuites>\n")
