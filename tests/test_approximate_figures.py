"""Totals stated approximately (heldout67): 约1,100万元, 近3,000万元, 1,000万元左右 and 1.2亿元 stand for every value
that rounds to them at their last significant digit, so a total no rounding of its parts can give is an error and
one that rounds to them is none; a bound (超过…, …以上) is no total at all. Each test writes a report as a text file
and checks it with the real extractor and the built-in packs."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.helpers import check_text, problems

HEAD = ["金寨县人力资源和社会保障局2025年度职业技能提升培训项目绩效自评报告", "一、项目基本情况"]
SOURCES = "　　本年财政拨款资金来源为：中央财政就业补助资金612.00万元、省级财政就业补助资金238.00万元、县级财政配套资金136.40万元，"


def sums(result) -> list[tuple[Decimal, list[Decimal]]]:
    return [(Decimal(str(s["total"])), [Decimal(str(p["amount"])) for p in s["parts"]])
            for s in result.report.get("stated_sums") or []]


def test_an_approximate_total_no_rounding_of_the_parts_gives_is_an_error_at_the_total(tmp_path):
    result = check_text(tmp_path, [*HEAD, SOURCES + "三项合计约1,100万元。"])
    assert problems(result) == ["NAT-ARITH-011"]
    found = next(f for f in result.findings if f.rule_id == "NAT-ARITH-011")
    assert found.severity == "error"
    assert found.location.line == 3
    # the parts' sum as it adds up, not rounded to the hundred the total is stated to
    assert "612.00 + 238.00 + 136.40 = 986.40 万元" in found.message
    assert sums(result) == [(Decimal("1.1E+3"), [Decimal("612.00"), Decimal("238.00"), Decimal("136.40")])]


@pytest.mark.parametrize("total", ["三项合计约990万元", "三项合计约1,000万元", "三项合计近1,000万元", "三项合计990万元左右",
                                   "三项合计约986.4万元", "三项合计约0.1亿元"])
def test_an_approximate_total_the_parts_round_to_is_no_finding(tmp_path, total):
    result = check_text(tmp_path, [*HEAD, SOURCES + total + "。"])
    assert problems(result) == []
    assert len(sums(result)) == 1  # read, and found consistent


def test_the_boundary_of_an_approximate_total_is_half_its_last_digit(tmp_path):
    # 约990 stands for 985–995: 986.40 is inside; 约980 stands for 975–985 and 986.40 is not
    assert problems(check_text(tmp_path, [*HEAD, SOURCES + "三项合计约990万元。"])) == []
    assert problems(check_text(tmp_path, [*HEAD, SOURCES + "三项合计约980万元。"])) == ["NAT-ARITH-011"]
    edge = "　　本年资金来源为：中央资金500.00万元、省级资金485.00万元，两项合计约990万元。"  # 985.00: on the edge
    assert problems(check_text(tmp_path, [*HEAD, edge])) == []


def test_an_approximate_total_before_its_parts_keeps_its_precision(tmp_path):
    # 约3,000 is 3E+3 (2,500–3,500): 3,086.00 rounds to it; before, it was read as exactly 3,000 and called wrong
    text = "　　全年安排资金约3,000万元，其中：培训补贴1,000.00万元，鉴定补贴2,086.00万元。"
    assert problems(check_text(tmp_path, [*HEAD, text])) == []
    wrong = "　　全年安排资金约2,000万元，其中：培训补贴1,000.00万元，鉴定补贴2,086.00万元。"
    assert problems(check_text(tmp_path, [*HEAD, wrong])) == ["NAT-ARITH-011"]


def test_a_total_in_yi_yuan_is_precise_to_its_last_digit_and_the_message_shows_the_sum(tmp_path):
    ok = "　　项目总投入1.2亿元，其中：中央资金5,000.00万元、地方资金6,986.40万元。"
    assert problems(check_text(tmp_path, [*HEAD, ok])) == []
    wrong = "　　项目总投入1.2亿元，其中：中央资金4,000.00万元、地方资金6,986.40万元。"
    result = check_text(tmp_path, [*HEAD, wrong])
    assert problems(result) == ["NAT-ARITH-011"]
    assert "= 10986.40 万元" in result.findings[0].message


@pytest.mark.parametrize("total", ["三项合计超过1,100万元", "三项合计逾1,100万元", "三项合计1,100万元以上",
                                   "三项合计不足900万元"])
def test_a_bound_is_no_total(tmp_path, total):
    result = check_text(tmp_path, [*HEAD, SOURCES + total + "。"])
    assert problems(result) == []
    assert sums(result) == []


def test_a_bound_among_the_parts_says_no_sum(tmp_path):
    text = "　　全年安排资金3,000.00万元，其中：培训补贴超过1,000万元，鉴定补贴2,086.00万元。"
    result = check_text(tmp_path, [*HEAD, text])
    assert problems(result) == []
    assert sums(result) == []


def test_the_count_that_names_the_parts_does_not_stop_the_sum(tmp_path):
    # 三项合计: 三项 counts the parts, it is not a figure among them
    result = check_text(tmp_path, [*HEAD, SOURCES + "三项合计1,100.00万元。"])
    assert problems(result) == ["NAT-ARITH-011"]
    assert problems(check_text(tmp_path, [*HEAD, SOURCES + "三项合计986.40万元。"])) == []
