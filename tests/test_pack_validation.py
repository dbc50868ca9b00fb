"""Pack validation that finds every mistake in one run (issue 11): YAML slips explained, unknown keys,
pointers against the report schema, message placeholders, overrides by prefix and category, and
inherited rule tests after an override — through the real CLI and `jixiao.load_pack`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import jixiao
from jixiao.errors import PackError
from jixiao.packcheck import validate, walk_report_schema
from jixiao.packs import PackLibrary
from jixiao.pluginmanager import default_plugins

from conftest import EXAMPLE_JSON, ROOT

RULE = """\
  - id: QL-RATE-001
    kind: compare
    severity: warning
    left: /projects_summary/execution_rate
    op: ">="
    value: 90
    message:
      zh: "项目支出执行率 {left}% 低于 90%"
      en: "Project execution rate {left}% is below 90%"
    tests:
      fail: [{projects_summary: {execution_rate: 54.27}}]
      pass: [{projects_summary: {execution_rate: 95.00}}]
"""


def pack_text(rules: str = RULE, head: str = "", overrides: str = "") -> str:
    text = 'pack: qinglong\nversion: "1"\nextends: [national]\n' + head + "rules:\n" + rules
    return text + ("overrides:\n" + overrides if overrides else "")


def write(tmp_path: Path, text: str, name: str = "qinglong.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path, lang: str = "en") -> list[str]:
    with pytest.raises(PackError) as caught:
        jixiao.load_pack(path)
    return [p.render(lang) for p in caught.value.problems]


def validated(cli, path: Path, *extra: str):
    return cli("rules", "validate", str(path), *extra)


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# -- a clean pack, the built-in packs --------------------------------------------------------------

def test_a_clean_pack_validates(cli, tmp_path):
    path = write(tmp_path, pack_text())
    result = validated(cli, path)
    assert result.exit_code == 0, result.output
    assert "通过" in result.output and "qinglong" in result.output
    assert validated(cli, path, "--lang", "en").output.count("OK") == 1
    assert "QL-RATE-001" in jixiao.load_pack(path).rules


def test_every_builtin_pack_validates_clean(cli):
    library = PackLibrary(default_plugins())
    names = library.available()
    for name in names:
        resolved, found = validate(PackLibrary(default_plugins()), name)
        assert resolved is not None and found == [], (name, [p.render("en") for p in found])
    result = cli("rules", "validate", *names)
    assert result.exit_code == 0, result.output


def test_every_builtin_kind_declares_its_message_values_and_the_docs_list_them():
    text = (ROOT / "docs" / "pack-validation.md").read_text(encoding="utf-8")
    for kind in default_plugins().kinds.values():
        if not kind.module.startswith("jixiao.plugins."):
            continue
        assert kind.values, kind.name
        row = next(line for line in text.splitlines() if line.startswith(f"| `{kind.name}` |"))
        assert set(re.findall(r"`\{(\w+)\}`", row)) == set(kind.values), kind.name


def test_the_documented_override_example_validates(cli, tmp_path):
    text = (ROOT / "docs" / "pack-validation.md").read_text(encoding="utf-8")
    example = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = write(tmp_path, 'pack: doc\nversion: "1"\n' + example, "doc.yaml")
    result = validated(cli, path)
    assert result.exit_code == 0, result.output


# -- pointers --------------------------------------------------------------------------------------

def test_a_misspelt_pointer_is_an_error_with_did_you_mean(cli, tmp_path):
    text = pack_text(RULE.replace("/projects_summary/execution_rate", "/projects_summary/executon_rate"))
    path = write(tmp_path, text)
    line = line_of(text, "executon_rate")
    result = validated(cli, path, "--lang", "en")
    assert result.exit_code == 2
    assert f"{path}:{line}:11: rule QL-RATE-001: 'left': pointer /projects_summary/executon_rate cannot exist" in result.output
    assert "did you mean /projects_summary/execution_rate?" in result.output
    zh = validated(cli, path).output
    assert f"{path}:{line}:11：规则 QL-RATE-001：" in zh and "您是不是要写 /projects_summary/execution_rate？" in zh
    # the same through --pack: the pack is refused before any report is read
    checked = cli("check", EXAMPLE_JSON, "--pack", path)
    assert checked.exit_code == 2 and "executon_rate" in checked.output


def test_pointers_with_stars_inside_lists_and_mappings(tmp_path):
    rules = """\
  - id: QL-SUM-001
    kind: sum
    total: /projects/*/executed
    parts: [/projects/*/fund_rows/*/executd]
    labels: {project: /projects/*/nmae}
    message: {zh: "{project}：{stated} ≠ {computed}"}
  - id: QL-TPL-001
    kind: template_text
    fields: [{pointer: /projects/*/indicators/*/actaul, column: 实际完成值}]
    patterns: [请填写]
    message: {zh: "{cell}"}
  - id: QL-COL-001
    kind: column_sum
    total: "/projects/*/{column}"
    parts: ["/projects/*/fund_rows/*/{column}"]
    columns: [executed, adjusted_budgt]
    message: {zh: "{column}"}
"""
    found = problems(write(tmp_path, pack_text(rules)))
    assert any("'parts/0'" in m and "did you mean /projects/*/fund_rows/*/executed?" in m for m in found), found
    assert any("'labels/project'" in m and "did you mean /projects/*/name?" in m for m in found), found
    assert any("'fields/0/pointer'" in m and "did you mean /projects/*/indicators/*/actual?" in m for m in found), found
    assert any("'total'" in m and "adjusted_budgt" in m and "/projects/*/adjusted_budget" in m for m in found), found
    assert len(found) == 5, found  # total and parts of QL-COL-001 both name the bad column


def test_pointer_walk_follows_refs_items_and_open_objects():
    for good in ("/projects/0/indicators/*/score", "/department/region/county", "/extensions/anything/at/all",
                 "/provenance/~1overall~1final/line", "/stated_sums/*/parts/*/amount", "/department_table/fund_rows/*/label"):
        assert walk_report_schema(good) is None, good
    index, names, leaf = walk_report_schema("/overall/final/x")
    assert index == 2 and leaf
    index, names, leaf = walk_report_schema("/projects/*/indicator/*")
    assert index == 2 and "indicators" in names and not leaf


# -- placeholders ----------------------------------------------------------------------------------

def test_an_unknown_placeholder_is_a_warning_with_did_you_mean(cli, tmp_path):
    text = pack_text(RULE.replace('"项目支出执行率 {left}% 低于 90%"', '"项目支出执行率 {lfet}% 低于 90%"'))
    path = write(tmp_path, text)
    line = line_of(text, "{lfet}")
    resolved = jixiao.load_pack(path)  # a warning: the pack still loads and runs
    [warning] = resolved.problems
    assert warning.severity == "warning" and (warning.line, warning.column) == (line, 11)
    assert "did you mean {left}?" in warning.render("en")
    assert "警告：规则 QL-RATE-001：message（zh）中的占位符 {lfet}" in warning.render("zh")
    result = validated(cli, path)
    assert result.exit_code == 2 and f"{path}:{line}:11：警告：" in result.output


def test_label_names_are_placeholders_too_and_en_messages_are_checked(tmp_path):
    rule = RULE.replace("    severity: warning\n", "    labels: {project: /projects/*/name}\n").replace(
        "/projects_summary/execution_rate", "/projects/*/execution_rate").replace(
        '"项目支出执行率 {left}% 低于 90%"', '"{project}：{left}%"').replace(
        '"Project execution rate {left}% is below 90%"', '"{projcet}: {left}%"').replace(
        "tests:\n      fail: [{projects_summary: {execution_rate: 54.27}}]\n      pass: [{projects_summary: {execution_rate: 95.00}}]\n", "doc: {}\n")
    resolved = jixiao.load_pack(write(tmp_path, pack_text(rule)))
    assert [p.render("en").split(": ", 1)[1] for p in resolved.problems] == [
        "warning: rule QL-RATE-001: message (en): placeholder {projcet} is not a value kind 'compare' gives; "
        "it would be printed as written; did you mean {project}?"]


def test_report_subject_is_a_placeholder_every_rule_may_use(tmp_path):
    text = pack_text(RULE.replace('"项目支出执行率 {left}% 低于 90%"', '"{report_subject}的项目支出执行率 {left}% 低于 90%"'))
    resolved = jixiao.load_pack(write(tmp_path, text))
    assert resolved.problems == []


# -- unknown keys ----------------------------------------------------------------------------------

def test_unknown_keys_anywhere_with_suggestions(cli, tmp_path):
    rule = RULE.replace("    severity: warning", "    serverity: warning").replace(
        "    tests:", "    doc: {wht: 执行率}\n    tests:").replace("      pass:", "      pas:")
    text = pack_text(rule, head="applies-to: {province: 河北省}\n", overrides="  NAT-ARITH-004: {paramz: 1, severty: info}\n")
    path = write(tmp_path, text)
    found = problems(path)
    expected = [
        (line_of(text, "applies-to"), 1, "unknown key 'applies-to'; did you mean 'applies_to'?"),
        (line_of(text, "serverity"), 5, "unknown key 'serverity'; did you mean 'severity'?"),
        (line_of(text, "wht"), 11, "unknown key 'wht'; did you mean 'what'?"),
        (line_of(text, "pas:"), 7, "unknown key 'pas'; did you mean 'pass'?"),
        (line_of(text, "paramz"), 19, "unknown key 'paramz'"),
        (line_of(text, "severty"), 30, "unknown key 'severty'; did you mean 'severity'?"),
    ]
    for line, column, message in expected:
        assert any(m.startswith(f"{path}:{line}:{column}:") and message in m for m in found), (line, message, found)
    zh = validated(cli, path).output
    assert "未知的键“serverity”；您是不是要写“severity”？" in zh


# -- YAML syntax -----------------------------------------------------------------------------------

YAML_SLIPS = [
    # (replace this, with this, line marker, column, zh fragment, en fragment)
    ("    value: 90", "    value： 90", "value：", 10, "冒号是全角的“：”，请改为半角“:”后加空格", "full-width"),
    ('    op: ">="', "    op: >=", "op: >=", 9, "值以“>=”开头", "put the whole value in quotes, e.g. op: \">=\""),
    ("    value: 90", "\tvalue: 90", "value: 90", 1, "用了制表符（Tab）缩进", "indented with a tab"),
    ("    value: 90", "      value: 90", "value: 90", 7, "缩进不对", "bad indentation"),
    ('      zh: "项目支出执行率 {left}% 低于 90%"', '      zh: "项目支出执行率 {left}% 低于 90%', "低于 90%\n",
     11, "引号 \" 没有配对的结束引号", "is never closed"),
    ("      pass: [{projects_summary: {execution_rate: 95.00}}]", "      pass: [{projects_summary: {execution_rate: 95.00}}",
     "execution_rate: 95.00}}", 13, "“[”没有闭合；请在末尾补上“]”", "'[' opened here is never closed"),
    ("    left: /projects_summary/execution_rate", "    left: *rate", "*rate", 11, "值以“*”开头", "starts with '*'"),
    ("    left: /projects_summary/execution_rate", "    left: @rate", "@rate", 11, "值以“@”开头", "starts with '@'"),
    ("    left: /projects_summary/execution_rate", "    left: `rate`", "`rate`", 11, "值以“`”开头", "starts with '`'"),
    ('    op: ">="', "    op: !=", "op: !=", 9, "值以“!”开头", "type tag"),
    ("    severity: warning", "    title: 说明: 执行率", "说明: 执行率", 14, "值里又出现了“: ”", "contains ': '"),
]


@pytest.mark.parametrize("old,new,marker,column,zh,en", YAML_SLIPS, ids=[s[1].strip()[:12] for s in YAML_SLIPS])
def test_yaml_slips_explained_with_the_fix(cli, tmp_path, old, new, marker, column, zh, en):
    text = pack_text().replace(old, new)
    assert text != pack_text()
    path = write(tmp_path, text)
    line = next(n for n, row in enumerate(text.splitlines(keepends=True), 1) if marker in row
                or (marker.endswith("\n") and row.endswith(marker)))
    result = validated(cli, path)
    assert result.exit_code == 2
    assert f"{path}:{line}:{column}：第 {line} 行第 {column} 列：" in result.output and zh in result.output, result.output
    english = validated(cli, path, "--lang", "en").output
    assert f"{path}:{line}:{column}: line {line}, column {column}: " in english and en in english, english


def test_an_unquoted_indicator_that_yaml_accepts_is_explained_too(tmp_path):
    [message] = problems(write(tmp_path, pack_text().replace('    op: ">="', "    op: >")), "zh")
    assert "不是可选的值" in message and "这一行的值以“>”开头" in message


def test_every_yaml_slip_of_the_file_in_one_run(tmp_path):
    text = pack_text().replace("    kind: compare", "    kind： compare").replace(
        "    value: 90", "    value： 90").replace("    left:", "\tleft:")
    path = write(tmp_path, text)
    found = problems(path, "zh")
    assert [m.split("：", 1)[0] for m in found] == [
        f"{path}:{line_of(text, 'kind：')}:9", f"{path}:{line_of(text, 'left:')}:1", f"{path}:{line_of(text, 'value：')}:10"]


# -- all at once -----------------------------------------------------------------------------------

MANY = """\
pack: qinglong
version: "1"
extends: [national]
applies-to: {}
rules:
  - id: QL-RATE-001
    kind: compare
    serverity: warning
    left: /projects_summary/executon_rate
    op: ">="
    value: 90
    message: {zh: "执行率 {lfet}% 偏低"}
  - id: QL-RATE-002
    kind: ratoi
    message: {zh: x}
  - id: QL-RATE-003
    kind: sum
    total: /overall/final
    parts: [/overall/basic_expenditure]
    face_severity: fatal
    message: {zh: "{stated}"}
overrides:
  NAT-ARITH-*: {face_severity: error}
  category:arithmetc: {severity: warning}
  NAT-NOPE-001: {severity: info}
  NAT-DATE-003: {max_days: soon}
"""


def test_every_problem_of_a_pack_in_one_run_sorted_by_line(cli, tmp_path):
    path = write(tmp_path, MANY)
    expected = [(4, "applies-to"), (8, "serverity"), (9, "executon_rate"), (12, "{lfet}"), (14, "ratoi"),
                (20, "fatal"), (24, "arithmetc"), (25, "NAT-NOPE-001"), (26, "soon")]
    for run in (validated(cli, path, "--lang", "en"), cli("check", EXAMPLE_JSON, "--pack", path, "--lang", "en")):
        assert run.exit_code == 2
        listed = [row for row in run.output.splitlines() if row.startswith(f"{path}:")]
        assert [(int(row.split(":")[1]), word) for row, (_, word) in zip(listed, expected, strict=False) if word in row] == expected, listed
    found = problems(path)
    assert len(found) == len(expected)
    zh = validated(cli, path).output
    assert "发现 9 个问题，规则包无法使用" in zh


def test_load_pack_raises_every_problem_with_line_and_column(tmp_path):
    path = write(tmp_path, MANY)
    with pytest.raises(PackError) as caught:
        jixiao.load_pack(path)
    assert all(p.line and p.column for p in caught.value.problems)
    assert [p.line for p in caught.value.problems] == sorted(p.line for p in caught.value.problems)


# -- overrides by prefix and category --------------------------------------------------------------

def test_overrides_by_id_prefix_and_category_with_precedence(tmp_path):
    overrides = """\
  category:arithmetic: {severity: info, face_severity: info}
  NAT-ARITH-*: {severity: warning, face_severity: error}
  NAT-ARITH-00*: {severity: error}
  NAT-ARITH-004: {severity: info}
  NAT-GRADE-*: {face_severity: error}
"""
    resolved = jixiao.load_pack(write(tmp_path, pack_text(overrides=overrides)))
    rules = resolved.rules
    assert rules["NAT-ARITH-004"].severity == "info"       # the id beats every prefix
    assert rules["NAT-ARITH-005"].severity == "error"      # a longer prefix beats a shorter one
    assert rules["NAT-ARITH-010"].severity == "warning"    # a prefix beats a category
    assert rules["NAT-TBL-001"].severity == "info"         # the category alone
    assert rules["NAT-ARITH-010"].params["face_severity"] == "error"
    assert rules["NAT-TBL-001"].params["face_severity"] == "info"
    # a prefix's parameter changes only the rules whose kind takes it
    assert rules["NAT-GRADE-002"].params["face_severity"] == "error"  # sum
    assert "face_severity" not in rules["NAT-GRADE-001"].params       # grade_band
    assert rules["NAT-DATE-003"].severity == "warning" and rules["NAT-DATE-003"].changed_by == ""
    assert resolved.problems == []


def test_sixteen_rounding_overrides_in_one_line(cli, tmp_path):
    path = write(tmp_path, pack_text(overrides="  NAT-ARITH-*: {face_severity: error}\n"))
    resolved = jixiao.load_pack(path)
    arithmetic = [r for r in resolved.rules.values() if r.id.startswith("NAT-ARITH-")]
    assert arithmetic and all(r.params["face_severity"] == "error" for r in arithmetic)
    assert validated(cli, path).exit_code == 0


@pytest.mark.parametrize("key,message", [
    ("NAT-ARTH-*", "selector 'NAT-ARTH-*' matches no rule id; did you mean 'NAT-ARITH-*'?"),
    ("category:arithmetc", "no rule of category 'arithmetc'; did you mean 'arithmetic'?"),
    ("NAT-ARTIH-004", "override of a rule that no extended pack defines; did you mean 'NAT-ARITH-004'?"),
    ("NAT-*-001", "cannot read the override selector 'NAT-*-001'"),
])
def test_a_selector_that_selects_nothing(tmp_path, key, message):
    text = pack_text(overrides=f"  {key}: {{severity: info}}\n")
    path = write(tmp_path, text)
    [found] = problems(path)
    assert found.startswith(f"{path}:{line_of(text, key)}:3:") and message in found, found


def test_a_selector_parameter_no_selected_rule_takes(tmp_path):
    path = write(tmp_path, pack_text(overrides="  category:dates: {face_severty: error}\n"))
    [found] = problems(path)
    assert "unknown key 'face_severty'" in found


# -- inherited rule tests after an override ---------------------------------------------------------

def test_an_override_of_parameters_drops_the_inherited_tests_it_breaks(cli, tmp_path):
    text = pack_text(overrides="  NAT-DATE-003: {max_days: 30}\n")
    path = write(tmp_path, text)
    resolved = jixiao.load_pack(path)
    assert "fail" not in resolved.rules["NAT-DATE-003"].tests and resolved.rules["NAT-DATE-003"].tests["pass"]
    [note] = resolved.problems
    assert note.severity == "info" and note.line == line_of(text, "NAT-DATE-003")
    assert "inherited test fail[0] of NAT-DATE-003 no longer applies after your override of max_days" in note.render("en")
    assert "提示：规则 NAT-DATE-003：继承的规则测试 fail[0]" in note.render("zh")
    result = validated(cli, path)
    assert result.exit_code == 0 and "继承的规则测试 fail[0]" in result.output
    tested = cli("rules", "test", path)
    assert tested.exit_code == 0, tested.output
    assert "NAT-DATE-003 pass[0]" in tested.output and "NAT-DATE-003 fail[0]" not in tested.output


def test_an_override_that_keeps_the_tests_true_keeps_them(tmp_path):
    resolved = jixiao.load_pack(write(tmp_path, pack_text(overrides="  NAT-DATE-003: {max_days: 25}\n")))
    assert resolved.problems == [] and len(resolved.rules["NAT-DATE-003"].tests["fail"]) == 1


def test_tests_a_pack_declares_must_pass(cli, tmp_path):
    overrides = """\
  NAT-DATE-003:
    max_days: 30
    tests:
      fail: [{final_accounts_approval_date: "2022-06-01", disclosure: {date: "2022-06-21"}}]
      pass: [{final_accounts_approval_date: "2022-06-01", disclosure: {date: "2022-06-30"}}]
"""
    text = pack_text(RULE.replace("execution_rate: 54.27", "execution_rate: 94.27"), overrides=overrides)
    path = write(tmp_path, text)
    result = validated(cli, path, "--lang", "en")
    assert result.exit_code == 2
    assert f"{path}:{line_of(text, 'execution_rate: 94.27')}:" in result.output
    assert "rule QL-RATE-001: rule test fail[0] fails: expected a finding" in result.output
    assert "rule NAT-DATE-003: rule test fail[0] fails" in result.output
    assert "NAT-DATE-003: rule test pass[0]" not in result.output
    assert cli("rules", "test", path).exit_code == 1
