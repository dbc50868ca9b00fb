"""Values as reports write them, and the normalisation that keeps a map back to the original text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.engine import Options
from jixiao.plugins.extractors.normalize import SourceLine, Stream, split_text_lines
from jixiao.plugins.extractors.values import DATE_RE, chinese_int, date_from_match, parse_number, to_wan
from jixiao.plugins.extractors.text import extract_text


@pytest.mark.parametrize("text, unit, expected", [
    ("73,600.00", "元", "7.360000"),
    ("73,600.55", "元", "7.360055"),
    ("5,836,200.00", "元", "583.620000"),
    ("1200", "元", "0.1200"),
    ("49.90", "万元", "49.90"),
    ("1.2", "亿元", "12000"),
    ("0.35", "亿元", "3500"),
    ("123.4", "千元", "12.34"),
])
def test_amounts_convert_exactly_to_wan(text, unit, expected):
    value = to_wan(parse_number(text), unit)
    assert isinstance(value, Decimal) and format(value, "f") == expected


@pytest.mark.parametrize("text, expected", [
    ("六", 6), ("十", 10), ("十二", 12), ("二十一", 21), ("两", 2), ("一百零五", 105), ("三十", 30), ("一二", 12),
    ("", None), ("两三", None),
])
def test_chinese_numerals(text, expected):
    assert chinese_int(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("2022年5月22日", "2022-05-22"), ("2022年05月22日", "2022-05-22"), ("2022-05-22", "2022-05-22"),
    ("2022/5/22", "2022-05-22"), ("2022.5.22", "2022-05-22"), ("二〇二二年五月二十二日", "2022-05-22"),
    ("2022年2月30日", None), ("2022年13月1日", None),
])
def test_dates(text, expected):
    m = DATE_RE.search(text)
    assert (date_from_match(m) if m else None) == expected


def _extract(text: str, name: str = "r.txt"):
    return extract_text(name, text.encode("utf-8"), Options())


def _report(text: str) -> dict:
    return _extract(text).report


def test_wan_alone_is_wan_yuan_but_not_before_another_word():
    report = _report("某县财政局2021年度部门整体支出绩效自评报告\n部门整体年初预算安排26.6万，决算数服务12万人次。")
    assert str(report["overall"]["initial_budget"]) == "26.6" and "final" not in report["overall"]


def test_long_digit_runs_are_not_amounts():
    report = _report("某县财政局2021年度部门整体支出绩效自评报告\n部门整体年初预算安排261825288723296627682682亿元，决算数10万元。")
    assert "initial_budget" not in report["overall"] and str(report["overall"]["final"]) == "10"


def test_both_units_in_one_sentence():
    report = _report("某县财政局2021年度部门整体支出绩效自评报告\n2021年年初预算数为73,600.00元，全年预算数12.5万元，决算数0.12亿元。")
    overall = report["overall"]
    assert (str(overall["initial_budget"]), str(overall["adjusted_budget"]), str(overall["final"])) == ("7.360000", "12.5", "1.2E+3")  # 0.12 亿元: precise to the hundred 万元
    assert report["provenance"]["/overall/initial_budget"]["quote"] == "73,600.00"


@pytest.mark.parametrize("sentence, excellent, good", [
    ("其中评价等级为“优”项目5个，“良”项目1个。", 5, 1),
    ("其中优秀五个、良好一个。", 5, 1),
    ("其中优5个，良1个。", 5, 1),
    ("其中评为优秀的项目5个，评为良好的项目1个。", 5, 1),
    ("其中\"优\"5个、\"良\"1个。", 5, 1),
])
def test_grades_in_and_out_of_quotes(sentence, excellent, good):
    report = _report("某县财政局2021年度部门整体支出绩效自评报告\n绩效自评项目共6个，" + sentence)
    counts = report["projects_summary"]["grade_counts"]
    assert (counts["excellent"], counts["good"]) == (excellent, good)
    assert report["projects_summary"]["evaluated_count"] == 6


def test_counts_in_digits_full_width_and_chinese_numerals():
    for count in ("12", "１２", "十二"):
        report = _report(f"某县财政局2021年度部门整体支出绩效自评报告\n2021年项目支出共计{count}个，年初预算50万元。")
        assert report["projects_summary"]["count"] == 12
        assert str(report["projects_summary"]["initial_budget"]) == "50"


def test_never_guess_a_figure_without_its_label_or_unit():
    report = _report("某县财政局2021年度部门整体支出绩效自评报告\n2021年预算为199.09，支出了一些资金，完成率较好。\n基本支出年初预算80万元。")
    assert "overall" not in report  # a number without unit, and a basic-expenditure budget, are not the department's budget
    assert "/overall/initial_budget" in report["extraction"]["not_found"]


def test_change_against_last_year_is_signed():
    report = _report("某县财政局2021年度部门整体支出绩效自评报告\n部门整体支出100.00万元，与上年相比减少5.00万元，下降4.76%。")
    assert str(report["overall"]["change_amount"]) == "-5.00" and str(report["overall"]["change_rate"]) == "-4.76"
    report = _report("某县财政局2021年度部门整体支出绩效自评报告\n部门整体支出100.00万元，较上年增加5.00万元，增长5.26%。")
    assert str(report["overall"]["change_amount"]) == "5.00" and str(report["overall"]["change_rate"]) == "5.26"


def test_respectively():
    report = _report("某县财政局2021年度部门整体支出绩效自评报告\n"
                     "年初预算、全年预算和决算数分别为100.00万元、110.00万元和99.00万元，执行率90%。")
    overall = report["overall"]
    assert [str(overall[k]) for k in ("initial_budget", "adjusted_budget", "final", "execution_rate")] == [
        "100.00", "110.00", "99.00", "90"]


def test_conflict_is_a_finding_with_both_locations():
    extraction = _extract("某县财政局2021年度部门整体支出绩效自评报告\n部门整体决算数100.00万元。\n\n部门整体支出合计101.00万元。")
    [conflict] = [f for f in extraction.findings if f.rule_id == "JX-CONFLICT"]
    assert conflict.category == "arithmetic" and conflict.severity == "warning"  # a real conflict is a warning naming both places
    assert conflict.pointer == "/overall/final"
    assert (conflict.location.line, conflict.related[0].line) == (2, 4)
    assert conflict.values == {"first": Decimal("100.00"), "second": Decimal("101.00")}
    # the same figure stated twice with the same value is no conflict, whatever its written precision
    again = _extract("某县财政局2021年度部门整体支出绩效自评报告\n部门整体决算数100.0万元。\n部门整体支出合计100.00万元。")
    assert not [f for f in again.findings if f.rule_id == "JX-CONFLICT"]


# -- normalisation ------------------------------------------------------------------------------------
def test_pdf_layout_is_joined_with_columns_in_the_original():
    text = "1\n\n某县财政局2021年度\n\n部门整体支出绩效自评报告\n\n2021年整体年初预算安排199.09\n\n- 2 -\n\n 万元，决算数 169. 02 万元，实际支出率达\n\n84.9 %。\n"
    lines = split_text_lines(text)
    stream = Stream(lines)
    assert "年初预算安排199.09万元，决算数169.02万元，实际支出率达84.9%。" in stream.text
    assert "- 2 -" not in stream.text and "\n1\n" not in "\n" + stream.text
    report = _report(text)
    assert report["title"] == "某县财政局2021年度部门整体支出绩效自评报告"
    final = report["provenance"]["/overall/final"]
    assert (final["line"], final["column"], final["end_column"], final["quote"]) == (11, 9, 16, "169. 02")
    rate = report["provenance"]["/overall/execution_rate"]
    assert (rate["line"], rate["column"], rate["end_line"], rate["end_column"], rate["quote"]) == (13, 1, 13, 7, "84.9 %")


def test_a_number_alone_on_a_line_before_its_unit_is_not_a_page_number():
    report = _report("某县财政局2021年度部门整体支出绩效自评报告\n\n2021年项目支出共计\n\n6\n\n个，年初预算91.92万元。")
    assert report["projects_summary"]["count"] == 6


def test_full_width_text():
    report = _report("某县财政局２０２１年度部门整体支出绩效自评报告\n２０２１年整体年初预算１，２３６．５０万元，决算数９８７．６５万元，执行率７９．８８％。")
    overall = report["overall"]
    assert (str(overall["initial_budget"]), str(overall["final"]), str(overall["execution_rate"])) == ("1236.50", "987.65", "79.88")
    assert report["provenance"]["/overall/initial_budget"]["quote"] == "１，２３６．５０"
    assert report["fiscal_year"] == 2021


def test_full_width_comma_as_thousands_separator_only_between_digit_groups():
    report = _report("某县财政局2021年度部门整体支出绩效自评报告\n部门整体年初预算1，200万元，决算数2021，执行数980.5万元。")
    assert str(report["overall"]["initial_budget"]) == "1200"  # typed in Chinese punctuation mode
    assert str(report["overall"]["final"]) == "980.5"  # "2021，" is not the start of a number


def test_nfkc_expansion_keeps_columns():
    # ㎡ expands to two characters under NFKC; the figure after it must still map to its own column
    report = _report("某县财政局2021年度部门整体支出绩效自评报告\n新建用房300㎡，部门整体年初预算安排12.5万元。")
    location = report["provenance"]["/overall/initial_budget"]
    assert location["quote"] == "12.5" and location["column"] == 20


def test_markdown_markup_is_ignored_but_columns_stay():
    from jixiao.plugins.extractors.text import extract_markdown

    data = "# 某县财政局2021年度部门整体支出绩效自评报告\n\n## 一、部门概况\n\n**部门整体年初预算安排12.5万元。**\n".encode()
    report = extract_markdown("r.md", data, Options()).report
    assert report["sections"][0] == {"number": "一、", "title": "部门概况", "level": 1, "line": 3}
    assert report["title"] == "某县财政局2021年度部门整体支出绩效自评报告"
    assert report["provenance"]["/overall/initial_budget"]["column"] == 13


def test_encodings():
    text = "某县财政局2021年度部门整体支出绩效自评报告\n部门整体年初预算安排12.5万元。\n"
    for data in (text.encode("utf-8"), b"\xef\xbb\xbf" + text.encode("utf-8"), text.encode("gb18030"), text.encode("utf-16")):
        report = extract_text("r.txt", data, Options()).report
        assert str(report["overall"]["initial_budget"]) == "12.5"
        assert report["provenance"]["/overall/initial_budget"]["line"] == 2


def test_traditional_without_opencc_degrades_clearly(monkeypatch):
    from jixiao.plugins.extractors import traditional

    monkeypatch.setattr(traditional, "_converter", lambda: None)
    text = "某縣財政局2021年度部門整體支出績效自評報告\n部門整體年初預算安排12.5萬元，決算數10萬元，預算執行率80%。"
    extraction = _extract(text)
    [warning] = [f for f in extraction.findings if f.rule_id == "JX-EXTRACTION" and f.severity == "warning"]
    assert "opencc" in warning.message


def test_traditional_is_converted_where_opencc_is_installed():
    pytest.importorskip("opencc")
    text = "某縣財政局2021年度部門整體支出績效自評報告\n部門整體年初預算安排12.5萬元，決算數10萬元，預算執行率80%。"
    report = _report(text)
    assert report["department"]["name"] == "某县财政局"
    assert str(report["overall"]["execution_rate"]) == "80"
    assert report["provenance"]["/overall/initial_budget"]["quote"] == "12.5"


def test_sections_levels_and_titles():
    text = ("某县财政局2021年度部门整体支出绩效自评报告\n一、部门概况\n（一）主要职能。负责全县财政工作。\n"
            "（二）建立全过程预算绩效管理链条，提高资金执行效率，细化项目实施方案，明确实施机构的工作范围和职责划分，切实推进。\n"
            "二、绩效自评工作开展情况\n本部门认真开展自评，详见《2021年度项目支出绩效自评表》《关于开展绩效自评的通知》(某财绩〔2022〕3号)。")
    report = _report(text)
    assert [(s["number"], s["level"], s["line"]) for s in report["sections"]] == [
        ("一、", 1, 2), ("（一）", 2, 3), ("（二）", 2, 4), ("二、", 1, 5)]
    assert report["sections"][1]["title"] == "主要职能"
    # a numbered paragraph, not a heading line: its title is cut at the last comma within 30 characters
    assert report["sections"][2]["title"] == "建立全过程预算绩效管理链条，提高资金执行效率"
    assert report["attachments_referenced"] == ["2021年度项目支出绩效自评表"]
    assert report["cited_documents"] == [{"number": "某财绩〔2022〕3号", "title": "关于开展绩效自评的通知"}]


def test_report_date_forms_and_disclosure_status():
    base = "某县财政局2021年度部门整体支出绩效自评报告\n一、部门概况\n"
    assert _report(base + "已于2022年6月1日在某县人民政府网站公开。\n某县财政局\n2022年5月22日")["report_date"] == "2022-05-22"
    report = _report("报告日期：2022年04月18日\n" + base + "已于2022年6月1日在某县人民政府网站公开。")
    assert report["report_date"] == "2022-04-18"
    assert report["fiscal_year"] == 2021 and report["title"].startswith("某县财政局")  # a form field is not the title
    assert report["disclosure"] == {"date": "2022-06-01", "status": "actual", "channel": "某县人民政府网站"}
    planned = _report(base + "绩效自评结果拟于2022年6月1日通过某县财政局网站向社会公开。")
    assert planned["disclosure"]["status"] == "planned" and planned["disclosure"]["channel"] == "某县财政局网站"


def test_report_validates_and_has_no_floats():
    from jixiao.validation import violations

    from conftest import EXAMPLE_TXT

    report = _report(EXAMPLE_TXT.read_text(encoding="utf-8"))
    assert list(violations("report", report, fast=False)) == []

    def walk(node):
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        else:
            assert not isinstance(node, float)

    walk(report)


def test_source_line_page_in_location():
    lines = [SourceLine("某县财政局2021年度部门整体支出绩效自评报告", 1, 1), SourceLine("部门整体年初预算安排12.5万元。", 3, 2)]
    stream = Stream(lines)
    start = stream.text.index("12.5")
    location = stream.location(start, start + 4)
    assert (location.page, location.line, location.column, location.quote) == (2, 3, 11, "12.5")


def test_yi_yuan_keeps_its_stated_precision():
    assert to_wan(parse_number("1.23"), "亿元").as_tuple().exponent == 2  # to the hundred 万元
    assert str(to_wan(parse_number("1.23"), "亿元")) == "1.23E+4"
