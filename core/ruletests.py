"""Rule tests: example report fragments a pack carries next to a rule, that must or must not trigger it.

    - id: QL-RATE-001
      ...
      tests:
        fail: [{projects_summary: {execution_rate: 85}}]
        pass: [{projects_summary: {execution_rate: 95}}]

Each fragment is merged onto a minimal report (kind, fiscal year, department); a `fail` example must
give at least one finding of that rule, a `pass` example must give none and must not be skipped
(a pass that never ran proves nothing).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from .engine import Auditor
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

    def render(self) -> str:
        mark = "ok  " if self.ok else "FAIL"
        return f"{mark} {self.rule_id} {self.expectation}[{self.index}]: {self.detail}"


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


def _run_one(auditor: Auditor, rule: Rule, expectation: str, index: int, fragment: dict[str, Any]) -> RuleTestOutcome:
    run, findings = auditor.run_rule(rule, merged(fragment), f"{rule.id}:{expectation}[{index}]")
    own = [f for f in findings if f.rule_id == rule.id and f.category != "internal"]
    if run.status == "errored":
        ok, detail = False, f"the rule raised an error: {run.reason}"
    elif expectation == "fail":
        ok = bool(own)
        detail = own[0].message if own else f"expected a finding, got none (rule {run.status}{': ' + run.reason if run.reason else ''})"
    else:
        ok = not own and run.status == "passed"
        detail = ("passed" if ok else own[0].message if own else f"the rule was {run.status} ({run.reason}): the example does not exercise it")
    return RuleTestOutcome(rule.id, expectation, index, ok, detail, rule.origin)
