"""A department's self-evaluation as it arrives in separate files (heldout70), and transfer payments' reports
(heldout68): a sheet that is a summary of the projects (…自评结果汇总表) is checked as a body table with its title
read; a 报送函 is a cover letter, not a report; a fund's report written to the ministry's transfer outline is a transfer
payment's; a transfer form's 地方主管部门 and 资金使用单位 are its supervisor and implementer. Real files are written to
disk (openpyxl, python-docx) and checked as `jixiao check` does."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from docx import Document

from tests.helpers import check_file, check_text, problems

CORPUS = Path(__file__).resolve().parent / "corpus"

ROWS = [("1", "泗水县2025年度耕地地力保护与质量提升项目", "泗水县农业技术推广中心", "713.00", "700.83", "98.29%", "98.83", "优"),
        ("2", "泗水县2025年度农作物病虫害统防统治项目", "泗水县植物保护站", "387.00", "379.80", "98.14%", "99.06", "优"),
        ("3", "泗水县2025年度农村厕所粪污资源化利用项目", "泗水县农村人居环境服务中心", "570.00", "522.31", "91.63%", "86.45", "良")]


def summary_sheet(path: Path, spent_total: str, third_grade: str = "良") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "汇总表"
    sheet["A1"] = "附件2"
    sheet["A2"] = "泗水县农业农村局2025年度项目支出绩效自评结果汇总表"
    sheet.merge_cells("A2:H2")
    sheet["A3"] = "填报单位：泗水县农业农村局（盖章）"
    sheet.merge_cells("A3:E3")
    sheet["G3"] = "金额单位：万元"
    sheet.merge_cells("G3:H3")
    sheet.append(["序号", "项目名称", "实施单位", "全年预算数", "全年执行数", "执行率", "自评得分", "自评等级"])
    for row in ROWS:
        sheet.append([*row[:-1], third_grade if row[0] == "3" else row[-1]])
    sheet.append(["合计", "", "", "1,670.00", spent_total, "95.98%", "—", "—"])
    sheet.merge_cells("A8:C8")
    sheet["A9"] = "注：执行率=全年执行数÷全年预算数×100%。"
    sheet.merge_cells("A9:H9")
    book.save(path)
    return path


def test_a_summary_sheet_is_checked_as_a_table_and_its_title_read(tmp_path):
    result = check_file(summary_sheet(tmp_path / "汇总表.xlsx", "1,612.94"))  # the rows add to 1,602.94
    # the 合计 row's spending is wrong: its sum, and its rate (95.98% is 1,602.94 ÷ 1,670.00, not 1,612.94 ÷ …)
    assert problems(result) == ["NAT-ARITH-011", "NAT-ARITH-012"]
    found = result.findings[0]
    assert (found.location.sheet, found.location.cell) == ("汇总表", "E8")
    assert "700.83 + 379.80 + 522.31 = 1602.94" in found.message
    report = result.report
    assert report["kind"] == "self_evaluation_tables"
    assert report["title"] == "泗水县农业农村局2025年度项目支出绩效自评结果汇总表"  # (附件2 is a line of its own)
    assert report["department"]["name"] == "泗水县农业农村局"
    assert report["fiscal_year"] == 2025
    assert not [f for f in result.findings if f.rule_id == "JX-EXTRACTION" and f.severity != "info"]


def test_a_summary_sheet_that_adds_up_passes(tmp_path):
    result = check_file(summary_sheet(tmp_path / "汇总表.xlsx", "1,602.94"))
    assert problems(result) == []
    assert result.status == "passed"
    assert len(result.report["stated_sums"]) == 2 and len(result.report["stated_rates"]) == 4


def test_each_project_of_a_summary_sheet_has_its_grade_checked_against_its_score(tmp_path):
    result = check_file(summary_sheet(tmp_path / "汇总表.xlsx", "1,602.94", third_grade="优"))  # 86.45 is 良
    assert problems(result) == ["NAT-GRADE-005"]
    found = result.findings[0]
    assert (found.location.sheet, found.location.cell) == ("汇总表", "H7")
    assert "泗水县2025年度农村厕所粪污资源化利用项目" in found.message
    projects = check_file(summary_sheet(tmp_path / "汇总表.xlsx", "1,602.94")).report["projects"]
    assert [(p["name"][-8:], str(p["total_score"]), p["grade"]) for p in projects] == [
        ("地力保护与质量提升项目"[-8:], "98.83", "优"), ("农作物病虫害统防统治项目"[-8:], "99.06", "优"),
        ("粪污资源化利用项目"[-8:], "86.45", "良")]


def cover_letter(path: Path) -> Path:
    document = Document()
    for text in ["安吉县林业局", "安林函〔2026〕15号", "", "安吉县林业局关于报送2025年度部门整体及项目支出绩效自评材料的函", "",
                 "安吉县财政局：",
                 "根据县财政局通知要求，我局组织开展了2025年度绩效自评工作，现将自评材料报送你局。",
                 "一、自评范围。共自评项目3个，涉及资金1,396.30万元，实际支出1,329.71万元。",
                 "二、自评结果。部门整体支出绩效自评得分97.93分，等级为“优”。",
                 "特此函告。", "安吉县林业局", "2026年3月18日"]:
        document.add_paragraph(text)
    document.save(path)
    return path


def test_a_cover_letter_is_not_checked_as_a_report(tmp_path):
    result = check_file(cover_letter(tmp_path / "函.docx"))
    assert problems(result) == []
    assert result.status == "not_checked"
    said = [f for f in result.findings if f.values.get("problem") == "not_a_self_evaluation"]
    assert [f.values["document"] for f in said] == ["报送函"]
    # the document number and the issuing office over the title are lines of their own, not the title
    assert result.report["title"] == "安吉县林业局关于报送2025年度部门整体及项目支出绩效自评材料的函"
    assert result.report["department"]["name"] == "安吉县林业局"


OUTLINE = ["一、绩效目标分解下达情况", "　　2025年，我县年度资金总额9,500.00万元。", "二、绩效目标完成情况分析",
           "三、偏离绩效目标的原因和下一步改进措施", "四、绩效自评结果拟应用和公开情况"]


@pytest.mark.parametrize(("title", "kind"), [
    ("霍邱县农业农村局2025年度农田建设补助资金（高标准农田建设）绩效自评报告", "transfer_payment_self_evaluation"),
    ("平原县农业农村局2025年度耕地地力保护补贴资金绩效自评报告", "transfer_payment_self_evaluation"),
    ("阜阳市2025年度养老服务体系建设专项资金绩效自评报告", "special_fund_self_evaluation"),  # named a 专项资金: kept
    ("霍邱县农业农村局2025年度部门整体支出绩效自评报告", "department_self_evaluation"),
])
def test_a_funds_report_written_to_the_transfer_outline_is_a_transfer_payments(tmp_path, title, kind):
    assert check_text(tmp_path, [title, *OUTLINE]).report["kind"] == kind


def test_a_funds_report_on_another_outline_keeps_its_kind(tmp_path):
    result = check_text(tmp_path, ["平原县农业农村局2025年度耕地地力保护补贴资金绩效自评报告", "一、基本情况", "二、绩效目标完成情况"])
    assert result.report["kind"] == "special_fund_self_evaluation"


def test_a_transfer_forms_local_supervisor_and_fund_user_are_read():
    result = check_file(CORPUS / "heldout68" / "anhui-huoqiu-county-farmland-transfer-2025-docx-clean.docx")
    project = result.report["projects"][0]
    assert (project["supervisor"], project["implementer"]) == ("霍邱县农业农村局", "霍邱县农业农村局")  # not 农业农村部
    assert problems(result) == []


def test_a_goal_row_labelled_with_a_planned_goals_word_takes_the_text_under_its_header():
    # 年度绩效目标 | 预期目标 | 实际完成情况: the row's label is no column; the goal is the text under 预期目标
    result = check_file(CORPUS / "heldout68" / "guangdong-lechang-city-provincial-special-2025-pdf-clean.pdf")
    project = result.report["projects"][0]
    assert project["goal"].startswith("目标1：建设香芋标准化种植基地1.2万亩以上")
    assert project["name"] == "2025年省级农业产业发展专项资金（乐昌香芋产业提升）"  # 专项资金（项目）名称
