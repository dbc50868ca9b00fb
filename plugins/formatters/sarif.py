"""SARIF 2.1.0: one run for the batch, for code-scanning dashboards and other tools.

Each finding is a result with `ruleId`, `level`, `message`, a physical location (the file its line
numbers refer to, as a relative URI, and the region where known), a logical location for its JSON
Pointer and a `partialFingerprints` entry that ignores line numbers. Engine findings (JX-INPUT,
JX-SCHEMA, JX-TIMEOUT) are results like any other; findings a baseline suppressed
(`AuditResult.suppressed`) are results with an external, accepted suppression.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path, PurePosixPath
from typing import Any, TextIO
from collections.abc import Iterable, Iterator
from urllib.parse import quote

from jixiao.kit import (AuditBatch, AuditResult, FINGERPRINT_VERSION as FINGERPRINT_KEY, Finding,
                        Location, finding_fingerprint, replayable_batch)

from . import jsonstream
from .labels import engine_rule_title, engine_rule_what, label, status_text
from .sources import finding_artifact, location_artifact

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
ROOT_ID = "REPORTROOT"


# -- artifacts ------------------------------------------------------------------------------------
class Artifacts:
    """Maps the batch's file paths to SARIF artifact locations. Relative paths stay relative URIs;
    absolute paths become URIs relative to their common folder, named by the `REPORTROOT` base id."""

    def __init__(self, paths: Iterable[str] = ()):
        self.root: str | None = None
        self._parent: str | None = None
        for path in paths:
            self.consider(path)
        self.index: dict[str, int] = {}
        self.entries: list[dict[str, Any]] = []

    def consider(self, path: str) -> None:
        """Fold `path` into the root: the common folder of the absolute paths' folders."""
        if path.startswith("<") or not os.path.isabs(path):
            return
        parent = os.path.dirname(os.path.normpath(path))
        if parent != self._parent:
            self.root = parent if self.root is None else os.path.commonpath([self.root, parent])
            self._parent = parent

    def register(self, path: str) -> None:
        """Number `path` (in the order first met, as `location` would) without keeping its entry."""
        if path not in self.index:
            self.index[path] = len(self.index)

    def listed(self, paths: Iterable[str]) -> Iterator[dict[str, Any]]:
        """The `artifacts` entries of these paths, made one at a time."""
        for path in paths:
            yield {"location": self._uri(path)}

    def location(self, path: str) -> dict[str, Any]:
        if path not in self.index:
            self.index[path] = len(self.entries)
            self.entries.append({"location": self._uri(path)})
        return {**self._uri(path), "index": self.index[path]}

    def _uri(self, path: str) -> dict[str, Any]:
        if path.startswith("<"):  # <stdin>, <report>: no file behind it
            return {"uri": quote(path, safe="")}
        if os.path.isabs(path) and self.root is not None:
            relative = os.path.relpath(os.path.normpath(path), self.root)
            return {"uri": _posix_uri(relative), "uriBaseId": ROOT_ID}
        return {"uri": _posix_uri(path)}

    def original_uri_base_ids(self) -> dict[str, Any] | None:
        if self.root is None:
            return None
        uri = Path(self.root).as_uri()
        return {ROOT_ID: {"uri": uri if uri.endswith("/") else uri + "/"}}


def _posix_uri(path: str) -> str:
    posix = PurePosixPath(*Path(path).parts).as_posix() if os.sep != "/" else os.path.normpath(path)
    return quote(posix, safe="/-._~!$&'()*+,;=@")


# -- rules ----------------------------------------------------------------------------------------
def _descriptor(rule_id: str, rule: Any, lang: str, tool: str | None = None) -> dict[str, Any]:
    if rule is None:
        title = engine_rule_title(rule_id, lang) or rule_id
        what = engine_rule_what(rule_id, lang) or title
        tags = [f"tool:{tool}"] if tool else ["jixiao-engine"] if engine_rule_title(rule_id, lang) else []
        out: dict[str, Any] = {"id": rule_id, "name": rule_id, "shortDescription": {"text": title}, "fullDescription": {"text": what}}
        if tags:
            out["properties"] = {"tags": tags}
        return out
    title = rule.title or rule_id
    doc = rule.doc or {}
    out = {
        "id": rule_id,
        "name": title,
        "shortDescription": {"text": title},
        "fullDescription": {"text": str(doc.get("what") or title)},
    }
    parts = [(label(f"doc.{key}", lang), str(doc[key])) for key in ("why", "source", "example") if doc.get(key)]
    if parts:
        out["help"] = {
            "text": "\n".join(f"{name}：{value}" if lang != "en" else f"{name}: {value}" for name, value in parts),
            "markdown": "\n\n".join(f"**{name}**: {_md(value)}" for name, value in parts),
        }
    out["defaultConfiguration"] = {"level": LEVELS.get(rule.severity, "warning"), "enabled": bool(rule.enabled)}
    out["properties"] = {"tags": [rule.category], "category": rule.category, "kind": rule.kind, "pack": rule.pack}
    return out


def _md(value: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]<>|" else ch for ch in value)


# -- results --------------------------------------------------------------------------------------
def _region(location: Location) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": location.line, "startColumn": location.column}
    if location.end_line is not None or location.end_column is not None or location.quote:
        end = location.to_dict()
        if end["end_line"] >= location.line:
            region["endLine"] = end["end_line"]
            if end["end_column"] > location.column or end["end_line"] > location.line:
                region["endColumn"] = end["end_column"]
    if location.quote:
        region["snippet"] = {"text": location.quote}
    return region


def _physical(artifacts: Artifacts, path: str, location: Location | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": artifacts.location(path)}
    if location is not None:
        physical["region"] = _region(location)
    return physical


def _result(result: AuditResult, finding: Finding, rule_index: dict[str, int], artifacts: Artifacts) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": _physical(artifacts, finding_artifact(result, finding), finding.location),
    }
    if finding.pointer:
        name = finding.pointer.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")
        location["logicalLocations"] = [{"name": name, "fullyQualifiedName": finding.pointer, "kind": "value"}]
    out: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": rule_index[finding.rule_id],
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: finding_fingerprint(result, finding)},
    }
    if finding.related:
        out["relatedLocations"] = [
            {"id": number, "physicalLocation": _physical(artifacts, location_artifact(result, loc), loc)}
            for number, loc in enumerate(finding.related, start=1)
        ]
    properties: dict[str, Any] = {
        "category": finding.category,
        "severity": finding.severity,
        "report": {"source": result.source, "department": result.department, "fiscalYear": result.fiscal_year},
    }
    values = finding.to_dict()["values"]
    if values:
        properties["values"] = values
    if finding.tool:
        properties["tool"] = finding.tool
    out["properties"] = properties
    return out


def _prepare(batch: AuditBatch) -> tuple[dict[str, str | None], Artifacts]:
    """One pass over the batch for what the log states before its results: every rule id that ran or
    reported, sorted, with the other tool that reported it (merged logs); the artifacts' root and the
    order the results first name them in."""
    ids: dict[str, str | None] = {}
    artifacts = Artifacts()
    for result in batch.results:
        for run in result.rule_runs:
            ids.setdefault(run.rule_id, None)
        artifacts.consider(result.source)
        artifacts.consider(result.artifact)
        for finding in [*result.findings, *result.suppressed]:
            ids.setdefault(finding.rule_id, finding.tool)
            if finding.location is not None and finding.location.artifact:
                artifacts.consider(finding.location.artifact)
            artifacts.register(finding_artifact(result, finding))  # in the order `_result` names them
            for related in finding.related:
                artifacts.register(location_artifact(result, related))
    return dict(sorted(ids.items())), artifacts


def _results(batch: AuditBatch, rule_index: dict[str, int], artifacts: Artifacts) -> Iterator[dict[str, Any]]:
    for result in batch.results:
        for finding in result.findings:
            yield _result(result, finding, rule_index, artifacts)
        for finding in result.suppressed:  # accepted in a baseline: present, marked, hidden by viewers
            suppressed = _result(result, finding, rule_index, artifacts)
            suppressed["suppressions"] = [{"kind": "external", "status": "accepted", "justification": "baseline"}]
            yield suppressed


def _reports(batch: AuditBatch) -> Iterator[dict[str, Any]]:
    for r in batch.results:
        yield {"source": r.source, "status": r.status, "statusLabel": status_text(r.status, batch.lang),
               "department": r.department, "fiscalYear": r.fiscal_year, "rules": r.rule_counts}


def _document(batch: AuditBatch) -> dict[str, Any]:
    """The log, its long arrays (artifacts, results, reports) streamed (`jsonstream.Items`): the
    batch is read three times (`_prepare`, results, reports), never held."""
    lang = batch.lang
    rule_ids, artifacts = _prepare(batch)
    rule_index = {rule_id: index for index, rule_id in enumerate(rule_ids)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "jixiao",
                "version": batch.tool_version,
                "semanticVersion": batch.tool_version,
                "language": "en-US" if lang == "en" else "zh-CN",
                "rules": [_descriptor(rule_id, batch.rules.get(rule_id), lang, tool) for rule_id, tool in rule_ids.items()],
            }
        },
    }
    bases = artifacts.original_uri_base_ids()
    if bases:
        run["originalUriBaseIds"] = bases
    run["artifacts"] = jsonstream.Items(artifacts.listed(artifacts.index))
    run["results"] = jsonstream.Items(_results(batch, rule_index, artifacts))
    run["language"] = "en-US" if lang == "en" else "zh-CN"
    run["columnKind"] = "unicodeCodePoints"
    run["properties"] = {
        "packs": list(batch.packs),
        "summary": jsonstream.Later(batch.summary),
        "reports": jsonstream.Items(_reports(batch)),
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def to_sarif(batch: AuditBatch) -> dict[str, Any]:
    """The whole log as one dict (in memory: for a small batch; `write` streams)."""
    buffer = io.StringIO()
    write(batch, buffer)
    log: dict[str, Any] = json.loads(buffer.getvalue())
    return log


def write(batch: AuditBatch, stream: TextIO, options: dict[str, Any] | None = None) -> None:
    jsonstream.dump(_document(replayable_batch(batch)), stream, indent=2)
    stream.write("\n")
