"""jixiao plugin: staff actually employed (实有人数) must not exceed the authorized posts (编制人数).

Registered through the entry point `staffing` in the group `jixiao` (see pyproject.toml). It adds
one rule kind, `staffing_within_quota`, and one pack, `staffing`, with the rule STAFF-001.
"""

from __future__ import annotations

from importlib import resources
from typing import Any, Iterable

from jixiao import Kind, hookimpl

DEFAULT_ACTUAL = "/staffing/actual"
DEFAULT_AUTHORIZED = "/staffing/authorized"

POINTER = {"type": "string", "pattern": "^(/[^/]*)*$"}

PARAMS = {
    "properties": {
        "actual": {**POINTER, "default": DEFAULT_ACTUAL, "description": "实有人数: the field holding the staff actually employed."},
        "authorized": {**POINTER, "default": DEFAULT_AUTHORIZED, "description": "编制人数: the field holding the authorized posts."},
    },
    "additionalProperties": False,
}


def check_within_quota(report: dict, rule, ctx) -> Iterable[Any]:
    """One finding when 实有人数 > 编制人数; nothing (so the rule is skipped) when either is missing."""
    actual_pointer = rule.param("actual", DEFAULT_ACTUAL)
    authorized_pointer = rule.param("authorized", DEFAULT_AUTHORIZED)
    actual = ctx.number(actual_pointer)
    authorized = ctx.number(authorized_pointer)
    if actual is None or authorized is None:
        return []  # no evaluated(): jixiao reports the rule as skipped, naming the missing fields
    ctx.evaluated()
    if actual <= authorized:
        return []
    values = {"actual": actual, "authorized": authorized, "excess": actual - authorized}
    return [ctx.finding(actual_pointer, values, related=[authorized_pointer])]


@hookimpl
def jixiao_register_kinds() -> list:
    return [
        Kind(
            name="staffing_within_quota",
            family="plausibility",
            description="实有人数 ≤ 编制人数: staff actually employed within the authorized posts.",
            params=PARAMS,
            check=check_within_quota,
        )
    ]


@hookimpl
def jixiao_rule_packs() -> list:
    return [str(resources.files(__name__) / "staffing.yaml")]
