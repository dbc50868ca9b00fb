"""Indicators of every direction (heldout92: 反向指标≤15%, a ≤ limit beaten yet scored the ≥ way) and per-unit figures
beside totals (heldout91: a target typed as =71.60元/亩 that a program stored as a formula, staff hired and moved in the
year). Each test writes a workbook or a text report and checks it with the real extractors and the built-in packs."""

from __future__ import annotations

from tests.helpers import check_rows, check_text, problems


def _form(path, cost_target: str, cost_actual: str, cost_score: float, total: float):
    rows = [["项目名称", "秭归县2025年柑橘绿色高质高效示范项目"],
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", 300, 320, 312.5, 10, "97.66%", 9.77],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["产出指标", "数量指标", "示范基地面积", "≥5000亩", "5200亩", 40, 40, None],
            ["产出指标", "成本指标", "示范基地亩均补助成本", cost_target, cost_actual, 10, cost_score,
             "集中采购压低物资单价" if cost_score < 10 else None],
            ["效益指标", "经济效益指标", "示范户亩均增收", "≥800元", "860元", 30, 30, None],
            ["满意度指标", "服务对象满意度指标", "示范户满意度", "≥90%", "95%", 10, 10, None],
            ["总分", None, None, None, None, 100, total, None],
            ["自评等级", "优"]]
    return check_rows(path, rows)


def test_a_limit_beaten_but_scored_the_other_way_is_an_error(tmp_path):
    # ≤700元 beaten (620元): full marks are due; 8.86 is 10 × 620 ÷ 700, the ≥ formula
    wrong = _form(tmp_path / "wrong.xlsx", "≤700元", "620元", 8.86, 98.63)
    found = [f for f in wrong.findings if f.rule_id == "NAT-TBL-003"]
    assert len(found) == 1 and "10 × 620 ÷ 700" in found[0].message
    assert problems(_form(tmp_path / "right.xlsx", "≤700元", "620元", 10, 99.77)) == []
    # a limit missed (760元) is scored 10 × 700 ÷ 760 = 9.21, as before
    assert problems(_form(tmp_path / "missed.xlsx", "≤700元", "760元", 9.21, 98.98)) == []


def test_a_direction_word_before_the_figure_gives_the_comparison(tmp_path):
    # 反向指标≤15%: the word before the figure; 正向指标≥… likewise (it used to leave the target unread)
    result = _form(tmp_path / "form.xlsx", "反向指标≤700元", "760元", 9.21, 98.98)
    indicator = result.report["projects"][0]["indicators"][1]
    assert (indicator["target_op"], str(indicator["target_value"]), indicator["target_unit"]) == ("<=", "700", "元")
    assert problems(result) == []
    full = _form(tmp_path / "full.xlsx", "反向指标≤700元", "760元", 10, 99.77)  # missed, yet full marks
    assert "NAT-TBL-002" in problems(full)


def test_a_target_typed_as_a_formula_with_a_unit_per_acre_is_read_as_typed(tmp_path):
    # (openpyxl stores a text opening on = as a formula, without a result: as some exports do)
    result = check_rows(tmp_path / "form.xlsx", [["项目名称", "海伦市2025年耕地地力保护补贴项目"],
                ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
                ["年度资金总额", 22987.18, 22987.18, 22987.18, 10, "100.00%", 10],
                ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
                ["产出指标", "成本指标", "亩均补贴标准", "=71.60元/亩", "71.60元/亩", 50, 50],
                ["效益指标", "经济效益指标", "补贴发放户数", "≥78000户", "78166户", 30, 30],
                ["满意度指标", "服务对象满意度指标", "农户满意度", "≥90%", "96%", 10, 10],
                ["总分", None, None, None, None, 100, 100]])
    indicator = result.report["projects"][0]["indicators"][0]
    assert (indicator["target"], indicator["target_op"], indicator["target_unit"]) == ("=71.60元/亩", "=", "元/亩")
    assert not [f for f in result.findings if f.values.get("problem") == "formula_without_value"]


def test_staff_hired_and_moved_in_the_year_are_no_posts(tmp_path):
    lines = ["郸城县医疗保障局2025年度部门整体支出绩效自评报告", "一、部门基本情况",
             "　　截至2025年12月31日，核定编制46名，其中行政编制18名、事业编制28名；在职人员43名，在职人员控制率93.48%。",
             "　　2025年，我局新招录事业编制工作人员2名，调出行政编制人员1名，年末空编3名。"]
    result = check_text(tmp_path, lines)
    assert (result.report["staffing"]["authorized"], result.report["staffing"]["actual"]) == (46, 43)
    assert problems(result) == []
