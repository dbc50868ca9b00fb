"""The hand-written yardstick for bench/bench_check.py: what a careful person would script to check the
structured reports of a folder without jixiao, doing the same load, validation and arithmetic.

    python bench/handwritten.py FOLDER            # the script: Decimal load, schema, arithmetic, JSON lines out
    python bench/handwritten.py FOLDER --floor    # the floor: orjson + jsonschema_rs, nothing else

The script reads each file, loads it with Decimals kept as stated, validates it with the report schema
(jsonschema_rs), recomputes the stated figures jixiao's national pack recomputes on such a report
(execution rates, sums of parts, the change rate, score bands and bounds, each rounded half up to the
stated decimals), and writes one JSON line per report. No positions, no messages in two languages, no
rounding intervals, no packs, no plugins: a floor for what jixiao does, not the same thing.
"""

from __future__ import annotations

import json
import os
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "report.schema.json"
HUNDRED = Decimal(100)


def _round(value: Decimal, like: Decimal) -> Decimal:
    exponent = like.as_tuple().exponent
    return value.quantize(Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0), rounding=ROUND_HALF_UP)


def _num(node: dict, key: str) -> Decimal | None:
    value = node.get(key) if isinstance(node, dict) else None
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return None
    return Decimal(value)


def _ratio(problems: list, where: str, stated, numerator, denominators) -> None:
    if stated is None or numerator is None:
        return
    for denominator in denominators:
        if denominator:
            if _round(numerator / denominator * HUNDRED, stated) == stated:
                return
    if any(denominators):
        problems.append(where)


def _sum(problems: list, where: str, stated, parts) -> None:
    if stated is None or not parts or any(p is None for p in parts):
        return
    if _round(sum(parts, Decimal(0)), stated) != stated:
        problems.append(where)


def check(report: dict) -> list[str]:
    problems: list[str] = []
    overall = report.get("overall") or {}
    summary = report.get("projects_summary") or {}
    _ratio(problems, "/overall/execution_rate", _num(overall, "execution_rate"), _num(overall, "final"),
           [_num(overall, "adjusted_budget"), _num(overall, "initial_budget")])
    _sum(problems, "/overall/final", _num(overall, "final"),
         [_num(overall, k) for k in ("basic_expenditure", "project_expenditure", "other_expenditure")])
    _sum(problems, "/overall/project_expenditure", _num(overall, "project_expenditure"), [_num(summary, "final")])
    _ratio(problems, "/projects_summary/execution_rate", _num(summary, "execution_rate"), _num(summary, "final"),
           [_num(summary, "adjusted_budget"), _num(summary, "initial_budget")])
    fund_types = [t for t in summary.get("fund_types") or [] if isinstance(t, dict)]
    _sum(problems, "/projects_summary/evaluated_count", _num(summary, "evaluated_count"), [_num(t, "count") for t in fund_types])
    _sum(problems, "/projects_summary/final", _num(summary, "final"), [_num(t, "amount") for t in fund_types])
    change, final = _num(overall, "change_amount"), _num(overall, "final")
    rate = _num(overall, "change_rate")
    if change is not None and final is not None and rate is not None and final != change:
        if _round(change / (final - change) * HUNDRED, rate) != rate:
            problems.append("/overall/change_rate")
    counts = summary.get("grade_counts") or {}
    _sum(problems, "/projects_summary/evaluated_count", _num(summary, "evaluated_count"),
         [_num(counts, k) for k in ("excellent", "good", "fair", "poor")])
    _ratio(problems, "/projects_summary/excellent_rate", _num(summary, "excellent_rate"), _num(counts, "excellent"),
           [_num(summary, "evaluated_count")])
    _ratio(problems, "/projects_summary/evaluated_coverage", _num(summary, "evaluated_coverage"),
           _num(summary, "evaluated_amount"), [_num(summary, "final")])
    score = _num(overall, "score")
    if score is not None:
        band = "优" if score >= 90 else "良" if score >= 80 else "中" if score >= 60 else "差"
        if overall.get("grade") != band:
            problems.append("/overall/grade")
        if score > HUNDRED:
            problems.append("/overall/score")
    for key in ("execution_rate",):
        for node, where in ((overall, "/overall"), (summary, "/projects_summary")):
            value = _num(node, key)
            if value is not None and value > HUNDRED:
                problems.append(f"{where}/{key}")
    for index, project in enumerate(report.get("projects") or []):
        if not isinstance(project, dict):
            continue
        where = f"/projects/{index}"
        _ratio(problems, where + "/execution_rate", _num(project, "execution_rate"), _num(project, "executed"),
               [_num(project, "adjusted_budget"), _num(project, "initial_budget")])
        indicators = [i for i in project.get("indicators") or [] if isinstance(i, dict)]
        _sum(problems, where + "/total_score", _num(project, "total_score"),
             [_num(project, "rate_score")] + [_num(i, "score") for i in indicators])
        weights = [_num(project, "rate_weight")] + [_num(i, "weight") for i in indicators]
        if all(w is not None for w in weights) and sum(weights, Decimal(0)) != HUNDRED:
            problems.append(where + "/rate_weight")
        for n, indicator in enumerate(indicators):
            s, w = _num(indicator, "score"), _num(indicator, "weight")
            if s is not None and w is not None and s > w:
                problems.append(f"{where}/indicators/{n}/score")
        total = _num(project, "total_score")
        if total is not None:
            band = "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"
            if project.get("grade") != band:
                problems.append(where + "/grade")
    return problems


def main() -> int:
    import jsonschema_rs

    folder = Path(sys.argv[1])
    floor = "--floor" in sys.argv[2:]
    validator = jsonschema_rs.validator_for(json.loads(SCHEMA.read_text(encoding="utf-8")), validate_formats=True)
    out = sys.stdout
    names = sorted(os.listdir(folder))
    if floor:
        import orjson

        valid = 0
        for name in names:
            with open(folder / name, "rb") as stream:
                valid += validator.is_valid(orjson.loads(stream.read()))
        out.write(f"{valid}\n")
        return 0
    for name in names:
        with open(folder / name, "rb") as stream:
            report = json.loads(stream.read().decode("utf-8"), parse_float=Decimal)
        errors = [e.instance_path for e in validator.iter_errors(report)] if not validator.is_valid(report) else []
        out.write(json.dumps({"source": name, "schema": len(errors), "problems": check(report)}) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
