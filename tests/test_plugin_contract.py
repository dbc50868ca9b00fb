"""The plugin contract: a kind compiled once per pack load, a check that returns findings or Skipped, and
plugins that misbehave (a misspelt hook, an invalid parameter schema, a kind that returns garbage, raises
or fails to compile) named clearly, each costing nothing but its own rule's result."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import write_json
from jixiao.engine import Auditor, Options
from jixiao.pluginmanager import build_plugins

PLUGIN = '''\
from jixiao.kit import POINTER, Kind, Skipped, hookimpl

COMPILED = []


class Positive:
    def __init__(self, rule):
        COMPILED.append(rule.id)
        self.field = rule.param("field")
        self.inputs = (self.field,)

    def check(self, ctx):
        value = ctx.number(self.field)
        if value is None:
            return ctx.skipped()
        return [] if value > 0 else [ctx.finding(self.field, {"value": value})]


class Garbage:
    inputs = ()

    def __init__(self, rule):
        pass

    def check(self, ctx):
        return ["not a finding", 42]


class Raises:
    inputs = ()

    def __init__(self, rule):
        pass

    def check(self, ctx):
        raise ZeroDivisionError("a bug in a bureau's kind")


def no_compile(rule):
    raise ValueError("cannot parse this rule")


@hookimpl
def jixiao_register_kinds():
    params = {"properties": {"field": POINTER}, "additionalProperties": False}
    return [
        Kind(name="positive", params=params, compile=Positive),
        Kind(name="garbage", params=params, compile=Garbage),
        Kind(name="raises", params=params, compile=Raises),
        Kind(name="no_compile", params=params, compile=no_compile),
        Kind(name="bad_schema", params={"properties": {"field": {"type": "strnig"}}}, compile=Positive),
        "not a kind",
    ]


@hookimpl
def jixiao_register_kind():  # misspelt: never called, and said so
    return []
'''

PACK = """\
pack: contract
version: "1"
extends: [national]
rules:
  - {id: C-POS, kind: positive, field: /overall/final, message: {zh: "应为正数：{value}", en: "must be positive: {value}"}}
  - {id: C-GARBAGE, kind: garbage, field: /overall/final, message: {zh: 垃圾}}
  - {id: C-RAISES, kind: raises, field: /overall/final, message: {zh: 出错}}
  - {id: C-NOCOMPILE, kind: no_compile, field: /overall/final, message: {zh: 编译失败}}
"""


@pytest.fixture
def plugin(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "contract_plugin.py").write_text(PLUGIN, encoding="utf-8")
    (tmp_path / "contract.yaml").write_text(PACK, encoding="utf-8")
    return tmp_path / "contract_plugin.py", tmp_path / "contract.yaml"


def test_problems_name_the_plugin_and_what_is_wrong(plugin):
    plugins = build_plugins([str(plugin[0])])
    problems = [str(p) for p in plugins.problems]
    english = [p.render("en") for p in plugins.problems]
    assert any("jixiao_register_kind" in p and "jixiao_register_kinds" in p and "contract_plugin" in p
               for p in problems), problems
    assert any("did you mean jixiao_register_kinds?" in p for p in english), english
    assert any("bad_schema" in p and "strnig" in p and "JSON Schema" in p for p in english), english
    assert any("returned str, not a Kind" in p for p in english), english
    assert all(p for p in problems)  # Chinese by default
    assert "bad_schema" not in plugins.kinds and {"positive", "garbage", "raises", "no_compile"} <= set(plugins.kinds)


def test_a_misbehaving_kind_costs_only_its_own_rule(plugin, example_report):
    report = copy.deepcopy(example_report)
    report["overall"]["final"] = Decimal("-1")
    plugins = build_plugins([str(plugin[0])])
    auditor = Auditor(Options(packs=[str(plugin[1])], lang="en"), plugins)
    result = auditor.check_report(report, "r.json")
    runs = {r.rule_id: r for r in result.rule_runs}
    assert runs["C-POS"].status == "failed"
    assert [f.message for f in result.findings if f.rule_id == "C-POS"] == ["must be positive: -1"]
    for rule_id, detail in [("C-GARBAGE", "returned str, not a list of Finding"),
                            ("C-RAISES", "ZeroDivisionError: a bug in a bureau's kind"),
                            ("C-NOCOMPILE", "ValueError: cannot parse this rule")]:
        assert runs[rule_id].status == "errored", rule_id
        [finding] = [f for f in result.findings if f.rule_id == rule_id]
        assert finding.category == "internal" and detail in finding.message, finding.message
    # the national pack's findings are all there: the same as without the plugin's rules
    national = Auditor(Options(packs=["national"], lang="en")).check_report(report, "r.json")
    assert [f.to_dict() for f in national.findings] == \
        [f.to_dict() for f in result.findings if not f.rule_id.startswith("C-")]


def test_a_rule_is_compiled_once_not_per_report(plugin, example_report):
    plugins = build_plugins([str(plugin[0])])
    auditor = Auditor(Options(packs=[str(plugin[1])]), plugins)
    import sys

    module = next(m for name, m in sys.modules.items() if name.startswith("jixiao_local_plugin_contract_plugin"))
    before = module.COMPILED.count("C-POS")
    for _ in range(3):
        auditor.check_report(copy.deepcopy(example_report), "r.json")
    assert module.COMPILED.count("C-POS") - before <= 1


def test_a_skipped_value_names_what_was_missing(plugin):
    plugins = build_plugins([str(plugin[0])])
    auditor = Auditor(Options(packs=[str(plugin[1])], select=["C-POS"]), plugins)
    report = {"kind": "department_self_evaluation", "fiscal_year": 2021, "department": {"name": "某单位"},
              "overall": {"score": 90}}
    [run] = auditor.check_report(report, "r.json").rule_runs
    assert run == ("C-POS", "skipped", "missing: /overall/final")
    [run] = auditor.check_report({**report, "overall": None}, "r.json").rule_runs
    assert run == ("C-POS", "skipped", "missing: /overall")  # none of its inputs: not even called


def test_check_shows_plugin_problems_on_stderr(cli, plugin, tmp_path):
    path = write_json(tmp_path / "r.json", {"kind": "department_self_evaluation", "fiscal_year": 2021,
                                           "department": {"name": "某单位"}, "overall": {"final": 5}})
    result = cli("check", path, "--plugin", plugin[0], "--pack", plugin[1], "--format", "json")
    assert "jixiao_register_kind" in result.stderr and "Traceback" not in result.stderr
    document = json.loads(result.stdout)
    runs = {r["rule_id"]: r["status"] for r in document["reports"][0]["rule_runs"]}
    assert runs["C-POS"] == "passed" and runs["C-GARBAGE"] == "errored"


def test_builtin_kinds_win_a_name_and_tryfirst_goes_first(tmp_path):
    (tmp_path / "shadow.py").write_text(
        "from jixiao.kit import Kind, hookimpl\n\n"
        "@hookimpl\ndef jixiao_register_kinds():\n"
        "    return [Kind(name='sum', params={}, check=lambda report, rule, ctx: [])]\n", encoding="utf-8")
    (tmp_path / "first.py").write_text(
        "from jixiao.kit import Kind, hookimpl\n\n"
        "@hookimpl(tryfirst=True)\ndef jixiao_register_kinds():\n"
        "    return [Kind(name='ratio', params={}, check=lambda report, rule, ctx: [])]\n", encoding="utf-8")
    plugins = build_plugins([str(tmp_path / "shadow.py"), str(tmp_path / "first.py")])
    assert plugins.kinds["sum"].module.startswith("jixiao.plugins.")  # the built-in kept its name
    assert not plugins.kinds["ratio"].module.startswith("jixiao.plugins.")  # tryfirst came before the built-ins
    assert any("'sum'" in p.render("en") and "already registered" in p.render("en") for p in plugins.problems)


def test_a_field_that_only_adjusts_a_check_is_not_one_of_its_inputs():
    from jixiao.kit import declared_inputs, not_an_input

    auditor = Auditor(Options(packs=["national"]))
    rules = auditor.all_rules()
    # NAT-GRADE-009 reads the report's own scale (total_from) only where stated: its inputs are the weights
    assert "/grading/full_marks" not in declared_inputs(rules["NAT-GRADE-009"])
    assert rules["NAT-GRADE-009"].pointer_roots == {"projects"}
    assert rules["NAT-PLAUS-008"].pointer_roots == {"overall"}  # (allowance and value_from adjust it)
    report = {"kind": "department_self_evaluation", "fiscal_year": 2021, "department": {"name": "某单位"},
              "grading": {"full_marks": 110}}
    runs = {r.rule_id: r for r in auditor.check_report(report, "r.json").rule_runs}
    assert runs["NAT-GRADE-009"].reason == "missing: /projects"  # (not "/grading, /projects")
    assert not_an_input({"type": "string"})["x-jixiao-input"] is False
