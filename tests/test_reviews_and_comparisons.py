"""Forms and reports returned with a review beside the department's own scores (heldout89: 自评得分 · 复核得分, 复核核实值,
复核意见, 复核等级, a 主管部门复核情况 part), and reports full of year-on-year comparisons (heldout90: 上年末 staff, one
programme's funds 比上年增长, a mid-year adjustment's cause naming a project). The review's figures and last year's are
not the report's own. Each test writes a report as a text file (or a workbook) and checks it with the real extractors
and the built-in packs."""

from __future__ import annotations

from tests.helpers import check_rows, check_text, problems

# a form copied from a county site: the merged cells are lost, so indicator rows start one or two cells short
WEB_FORM = [
    "阳朔县卫生健康局2025年度农村适龄妇女“两癌”免费检查项目绩效自评报告",
    "一、项目基本情况",
    "　　项目全年预算142.70万元，实际支出128.65万元，执行率90.15%。",
    "项目名称\t阳朔县2025年农村适龄妇女“两癌”免费检查项目",
    "主管部门\t阳朔县卫生健康局\t实施单位\t阳朔县妇幼保健院",
    "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t自评得分\t复核得分",
    "年度资金总额\t128.00\t142.70\t128.65\t10\t90.15%\t9.02\t9.02",
    "其中：本年财政拨款\t128.00\t136.50\t122.45\t—\t—\t—\t—",
    "上年结转资金\t0.00\t6.20\t6.20\t—\t—\t—\t—",
    "一级指标\t二级指标\t三级指标\t年度指标值\t全年实际值\t复核核实值\t分值\t自评得分\t复核得分\t偏差原因分析及改进措施",
    "产出指标\t数量指标\t宫颈癌免费检查人数\t≥1.2万人\t1.23万人\t1.14万人\t15\t15\t14.25\t",
    "乳腺癌免费检查人数\t≥1.2万人\t1.08万人\t1.08万人\t10\t9\t9\t乳腺彩超设备9月故障停用22天，部分检查顺延完成。",
    "质量指标\t检查结果信息系统录入及时率\t≥95%\t98.4%\t91.2%\t25\t25\t24.00\t",
    "效益指标\t可持续影响指标\t筛查长效工作机制\t健全\t健全\t部分健全\t30\t30\t19.50\t",
    "满意度指标\t服务对象满意度指标\t受检妇女满意度\t≥95%\t96.8%\t93.1%\t10\t10\t9.80\t",
    "总分\t100\t98.02\t85.57\t",
    "自评等级\t优",
    "复核等级\t良",
]


def test_a_web_forms_review_columns_are_not_the_self_evaluations(tmp_path):
    result = check_text(tmp_path, WEB_FORM)
    project = result.report["projects"][0]
    rows = [(i["level3"], i["target"], i["actual"], str(i["weight"]), str(i["score"])) for i in project["indicators"]]
    assert rows == [("宫颈癌免费检查人数", "≥1.2万人", "1.23万人", "15", "15"),
                    ("乳腺癌免费检查人数", "≥1.2万人", "1.08万人", "10", "9"),
                    ("检查结果信息系统录入及时率", "≥95%", "98.4%", "25", "25"),
                    ("筛查长效工作机制", "健全", "健全", "30", "30"),
                    ("受检妇女满意度", "≥95%", "96.8%", "10", "10")]
    assert (str(project["total_score"]), project["grade"]) == ("98.02", "优")
    # the review's lower scores (14.25, 19.50 …) without a reason of their own are no deviation left unexplained
    assert problems(result) == []


def test_a_wrong_self_score_is_found_beside_the_review(tmp_path):
    lines = [line.replace("\t10\t9\t9\t", "\t10\t8\t9\t") for line in WEB_FORM]  # 10 × 1.08 ÷ 1.2 = 9, not 8
    lines = [line.replace("总分\t100\t98.02", "总分\t100\t97.02") for line in lines]
    assert "NAT-TBL-003" in problems(check_text(tmp_path, lines))


def test_a_workbooks_unit_and_review_column_groups(tmp_path):
    rows = [["项目名称", None, None, "远安县2025年小型水库除险加固及运行管护项目"],
            ["项目资金（万元）", None, None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "单位自评得分",
             "主管部门复核得分"],
            ["年度资金总额", None, None, 440, 523.6, 504.76, 10, "96.40%", 9.64, 9.64],
            ["其中：本年财政拨款", None, None, 420, 468, 452.36, "—", "—", "—", "—"],
            ["上年结转资金", None, None, 0, 35.6, 35.6, "—", "—", "—", "—"],
            ["其他资金", None, None, 20, 20, 16.8, "—", "—", "—", "—"],
            ["指标", None, None, None, None, "单位自评", None, None, "主管部门复核"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "分值", "实际完成值", "自评得分", "偏差原因分析", "核实完成值",
             "复核得分", "复核意见"],
            ["产出指标", "数量指标", "落实巡查管护责任人的小型水库", "≥72座", 50, "72座", 50, None, "68座", 47.22,
             "4座水库管护协议未签订"],
            ["效益指标", "社会效益指标", "保护下游耕地面积", "≥2.6万亩", 30, "2.6万亩", 30, None, "2.48万亩", 28.62,
             "按实测范围图核实"],
            ["满意度指标", "服务对象满意度指标", "周边群众满意度", "≥90%", 10, "88.5%", 9.83, "部分道路因施工受损", "86.1%",
             9.57, "按复核组问卷核实"],
            ["总分", None, None, None, 100, None, 99.47, None, None, 95.05],
            ["单位自评等级", None, None, None, "优"],
            ["主管部门复核等级", None, None, None, "优"]]
    result = check_rows(tmp_path / "自评表.xlsx", rows)
    project = result.report["projects"][0]
    assert [(i["actual"], str(i["score"])) for i in project["indicators"]] == [("72座", "50"), ("2.6万亩", "30"),
                                                                               ("88.5%", "9.83")]
    assert (str(project["total_score"]), project["grade"]) == ("99.47", "优")
    assert problems(result) == []
    # the review's columns are known, not "unrecognised": no note asks the reviewer about them
    assert not [f for f in result.findings if "复核" in f.message]


DEPT = ["光山县教育体育局2025年度部门整体支出绩效自评报告", "一、部门基本情况", "四、项目支出绩效自评情况"]


def test_the_reviews_grades_and_some_of_the_projects_are_no_counts_of_the_report(tmp_path):
    lines = [*DEPT,
             "　　2025年部门项目支出共安排6个项目，全年预算9,478.58万元，实际支出9,085.60万元，执行率95.85%，6个项目全部开展了"
             "绩效自评。自评等级为“优”的5个、“良”的1个；复核后等级为“优”的3个、“良”的3个。",
             "五、存在的问题",
             "　　部分单位自评不够客观，6个项目中有5个项目复核得分低于自评得分。"]
    result = check_text(tmp_path, lines)
    summary = result.report["projects_summary"]
    assert (summary["count"], summary["evaluated_count"]) == (6, 6)
    assert summary["grade_counts"] == {"excellent": 5, "good": 1}
    assert problems(result) == []  # (no JX-CONFLICT between the self-evaluation's counts and the review's)


def test_the_reviews_grade_is_not_the_reports_and_the_date_made_public_is_the_one_said_so(tmp_path):
    lines = ["云和县民政局2025年度居家养老服务补助项目绩效自评报告", "一、项目基本情况",
             "四、自评结论",
             "　　2026年3月10日，我局完成本项目绩效自评，自评总分98.48分，自评等级为“优”。",
             "五、县财政局抽查复核情况",
             "　　4月2日，县财政局反馈复核结果：本项目复核后得分88.18分，复核等级为“良”，比自评得分98.48分低10.30分。",
             "六、结果应用及公开",
             "　　本报告于2026年4月9日修订，将于2026年4月30日前在县政府门户网站公开。"]
    result = check_text(tmp_path, lines)
    assert (str(result.report["overall"]["score"]), result.report["overall"]["grade"]) == ("98.48", "优")
    assert result.report["disclosure"]["date"] == "2026-04-30"
    assert problems(result) == []


STAFF = ("　　核定编制84名，其中行政编制26名、事业编制58名；截至2025年12月31日实有在职人员79名，在职人员控制率94.05%，"
         "上年末实有80名、控制率95.24%。")


def test_last_years_staff_and_one_programmes_growth_are_not_the_departments(tmp_path):
    lines = ["光山县民政局2025年度部门整体支出绩效自评报告", "一、部门基本情况", STAFF,
             "　　全年实施临时救助3,126人次，救助资金比上年增长9.4%。",
             "二、预算编制及执行情况",
             "　　2025年度部门实际支出6,166.37万元，比上年的5,760.91万元增加405.46万元，增长7.04%。"]
    result = check_text(tmp_path, lines)
    assert (result.report["staffing"]["authorized"], result.report["staffing"]["actual"]) == (84, 79)
    overall = result.report["overall"]
    assert (str(overall["change_amount"]), str(overall["change_rate"])) == ("405.46", "7.04")
    assert problems(result) == []
    # the department's own growth stated wrongly is still found
    wrong = check_text(tmp_path, [*lines[:-1], lines[-1].replace("增长7.04%", "增长7.40%")], name="wrong.txt")
    assert "NAT-ARITH-008" in problems(wrong)


def test_a_projects_name_in_the_cause_of_an_adjustment_does_not_make_the_budget_its(tmp_path):
    lines = ["泗洪县农业农村局2025年度部门整体支出绩效自评报告", "一、部门基本情况", "二、预算编制及执行情况",
             "　　2025年年初预算9,846.30万元，其中基本支出3,612.40万元、项目支出6,233.90万元。年中因高标准农田建设省级补助资金"
             "下达和稻虾种养示范项目调整，追加预算1,128.54万元，全年预算10,974.84万元，其中基本支出3,701.22万元、项目支出"
             "7,273.62万元。",
             "　　2025年度部门实际支出10,753.18万元，部门整体预算执行率97.98%。"]
    result = check_text(tmp_path, lines)
    assert str(result.report["overall"]["adjusted_budget"]) == "10974.84"
    assert problems(result) == []  # (97.98% is 10,753.18 ÷ 10,974.84, not ÷ the 年初 budget)
