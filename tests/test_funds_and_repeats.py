"""Funds' own budgets and figures stated twice (heldout75, heldout76). A social-insurance fund's or a government
fund's self-evaluation is a fund's (special_fund_self_evaluation), its income's 其中 names main sources only; a body
table in parts headed 一、 二、 adds each head's rows; a paragraph restating a table row by row is a sum; a report typed
into a sheet keeps its tables as tables; 9个项目…自评等级均为“优” counts nine 优. Each test writes a real file and
checks it with the real extractors and the built-in packs."""

from __future__ import annotations

from decimal import Decimal

import openpyxl

from tests.helpers import check_file, check_text, problems

FUND = ["富平县2025年度城乡居民基本养老保险基金预算绩效自评报告", "一、基金基本情况"]


def test_a_funds_budget_self_evaluation_is_a_funds(tmp_path):
    result = check_text(tmp_path, [*FUND, "　　基金由个人缴费、政府补贴及利息等收入构成。"])
    assert result.report["kind"] == "special_fund_self_evaluation"
    result = check_text(tmp_path, ["江山市2025年度城乡居民基本医疗保险基金绩效自评报告", "一、基金基本情况", "　　正文。"])
    assert result.report["kind"] == "special_fund_self_evaluation"


def test_a_funds_income_names_its_main_sources_without_summing_them(tmp_path):
    partial = "　　2025年度基金收入预算37,860.00万元，其中个人缴费收入9,000.00万元，政府补贴收入25,600.00万元。"
    result = check_text(tmp_path, [*FUND, partial])
    assert problems(result) == []
    assert not result.report.get("stated_sums")
    # parts that exceed the income are wrong whatever else it has
    over = "　　2025年度基金收入预算37,860.00万元，其中个人缴费收入9,000.00万元，政府补贴收入29,600.00万元。"
    assert problems(check_text(tmp_path, [*FUND, over])) == ["NAT-ARITH-011"]
    # a fund's spending listed with 其中 is still a sum
    spending = "　　基金支出预算33,420.00万元，其中基础养老金支出28,900.00万元，个人账户养老金支出3,920.00万元，丧葬补助金支出500.00万元。"
    assert problems(check_text(tmp_path, [*FUND, spending])) == ["NAT-ARITH-011"]


TABLE = ["表1　2025年度城乡居民基本医疗保险基金收支情况表（单位：万元）",
         "项目\t预算数\t决算数",
         "一、基金收入\t86,420.00\t{income}",
         "个人缴费收入\t27,600.00\t27,935.46",
         "财政补助收入\t55,800.00\t55,926.80",
         "利息收入\t1,420.00\t1,586.34",
         "其他收入\t1,600.00\t1,212.60",
         "二、基金支出\t84,100.00\t82,996.94",
         "住院费用支出\t52,300.00\t51,596.84",
         "普通门诊费用支出\t18,200.00\t17,946.52",
         "门诊慢特病费用支出\t9,700.00\t9,592.18",
         "大病保险支出\t3,900.00\t3,861.40",
         "三、当年收支结余\t2,320.00\t3,664.26",
         "四、上年末累计结余\t41,206.38\t41,206.38",
         "五、年末累计结余\t43,526.38\t44,870.64"]


def test_a_table_in_parts_headed_yi_er_adds_each_heads_rows(tmp_path):
    head = ["江山市2025年度城乡居民基本医疗保险基金绩效自评报告", "一、基金基本情况", "　　基金收支情况见表1。"]
    clean = check_text(tmp_path, [*head, *(line.format(income="86,661.20") for line in TABLE)])
    assert problems(clean) == []
    sums = clean.report["stated_sums"]
    assert len(sums) == 4  # 一、 and 二、 in both columns; 三、 四、 五、 have no rows of their own
    assert {s["label"].split(" · ")[0].split()[-1] for s in sums} == {"一、基金收入", "二、基金支出"}
    wrong = check_text(tmp_path, [*head, *(line.format(income="86,681.20") for line in TABLE)])
    assert problems(wrong) == ["NAT-ARITH-011"]
    found = next(f for f in wrong.findings if f.rule_id == "NAT-ARITH-011")
    assert "一、基金收入 · 决算数" in found.message and "86661.20" in found.message


def test_a_paragraph_restating_a_table_row_by_row_is_a_sum(tmp_path):
    lines = ["阳朔县农业农村局2025年度化肥减量增效项目绩效自评报告", "一、项目基本情况",
             "　　表1逐项说明：项目实际支出418.52万元，其中有机肥替代化肥补助实际支出183.56万元（全年预算186.00万元），"
             "畜禽粪污资源化利用设施补助实际支出130.18万元（全年预算132.40万元），农药包装废弃物回收处置实际支出{x}万元"
             "（全年预算64.60万元），监测评估与技术服务实际支出41.92万元（全年预算43.20万元）。"]
    assert problems(check_text(tmp_path, [line.format(x="62.86") for line in lines])) == []
    wrong = check_text(tmp_path, [line.format(x="68.26") for line in lines])
    assert problems(wrong) == ["NAT-ARITH-011"]
    assert "183.56 + 130.18 + 68.26 + 41.92 = 423.92" in wrong.findings[0].message
    # a total of its own after the parts still ends the list
    other = "　　项目全年预算426.20万元，其中有机肥替代化肥补助186.00万元，畜禽粪污资源化利用设施补助240.20万元，调整后全年预算数430.00万元。"
    assert problems(check_text(tmp_path, [*lines[:2], other])) == []


def test_all_projects_given_one_grade_count_as_that_grade(tmp_path):
    lines = ["某县水利局2025年度部门整体支出绩效自评报告", "一、部门基本情况",
             "　　2025年度本部门实施项目支出3个。3个项目全部开展绩效自评，自评等级均为“优”。"]
    summary = check_text(tmp_path, lines).report["projects_summary"]
    assert summary["grade_counts"] == {"excellent": 3}
    assert summary["evaluated_count"] == 3
    some = ["某县水利局2025年度部门整体支出绩效自评报告", "一、部门基本情况",
            "　　其中中央资金支持的2个项目全部开展绩效自评，自评等级均为“优”。"]
    assert "grade_counts" not in (check_text(tmp_path, some).report.get("projects_summary") or {})


def test_a_table_typed_into_a_report_sheet_is_a_table_not_headings(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "自评报告"
    paragraphs = ["西峡县教育局2025年度部门整体支出绩效自评报告", "一、基本情况",
                  "西峡县教育局是县政府主管全县教育工作的工作部门，主要职责是贯彻执行国家和省、市教育方针政策，统筹全县各级各类教育发展，"
                  "负责全县中小学校和幼儿园的规划布局、经费保障、教师队伍建设和教育督导评估，所属公办中小学和幼儿园共一百余所。",
                  "二、预算编制及执行情况",
                  "2025年年初预算18,290.70万元，全年预算19,012.39万元，实际支出18,933.88万元，预算执行率99.59%，各项支出见表1。",
                  "表1　2025年度部门预算执行情况表（单位：万元）"]
    for row, text in enumerate(paragraphs, start=1):
        sheet.cell(row, 1, text)
    grid = [["项目", "年初预算", "全年预算", "实际支出"],
            ["一、基本支出", "17,124.30", "17,784.49", "17,720.33"],
            ["二、项目支出", "1,166.40", "1,227.90", "1,213.55"],
            ["合计", "18,290.70", "19,012.39", "{total}"]]
    for r, values in enumerate(grid, start=len(paragraphs) + 1):
        for c, value in enumerate(values, start=1):
            sheet.cell(r, c, value.format(total="18,943.88"))
    after = ["三、部门整体绩效目标完成情况", "部门整体绩效目标全部完成，产出、效益和满意度指标均达到年初设定的指标值，详见自评表所列各项指标完成情况。"
             "营养改善计划惠及农村义务教育学生两万余人，教师培训覆盖全县各学段，九年义务教育巩固率继续保持在较高水平。"]
    for row, text in enumerate(after, start=len(paragraphs) + len(grid) + 1):
        sheet.cell(row, 1, text)
    path = tmp_path / "report.xlsx"
    book.save(path)
    result = check_file(path)
    titles = [s["title"] for s in result.report["sections"]]
    assert titles == ["基本情况", "预算编制及执行情况", "部门整体绩效目标完成情况"]  # not 基本支出, 项目支出
    found = [f for f in result.findings if f.rule_id == "NAT-ARITH-011"]
    assert len(found) == 1 and found[0].location.to_dict().get("cell") == "D10"
    assert Decimal(str(found[0].values["stated"])) == Decimal("18943.88")


def project_form(path, third_score: str, total: str):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "项目支出绩效自评表"
    rows = [["项目支出绩效自评表（2025年度）"],
            ["项目名称", "兰考县2025年度高标准农田建设项目"],
            ["主管部门", "兰考县农业农村局", "", "实施单位", "兰考县农业农村局"],
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "100.00", "100.00", "98.00", "10", "98.00%", "9.80"],
            ["年度总体目标", "预期目标", "", "", "实际完成情况"],
            ["", "建成高标准农田1万亩，工程验收合格率100%，群众满意度90%以上。", "", "", "建成高标准农田1.02万亩，验收合格率100%，满意度95%。"],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["", "产出指标", "数量指标", "建成高标准农田面积", "≥1万亩", "1.02万亩", "25", "25", "无"],
            ["", "", "质量指标", "工程验收合格率", "=100%", "100%", "25", "25", "无"],
            ["", "效益指标", "社会效益指标", "受益农户", "≥3000户", "3120户", "30", third_score, "无"],
            ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", "10", "10", "无"],
            ["总分", "", "", "", "", "", "100", total],
            ["自评等级", "优"]]
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_blank_score_is_unread_and_the_total_over_it_not_called_wrong(tmp_path):
    result = check_file(project_form(tmp_path / "form.xlsx", "", "99.80"))  # the writer counts the blank at 30
    assert problems(result) == []
    assert result.report["extraction"]["unread"] == ["/projects/0/indicators/2/score"]
    info = [f for f in result.findings if f.values.get("problem") == "scores_blank"]
    assert len(info) == 1 and info[0].severity == "info" and "受益农户" in info[0].message
    # every score filled in: the same total is checked, and a wrong one found
    assert problems(check_file(project_form(tmp_path / "form.xlsx", "30", "99.80"))) == []
    assert "NAT-GRADE-006" in problems(check_file(project_form(tmp_path / "form.xlsx", "28", "99.80")))
