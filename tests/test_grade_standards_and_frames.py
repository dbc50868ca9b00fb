"""Grades under a standard the report states (heldout81) and Word files laid out in frames (heldout82). Each test
writes a real file (text or .docx) and checks it with the real extractors and the built-in packs."""

from __future__ import annotations

from decimal import Decimal

from docx import Document

from jixiao.plugins.extractors.grading import read_full_marks, read_grading
from tests.helpers import check_file, check_text, problems

PROJECT = ["德清县农业农村局2025年度数字农业工厂建设补助项目绩效自评报告", "一、项目基本情况", "　　项目全年预算648.50万元。", "四、自评结论"]
LOCAL = ("　　等级标准：按照县财政局通知，自评得分95分（含）以上为“优秀”，85分（含）—95分为“良好”，60分（含）—85分为“合格”，"
         "60分以下为“不合格”。")


def test_a_stated_standard_is_read_with_its_bands():
    grading, _ = read_grading(LOCAL)
    assert grading == {"bands": [{"grade": "优秀", "min": Decimal("95")}, {"grade": "良好", "min": Decimal("85")},
                                 {"grade": "合格", "min": Decimal("60")}, {"grade": "不合格", "min": None}],
                       "conditional": False}
    named, _ = read_grading("等级划分为优秀（≥95分）、良好（85—95分）、合格（60—85分）、不合格（<60分）。")
    assert [b["grade"] for b in named["bands"]] == ["优秀", "良好", "合格", "不合格"]
    assert read_grading("项目自评得分97.45分，等级为“优”。") is None
    # (及以上 inside the brackets: the first band was lost, and every 优 reported as no grade at all)
    quoted, _ = read_grading("自评等级按“优（90分及以上）、良（80—89.99分）、中（60—79.99分）、差（60分以下）”四档确定。")
    assert [(b["grade"], b["min"]) for b in quoted["bands"]] == [
        ("优", Decimal("90")), ("良", Decimal("80")), ("中", Decimal("60")), ("差", None)]


def test_a_grade_is_checked_by_the_standard_the_report_states(tmp_path):
    right = check_text(tmp_path, [*PROJECT, LOCAL, "　　项目自评总分94.34分，按上述县级等级标准，本项目自评等级为“良好”。"])
    assert problems(right) == []  # (良好 under the county's bands; 优 under the national ones)
    assert right.report["grading"]["bands"][0] == {"grade": "优秀", "min": Decimal("95")}
    wrong = check_text(tmp_path, [*PROJECT, LOCAL, "　　项目自评总分94.34分，本项目自评等级为“优秀”。"])
    assert problems(wrong) == ["NAT-GRADE-001"]
    assert "应为“良好”（按报告所写的等级标准）" in wrong.findings[0].message  # (says which bands graded it)
    national = check_text(tmp_path, [*PROJECT, "　　项目自评总分94.34分，本项目自评等级为“良好”。"])
    assert problems(national) == ["NAT-GRADE-001"]  # (no standard stated: the national bands)
    assert "应为“优”，报告为" in national.findings[0].message
    restated = ("　　等级标准：90分（含）以上为“优”，80分（含）—90分为“良”，60分（含）—80分为“中”，60分以下为“差”。")
    same = check_text(tmp_path, [*PROJECT, restated, "　　项目自评总分94.34分，本项目自评等级为“良好”。"])
    assert "应为“优”，报告为" in same.findings[0].message  # (the national bands restated: nothing to say)


def test_a_standard_with_a_condition_or_two_standards_check_no_grade(tmp_path):
    conditional = ("　　等级标准：自评得分80分（含）以上且预算执行率90%（含）以上的为“优”；自评得分60分（含）—70分的为“中”；"
                   "60分以下为“差”。")
    result = check_text(tmp_path, [*PROJECT, conditional, "　　项目自评总分87.72分，自评等级为“优”。"])
    assert result.report["grading"]["conditional"] is True
    assert problems(result) == []
    review = ("　　绩效自评得分90分（含）以上为“优”、80分（含）—90分为“良”、60分（含）—80分为“中”、60分以下为“差”；"
              "县财政局复核得分与自评得分不一致的，以复核得分确定评价等级。")
    result = check_text(tmp_path, [*PROJECT, review, "　　复核得分为87.73分，以复核得分87.73分确定为“良”。",
                                   "　　项目自评总分90.73分。"])
    assert result.report["grading"]["conditional"] is True and problems(result) == []
    assert str(result.report["overall"]["score"]) == "90.73"  # (复核得分 is the bureau's, not the report's)


def test_a_scale_the_report_states_is_read_where_every_statement_agrees():
    for said in ("本县项目支出绩效自评实行110分制：预算执行率10分，产出指标50分。", "自评总分98.62分（满分110分），得分率89.65%。",
                 "注：本表实行110分制。", "部门整体支出绩效自评表满分110分，其中预算执行率10分。"):
        marks, (start, end) = read_full_marks(said)
        assert marks == Decimal("110") and said[start:end].endswith("分制") or "满分" in said[start:end], said
    # a section's own maximum, a survey's scale, and two scales that differ are no scale of the form
    assert read_full_marks("其中部门决策18.50分（满分20分）、预算执行率得分9.60分（满分10分）。") is None
    assert read_full_marks("满意度调查采用10分制。") is None
    assert read_full_marks("本表实行110分制。部门整体支出绩效自评表满分100分。") is None
    assert read_full_marks("项目自评得分97.45分，等级为“优”。") is None


SCALE_110 = ("　　评分办法：本县项目支出绩效自评实行110分制，预算执行率10分，产出指标50分，效益指标30分，满意度指标10分，"
             "管理指标10分；总分99分（含）以上为“优”，88分（含）至99分为“良”，66分（含）至88分为“中”，66分以下为“差”。")


def test_weights_add_up_to_the_scale_the_report_states(tmp_path):
    form = ["表1　项目支出绩效自评表", "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分",
            "\t\t预算执行率\t\t\t10\t10", "产出指标\t数量指标\t造林面积\t≥3000亩\t3000亩\t50\t50",
            "效益指标\t生态效益\t森林覆盖率\t≥86%\t86.2%\t30\t30", "满意度指标\t服务对象满意度\t林农满意度\t≥90%\t95%\t10\t10",
            "管理指标\t资金管理\t资金使用合规性\t合规\t合规\t10\t10", "总分\t\t\t\t\t110\t110"]
    scaled = check_text(tmp_path, [*PROJECT, SCALE_110, *form, "　　项目自评总分110分，自评等级为“优”。"])
    assert scaled.report["grading"]["full_marks"] == Decimal("110")
    assert not {"NAT-GRADE-009", "NAT-TBL-005"} & set(problems(scaled))
    national = check_text(tmp_path, [*PROJECT, *form, "　　项目自评总分110分，自评等级为“优”。"])
    assert {"NAT-GRADE-009", "NAT-TBL-005"} <= set(problems(national))  # (no scale stated: the national 100)
    off = check_text(tmp_path, [*PROJECT, SCALE_110, *[row.replace("\t50\t50", "\t60\t60") for row in form]])
    assert "NAT-GRADE-009" in problems(off)  # (its own scale, not kept: 120 of 110)
    [finding] = [f for f in off.findings if f.rule_id == "NAT-GRADE-009"]
    assert "120" in finding.message and "110" in finding.message


def test_a_formula_and_a_deduction_are_no_score(tmp_path):
    lines = [*PROJECT, "　　执行率得分按执行率×10分计算；“家长满意度”该项得分扣减0.50分。", "　　项目自评总分97.45分，等级为“优”。"]
    result = check_text(tmp_path, lines)
    assert str(result.report["overall"]["score"]) == "97.45" and problems(result) == []


def test_a_report_inside_a_one_cell_frame_is_read_as_the_body(tmp_path):
    document = Document()
    frame = document.add_table(rows=1, cols=1).cell(0, 0)
    paragraphs = ["于都县农业农村局2025年度部门整体支出绩效自评报告", "一、部门基本情况", "（一）部门职能",
                  "于都县农业农村局是县政府工作部门，负责全县农业农村工作。", "二、预算编制及执行情况",
                  "2025年全年预算3,123.15万元，实际支出3,102.02万元，预算执行率99.23%。"]
    frame.paragraphs[0].text = paragraphs[0]
    for text in paragraphs[1:]:
        frame.add_paragraph(text)
    inner = frame.add_table(rows=3, cols=4)
    for r, row in enumerate([["单位", "全年预算", "实际支出", "执行率"], ["县农业技术推广中心", "640.00", "636.80", "99.52%"],
                             ["合计", "640.00", "636.80", "99.50%"]]):
        for c, text in enumerate(row):
            inner.cell(r, c).text = text
    frame.add_paragraph("三、部门整体绩效目标完成情况")
    document.save(tmp_path / "frame.docx")
    result = check_file(tmp_path / "frame.docx")
    assert [s["title"] for s in result.report["sections"]] == ["部门基本情况", "部门职能", "预算编制及执行情况", "部门整体绩效目标完成情况"]
    assert str(result.report["overall"]["adjusted_budget"]) == "3123.15"
    # the nested table is a table of the report: its row's rate is checked (636.80 ÷ 640.00 = 99.50%)
    assert problems(result) == ["NAT-ARITH-001", "NAT-ARITH-012"]  # (3,102.02 ÷ 3,123.15 is 99.32%)


def test_a_cover_built_from_a_table_is_no_form(tmp_path):
    from tests.test_funds_and_repeats import project_form

    # the form's rows, as the workbook test writes them, put into a Word table under a cover table of the same project
    import openpyxl

    sheet = openpyxl.load_workbook(project_form(tmp_path / "form.xlsx", "30", "99.80")).active
    rows = [[("" if c.value is None else str(c.value)) for c in row] for row in sheet.iter_rows()]
    document = Document()
    document.add_paragraph("兰考县农业农村局2025年度高标准农田建设项目绩效自评报告")
    cover = document.add_table(rows=4, cols=2)
    for r, (label, value) in enumerate([("项目名称", "兰考县2025年度高标准农田建设项目"), ("主管部门", "兰考县农业农村局"),
                                        ("实施单位", "兰考县农业农村局"), ("填报日期", "2026年3月20日")]):
        cover.cell(r, 0).text, cover.cell(r, 1).text = label, value
    document.add_paragraph("一、项目基本情况")
    document.add_paragraph("项目全年预算100.00万元，全年执行98.00万元，预算执行率98.00%。")
    width = max(len(r) for r in rows)
    form = document.add_table(rows=len(rows), cols=width)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            form.cell(r, c).text = text
    document.save(tmp_path / "cover.docx")
    result = check_file(tmp_path / "cover.docx")
    projects = result.report["projects"]
    assert len(projects) == 1  # (the cover is no second, empty project)
    assert projects[0]["name"] == "兰考县2025年度高标准农田建设项目" and str(projects[0]["executed"]) == "98.00"
    assert problems(result) == []
