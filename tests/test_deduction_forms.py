"""Forms and reports scored by deduction (heldout86): 分值 · 扣分 · 得分 columns, or 分值 · 扣分 alone (得分 = 分值 − 扣分,
read at the 扣分 cell), 扣分原因 as the deviation's reason, 分值合计 / 扣分合计 / 总分 rows, a 总分 row pairing 总分 with its
figure and 扣分合计 with its own, and the formula 总分为100分减去扣分合计 in prose (no score). Real files on disk, checked as
`jixiao check` does."""

from __future__ import annotations

import openpyxl

from tests.helpers import check_file, check_text, problems, word_with_table

HEAD = [["项目支出绩效自评表（2025年度）"], ["项目名称", "融水苗族自治县油茶低产林改造项目"],
        ["主管部门", "融水苗族自治县林业局", None, None, "实施单位", "融水苗族自治县林业技术推广站"],
        ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "扣分"],
        ["年度资金总额", "450.00", "500.40", "489.28", "10", "97.78%", "0.22"],
        ["年度总体目标", "完成油茶低产林改造1.5万亩"]]


def deduction_only(path, new_forest_deduction: str = "0.5") -> None:
    """A form with only 分值 and 扣分 (no 得分): 分值合计, 扣分合计 and 总分（100−扣分合计） rows below it."""
    rows = [*HEAD,
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "扣分", "扣分原因"],
            ["产出指标", "数量指标", "油茶低产林改造面积", "≥1.5万亩", "1.52万亩", "30", "0", None],
            ["产出指标", "数量指标", "新造油茶林面积", "≥3000亩", "2850亩", "10", new_forest_deduction, "部分地块存在地质灾害隐患，调出造林计划"],
            ["产出指标", "质量指标", "造林成活率", "≥90%", "92.5%", "10", "—", None],
            ["效益指标", "经济效益指标", "油茶鲜果亩产", "≥400公斤", "384公斤", "15", "0.6", "改造后林分尚处于恢复期，花期遇连续阴雨"],
            ["效益指标", "生态效益指标", "林地水土保持状况", "持续改善", "持续改善", "15", "不扣分", None],
            ["满意度指标", "服务对象满意度指标", "林农满意度", "≥90%", "94%", "10", "0", None],
            ["分值合计", None, None, None, None, "100", None, None],
            ["扣分合计", None, None, None, None, None, "1.32", None],
            ["总分（100−扣分合计）", None, None, None, None, "98.68", None, None],
            ["自评等级", "优"]]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "项目支出绩效自评表"
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("F19:H19")
    book.save(path)


def test_a_form_with_only_a_deduction_column_gives_each_score_as_weight_less_deduction(tmp_path):
    deduction_only(tmp_path / "自评表.xlsx")
    result = check_file(tmp_path / "自评表.xlsx")
    project = result.report["projects"][0]
    assert [str(i["score"]) for i in project["indicators"]] == ["30", "9.5", "10", "14.4", "15", "10"]
    assert (str(project["rate_score"]), str(project["weight_total"]), str(project["total_score"])) == ("9.78", "100", "98.68")
    assert project["indicators"][1]["deviation_reason"].startswith("部分地块")  # (扣分原因: the deviation's reason)
    where = result.report["provenance"]["/projects/0/indicators/1/score"]
    assert where["cell"] == "G9"  # (the score is read at the 扣分 cell)
    assert problems(result) == []


def test_a_deduction_that_does_not_follow_from_target_and_actual_is_found(tmp_path):
    deduction_only(tmp_path / "自评表.xlsx", new_forest_deduction="0.3")  # (10 × 2850 ÷ 3000 = 9.5: 扣0.5, not 0.3)
    assert "NAT-TBL-003" in problems(check_file(tmp_path / "自评表.xlsx"))


def paired_total(path, grade: str) -> None:
    """A Word form whose 总分 row pairs 总分 with its figure and 扣分合计 with its own."""
    rows = [["项目名称", "平遥县公共文化服务体系建设项目", "", "", "", "", "", ""],
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "扣分", "得分"],
            ["年度资金总额", "860.00", "900.00", "881.10", "10", "97.90%", "0.21", "9.79"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "扣分", "得分"],
            ["产出指标", "数量指标", "群众文化活动场次", "≥300场", "300场", "50", "—", "50"],
            ["效益指标", "社会效益指标", "参与人次", "≥45万人次", "43.2万人次", "30", "1.2", "28.8"],
            ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95.6%", "10", "—", "10"],
            ["总分", "98.59", "", "", "扣分合计", "1.41", "", ""],
            ["自评等级", grade, "", "", "", "", "", ""]]
    word_with_table(path, ["平遥县文化和旅游局2025年度公共文化服务体系建设项目绩效自评报告"], rows)


def test_a_total_row_pairing_the_score_and_the_deductions_reads_the_score(tmp_path):
    for grade, expected in (("优", []), ("良", ["NAT-GRADE-005"])):
        paired_total(tmp_path / f"{grade}.docx", grade)
        result = check_file(tmp_path / f"{grade}.docx")
        assert str(result.report["projects"][0]["total_score"]) == "98.59"  # (not 1.41, the deductions' total)
        assert [p for p in problems(result) if p.startswith("NAT-GRADE")] == expected


def test_a_web_copy_of_a_deduction_form_whose_merged_cells_are_left_out_keeps_its_columns(tmp_path):
    lines = ["郧西县农村供水工程维修养护项目绩效自评报告", "项目支出绩效自评表",
             "项目名称\t郧西县农村供水工程维修养护项目",
             "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t扣分\t得分",
             "年度资金总额\t300.00\t330.60\t324.06\t10\t98.02%\t0.20\t9.80",
             "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t扣分\t得分\t扣分原因",
             "产出指标\t数量指标\t维修养护集中供水工程\t≥86处\t86处\t40\t0.00\t40\t",
             "更换老旧供水管网\t≥42公里\t39.9公里\t10\t0.5\t9.5\t",
             "效益指标\t社会效益指标\t农村自来水普及率\t≥93%\t93.6%\t30\t0.00\t30\t",
             "满意度指标\t服务对象满意度指标\t受益群众满意度\t≥90%\t91.8%\t10\t0.00\t10\t",
             "总分\t100\t0.70\t99.30\t", "自评等级\t优"]
    result = check_text(tmp_path, lines)
    indicators = result.report["projects"][0]["indicators"]
    assert [(i["level1"], i["level3"], str(i["weight"]), str(i["score"])) for i in indicators][:2] == [
        ("产出指标", "维修养护集中供水工程", "40", "40"), ("产出指标", "更换老旧供水管网", "10", "9.5")]
    assert problems(result) == ["NAT-CMP-001"]  # (扣0.5 with its 扣分原因 left empty)


def test_the_formula_of_the_total_is_no_score(tmp_path):
    lines = ["融水苗族自治县林业局2025年度油茶低产林改造项目绩效自评报告", "一、项目基本情况",
             "　　本县自评表只列“分值”和“扣分”两栏，得分按“得分 = 分值 − 扣分”计算；总分为100分减去扣分合计。"]
    assert "score" not in check_text(tmp_path, lines).report.get("overall", {})
    lines.append("　　经自评，项目总分98.68分，等级为“优”。")
    assert str(check_text(tmp_path, lines).report["overall"]["score"]) == "98.68"
