"""The 合计 rows of a report's other tables (a breakdown by direction, place or project) are checked against
the rows they add up (plugins/extractors/tablesums.py → /stated_sums → NAT-ARITH-011), in every format: a text
table (the 合计 label spanning 序号 and 名称, its figures under their own headers), a Word table, and a PDF
table split over two pages, ruled or drawn as a 三线表. A table whose rows nest (其中, 小计) is accused only where no
reading of it adds up."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.engine import Auditor, Options

HEAD = "某县交通运输局2021年度部门整体支出绩效自评报告\n一、部门整体支出情况\n　　2021年全年预算9,800.00万元，全年支出9,350.00万元，预算执行率95.41%。\n"

TEXT_TABLE = """表1 2021年度项目支出执行情况表
单位：万元
序号  项目名称          全年预算数  执行数   执行率
1    农村公路养护工程      2,860.00   2,774.35  97.01%
2    国省干线公路大中修工程   3,420.00   3,298.60  96.45%
3    客运站场运营补贴      1,150.00   1,108.42  96.38%
    合计            7,430.00   {total}  96.66%
二、绩效目标完成情况
　　全年完成农村公路养护里程1,260公里。
"""


@pytest.fixture(scope="module")
def auditor():
    return Auditor(Options())


def sums(result) -> list[tuple[str, str]]:
    return [(f.rule_id, f.severity) for f in result.findings if f.rule_id == "NAT-ARITH-011"]


def check_text(auditor, tmp_path, body: str, name: str = "report.txt"):
    """A text report: the head, then `body` (its tables), checked."""
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    return auditor.check_path(str(path))


def test_a_text_tables_total_row_is_checked_against_its_rows(auditor, tmp_path):
    result = check_text(auditor, tmp_path, TEXT_TABLE.format(total="7,181.37"), "good.txt")
    stated = result.report["stated_sums"]
    assert [(s["label"], str(s["total"]), len(s["parts"])) for s in stated] == [
        ("表1 2021年度项目支出执行情况表 合计 · 全年预算数", "7430.00", 3),
        ("表1 2021年度项目支出执行情况表 合计 · 执行数", "7181.37", 3)]
    assert sums(result) == []
    [finding] = [f for f in check_text(auditor, tmp_path, TEXT_TABLE.format(total="7,118.37"), "wrong.txt").findings
                 if f.rule_id == "NAT-ARITH-011"]
    assert finding.severity == "error"
    assert finding.location.line == 10  # the 合计 row, where its 执行数 stands
    assert "2774.35 + 3298.60 + 1108.42 = 7181.37" in finding.message and "执行数" in finding.message


DEPARTMENT_TABLE = """表2 部门整体支出情况表（单位：万元）
支出类别  全年预算  全年执行数
基本支出  2,000.00  1,950.00
人员经费  1,600.00  1,580.00
公用经费  400.00  370.00
项目支出  7,800.00  7,400.00
合计  {total}  9,350.00
二、绩效目标完成情况
　　全年完成目标。
"""


def test_a_department_table_whose_rows_nest_is_read_by_its_top_level_rows(auditor, tmp_path):
    """基本支出 is the sum of 人员经费 and 公用经费 below it: the table adds up by 基本支出 + 项目支出, not by every row."""
    result = check_text(auditor, tmp_path, DEPARTMENT_TABLE.format(total="9,800.00"))
    assert [row["label"] for row in result.report["department_table"]["fund_rows"]] == ["基本支出", "项目支出"]
    assert not [f for f in result.findings if f.rule_id == "NAT-DTBL-001"]
    [wrong] = [f for f in check_text(auditor, tmp_path, DEPARTMENT_TABLE.format(total="9,900.00")).findings
               if f.rule_id == "NAT-DTBL-001"]
    assert "2000.00 + 7800.00 = 9800.00" in wrong.message  # wrong either way: shown as the top-level sum


@pytest.mark.parametrize("rows, checked", [
    # 城区 is the sum of the two rows after it; the 合计 adds up the top-level rows
    (["城区  600.00  590.00", "东街道  350.00  345.00", "西街道  250.00  245.00", "乡镇  400.00  380.00", "合计  1,000.00  970.00"],
     [["城区", "乡镇"], ["城区", "乡镇"]]),
    (["东街道  350.00  345.00", "西街道  250.00  245.00", "城区小计  600.00  590.00", "乡镇  400.00  380.00",
      "合计  1,000.00  970.00"], [["东街道", "西街道"], ["城区小计", "乡镇"]] * 2),  # a 小计 row: its group, then the 合计
    (["一、城区  600.00  590.00", "1.东街道  350.00  345.00", "2.西街道  250.00  245.00", "二、乡镇  400.00  380.00",
      "合计  1,000.00  970.00"], []),  # two outline levels, unchecked
], ids=["sum-of-rows-after", "subtotal", "outline-levels"])
def test_a_breakdown_whose_rows_nest_is_not_accused(auditor, tmp_path, rows, checked):
    table = "表3 分区域资金执行情况（单位：万元）\n区域  全年预算  全年执行数\n" + "\n".join(rows) + "\n二、绩效目标完成情况\n　　全年完成目标。\n"
    result = check_text(auditor, tmp_path, table, "nested.txt")
    assert [[p["label"] for p in s["parts"]] for s in result.report.get("stated_sums", [])] == checked
    assert sums(result) == []


def test_columns_that_are_no_money_are_not_summed(auditor, tmp_path):
    table = ("表3 分乡镇养护情况\n乡镇  养护里程（公里）  全年预算  实际支出  执行率\n甲镇  68.3  120.00  118.50  98.75%\n"
             "乙镇  61.5  80.00  79.10  98.88%\n合计  999.9  200.00  197.60  98.80%\n二、绩效目标完成情况\n　　全年完成目标。\n")
    result = check_text(auditor, tmp_path, table, "lengths.txt")
    assert [s["label"] for s in result.report["stated_sums"]] == ["表3 分乡镇养护情况 合计 · 全年预算", "表3 分乡镇养护情况 合计 · 实际支出"]
    assert sums(result) == []  # 68.3 + 61.5 is not 999.9, but a length is not money


def _docx_report(tmp_path, title: str, rows: list[tuple[str, ...]], *more: tuple[str, list[tuple[str, ...]]],
                 lead: tuple[str, ...] = ()):
    """A Word report: the head, the `lead` paragraphs, then each table under its title line (`more`: further
    (title, rows))."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in [*HEAD.strip().split("\n"), *lead]:
        document.add_paragraph(line)
    for caption, cells in [(title, rows), *more]:
        document.add_paragraph(caption)
        table = document.add_table(rows=len(cells), cols=len(cells[0]))
        for r, values in enumerate(cells):
            for c, value in enumerate(values):
                table.cell(r, c).text = value
    document.add_paragraph("二、绩效目标完成情况")
    path = tmp_path / "report.docx"
    document.save(path)
    return path


def test_a_word_tables_total_row_is_checked(auditor, tmp_path):
    path = _docx_report(tmp_path, "表1 分养护类型资金执行情况（单位：万元）", [
        ("养护类型", "全年预算", "实际支出", "执行率"), ("日常养护", "398.00", "391.27", "98.31%"),
        ("预防性养护", "236.00", "229.84", "97.39%"), ("修复性养护", "348.00", "336.51", "96.70%"),
        ("合计", "982.00", "975.62", "97.51%")])
    result = auditor.check_path(str(path))
    [finding] = [f for f in result.findings if f.rule_id == "NAT-ARITH-011"]
    assert "391.27 + 229.84 + 336.51 = 957.62" in finding.message  # 975.62 stated
    assert (finding.location.table, finding.location.row, finding.location.col) == (1, 5, 3)
    # its 合计 and rates were read: it is not named among the tables left unread
    assert not [f for f in result.findings if (f.values or {}).get("problem") == "table_not_recognised"]


def test_a_pdf_table_split_over_two_pages_is_one_table(auditor, tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=10.5, leading=16)
    places = [(f"第{k}片区", 100 + k, 95 + k) for k in range(1, 41)]
    budget, spent = sum(p[1] for p in places), sum(p[2] for p in places)
    data = [["片区", "全年预算", "实际支出"]] + [[n, f"{b:.2f}", f"{s:.2f}"] for n, b, s in places] \
        + [["合计", f"{budget:.2f}", f"{spent + 10:.2f}"]]
    table = Table(data, repeatRows=0)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "STSong-Light"), ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    path = tmp_path / "split.pdf"
    story = [Paragraph(line, style) for line in HEAD.strip().split("\n")] + [Spacer(1, 200), Paragraph("表2 分片区资金执行情况（单位：万元）", style), table]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    result = auditor.check_path(str(path))
    [stated] = [s for s in result.report["stated_sums"] if s["label"].endswith("实际支出")]
    assert len(stated["parts"]) == 40  # both pages' rows
    [finding] = [f for f in result.findings if f.rule_id == "NAT-ARITH-011"]
    assert finding.severity == "error" and f"{spent + 10:.2f}" in finding.message and finding.location.page == 2


def test_each_rows_rate_is_checked_against_its_figures(auditor, tmp_path):
    """执行率 = 实际支出 ÷ 全年预算 on every row of a table that is no 自评表, 合计 row included; a table without a 合计
    row too. The finding names the row and the rate's cell."""
    table = ("表2 重点项目执行情况（单位：万元）\n项目名称  全年预算  实际支出  执行率\n道路保洁服务  620.00  606.36  {rate}\n"
             "垃圾清运服务  480.00  451.20  94.00%\n二、绩效目标完成情况\n　　全年完成目标。\n")
    result = check_text(auditor, tmp_path, table.format(rate="97.80%"), "rates.txt")
    assert [(r["label"], str(r["rate"])) for r in result.report["stated_rates"]] == [
        ("表2 重点项目执行情况 · 道路保洁服务", "97.80"), ("表2 重点项目执行情况 · 垃圾清运服务", "94.00")]
    assert not [f for f in result.findings if f.rule_id == "NAT-ARITH-012"]
    [finding] = [f for f in check_text(auditor, tmp_path, table.format(rate="98.70%")).findings if f.rule_id == "NAT-ARITH-012"]
    assert finding.severity == "error" and "道路保洁服务" in finding.message and "606.36 ÷ 620.00" in finding.message
    assert finding.location.line == 6


def test_a_rate_on_the_initial_budget_passes_where_the_table_has_both(auditor, tmp_path):
    table = ("表2 分类型执行情况（单位：万元）\n类型  年初预算  全年预算  实际支出  执行率\n日常养护  400.00  420.00  391.27  97.82%\n"
             "危桥改造  184.00  184.00  159.62  86.75%\n合计  584.00  604.00  550.89  94.33%\n二、绩效目标完成情况\n　　全年完成目标。\n")
    result = check_text(auditor, tmp_path, table, "initial.txt")
    assert len(result.report["stated_rates"]) == 3  # 97.82% is 391.27 ÷ 400.00 (年初); 94.33% is 550.89 ÷ 584.00
    assert not [f for f in result.findings if f.rule_id in ("NAT-ARITH-011", "NAT-ARITH-012")]


def test_a_column_of_percentages_is_a_rate_not_money(auditor, tmp_path):
    """支出进度 holds percentages under a header that does not say so: it is the rate, never summed."""
    path = _docx_report(tmp_path, "表1 分县（区）到位及支出情况表（单位：万元）", [
        ("县（区）", "资金到位数", "资金支出数", "支出进度"), ("甲县", "6,184.00", "6,042.83", "97.72%"),
        ("乙县", "5,120.00", "4,961.28", "96.90%"), ("合计", "11,304.00", "11,004.11", "97.35%")])
    result = auditor.check_path(str(path))
    assert [s["label"].rsplit(" · ", 1)[1] for s in result.report["stated_sums"]] == ["资金到位数", "资金支出数"]
    assert len(result.report["stated_rates"]) == 3
    assert not [f for f in result.findings if f.rule_id in ("NAT-ARITH-011", "NAT-ARITH-012")]


def test_no_rate_is_checked_where_two_columns_could_be_its_base(auditor, tmp_path):
    path = _docx_report(tmp_path, "表1 分县（区）到位及支出情况表（单位：万元）", [
        ("县（区）", "中央资金到位数", "资金到位数合计", "资金支出数", "支出进度"),
        ("甲县", "4,126.00", "5,614.40", "5,486.42", "97.72%"), ("乙县", "2,318.00", "3,143.64", "3,046.18", "96.90%"),
        ("合计", "6,444.00", "8,758.04", "8,532.60", "97.43%")])
    result = auditor.check_path(str(path))
    assert "stated_rates" not in result.report and len(result.report["stated_sums"]) == 3
    assert not [f for f in result.findings if f.rule_id in ("NAT-ARITH-011", "NAT-ARITH-012")]


# -- found by the seventh held-out corpus (tests/corpus/heldout7/) --------------------------------------------
@pytest.mark.parametrize("body", [
    # cells copied from a web page's table, one tab apart: 合计 under 序号 · 项目名称 starts its row with a tab
    "序号\t项目名称\t全年预算（万元）\t实际支出（万元）\t执行率（%）\n1\t高标准农田建设项目\t3,860.00\t3,712.46\t96.18\n"
    "2\t耕地地力保护补贴\t1,426.38\t1,426.38\t100.00\n\t合计\t5,286.38\t5,138.84\t97.21\n",
    # a title line inside the table's lines, above a header with no 自评表 words
    "               表1  2021年度专项资金分县（市）分配及使用情况\n序号   县（市）   全年预算（万元）   实际支出（万元）   执行率（%）   支持经营主体（个）\n"
    " 1     楚雄市             1,086.40           1,043.27         96.03                   16\n"
    " 2     双柏县               562.00             538.16         95.76                    9\n"
    "     合计                 1,648.40           1,581.43         95.94                   25\n",
], ids=["tab-separated", "title-above-header"])
def test_a_total_row_whose_label_spans_two_columns_keeps_its_figures_in_place(auditor, tmp_path, body):
    result = check_text(auditor, tmp_path, body + "二、绩效目标完成情况\n　　全年完成目标。\n")
    assert [str(s["total"]) for s in result.report["stated_sums"]][:2] == [
        ["5286.38", "5138.84"], ["1648.40", "1581.43"]][0 if "\t" in body else 1]
    assert not [f for f in result.findings if f.rule_id in ("NAT-ARITH-011", "NAT-ARITH-012")]


def test_a_table_continued_under_its_repeated_header_is_one_table(auditor, tmp_path):
    """续表3: the second Word table repeats the header and holds the 合计 of both."""
    header = ("序号", "项目名称", "全年预算", "实际支出", "执行率")
    path = _docx_report(tmp_path, "表3 重点项目执行情况表（单位：万元）", [
        header, ("1", "甲项目", "2,860.00", "2,768.41", "96.80%"), ("2", "乙项目", "1,640.00", "1,583.27", "96.54%")],
        ("续表3", [header, ("3", "丙项目", "580.00", "503.16", "86.75%"), ("合计", "合计", "5,080.00", "4,854.84", "95.57%")]))
    result = auditor.check_path(str(path))
    assert [len(s["parts"]) for s in result.report["stated_sums"]] == [3, 3]
    assert not [f for f in result.findings if f.rule_id in ("NAT-ARITH-011", "NAT-ARITH-012")]


def test_a_nameless_table_of_funds_in_a_report_is_no_project(auditor, tmp_path):
    """资金来源 · 年初预算 · 全年预算 · 实际支出 with 合计 first: the department's sources, not a project's 自评表 (in a
    department's report it is the department's table, NAT-DTBL-001; elsewhere a table's 合计 row, NAT-ARITH-011)."""
    path = _docx_report(tmp_path, "表1 2019年度部门预算资金来源及支出情况（单位：万元）", [
        ("资金来源", "年初预算", "全年预算", "实际支出"), ("合计", "12,486.30", "19,255.20", "18,473.26"),
        ("一般公共预算拨款", "10,286.30", "10,842.58", "10,614.27"), ("政府性基金预算拨款", "2,200.00", "2,200.00", "2,086.45"),
        ("上级专项转移支付", "0.00", "5,370.46", "4,928.41"), ("上年结转资金", "0.00", "842.16", "808.13")])
    result = auditor.check_path(str(path))
    assert not result.report.get("projects")
    [error] = [f for f in result.findings if f.severity == "error"]
    assert error.rule_id in ("NAT-DTBL-001", "NAT-ARITH-011") and "18437.26" in error.message and "项目" not in error.message


# -- a 三线表 in a PDF: horizontal rules only ---------------------------------------------------------------
def _three_line_pdf(path, rows, *, header=(("序号", "项目名称", "全年预算数", "执行数", "执行率"),), every_row=False,
                    prose_between_rules=False, second=False):
    """A report whose table is drawn as a 三线表 (a thick rule above the header, a thin one under it, a thick one
    under the last row; or a thin rule under every row), long names wrapped in their cells."""
    pytest.importorskip("reportlab")
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=10.5, leading=16)
    cell = ParagraphStyle("cell", fontName="STSong-Light", fontSize=10.5, leading=13)
    data = [list(h) for h in header] + [[Paragraph(v, cell) if k == 1 and len(v) > 8 else v for k, v in enumerate(row)]
                                        for row in rows]
    table = Table(data, colWidths=[40, 120, 90, 90, 70])
    n, heads = len(data), len(header)
    commands = [("FONTNAME", (0, 0), (-1, -1), "STSong-Light"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (2, 0), (-1, -1), "RIGHT"), ("LINEABOVE", (0, 0), (-1, 0), 1.5, colors.black),
                ("LINEBELOW", (0, heads - 1), (-1, heads - 1), 0.75, colors.black),
                ("LINEBELOW", (0, n - 1), (-1, n - 1), 1.5, colors.black)]
    if every_row:
        commands.append(("LINEBELOW", (0, heads), (-1, n - 2), 0.5, colors.black))
    if len(header) > 1:  # 预算执行 over 全年预算数 · 执行数 · 执行率
        commands.append(("SPAN", (2, 0), (4, 0)))
    table.setStyle(TableStyle(commands))
    story = [Paragraph(line, style) for line in HEAD.strip().split("\n")]
    if prose_between_rules:
        story += [HRFlowable(width="100%"), Paragraph("全年共完成农村公路养护里程1,260公里，新改建桥梁12座，" * 3, style),
                  Paragraph("群众满意度达到96.20%，较上年提高1.40个百分点。" * 2, style), HRFlowable(width="100%")]
    story += [Paragraph("表1 2021年度项目支出执行情况表（单位：万元）", style), table]
    if second:  # a second table of the same width right below, its caption and unit on one line between the rules
        other = Table([["序号", "乡镇", "全年预算数", "执行数", "执行率"], ["1", "城关镇", "1,200.00", "1,164.00", "97.00%"],
                       ["2", "青山乡", "800.00", "772.00", "96.50%"], ["", "合　　计", "2,000.00", "1,936.00", "96.80%"]],
                      colWidths=[40, 120, 90, 90, 70])
        other.setStyle(TableStyle(commands[:5] + [("LINEBELOW", (0, 3), (-1, 3), 1.5, colors.black)]))
        story += [Table([["表2 分乡镇执行情况", "单位：万元"]], colWidths=[300, 110],
                        style=[("FONTNAME", (0, 0), (-1, -1), "STSong-Light")]), other]
    story += [Paragraph("二、绩效目标完成情况", style), Paragraph("全年完成农村公路养护里程1,260公里。", style)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


THREE_LINE_ROWS = [("1", "农村公路养护工程", "2,860.00", "2,774.35", "97.01%"),
                   ("2", "国省干线公路大中修及安全生命防护工程", "3,420.00", "3,298.60", "96.45%"),
                   ("3", "客运站场运营补贴", "1,150.00", "1,108.42", "96.38%")]


@pytest.mark.parametrize("layout", [{}, {"every_row": True}, {"prose_between_rules": True},
                                    {"header": (("序号", "项目名称", "预算执行", "", ""), ("", "", "全年预算数", "执行数", "执行率"))},
                                    {"second": True}],
                         ids=["three-rules", "rule-under-every-row", "rules-around-prose", "two-level-header", "second-table"])
def test_a_three_line_table_in_a_pdf_is_read_by_the_positions_of_its_text(auditor, tmp_path, layout):
    """No vertical rule: the columns come from the gaps between the cells, a wrapped name stays one cell, the
    合计 is checked against its rows and the finding names its cell; two rules around prose make no table."""
    good = _three_line_pdf(tmp_path / "good.pdf", [*THREE_LINE_ROWS, ("", "合计", "7,430.00", "7,181.37", "96.65%")],
                           **layout)
    result = auditor.check_path(str(good))
    labels = [part["label"] for s in result.report["stated_sums"] for part in s["parts"]]
    assert "国省干线公路大中修及安全生命防护工程" in labels
    assert len(result.report["stated_rates"]) == (4 + 3 if layout.get("second") else 4)
    if layout.get("second"):  # its own table: 合　　计 read as 合计, its rows summed apart from table 1's
        assert [s["label"] for s in result.report["stated_sums"]][2:] == ["表2 分乡镇执行情况 合计 · 全年预算数", "表2 分乡镇执行情况 合计 · 执行数"]
    assert not [f for f in result.findings if f.severity in ("error", "warning")]
    bad = _three_line_pdf(tmp_path / "bad.pdf", [*THREE_LINE_ROWS, ("", "合计", "7,430.00", "7,191.37", "96.79%")], **layout)
    [finding] = [f for f in auditor.check_path(str(bad)).findings if f.severity == "error"]
    assert finding.rule_id == "NAT-ARITH-011" and "7181.37" in finding.message
    assert (finding.location.page, finding.location.table, finding.location.col) == (1, 1, 4)


# -- rows that nest: 其中 groups and 小计 rows ------------------------------------------------------------------
HEADER = ("支持方向", "全年预算", "实际支出")
# (under the heading of the department's spending, a table of funds is the department's own: NAT-DTBL-001)
LEAD = ("二、项目支出情况", "　　全年共实施项目12个，执行情况见表1。")


@pytest.mark.parametrize("rows, total, parts", [
    # 其中 over all of its parent's parts: 公路养护 = 国道养护 + 省道养护
    ([("公路养护", "3,200.00", "3,126.40"), ("其中：国道养护", "2,600.00", "2,571.20"), ("省道养护", "600.00", "555.20"),
      ("客运补贴", "5,800.00", "5,412.60")], ("9,000.00", "8,539.00"), ["公路养护", "客运补贴"]),
    # 其中 over one part only: the rest of 一般公共预算拨款 is not listed
    ([("一般公共预算拨款", "6,400.00", "6,182.30"), ("其中：中央补助资金", "1,800.00", "1,746.52"),
      ("政府性基金预算拨款", "1,200.00", "1,154.70"), ("上年结转资金", "400.00", "388.40")], ("8,000.00", "7,725.40"),
     ["一般公共预算拨款", "政府性基金预算拨款", "上年结转资金"]),
    # a 其中 row without figures, its parts below it
    ([("客运补贴", "5,800.00", "5,412.60"), ("其中：", "", ""), ("城市公交", "3,100.00", "2,986.40"),
      ("农村客运", "1,400.00", "1,302.20"), ("公路养护", "3,200.00", "3,126.40")], ("9,000.00", "8,539.00"),
     ["客运补贴", "公路养护"]),
], ids=["all-parts", "one-part", "label-row"])
def test_a_table_with_a_of_which_group_is_checked_by_its_top_level_rows(auditor, tmp_path, rows, total, parts):
    """其中 rows are parts of the row above them, and how many rows after it belong to it the table does not say:
    the 合计 passes where some reading adds up, and is an error only where none does."""
    good = auditor.check_path(str(_docx_report(tmp_path, "表1 2021年度支出执行情况表（单位：万元）",
                                               [HEADER, *rows, ("合计", *total)], lead=LEAD)))
    [budget, spent] = good.report["stated_sums"]
    assert [p["label"] for p in spent["parts"]] == parts
    assert not [f for f in good.findings if f.rule_id == "NAT-ARITH-011"]
    wrong = (total[0], total[1][:-4] + "1.00")  # 8,539.00 → 8,531.00; 7,725.40 → 7,721.00
    bad = auditor.check_path(str(_docx_report(tmp_path, "表1 2021年度支出执行情况表（单位：万元）",
                                              [HEADER, *rows, ("合计", *wrong)], lead=LEAD)))
    [finding] = [f for f in bad.findings if f.rule_id == "NAT-ARITH-011"]
    assert finding.severity == "error" and "实际支出" in finding.message


@pytest.mark.parametrize("where", ["last", "first"])
def test_each_subtotal_is_checked_against_its_group_and_the_total_against_the_subtotals(auditor, tmp_path, where):
    groups = [("行政单位小计", [("局机关本级", "1,260.00", "1,214.36"), ("执法支队", "820.00", "793.14")]),
              ("事业单位小计", [("规划中心", "640.00", "611.28"), ("信息中心", "380.00", "362.50"), ("档案馆", "210.00", "198.72")])]

    def table(first_subtotal: str):
        rows = [HEADER]
        for n, (label, members) in enumerate(groups):
            budget = sum(float(b.replace(",", "")) for _, b, _ in members)
            spent = sum(float(s.replace(",", "")) for _, _, s in members)
            stated = first_subtotal if n == 0 else f"{spent:,.2f}"
            sub = (label, f"{budget:,.2f}", stated)
            rows += [sub, *members] if where == "first" else [*members, sub]
        return [*rows, ("合计", "3,310.00", "3,180.00")]

    good = auditor.check_path(str(_docx_report(tmp_path, "表2 分单位预算执行情况表（单位：万元）", table("2,007.50"), lead=LEAD)))
    labels = [s["label"] for s in good.report["stated_sums"]]
    assert "表2 分单位预算执行情况表 行政单位小计 · 实际支出" in labels and "表2 分单位预算执行情况表 合计 · 实际支出" in labels
    assert not [f for f in good.findings if f.rule_id == "NAT-ARITH-011"]
    bad = auditor.check_path(str(_docx_report(tmp_path, "表2 分单位预算执行情况表（单位：万元）", table("2,070.50"), lead=LEAD)))
    # the wrong 小计 only: the 合计 is still the sum of all the units (not of the stated 小计 rows)
    [finding] = [f.message for f in bad.findings if f.rule_id == "NAT-ARITH-011"]
    assert "行政单位小计" in finding and "1214.36 + 793.14" in finding


@pytest.mark.parametrize("repeat", [0, 1], ids=["header-once", "header-repeated"])
def test_a_three_line_table_broken_by_a_page_is_one_table(auditor, tmp_path, repeat):
    """The page break cuts a 三线表 before its bottom rule: the rows down to page 1's end go on in the rows at the top
    of page 2 (under the repeated header, or without one), and the 合计 there adds up both pages' rows."""
    pytest.importorskip("reportlab")
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=10.5, leading=16)
    places = [(f"第{k}片区", 100 + k, 95 + k) for k in range(1, 41)]
    budget, spent = sum(p[1] for p in places), sum(p[2] for p in places)

    def build(name: str, extra: int):
        data = [["片区", "全年预算", "实际支出"]] + [[n, f"{b:.2f}", f"{s:.2f}"] for n, b, s in places] \
            + [["合计", f"{budget:.2f}", f"{spent + extra:.2f}"]]
        table = Table(data, repeatRows=repeat, colWidths=[150, 100, 100])
        last = len(data) - 1
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "STSong-Light"),
                                   ("LINEABOVE", (0, 0), (-1, 0), 1.2, colors.black), ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                                   ("LINEBELOW", (0, last), (-1, last), 1.2, colors.black)]))
        story = [Paragraph(line, style) for line in HEAD.strip().split("\n")] + [
            Spacer(1, 200), Paragraph("表2 分片区资金执行情况（单位：万元）", style), table, Paragraph("二、绩效目标完成情况", style)]
        SimpleDocTemplate(str(tmp_path / name), pagesize=A4).build(story)
        return auditor.check_path(str(tmp_path / name))

    good = build("good.pdf", 0)
    assert [len(s["parts"]) for s in good.report["stated_sums"]] == [40, 40]
    assert not [f for f in good.findings if f.severity in ("error", "warning")]
    [finding] = [f for f in build("bad.pdf", 10).findings if f.severity in ("error", "warning")]
    assert finding.rule_id == "NAT-ARITH-011" and "实际支出" in finding.message and finding.location.page == 2


def test_a_note_under_the_rows_leaves_the_total_the_last_row(auditor, tmp_path):
    rows = [("项目名称", "全年预算", "实际支出"), ("道路保洁服务", "620.00", "606.36"), ("垃圾清运服务", "480.00", "451.20"),
            ("合计", "1,100.00", "{spent}"), ("注：实际支出含上年结转资金。", "注：实际支出含上年结转资金。", "注：实际支出含上年结转资金。")]
    good = auditor.check_path(str(_docx_report(tmp_path, "表2 重点项目执行情况（单位：万元）",
                                               [tuple(c.format(spent="1,057.56") for c in row) for row in rows], lead=LEAD)))
    assert [s["total"] for s in good.report["stated_sums"]] == [1100, Decimal("1057.56")]
    bad = auditor.check_path(str(_docx_report(tmp_path, "表2 重点项目执行情况（单位：万元）",
                                              [tuple(c.format(spent="1,075.56") for c in row) for row in rows], lead=LEAD)))
    assert [f.rule_id for f in bad.findings if f.severity == "error"] == ["NAT-ARITH-011"]


@pytest.mark.parametrize("rows", [
    # a title row (no figures) above each group, its 小计 last, a row in no group, then 总计 (heldout8, 重庆)
    [("一、中心城区", "", ""), ("渝中区", "420.00", "{a}"), ("江北区", "310.00", "300.00"), ("小计", "730.00", "710.00"),
     ("二、库区", "", ""), ("万州区", "460.00", "450.00"), ("开州区", "310.00", "300.00"), ("小计", "770.00", "750.00"),
     ("三、市级统筹", "500.00", "480.00"), ("总计", "2,000.00", "1,940.00")],
    # 小计 first in its group, and the last group followed by a row in no group: the 小计 adds up a shorter group
    [("行政单位小计", "730.00", "710.00"), ("局机关", "420.00", "{a}"), ("执法支队", "310.00", "300.00"),
     ("事业单位小计", "770.00", "750.00"), ("规划中心", "460.00", "450.00"), ("信息中心", "310.00", "300.00"),
     ("上年结转项目", "500.00", "480.00"), ("合计", "2,000.00", "1,940.00")],
], ids=["title-rows", "subtotal-first-then-a-row-alone"])
def test_subtotal_groups_are_told_by_their_title_rows_and_a_row_alone_is_no_member(auditor, tmp_path, rows):
    def build(a: str):
        return [("区域", "全年预算", "实际支出"), *[tuple(c.format(a=a) for c in row) for row in rows]]

    good = auditor.check_path(str(_docx_report(tmp_path, "表1 分区域资金执行情况（单位：万元）", build("410.00"), lead=LEAD)))
    assert len(good.report["stated_sums"]) == 6
    assert not [f for f in good.findings if f.severity in ("error", "warning")]
    bad = auditor.check_path(str(_docx_report(tmp_path, "表1 分区域资金执行情况（单位：万元）", build("401.00"), lead=LEAD)))
    # 410.00 written 401.00: the group's 小计 no longer adds up (the 合计 still adds up its 小计 rows and the row alone)
    [error] = [f for f in bad.findings if f.severity in ("error", "warning")]
    assert error.rule_id == "NAT-ARITH-011" and "小计 · 实际支出" in error.message and "401.00 + 300.00" in error.message


def test_a_department_table_with_two_header_rows_and_of_which_rows(auditor, tmp_path):
    """预算数 over 年初预算 · 调整预算 · 全年预算 and 执行数 over 上半年 · 全年 (heldout8, 江西): the 全年 column under 执行数 is
    the 全年执行数 (上半年 is not); 其中：人员经费 / 公用经费 under 基本支出 and 其中：中央补助资金 under 项目支出 are no
    top-level rows, so the 合计 is 基本支出 + 项目支出."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in HEAD.strip().split("\n"):
        document.add_paragraph(line)
    document.add_paragraph("表1 部门整体支出情况表（单位：万元）")
    rows = [("项目", "预算数", "", "", "执行数", "", "执行率（%）"), ("", "年初预算", "调整预算", "全年预算", "上半年", "全年", ""),
            ("基本支出", "2,000.00", "100.00", "2,100.00", "1,010.00", "2,058.00", "98.00"),
            ("其中：人员经费", "1,600.00", "80.00", "1,680.00", "820.00", "1,663.20", "99.00"),
            ("　　　公用经费", "400.00", "20.00", "420.00", "190.00", "394.80", "94.00"),
            ("项目支出", "7,800.00", "-300.00", "7,500.00", "3,120.00", "{spent}", "96.00"),
            ("其中：中央补助资金", "3,000.00", "0.00", "3,000.00", "1,200.00", "2,910.00", "97.00"),
            ("合计", "9,800.00", "-200.00", "9,600.00", "4,130.00", "9,258.00", "96.44")]
    table = document.add_table(rows=len(rows), cols=7)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value.format(spent="7,200.00")
    table.cell(0, 1).merge(table.cell(0, 3))
    table.cell(0, 4).merge(table.cell(0, 5))
    table.cell(0, 0).merge(table.cell(1, 0))
    table.cell(0, 6).merge(table.cell(1, 6))
    document.add_paragraph("二、绩效目标完成情况")
    document.save(tmp_path / "dept.docx")
    result = auditor.check_path(str(tmp_path / "dept.docx"))
    department = result.report["department_table"]
    assert (str(department["adjusted_budget"]), str(department["executed"])) == ("9600.00", "9258.00")
    assert [row["label"] for row in department["fund_rows"]] == ["基本支出", "项目支出"]
    assert not [f for f in result.findings if f.rule_id.startswith("NAT-DTBL") and f.severity == "error"]


def test_a_breakdown_with_of_which_rows_under_the_departments_heading_is_no_department_table(auditor, tmp_path):
    """公路养护 · 其中：国道养护 · 省道养护 · 客运补贴 right under 一、部门整体支出情况: a breakdown whose rows nest, not the
    department's funding block (其中 alone names no fund); its wrong 合计 is shown against the reading that comes
    nearest (公路养护 + 客运补贴)."""
    rows = [HEADER, ("公路养护", "3,200.00", "3,126.40"), ("其中：国道养护", "2,600.00", "2,571.20"),
            ("省道养护", "600.00", "555.20"), ("客运补贴", "5,800.00", "5,412.60"), ("合计", "9,000.00", "8,531.00")]
    result = auditor.check_path(str(_docx_report(tmp_path, "表1 2021年度支出执行情况表（单位：万元）", rows)))
    assert "department_table" not in result.report
    [finding] = [f for f in result.findings if f.severity in ("error", "warning")]
    assert finding.rule_id == "NAT-ARITH-011" and "3126.40 + 5412.60 = 8539.00" in finding.message


# -- a 自评表 laid out in text, its cells wrapped over lines (heldout9, 上海) ------------------------------------------
WRAPPED_FORM = """项目名称              环境空气质量监测运维项目
主管部门              某区生态环境局                                                        实施单位    某区环境监测站
项目资金（万元）                                                年初预算数        全年预算数        全年执行数  分值      执行率      得分
                      年度资金总额                                      1,160.00          1,208.00    1,186.35        10      98.21%      9.82
                      其中：当年财政拨款                                1,160.00          1,208.00    1,186.35  —         —           —
绩效指标  一级指标    二级指标        三级指标                  年度指标值        实际完成值        分值        得分      偏差原因分析及改进措施
          产出指标    数量指标        空气自动监测站点运维数量  ≥14个             14个                      15        15
                                      挥发性有机物走航监测次数  ≥48次             52次                      10        10
                      质量指标        监测数据有效率            ≥90%              95.6%                     10        10
                      时效指标        异常数据报告及时率        ≥95%              98.2%                      5         5
                      成本指标        单站年运维费用            ≤62万元           60.8万元                  10        10
          效益指标    生态效益指标    细颗粒物（PM2.5）年均浓   ≤30微克/立方米    28微克/立方米             15        15
                                      度
                      可持续影响指标  监测质量管理体系          健全              基本健全                  15     13.50  数据共享以人工报送为主，
                                                                                                                          时效性不足；明年建设一体
                                                                                                                          化平台。
          满意度指标  服务对象满意度  数据使用部门满意度        ≥90%              96.0%                     10        10
                      指标
总分                                                                                                       100     98.32
自评等级                                                                                            优
"""


def test_a_text_forms_cells_wrapped_over_lines_stay_in_their_rows(auditor, tmp_path):
    """度 under 细颗粒物（PM2.5）年均浓, 指标 under 服务对象满意度 and a 偏差原因 over three lines are the ends of their cells:
    the rows after them are read, so the weights add up to 100 and nothing is accused for want of reading."""
    path = tmp_path / "form.txt"
    path.write_text("某区生态环境局2023年度项目支出绩效自评表\n" + WRAPPED_FORM, encoding="utf-8")
    result = auditor.check_path(str(path))
    [project] = result.report["projects"]
    rows = {i["level3"]: i for i in project["indicators"]}
    assert len(rows) == 8 and sum(i["weight"] for i in project["indicators"]) == 90
    assert "细颗粒物（PM2.5）年均浓度" in rows and rows["监测质量管理体系"]["deviation_reason"] == \
        "数据共享以人工报送为主，时效性不足；明年建设一体化平台。"
    assert project["indicators"][-1]["level2"] == "服务对象满意度指标" and str(project["total_score"]) == "98.32"
    assert not [f for f in result.findings if f.severity in ("error", "warning")]
    # a heading after a table's 合计 row is no wrapped end of it
    text = ("某县档案馆2022年度部门整体支出绩效自评报告\n一、部门整体支出情况\n　　全年预算1,000.00万元。\n部门整体支出绩效自评得分情况\n"
            "一级指标  分值  自评得分  扣分原因\n预算编制  10  9.40  年中追加预算较多\n预算执行  30  28.60  个别项目支出进度偏慢\n"
            "合计  100  95.20\n二、存在的问题及原因\n　　预算编制的精准度有待提高。\n")
    path.write_text(text, encoding="utf-8")
    assert [s["title"] for s in auditor.check_path(str(path)).report["sections"]] == ["部门整体支出情况", "存在的问题及原因"]


# (heldout13, 江苏: goal texts wrapped side by side, and a 偏差原因 whose wrapped end holds a figure)
GOALS_SIDE_BY_SIDE = """项目名称  农村人居环境整治项目
主管部门  某市农业农村局                                                      实施单位      某市农村社会事业促进中心
项目资金                                 年初预算数          全年预算数        全年执行数      分值    执行率              得分
（万元）
                年度资金总额                      650.00            720.00            698.40    10     97.00%              9.70
             其中：当年财政拨款                   650.00            720.00            698.40    —        —                  —
年度总体                                       预期目标                                                       实际完成情况
目标
          农村户厕改造不少于600户；完成生活污水治理的行政村不少于8个；任  农村户厕改造621户；完成生活污水治理的行政村8
          务完成率达到100%以上；村庄环境面貌明显改善。                      个；年度整治任务完成率103.5%；村庄环境面貌
                                                                                              基本达到。
绩效指标   一级指标     二级指标          三级指标           年度指标值        实际完成值      分值     得分      偏差原因分析及改进措施
           产出指标   数量指标      农村户厕改造              ≥600户            621户          50       50
           效益指标   社会效益指标  村庄环境面貌              明显改善          基本达到        30      27.00   部分村庄房前屋后乱堆乱放反
                                                                                                                弹；2024年开展村庄清洁行动
                                                                                                                季度评比。
          满意度指标  服务对象满意  农村居民满意度              ≥90%             92.8%          10       10
                      度指标
                                            总分                                               100     96.70
                                          自评等级                                                                 优
"""


def test_goal_texts_side_by_side_and_a_wrapped_reason_with_a_figure_stay_in_their_cells(auditor, tmp_path):
    """年度总体 / 目标 over two lines, the two goal texts each wrapped within its column, side by side; a 偏差原因 whose
    wrapped end holds a year (2024年开展…): each stays in its cell, the rows after it are read, and 完成率103.5% in the
    goal text is no execution rate."""
    path = tmp_path / "form.txt"
    path.write_text("某市农业农村局2023年度项目支出绩效自评表\n" + GOALS_SIDE_BY_SIDE, encoding="utf-8")
    result = auditor.check_path(str(path))
    [project] = result.report["projects"]
    assert project["goal"].endswith("村庄环境面貌明显改善。") and project["goal_achieved"].endswith("村庄环境面貌基本达到。")
    rows = {i["level3"]: i for i in project["indicators"]}
    assert list(rows) == ["农村户厕改造", "村庄环境面貌", "农村居民满意度"]
    assert rows["村庄环境面貌"]["deviation_reason"] == "部分村庄房前屋后乱堆乱放反弹；2024年开展村庄清洁行动季度评比。"
    assert not [f for f in result.findings if f.severity in ("error", "warning")]


@pytest.mark.parametrize("name", ["heldout8/fujian-xiamen-project-2021-full-marks.docx",
                                  "heldout7/jilin-province-project-2022-fund-rows.docx"])
def test_a_table_whose_sums_or_rates_were_read_is_not_named_as_unread(auditor, name):
    """The info “以下表格未能识别为自评表，其中的数据未读取” named body tables whose 合计 and 执行率 had been read and
    checked (资金来源, 分区, 子项目 tables): it names only tables none of whose figures were used."""
    result = auditor.check_path(str(Path(__file__).resolve().parent / "corpus" / name))
    assert result.report["stated_sums"] and not [
        f for f in result.findings if (f.values or {}).get("problem") == "table_not_recognised"]


def test_a_form_whose_rows_were_not_all_read_is_not_accused_of_the_sums(auditor, tmp_path):
    """One row's 分值 and 得分 written in words (十五) cannot be read: the weights read add up to less than the 总分 row's
    分值 and the scores to less than its 得分. That is jixiao's gap, not the form's: the sums over every row (总分,
    Σ分值 = 100, 一级指标分值) are skipped with an info naming the form, instead of three false errors."""
    form = WRAPPED_FORM.replace("监测质量管理体系          健全              基本健全                  15     13.50",
                                "监测质量管理体系          健全              基本健全                十五   十三点五")
    path = tmp_path / "form.txt"
    path.write_text("某区生态环境局2023年度项目支出绩效自评表\n" + form, encoding="utf-8")
    result = auditor.check_path(str(path))
    assert result.report["extraction"]["unread"] == ["/projects/0/indicators"]
    [info] = [f for f in result.findings if (f.values or {}).get("problem") == "indicator_rows_short"]
    assert info.severity == "info" and "读到的分值之和 85 小于总分行的 100" in info.message
    assert not [f for f in result.findings if f.severity in ("error", "warning")]
    runs = {run.rule_id: run.status for run in result.rule_runs}
    assert runs["NAT-GRADE-006"] == runs["NAT-GRADE-009"] == runs["NAT-TBL-005"] == "skipped"


BY_YEAR = """表1 项目分年度资金下达及完成投资情况（单位：万元）
年度      全年预算    全年执行数  支付金额
2020年    14,580.00   14,216.35   13,824.60
2021年    16,420.00   15,962.48   15,603.12
2021年度  17,600.00   16,846.27   16,104.17
累计      48,600.00   {total}   45,531.89
二、绩效目标完成情况
　　全年完成治理任务61万亩。
"""


def test_the_cumulative_row_of_a_by_year_table_is_its_sum(auditor, tmp_path):
    """年度 rows (2020年, 2021年, 2022年度) and a last row 累计 (heldout12, 青海): 累计 sums the years; elsewhere 累计 is
    no total (it may be a running figure)."""
    good = check_text(auditor, tmp_path, BY_YEAR.format(total="47,025.10"), "good.txt")
    assert [s["label"].split(" 累计 · ")[-1] for s in good.report["stated_sums"]] == ["全年预算", "全年执行数", "支付金额"]
    assert sums(good) == []
    wrong = check_text(auditor, tmp_path, BY_YEAR.format(total="47,052.10"), "wrong.txt")
    assert sums(wrong) == [("NAT-ARITH-011", "error")]
    not_years = check_text(auditor, tmp_path, BY_YEAR.replace("2020年 ", "第一批 ").format(total="47,052.10"), "other.txt")
    assert sums(not_years) == []


def test_a_money_tables_columns_are_summed_by_their_figures(auditor, tmp_path):
    """表2 …耕地保护和农业生产扶持资金下达情况 (heldout12, 上海): column headers that name no money (耕地保护补偿, 农业生产扶持,
    下达合计) are amounts where the title speaks of money and every figure has two decimals; a count column is not."""
    docx = pytest.importorskip("docx")

    def write(total: str):
        document = docx.Document()
        document.add_paragraph("某区农业农村委员会2023年度部门整体支出绩效自评报告")
        document.add_paragraph("一、部门整体支出情况")
        document.add_paragraph("2023年全年预算9,800.00万元，全年支出9,350.00万元，预算执行率95.41%。")
        document.add_paragraph("表2　2023年区对镇耕地保护和农业生产扶持资金下达情况")
        rows = [("乡镇", "耕地保护补偿", "农业生产扶持", "下达合计", "受益户数"), ("城桥镇", "186.40", "92.60", "279.00", "1260"),
                ("堡镇", "312.80", "146.20", "459.00", "2104"), ("新河镇", "428.60", "186.40", "615.00", "2380"),
                ("合计", total, "425.20", "1,353.00", "5744")]
        table = document.add_table(rows=len(rows), cols=5)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        path = tmp_path / f"report-{total}.docx"
        document.save(str(path))
        return auditor.check_path(str(path))

    good = write("927.80")
    assert [s["label"].split(" 合计 · ")[-1] for s in good.report["stated_sums"]] == ["耕地保护补偿", "农业生产扶持", "下达合计"]
    assert sums(good) == []
    assert sums(write("972.80")) == [("NAT-ARITH-011", "error")]


SCORING = """表3 2023年度部门整体支出绩效评价评分表
一级指标  二级指标  三级指标  分值  得分  评分说明
决策  目标设定  绩效目标合理性  10  10  目标与职责相符
决策  预算配置  重点支出安排率  20  18.60  个别项目测算偏大
过程  预算执行  预算执行率  25  23.72  执行率96.49%
产出  履职产出  重点工作完成率  25  24.60  1项延期
效益  履职效益  社会效益  20  19.30  持续提升
总分  {weights}  {total}
三、存在的问题
　　个别项目预算测算偏大。
"""


def test_a_scoring_tables_total_is_checked_and_it_is_no_self_evaluation_form(auditor, tmp_path):
    """A 评分表 (决策 · 过程 · 产出 · 效益 with 分值 and 得分, no 指标值 or 完成值; heldout14): its 总分 row is checked
    against its rows (NAT-GRADE-010), in points; it is not read as a 自评表, so its first-level weights (not 50/30/10)
    are not called out and the report's project forms keep their places."""
    good = check_text(auditor, tmp_path, SCORING.format(weights=100, total="96.22"), "good.txt")
    assert not good.report.get("projects")
    assert [(s["label"].split(" 总分 · ")[-1], str(s["total"])) for s in good.report["stated_scores"]] == \
        [("分值", "100"), ("得分", "96.22")]
    assert [f for f in good.findings if f.severity in ("error", "warning")] == []
    [wrong] = [f for f in check_text(auditor, tmp_path, SCORING.format(weights=100, total="96.52"), "wrong.txt").findings
               if f.severity in ("error", "warning")]
    assert wrong.rule_id == "NAT-GRADE-010" and "= 96.22 分" in wrong.message and wrong.location.line == 11
    assert [f.rule_id for f in check_text(auditor, tmp_path, SCORING.format(weights=90, total="96.22"), "w.txt").findings
            if f.severity == "error"] == ["NAT-GRADE-010"]


ACCOUNTS = """附件
吴忠市民政局2021年度收入支出决算总表
单位：元
收入	行次	金额	支出	行次	金额
一、一般公共预算财政拨款收入	1	174,062,513.27	一、社会保障和就业支出	6	158,246,371.85
二、政府性基金预算财政拨款收入	2	6,225,000.00	二、卫生健康支出	7	2,318,460.00
三、事业收入	3	0.00	三、城乡社区支出	8	3,086,210.40
四、其他收入	4	0.00	四、住房保障支出	9	{housing}
本年收入合计	5	180,287,513.27	本年支出合计	10	175,863,986.42
年初结转和结余	11	2,431,796.50	年末结转和结余	12	6,855,323.35
总计	13	182,719,309.77	总计	14	182,719,309.77
"""


@pytest.mark.parametrize("housing, found", [("12,212,944.17", []), ("12,212,949.17", [("NAT-ARITH-011", "error")])])
def test_a_final_accounts_statement_adds_its_subtotals_and_its_row_numbers_are_no_money(auditor, tmp_path, housing, found):
    """A 收入支出决算总表 attached to a self-evaluation (heldout19, 宁夏): 本年收入合计 and 本年支出合计 are subtotals (总计 adds
    the 结转和结余 to them), and its 行次 column holds row numbers, not money (1 元 → 0.0001 万元). It is read where it is the
    report's only table (its header has none of a 自评表's words)."""
    result = check_text(auditor, tmp_path, ACCOUNTS.format(housing=housing))
    assert sums(result) == found
    labels = [s["label"] for s in result.report.get("stated_sums", [])]
    assert labels and not [label for label in labels if "行次" in label]
    assert any("本年收入合计" in label for label in labels)


OLDER_SCORING = """表3 部门整体支出绩效自评评分表
一级指标    二级指标    分值    自评分
投入    预算配置    10    9.00
过程    预算执行    20    18.00
产出    产出数量    40    38.00
效果    社会效益    30    27.50
合计    合计    100    {total}
"""


@pytest.mark.parametrize("total, found", [("92.50", []), ("93.50", [("NAT-GRADE-010", "error")])])
def test_an_older_scoring_tables_score_column_is_its_self_score(auditor, tmp_path, total, found):
    """A 评分表 whose score column is headed 自评分 (heldout22, 吉林): its 合计 is checked against its rows."""
    result = check_text(auditor, tmp_path, OLDER_SCORING.format(total=total))
    assert [(f.rule_id, f.severity) for f in result.findings if f.rule_id == "NAT-GRADE-010"] == found


FORM_OVER_A_PAGE = """附件2

                              项目支出绩效自评表
                                （2024年度）
项目名称  公共图书馆免费开放项目
主管部门  某县文化体育和旅游局                            实施单位        某县图书馆
项目资金                              年初预算数            全年预算数      全年执行数      分值    执行率   得分
（万元）  年度资金总额                68.00                 72.00           70.15           10      97.43%   9.74
          其中：当年财政拨款          68.00                 72.00           70.15           —       —        —
绩效指标  一级指标    二级指标        三级指标              年度指标值      实际完成值      分值    得分     偏差原因分析及改进措施
          产出指标    数量指标        年度接待读者人次      ≥22万人次       23.6万人次      15      15
                                      新增馆藏图书          ≥8000册         8260册          10      10
                      质量指标        图书借阅服务规范率    =100%           100%            10      10
                      时效指标        免费开放经费拨付时间  2024年6月30日   2024年6月20日   5       5
                                                            前
                      成本指标        新增图书平均采购价格  ≤45元/册        43.6元/册       10      10

                                                           第 3 页 共 10 页
                                        某县文化体育和旅游局2024年度部门整体支出绩效自评报告

          效益指标    社会效益指标    公共数字文化资源访问  ≥35万次         38.2万次        15      15
                                      量
                      可持续影响指标  总分馆服务体系        持续完善        持续完善        15      {score}
          满意度指标  服务对象满意度  读者满意度            ≥90%            95.3%           10      10
                      指标
总分                                                                                        100     99.74    优
"""


@pytest.mark.parametrize("score, found", [("15", []), ("16", [("NAT-GRADE-007", "error")])])
def test_a_text_forms_rows_go_on_over_a_page_break_and_a_wrapped_target(auditor, tmp_path, score, found):
    """A PDF text layer with a 自评表 (heldout23, 福建): a target wrapped onto the next line (2024年6月30日 / 前), then a
    blank line, the page's footer and running header, a blank line, and the rows going on: one form with all its eight
    indicators, so the weights add up and a score over its weight on the second page is found (22 false findings and a
    miss on first run; before that, a narrower continuation crashed the reader)."""
    head = "某县文化体育和旅游局2024年度部门整体支出绩效自评报告\n一、部门基本情况\n　　2024年全年预算2,626.80万元，实际支出2,524.31万元。\n"
    path = tmp_path / "report.txt"
    path.write_text(head + FORM_OVER_A_PAGE.format(score=score) + "\n　　以上为附件。\n", encoding="utf-8")
    result = auditor.check_path(str(path))
    [project] = result.report["projects"]
    assert len(project["indicators"]) == 8 and project["indicators"][3]["target"] == "2024年6月30日前"
    assert project["weight_total"] == Decimal("100")
    assert [(f.rule_id, f.severity) for f in result.findings if f.severity in ("error", "warning")
            and f.rule_id.startswith(("NAT-GRADE", "NAT-TBL"))] == found + ([("NAT-GRADE-006", "error")] if found else [])


ADDED_AND_CUT = """表1 2021年度项目资金安排情况（单位：万元）
资金来源\t年初预算数\t年中追加\t年中调减\t全年预算数
本年财政拨款\t1,350.00\t210.00\t{cut}\t{budget}
上年结转资金\t426.80\t0.00\t0.00\t426.80
其他资金\t0.00\t95.00\t0.00\t95.00
合计\t1,776.80\t305.00\t{cut}\t{budget_total}
表2 2021年度项目资金执行情况（单位：万元）
资金来源\t全年预算数\t全年执行数\t结转下年
本年财政拨款\t{budget}\t1,487.56\t{carried}
上年结转资金\t426.80\t426.80\t0.00
其他资金\t95.00\t95.00\t0.00
合计\t{budget_total}\t2,009.36\t{carried}
二、绩效目标完成情况
　　全年完成农村公路养护里程1,260公里。
"""


@pytest.mark.parametrize("cut, budget, carried, wrong", [
    ("0.00", "1,560.00", "72.44", []),
    ("−40.00", "1,520.00", "32.44", []),  # (a cut written with its minus: taken away all the same)
    ("40.00", "1,520.00", "32.44", []),
    ("40.00", "1,560.00", "72.44", ["1350.00 + 210.00 − 40.00 = 1520.00"]),  # the cut left out of the budget
    ("0.00", "1,560.00", "27.44", ["1487.56 + 27.44 = 1515.00"]),  # what is carried over is not what is left
], ids=["no cut", "a cut with its minus", "a cut", "the budget without its cut", "carried over wrong"])
def test_a_rows_addition_and_cut_in_columns_of_their_own_and_what_it_carries_over_add_up(auditor, tmp_path, cut, budget,
                                                                                      carried, wrong):
    """年初预算数 · 年中追加 · 年中调减 · 全年预算数: each row's budget is its first plus what was added, less what was cut;
    全年预算数 · 全年执行数 · 结转下年: what it spent and what it carries over make its budget."""
    budget_total = f"{Decimal(budget.replace(',', '')) + Decimal('521.80'):,}"
    body = ADDED_AND_CUT.format(cut=cut, budget=budget, carried=carried, budget_total=budget_total)
    path = tmp_path / "report.txt"  # (a project's report: its tables are the project's funds)
    path.write_text("某县2021年度中小河流治理项目绩效自评报告\n一、项目资金情况\n" + body, encoding="utf-8")
    result = auditor.check_path(str(path))
    found = [f for f in result.findings if f.rule_id == "NAT-ARITH-011"]
    assert [next((w for w in wrong if w in f.message), f.message) for f in found] == wrong
    assert all(f.severity == "error" and f.location.line == (11 if "表2" in f.message else 5) for f in found)
    assert not [f for f in result.findings if f.values.get("problem") == "unknown_columns"]


@pytest.mark.parametrize("header, read", [("年中调减（收回）", True), ("年中调减（含结余收回）", False)])
def test_a_cut_under_a_header_not_read_leaves_the_rows_budgets_unadded(auditor, tmp_path, header, read):
    """A cut's column whose header is not read as one (heldout84's 年中调减（收回） is): its rows' budgets are not added up
    from the first and the addition alone (620.00 + 0.00 against 388.00 would be a false error)."""
    body = ADDED_AND_CUT.format(cut="232.00", budget="1,328.00", carried="0.00", budget_total="1,849.80")
    body = body.replace("年中调减", header, 1).replace("1,487.56", "1,328.00").replace("2,009.36", "1,849.80")
    path = tmp_path / "report.txt"
    path.write_text("某县2021年度中小河流治理项目绩效自评报告\n一、项目资金情况\n" + body, encoding="utf-8")
    result = auditor.check_path(str(path))
    assert not [f for f in result.findings if f.rule_id == "NAT-ARITH-011"], [f.message for f in result.findings]
    labels = [s["parts"][-1]["label"] for s in result.report["stated_sums"] if "本年财政拨款 · 全年预算数" in s["label"]]
    assert labels == ([header] if read else []) + ["结转下年"]
