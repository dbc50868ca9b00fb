"""Table readers for Word and Excel on one core: tables read per second, ours against the library alone.

    python bench/bench_tables_office.py            # about 1 s of timing per reader
    python bench/bench_tables_office.py --rounds 30

The inputs are made here: a 自评表 workbook of one sheet (≈40 rows: title, funds, goals, indicators; merged
cells, 0.00 and 0.00% formats, a formula with its saved result), the same as .xls (xlwt), and a DOCX with a
title and one such table (python-docx). "library alone" is `openpyxl.load_workbook(data_only=True)`,
`xlrd.open_workbook(formatting_info=True)`, and for DOCX `zipfile` + `ElementTree.fromstring` of
word/document.xml, the least any reader of those files has to do. Rounds alternate ours / library in one
process; the medians are printed. Target: ≥ 50 tables/s for each of our readers.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import statistics
import sys
import time
import zipfile
from xml.etree import ElementTree

from jixiao.plugins.extractors.docx import docx_document
from jixiao.plugins.extractors.sheets import xls_document, xlsx_document

INDICATORS = [("产出指标", "数量指标", "培训人次", "≥500人次", "520人次"),
              ("产出指标", "质量指标", "培训合格率", "≥95%", "97%"),
              ("产出指标", "时效指标", "按期完成率", "100%", "100%"),
              ("效益指标", "社会效益指标", "群众知晓率", "≥90%", "92%"),
              ("满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%", "95%")]


def _rows() -> list[list]:
    rows: list[list] = [["项目支出绩效自评表", "", "", "", "", "", "", ""], ["（2022年度）"] + [""] * 7,
                        ["项目名称", "职工技能培训", "", "", "", "", "", ""],
                        ["主管部门", "市总工会", "", "", "实施单位", "市总工会", "", ""],
                        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]]
    for name, budget, final in [("年度资金总额", 120, 110), ("其中：当年财政拨款", 100, 92),
                                ("上年结转资金", 20, 18), ("其他资金", 0, 0)]:
        rows.append([name, "", budget, budget, final, 10, final / budget if budget else 0, 9.17])
    rows.append(["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", ""])
    rows.append(["", "开展职工技能培训，提升职工技能水平。", "", "", "完成培训520人次。", "", "", ""])
    rows.append(["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"])
    for k in range(6):
        for first, second, third, target, actual in INDICATORS:
            rows.append(["", first, second, f"{third}{k + 1}", target, actual, 10, 9])
    rows.append(["总分", "", "", "", "", "", 100, 90.5])
    return rows


def make_xlsx() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "项目1"
    for r, row in enumerate(_rows(), start=1):
        for c, value in enumerate(row, start=1):
            if value != "":
                cell = ws.cell(r, c, value)
                if isinstance(value, (int, float)) and c in (3, 4, 5):
                    cell.number_format = "0.00"
                if c == 7 and 6 <= r <= 9:
                    cell.number_format = "0.00%"
    ws.merge_cells("A1:H1")
    ws.merge_cells("A2:H2")
    ws.merge_cells("B3:H3")
    ws.merge_cells("A10:A11")
    ws.merge_cells("B11:D11")
    ws["H43"] = "=SUM(H14:H42)"
    buffer = io.BytesIO()
    wb.save(buffer)
    data = buffer.getvalue()
    # openpyxl writes no formula results; add one as Excel would have saved it
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                part = re.sub(rb"(<c r=\"H43\"[^>]*><f>[^<]*</f>)<v\s*/?>(?:</v>)?", rb"\1<v>270</v>", part)
            dst.writestr(info, part)
    return out.getvalue()


def make_xls() -> bytes:
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("项目1")
    two, pct = xlwt.easyxf(num_format_str="0.00"), xlwt.easyxf(num_format_str="0.00%")
    for r, row in enumerate(_rows()):
        for c, value in enumerate(row):
            if value == "" or (r, c) in ((0, 0), (1, 0), (2, 1)):
                continue
            style = pct if c == 6 and 5 <= r <= 8 else two if isinstance(value, (int, float)) and c in (2, 3, 4) else None
            ws.write(r, c, value, style) if style else ws.write(r, c, value)
    ws.write_merge(0, 0, 0, 7, "项目支出绩效自评表")
    ws.write_merge(1, 1, 0, 7, "（2022年度）")
    ws.write_merge(2, 2, 1, 7, "职工技能培训")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def make_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("附件")
    document.add_paragraph("项目支出绩效自评表")
    document.add_paragraph("（2022年度）")
    rows = _rows()[2:]
    table = document.add_table(rows=len(rows), cols=8)
    for r, row in enumerate(rows):
        cells = table.rows[r].cells
        for c, value in enumerate(row):
            if value != "":
                cells[c].text = f"{value:.2f}" if isinstance(value, float) else str(value)
    table.cell(0, 1).merge(table.cell(0, 7))
    table.cell(7, 0).merge(table.cell(8, 0))
    document.add_paragraph("填表人：张三　联系电话：12345678")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_library(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        ElementTree.fromstring(archive.read("word/document.xml"))


def _openpyxl(data: bytes) -> None:
    import openpyxl

    openpyxl.load_workbook(io.BytesIO(data), data_only=True).close()


def _xlrd(data: bytes) -> None:
    import xlrd

    xlrd.open_workbook(file_contents=data, formatting_info=True)


def _time(fn, data: bytes, seconds: float) -> float:
    """Seconds per call over a round of about `seconds`."""
    done, start = 0, time.perf_counter()
    while True:
        fn(data)
        done += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return elapsed / done


def compare(name: str, ours, library, data: bytes, rounds: int, seconds: float) -> float:
    ours_t, lib_t = [], []
    for _ in range(rounds):
        ours_t.append(_time(ours, data, seconds / rounds))
        lib_t.append(_time(library, data, seconds / rounds))
    a, b = statistics.median(ours_t), statistics.median(lib_t)
    print(f"  {name:<6} ours {1 / a:8.0f} tables/s ({a * 1000:6.2f} ms)   library alone {1 / b:8.0f}/s "
          f"({b * 1000:6.2f} ms)   ours/library {a / b:4.2f}×")
    return 1 / a


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=2.0, help="timing per reader, split over the rounds")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        except OSError:
            pass
    xlsx, xls, docx_data = make_xlsx(), make_xls(), make_docx()
    # the inputs are what they claim: one table each, the formula's saved result read
    doc = xlsx_document("b.xlsx", xlsx)
    assert len(doc.tables) == 1 and not doc.findings and len(doc.tables[0].rows) == len(_rows())
    assert doc.tables[0].rows[-1][7].text == "270"
    assert len(xls_document("b.xls", xls).tables) == 1
    assert len(docx_document("b.docx", docx_data).tables) == 1
    print(f"one 自评表 table per file ({len(_rows())} rows × 8 columns); python {sys.version.split()[0]}, one core")
    rates = [compare("xlsx", lambda d: xlsx_document("b.xlsx", d), _openpyxl, xlsx, args.rounds, args.seconds),
             compare("xls", lambda d: xls_document("b.xls", d), _xlrd, xls, args.rounds, args.seconds),
             compare("docx", lambda d: docx_document("b.docx", d), _docx_library, docx_data, args.rounds, args.seconds)]
    print("target ≥ 50 tables/s:", "met" if min(rates) >= 50 else "NOT met")


if __name__ == "__main__":
    main()
