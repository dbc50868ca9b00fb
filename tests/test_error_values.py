"""A formula's error value cached in a workbook (#DIV/0!, #N/A, #REF!) is no figure and no text of the
department's: the cell is read as unread (problem "error_value"), an info finding names the visible ones, and
nothing is accused of it (heldout96)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.engine import Auditor, Options
from jixiao.plugins.extractors.sheets import xlsx_document

openpyxl = pytest.importorskip("openpyxl")

CORPUS = Path(__file__).resolve().parent / "corpus" / "heldout96"


def _workbook(path: Path) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    ws["A1"], ws["B1"], ws["C1"] = "资金来源", "全年预算数", "执行率"
    ws["A2"], ws["B2"], ws["C2"] = "财政拨款", 100, 0.95
    ws["A3"], ws["B3"], ws["C3"] = "其他资金", 0, "#DIV/0!"  # (openpyxl stores it as an error value, t="e")
    ws["A4"], ws["B4"] = "实施单位", "#N/A"
    ws["D2"] = "#REF!"
    ws.column_dimensions["D"].hidden = True
    wb.save(str(path))
    return path.read_bytes()


def test_error_values_are_cells_with_nothing_read_and_an_info_names_the_visible_ones(tmp_path):
    data = _workbook(tmp_path / "form.xlsx")
    document = xlsx_document("form.xlsx", data)
    [table] = document.tables
    texts = {(r, c): (cell.text, cell.problem) for r, row in enumerate(table.rows) for c, cell in enumerate(row)}
    assert texts[(2, 2)] == ("", "error_value") and texts[(3, 1)] == ("", "error_value")
    assert texts[(1, 2)][0] == "95.00%" or texts[(1, 2)][0].startswith("0.95")
    [note] = [f for f in document.findings if f.values.get("problem") == "error_value"]
    assert (note.rule_id, note.category, note.severity) == ("JX-EXTRACTION", "extraction", "info")
    assert note.values["cells"] == ["C3", "B4"]  # D2 is in a hidden column: not named
    assert note.message.startswith("表“自评表”的 C3、B4 显示公式错误值（#DIV/0!、#N/A）")
    english = xlsx_document("form.xlsx", data, "en").findings
    assert any("C3, B4" in f.message and "#DIV/0!, #N/A" in f.message for f in english)


def test_a_form_with_error_values_reads_them_as_unstated_and_accuses_nothing():
    [source] = CORPUS.glob("shanxi-pingyao-*.xlsx")
    result = Auditor(Options()).check_path(str(source))
    assert not [f for f in result.findings if f.severity in ("error", "warning")]
    report = result.report
    project = report["projects"][0]
    assert "implementer" not in project  # #N/A
    assert all(i.get("target") != "#REF!" for i in project["indicators"])
    [note] = [f for f in result.findings if f.values.get("problem") == "error_value"]
    assert note.severity == "info" and "#N/A" in note.message and "#REF!" in note.message
