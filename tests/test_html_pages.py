"""Web pages (.html, .htm, .mht): a report as a government website publishes it, saved from the browser, read as
the browser shows it, its 自评表 read as a table (rowspan, colspan, cells left unclosed), the site's chrome and
whatever the browser hides never read as figures. The page in tests/data/web was written for these tests in the
style of a county site (menus, 当前位置, 发布时间/来源/浏览次数, a hidden share box, scripts, 上一篇/下一篇, 网站标识码).

The Word-to-web test needs LibreOffice, and the browser test Playwright and Chromium; each skips without them."""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest

from jixiao.engine import Auditor, Options
from jixiao.plugins.extractors import legacy
from jixiao.plugins.extractors.html import html_document

HERE = Path(__file__).resolve().parent
PAGE = HERE / "data" / "web" / "hexi-farmland-2023.html"
TEXT = PAGE.read_text(encoding="utf-8")


def check(path: Path, **options):
    return Auditor(Options(timeout=120, **options)).check_path(str(path))


def written(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# -- the page as published -----------------------------------------------------------------------------------

def test_a_saved_page_is_read_as_the_browser_shows_it():
    result = check(PAGE)
    report = result.report
    assert report["extraction"]["extractor"] == "html" and report["kind"] == "project_self_evaluation"
    assert report["title"] == "禾溪县农业农村局2023年度高标准农田建设项目支出绩效自评报告"
    assert report["department"]["name"] == "禾溪县农业农村局" and report["fiscal_year"] == 2023
    assert report["disclosure"]["date"] == "2024-04-18" and report["report_date"] == "2024-04-10"
    overall = {k: str(v) for k, v in report["overall"].items()}
    assert overall == {"initial_budget": "1200.00", "adjusted_budget": "1380.00", "final": "1311.00",
                       "execution_rate": "95.00", "score": "98.5", "grade": "优"}
    [project] = report["projects"]
    assert (project["name"], str(project["executed"]), str(project["execution_rate"]), str(project["total_score"])) == (
        "高标准农田建设项目", "1311.00", "95.00", "98.5")
    assert [i["level3"] for i in project["indicators"]] == [
        "新建高标准农田面积", "新建机耕道", "工程验收合格率", "项目完工及时率", "亩均粮食产能提升", "受益农户数", "受益农户满意度"]
    # rowspan carried 产出指标 / 数量指标 down to the rows below them
    assert [(i["level1"], i["level2"]) for i in project["indicators"][:2]] == [("产出指标", "数量指标")] * 2
    assert project["indicators"][1]["deviation_reason"] == "受汛期影响，剩余3公里列入2024年计划"
    assert [s["title"] for s in report["sections"] if s["level"] == 1] == [
        "项目基本情况", "项目资金安排及使用情况", "项目绩效目标完成情况", "自评结论", "存在的问题及改进措施"]
    assert result.status == "passed"
    assert not [f for f in result.findings if f.severity in ("error", "warning")]


def test_what_the_browser_hides_is_not_read():
    lines = [line.text for line in html_document(str(PAGE), PAGE.read_bytes()).prose]
    shown = "\n".join(lines)
    for hidden in ("document.write", "_hmt", "分享到", "12.00%", "text-indent", "$(function", "SiteName", "_绩效评价_"):
        assert hidden not in shown, hidden
    # the chrome a browser shows is there, line by line, for the prose reader to set aside
    assert "当前位置：首页 > 政务公开 > 财政资金 > 绩效评价" in lines
    assert "发布时间：2024-04-18 09:30\xa0\xa0来源：禾溪县农业农村局\xa0\xa0浏览次数：286\xa0\xa0【字体：大 中 小】 打印" in lines
    assert lines[0] == "欢迎访问禾溪县人民政府网站 无障碍浏览 长者模式 English"  # inline: one line, as shown


def test_the_self_evaluation_table_is_laid_out_as_the_browser_lays_it_out():
    [table] = html_document(str(PAGE), PAGE.read_bytes()).tables
    assert table.width == 9 and len(table.rows) == 17
    money = table.rows[2][0]
    assert money.text == "项目资金（万元）" and (money.rowspan, money.colspan) == (4, 2)
    assert all(table.rows[r][c] is money for r in range(2, 6) for c in range(2))
    assert table.rows[3][2].text == "年度资金总额" and table.rows[3][8].text == "9.5"
    indicators = table.rows[8][0]
    assert indicators.text == "绩效指标" and indicators.rowspan == 8
    assert [table.rows[r][0] is indicators for r in range(8, 16)] == [True] * 8
    assert table.rows[10][1].text == "产出指标" and table.rows[10][2].text == "数量指标"
    assert table.rows[10][3].text == "新建机耕道" and table.rows[10][7].text == "9"
    assert table.rows[16][7].text == "98.5"
    assert table.before[-2:] == ["项目支出绩效自评表", "（2023年度）"]


def test_a_fault_in_the_table_points_at_its_cell_and_one_in_the_prose_at_its_paragraph(tmp_path, cli):
    page = TEXT.replace("<td>27公里</td><td>10</td><td>9</td>", "<td>27公里</td><td>10</td><td>10</td>")
    page = page.replace("<td>100</td><td>98.5</td>", "<td>100</td><td>99.5</td>").replace("98.5分", "99.5分")
    page = page.replace("预算执行率为95.00%", "预算执行率为96.00%")
    path = written(tmp_path, "page.htm", page)
    result = check(path)
    errors = {f.rule_id: f for f in result.findings if f.severity == "error"}
    assert set(errors) == {"NAT-TBL-002", "NAT-ARITH-001"}
    cell = errors["NAT-TBL-002"].location
    assert (cell.table, cell.row, cell.col) == (1, 11, 8)
    prose = errors["NAT-ARITH-001"].location
    assert prose.table is None and prose.line == 15
    done = cli("check", str(path))
    assert "表 1 第 11 行第 8 列" in done.stdout and "第 15 段" in done.stdout
    english = cli("check", str(path), "--lang", "en").stdout
    assert "paragraph 15" in english


# -- pages as they come ----------------------------------------------------------------------------------------

def test_a_cell_is_numbered_by_the_cells_a_reader_counts_along_its_row(tmp_path, cli):
    """A form whose indicator rows are laid out on a finer grid than its fund rows (each indicator's name over
    three columns of the grid): the score cell is the 8th cell a reader counts along its row, not the 10th
    column of the grid."""
    names = "三级指标|新建高标准农田面积|新建机耕道|工程验收合格率|项目完工及时率|亩均粮食产能提升|受益农户数|受益农户满意度"
    page = re.sub(f"<td>({names})</td>", r'<td colspan="3">\1</td>', TEXT)
    page = page.replace('<td colspan="6">总分</td>', '<td colspan="8">总分</td>')
    page = page.replace("<td>27公里</td><td>10</td><td>9</td>", "<td>27公里</td><td>10</td><td>10</td>")
    page = page.replace("<td>100</td><td>98.5</td>", "<td>100</td><td>99.5</td>").replace("98.5分", "99.5分")
    path = written(tmp_path, "page.htm", page)
    [error] = [f for f in check(path).findings if f.severity == "error"]
    assert error.rule_id == "NAT-TBL-002"
    assert (error.location.table, error.location.row, error.location.col) == (1, 11, 8)
    assert "表 1 第 11 行第 8 列" in cli("check", str(path)).stdout


def test_a_gbk_page_saved_by_an_older_browser_reads_the_same(tmp_path):
    page = TEXT.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    path = written(tmp_path, "page.htm", page.replace("\u2014", "-").replace("\xa0", " ").replace("≥", "≥"),
                   encoding="gb18030")
    report = check(path).report
    assert str(report["overall"]["execution_rate"]) == "95.00" and report["projects"][0]["name"] == "高标准农田建设项目"


def test_sloppy_markup_is_read_as_browsers_read_it(tmp_path):
    page = """<HTML><BODY><P>禾溪县水利局2022年度部门整体支出绩效自评报告<P>一、部门概况
<p>2022年全年预算&nbsp;500.00万元，实际支出480.00万元，预算执行率为96.00%&#12290;<br>二、部门整体支出绩效情况
<TABLE border=1><TR><TD rowspan=2>支出<TD>基本支出<TD>300.00
<TR><TD>项目支出<TD>180.00<br>（含结转）
<TR><TD colspan=2>合计<td>480.00</TABLE>
<p>自评得分95分，等级为优。"""
    document = html_document("page.html", page.encode())
    lines = [line.text for line in document.prose]
    assert lines[:4] == ["禾溪县水利局2022年度部门整体支出绩效自评报告", "一、部门概况",
                         "2022年全年预算\xa0500.00万元，实际支出480.00万元，预算执行率为96.00%。", "二、部门整体支出绩效情况"]
    [table] = document.tables
    assert [[c.text for c in row] for row in table.rows] == [
        ["支出", "基本支出", "300.00"], ["支出", "项目支出", "180.00\n（含结转）"], ["合计", "合计", "480.00"]]
    assert table.rows[1][2].where["line"] == 9 and table.rows[1][2].where["end_line"] == 10
    assert lines[-1] == "自评得分95分，等级为优。" and document.prose[-1].table is None
    report = check(written(tmp_path, "page.html", page)).report
    assert str(report["overall"]["execution_rate"]) == "96.00" and report["overall"]["grade"] == "优"


def test_a_table_cut_off_at_the_end_of_the_page_keeps_what_was_read():
    document = html_document("p.html", "<table><tr><td>项目名称</td><td>道路养护".encode())
    [table] = document.tables
    assert table.truncated and [c.text for c in table.rows[0]] == ["项目名称", "道路养护"]


def test_hostile_spans_are_capped():
    document = html_document("p.html", '<table><tr><td colspan="99999999">甲</td><td rowspan="-3">乙</td></tr></table>'.encode())
    [table] = document.tables
    assert table.width <= 1024 and table.rows[0][0].text == "甲"


def mht(page: str, charset: str = "gb2312") -> bytes:
    archive = MIMEMultipart("related", type="text/html")
    archive["Subject"] = "禾溪县人民政府"
    part = MIMEText(page, "html", charset)
    archive.attach(part)
    archive.attach(MIMEText("body{font-size:14px}", "css", "utf-8"))
    return archive.as_bytes()


def test_a_page_saved_as_one_file_mht_reads_the_same(tmp_path):
    page = TEXT.replace("\u2014", "-").replace("≥", ">=")
    for name in ("page.mht", "page.mhtml", "网页"):
        path = tmp_path / name
        path.write_bytes(mht(page))
        report = check(path).report
        assert str(report["overall"]["final"]) == "1311.00" and len(report["projects"][0]["indicators"]) == 7, name


def test_a_page_is_told_by_its_bytes_whatever_its_name(tmp_path):
    for name in ("自评报告", "自评报告.doc", "自评报告.txt"):  # no suffix; Word's 另存为网页 renamed .doc; a .txt
        report = check(written(tmp_path, name, TEXT)).report
        assert report["extraction"]["extractor"] == "html" and str(report["overall"]["final"]) == "1311.00", name


def test_a_page_that_is_no_report_is_said_so(tmp_path):
    result = check(written(tmp_path, "index.html", "<html><body><p>欢迎访问</p><p>网站地图</p></body></html>"))
    assert result.unreadable and "不像是绩效自评报告" in result.findings[0].message


def test_a_broken_web_archive_is_a_clear_input_error(tmp_path):
    path = tmp_path / "page.mht"
    path.write_bytes(b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n--x\r\n"
                     b"Content-Type: text/css\r\n\r\nbody{}\r\n--x--\r\n")
    result = check(path)
    assert result.unreadable and "page.mht" in result.findings[0].message
    assert "网页文件无法读取（no text/html part）" in result.findings[0].message


# -- a Word report saved as a web page ---------------------------------------------------------------------------

SOFFICE = legacy.find_soffice()[0]
WORD = sorted((HERE / "corpus" / "tables").glob("docx-*.docx")) + sorted((HERE / "corpus" / "heldout23").glob("*.docx"))


def comparable(report: dict) -> dict:
    out = {}

    def walk(value, pointer):
        if isinstance(value, dict):
            for key, item in value.items():
                if key not in ("provenance", "extraction", "line"):
                    walk(item, f"{pointer}/{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{pointer}/{index}")
        else:
            out[pointer] = str(value)

    walk(report, "")
    return out


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_word_report_saved_as_a_web_page_reads_as_the_word_file(tmp_path):
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([SOFFICE, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to", "html",
                        "--outdir", str(tmp_path), *map(str, WORD)], check=True, capture_output=True, timeout=300)
    assert len(WORD) >= 9
    for docx in WORD:
        word, page = check(docx), check(tmp_path / f"{docx.stem}.html")
        assert page.report["extraction"]["extractor"] == "html"
        assert comparable(page.report) == comparable(word.report), docx.name
        assert sorted((f.rule_id, f.severity) for f in page.findings) == sorted(
            (f.rule_id, f.severity) for f in word.findings), docx.name


# -- what a real browser shows ----------------------------------------------------------------------------------

def test_the_text_read_is_the_text_a_real_browser_shows():
    playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    from test_html_browser import CHROMIUM

    if CHROMIUM is None:
        pytest.skip("no Chromium found (apt-get install chromium, or set JIXIAO_CHROMIUM)")
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(java_script_enabled=False)  # the page as saved; nothing of it is run here either
            page.set_content(TEXT)
            shown = page.inner_text("body")
        finally:
            browser.close()
    read = "".join(line.text for line in html_document(str(PAGE), PAGE.read_bytes()).prose)
    assert re.sub(r"\s", "", read) == re.sub(r"\s", "", shown)
    assert json.dumps(read, ensure_ascii=False)  # (readable text, not escapes)


# -- pages as sites lay them out (heldout27) -----------------------------------------------------------------------

def _article() -> str:
    """The test page's article: from its title to the signature (with the 自评表)."""
    return TEXT[TEXT.index('<h1 class="title">'):TEXT.index('<div class="attach">')]


def test_a_page_laid_out_in_tables_reads_as_its_article(tmp_path):
    """An older site lays the page out in tables (heldout27, 福建/江西): a three-column table holding a one-column menu
    (信息公开目录 · 绩效信息 · 2020年度 · 2019年度) and the article in a one-column frame. Those tables only lay the page
    out: their text is prose (the title, 发布时间 and figures read as on any page), and the 自评表 inside is 表 1."""
    page = ("<html><body><table><tr><td><table><tr><td>信息公开目录</td></tr><tr><td>部门预算</td></tr>"
            "<tr><td>绩效信息</td></tr><tr><td>2020年度</td></tr><tr><td>2019年度</td></tr></table></td>"
            "<td><table><tr><td>您现在的位置：首页 >> 政府信息公开 >> 绩效信息</td></tr>"
            f"<tr><td>{_article()}</td></tr></table></td><td>&nbsp;</td></tr></table></body></html>")
    result = check(written(tmp_path, "page.htm", page))
    report = result.report
    assert report["title"] == "禾溪县农业农村局2023年度高标准农田建设项目支出绩效自评报告" and report["fiscal_year"] == 2023
    assert report["disclosure"]["date"] == "2024-04-18" and str(report["overall"]["execution_rate"]) == "95.00"
    assert len(report["projects"][0]["indicators"]) == 7
    assert report["provenance"]["/projects/0/executed"]["table"] == 1
    assert [t.index for t in html_document("p", page.encode()).tables] == [1]
    assert result.status == "passed"


def test_the_index_of_a_government_information_page_is_not_the_report(tmp_path):
    """The 政府信息公开 index above the title, one label or value per cell (索引号 · 发布机构 · 成文日期 · 发布日期 · 名称):
    no label is read into the title or the department; 发布日期 is the disclosure date, 成文日期 is not."""
    index = ("<table><tr><td>索引号</td><td>014152637/2024-00087</td><td>发布机构</td><td>禾溪县农业农村局</td></tr>"
             "<tr><td>成文日期</td><td>2024-04-11</td><td>发布日期</td><td>2024-04-18</td></tr>"
             "<tr><td>名称</td><td colspan=3>禾溪县农业农村局2023年度高标准农田建设项目支出绩效自评报告</td></tr></table>")
    article = _article().replace('<div class="info">', '<div class="info" hidden>')  # (no 发布时间 line under the title)
    report = check(written(tmp_path, "page.html", f"<html><body>{index}{article}</body></html>")).report
    assert report["title"] == "禾溪县农业农村局2023年度高标准农田建设项目支出绩效自评报告"
    assert report["department"]["name"] == "禾溪县农业农村局"
    assert report["disclosure"]["date"] == "2024-04-18"
    # the labels written with a colon (发布日期： | 2024-04-18, 名称： | …): the same
    coloned = index.replace("<td>发布日期</td>", "<td>发布日期：</td>").replace("<td>名称</td>", "<td>名 称：</td>")
    report = check(written(tmp_path, "page2.html", f"<html><body>{coloned}{article}</body></html>")).report
    assert report["disclosure"]["date"] == "2024-04-18"
    assert report["title"] == "禾溪县农业农村局2023年度高标准农田建设项目支出绩效自评报告"


def test_a_list_of_related_documents_is_not_the_report(tmp_path):
    """相关阅读: other documents' titles with their dates (…绩效自评报告2023-06-02, …补贴公示 2024-02-28): no date of
    theirs is the disclosure date, no year of theirs the report's."""
    related = ("<div>相关阅读</div><ul><li><a>禾溪县水务局2023年度部门整体支出绩效自评报告</a><span>2024-06-02</span></li>"
               "<li><a>禾溪县2024年度农机购置补贴公示</a> 2024-02-28</li></ul>")
    page = TEXT.replace('<div class="pager">', related + '<div class="pager">')
    report = check(written(tmp_path, "page.html", page)).report
    assert report["disclosure"]["date"] == "2024-04-18" and report["fiscal_year"] == 2023
    lines = [ln.text for ln in html_document("p", page.encode()).prose]
    assert "禾溪县水务局2023年度部门整体支出绩效自评报告2024-06-02" in lines  # (read as the browser shows it; set aside as chrome)


def test_a_rowspan_overlapped_by_a_colspan_ends_where_it_said():
    """A page's table model error (heldout52): 部门预算资金 rowspan=5 over four rows, so 年度总体目标 (rowspan=2) lands a
    column right and the goal texts' colspan=4 below it overlaps it. The rowspan still ends after its two rows, as
    Chromium lays it out: the indicator header after them starts at the second column (it had been pushed a column
    right, every indicator of the form read a column off)."""
    page = ("<table><tr><td rowspan=5>部门预算资金</td><td colspan=2></td><td>年初预算数</td></tr>"
            "<tr><td colspan=2>年度资金总额</td><td>100.00</td></tr><tr><td colspan=2>基本支出</td><td>60.00</td></tr>"
            "<tr><td colspan=2>项目支出</td><td>40.00</td></tr>"
            "<tr><td rowspan=2>年度总体目标</td><td colspan=2>预期目标</td><td colspan=2>实际完成情况</td></tr>"
            "<tr><td colspan=2>目标甲</td><td colspan=2>完成甲</td></tr>"
            "<tr><td rowspan=2>绩效指标</td><td>一级指标</td><td>二级指标</td><td>三级指标</td></tr>"
            "<tr><td>产出指标</td><td>数量指标</td><td>培训人次</td></tr></table>").encode()
    [table] = html_document("p.html", page).tables
    assert [c.clean for c in table.rows[6]][:4] == ["绩效指标", "一级指标", "二级指标", "三级指标"]
    assert [c.clean for c in table.rows[7]][:4] == ["绩效指标", "产出指标", "数量指标", "培训人次"]


def _form_page(goal_rows: str) -> bytes:
    """A 项目支出绩效自评表 whose goal block is laid out as `goal_rows` says."""
    return ("<html><body><p>项目支出绩效自评表</p><p>（2025年度）</p><table>"
            "<tr><td colspan=2>项目名称</td><td colspan=6>乡村道路养护</td></tr>"
            "<tr><td colspan=2>项目资金（万元）</td><td>年初预算数</td><td>全年预算数</td><td>全年执行数</td><td>分值</td>"
            "<td>执行率</td><td>得分</td></tr>"
            "<tr><td colspan=2>年度资金总额</td><td>100.00</td><td>120.00</td><td>110.00</td><td>10</td><td>91.67%</td>"
            "<td>9.17</td></tr>"
            "<tr><td colspan=2>其中：当年财政拨款</td><td>100.00</td><td>120.00</td><td>110.00</td><td>—</td><td>—</td>"
            "<td>—</td></tr>" + goal_rows +
            "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td><td>分值</td>"
            "<td>得分</td><td>偏差原因分析及改进措施</td></tr>"
            "<tr><td>产出指标</td><td>数量指标</td><td>养护里程</td><td>≥50公里</td><td>52公里</td><td>90</td><td>90</td>"
            "<td>—</td></tr>"
            "<tr><td colspan=5>总分</td><td>100</td><td>99.17</td><td>优</td></tr></table></body></html>").encode()


def test_a_goal_block_laid_out_down_the_form_is_read(tmp_path):
    """年度总体目标 as a heading across the form, then a row each: 预期目标 | …, 实际完成情况 | … (heldout57)."""
    rows = ("<tr><td colspan=8>年度总体目标</td></tr><tr><td colspan=2>预期目标</td><td colspan=6>养护乡村道路50公里</td></tr>"
            "<tr><td colspan=2>实际完成情况</td><td colspan=6>养护乡村道路52公里</td></tr>")
    [project] = check(written(tmp_path, "form.html", _form_page(rows).decode())).report["projects"]
    assert (project["goal"], project["goal_achieved"]) == ("养护乡村道路50公里", "养护乡村道路52公里")


def test_a_goal_row_with_its_achievement_labelled_in_it_is_read(tmp_path):
    """年度总体目标 | 目标 | 实际完成情况 | 完成: the label between them is not the achievement (heldout57)."""
    rows = ("<tr><td colspan=2>年度总体目标</td><td colspan=2>养护乡村道路50公里</td><td colspan=2>实际完成情况</td>"
            "<td colspan=2>养护乡村道路52公里</td></tr>")
    [project] = check(written(tmp_path, "form.html", _form_page(rows).decode())).report["projects"]
    assert (project["goal"], project["goal_achieved"]) == ("养护乡村道路50公里", "养护乡村道路52公里")
