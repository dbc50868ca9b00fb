"""Synthetic structured reports for benchmarks: seed-sized (like the example, ~5 KB without
provenance) and large (~50 KB, with a project table of indicators)."""

from __future__ import annotations

import json
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "qinglong-trade-union-2021.json"


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low * 100, high * 100)) / 100


def make_report(seed: int, projects: int = 0, provenance: bool = True, deductions: bool = True) -> dict:
    """A structured report like examples/…json, its figures drawn from `seed`, with `projects` projects
    of six indicators each. With `deductions`, about two indicators in three lose a point or two and give
    no reason (dozens of findings a report, on purpose); without, every indicator scores its weight."""
    rng = random.Random(seed)
    report = json.loads(EXAMPLE.read_text(encoding="utf-8"), parse_float=Decimal)
    if not provenance:  # a structured report as a department would write it: ~5 KB
        report.pop("provenance")
        report.pop("provenance_source")
    overall = report["overall"]
    overall["initial_budget"] = _money(rng, 100, 900)
    overall["final"] = (overall["initial_budget"] * Decimal(rng.randint(60, 100)) / 100).quantize(Decimal("0.01"))
    overall["execution_rate"] = (overall["final"] / overall["initial_budget"] * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
    overall["basic_expenditure"] = overall["final"] - overall["project_expenditure"]
    overall["change_amount"] = -_money(rng, 1, 50)
    overall["change_rate"] = (overall["change_amount"] / (overall["final"] - overall["change_amount"]) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
    report["projects_summary"]["execution_rate"] = Decimal("54.29")
    report["department"]["name"] = f"测试县第{seed}局"
    report["fiscal_year"] = rng.choice([2020, 2021, 2022, 2023])
    report["report_date"] = f"{report['fiscal_year'] + 1}-05-{rng.randint(10, 28)}"
    report["disclosure"]["date"] = f"{report['fiscal_year'] + 1}-11-{rng.randint(10, 28)}"
    if projects:
        report["projects"] = []
        for index in range(projects):
            budget = _money(rng, 5, 60)
            executed = (budget * Decimal(rng.randint(50, 100)) / 100).quantize(Decimal("0.01"))
            rate = (executed / budget * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
            indicators = [{"level1": "产出指标", "level2": "数量指标", "level3": f"指标{i}", "target": "≥95%",
                           "actual": "97%", "weight": Decimal(w),
                           "score": Decimal(w) - (rng.randint(0, 2) if deductions else 0)}
                          for i, w in enumerate([20, 15, 15, 15, 15, 10])]
            rate_score = (min(rate, Decimal(100)) / 10).quantize(Decimal("0.01"), ROUND_HALF_UP)
            total = rate_score + sum(i["score"] for i in indicators)
            report["projects"].append({
                "name": f"项目{index}", "fund_type": "一般公共预算", "initial_budget": budget, "adjusted_budget": budget,
                "executed": executed, "execution_rate": rate, "rate_weight": Decimal(10), "rate_score": rate_score,
                "indicators": indicators, "total_score": total, "grade": "优" if total >= 90 else "良" if total >= 80 else "中",
            })
    return report


def dump(report: dict) -> str:
    from jixiao.jsonload import dumps

    return dumps(report)


def cached_corpus(folder: Path, count: int) -> Path:
    """`folder` holding at least `count` generated reports (kept between runs; only the missing ones are written)."""
    existing = len(list(folder.glob("*.json"))) if folder.exists() else 0
    if existing < count:
        write_corpus(folder, count - existing, start=existing)
    return folder


def write_corpus(folder: Path, count: int, projects: int = 0, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed in range(start, start + count):
        path = folder / f"report-{seed:06d}.json"
        path.write_text(dump(make_report(seed, projects)), encoding="utf-8")
        paths.append(path)
    return paths
