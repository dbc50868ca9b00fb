"""Reports written in spreadsheets, as county departments send them: a paragraph a merged cell with the heading's
number in a column of its own, a whole part in one cell with Alt+Enter line breaks, the same workbook exported to
PDF by LibreOffice (which draws plain cells first and merged ones after); and summaries of subordinate units'
projects, whose units' counts are not the department's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from helpers import check_file as check
from helpers import check_text, problems

CORPUS = Path(__file__).parent / "corpus" / "heldout61"

TITLE = "某县农业农村局2025年度高标准农田管护项目绩效自评报告"
FUNDS = ("　　截至2025年12月31日，项目实际支出705.61万元，执行率97.66%，未执行16.89万元，主要是部分工程质保金按合同约定在"
         "质保期满后支付。按支出内容分：渠道维修386.42万元，机耕路养护{part}万元，泵站维护104.35万元，设计及检测42.24万元。")
BODY = ("　　项目由县农业农村局组织实施，对全县已建成的高标准农田设施开展日常管护，全年预算722.50万元，资金已全部到位。"
        "管护工作按照“谁受益、谁管护”的原则，由乡镇落实管护责任，县农业农村局定期督查。")




def merged_workbook(path: Path, part: str = "176.20") -> Path:
    """The report one paragraph a merged cell (B:H), each heading's number in column A."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "报告正文"
    ws["A1"] = TITLE
    ws.merge_cells("A1:H1")
    rows = [("一、", "项目基本情况"), (None, BODY), ("二、", "项目资金使用及管理情况"), ("（一）", "资金执行情况"),
            (None, FUNDS.replace("{part}", part)), ("三、", "自评结论"),
            (None, "　　项目自评得分99.61分，自评等级为“优”。本报告将于2026年4月15日前在县人民政府网站公开。"),
            (None, "某县农业农村局"), (None, "2026年3月20日")]
    for r, (number, text) in enumerate(rows, start=3):
        if number:
            ws.cell(r, 1, number)
        ws.cell(r, 2, text)
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=8)
    wb.save(str(path))
    return path


def test_a_report_a_paragraph_a_merged_cell_is_read_as_a_report(tmp_path):
    result = check(merged_workbook(tmp_path / "r.xlsx"))
    report = result.report
    assert report["kind"] == "project_self_evaluation" and report["title"] == TITLE
    assert [(s["number"], s["title"]) for s in report["sections"]] == [
        ("一、", "项目基本情况"), ("二、", "项目资金使用及管理情况"), ("（一）", "资金执行情况"), ("三、", "自评结论")]
    assert str(report["report_date"]) == "2026-03-20" and str(report["overall"]["final"]) == "705.61"
    sums = [f for f in result.findings if f.rule_id == "NAT-ARITH-011"]
    assert len(sums) == 1 and (sums[0].location.sheet, sums[0].location.cell) == ("报告正文", "B7")
    assert problems(result) == ["NAT-ARITH-011"]
    clean = check(merged_workbook(tmp_path / "clean.xlsx", part="172.60"))
    assert problems(clean) == []


def test_a_part_in_one_cell_with_its_line_breaks_and_the_place_a_reviewer_finds(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评报告"
    ws["A1"] = TITLE
    ws["A2"] = "一、项目基本情况\n" + BODY
    ws["A3"] = "二、项目资金使用及管理情况\n（一）资金执行情况\r\n" + FUNDS.replace("{part}", "176.20")
    ws["A4"] = "三、自评结论\n　　项目自评得分99.61分，自评等级为“优”。"
    wb.save(str(tmp_path / "r.xlsx"))
    result = check(tmp_path / "r.xlsx")
    assert [s["title"] for s in result.report["sections"]] == ["项目基本情况", "项目资金使用及管理情况", "资金执行情况",
                                                               "自评结论"]
    assert problems(result) == ["NAT-ARITH-011"]
    shown = subprocess.run([str(Path(sys.executable).with_name("jixiao")), "check", str(tmp_path / "r.xlsx")],
                           capture_output=True, text=True).stdout
    assert "工作表“自评报告” A3 单元格" in shown and "NAT-ARITH-011" in shown


def test_a_form_with_its_goal_written_out_is_still_a_table():
    from jixiao.plugins.extractors.sheets import _prose_sheet

    goal = "新建高标准农田1.2万亩以上，新建（改造）灌排渠道38公里以上，工程验收合格率100%，2025年11月30日前完工。"
    form = {(1, 1): "项目支出绩效自评表", (2, 1): "项目名称", (2, 3): "某县高标准农田建设项目", (3, 1): "年初预算数",
            (3, 2): "全年预算数", (3, 3): "全年执行数", (4, 1): "1240.00", (4, 2): "1344.60", (4, 3): "1321.60",
            (5, 1): "年度总体目标", (5, 2): goal, (6, 1): "实际完成情况", (6, 2): goal.replace("以上", ""),
            **{(7 + k, c): text for k in range(8) for c, text in enumerate(("产出指标", "数量指标", "建设面积", "≥1.2万亩",
                                                                             "1.26万亩", "15", "15"), start=1)}}
    assert _prose_sheet("项目表", {key: (text, None) for key, text in form.items()}) is None


def test_a_unit_summary_in_an_old_workbook_reads_its_text_and_its_units_forms():
    result = check(CORPUS / "shandong-feixian-county-health-units-2025-xls-bundle-fund-sum.xls")
    report = result.report
    assert report["title"] == "费县卫生健康局2025年度所属单位项目支出绩效自评情况报告"
    assert len(report["sections"]) == 10 and len(report["projects"]) == 4
    assert report["projects_summary"]["count"] == 4  # (费县疾病预防控制中心实施2个项目: a unit's, no conflict)
    assert problems(result) == ["NAT-TBL-001"]


def test_a_units_own_count_and_projects_as_a_modifier_are_not_the_departments_count(tmp_path):
    lines = ["某县卫生健康局2025年度所属单位项目支出绩效自评情况报告", "一、基本情况",
             "2025年纳入本次绩效自评的所属单位3个，共4个项目，全部纳入绩效自评。",
             "某县疾病预防控制中心实施2个项目。某县人民医院实施1个项目。",
             "部分乡镇卫生院同时接受两个项目的技术指导，资源整合不够。", "某县卫生健康局", "2026年3月12日"]
    result = check_text(tmp_path, lines)
    assert result.report["projects_summary"]["count"] == 4
    assert "JX-CONFLICT" not in problems(result)


def test_what_was_left_unspent_is_not_the_spending_its_uses_add_up_to(tmp_path):
    lines = [TITLE, "二、项目资金使用及管理情况", FUNDS.replace("{part}", "176.20")]
    (tmp_path / "r.txt").write_text("\n".join(lines), encoding="utf-8")
    found = [f for f in check(tmp_path / "r.txt").findings if f.rule_id == "NAT-ARITH-011"]
    assert len(found) == 1 and "386.42 + 176.20 + 104.35 + 42.24 = 709.21" in found[0].message


reportlab = pytest.importorskip("reportlab")
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))


def _pdf(path: Path, drawn: list[tuple[float, float, str]]) -> Path:
    """One page, its lines drawn in the order given at (x, y)."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("STSong-Light", 10.5)
    for x, y, text in drawn:
        pdf.drawString(x, y, text)
    pdf.showPage()
    pdf.save()
    return path


def test_a_page_drawn_out_of_order_is_read_top_to_bottom(tmp_path):
    # LibreOffice's export of a report typed into a sheet: the headings (plain cells) first, then the title and the
    # paragraphs (merged cells) above and between them
    headings = [(56, 760, "一、项目基本情况"), (56, 700, "二、项目资金使用及管理情况"), (56, 640, "三、自评结论")]
    merged = [(150, 790, TITLE), (80, 740, "项目由县农业农村局组织实施，全年预算722.50万元。"),
              (80, 680, "截至2025年12月31日，项目实际支出705.61万元，执行率97.66%。"),
              (80, 620, "项目自评得分99.61分，自评等级为“优”。"), (400, 580, "某县农业农村局"), (400, 565, "2026年3月20日")]
    result = check(_pdf(tmp_path / "r.pdf", headings + merged))
    assert result.report["title"] == TITLE and result.report["kind"] == "project_self_evaluation"
    assert [s["title"] for s in result.report["sections"]] == ["项目基本情况", "项目资金使用及管理情况", "自评结论"]
    assert str(result.report["report_date"]) == "2026-03-20" and problems(result) == []
    rate = result.report["provenance"]["/overall/execution_rate"]
    assert rate["page"] == 1 and rate["line"] == 5  # (counted as a reviewer counts the page's lines)


def test_a_pages_second_column_is_read_after_its_first(tmp_path):
    left = [(56, 780 - 16 * k, f"左栏第{k + 1}行，项目实际支出{100 + k}.00万元。") for k in range(4)]
    right = [(320, 780 - 16 * k, f"右栏第{k + 1}行，说明。") for k in range(4)]
    from jixiao.plugins.extractors.pdftables import pdf_document

    path = _pdf(tmp_path / "two.pdf", [(150, 810, TITLE), *left, *right])
    lines = [line.text for line in pdf_document(str(path), path.read_bytes()).prose]
    assert lines == [TITLE, *(text for _, _, text in left), *(text for _, _, text in right)]
