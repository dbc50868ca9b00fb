"""Rounding (heldout88): a 合计 off from its rounded parts only within their rounding is a 尾差, a warning, and a report
that notes its 尾差 (注：…因四舍五入，与各项之和存在尾差) has said why: then it is information; a table with a column in 元
beside one in 万元 has each column summed in its own unit. Real files on disk, checked as `jixiao check` does."""

from __future__ import annotations

from tests.helpers import check_file, check_text, word_with_table

HEAD = ["莒县卫生健康局2025年度部门整体支出绩效自评报告", "一、部门基本情况", "二、预算执行情况", "表1 各单位预算执行情况（单位：万元）"]
TABLE = ["单位\t全年预算数\t实际支出数\t执行率", "局机关\t1,246.38\t1,231.07\t98.77%", "疾控中心\t2,184.62\t2,141.35\t98.02%",
         "卫生监督所\t320.00\t314.00\t98.13%", "合计\t3,751.01\t3,686.42\t98.28%"]
NOTE = "注：合计数按元汇总后换算为万元，因四舍五入，与各单位之和存在尾差。"


def sums(result) -> list[tuple[str, str]]:
    return [(f.rule_id, f.severity) for f in result.findings if f.rule_id == "NAT-ARITH-011"]


def test_a_rounding_slip_is_a_warning_and_information_where_the_report_notes_it(tmp_path):
    # 1,246.38 + 2,184.62 + 320.00 = 3,751.00: the 合计 3,751.01 is off by 0.01, within the rounding of its parts
    plain = check_text(tmp_path, [*HEAD, *TABLE], name="plain.txt")
    assert sums(plain) == [("NAT-ARITH-011", "warning")] and "rounding_note" not in plain.report
    noted = check_text(tmp_path, [*HEAD, *TABLE, NOTE], name="noted.txt")
    assert sums(noted) == [("NAT-ARITH-011", "info")]
    assert "报告已注明尾差" in next(f.message for f in noted.findings if f.rule_id == "NAT-ARITH-011")
    assert noted.report["rounding_note"].endswith("存在尾差") and noted.report["provenance"]["/rounding_note"]["line"] == 10
    # a 合计 off beyond any rounding is an error, noted or not
    wrong = check_text(tmp_path, [*HEAD, *TABLE[:-1], "合计\t3,752.00\t3,686.42\t98.25%", NOTE], name="wrong.txt")
    assert sums(wrong) == [("NAT-ARITH-011", "error")]


def test_a_column_in_yuan_beside_one_in_wan_yuan_is_summed_in_its_own_unit(tmp_path):
    rows = [["支出内容", "金额（元）", "金额（万元）"], ["送戏下乡演出补助", "1,412,346.48", "141.23"],
            ["农家书屋图书更新", "864,517.36", "86.45"], ["村级文化活动室设备购置", "1,047,826.43", "104.78"],
            ["合计", "3,324,690.27", "332.47"]]  # (332.469027 rounded; the rounded parts add to 332.46: a 尾差)
    path = word_with_table(tmp_path / "报告.docx", ["某县文化和旅游局2025年度文化惠民项目绩效自评报告", "一、项目基本情况",
                                                 "表1 项目资金支出明细"], rows)
    result = check_file(path)
    [found] = [f for f in result.findings if f.rule_id == "NAT-ARITH-011"]
    assert "332.47 万元" in found.message and "141.23 + 86.45 + 104.78 = 332.46 万元" in found.message
    assert found.severity == "warning" and "0.0332" not in found.message  # (not the 万元 column read as 元)
