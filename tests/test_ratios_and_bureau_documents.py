"""Management ratios in 部门整体 reports and a finance bureau's own documents (heldout78, heldout79). Each test writes a
report as a text file (or a workbook) and checks it with the real extractors and the built-in packs."""

from __future__ import annotations

import openpyxl

from tests.helpers import check_file, check_text, problems

DEPT = ["尤溪县卫生健康局2025年度部门整体支出绩效自评报告", "一、部门基本情况"]


def titles(result) -> list[str]:
    return [s["title"] for s in result.report.get("sections") or []]


def test_problems_and_measures_stated_in_sentences_are_list_items_not_sections(tmp_path):
    lines = [*DEPT, "　　本部门负责全县卫生健康工作。",
             "五、存在的问题及原因",
             "（一）年中追加上级转移支付较多，预算调整率",
             "32.43%，年初预算对上级资金的预计不足。",
             "（二）“双随机”跨部门联合抽查有8项未按计划在年内完成，部门间协调机制有待完善；重点工作1项未完成。",
             "（三）县财政局对2024年度专项资金检查中指出1项救助资金发放台账登记不完整的问题。",
             "六、改进措施",
             "（一）主动与编制部门对接，尽快完成编制核增手续；严格按编制数控制人员招录。",
             "（二）改进建议",
             "七、结果应用及信息公开", "　　自评结果按规定公开。"]
    assert titles(check_text(tmp_path, lines)) == ["部门基本情况", "存在的问题及原因", "改进措施", "改进建议", "结果应用及信息公开"]


def test_an_adjustment_divided_by_the_adjustment_rate_is_no_adjusted_budget(tmp_path):
    lines = [*DEPT, "二、部门整体支出情况",
             "　　2025年年初预算4,416.80万元，全年预算10,798.67万元，实际支出10,510.81万元，预算执行率97.33%。",
             "　　本级预算调整数142.72万元，年初预算4,416.80万元，预算调整率3.23%。"]
    result = check_text(tmp_path, lines)
    assert str(result.report["overall"]["adjusted_budget"]) == "10798.67"
    assert problems(result) == []


def test_a_difference_between_staff_and_posts_is_neither(tmp_path):
    lines = [*DEPT, "　　核定编制80人；截至2025年12月31日，在职人员82人。",
             "　　在职人员超出核定编制2人，主要是年内接收安置军队转业干部。"]
    result = check_text(tmp_path, lines)
    assert result.report["staffing"]["actual"] == 82
    assert not [f for f in result.findings if f.rule_id == "JX-CONFLICT"]


def test_a_projects_indicator_counting_other_projects_is_not_its_projects(tmp_path):
    lines = ["蕉岭县财政局2025年度预算绩效管理工作经费项目绩效自评报告", "一、项目基本情况", "　　项目全年预算60.00万元。",
             "二、项目绩效指标完成情况",
             "　　项目共设置8项三级指标，总分值90分（另有预算执行率10分）。",
             "　　重点项目绩效评价数量：年度指标值≥12个，实际完成12个，得10分（分值10分）。评价项目涉及资金2.36亿元。",
             "　　项目支出绩效自评覆盖率：年度指标值≥95%，实际完成98.02%。全县2025年度项目支出1,312个，开展绩效自评的项目"
             "1,286个；开展自评的项目资金12.46亿元。",
             "三、自评结论", "　　项目自评得分99.15分，等级为“优”。"]
    result = check_text(tmp_path, lines)
    assert problems(result) == []
    assert "evaluated_count" not in (result.report.get("projects_summary") or {})
    assert str(result.report["overall"]["score"]) == "99.15"  # (总分值90分 is the weights', no score)


def test_units_graded_are_no_projects_grades(tmp_path):
    lines = [*DEPT, "　　9个二级单位中，自评等级为“优”的7个、“良”的2个。",
             "　　2025年本部门共实施项目18个，全部纳入绩效自评。18个项目中，自评等级为“优”的15个、“良”的3个，项目评优率83.33%。"]
    result = check_text(tmp_path, lines)
    assert result.report["projects_summary"]["grade_counts"] == {"excellent": 15, "good": 3}
    assert problems(result) == []


BUREAU = ["象山县财政局关于2025年度预算绩效自评工作情况的报告", "一、自评工作基本情况",
          "　　全县14个部门、187个项目开展了绩效自评，涉及资金127,401.60万元。14个部门中自评等级为“优”的13个。",
          "表1　2025年度县级部门预算执行情况",
          "部门\t全年预算\t实际支出\t执行率",
          "县教育局\t22,000.00\t21,486.30\t97.67%",
          "县水利局\t24,118.60\t23,506.19\t{rate}",
          "合计\t46,118.60\t44,992.49\t97.56%",
          "二、下一步工作", "　　各部门于2026年4月30日前公开自评结果。", "象山县财政局", "2026年4月20日"]


def test_a_finance_bureaus_account_of_departments_is_no_departments_report_and_its_tables_are_checked(tmp_path):
    result = check_text(tmp_path, [line.format(rate="97.46%") for line in BUREAU])
    report = result.report
    assert report["extraction"]["document"] == "部门绩效自评情况汇总"
    assert "overall" not in report and "projects_summary" not in report and "disclosure" not in report
    assert report["report_date"] == "2026-04-20"
    assert problems(result) == [] and result.status == "passed"
    wrong = check_text(tmp_path, [line.format(rate="97.64%") for line in BUREAU])
    assert problems(wrong) == ["NAT-ARITH-012"]
    # a department's own report with a similar title stays a department's
    own = check_text(tmp_path, ["象山县财政局2025年度部门整体支出绩效自评报告", "一、部门基本情况", "　　全年预算1,000.00万元。"])
    assert "document" not in own.report["extraction"]


def test_an_average_row_under_the_total_is_no_part(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "汇总表"
    sheet.append(["象山县2025年度部门绩效自评结果汇总表"])
    sheet.append(["填报单位：象山县财政局"])
    sheet.merge_cells("A1:E1")
    sheet.merge_cells("A2:E2")
    sheet.append(["序号", "部门名称", "项目个数", "涉及资金（万元）", "自评得分"])
    rows = [("1", "县教育局", "24", "21,486.30", "95.62"), ("2", "县卫生健康局", "21", "15,862.40", "94.80"),
            ("3", "县农业农村局", "23", "18,640.50", "93.75")]
    for row in rows:
        sheet.append(list(row))
    sheet.append(["合计", "", "68", "55,999.20", "—"])
    sheet.append(["平均得分", "", "—", "—", "94.72"])
    book.save(tmp_path / "汇总表.xlsx")
    result = check_file(tmp_path / "汇总表.xlsx")
    assert problems(result) == ["NAT-ARITH-011"]  # the rows add up to 55,989.20
    assert "55989.20" in result.findings[0].message
