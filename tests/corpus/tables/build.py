#!/usr/bin/env python3
"""Build the 自评表 table corpus.

Reads the content specs in ``specs/NAME.yaml`` (the tables' rows, as displayed) and writes, next to this
script, each document ``NAME.<format>`` (docx, xlsx, xls, pdf or txt) and its sidecar ``NAME.expected``.

    .venv/bin/python tests/corpus/tables/build.py            # every spec
    .venv/bin/python tests/corpus/tables/build.py NAME ...   # some

Spec format (see any file in specs/):

- ``format``, ``description``, ``kind``, ``fiscal_year``, ``fault`` (one line for the README; ``clean`` if
  none), ``tempting`` (non-faults a checker might wrongly flag), ``findings`` (``must``, ``must_not``),
  ``options`` (renderer options, below), optional ``prose`` (title, paragraphs, fields, absent) for a report
  whose text precedes its tables, and ``tables``.
- a table: ``type`` (project | department), ``style`` (national | sichuan | department), ``name``,
  ``supervisor``, ``implementer``, ``funds`` (``total`` and ``rows``: dicts with i = 年初, a = 全年/调整后,
  e = 执行, w = 分值/权重, r = 执行率, s = 得分; ``reason`` = the 原因 column of the Sichuan form),
  ``goal``, ``achieved``, optional ``tasks`` (department: 年度主要任务), ``indicators`` and ``total``
  (w, s), ``grade``.
- an indicator, national/department: [一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因];
  sichuan: [一级, 二级, 三级, 指标性质, 指标值, 度量单位, 调整后指标值, 完成值, 权重, 得分, 未完成原因分析].
  An empty 一级/二级 repeats the one above (and the cells are merged).
- a value written ``'18.50`` (leading apostrophe) is stored as text in spreadsheets.

Everything displayed comes from the spec; the sidecar's fields are derived from the same spec.
"""
from __future__ import annotations

import io
import random
import re
import sys
import zipfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SPECS = HERE / "specs"

NUM_RE = re.compile(r"^-?\d+(?:\.(\d+))?$")
PCT_RE = re.compile(r"^(\d+(?:\.(\d+))?)%$")

TITLES = {
    "national": "项目支出绩效自评表",
    "sichuan": "部门预算项目支出绩效自评表",
    "department": "部门整体支出绩效自评表",
}


# ----------------------------------------------------------------------------------------------- grid model
class Grid:
    """A table as placed cells: (row, col, rowspan, colspan, text, kind). Covered positions hold nothing."""

    def __init__(self, ncols: int):
        self.ncols = ncols
        self.cells: list[dict] = []
        self.nrows = 0
        self.marks: dict = {}

    def add(self, r, c, text, rs=1, cs=1, kind="label"):
        text = "" if text is None else str(text)
        cell = dict(r=r, c=c, rs=rs, cs=cs, text=text, kind=kind)
        self.cells.append(cell)
        self.nrows = max(self.nrows, r + rs)
        return cell

    def row(self, r):
        return sorted((x for x in self.cells if x["r"] == r), key=lambda x: x["c"])

    def vcovered(self, r, c):
        """The cell spanning down over (r, c) from a row above, if (r, c) is its first column."""
        for x in self.cells:
            if x["r"] < r < x["r"] + x["rs"] and x["c"] == c:
                return x
        return None

    def slice(self, r0, r1):
        g = Grid(self.ncols)
        for x in self.cells:
            if r0 <= x["r"] < r1:
                assert x["r"] + x["rs"] <= r1, "a span crosses the slice"
                y = dict(x)
                y["r"] -= r0
                g.cells.append(y)
        g.nrows = r1 - r0
        return g


def shown(text: str) -> str:
    """The text as displayed (a leading apostrophe only marks text storage in spreadsheets)."""
    return text[1:] if text.startswith("'") else text


def fill_levels(indicators, n_head):
    """Carry 一级/二级 down where the spec leaves them empty."""
    out, l1, l2 = [], "", ""
    for ind in indicators:
        ind = [("" if v is None else str(v)) for v in ind]
        if ind[0]:
            l1, l2 = ind[0], ""
        if ind[1]:
            l2 = ind[1]
        ind[0], ind[1] = l1, l2
        out.append(ind)
    return out


def runs(values):
    """[(start, length)] of runs of equal consecutive values."""
    res, i = [], 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and values[j + 1] == values[i]:
            j += 1
        res.append((i, j - i + 1))
        i = j + 1
    return res


def add_indicators(g, r0, inds, cols, c_label=0, label="绩效指标", header=None):
    """Indicator block at row r0: header row, then one row per indicator; level 1/2 merged vertically."""
    n = len(inds)
    g.add(r0, c_label, label, rs=n + 1)
    for k, h in enumerate(header):
        g.add(r0, cols[k], h)
    g.marks["ind_header_row"] = r0
    l1s = [i[0] for i in inds]
    for start, ln in runs(l1s):
        g.add(r0 + 1 + start, cols[0], l1s[start], rs=ln)
        l2s = [(i[0], i[1]) for i in inds[start:start + ln]]
        for s2, ln2 in runs(l2s):
            g.add(r0 + 1 + start + s2, cols[1], l2s[s2][1], rs=ln2)
    g.marks["ind_rows"] = []
    for k, ind in enumerate(inds):
        r = r0 + 1 + k
        g.marks["ind_rows"].append(r)
        for j, v in enumerate(ind[2:], start=2):
            kind = "num" if header[j] in ("分值", "得分", "权重") else "text"
            g.add(r, cols[j], v, kind=kind)
    return r0 + 1 + n


def grid_national(t):
    """财预〔2020〕10号 项目支出绩效自评表 (9 columns); also the department variant."""
    dept = t["type"] == "department"
    g = Grid(9)
    r = 0
    if dept:
        g.add(r, 0, "部门（单位）名称")
        g.add(r, 1, t["name"], cs=8, kind="text")
        r += 1
    else:
        g.add(r, 0, "项目名称")
        g.add(r, 1, t["name"], cs=8, kind="text")
        g.add(r + 1, 0, "主管部门")
        g.add(r + 1, 1, t["supervisor"], cs=4, kind="text")
        g.add(r + 1, 5, "实施单位")
        g.add(r + 1, 6, t["implementer"], cs=3, kind="text")
        r += 2
    f = t["funds"]
    rows = f.get("rows", [])
    g.add(r, 0, f.get("label", "部门资金（万元）" if dept else "项目资金（万元）"), rs=2 + len(rows))
    g.add(r, 1, "", cs=2)
    for k, h in enumerate(["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]):
        g.add(r, 3 + k, h)
    r += 1
    tot = f["total"]
    g.add(r, 1, tot.get("label", "年度资金总额"), cs=2)
    g.marks["total_row"] = r
    for k, key in enumerate("iaewrs"):
        g.add(r, 3 + k, tot.get(key, ""), kind="num")
    g.marks["cols"] = dict(i=3, a=4, e=5, w=6, r=7, s=8)
    g.marks["fund_rows"] = []
    dash = f.get("dash", "—")
    for k, fr in enumerate(rows):
        r += 1
        lab = fr["label"]
        if k == 0:
            lab = f.get("first_prefix", "其中：") + lab
        g.add(r, 1, lab, cs=2)
        g.marks["fund_rows"].append(r)
        for j, key in enumerate("iaewrs"):
            if key in "wrs":
                g.add(r, 3 + j, fr.get(key, dash), kind="num")
            else:
                g.add(r, 3 + j, fr.get(key, ""), kind="num")
    r += 1
    if dept and t.get("tasks"):
        tasks = t["tasks"]
        g.add(r, 0, "年度主要任务", rs=1 + len(tasks))
        g.add(r, 1, "任务名称", cs=3)
        g.add(r, 4, "主要内容及完成情况", cs=5)
        for k, (nm, ct) in enumerate(tasks):
            g.add(r + 1 + k, 1, nm, cs=3, kind="text")
            g.add(r + 1 + k, 4, ct, cs=5, kind="text")
        r += 1 + len(tasks)
    g.add(r, 0, "年度总体目标", rs=2)
    g.add(r, 1, "预期目标", cs=4)
    g.add(r, 5, "实际完成情况", cs=4)
    g.add(r + 1, 1, t["goal"], cs=4, kind="text")
    g.add(r + 1, 5, t["achieved"], cs=4, kind="text")
    g.marks["goal_row"] = r + 1
    r += 2
    inds = fill_levels(t["indicators"], 8)
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    r = add_indicators(g, r, inds, cols=list(range(1, 9)), header=header)
    g.marks["ind_w_col"], g.marks["ind_s_col"] = 6, 7
    g.add(r, 0, "总分", cs=6)
    g.add(r, 6, t["total"]["w"], kind="num")
    g.add(r, 7, t["total"]["s"], kind="num")
    g.add(r, 8, "")
    g.marks["total_score"] = (r, 7)
    g.marks["total_w"] = (r, 6)
    r += 1
    if t.get("grade") is not None:
        g.add(r, 0, "自评等级", cs=6)
        g.add(r, 6, t["grade"], cs=3, kind="text")
        r += 1
    return g


def grid_sichuan(t):
    """Sichuan-style 部门预算项目支出绩效自评表: 指标性质 | 指标值 | 度量单位 [| 调整后指标值] columns."""
    adj = bool(t.get("adjusted_column"))
    n = 12 if adj else 11
    g = Grid(n)
    g.add(0, 0, "项目名称")
    g.add(0, 1, t["name"], cs=n - 1, kind="text")
    g.add(1, 0, "主管部门")
    g.add(1, 1, t["supervisor"], cs=5, kind="text")
    g.add(1, 6, "实施单位")
    g.add(1, 7, t["implementer"], cs=n - 7, kind="text")
    r = 2
    f = t["funds"]
    rows = f.get("rows", [])
    g.add(r, 0, f.get("label", "项目资金（万元）"), rs=2 + len(rows))
    g.add(r, 1, "", cs=2)
    for k, h in enumerate(["年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"]):
        g.add(r, 3 + k, h)
    g.add(r, 9, "原因", cs=n - 9)
    r += 1
    tot = f["total"]
    g.add(r, 1, tot.get("label", "总额"), cs=2)
    g.marks["total_row"] = r
    order = "iaerws"  # 年初 调整后 执行 执行率 权重 得分
    for k, key in enumerate(order):
        g.add(r, 3 + k, tot.get(key, ""), kind="num")
    g.add(r, 9, f.get("reason", ""), cs=n - 9, kind="text")
    g.marks["cols"] = dict(i=3, a=4, e=5, r=6, w=7, s=8)
    g.marks["fund_rows"] = []
    for k, fr in enumerate(rows):
        r += 1
        lab = fr["label"]
        if k == 0:
            lab = f.get("first_prefix", "其中：") + lab
        g.add(r, 1, lab, cs=2)
        g.marks["fund_rows"].append(r)
        for j, key in enumerate(order):
            g.add(r, 3 + j, fr.get(key, ""), kind="num")
        g.add(r, 9, "", cs=n - 9)
    r += 1
    g.add(r, 0, "年度目标", rs=2)
    g.add(r, 1, "预期目标", cs=5)
    g.add(r, 6, "实际完成目标", cs=n - 6)
    g.add(r + 1, 1, t["goal"], cs=5, kind="text")
    g.add(r + 1, 6, t["achieved"], cs=n - 6, kind="text")
    g.marks["goal_row"] = r + 1
    r += 2
    inds = fill_levels(t["indicators"], 10)
    header = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "调整后指标值", "完成值", "权重",
              "得分", "未完成原因分析"]
    if not adj:
        inds = [i[:6] + i[7:] for i in inds]
        header = header[:6] + header[7:]
    r = add_indicators(g, r, inds, cols=list(range(1, n)), header=header)
    wcol = header.index("权重") + 1
    g.marks["ind_w_col"], g.marks["ind_s_col"] = wcol, wcol + 1
    g.add(r, 0, "合计", cs=wcol)
    g.add(r, wcol, t["total"]["w"], kind="num")
    g.add(r, wcol + 1, t["total"]["s"], kind="num")
    g.add(r, wcol + 2, "", cs=n - wcol - 2)
    g.marks["total_score"] = (r, wcol + 1)
    r += 1
    if t.get("grade") is not None:
        g.add(r, 0, "自评等级", cs=wcol)
        g.add(r, wcol, t["grade"], cs=n - wcol, kind="text")
    return g


def build_grid(t):
    return grid_sichuan(t) if t.get("style") == "sichuan" else grid_national(t)


def title_lines(t, year):
    lines = []
    if t.get("caption"):
        lines.append(t["caption"])
    lines.append(t.get("title", TITLES["department" if t["type"] == "department" else t.get("style", "national")]))
    lines.append(f"（{year}年度）")
    return lines


# ----------------------------------------------------------------------------------------------- TXT
def txt_rows(g, mode, sep=" "):
    out = []
    for r in range(g.nrows):
        if mode == "pipes":
            parts = []
            for c in range(g.ncols):
                here = [x for x in g.cells if x["r"] == r and x["c"] == c]
                if here:
                    parts.append(shown(here[0]["text"]))
                elif g.vcovered(r, c):
                    parts.append("")
            out.append("| " + " | ".join(parts) + " |")
        else:
            texts = [shown(x["text"]) for x in g.row(r) if shown(x["text"])]
            if mode == "cells":
                out.extend(texts)
            else:
                if texts:
                    out.append(sep.join(texts))
    return out


def write_txt(path, spec):
    o = spec.get("options", {})
    mode = o.get("txt_mode", "spaces")
    sep = o.get("txt_sep", " ")
    lines = []
    if spec.get("prose"):
        lines += [spec["prose"]["title"], ""] + [p for p in spec["prose"]["paragraphs"]] + [""]
    page = 1
    for ti, t in enumerate(spec["tables"]):
        if ti and o.get("txt_table_page_break", True):
            page += 1
            lines += ["", f"- {page} -", ""] if o.get("txt_page_numbers") else [""]
        lines += title_lines(t, spec["fiscal_year"])
        g = build_grid(t)
        brk = t.get("txt_break_after_indicator")
        if brk is None:
            lines += txt_rows(g, mode, sep)
        else:
            cut = g.marks["ind_rows"][brk - 1] + 1
            first = _rows_range(g, 0, cut, mode, sep)
            rest = _rows_range(g, cut, g.nrows, mode, sep)
            head = _rows_range(g, g.marks["ind_header_row"], g.marks["ind_header_row"] + 1, mode, sep,
                               skip_col0=True)
            page += 1
            lines += first + ["", f"- {page} -", ""] + head + rest
    if o.get("txt_page_numbers"):
        page_end = o.get("txt_final_page_number")
        if page_end:
            lines += ["", page_end]
    text = "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")


def _rows_range(g, r0, r1, mode, sep, skip_col0=False):
    """Rows r0..r1-1 of g as text (spans starting above r0 count as covered)."""
    sub = Grid(g.ncols)
    for x in g.cells:
        if r0 <= x["r"] < r1:
            if skip_col0 and x["c"] == 0:
                continue
            y = dict(x)
            y["r"] -= r0
            y["rs"] = min(y["rs"], r1 - x["r"])
            sub.cells.append(y)
        elif x["r"] < r0 < x["r"] + x["rs"] and mode == "pipes":
            # a vertical span from an earlier page: covered
            y = dict(x, r=-1, rs=x["r"] + x["rs"] - r0 + 1)
            sub.cells.append(y)
    sub.nrows = r1 - r0
    rows = txt_rows(sub, mode, sep)
    return rows


# ----------------------------------------------------------------------------------------------- DOCX
def write_docx(path, spec):
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    o = spec.get("options", {})
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "宋体"
    st.font.size = Pt(10.5)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    sec = doc.sections[0]
    sec.left_margin = sec.right_margin = Cm(2)
    if o.get("landscape"):
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = sec.page_height, sec.page_width

    def para(text, bold=False, center=False, size=None):
        p = doc.add_paragraph()
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return p

    if spec.get("prose"):
        pr = spec["prose"]
        para(pr["title"], bold=True, center=True, size=16)
        for ptxt in pr["paragraphs"]:
            if re.match(r"^[一二三四五六七八九十]+、", ptxt):
                para(ptxt, bold=True)
            elif ptxt.startswith("@right "):
                p = para(ptxt[7:])
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                p = para(ptxt)
                p.paragraph_format.first_line_indent = Pt(21)
    for ti, t in enumerate(spec["tables"]):
        if ti or spec.get("prose"):
            doc.add_page_break()
        tl = title_lines(t, spec["fiscal_year"])
        if t.get("caption"):
            para(tl.pop(0))
        para(tl[0], bold=True, center=True, size=14)
        para(tl[1], center=True)
        g = build_grid(t)
        parts = [g]
        if t.get("docx_split_indicators"):
            h = g.marks["ind_header_row"]
            parts = [g.slice(0, h), g.slice(h, g.nrows)]
        for pi, part in enumerate(parts):
            table = doc.add_table(rows=part.nrows, cols=part.ncols)
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for x in part.cells:
                cell = table.cell(x["r"], x["c"])
                if x["rs"] > 1 or x["cs"] > 1:
                    cell = cell.merge(table.cell(x["r"] + x["rs"] - 1, x["c"] + x["cs"] - 1))
                cell.text = shown(x["text"])
                for p in cell.paragraphs:
                    if x["kind"] != "text" or len(x["text"]) < 12:
                        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    for run in p.runs:
                        run.font.size = Pt(9)
            if len(parts) > 1 and pi == 1 and t.get("docx_split_indicators"):
                # the indicator header row repeats on every page the table reaches
                tr = table.rows[0]._tr
                trPr = tr.get_or_add_trPr()
                el = OxmlElement("w:tblHeader")
                el.set(qn("w:val"), "true")
                trPr.append(el)
        if t.get("note"):
            para(t["note"])
    doc.core_properties.title = spec.get("doc_title", spec["tables"][0]["name"])
    doc.save(path)


# ----------------------------------------------------------------------------------------------- spreadsheets
def cell_value(x):
    """(value, number_format) for a grid cell: numbers in number columns become numbers."""
    text = x["text"]
    if text.startswith("'"):
        return text[1:], "@"
    if x["kind"] == "num":
        m = NUM_RE.match(text)
        if m:
            d = len(m.group(1) or "")
            v = float(text) if d else int(text)
            return v, ("0." + "0" * d) if d else "General"
        m = PCT_RE.match(text)
        if m:
            d = len(m.group(2) or "")
            frac = x.get("fraction")
            v = frac if frac is not None else round(float(m.group(1)) / 100, d + 2)
            return v, "0%" if d == 0 else "0." + "0" * d + "%"
    return text, None


def xl_col(c):
    s = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        s = chr(65 + rem) + s
    return s


def write_xlsx(path, spec):
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, Side

    wb = openpyxl.Workbook()
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    cached = []  # (sheet index, ref, cached value text)
    for ti, t in enumerate(spec["tables"]):
        ws = wb.active if ti == 0 else wb.create_sheet()
        ws.title = t.get("sheet", f"Sheet{ti + 1}")
        g = build_grid(t)
        tl = title_lines(t, spec["fiscal_year"])
        for k, line in enumerate(tl):
            ws.cell(k + 1, 1, line)
            ws.merge_cells(start_row=k + 1, start_column=1, end_row=k + 1, end_column=g.ncols)
            ws.cell(k + 1, 1).alignment = Alignment(horizontal="center")
            ws.cell(k + 1, 1).font = Font(name="宋体", bold=(k == len(tl) - 2), size=14 if k == len(tl) - 2 else 11)
        off = len(tl) + 1
        pos = {}
        for x in g.cells:
            r, c = x["r"] + off, x["c"] + 1
            if x["rs"] > 1 or x["cs"] > 1:
                ws.merge_cells(start_row=r, start_column=c, end_row=r + x["rs"] - 1, end_column=c + x["cs"] - 1)
            for rr in range(r, r + x["rs"]):
                for cc in range(c, c + x["cs"]):
                    ws.cell(rr, cc).border = border
            v, fmt = cell_value(x)
            if t.get("xlsx_rate_exact") and (x["r"], x["c"]) == (g.marks["total_row"], g.marks["cols"]["r"]):
                tot = t["funds"]["total"]
                v = float(shown(tot["e"])) / float(shown(tot["a"]))
            cell = ws.cell(r, c)
            cell.value = v if v != "" else None
            if isinstance(v, str) and v.startswith("="):
                cell.data_type = "s"  # a target such as =100% is text, not a formula
            if fmt:
                cell.number_format = fmt
            cell.font = Font(name="宋体", size=10)
            cell.alignment = Alignment(wrap_text=True, vertical="center",
                                       horizontal="left" if x["kind"] == "text" and len(v if isinstance(v, str) else "") > 12 else "center")
            pos[(x["r"], x["c"])] = f"{xl_col(x['c'])}{r}"
        # formulas
        for fdef in t.get("xlsx_formulas", []):
            what, has_cache = fdef["cell"], fdef.get("cached", True)
            cols = g.marks["cols"]
            if what.startswith("total."):
                key = what.split(".")[1]
                c = cols[key]
                tr = g.marks["total_row"]
                rows = g.marks["fund_rows"]
                ref = pos[(tr, c)]
                rng = f"{xl_col(c)}{rows[0] + off}:{xl_col(c)}{rows[-1] + off}"
                shown_v = t["funds"]["total"][key]
                ws[ref] = f"=SUM({rng})"
            elif what == "total_score":
                r, c = g.marks["total_score"]
                ref = pos[(r, c)]
                sc = g.marks["ind_s_col"]
                ir = g.marks["ind_rows"]
                rate_ref = pos[(g.marks["total_row"], cols["s"])]
                ws[ref] = f"={rate_ref}+SUM({xl_col(sc)}{ir[0] + off}:{xl_col(sc)}{ir[-1] + off})"
                shown_v = t["total"]["s"]
            else:
                raise ValueError(what)
            if has_cache:
                cached.append((ti, ref, fdef.get("value", shown_v)))
        widths = t.get("xlsx_widths") or ([14, 10, 10, 22, 14, 14, 8, 8, 26] if g.ncols == 9 else
                                          [12] + [10] * (g.ncols - 2) + [24])
        for k, w in enumerate(widths[:g.ncols]):
            ws.column_dimensions[xl_col(k)].width = w
    wb.save(path)
    if cached:
        add_cached_values(path, cached)


def add_cached_values(path, cached):
    """openpyxl writes formulas without results; put Excel's cached <v> into each formula cell."""
    data = Path(path).read_bytes()
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            m = re.match(r"xl/worksheets/sheet(\d+)\.xml$", item.filename)
            if m:
                si = int(m.group(1)) - 1
                xml = body.decode("utf-8")
                for ti, ref, val in cached:
                    if ti != si:
                        continue
                    pat = re.compile(rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)<v\s*(?:/>|></v>)')
                    num = repr(float(val)) if "." in val else val
                    num = num[:-2] if num.endswith(".0") else num
                    xml, n = pat.subn(lambda mm, num=num: f"{mm.group(1)}{mm.group(2)}<v>{num}</v>", xml)
                    if n != 1:
                        raise RuntimeError(f"formula cell {ref} not found in sheet {si + 1}")
                body = xml.encode("utf-8")
            zout.writestr(item, body)
    Path(path).write_bytes(out.getvalue())


def write_xls(path, spec):
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    styles = {}

    def style(fmt, center=True, bold=False, border=True, size=200):
        key = (fmt, center, bold, border, size)
        if key not in styles:
            s = xlwt.XFStyle()
            f = xlwt.Font()
            f.name = "宋体"
            f.bold = bold
            f.height = size
            s.font = f
            al = xlwt.Alignment()
            al.horz = xlwt.Alignment.HORZ_CENTER if center else xlwt.Alignment.HORZ_LEFT
            al.vert = xlwt.Alignment.VERT_CENTER
            al.wrap = 1
            s.alignment = al
            if border:
                b = xlwt.Borders()
                b.left = b.right = b.top = b.bottom = xlwt.Borders.THIN
                s.borders = b
            if fmt:
                s.num_format_str = fmt
            styles[key] = s
        return styles[key]

    for ti, t in enumerate(spec["tables"]):
        ws = wb.add_sheet(t.get("sheet", f"Sheet{ti + 1}"))
        g = build_grid(t)
        tl = title_lines(t, spec["fiscal_year"])
        for k, line in enumerate(tl):
            ws.write_merge(k, k, 0, g.ncols - 1, line, style(None, bold=(k == len(tl) - 2), border=False,
                                                            size=280 if k == len(tl) - 2 else 220))
        off = len(tl) + 1
        for x in g.cells:
            v, fmt = cell_value(x)
            s = style(fmt if fmt and fmt != "@" else None,
                      center=not (x["kind"] == "text" and isinstance(v, str) and len(v) > 12))
            r, c = x["r"] + off, x["c"]
            if x["rs"] > 1 or x["cs"] > 1:
                ws.write_merge(r, r + x["rs"] - 1, c, c + x["cs"] - 1, v, s)
            else:
                ws.write(r, c, v, s)
        widths = [14, 10, 10, 22, 14, 14, 8, 8, 26] if g.ncols == 9 else [12] + [10] * (g.ncols - 2) + [24]
        for k, w in enumerate(widths[:g.ncols]):
            ws.col(k).width = 256 * w
    wb.save(str(path))


# ----------------------------------------------------------------------------------------------- PDF
_FONT_OK = False


def _font():
    global _FONT_OK
    if not _FONT_OK:
        from reportlab import rl_config
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        rl_config.invariant = 1  # reproducible PDFs (fixed dates and ids)
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        _FONT_OK = True
    return "STSong-Light"


def lone_char(line: str) -> bool:
    """pdfium drops a text run of one non-ASCII character set in a non-embedded CID font (STSong-Light):
    such a run (a one-character cell such as 优, or the last line of a wrapped cell) gets a trailing
    no-break space so that the text layer keeps it."""
    line = line.strip()
    return len(line) == 1 and ord(line) > 127


def col_widths(g, total):
    if g.ncols == 9:
        rel = [1.2, 1.1, 1.1, 2.0, 1.6, 1.4, 0.8, 1.1, 2.0]
    else:
        rel = [1.1, 1.0, 1.0, 2.0] + [0.9] * (g.ncols - 6) + [0.8, 2.0]
    s = sum(rel)
    return [total * v / s for v in rel]


def pdf_table(g, width, fake_vspans=False, repeat=0, font_size=8, pad=2):
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    font = _font()
    ps = ParagraphStyle("c", fontName=font, fontSize=font_size, leading=font_size + 2, alignment=1)
    pl = ParagraphStyle("l", parent=ps, alignment=0)
    data = [["" for _ in range(g.ncols)] for _ in range(g.nrows)]
    cmds = [("FONT", (0, 0), (-1, -1), font, font_size), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), pad), ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
            ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
    widths = col_widths(g, width)
    for x in g.cells:
        txt = shown(x["text"])
        style = pl if (x["kind"] == "text" and len(txt) > 14) else ps
        if txt:
            cw = sum(widths[x["c"]:x["c"] + x["cs"]]) - 4
            para = Paragraph(txt, style)
            para.wrap(cw, 1e6)
            if any(lone_char("".join(w)) for _, w in para.blPara.lines):
                para = Paragraph(txt + "\u00a0", style)
            data[x["r"]][x["c"]] = para
        r2, c2 = x["r"] + x["rs"] - 1, x["c"] + x["cs"] - 1
        if x["cs"] > 1 or (x["rs"] > 1 and not fake_vspans):
            cmds.append(("SPAN", (x["c"], x["r"]), (c2, r2 if not fake_vspans else x["r"])))
        cmds.append(("BOX", (x["c"], x["r"]), (c2, r2), 0.6, colors.black))
        if x["rs"] > 1 and fake_vspans:
            cmds.append(("VALIGN", (x["c"], x["r"]), (c2, x["r"]), "TOP"))
    return Table(data, colWidths=col_widths(g, width), repeatRows=repeat, style=TableStyle(cmds))


def write_pdf(path, spec):
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    o = spec.get("options", {})
    if o.get("pdf_canvas_shuffled"):
        return write_pdf_shuffled(path, spec)
    font = _font()
    size = landscape(A4) if o.get("landscape") else A4
    doc = SimpleDocTemplate(str(path), pagesize=size, leftMargin=1.6 * cm, rightMargin=1.6 * cm,
                            topMargin=1.6 * cm, bottomMargin=1.8 * cm,
                            title=spec.get("doc_title", spec["tables"][0]["name"]))
    width = size[0] - 3.2 * cm
    h1 = ParagraphStyle("h1", fontName=font, fontSize=15, leading=20, alignment=1, spaceAfter=2)
    h2 = ParagraphStyle("h2", fontName=font, fontSize=10.5, leading=14, alignment=1, spaceAfter=6)
    body = ParagraphStyle("b", fontName=font, fontSize=10.5, leading=16, firstLineIndent=21)
    left = ParagraphStyle("l", fontName=font, fontSize=10.5, leading=14)
    story = []
    if spec.get("prose"):
        pr = spec["prose"]
        story += [Paragraph(pr["title"], h1)] + [Paragraph(p, body) for p in pr["paragraphs"]]
        story.append(PageBreak())

    def page_no(canvas, d):
        if o.get("pdf_page_numbers", True):
            canvas.saveState()
            canvas.setFont(font, 9)
            canvas.drawCentredString(size[0] / 2, 1.0 * cm, f"- {d.page} -")
            canvas.restoreState()

    for ti, t in enumerate(spec["tables"]):
        if ti and t.get("pdf_page_break_before", True):
            story.append(PageBreak())
        tl = title_lines(t, spec["fiscal_year"])
        if t.get("caption"):
            story.append(Paragraph(tl.pop(0), left))
        story += [Paragraph(tl[0], h1), Paragraph(tl[1], h2)]
        g = build_grid(t)
        if t.get("pdf_split_indicators"):
            h = g.marks["ind_header_row"]
            fs, pad = t.get("pdf_font_size", 8), t.get("pdf_padding", 2)
            story.append(pdf_table(g.slice(0, h), width, font_size=fs, pad=pad))
            if t.get("pdf_spacer"):
                story.append(Spacer(1, t["pdf_spacer"]))
            story.append(pdf_table(g.slice(h, g.nrows), width, fake_vspans=True, repeat=1, font_size=fs, pad=pad))
        else:
            story.append(pdf_table(g, width, font_size=t.get("pdf_font_size", 8), pad=t.get("pdf_padding", 2)))
    doc.build(story, onFirstPage=page_no, onLaterPages=page_no)


def wrap(text, font, size, width):
    from reportlab.pdfbase.pdfmetrics import stringWidth
    lines, cur = [], ""
    for ch in text:
        if stringWidth(cur + ch, font, size) > width and cur:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        lines.append(cur)
    return lines or [""]


def write_pdf_shuffled(path, spec):
    """Grid lines drawn first, then every cell's text in a scrambled order (the text layer is out of
    reading order; only the positions give the table)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.pdfgen import canvas as rl_canvas

    font = _font()
    o = spec.get("options", {})
    t = spec["tables"][0]
    g = build_grid(t)
    width = A4[0] - 3 * cm
    cw = col_widths(g, width)
    fs = 7.5
    lead = 9.5
    # row heights from wrapped text
    heights = [14.0] * g.nrows
    for x in g.cells:
        w = sum(cw[x["c"]:x["c"] + x["cs"]]) - 4
        n = len(wrap(shown(x["text"]), font, fs, w))
        need = n * lead + 5
        if x["rs"] == 1:
            heights[x["r"]] = max(heights[x["r"]], need)
    c = rl_canvas.Canvas(str(path), pagesize=A4)
    c.setTitle(spec.get("doc_title", t["name"]))
    x0, ytop = 1.5 * cm, A4[1] - 3.2 * cm
    tl = title_lines(t, spec["fiscal_year"])
    ys = [ytop]
    for h in heights:
        ys.append(ys[-1] - h)
    xs = [x0]
    for w in cw:
        xs.append(xs[-1] + w)
    c.setLineWidth(0.6)
    for x in g.cells:
        c.rect(xs[x["c"]], ys[x["r"] + x["rs"]], xs[x["c"] + x["cs"]] - xs[x["c"]], ys[x["r"]] - ys[x["r"] + x["rs"]])
    items = []
    for x in g.cells:
        txt = shown(x["text"])
        if not txt:
            continue
        w = xs[x["c"] + x["cs"]] - xs[x["c"]] - 4
        lines = wrap(txt, font, fs, w)
        top, bot = ys[x["r"]], ys[x["r"] + x["rs"]]
        block = len(lines) * lead
        y = (top + bot) / 2 + block / 2 - lead + 2.5
        if lone_char(lines[-1]):
            lines[-1] += "\u00a0"
        for ln in lines:
            items.append((xs[x["c"]] + 2, y, ln, x["kind"] == "text" and len(txt) > 12, w))
            y -= lead
    rnd = random.Random(o.get("shuffle_seed", 7))
    order = o.get("shuffle", "random")
    if order == "columns":
        items.sort(key=lambda it: (round(it[0]), it[1]))
    else:
        rnd.shuffle(items)
    c.setFont(font, 14)
    title_items = [(A4[0] / 2, ytop + 38, tl[-2], 14), (A4[0] / 2, ytop + 18, tl[-1], 10.5)]
    body_items = [("cell", it) for it in items]
    all_items = [("title", it) for it in title_items] + body_items
    rnd.shuffle(all_items)
    for kind, it in all_items:
        if kind == "title":
            c.setFont(font, it[3])
            c.drawCentredString(it[0], it[1], it[2])
        else:
            xx, yy, ln, left_align, w = it
            c.setFont(font, fs)
            if left_align:
                c.drawString(xx, yy, ln)
            else:
                c.drawCentredString(xx + w / 2, yy, ln)
    c.setFont(font, 9)
    c.drawCentredString(A4[0] / 2, 1.0 * cm, "- 1 -")
    c.showPage()
    c.save()


# ----------------------------------------------------------------------------------------------- sidecars
TARGET_RE = re.compile(r"^(≥|≤|=|>|<)\s*(\d+(?:\.\d+)?)\s*(.*)$")
DATE_RE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日(前|之前|以前)$")
OPS = {"≥": ">=", "≤": "<=", "=": "=", ">": ">", "<": "<"}


def parse_target(text):
    m = TARGET_RE.match(text)
    if m:
        return OPS[m.group(1)], m.group(2), m.group(3)
    if DATE_RE.match(text):
        return "by_date", None, None
    return "qualitative", None, None


def strip_amount(v):
    v = shown(str(v))
    return v[:-1] if v.endswith("%") else v


def table_fields(t, prefix, fields, absent, with_text=True):
    f = fields
    sich = t.get("style") == "sichuan"
    f[f"{prefix}/name"] = t["name"]
    if t["type"] != "department":
        f[f"{prefix}/supervisor"] = t["supervisor"]
        f[f"{prefix}/implementer"] = t["implementer"]
    tot = t["funds"]["total"]
    for key, name in (("i", "initial_budget"), ("a", "adjusted_budget"), ("e", "executed"),
                      ("r", "execution_rate"), ("w", "rate_weight"), ("s", "rate_score")):
        if tot.get(key, "") not in ("", "—"):
            f[f"{prefix}/{name}"] = strip_amount(tot[key])
        elif t.get("expect_absent_funds"):
            absent.append(f"{prefix}/{name}")
    if t["funds"].get("reason"):
        f[f"{prefix}/rate_deviation_reason"] = t["funds"]["reason"]
    for k, fr in enumerate(t["funds"].get("rows", [])):
        p = f"{prefix}/fund_rows/{k}"
        f[f"{p}/label"] = fr["label"]
        for key, name in (("i", "initial_budget"), ("a", "adjusted_budget"), ("e", "executed"),
                          ("r", "execution_rate")):
            if fr.get(key, "") not in ("", "—"):
                f[f"{p}/{name}"] = strip_amount(fr[key])
    if with_text:
        f[f"{prefix}/goal"] = t["goal"]
        f[f"{prefix}/goal_achieved"] = t["achieved"]
    inds = fill_levels(t["indicators"], 0)
    for j, ind in enumerate(inds):
        p = f"{prefix}/indicators/{j}"
        f[f"{p}/level1"] = ind[0]
        f[f"{p}/level2"] = ind[1]
        f[f"{p}/level3"] = ind[2]
        if sich:
            nature, value, unit, adj, actual, w, s, reason = ind[3:11]
            if nature == "定性":
                op, tv, tu = "qualitative", None, None
                f[f"{p}/nature"] = nature
            else:
                f[f"{p}/target"] = f"{nature}{value}{unit}"
                f[f"{p}/nature"] = nature
                if unit:
                    f[f"{p}/unit"] = unit
                op, tv, tu = parse_target(f"{nature}{value}{unit}")
            if adj:
                f[f"{p}/adjusted_target"] = adj
        else:
            target, actual, w, s, reason = ind[3:8]
            f[f"{p}/target"] = target
            op, tv, tu = parse_target(target)
        f[f"{p}/target_op"] = op
        if tv is not None:
            f[f"{p}/target_value"] = tv
        if tu:
            f[f"{p}/target_unit"] = tu
        f[f"{p}/actual"] = actual
        f[f"{p}/weight"] = shown(w)
        f[f"{p}/score"] = shown(s)
        if reason:
            f[f"{p}/deviation_reason"] = reason
        else:
            absent.append(f"{p}/deviation_reason")
    f[f"{prefix}/weight_total"] = shown(t["total"]["w"])
    if t["total"].get("s"):
        f[f"{prefix}/total_score"] = shown(t["total"]["s"])
    if t.get("grade") is not None:
        f[f"{prefix}/grade"] = t["grade"]


def sidecar(name, spec):
    fields = {"/kind": spec["kind"], "/fiscal_year": spec["fiscal_year"]}
    absent = []
    if spec.get("prose"):
        fields.update(spec["prose"].get("fields", {}))
        absent += spec["prose"].get("absent", [])
    pi = 0
    for t in spec["tables"]:
        if t["type"] == "department":
            prefix = "/department_table"
        else:
            prefix = f"/projects/{pi}"
            pi += 1
        table_fields(t, prefix, fields, absent, with_text=spec.get("options", {}).get("text_fields", True))
    for k in spec.get("absent_extra", []):
        absent.append(k)
        fields.pop(k, None)
    for k, v in spec.get("fields_override", {}).items():
        fields[k] = v
    findings = spec.get("findings", {})
    doc = {
        "description": spec["description"],
        "format": spec["format"],
        "findings": {
            "must": findings.get("must", []),
            "must_not": findings.get("must_not", []),
            "exhaustive": findings.get("exhaustive", True),
        },
        "fields": fields,
        "absent": absent,
    }
    head = f"# Expected findings and extracted values for {name}.{spec['format']}\n"
    head += f"# Generated by build.py from specs/{name}.yaml; edit the spec, not this file.\n"
    return head + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=200)


WRITERS = {"docx": write_docx, "xlsx": write_xlsx, "xls": write_xls, "pdf": write_pdf, "txt": write_txt}


def build(name):
    spec = yaml.safe_load((SPECS / f"{name}.yaml").read_text(encoding="utf-8"))
    out = HERE / f"{name}.{spec['format']}"
    WRITERS[spec["format"]](out, spec)
    (HERE / f"{name}.expected").write_text(sidecar(name, spec), encoding="utf-8")
    return out


def main(argv):
    names = argv or sorted(p.stem for p in SPECS.glob("*.yaml"))
    for n in names:
        out = build(n)
        print(f"wrote {out.relative_to(HERE)}")


if __name__ == "__main__":
    main(sys.argv[1:])
