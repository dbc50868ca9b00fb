"""jixiao plugin: staff actually employed (实有人数) must not exceed the authorized posts (编制人数).

Registered through the entry point `staffing` in the group `jixiao` (see pyproject.toml). It adds
one rule kind, `staffing_within_quota`, and one pack, `staffing`, with the rule STAFF-001.

Written against the public toolkit only (`jixiao.kit`): the kind is compiled once per rule when the
pack loads (`compile=WithinQuota`), and its `check(ctx)` returns findings or `Skipped`.
"""

from __future__ import annotations

from importlib import resources

from jixiao.kit import POINTER, Finding, Kind, RuleContext, Skipped, hookimpl

DEFAULT_ACTUAL = "/staffing/actual"
DEFAULT_AUTHORIZED = "/staffing/authorized"

PARAMS = {
    "properties": {
        "actual": {**POINTER, "default": DEFAULT_ACTUAL, "description": "实有人数: the field holding the staff actually employed."},
        "authorized": {**POINTER, "default": DEFAULT_AUTHORIZED, "description": "编制人数: the field holding the authorized posts."},
    },
    "additionalProperties": False,
}


class WithinQuota:
    """STAFF-001 and any other rule of the kind, compiled once when its pack loads: the parameters are
    read here, not on every report."""

    def __init__(self, rule):
        self.actual = rule.param("actual", DEFAULT_ACTUAL)
        self.authorized = rule.param("authorized", DEFAULT_AUTHORIZED)
        # what the rule reads: a report with no /staffing at all skips it without a call
        self.inputs = (self.actual, self.authorized)

    def check(self, ctx: RuleContext) -> list[Finding] | Skipped:
        """One finding when 实有人数 > 编制人数; skipped, naming the missing fields, when either is missing."""
        actual = ctx.number(self.actual)
        authorized = ctx.number(self.authorized)
        if actual is None or authorized is None:
            return ctx.skipped()  # Skipped(("/staffing/actual",)): reported as skipped, never as passed
        if actual <= authorized:
            return []  # passed
        values = {"actual": actual, "authorized": authorized, "excess": actual - authorized}
        return [ctx.finding(self.actual, values, related=[self.authorized])]


@hookimpl
def jixiao_register_kinds() -> list:
    return [
        Kind(
            name="staffing_within_quota",
            family="plausibility",
            description="实有人数 ≤ 编制人数: staff actually employed within the authorized posts.",
            params=PARAMS,
            values=frozenset({"actual", "authorized", "excess"}),
            compile=WithinQuota,
        )
    ]


@hookimpl
def jixiao_rule_packs() -> list:
    return [str(resources.files(__name__) / "staffing.yaml")]
