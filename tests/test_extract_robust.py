"""Whatever the bytes, the prose extractors either return a report or raise InputError: never another
exception. Empty files are a clear InputError. Word files are read safely (no entity tricks, no zip bombs)."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.engine import Auditor, Options
from jixiao.errors import InputError
from jixiao.plugins.extractors.docx import extract_docx
from jixiao.plugins.extractors.pdf import extract_pdf
from jixiao.plugins.extractors.text import extract_markdown, extract_text
from jixiao.validation import violations

EXTRACTORS = [("r.txt", extract_text), ("r.md", extract_markdown), ("r.pdf", extract_pdf), ("r.docx", extract_docx)]

# Pieces of real report prose, numbers, units and layout noise, so that random text reaches deep paths.
FRAGMENTS = st.sampled_from([
    "年初预算", "全年预算数", "调整后预算", "决算数", "执行数", "实际支出", "执行率", "支付率", "项目支出", "基本支出",
    "其他支出", "部门整体", "共计", "个", "项", "万元", "元", "亿元", "%", "％", "，", "。", "、", "；", "：", "\n", "\n\n",
    " ", "“优”", "良好", "中", "差", "评优率", "优良率", "分别为", "与上年相比", "减少", "增长", "得分", "分", "等级为",
    "一、", "（一）", "二、", "《", "》", "2022年5月22日", "二〇二二年五月二十日", "2022/5/22", "拟于", "已于", "公开",
    "网站", "截至", "编制", "实有", "人", "名", "- 3 -", "第 2 页", "１２３．４５", "1,234.56", "73 600.00", "十二",
    "一般公共预算", "政府性基金预算", "项目", "共涉及资金", "占", "总额的", "决算批复", "㎡", "繁體預算績效報告", "**", "#",
])
NUMBERS = st.one_of(st.integers(0, 10**7).map(str), st.integers(0, 10**25).map(str), st.decimals(0, 10**6, places=2).map(str))
PROSE = st.lists(st.one_of(FRAGMENTS, NUMBERS), max_size=80).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000))
def test_random_bytes_never_raise_anything_but_input_error(data):
    for name, extract in EXTRACTORS:
        try:
            extraction = extract(name, data, Options())
        except InputError:
            continue
        assert isinstance(extraction.report, dict)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(PROSE, st.text(max_size=400)))
def test_random_prose_gives_a_valid_report_or_input_error(text):
    for name, extract in EXTRACTORS[:2]:
        try:
            extraction = extract(name, text.encode("utf-8"), Options(lang="en"))
        except InputError:
            assert not text.strip() or "\x00" in text or not re.search("绩效|預算|预算|決算|决算|自评|支出|績效|自評", text)
            continue
        report = extraction.report
        # whatever was read is well-formed: the schema holds, apart from a fiscal year not found
        problems = [v for v in violations("report", report, fast=False) if "fiscal_year" not in v.message]
        assert problems == [], problems
        for pointer, location in report.get("provenance", {}).items():
            assert location["line"] >= 1 and location["column"] >= 1 and location["end_column"] >= 1, pointer


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=PROSE)
def test_random_prose_checks_without_internal_errors(text):
    auditor = Auditor(Options())
    try:
        extraction = auditor.extract_path("r.txt", text.encode("utf-8"))
    except InputError:
        return
    result = auditor.check_extraction(extraction, "r.txt")
    assert not [f for f in result.findings if f.category == "internal"]


@pytest.mark.parametrize("data", [b"", b"   \n\n \t\n", "\n　\n".encode(), b"\xef\xbb\xbf"])
def test_empty_text_is_a_clear_input_error(data):
    with pytest.raises(InputError) as info:
        extract_text("empty.txt", data, Options())
    assert "没有文字" in info.value.render("zh")
    with pytest.raises(InputError) as info:
        extract_text("empty.txt", data, Options(lang="en"))
    assert "no text" in info.value.render("en")


def test_text_that_is_not_a_report_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as info:
        extract_text("README.md", "# jixiao\n\nChecks reports. 安装方法见下文。".encode(), Options())
    assert "不像是绩效自评报告" in info.value.render("zh")


def test_empty_file_through_the_cli(cli, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = cli("check", path)
    assert result.exit_code == 2 and "没有文字" in result.stdout


def _docx(document: str, extra: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
        for name, text in (extra or {}).items():
            archive.writestr(name, text)
    return buffer.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _body(*paragraphs: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{"".join(paragraphs)}</w:body></w:document>'


def _p(text: str, num: tuple[int, int] | None = None, style: str | None = None) -> str:
    ppr = ""
    if num or style:
        ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "")
        ppr += (f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>' if num else "") + "</w:pPr>"
    return f"<w:p>{ppr}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


NUMBERING = f"""<?xml version="1.0" encoding="UTF-8"?><w:numbering {W}>
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""
STYLES = f"""<?xml version="1.0" encoding="UTF-8"?><w:styles {W}>
<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="H1x"><w:name w:val="heading 1 custom"/><w:basedOn w:val="H1"/></w:style>
</w:styles>"""


def test_docx_automatic_numbering_tables_breaks_and_deletions():
    document = _body(
        _p("某县财政局2021年度部门整体支出绩效自评报告"),
        _p("部门概况", style="H1"),
        _p("主要职能", num=(1, 1)),
        "<w:p><w:r><w:t>部门整体年初预算安排</w:t></w:r><w:del><w:r><w:delText>999</w:delText></w:r></w:del>"
        "<w:r><w:t>12.5万元</w:t></w:r><w:r><w:t>，决算数10万元。</w:t></w:r></w:p>",
        "<w:tbl><w:tr><w:tc>" + _p("执行率") + "</w:tc><w:tc>" + _p("80%") + "</w:tc></w:tr></w:tbl>",
        _p("绩效自评工作开展情况", style="H1x"),
        "<w:p><w:r><w:t>某县财政局</w:t><w:br/><w:t>2022年5月22日</w:t></w:r></w:p>",
    )
    extraction = extract_docx("r.docx", _docx(document, {"word/numbering.xml": NUMBERING, "word/styles.xml": STYLES}), Options())
    report = extraction.report
    assert [(s["number"], s["title"], s["level"], s["line"]) for s in report["sections"]] == [
        ("一、", "部门概况", 1, 2), ("（一）", "主要职能", 2, 3), ("二、", "绩效自评工作开展情况", 1, 7)]
    assert str(report["overall"]["initial_budget"]) == "12.5"  # the deleted 999 is not read
    assert report["provenance"]["/overall/initial_budget"]["quote"] == "12.5"
    assert str(report["overall"]["execution_rate"]) == "80"  # a table row reads as one clause
    assert report["report_date"] == "2022-05-22"
    assert report["provenance"]["/report_date"]["line"] == 9  # a manual line break starts a new line


@pytest.mark.parametrize("document", [
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><w:document ' + W + '><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>',
    "<w:document " + W + "><w:body><w:p>",
])
def test_docx_with_entities_or_broken_xml_is_an_input_error(document):
    with pytest.raises(InputError):
        extract_docx("r.docx", _docx(document), Options())


def test_docx_without_document_part_or_not_a_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    for data in (buffer.getvalue(), b"PK\x03\x04 broken", b"plain text"):
        with pytest.raises(InputError):
            extract_docx("r.docx", data, Options())


def test_docx_zip_bomb_is_refused(monkeypatch):
    from jixiao.plugins.extractors import docx

    monkeypatch.setattr(docx, "_MAX_PART", 1000)
    document = _body(*[_p("部门整体年初预算安排12.5万元。") for _ in range(100)])
    with pytest.raises(InputError):
        extract_docx("r.docx", _docx(document), Options())
