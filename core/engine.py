"""The engine: load a source, validate it, run the rules that apply, aggregate the findings."""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any, NamedTuple, cast
from collections.abc import Callable, Iterable

from . import archives, log
from .beside import page_resources
from .context import RuleContext
from .errors import InputError, PackError, PackProblem
from .i18n import ENGINE_RULES, lookup, text
from .limits import LimitExceeded
from .model import CATEGORIES, DEFAULT_MIN_EVALUATED, AuditResult, Finding, Location, RuleRun
from .packs import PackLibrary, ResolvedPack, Rule, applies
from .pluginmanager import Plugins, default_plugins
from .region import report_region
from .registry import Extraction, Outcome, Positions, Skipped
from .timelimit import ReportTimeout, ctrl_c_is_keyboard_interrupt, time_limit
from .validation import violations
from .yamlsafe import nearest

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_TIMEOUT = 10.0
# A report whose reading is slow by nature asks for more time as it goes (OCR, page by page: timelimit.more_time),
# up to this many times --timeout in all (300 s by default: a 60-page scan); a runaway is still stopped at --timeout.
SLOW_READING_FACTOR = 30


@dataclass
class Options:
    packs: list[str] = field(default_factory=list)  # empty: national plus every pack whose applies_to matches
    pack_dirs: list[str] = field(default_factory=list)  # folders whose every pack is offered for selection too
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    lang: str = "zh"
    max_bytes: int = DEFAULT_MAX_BYTES
    max_text_chars: int = 1_000_000  # prose sources: characters of text read at most
    timeout: float = DEFAULT_TIMEOUT  # seconds per report
    fast_schema: bool = True
    min_evaluated: int = DEFAULT_MIN_EVALUATED  # fewer rules evaluated: the report is not_checked (exit 2)


def _matches(rule_id: str, patterns: list[str], category: str | None = None) -> bool:
    """A rule id (or a finding's) matches an id, an id prefix (NAT-ARITH, NAT-ARITH*) or a category name."""
    return any(rule_id == p or (category is not None and p == category) or (p.rstrip("*") and rule_id.startswith(p.rstrip("*")))
               for p in patterns)


def _prefixes(rule_id: str) -> list[str]:
    parts = rule_id.split("-")
    return ["-".join(parts[:n]) for n in range(1, len(parts))]


def unknown_selectors(patterns: list[str], rules: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """The --select/--ignore entries that name no rule of `rules`, no engine finding (JX-…), no id
    prefix and no category, each with the closest names (difflib) to suggest."""
    import difflib

    ids = set(rules) | set(ENGINE_RULES)
    categories: set[str] = {category for rule in rules.values()
                            if (category := getattr(rule, "category", None)) is not None} | set(CATEGORIES)
    categories |= {cast(str, entry["category"]) for entry in ENGINE_RULES.values()}  # every engine rule has one
    names = sorted(ids | categories | {prefix for rule_id in ids for prefix in _prefixes(rule_id)})
    unknown = []
    for pattern in patterns:
        if pattern in categories or any(_matches(rule_id, [pattern]) for rule_id in ids):
            continue
        close = difflib.get_close_matches(pattern, names, n=3, cutoff=0.6) \
            or difflib.get_close_matches(pattern.upper(), names, n=3, cutoff=0.6) \
            or difflib.get_close_matches(pattern.lower(), names, n=3, cutoff=0.6)
        unknown.append((pattern, close))
    return unknown


EXPLAIN: dict[str, dict[str, str]] = {
    "named_always": {"zh": "已指定，且没有 applies_to，总是使用", "en": "named, no applies_to"},
    "named": {"zh": "已指定；{why}", "en": "named; {why}"},
    "stand_ins": {"zh": "；改用它所继承的规则包：{names}", "en": "; the pack(s) it extends run instead: {names}"},
    "standing_in": {"zh": "被 {name} 继承，{name} 不适用，故改用本规则包", "en": "extended by {name}, which does not apply"},
    "through_extends": {"zh": "；已通过另一规则包的 extends 包含", "en": "; included through another pack's extends"},
}


class Reader:
    """Reads sources into reports with the extractors the plugins registered, and nothing more: no pack is
    read (`jixiao extract`, `jixiao.extract()`). An `Auditor` is a Reader that also checks."""

    def __init__(self, options: Options | None = None, plugins: Plugins | None = None):
        self.options = options or Options()
        self.plugins = plugins or default_plugins()

    def extract_path(self, path: str, data: bytes | None = None) -> Extraction:
        """Read one source with the extractor its suffix names. A file whose suffix no extractor claims,
        or whose bytes are not what its suffix says (the suffix's extractor sniffs them and says no), goes
        to the extractor whose `sniff` recognises the bytes; where none does, the suffix decides."""
        extractor = self.plugins.extractor_for(path)
        member = archives.split(path) if data is None else None
        if archives.is_archive_name(path) and (data is not None or member is not None or not extractor):
            raise self._unsupported(path)  # an archive: in an archive, or sent alone (not as a listed folder)
        if extractor is None and PurePath(path).suffix and data is None:
            raise self._unsupported(path)  # a suffix no extractor claims (.dwg): listed as not checked
        if member is not None:  # a file in a zip (`iter_sources` lists them): its bytes, bounded
            with log.stage("read"):
                data = archives.read_member(path, self.options.max_bytes)
        if data is None:
            # stat first, open never: a FIFO, socket, device or folder is refused without blocking on it
            info = _stat_source(path)
            if info.st_size > self.options.max_bytes:
                if extractor is None:  # too large to look into, and no suffix says what it is
                    raise self._unsupported(path)
                raise InputError(path, None, None, f"{info.st_size:,} > {self.options.max_bytes:,}", key="too_large")
            with log.stage("read"):
                data = _read_regular(path, self.options.max_bytes)
        elif len(data) > self.options.max_bytes:
            raise InputError(path, None, None, f"{len(data):,} > {self.options.max_bytes:,}", key="too_large")
        extractor = _sniffed(self.plugins.extractors, data, extractor)
        if extractor is None:
            raise self._unsupported(path)
        with log.stage("extract"):
            return cast(Extraction, extractor.extract(path, data, self.options))  # an extractor's contract

    def _unsupported(self, path: str) -> InputError:
        if archives.is_archive_name(path):  # (a department's files sent as one 附件.zip)
            if archives.opens(path) and archives.split(path) is None:
                if "://" in path and not os.path.exists(path):  # an fsspec URL: only local archives are opened
                    return InputError(path, None, None, "", key="archive_url")
                if os.path.isfile(path):  # checked alone (listed sources open it): why it has nothing, or how to check it
                    return archives.problem(path) or InputError(path, None, None, "", key="archive_alone")
            return InputError(path, None, None, "", key="archive")
        supported = ", ".join(sorted(self.plugins.suffixes))
        label = "可检查的类型：" if self.options.lang == "zh" else "supported: "
        return InputError(path, None, None, label + supported, key="unsupported")


class Auditor(Reader):
    """Checks reports against rule packs. Packs are read and validated when the auditor is built,
    before any report; each rule's kind is resolved once, then called directly per report."""

    def __init__(self, options: Options | None = None, plugins: Plugins | None = None):
        super().__init__(options, plugins)
        self.library = PackLibrary(self.plugins)
        self.explicit: list[ResolvedPack] = [self.library.resolve(name) for name in self.options.packs]
        self.pack_problems: list[PackError] = []  # broken packs offered by plugins, skipped
        self.candidates: list[ResolvedPack] = [] if self.explicit else self._candidates()
        self.candidates += self._folder_packs()
        # a named pack that does not apply to a report gives way to the nearest packs it extends that do:
        # those of each named pack resolved now (a broken one stops the run here), deeper ones when first needed
        self._fallbacks: dict[str, list[ResolvedPack]] = {}
        for pack in self.explicit:
            self._parents(pack)
        self._rulesets: dict[tuple[str, ...], list[Rule]] = {}
        self._plans: dict[tuple[str, ...], _Plan] = {}
        self._selected: dict[tuple[Any, ...], list[ResolvedPack]] = {}  # packs_for, by what selection reads of a report

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

    def _folder_packs(self) -> list[ResolvedPack]:
        """Every pack (*.yaml, *.yml) in the folders named with --pack-dir, in name order. The folder was
        named on purpose, so a broken pack in it stops the run (PackError) like a pack named with --pack."""
        found: list[ResolvedPack] = []
        problems = []
        for folder in self.options.pack_dirs:
            if not os.path.isdir(folder):
                raise PackError([PackProblem(folder, None, None, "not a folder of rule packs")])
            for entry in sorted(Path(folder).iterdir()):
                if entry.suffix in (".yaml", ".yml") and entry.is_file():
                    try:
                        pack = self.library.resolve(str(entry.resolve()))
                    except PackError as exc:
                        problems.extend(exc.problems)
                        continue
                    if pack.name not in {p.name for p in [*self.explicit, *found]}:
                        found.append(pack)
        if problems:
            raise PackError(problems)
        return found

    def _parents(self, pack: ResolvedPack) -> list[ResolvedPack]:
        """The packs `pack` extends, resolved once (names, or files relative to the pack's own)."""
        parents = self._fallbacks.get(pack.name)
        if parents is None:
            parents = self._fallbacks[pack.name] = [self.library.resolve(name, relative_to=pack.pack.path)
                                                    for name in pack.pack.extends]
        return parents

    # -- pack selection -------------------------------------------------------------------------
    def _named_choice(self, pack: ResolvedPack, report: dict[str, Any], region: dict[str, str],
                      seen: set[str]) -> list[tuple[ResolvedPack, str]]:
        """A named pack runs when its `applies_to` matches the report, or when it has none (named: it was
        asked for). Otherwise the packs it extends stand in for it, each by the same test, so a local
        pack for fiscal years from 2023 leaves a 2021 report to the national pack it extends."""
        if pack.name in seen:
            return []
        seen.add(pack.name)
        if pack.pack.applies_to is None or applies(pack.pack, report, region)[0]:
            return [(pack, "")]
        chosen = []
        for parent in self._parents(pack):
            for found, _ in self._named_choice(parent, report, region, seen):
                chosen.append((found, pack.name))
        return chosen

    def _selection(self, report: dict[str, Any]) -> list[tuple[ResolvedPack, str]]:
        """(pack, the named pack it stands in for, or "") for every pack that applies to a report."""
        region = report_region(report)[0]
        chosen: list[tuple[ResolvedPack, str]] = []
        seen: set[str] = set()
        for pack in self.explicit:
            chosen += self._named_choice(pack, report, region, seen)
        chosen += [(p, "") for p in self.candidates if p.name not in seen and applies(p.pack, report, region)[0]]
        return chosen

    def packs_for(self, report: dict[str, Any]) -> list[ResolvedPack]:
        """The packs that apply: the packs named (--pack, the configuration) whose `applies_to` matches or
        who have none, else the packs they extend; without named packs, every available pack whose
        `applies_to` matches; and every pack of a --pack-dir folder whose `applies_to` matches. A pack
        already included by another's `extends` is not run twice.

        Selection reads only the report's region, kind and fiscal year: its result is kept by those."""
        key = _selection_key(report)
        found = self._selected.get(key) if key is not None else None
        if found is None:
            chosen = [p for p, _ in self._selection(report)]
            covered = {ancestor for p in chosen for ancestor in p.ancestors}
            found = [p for p in chosen if p.name not in covered]
            if key is not None and len(self._selected) < 4096:
                self._selected[key] = found
        return list(found)

    def explain_region(self, report: dict[str, Any], lang: str = "en") -> str:
        region, why = report_region(report, lang)
        return (" / ".join(region.values()) or "—") + (f"（{why}）" if lang == "zh" else f" ({why})")

    def explain_packs(self, report: dict[str, Any], lang: str = "en") -> list[tuple[str, bool, str]]:
        """(pack, runs, why) for every pack that was named or offered."""
        region = report_region(report)[0]
        running = {p.name for p in self.packs_for(report)}
        selected = {p.name: instead_of for p, instead_of in self._selection(report)}
        out = []

        def say(key: str, **values: Any) -> str:
            return lookup(EXPLAIN, key, lang, **values)

        for pack in self.explicit:
            if pack.pack.applies_to is None:
                out.append((pack.name, pack.name in running, say("named_always")))
            else:
                ok, why = applies(pack.pack, report, region, lang)
                stand_ins = [name for name, instead in selected.items() if instead == pack.name]
                if not ok and stand_ins:
                    why += say("stand_ins", names=", ".join(stand_ins))
                out.append((pack.name, ok, say("named", why=why)))
        for name, instead in selected.items():
            if instead:
                out.append((name, True, say("standing_in", name=instead)))
        for pack in self.candidates:
            if pack.name in selected and selected[pack.name]:
                continue
            ok, why = applies(pack.pack, report, region, lang)
            if ok and pack.name not in running:
                why += say("through_extends")
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
            rules = [r for r in merged.values() if r.enabled and self.wanted(r.id, r.category)]
            self._rulesets[key] = rules
        return rules

    def wanted(self, rule_id: str, category: str | None) -> bool:
        """Whether --select/--ignore keep a rule, or a finding of no rule that ran (JX-…, a hook's)."""
        return ((not self.options.select or _matches(rule_id, self.options.select, category))
                and not _matches(rule_id, self.options.ignore, category))

    def _kept(self, findings: list[Finding], ran: set[str] | frozenset[str] = frozenset()) -> list[Finding]:
        """Findings after --select/--ignore: those of the rules that ran (already selected) stay, even
        a kind's crash (category internal); engine and hook findings are filtered like rules."""
        if not self.options.select and not self.options.ignore:
            return findings
        return [f for f in findings if f.rule_id in ran or self.wanted(f.rule_id, f.category)]

    def unknown_selectors(self) -> list[tuple[str, str, list[str]]]:
        """(option, entry, suggestions) for each --select/--ignore entry that names nothing: no rule
        of any pack that could run, no engine finding id, no id prefix, no category."""
        rules = self.all_rules()
        return [(option, pattern, close)
                for option, patterns in (("--select", self.options.select), ("--ignore", self.options.ignore))
                for pattern, close in unknown_selectors(patterns, rules)]

    def all_rules(self) -> dict[str, Rule]:
        rules: dict[str, Rule] = {}
        for pack in [*self.explicit, *(p for ps in self._fallbacks.values() for p in ps), *self.candidates]:
            for rule_id, rule in pack.rules.items():
                rules.setdefault(rule_id, rule)
        return rules

    # -- one report -----------------------------------------------------------------------------
    def check_path(self, path: str, data: bytes | None = None) -> AuditResult:
        """Read, validate and check one file; never raises for anything about the file itself. `data`: the
        file's bytes, where they were read elsewhere (an fsspec URL read on a cluster worker)."""
        if PurePath(path).name.startswith("~$"):  # Word/WPS lock file: not a report, listed as skipped
            return self.unreadable(path, InputError(path, None, None, "", key="lock_file"))
        try:
            with time_limit(self.options.timeout, self.options.timeout * SLOW_READING_FACTOR):
                try:
                    extraction = self.extract_path(path, data)
                except InputError as exc:
                    return self.unreadable(path, exc)
                return self.check_extraction(extraction, path)
        except ReportTimeout:
            finding = Finding("JX-TIMEOUT", "internal", "error",
                              text("rule.timeout", self.options.lang, seconds=self.options.timeout), None, None,
                              {"file": path, "seconds": self.options.timeout})
            return AuditResult(source=path, findings=self._kept([finding]), min_evaluated=self.options.min_evaluated)
        except MemoryError:  # a bomb (over --max-memory in a worker): this file's problem, the process goes on
            return self.unreadable(path, InputError(path, None, None, "MemoryError", key="memory"))
        # a bug in an extractor or a hook, or plugin code calling sys.exit() or raising KeyboardInterrupt:
        # this file's problem, not the batch's (a real Ctrl-C is `Interrupted`, and passes)
        except (Exception, SystemExit, KeyboardInterrupt) as exc:
            if isinstance(exc, KeyboardInterrupt) and ctrl_c_is_keyboard_interrupt():
                raise
            log.logger.debug("reading %s failed", path, exc_info=True)
            finding = Finding("JX-INTERNAL", "internal", "error",
                              text("rule.internal", self.options.lang, rule_id="extract", detail=f"{type(exc).__name__}: {exc}"),
                              None, None, {"file": path})
            return AuditResult(source=path, findings=self._kept([finding]), min_evaluated=self.options.min_evaluated)

    def failed(self, path: str, finding: Finding) -> AuditResult:
        """The result for a file whose check did not finish (its worker died, or was stopped)."""
        return AuditResult(source=path, findings=self._kept([finding]), min_evaluated=self.options.min_evaluated)

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
        result = self.check_report(report, source, extraction.positions, list(extraction.findings))
        at = {run.rule_id: k for k, run in enumerate(result.rule_runs)}
        for number, part in enumerate(extraction.parts, start=2):  # (a compilation's later reports, each on its own)
            if not isinstance(part.report, dict):
                continue
            checked = self.check_report(part.report, source, part.positions, list(part.findings))
            for finding in checked.findings:
                finding.message = part.label + finding.message
                finding.values = {**finding.values, "part": number}
                result.findings.append(finding)
            for run in checked.rule_runs:  # (a rule's run over the file: its most telling over the file's reports)
                k = at.get(run.rule_id)
                if k is None:
                    at[run.rule_id] = len(result.rule_runs)
                    result.rule_runs.append(run)
                elif _RUN_WEIGHT[run.status] > _RUN_WEIGHT[result.rule_runs[k].status]:
                    result.rule_runs[k] = run
        if extraction.parts:
            result.sort()
        return result

    def check_report(self, report: dict[str, Any], source: str = "<report>", positions: Positions | None = None,
                     findings: list[Finding] | None = None) -> AuditResult:
        lang = self.options.lang
        hook = self.plugins.manager.hook
        if hook.jixiao_report_loaded.get_hookimpls():  # per-report hooks cost nothing when nobody implements them
            detach = getattr(positions, "detach", None)  # the report may change: places from its text alone
            if callable(detach):
                detach()
            hook.jixiao_report_loaded(report=report, source=source)
        findings = list(findings or [])
        positions = positions or {}
        unread = _not_found(report)
        with log.stage("validate"):
            found = violations("report", report, fast=self.options.fast_schema)
        for violation in found:
            if violation.missing and all(p in unread for p in violation.missing):
                continue  # a figure the extractor could not read: its own info finding says so, not the report's fault
            location = _position_location(positions, violation.pointer, source)
            findings.append(Finding("JX-SCHEMA", "schema", "error",
                                    text("schema.violation", lang, path=violation.pointer or "/", detail=violation.message),
                                    violation.pointer or None, location, {}))
        packs = self.packs_for(report)
        runs: list[RuleRun] = []
        deadline = time.monotonic() + self.options.timeout if self.options.timeout else None
        plan = self._plan(packs)
        rules = plan.rules
        present = frozenset(key for key, value in report.items() if value is not None)
        ctx = RuleContext(report, None, lang, positions, source)  # one per report: a value is read once
        timing = log.enabled()
        started = time.perf_counter() if timing else 0.0
        overridden = type(self)._run_rule is not _RUN_RULE  # a subclass (or a test) runs rules its own way
        monotonic = time.monotonic
        for index, step in enumerate(plan.steps):
            if deadline is not None and monotonic() > deadline:
                findings.append(Finding("JX-TIMEOUT", "internal", "error",
                                        text("rule.timeout", lang, seconds=self.options.timeout), None, None, {}))
                runs.extend(RuleRun(r.id, "skipped", "time limit") for r in rules[index:])
                break
            rule = step.rule
            if overridden:
                runs.append(self._run_rule(rule, report, positions, source, findings, present, ctx))
            elif step.roots and step.roots.isdisjoint(present):
                runs.append(step.absent)  # nothing the rule reads is in the report: skipped without a call
            else:
                runs.append(_check_rule(rule, ctx.begin(rule), lang, source, findings, step.passed, step.failed,
                                        step.check))
        if timing:
            log.add("rules", time.perf_counter() - started)
        if hook.jixiao_findings_ready.get_hookimpls():
            hook.jixiao_findings_ready(report=report, source=source, findings=findings)
        result = AuditResult(source=source, findings=self._kept(findings, plan.ids), rule_runs=runs,
                             packs=[p.ident() for p in packs], report=report,
                             min_evaluated=self.options.min_evaluated)
        result.sort()
        if len(result.findings) > MAX_REPEATED:
            result.findings = cap_repeated(result.findings, lang)
            result.sort()
        return result

    def _plan(self, packs: list[ResolvedPack]) -> _Plan:
        """The rules that run for these packs, in order, each compiled once (the flat plan of a check)."""
        key = tuple(p.name for p in packs)
        plan = self._plans.get(key)
        if plan is None:
            rules = self.rules_for(packs)
            for rule in rules:
                rule.compiled  # noqa: B018 - compile now, once, not on the first report that needs it
            plan = self._plans[key] = _Plan(rules, frozenset(r.id for r in rules), [_Step.of(r) for r in rules])
        return plan

    def run_rule(self, rule: Rule, report: dict[str, Any], source: str = "<report>") -> tuple[RuleRun, list[Finding]]:
        """Run one rule on one report (no schema validation, no hooks): for rule tests."""
        findings: list[Finding] = []
        run = self._run_rule(rule, report, {}, source, findings)
        return run, findings

    def _run_rule(self, rule: Rule, report: dict[str, Any], positions: Positions, source: str, findings: list[Finding],
                  present: frozenset[str] | None = None, ctx: RuleContext | None = None) -> RuleRun:
        return run_compiled(rule, report, self.options.lang, positions, source, findings, present, ctx)


_RUN_RULE = Auditor._run_rule


@dataclass
class _Plan:
    """The rules that run for one selection of packs, in order, compiled; and their ids (for --select)."""

    rules: list[Rule]
    ids: frozenset[str]
    steps: list[_Step] = field(default_factory=list)


class _Step(NamedTuple):
    """One rule of a plan with what running it gives when it needs no call or finds nothing (made once)."""

    rule: Rule
    roots: frozenset[str]
    absent: RuleRun  # skipped: none of its inputs' top-level fields is in the report
    passed: RuleRun
    failed: RuleRun
    check: Callable[[RuleContext], Outcome]  # rule.compiled.check

    @classmethod
    def of(cls, rule: Rule) -> _Step:
        return cls(rule, rule.pointer_roots, _absent(rule), RuleRun(rule.id, "passed"), RuleRun(rule.id, "failed"),
                   rule.compiled.check)


# which of a rule's runs on a file's several reports (a compilation's) stands for the file: errored, then failed, then
# passed, then skipped
_RUN_WEIGHT = {"skipped": 0, "passed": 1, "failed": 2, "errored": 3}


def _absent(rule: Rule) -> RuleRun:
    """The run of a rule none of whose inputs' top-level fields is in the report: skipped, naming them."""
    return RuleRun(rule.id, "skipped", "missing: " + ", ".join("/" + r for r in sorted(rule.pointer_roots)))


RUN_MESSAGES: dict[str, dict[str, str]] = {
    "bad_return": {"zh": "规则类型的 check 返回了 {got}，而不是发现（Finding）的列表或 Skipped；本规则的结果作废，其他规则不受影响",
                   "en": "the kind's check returned {got}, not a list of Finding or Skipped; this rule's result is void, no other rule is affected"},
}


def run_compiled(rule: Rule, report: dict[str, Any], lang: str, positions: Positions, source: str, findings: list[Finding],
                 present: frozenset[str] | None = None, ctx: RuleContext | None = None) -> RuleRun:
    """Run one compiled rule on one report, adding its findings to `findings`: a rule whose inputs are all
    absent is skipped without a call; a kind that raises, or returns anything but findings or `Skipped`,
    gives one `internal` finding of that rule, and every other finding stays."""
    roots = rule.pointer_roots
    if roots:
        if present is None:
            present = frozenset(key for key, value in report.items() if value is not None)
        if roots.isdisjoint(present):
            return _absent(rule)  # nothing the rule reads is in the report: skipped, without calling the kind
    ctx = ctx.begin(rule) if ctx is not None else RuleContext(report, rule, lang, positions, source)
    return _check_rule(rule, ctx, lang, source, findings)


def _check_rule(rule: Rule, ctx: RuleContext, lang: str, source: str, findings: list[Finding],
                passed: RuleRun | None = None, failed: RuleRun | None = None,
                check: Callable[[RuleContext], Outcome] | None = None) -> RuleRun:
    """`run_compiled` once the rule is to be called, with its context begun: `passed` and `failed` are
    the rule's RuleRun values, and `check` its compiled check, where they were looked up already."""
    try:
        outcome = (check or rule.compiled.check)(ctx)
        if type(outcome) is list:
            if not outcome:
                return passed if passed is not None else RuleRun(rule.id, "passed")
            produced = outcome
        elif isinstance(outcome, Skipped):
            return RuleRun(rule.id, "skipped", outcome.reason)
        else:
            produced = list(outcome)
    # a bug in one kind must not lose the other rules' findings; nor may sys.exit() or a
    # KeyboardInterrupt raised by the kind (a real Ctrl-C is `Interrupted`, a time limit ReportTimeout)
    except (Exception, SystemExit, KeyboardInterrupt) as exc:
        if isinstance(exc, KeyboardInterrupt) and ctrl_c_is_keyboard_interrupt():
            raise
        log.logger.debug("rule %s failed on %s", rule.id, source, exc_info=True)
        findings.append(Finding(rule.id, "internal", "error",
                                text("rule.internal", lang, rule_id=rule.id, detail=f"{type(exc).__name__}: {exc}"),
                                None, None, {}))
        return RuleRun(rule.id, "errored", f"{type(exc).__name__}: {exc}")
    for item in produced:
        if not isinstance(item, Finding):  # a string, a dict, None: this rule's result is void, the others stay
            got = type(item).__name__
            log.logger.debug("rule %s returned %s on %s", rule.id, got, source)
            findings.append(Finding(rule.id, "internal", "error",
                                    text("rule.internal", lang, rule_id=rule.id,
                                         detail=lookup(RUN_MESSAGES, "bad_return", lang, got=got)),
                                    None, None, {}))
            return RuleRun(rule.id, "errored", lookup(RUN_MESSAGES, "bad_return", "en", got=got))
    findings.extend(produced)
    if produced:
        return failed if failed is not None else RuleRun(rule.id, "failed")
    return passed if passed is not None else RuleRun(rule.id, "passed")


def _selection_key(report: dict[str, Any]) -> tuple[Any, ...] | None:
    """What pack selection reads of a report (its region, kind and fiscal year), or None when that
    cannot be a key."""
    region = report_region(report)[0]
    kind, year = report.get("kind"), report.get("fiscal_year")
    key = (tuple(sorted(region.items())), type(kind), kind, type(year), year)
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _takes_precedence(rule: Rule, pack: ResolvedPack, current: Rule) -> bool:
    """Two packs that run on one report both carry a rule: a version some pack changed (overrides)
    beats an unchanged one; between two changed versions, the pack named later (or, chosen
    automatically, the later in name order) wins."""
    if rule is current:
        return False
    return bool(rule.changed_by) or not current.changed_by


def _sniffed(extractors: list[Any], data: bytes, claimed: Any) -> Any:
    """The extractor for these bytes: the one the suffix named (`claimed`) unless it sniffs and says no;
    then the first other extractor whose sniff recognises them; failing that, `claimed` (its own error
    says what is wrong with the file)."""
    if claimed is not None and (claimed.sniff is None or _sniffs(claimed, data)):
        return claimed
    for candidate in extractors:
        if candidate is not claimed and candidate.sniff is not None and _sniffs(candidate, data):
            return candidate
    return claimed


def _sniffs(extractor: Any, data: bytes) -> bool:
    try:
        return bool(extractor.sniff(data))
    except Exception:  # a plugin's sniff that fails on odd bytes recognises nothing
        return False


def _not_found(report: dict[str, Any]) -> frozenset[str]:
    extraction = report.get("extraction")
    listed = extraction.get("not_found") if isinstance(extraction, dict) else None
    return frozenset(p for p in listed if isinstance(p, str)) if isinstance(listed, list) else frozenset()


def _position_location(positions: Positions, pointer: str, source: str) -> Location | None:
    position = nearest(positions, pointer)
    return Location(line=position.line, column=position.column, artifact=source) if position else None


def iter_sources(paths: Iterable[str], suffixes: set[str]) -> list[str]:
    """Files named, and files under folders named (recursively, sorted), that an extractor accepts.

    A folder that cannot be listed is itself a source, so it gets an `input` finding (and exit 2)
    rather than being skipped without a word; so is anything under a folder that is not a regular file (a
    FIFO, a socket, a device: refused when checked, never opened). Every other file in a folder is a source
    too: one without a suffix is read by its content; a Word lock file (~$…) and a file of a type no
    extractor reads are listed as not checked, never skipped without a word. Hidden files and what macOS and
    Explorer leave (`__MACOSX/`, Thumbs.db, desktop.ini: `archives.listed`) are skipped, as in an archive, and so
    are the files of a page saved with its files (`X_files/`, `X.files/` beside `X.htm`): the page reads its pictures
    (`beside`). A zip archive stands for the files in it, each a source named `ARCHIVE!/MEMBER` (`archives`)."""
    out: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = []
            problems: list[Path] = []
            for child in _walk(path, problems):
                if archives.listed(child.relative_to(path).as_posix()):  # (as in an archive: not Thumbs.db, …)
                    found.append(child)
            kept = page_resources(str(p) for p in found)  # (a saved page's own files: read with the page)
            found = [p for p in found if str(p) not in kept]
            out.extend(source for p in sorted(found + problems) for source in _opened(str(p)))
        else:
            out.extend(_opened(raw))
    return out


def _opened(path: str) -> list[str]:
    """An archive's files (each a source, `archives`), or the file itself: an archive that gives none is one
    source that says why (damaged, empty, too many files)."""
    if not archives.opens(path) or not os.path.isfile(path):
        return [path]
    members = archives.members(path)
    if not members:
        return [path]
    kept = page_resources(members)  # (a saved page's own files: read with the page)
    return [member for member in members if member not in kept]


PROJECT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg")


def _walk(folder: Path, problems: list[Path] | None = None) -> Iterable[Path]:
    """Everything but folders below a folder, following links once; folders that hold a Python project
    (a plugin's source, say) are not reports and are not entered, unless named themselves. A folder
    that cannot be listed is added to `problems`."""
    seen: set[tuple[int, int]] = set()
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            info = current.stat()
        except OSError:
            if problems is not None:
                problems.append(current)
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen:  # a symlink loop
            continue
        seen.add(key)
        try:
            entries = list(current.iterdir())
        except OSError:
            if problems is not None:
                problems.append(current)
            continue
        if current != folder and any((current / marker).exists() for marker in PROJECT_MARKERS):
            continue
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:  # cannot even be looked at: reported when checked
                yield entry
                continue
            if is_dir:
                if not entry.name.startswith("."):  # .git, .venv and the like hold no reports
                    stack.append(entry)
            else:  # files, dangling links, FIFOs, sockets, devices: reported, not skipped
                yield entry


_SPECIAL = ((stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"),
            (stat.S_ISBLK, "block device"))


def _stat_source(path: str) -> os.stat_result:
    """The file's status, refusing what is not a regular file (without opening it: a FIFO would block)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(path, None, None, "", key="not_found") from None
    except OSError as exc:
        raise InputError(path, None, None, exc.strerror or str(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        try:
            next(iter(Path(path).iterdir()), None)
        except OSError as exc:
            raise InputError(path, None, None, exc.strerror or str(exc), key="unreadable_folder") from None
        raise InputError(path, None, None, "folder", key="not_regular")
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _SPECIAL if test(info.st_mode)), "special file")
        raise InputError(path, None, None, kind, key="not_regular")
    return info


def _read_regular(path: str, limit: int) -> bytes:
    """At most `limit` bytes of a regular file. Opened non-blocking and checked again after opening,
    so a file swapped for a FIFO in between cannot hang the run; a file that grew past the limit
    since it was looked at is refused, not read to its end."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                     | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(path, None, None, "", key="not_found") from None
    except OSError as exc:
        raise InputError(path, None, None, exc.strerror or str(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, None, None, "not a regular file", key="not_regular")
        parts: list[bytes] = []
        total = 0
        while True:  # normally one read: the size stat gave, plus one byte to see the end
            chunk = os.read(fd, min(max(info.st_size, 1 << 16), limit - total) + 1)
            if not chunk:
                return b"".join(parts)
            total += len(chunk)
            if total > limit:
                raise LimitExceeded(path, f"{total} bytes read", limit)
            parts.append(chunk)
    except OSError as exc:
        raise InputError(path, None, None, exc.strerror or str(exc)) from None
    finally:
        os.close(fd)


MAX_REPEATED = 50  # findings of one rule listed per report; the rest are counted in one info finding


def cap_repeated(findings: list[Finding], lang: str = "zh", limit: int = MAX_REPEATED) -> list[Finding]:
    """At most `limit` findings per rule id (the first, in the order given), then one info finding
    per rule saying how many more there were: a 1 MB report that repeats one mistake 100,000 times
    gives 51 findings, not 100,000."""
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.rule_id] = counts.get(finding.rule_id, 0) + 1
    if all(n <= limit for n in counts.values()):
        return findings
    kept: list[Finding] = []
    seen: dict[str, int] = {}
    for finding in findings:
        n = seen[finding.rule_id] = seen.get(finding.rule_id, 0) + 1
        if n <= limit:
            kept.append(finding)
        elif n == limit + 1:
            omitted = counts[finding.rule_id] - limit
            kept.append(Finding(finding.rule_id, finding.category, "info",
                                text("rule.capped", lang, rule_id=finding.rule_id, omitted=omitted, limit=limit),
                                None, None, {"omitted": omitted, "limit": limit}, tool=finding.tool))
    return kept
