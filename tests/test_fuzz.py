"""Fuzzing the loaders and extractors: whatever bytes arrive, a file gives a result, never an exception.

Runs briefly in CI; run longer by hand:

    JIXIAO_FUZZ_EXAMPLES=20000 python -m pytest tests/test_fuzz.py -q
"""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.engine import Auditor, Options
from jixiao.errors import InputError
from jixiao.jsonload import load_json
from jixiao.yamlsafe import load_yaml

EXAMPLES = int(os.environ.get("JIXIAO_FUZZ_EXAMPLES", "100"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_AUDITOR = {}

json_like = st.text(alphabet='{}[]":,0123456789.eE+-truefalsn \\u"\n优', max_size=200)
yaml_like = st.text(alphabet="ab:- &*!\n[]{}'\"#|>0123456789.优tag:yaml.org,2002python/", max_size=200)
prose = st.text(max_size=400) | st.lists(st.sampled_from([
    "年初预算", "199.09", "万元", "执行率", "84.9%", "项目支出共计", "６", "个", "“优”", "评优率", "2022 年 5 月 22 日",
    "一、", "部门概况", "\n", "\n\n", " ", "元", "1,234.00", "减少", "降低", "%", "（一）", "二十", "《", "》", "总工会",
]), max_size=80).map("".join)


def auditor() -> Auditor:
    return _AUDITOR.setdefault("a", Auditor(Options(timeout=5)))


@FUZZ
@given(json_like)
def test_json_loader_raises_only_input_errors(text):
    try:
        load_json(text, "f.json")
    except InputError:
        pass


@FUZZ
@given(yaml_like)
def test_yaml_loader_raises_only_input_errors(text):
    try:
        load_yaml(text, "f.yaml", max_nodes=10_000)
    except InputError:
        pass


@FUZZ
@given(st.binary(max_size=600), st.sampled_from([".json", ".yaml", ".txt", ".md", ".eml", ".pdf", ".docx", ".html", ".mht", ".png", ".tif",
                                                 ".odt", ".ods", ".fodt"]))
def test_any_bytes_in_any_file_type_give_a_result(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("f") / f"r{suffix}"
    path.write_bytes(data)
    result = auditor().check_path(str(path))
    assert result.source == str(path)
    assert not [f for f in result.findings if f.rule_id == "JX-INTERNAL"], result.findings


@FUZZ
@given(prose)
def test_prose_never_crashes_the_text_extractor(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("t") / "r.txt"
    path.write_text(text, encoding="utf-8")
    result = auditor().check_path(str(path))
    assert not [f for f in result.findings if f.category == "internal"], result.findings


# -- each extractor on damaged copies of a real document of its own type ------------------------------------
_SEEDS: dict[str, bytes] = {}


def _seed(suffix: str) -> bytes:
    """A real 自评表 of each type from the corpus (read once): the fuzzer damages copies of it."""
    if suffix not in _SEEDS:
        from pathlib import Path

        folder = Path(__file__).resolve().parent / "corpus" / "tables"
        names = {".docx": "docx-national-clean.docx", ".xlsx": "xlsx-national-clean.xlsx", ".xls": "xls-national-clean.xls",
                 ".pdf": "pdf-grid-clean.pdf", ".txt": "txt-spaces-clean.txt", ".html": "../../data/web/hexi-farmland-2023.html"}
        _SEEDS[suffix] = (folder / names[suffix]).read_bytes()
    return _SEEDS[suffix]


@pytest.mark.slow
@FUZZ
@given(st.sampled_from([".docx", ".xlsx", ".xls", ".pdf", ".txt", ".html"]),
       st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=12),
       st.one_of(st.none(), st.floats(0.05, 1)))
def test_each_extractor_on_damaged_copies_of_its_own_documents(tmp_path_factory, suffix, flips, cut):
    """Flipped bytes and cut-off files of every table format: each gives a result (read, or an `input` /
    `extraction` finding), never an exception and never an internal error."""
    data = bytearray(_seed(suffix))
    for where, value in flips:
        data[int(where * len(data))] = value
    if cut is not None:
        data = data[: max(1, int(cut * len(data)))]
    path = tmp_path_factory.mktemp("fuzz") / f"damaged{suffix}"
    path.write_bytes(bytes(data))
    result = auditor().check_path(str(path))
    assert result is not None
    assert not [f for f in result.findings if f.category == "internal" and f.rule_id != "JX-TIMEOUT"], \
        [f.message for f in result.findings]


# -- the web-page reader on tag soup ---------------------------------------------------------------------------
_MARKUP = ["<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", '<td rowspan="3">', '<td colspan="2">',
           '<td rowspan="0" colspan="0">', '<td rowspan="x">', "<p>", "</p>", "<br>", "<div hidden>", "</div>", "<div>",
           '<p style="display:none">', "<script>", "</script>", "<pre>", "</pre>", "<tbody>", "</tbody>", "<!--", "-->",
           "&nbsp;", "&#12290;", "&bogus;", "年度资金总额", "1,380.00", "95.00%", "得分", "<", ">", "\n", "  "]


@FUZZ
@given(st.lists(st.sampled_from(_MARKUP), max_size=60))
def test_the_page_reader_takes_any_tag_soup(tokens):
    from jixiao.plugins.extractors.html import html_document

    document = html_document("soup.html", "".join(tokens).encode())
    for table in document.tables:
        assert all(len(row) == table.width for row in table.rows)
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                top, left = cell.origin
                assert top <= r < top + cell.rowspan and left <= c < left + cell.colspan
    assert all(line.text.strip() and "\n" not in line.text for line in document.prose)


# -- the 自评表 reader on tables of any shape -------------------------------------------------------------------
_CELL_WORDS = ["项目名称", "主管部门", "实施单位", "项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
               "年度资金总额", "其中：当年财政拨款", "上年结转资金", "年度总体目标", "预期目标", "实际完成情况", "绩效指标", "一级指标",
               "二级指标", "三级指标", "年度指标值", "实际完成值", "偏差原因分析及改进措施", "产出指标", "数量指标", "效益指标",
               "满意度指标", "总分", "合计", "自评等级", "优", "良", "项目", "序号", "自评得分", "汇总表", "≥20公里", "21公里", "100",
               "96.5%", "9.65", "10", "50", "—", "", "", "2024年6月30日", "前", "第 3 页 共 10 页", "评分", "权重", "计划值"]
_TABLES = st.lists(st.lists(st.lists(st.sampled_from(_CELL_WORDS), min_size=1, max_size=10), min_size=1, max_size=12),
                   min_size=1, max_size=5)


@FUZZ
@given(_TABLES)
def test_the_form_reader_takes_tables_of_any_shape(grids):
    """Tables in a row, each of any width and any ragged rows, made of a 自评表's words and figures: the reader gives
    what it can and never raises (heldout23: a table narrower than the form it went on with raised an IndexError)."""
    from jixiao.plugins.extractors.selftable import read_tables
    from jixiao.plugins.extractors.tables import Cell, Table

    tables = []
    for index, grid in enumerate(grids, start=1):
        width = max(len(row) for row in grid)
        rows = [[Cell(text, {}, (r, c)) for c, text in enumerate(row + [""] * (width - len(row)))]
                for r, row in enumerate(grid)]
        tables.append(Table(rows=rows, index=index))
    read_tables(tables)
