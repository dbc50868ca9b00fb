"""A sum in a table written in 元 is read in 万元, as every figure is; its finding compares and shows the figures as the
table writes them, in 元 (heldout91's 补贴发放明细: 13,891,287.84 元, not 1389.128784 万元)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.engine import Auditor, Options

CORPUS = Path(__file__).resolve().parent / "corpus"


def _report(quotes: dict[str, str]) -> dict:
    return {
        "kind": "project_self_evaluation", "fiscal_year": 2025,
        "stated_sums": [{"label": "补贴发放明细 合计", "total": Decimal("300.000000"),
                         "parts": [{"label": "甲镇", "amount": Decimal("123.456789")},
                                   {"label": "乙镇", "amount": Decimal("186.543211")}]}],
        "provenance": {pointer: {"line": line, "column": 1, "quote": quote}
                       for line, (pointer, quote) in enumerate(quotes.items(), start=1)},
    }


def _sum_finding(report: dict, lang: str = "zh"):
    [finding] = [f for f in Auditor(Options(lang=lang, select=["NAT-ARITH-011"])).check_report(report).findings
                 if f.rule_id == "NAT-ARITH-011"]
    return finding


def test_a_sum_written_in_yuan_is_shown_in_yuan():
    finding = _sum_finding(_report({"/stated_sums/0/total": "3,000,000.00", "/stated_sums/0/parts/0/amount": "1,234,567.89",
                                    "/stated_sums/0/parts/1/amount": "1,865,432.11"}))
    assert "3000000.00 元，与其后所列各项之和 1234567.89 + 1865432.11 = 3100000.00 元不符" in finding.message
    assert finding.values["unit"] == "元" and finding.values["stated"] == Decimal("3000000.00")
    assert finding.severity == "error"


def test_a_sum_written_in_wan_or_mixed_stays_in_wan():
    mixed = _sum_finding(_report({"/stated_sums/0/total": "300万元", "/stated_sums/0/parts/0/amount": "1,234,567.89",
                                  "/stated_sums/0/parts/1/amount": "1,865,432.11"}))
    assert "300.00 万元，与其后所列各项之和 123.456789 + 186.543211 = 310.00 万元不符" in mixed.message
    assert mixed.values["unit"] == "万元"
    unquoted = _sum_finding(_report({}))
    assert "= 310.00 万元不符" in unquoted.message


def test_the_same_verdict_in_either_unit():
    """Within the rounding of the inputs in 元 is within it in 万元: scaling by 10,000 changes no verdict."""
    report = _report({"/stated_sums/0/total": "3,100,000.00", "/stated_sums/0/parts/0/amount": "1,234,567.89",
                      "/stated_sums/0/parts/1/amount": "1,865,432.11"})
    report["stated_sums"][0]["total"] = Decimal("310.000000")
    assert not [f for f in Auditor(Options(select=["NAT-ARITH-011"])).check_report(report).findings
                if f.rule_id == "NAT-ARITH-011"]


def test_a_workbook_in_yuan_names_its_cells_figures():
    source = CORPUS / "heldout91" / "heilongjiang-hailun-city-agri-project-2025-xlsx-subsidy-total.xlsx"
    [finding] = [f for f in Auditor(Options()).check_path(str(source)).findings if f.rule_id == "NAT-ARITH-011"]
    assert finding.message.startswith("“海伦市2025年耕地地力保护补贴发放明细表 合计 · 补贴金额（元）”229781800.00 元，")
    assert "13891287.84 + 21102274.20" in finding.message and "= 229871800.00 元不符" in finding.message
    assert finding.location is not None and finding.location.cell == "F16"
