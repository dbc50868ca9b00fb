"""Figures withheld from publication (heldout97) and pages saved from disclosure sites (heldout98). Each test writes the
file it checks (text, HTML, MHTML, Markdown) or reads a corpus file, and runs the real extractors and packs."""

from __future__ import annotations

import quopri
from pathlib import Path

import pytest

from jixiao.engine import Auditor, Options
from tests.helpers import check_file, check_text, problems

CORPUS = Path(__file__).resolve().parent / "corpus"

REPORT = ["孟津区信访局2025年度部门整体支出绩效自评报告", "一、部门基本情况",
          "　　2025年度年初预算486.20万元，全年预算544.60万元，实际支出532.18万元，预算执行率97.72%。",
          "表1  2025年度项目支出执行情况（单位：万元）",
          "项目名称\t全年预算数\t实际支出数\t执行率\t备注",
          "信访工作业务经费\t48.00\t47.26\t98.46%\t",
          "信访积案化解专项经费\t42.40\t39.84\t93.96%\t",
          "网上信访信息系统运维经费\t18.00\t17.60\t97.78%\t",
          "信访救助资金\t—\t—\t—\t涉及当事人隐私，数据不予公开",
          "合计\t143.40\t133.52\t93.11%\t含信访救助资金",
          "二、绩效目标完成情况", "　　各项目均按计划实施。"]


def test_a_withheld_row_makes_its_tables_total_no_sum_to_check(tmp_path):
    """The 合计 holds the withheld row: the rows shown add up to less, and no one is wrong."""
    assert "NAT-ARITH-011" not in problems(check_text(tmp_path, REPORT))
    marked = [line.replace("—\t—\t—\t涉及当事人隐私，数据不予公开", "***\t***\t***\t") for line in REPORT]
    assert "NAT-ARITH-011" not in problems(check_text(tmp_path, marked, "marked.txt"))


def test_a_table_whose_rows_are_all_shown_is_still_added_up(tmp_path):
    """Control: the same table with the fourth row stated (and a name holding 保密) and a total that is wrong."""
    lines = [line.replace("信访救助资金\t—\t—\t—\t涉及当事人隐私，数据不予公开", "保密工作经费\t35.00\t28.82\t82.34%\t")
             .replace("合计\t143.40\t133.52", "合计\t153.40\t133.52") for line in REPORT]
    assert "NAT-ARITH-011" in problems(check_text(tmp_path, lines))


def test_a_redaction_box_in_a_pdf_form_is_no_cell_border():
    """heldout97: black boxes drawn over a row's target and actual split that row in three (three rules each) and
    added a column: 8 indicators became 10, weights 130 and a total of 125.03 (three false errors)."""
    [source] = (CORPUS / "heldout97").glob("guangxi-lingchuan-*.pdf")
    result = Auditor(Options()).check_path(str(source))
    assert problems(result) == []
    indicators = result.report["projects"][0]["indicators"]
    assert len(indicators) == 8 and sum(i["weight"] for i in indicators) == 90


def test_a_drafts_comment_and_blanks_to_fill_are_not_its_text(tmp_path):
    lines = ["<!-- 征求意见稿，请各科室核对后反馈，标【填写】处由业务科室补充 -->", "",
             "# 陆良县2025年重大传染病防控项目绩效自评报告", "", "## 一、项目基本情况", "",
             "项目全年预算120.00万元，实际支出118.00万元，执行率98.33%。", "",
             "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |",
             "|---|---|---|---|---|---|---|---|",
             "| 产出指标 | 数量指标 | 监测点覆盖乡镇数 | ≥10个 | 10个 | 50 | 50 | 【填写】 |",
             "| 效益指标 | 社会效益指标 | 重点人群检测覆盖率 | ≥90% | 93% | 30 | 30 | |",
             "| 满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90% | 95% | 10 | 10 | |"]
    (tmp_path / "draft.md").write_text("\n".join(lines), encoding="utf-8")
    report = check_file(tmp_path / "draft.md").report
    assert report["title"] == "陆良县2025年重大传染病防控项目绩效自评报告"
    assert "deviation_reason" not in report["projects"][0]["indicators"][0]


PAGE = """<html><head><meta charset="utf-8"><title>{title}</title></head><body>
<div class="nav">首页 &gt; 政府信息公开 &gt; 预算绩效</div>
<h1>{title}</h1><div class="info">发布时间：2026-03-30 09:41　来源：通山县水利和湖泊局　阅读次数：574</div>
<div class="content">{body}</div>
<div class="related"><h3>相关信息</h3><ul>
<li><a href="/a.shtml">通山县农业农村局2025年度高标准农田建设项目绩效自评报告（自评得分93.60分）</a>2026-03-27</li>
<li><a href="/b.shtml">通山县水利和湖泊局2024年度农村供水保障工程运行管护项目绩效自评报告（执行率95.21%）</a>2025-04-11</li>
</ul></div><div class="foot">网站标识码：4212240002　鄂ICP备05013627号-1</div></body></html>"""
TITLE = "通山县水利和湖泊局2025年度农村供水保障工程运行管护项目绩效自评报告"


@pytest.mark.parametrize("body, why", [
    ('<iframe src="/res/pdfjs/web/viewer.html?file=/uploadfiles/202603/20260330094112638.pdf"></iframe>',
     "报告在网页内嵌的阅读器中显示（20260330094112638.pdf）"),
    (f'<p>如无法正常预览，请点击下载后查看。</p><p>附件：<a href="/f.pdf">{TITLE}.pdf</a>（1.38MB）</p>', "报告是网页的附件"),
    ('<div id="app"></div><script>window.__STATE__={"content":"' + "\\u4e00\\u3001\\u9879\\u76ee\\u57fa" * 200
     + '"}</script>', "网页正文由脚本生成"),  # (the report in the script's data, escaped, as a platform's page holds it)
])
def test_a_saved_page_without_its_report_is_not_checked_and_says_why(tmp_path, body, why):
    """The related links' dates (2025-04-11: before the year's end) and figures are no report's; nothing is checked."""
    (tmp_path / "page.html").write_text(PAGE.format(title=TITLE, body=body), encoding="utf-8")
    result = check_file(tmp_path / "page.html")
    assert result.status == "not_checked" and problems(result) == []
    [said] = [f for f in result.findings if f.values.get("problem") == "page_without_report"]
    assert why in said.message and said.severity == "info"
    assert result.report["title"] == TITLE


def test_a_related_links_titles_with_figures_are_chrome(tmp_path):
    body = ("<p>一、部门基本情况</p><p>2025年初，本部门预算5,862.40万元，其中基本支出1,846.40万元、项目支出4,016.00万元。"
            "全年预算调整为6,300.66万元。</p><p>二、预算执行情况</p><p>2025年度本部门实际支出6,184.37万元，预算执行率98.15%。"
            "其中：基本支出1,889.53万元；项目支出4,294.84万元，项目支出执行率97.64%。</p>"
            "<p>三、绩效目标完成情况</p><p>" + "各项工作按计划推进，社会救助对象应保尽保，养老服务体系进一步完善。" * 6 + "</p>")
    (tmp_path / "page.html").write_text(PAGE.format(title="平遥县民政局2025年度部门整体支出绩效自评报告", body=body),
                                        encoding="utf-8")
    result = check_file(tmp_path / "page.html")
    assert problems(result) == []  # (no 96.38 or 95.21% of another report; no 年初 parts taken for the spending)
    overall = result.report["overall"]
    assert (str(overall["initial_budget"]), str(overall["basic_expenditure"]), str(overall["project_expenditure"])) == (
        "5862.40", "1889.53", "4294.84")


def test_an_mhtml_whose_page_part_names_no_charset_is_read_by_its_meta(tmp_path):
    """Chrome's single-file save: Content-Type: text/html alone, the page quoted-printable; its <meta charset> says UTF-8
    (the page was refused as no report: its text read as ASCII had no 绩效 in it)."""
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head><body>'
            f"<h1>{TITLE}</h1><p>一、项目基本情况</p><p>项目全年预算334.90万元，实际支出327.44万元，执行率97.77%。</p>"
            "</body></html>").encode()
    archive = (b'From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html";\r\n'
               b'\tboundary="----B"\r\n\r\n\r\n------B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n'
               b'Content-Location: https://example.gov.cn/a.html\r\n\r\n' + quopri.encodestring(page) + b"\r\n------B--\r\n")
    (tmp_path / "page.mhtml").write_bytes(archive)
    result = check_file(tmp_path / "page.mhtml")
    assert result.report["title"] == TITLE and str(result.report["overall"]["execution_rate"]) == "97.77"
