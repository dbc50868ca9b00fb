"""The built-in aftercare steps, registered through `jixiao_register_aftercare` exactly as a third party's:

- `merge` (`jixiao check --merge other.sarif`, `jixiao.check(..., merge=[…])`): other validators' SARIF 2.1.0
  findings folded into the result of the file they name (by artifact URI, resolved against the SARIF file's
  folder), keeping the other tool's name and rule id; findings about files jixiao did not check become results
  of their own at the end of the run (`leftovers`).
- `baseline` (`--baseline accepted.json`, `baseline=`): findings a bureau has already accepted moved to
  `result.suppressed`. A finding is matched by its fingerprint (`jixiao.kit.finding_fingerprint`: rule id, report
  identity, JSON Pointer and the figures behind it), never by line number. It runs after `merge`, so a merged
  finding can be accepted too. (`--write-baseline` writes the file this step reads.)

Registered by `jixiao.plugins.builtin`, which imports this module only when a run starts one of the steps.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from jixiao.kit import (BASELINE_FORMAT, AuditResult, Finding, InputError, Location, finding_fingerprint,
                        read_json_file)

_LEVELS = {"error": "error", "warning": "warning", "note": "info", "none": "info"}


# -- baseline -------------------------------------------------------------------------------------------------


class Baseline:
    """The fingerprints one baseline file accepted; `finish` moves the findings they match to `suppressed`."""

    def __init__(self, path: Any):
        data = read_json_file(str(path))
        if not isinstance(data, dict) or data.get("format") != BASELINE_FORMAT or not isinstance(data.get("findings"), list):
            raise InputError(str(path), None, None, f"not a jixiao baseline (expected format {BASELINE_FORMAT})",
                             key="unreadable")
        self.accepted = {entry["fingerprint"] for entry in data["findings"]
                         if isinstance(entry, dict) and "fingerprint" in entry}

    def finish(self, result: AuditResult) -> None:
        if not self.accepted or not result.findings:
            return
        kept: list[Finding] = []
        for finding in result.findings:
            (result.suppressed if finding_fingerprint(result, finding) in self.accepted else kept).append(finding)
        result.findings = kept


# -- merging other validators' SARIF logs ---------------------------------------------------------------------


def _resolve(uri: str, base_id: str | None, folder: Path, bases: dict[str, str]) -> str:
    """An artifact URI as a local path: absolute `file:` URIs as they are; relative ones against their
    `uriBaseId` (from `originalUriBaseIds`), else against the SARIF file's folder."""
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        return str(Path(unquote(parsed.path)).resolve())
    root = folder
    base_uri = bases.get(base_id or "")
    if base_uri:
        base_parsed = urlparse(base_uri)
        base_path = Path(unquote(base_parsed.path))
        root = base_path if base_parsed.scheme == "file" or base_path.is_absolute() else folder / base_path
    path = Path(unquote(parsed.path))
    return str(path.resolve() if path.is_absolute() else (root / path).resolve())


def _positive(value: Any) -> int | None:
    return value if isinstance(value, int) and value >= 1 else None


class SarifMerge:
    """Other tools' findings by the file they name; each file's are attached to the first result about it."""

    def __init__(self, paths: Iterable[Any]):
        if isinstance(paths, (str, Path)):
            paths = [paths]
        self.by_file: dict[str, list[Finding]] = {}
        self.order: list[str] = []
        for path in paths:
            self._load(str(path))
        self.used: set[str] = set()

    def _load(self, path: str) -> None:
        log = read_json_file(path)
        if not isinstance(log, dict) or not isinstance(log.get("runs"), list):
            raise InputError(path, None, None, "not a SARIF log (no runs)", key="unreadable")
        base = Path(path).resolve().parent
        for run in log["runs"]:
            try:
                self._load_run(run, base)
            except (KeyError, TypeError, AttributeError, ValueError) as exc:
                raise InputError(path, None, None, f"malformed SARIF run: {type(exc).__name__}: {exc}",
                                 key="unreadable") from None

    def _load_run(self, run: dict[str, Any], base: Path) -> None:
        driver = run.get("tool", {}).get("driver", {})
        tool = str(driver.get("name") or "unknown")
        rules = driver.get("rules") or []
        bases = {k: v.get("uri", "") for k, v in (run.get("originalUriBaseIds") or {}).items() if isinstance(v, dict)}
        for item in run.get("results") or []:
            rule_id = item.get("ruleId") or (item.get("rule") or {}).get("id")
            if rule_id is None and isinstance(item.get("ruleIndex"), int) and item["ruleIndex"] < len(rules):
                rule_id = rules[item["ruleIndex"]].get("id")
            message = item.get("message") or {}
            text = message.get("text") or message.get("markdown") or message.get("id") or ""
            level = _LEVELS.get(item.get("level", "warning"), "warning")
            uri, location, pointer = None, None, None
            for loc in item.get("locations") or []:
                physical = loc.get("physicalLocation") or {}
                artifact = physical.get("artifactLocation") or {}
                if artifact.get("uri"):
                    uri = _resolve(artifact["uri"], artifact.get("uriBaseId"), base, bases)
                region = physical.get("region") or {}
                if isinstance(region.get("startLine"), int) and region["startLine"] >= 1:
                    location = Location(line=region["startLine"], column=max(1, int(region.get("startColumn", 1))),
                                        end_line=_positive(region.get("endLine")),
                                        end_column=_positive(region.get("endColumn")),
                                        quote=(region.get("snippet") or {}).get("text"), artifact=uri)
                for logical in loc.get("logicalLocations") or []:
                    name = logical.get("fullyQualifiedName") or logical.get("name")
                    if isinstance(name, str) and name.startswith("/"):
                        pointer = name
                break
            category = (item.get("properties") or {}).get("category") or "external"
            finding = Finding(str(rule_id or f"{tool}-unknown"), str(category), level, str(text), pointer, location,
                              {}, tool=tool)
            key = uri or f"<{tool}>"
            if key not in self.by_file:
                self.by_file[key] = []
                self.order.append(key)
            self.by_file[key].append(finding)

    def finish(self, result: AuditResult) -> None:
        """Add the findings about this result's files (the report file or the prose source it cites)."""
        for name in {result.source, result.artifact}:
            if name.startswith("<"):
                continue
            key = str(Path(name).resolve())
            if key in self.by_file and key not in self.used:
                self.used.add(key)
                result.findings.extend(self.by_file[key])
                result.sort()

    def leftovers(self) -> list[AuditResult]:
        """Results for files only the other tools looked at."""
        out = []
        for key in self.order:
            if key not in self.used:
                self.used.add(key)
                # jixiao ran no rule here, and was not asked to: the status follows the other tool's findings
                result = AuditResult(source=key, findings=list(self.by_file[key]), min_evaluated=0)
                result.sort()
                out.append(result)
        return out
