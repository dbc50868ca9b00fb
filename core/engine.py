"""The engine: load a source, validate it, run the rules that apply, aggregate the findings."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .context import RuleContext
from .errors import InputError, PackError
from .i18n import text
from .model import AuditResult, Finding, Location, RuleRun
from .packs import PackLibrary, ResolvedPack, Rule, applies
from .pluginmanager import Plugins, default_plugins
from .region import report_region
from .registry import Extraction
from .timelimit import ReportTimeout, time_limit
from .validation import violations
from .yamlsafe import nearest

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_TIMEOUT = 10.0


@dataclass
class Options:
    packs: list[str] = field(default_factory=list)  # empty: national plus every pack whose applies_to matches
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    lang: str = "zh"
    max_bytes: int = DEFAULT_MAX_BYTES
    max_text_chars: int = 1_000_000  # prose sources: characters of text read at most
    timeout: float = DEFAULT_TIMEOUT  # seconds per report
    fast_schema: bool = True


def _matches(rule_id: str, patterns: list[str]) -> bool:
    return any(rule_id == p or rule_id.startswith(p.rstrip("*")) for p in patterns)


class Auditor:
    """Checks reports against rule packs. Packs are read and validated when the auditor is built,
    before any report; each rule's kind is resolved once, then called directly per report."""

    def __init__(self, options: Options | None = None, plugins: Plugins | None = None):
        self.options = options or Options()
        self.plugins = plugins or default_plugins()
        self.library = PackLibrary(self.plugins)
        self.explicit: list[ResolvedPack] = [self.library.resolve(name) for name in self.options.packs]
        self.pack_problems: list[PackError] = []  # broken packs offered by plugins, skipped
        self.candidates: list[ResolvedPack] = [] if self.explicit else self._candidates()
        self._rulesets: dict[tuple[str, ...], list[Rule]] = {}

    def _candidates(self) -> list[ResolvedPack]:
        """Every available pack, for per-report selection. A broken pack that nobody named is
        reported and left out rather than stopping every check."""
        found = []
        for name in self.library.available():
            try:
                found.append(self.library.resolve(name))
            except PackError as exc:
                self.pack_problems.append(exc)
        return found

    # -- pack selection -------------------------------------------------------------------------
    def packs_for(self, report: dict[str, Any]) -> list[ResolvedPack]:
        """The packs that apply: every pack named on the command line, else every available pack whose
        `applies_to` matches; a pack already included by another's `extends` is not run twice."""
        if self.explicit:
            chosen = self.explicit
        else:
            region = report_region(report)[0]
            chosen = [p for p in self.candidates if applies(p.pack, report, region)[0]]
        covered = {ancestor for p in chosen for ancestor in p.ancestors}
        return [p for p in chosen if p.name not in covered]

    def explain_region(self, report: dict[str, Any]) -> str:
        region, why = report_region(report)
        return (" / ".join(region.values()) or "—") + f" ({why})"

    def explain_packs(self, report: dict[str, Any]) -> list[tuple[str, bool, str]]:
        if self.explicit:
            return [(p.name, True, "named on the command line") for p in self.explicit]
        chosen = {p.name for p in self.packs_for(report)}
        region = report_region(report)[0]
        out = []
        for pack in self.candidates:
            ok, why = applies(pack.pack, report, region)
            if ok and pack.name not in chosen:
                why += "; included through another pack's extends"
            out.append((pack.name, ok, why))
        return out

    def rules_for(self, packs: list[ResolvedPack]) -> list[Rule]:
        key = tuple(p.name for p in packs)
        rules = self._rulesets.get(key)
        if rules is None:
            merged: dict[str, Rule] = {}
            for pack in packs:
                for rule_id, rule in pack.rules.items():
                    current = merged.get(rule_id)
                    if current is None or _takes_precedence(rule, pack, current):
                        merged[rule_id] = rule
            rules = [
                r for r in merged.values()
                if r.enabled
                and (not self.options.select or _matches(r.id, self.options.select))
                and not _matches(r.id, self.options.ignore)
            ]
            self._rulesets[key] = rules
        return rules

    def all_rules(self) -> dict[str, Rule]:
        rules: dict[str, Rule] = {}
        for pack in self.explicit or self.candidates:
            for rule_id, rule in pack.rules.items():
                rules.setdefault(rule_id, rule)
        return rules

    # -- one report -----------------------------------------------------------------------------
    def check_path(self, path: str) -> AuditResult:
        """Read, validate and check one file; never raises for anything about the file itself."""
        try:
            with time_limit(self.options.timeout):
                try:
                    extraction = self.extract_path(path)
                except InputError as exc:
                    return self.unreadable(path, exc)
                return self.check_extraction(extraction, path)
        except ReportTimeout:
            finding = Finding("JX-TIMEOUT", "internal", "error",
                              text("rule.timeout", self.options.lang, seconds=self.options.timeout), None, None,
                              {"file": path, "seconds": self.options.timeout})
            return AuditResult(source=path, findings=[finding])
        except Exception as exc:  # a bug in an extractor or a hook: this file's problem, not the batch's
            finding = Finding("JX-INTERNAL", "internal", "error",
                              text("rule.internal", self.options.lang, rule_id="extract", detail=f"{type(exc).__name__}: {exc}"),
                              None, None, {"file": path})
            return AuditResult(source=path, findings=[finding])

    def extract_path(self, path: str, data: bytes | None = None) -> Extraction:
        extractor = self.plugins.extractor_for(path)
        if extractor is None:
            supported = ", ".join(sorted(self.plugins.suffixes))
            raise InputError(path, None, None, f"supported: {supported}", key="unsupported")
        if data is None:
            try:
                size = Path(path).stat().st_size
                if size > self.options.max_bytes:
                    raise InputError(path, None, None, f"{size} bytes > limit {self.options.max_bytes}", key="too_large")
                data = Path(path).read_bytes()
            except FileNotFoundError:
                raise InputError(path, None, None, "", key="not_found") from None
            except OSError as exc:
                raise InputError(path, None, None, exc.strerror or str(exc)) from None
        elif len(data) > self.options.max_bytes:
            raise InputError(path, None, None, f"{len(data)} bytes > limit {self.options.max_bytes}", key="too_large")
        return extractor.extract(path, data, self.options)

    def unreadable(self, path: str, exc: InputError) -> AuditResult:
        location = Location(line=exc.line, column=exc.column or 1, artifact=path) if exc.line else None
        finding = Finding("JX-INPUT", "input", "error", exc.render(self.options.lang), None, location,
                          {"file": path, "problem": exc.key})
        return AuditResult(source=path, findings=[finding], unreadable=True)

    def check_extraction(self, extraction: Extraction, source: str) -> AuditResult:
        report = extraction.report
        if not isinstance(report, dict):
            got = type(report).__name__ if report is not None else "empty document"
            return self.unreadable(source, InputError(source, None, None, got, key="not_object"))
        return self.check_report(report, source, extraction.positions, list(extraction.findings))

    def check_report(self, report: dict[str, Any], source: str = "<report>", positions: dict | None = None,
                     findings: list[Finding] | None = None) -> AuditResult:
        lang = self.options.lang
        hook = self.plugins.manager.hook
        hook.jixiao_report_loaded(report=report, source=source)
        findings = list(findings or [])
        positions = positions or {}
        unread = _not_found(report)
        for violation in violations("report", report, fast=self.options.fast_schema):
            if violation.missing and all(p in unread for p in violation.missing):
                continue  # a figure the extractor could not read: its own info finding says so, not the report's fault
            location = _position_location(positions, violation.pointer, source)
            findings.append(Finding("JX-SCHEMA", "schema", "error",
                                    text("schema.violation", lang, path=violation.pointer or "/", detail=violation.message),
                                    violation.pointer or None, location, {}))
        packs = self.packs_for(report)
        runs: list[RuleRun] = []
        deadline = time.monotonic() + self.options.timeout if self.options.timeout else None
        rules = self.rules_for(packs)
        present = frozenset(key for key, value in report.items() if value is not None)
        for index, rule in enumerate(rules):
            if deadline is not None and time.monotonic() > deadline:
                findings.append(Finding("JX-TIMEOUT", "internal", "error",
                                        text("rule.timeout", lang, seconds=self.options.timeout), None, None, {}))
                runs.extend(RuleRun(r.id, "skipped", "time limit") for r in rules[index:])
                break
            runs.append(self._run_rule(rule, report, positions, source, findings, present))
        hook.jixiao_findings_ready(report=report, source=source, findings=findings)
        result = AuditResult(source=source, findings=findings, rule_runs=runs,
                             packs=[p.ident() for p in packs], report=report)
        result.sort()
        return result

    def run_rule(self, rule: Rule, report: dict[str, Any], source: str = "<report>") -> tuple[RuleRun, list[Finding]]:
        """Run one rule on one report (no schema validation, no hooks): for rule tests."""
        findings: list[Finding] = []
        run = self._run_rule(rule, report, {}, source, findings)
        return run, findings

    def _run_rule(self, rule: Rule, report: dict, positions: dict, source: str, findings: list[Finding],
                  present: frozenset[str] | None = None) -> RuleRun:
        roots = rule.pointer_roots
        if roots:
            if present is None:
                present = frozenset(key for key, value in report.items() if value is not None)
            if roots.isdisjoint(present):
                # Nothing the rule reads is in the report: skipped, without calling the kind.
                return RuleRun(rule.id, "skipped", "missing: " + ", ".join("/" + r for r in sorted(roots)))
        ctx = RuleContext(report, rule, self.options.lang, positions, source)
        try:
            produced = list(rule.kind_impl.check(report, rule, ctx))
        except Exception as exc:  # a bug in one kind must not lose the other rules' findings
            findings.append(Finding(rule.id, "internal", "error",
                                    text("rule.internal", self.options.lang, rule_id=rule.id,
                                         detail=f"{type(exc).__name__}: {exc}"),
                                    None, None, {}))
            return RuleRun(rule.id, "errored", f"{type(exc).__name__}: {exc}")
        findings.extend(produced)
        if produced:
            return RuleRun(rule.id, "failed")
        if ctx.evaluations == 0:
            missing = ", ".join(dict.fromkeys(ctx.missing)) or "no input"
            return RuleRun(rule.id, "skipped", f"missing: {missing}")
        return RuleRun(rule.id, "passed")


def _takes_precedence(rule: Rule, pack: ResolvedPack, current: Rule) -> bool:
    """Two packs that run on one report both carry a rule: a version some pack changed (overrides)
    beats an unchanged one; between two changed versions, the pack named later (or, chosen
    automatically, the later in name order) wins."""
    if rule is current:
        return False
    return bool(rule.changed_by) or not current.changed_by


def _not_found(report: dict[str, Any]) -> frozenset[str]:
    extraction = report.get("extraction")
    listed = extraction.get("not_found") if isinstance(extraction, dict) else None
    return frozenset(p for p in listed if isinstance(p, str)) if isinstance(listed, list) else frozenset()


def _position_location(positions: dict, pointer: str, source: str) -> Location | None:
    position = nearest(positions, pointer)
    return Location(line=position.line, column=position.column, artifact=source) if position else None


def iter_sources(paths: Iterable[str], suffixes: set[str]) -> list[str]:
    """Files named, and files under folders named (recursively, sorted), that an extractor accepts."""
    out: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = []
            for child in sorted(_walk(path)):
                if child.name.lower().endswith(tuple(suffixes)) and not child.name.startswith("."):
                    found.append(str(child))
            out.extend(found)
        else:
            out.append(raw)
    return out


PROJECT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg")


def _walk(folder: Path) -> Iterable[Path]:
    """Files below a folder, following links once; folders that hold a Python project (a plugin's
    source, say) are not reports and are not entered, unless named themselves."""
    seen: set[tuple[int, int]] = set()
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            info = current.stat()
        except OSError:
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen:  # a symlink loop
            continue
        seen.add(key)
        try:
            entries = list(current.iterdir())
        except OSError:
            continue
        if current != folder and any((current / marker).exists() for marker in PROJECT_MARKERS):
            continue
        for entry in entries:
            if entry.is_dir():
                if not entry.name.startswith("."):  # .git, .venv and the like hold no reports
                    stack.append(entry)
            elif entry.is_file() or entry.is_symlink():  # a dangling link is reported, not skipped
                yield entry
