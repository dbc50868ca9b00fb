"""Rule tests: example report fragments a pack carries next to a rule, that must or must not trigger it.

    - id: QL-RATE-001
      ...
      tests:
        fail: [{projects_summary: {execution_rate: 85}}]
        pass: [{projects_summary: {execution_rate: 95}}]

Each fragment is merged onto a minimal report (kind, fiscal year, department); a `fail` example must
give at least one finding of that rule, a `pass` example must give none and must not be skipped
(a pass that never ran proves nothing).

An override that changes an inherited rule's parameters re-runs the rule's inherited tests while the pack
loads (`jixiao.packcheck`, with `PlainRunner`): the ones that no longer hold are dropped, with a note, so
they never fail `jixiao rules test`; `tests` in an override by id replace them and must pass.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from .i18n import lookup
from .engine import Auditor, run_compiled
from .model import Finding, RuleRun
from .packs import ResolvedPack, Rule

BASE_REPORT: dict[str, Any] = {
    "kind": "department_self_evaluation",
    "fiscal_year": 2021,
    "department": {"name": "规则测试单位"},
}


@dataclass
class RuleTestOutcome:
    rule_id: str
    expectation: str  # "fail" or "pass"
    index: int
    ok: bool
    detail: str
    origin: str

    key: str = ""  # the detail as a message of OUTCOMES (its English text is `detail`), "" for a finding's message
    values: dict[str, Any] | None = None

    def render(self, lang: str = "en") -> str:
        mark = ("通过" if self.ok else "失败") if lang == "zh" else ("ok  " if self.ok else "FAIL")
        values = dict(self.values or {})
        if lang == "zh" and "status" in values:
            values["status"] = RUN_STATUS_ZH.get(values["status"], values["status"])
        detail = lookup(OUTCOMES, self.key, lang, **values) if self.key else self.detail
        return f"{mark} {self.rule_id} {self.expectation}[{self.index}]: {detail}"


RUN_STATUS_ZH = {"passed": "通过", "failed": "有发现", "skipped": "跳过", "errored": "出错"}
OUTCOMES: dict[str, dict[str, str]] = {
    "raised": {"zh": "规则执行出错：{reason}", "en": "the rule raised an error: {reason}"},
    "no_finding": {"zh": "应有发现，但没有（规则结果：{status}{reason}）", "en": "expected a finding, got none (rule {status}{reason})"},
    "passed": {"zh": "通过", "en": "passed"},
    "not_exercised": {"zh": "规则结果为 {status}（{reason}）：这个示例没有用到这条规则", "en": "the rule was {status} ({reason}): the example does not exercise it"},
}


def merged(fragment: dict[str, Any]) -> dict[str, Any]:
    report = copy.deepcopy(BASE_REPORT)
    _merge(report, fragment)
    return report


def _merge(target: dict[str, Any], fragment: dict[str, Any]) -> None:
    for key, value in fragment.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)


def run_rule_tests(pack: ResolvedPack, auditor: Auditor) -> list[RuleTestOutcome]:
    outcomes: list[RuleTestOutcome] = []
    for rule in pack.rules.values():
        for expectation in ("fail", "pass"):
            for index, fragment in enumerate(rule.tests.get(expectation) or []):
                outcomes.append(_run_one(auditor, rule, expectation, index, fragment))
    return outcomes


class PlainRunner:
    """Runs one rule on one report as `Auditor.run_rule` does, without an auditor (which reads every
    pack): for the rule tests a pack's overrides re-check while the pack loads."""

    def __init__(self, lang: str = "en"):
        self.lang = lang

    def run_rule(self, rule: Rule, report: dict[str, Any], source: str = "<report>") -> tuple[RuleRun, list[Finding]]:
        findings: list[Finding] = []
        run = run_compiled(rule, report, self.lang, {}, source, findings)
        # a kind that fails on the example: the test fails (its internal finding is not the rule's), the pack still loads
        return run, [] if run.status == "errored" else findings


def run_one(runner: Any, rule: Rule, expectation: str, index: int, fragment: dict[str, Any]) -> RuleTestOutcome:
    """One example of a rule's tests, run by an `Auditor` or a `PlainRunner`."""
    return _run_one(runner, rule, expectation, index, fragment)


def _run_one(auditor: Auditor, rule: Rule, expectation: str, index: int, fragment: dict[str, Any]) -> RuleTestOutcome:
    run, findings = auditor.run_rule(rule, merged(fragment), f"{rule.id}:{expectation}[{index}]")
    own = [f for f in findings if f.rule_id == rule.id and f.category != "internal"]
    if run.status == "errored":
        ok, key, values = False, "raised", {"reason": run.reason}
    elif expectation == "fail":
        ok = bool(own)
        key, values = ("", {}) if own else ("no_finding", {"status": run.status, "reason": ": " + run.reason if run.reason else ""})
    else:
        ok = not own and run.status == "passed"
        key, values = ("passed", {}) if ok else ("", {}) if own else ("not_exercised", {"status": run.status, "reason": run.reason})
    detail = lookup(OUTCOMES, key, "en", **values) if key else own[0].message
    return RuleTestOutcome(rule.id, expectation, index, ok, detail, rule.origin, key, values)
