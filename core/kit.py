"""The public toolkit for writing jixiao plugins: rule kinds, extractors and formatters.

Everything a built-in plugin uses is here, and the built-in plugins use nothing else of jixiao's
(`jixiao`, `jixiao.kit`, `jixiao.hookspecs`; an import-linter contract holds them to it), so a plugin
written outside this repository can do whatever they do. The modules these names come from are private.

A rule kind, compiled once per pack load and checked once per report::

    from jixiao.kit import POINTER, Kind, compile_with, verdict

    def check_double(ctx, rule, plan):          # -> list[Finding]; Skipped when nothing was compared
        findings = []
        for pointer, stars in ctx.bindings(rule.param("stated")):
            stated, base = ctx.number(pointer), ctx.number(ctx.bind(rule.param("base"), stars))
            if stated is None or base is None:
                continue                        # missing: recorded by ctx.number, the rule is skipped
            findings += verdict(ctx, pointer, stated, base * 2, None, {"expression": f"{base} × 2"})
        return findings

    KIND = Kind(name="double", params={"properties": {"stated": POINTER, "base": POINTER},
                                       "required": ["stated", "base"], "additionalProperties": False},
                compile=compile_with(check_double))

Sections: the plugin contract (Kind, CompiledRule, Skipped, RuleContext, Finding …); compiling rules
(compile_with, declared_inputs); numbers and intervals (Interval, to_decimal, round_half_up …); verdicts
on a stated figure against a computed one (verdict, face_matches); JSON Pointers (resolve, expand,
bind …); shared parameter schema fragments (POINTER, POINTERS, DECIMAL, MESSAGE, LABELS …); messages
(lookup, pick, text, where); prose (render_template, show, format_decimal); reading sources (decode,
load_json, load_yaml, InputError) and writing results (html_escape, xml_safe, replayable_batch …), the
last two loaded on first use.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any
from collections.abc import Callable, Iterable

from .context import REPORT_SUBJECT, RuleContext, render_template, render_value
from .errors import InputError, JixiaoError
from .hookspecs import hookimpl
from .i18n import ENGINE_RULES, engine_rule_text, lookup, pick, picture_where, text, where
from .model import (REPORT_STATUSES, SEVERITIES, SEVERITY_RANK, AuditBatch, AuditResult, Finding, Location, RuleRun,
                    status_label)
from .numbers import (CHINESE_DIGITS, Interval, chinese_int, decimals_of, exact, format_decimal, plausible, round_half_up,
                      round_like, shown, to_decimal)
from .pointer import (MISSING, WILDCARD, bind, escape as escape_token, expand, has_wildcard, join as join_pointer,
                      resolve, split as split_pointer, star_values)
from .timelimit import more_time
from .limits import outside_memory_cap
from .beside import read_beside
from .registry import (Aftercare, AftercareRun, CompiledRule, Extraction, Extractor, Formatter, Kind, Outcome, Positions,
                       Skipped)

if TYPE_CHECKING:
    from .packs import Rule
    from .spill import Aggregates, counted_once

__all__ = [
    # the plugin contract
    "Kind", "Rule", "CompiledRule", "Skipped", "Outcome", "RuleContext", "REPORT_SUBJECT", "Finding", "Location", "RuleRun", "Extractor",
    "Extraction", "Positions", "Formatter", "AuditResult", "AuditBatch", "hookimpl", "JixiaoError", "InputError",
    "SEVERITIES", "SEVERITY_RANK", "REPORT_STATUSES", "status_label",
    # compiling rules
    "CompiledCheck", "compile_with", "declared_inputs", "is_pointer_schema",
    # numbers, intervals, verdicts
    "Interval", "to_decimal", "decimals_of", "round_half_up", "round_like", "exact", "format_decimal", "plausible",
    "chinese_int", "CHINESE_DIGITS",
    "verdict", "face_matches", "stated_interval", "show", "DETAIL",
    # JSON Pointers
    "MISSING", "WILDCARD", "resolve", "expand", "has_wildcard", "split_pointer", "join_pointer", "escape_token",
    "bind", "star_values",
    # parameter schema fragments
    "POINTER", "POINTERS", "POINTER_OR_LIST", "not_an_input", "MESSAGE", "DECIMAL", "LABELS", "MIN_DECIMALS", "SEVERITY_PARAMS",
    # messages and prose
    "lookup", "pick", "text", "where", "picture_where", "ENGINE_RULES", "engine_rule_text", "render_template", "render_value",
    # reading and writing (loaded on first use)
    "decode", "load_json", "JsonPositions", "dumps", "load_yaml", "html_escape", "xml_safe", "display_path",
    "replayable_batch", "counted_batch", "counted_once", "aggregates", "Aggregates", "DEPARTMENT_FIELDS", "output_error", "finding_fingerprint",
    "FINGERPRINT_VERSION", "BASELINE_FORMAT", "read_json_file", "cache_folder",
    # aftercare steps
    "Aftercare", "AftercareRun",
    # time: slow reading (OCR) asks for more as it goes; memory: a load kept for every report is outside the cap
    "more_time", "outside_memory_cap",
    # a file a source names beside itself (a saved page's pictures)
    "read_beside",
]


# -- parameter schema fragments -------------------------------------------------------------------

POINTER_PATTERN = "^(/[^/]*)*$"
POINTER: dict[str, Any] = {"type": "string", "pattern": POINTER_PATTERN,
                           "description": "JSON Pointer; `*` ranges over array items."}
POINTERS: dict[str, Any] = {"type": "array", "items": POINTER, "minItems": 1}
POINTER_OR_LIST: dict[str, Any] = {"oneOf": [POINTER, POINTERS]}


def not_an_input(schema: dict[str, Any]) -> dict[str, Any]:
    """A pointer parameter's schema, for a field the rule reads only where the report states it, to adjust its check
    (a scale the report sets itself, a form's 加分 beyond 100): not one of the rule's inputs, so a report without it is
    no reason to skip the rule, and a skipped rule does not name it as missing (see `declared_inputs`)."""
    return {**schema, "x-jixiao-input": False}

MESSAGE: dict[str, Any] = {"type": "object", "properties": {"zh": {"type": "string"}, "en": {"type": "string"}},
                           "required": ["zh"], "additionalProperties": False}
DECIMAL: dict[str, Any] = {"type": ["number", "string"], "pattern": "^-?\\d+(\\.\\d+)?$", "description": "A decimal number."}
LABELS: dict[str, Any] = {
    "type": "object",
    "additionalProperties": {"oneOf": [POINTER, POINTERS]},
    "description": "Values added to each finding so a reader finds the table cell without counting: a name "
                   "(used as `{name}` in the message) → a field, or a list of fields of which the first stated one "
                   "counts; stars are bound like the rule's own pointers. E.g. `{project: /projects/*/name, row: "
                   "/projects/*/indicators/*/level3}`.",
}
MIN_DECIMALS: dict[str, Any] = {
    "type": "integer", "minimum": 0, "maximum": 6,
    "description": "A stated score is a computed value: it passes only when it equals the computed value, or that "
                   "value rounded half up to the stated score's own decimals where it states at least this many (default 1).",
}
SEVERITY_PARAMS: dict[str, Any] = {
    "face_severity": {
        "enum": ["error", "warning", "info"],
        "description": "Severity when the figure differs at face value but the rounding intervals still allow it (default warning).",
    },
    "noted_severity": {
        "enum": ["error", "warning", "info"],
        "description": "The same where the report notes its rounding differences (因四舍五入存在尾差: /rounding_note), "
                       "so has said why its figures do not add up at face value (default info).",
    },
    "tolerance": {
        "type": ["string", "number"],
        "pattern": r"^\d+(\.\d+)?$",
        "description": "Extra absolute tolerance added on both sides of the computed interval (default 0).",
    },
    "exact": {
        "type": "boolean",
        "description": "Compare exactly (counts): no rounding intervals, any difference is an error.",
    },
}


# -- compiling rules ------------------------------------------------------------------------------

def is_pointer_schema(schema: Any) -> bool:
    """Whether a parameter's schema is a JSON Pointer, a list of them, or either (POINTER_OR_LIST)."""
    if not isinstance(schema, dict):
        return False
    if str(schema.get("pattern", "")).startswith("^(/"):
        return True
    if is_pointer_schema(schema.get("items")):
        return True
    return any(is_pointer_schema(s) for s in [*schema.get("oneOf", []), *schema.get("anyOf", [])])


def declared_inputs(rule: Rule, names: Iterable[str] | None = None) -> tuple[str, ...]:
    """The rule's input pointers: the values of its parameters that the kind's schema declares as
    pointers (POINTER, POINTERS, POINTER_OR_LIST at the top level; `labels` and nested ones are not
    inputs, nor those marked `not_an_input`), or of the parameters `names`."""
    properties = (rule.kind_impl.params if rule.kind_impl is not None else {}).get("properties", {})
    wanted = set(names) if names is not None else {n for n, s in properties.items()
                                                   if is_pointer_schema(s) and s.get("x-jixiao-input", True) is not False}
    found: list[str] = []
    for name, value in rule.params.items():
        if name not in wanted:
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item.startswith("/") and len(item) > 1:
                found.append(item)
    return tuple(found)


class CompiledCheck:
    """A compiled rule made of a function `run(ctx, rule, plan) -> list[Finding]` and what `compile`
    parsed from the rule's parameters (`plan`). Where `run` found nothing and compared nothing
    (no `ctx.evaluated()`), the outcome is `Skipped`, naming what `ctx` saw missing."""

    __slots__ = ("rule", "run", "plan", "inputs")

    def __init__(self, rule: Rule, run: Callable[[RuleContext, Any, Any], list[Finding]], plan: Any = None,
                 inputs: Iterable[str] | None = None):
        self.rule = rule
        self.run = run
        self.plan = plan
        self.inputs = declared_inputs(rule) if inputs is None else tuple(inputs)

    def check(self, ctx: RuleContext) -> Outcome:
        return ctx.outcome(self.run(ctx, self.rule, self.plan))


def compile_with(run: Callable[[RuleContext, Any, Any], list[Finding]],
                 parse: Callable[[Rule], Any] | None = None,
                 inputs: Callable[[Rule], Iterable[str]] | None = None) -> Callable[[Rule], CompiledCheck]:
    """A kind's `compile`: `parse(rule)` once per rule (the plan), `run(ctx, rule, plan)` per report;
    `inputs(rule)` where the declared pointer parameters are not the rule's inputs."""

    def compile_rule(rule: Rule) -> CompiledCheck:
        return CompiledCheck(rule, run, parse(rule) if parse is not None else None,
                             inputs(rule) if inputs is not None else None)

    compile_rule.__name__ = f"compile_{getattr(run, '__name__', 'rule')}"
    compile_rule.__wrapped__ = run  # type: ignore[attr-defined]  # Kind.module: where the kind's code is
    return compile_rule


# -- verdicts: a stated figure against the figure computed from others ----------------------------

DETAIL = {
    "face": {
        "zh": "在输入数据的舍入范围内，属尾差",
        "en": "within the rounding of the inputs: a rounding slip",
    },
    "interval": {
        "zh": "超出输入数据的舍入范围",
        "en": "outside the rounding of the inputs",
    },
    "exact": {"zh": "数值不一致", "en": "the figures differ"},
    "face_noted": {
        "zh": "在输入数据的舍入范围内，属尾差（报告已注明尾差）",
        "en": "within the rounding of the inputs: a rounding slip (the report notes its rounding differences)",
    },
}


def face_matches(stated: Decimal, computed: Decimal) -> bool:
    """The computed figure, rounded half up to the stated figure's decimals, is the stated figure."""
    return round_like(computed, stated) == stated


def verdict(ctx: RuleContext, pointer: str, stated: Decimal, computed: Decimal | None,
            interval: Interval | Callable[[], Interval | None] | None,
            values: dict[str, Any], related: Iterable[str] = ()) -> list[Finding]:
    """Compare; return [] when consistent, else one finding at the stated figure (counted as evaluated).

    `interval` may be a function: it is only computed when the face values differ (the common,
    consistent case never pays for interval arithmetic, nor for any message)."""
    rule = ctx.rule
    ctx.evaluated()
    if rule.param("exact"):
        if computed is not None and computed == stated:
            return []
        return [ctx.finding(pointer, {**values, "stated": stated, "computed": computed,
                                      "detail": DETAIL["exact"][ctx.lang if ctx.lang in DETAIL["exact"] else "zh"]},
                            related=list(related))]
    face = round_like(computed, stated) if computed is not None else None
    if face is not None and face == stated:
        return []
    decimals = decimals_of(stated)
    if callable(interval):
        interval = interval()
    stated_range = Interval.stated(stated)
    tolerance = Decimal(str(rule.param("tolerance", "0")))
    within = interval is None or Interval(interval.low - tolerance, interval.high + tolerance).overlaps(stated_range)
    if face is not None and tolerance and abs(face - stated) <= tolerance:
        return []
    found = {
        **values,
        "stated": stated,
        # (a figure stated coarser than a unit, 约1,100 or 1.2亿元 in 万元: the computed figure as it adds up, 986.40,
        # not rounded to the hundred)
        "computed": "" if face is None else computed if decimals < 0 else face,
    }
    if interval is not None:
        found["interval"] = interval.as_strings(decimals)
    lang = ctx.lang if ctx.lang in ("zh", "en") else "zh"
    if within:
        # (a report that notes its 尾差 has said why its rounded figures do not add up: information, not a warning)
        noted = isinstance(ctx.report, dict) and bool(ctx.report.get("rounding_note"))
        found["detail"] = DETAIL["face_noted" if noted else "face"][lang]
        found["verdict"] = "face"
        severity = rule.param("noted_severity", "info") if noted else rule.param("face_severity", "warning")
        return [ctx.finding(pointer, found, severity=severity, related=list(related))]
    found["detail"] = DETAIL["interval"][lang]
    found["verdict"] = "interval"
    return [ctx.finding(pointer, found, related=list(related))]


def stated_interval(value: Decimal, exact_value: bool) -> Interval:
    """The values a stated figure stands for: itself where it is exact (a count), else its rounding interval."""
    return Interval.exact(value) if exact_value else Interval.stated(value)


show = shown  # a figure for a message, as stated (49.90 stays 49.90), never in exponent notation (numbers.shown)


# -- reading sources and writing results: loaded on first use (they pull in yaml, output, spill) ----

_LAZY = {
    "Rule": ("packs", "Rule"),
    "decode": ("textdecode", "decode"),
    "load_json": ("jsonload", "load_json"),
    "JsonPositions": ("jsonload", "JsonPositions"),
    "dumps": ("jsonload", "dumps"),
    "load_yaml": ("yamlsafe", "load_yaml"),
    "html_escape": ("text_safety", "html_escape"),
    "xml_safe": ("text_safety", "xml_safe"),
    "display_path": ("text_safety", "display_path"),
    "replayable_batch": ("spill", "replayable_batch"),
    "counted_batch": ("spill", "counted_batch"),
    "aggregates": ("spill", "aggregates"),
    "Aggregates": ("spill", "Aggregates"),
    "counted_once": ("spill", "counted_once"),
    "DEPARTMENT_FIELDS": ("spill", "DEPARTMENT_FIELDS"),
    "output_error": ("output", "_error"),
    "finding_fingerprint": ("baseline", "finding_fingerprint"),
    "FINGERPRINT_VERSION": ("baseline", "FINGERPRINT_VERSION"),
    "BASELINE_FORMAT": ("baseline", "BASELINE_FORMAT"),
    "read_json_file": ("jsonload", "read_json_file"),
    "cache_folder": ("packcache", "cache_folder"),
}


def __getattr__(name: str) -> Any:
    try:
        module_name, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'jixiao.kit' has no attribute {name!r}") from None
    import importlib

    value = getattr(importlib.import_module(f"jixiao.{module_name}"), attribute)
    globals()[name] = value
    return value
