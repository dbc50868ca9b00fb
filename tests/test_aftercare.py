"""Aftercare steps (`jixiao_register_aftercare`): the built-in `merge` and `baseline` are plugins registered
through the entry point like any other; a third party's step is started once per run from its setting, sees
every result in order between them, and a step that misbehaves costs one finding of that report, not a run."""

from __future__ import annotations

import json
import sys

import pytest

import jixiao
from conftest import EXAMPLE_JSON
from jixiao.engine import Options
from jixiao.errors import InputError
from jixiao.pipeline import Pipeline
from jixiao.pluginmanager import default_plugins

STEP = '''\
from jixiao.kit import Aftercare, hookimpl

SEEN = []


class Accept:
    """A bureau's own accept list: rule ids whose findings it has reviewed."""

    def __init__(self, rule_ids):
        if not isinstance(rule_ids, list):
            raise TypeError("a list of rule ids")
        self.rule_ids = set(rule_ids)

    def finish(self, result):
        SEEN.append(sorted(f.rule_id for f in result.findings))
        result.suppressed.extend(f for f in result.findings if f.rule_id in self.rule_ids)
        result.findings = [f for f in result.findings if f.rule_id not in self.rule_ids]


class Broken:
    def __init__(self, setting):
        pass

    def finish(self, result):
        raise KeyError("a bug in a bureau's step")


@hookimpl
def jixiao_register_aftercare():
    return [Aftercare("accept", Accept, order=50), Aftercare("broken", Broken)]
'''


@pytest.fixture
def step_file(tmp_path):
    path = tmp_path / "bureau_step.py"
    path.write_text(STEP, encoding="utf-8")
    return path


def _sarif(tmp_path, target, rule_id="OTHER-1"):
    log = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "other", "rules": []}}, "results": [{
        "ruleId": rule_id, "level": "error", "message": {"text": "另一工具的发现"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": target.resolve().as_uri()}}}]}]}]}
    path = tmp_path / "other.sarif"
    path.write_text(json.dumps(log), encoding="utf-8")
    return path


def test_merge_and_baseline_are_registered_through_the_entry_point_like_any_plugin():
    steps = default_plugins().aftercare
    assert {"merge", "baseline"} <= set(steps)
    assert steps["merge"].order < steps["baseline"].order
    assert steps["merge"].start.__module__ == steps["baseline"].start.__module__ == "jixiao.plugins.builtin"
    builtin = next(i for i in default_plugins().info if i.name == "builtin")
    assert builtin.provides["aftercare"] == ["merge", "baseline"]


def test_a_third_party_step_runs_between_merge_and_baseline(step_file, tmp_path, cli):
    baseline = tmp_path / "accepted.json"
    assert cli("check", EXAMPLE_JSON, "--write-baseline", baseline).exit_code == 0
    sarif = _sarif(tmp_path, EXAMPLE_JSON)
    [result] = jixiao.check_many([EXAMPLE_JSON], plugins=[step_file], baseline=baseline, merge=[sarif],
                                 aftercare={"accept": ["OTHER-1"]})
    # merged first (the step saw OTHER-1 and accepted it), the baseline last (NAT-ARITH-004 accepted there)
    assert {f.rule_id for f in result.suppressed} >= {"OTHER-1", "NAT-ARITH-004"}
    assert not {"OTHER-1", "NAT-ARITH-004"} & {f.rule_id for f in result.findings}


def test_a_step_is_started_once_per_run_and_sees_every_result_in_order(step_file, tmp_path):
    pipeline = Pipeline(Options(), plugin_files=[str(step_file)], aftercare={"accept": ["NAT-ARITH-004"]})
    [(name, run)] = pipeline.steps
    assert name == "accept"
    (tmp_path / "reports").mkdir()
    copies = [tmp_path / "reports" / f"{n}.json" for n in ("a", "b")]
    for copy in copies:
        copy.write_bytes(EXAMPLE_JSON.read_bytes())
    results = [pipeline.finish(r) for r in pipeline.results(pipeline.sources([tmp_path / "reports"]))]
    assert [r.source for r in results] == [str(c) for c in copies]
    assert all("NAT-ARITH-004" in {f.rule_id for f in r.suppressed} for r in results)
    assert len(sys.modules[type(run).__module__].SEEN) == 2


def test_a_step_that_raises_costs_one_finding_of_that_report(step_file):
    pipeline = Pipeline(Options(), plugin_files=[str(step_file)], aftercare={"broken": None})
    plain = Pipeline(Options(), plugin_files=[str(step_file)])
    [broken] = [pipeline.finish(r) for r in pipeline.results([str(EXAMPLE_JSON)])]
    [normal] = list(plain.results([str(EXAMPLE_JSON)]))
    assert [f.rule_id for f in broken.findings if f.rule_id != "JX-INTERNAL"] == [f.rule_id for f in normal.findings]
    [internal] = [f for f in broken.findings if f.rule_id == "JX-INTERNAL"]
    assert "broken" in internal.message and "KeyError" in internal.message
    assert broken.status == "errors"


def test_a_step_that_cannot_start_or_does_not_exist_is_a_clear_error_before_any_check(step_file):
    with pytest.raises(InputError) as bad:
        Pipeline(Options(), plugin_files=[str(step_file)], aftercare={"accept": "NAT-ARITH-004"})
    assert "accept" in bad.value.render("zh") and "TypeError" in bad.value.render("zh")
    with pytest.raises(InputError) as missing:
        Pipeline(Options(), aftercare={"acept": ["x"]})
    message = missing.value.render("en")
    assert "acept" in message and "baseline" in message and "merge" in message
    assert "没有插件提供后处理步骤" in missing.value.render("zh")


def test_the_plugins_command_lists_the_aftercare_steps(cli):
    out = cli("plugins").output
    assert "后处理步骤：merge, baseline" in out


def test_the_command_line_starts_a_plugin_step(cli, step_file, tmp_path):
    out = tmp_path / "out.json"
    cli("check", EXAMPLE_JSON, "--format", "json", "--output", out)
    [plain] = json.loads(out.read_text(encoding="utf-8"))["reports"]
    assert "NAT-ARITH-004" in {f["rule_id"] for f in plain["findings"]}
    done = cli("check", EXAMPLE_JSON, "--plugin", step_file, "--aftercare", "accept=NAT-ARITH-004",
               "--aftercare", "accept=NAT-ARITH-005", "--format", "json", "--output", out, "--show-suppressed")
    [report] = json.loads(out.read_text(encoding="utf-8"))["reports"]
    assert "NAT-ARITH-004" not in {f["rule_id"] for f in report["findings"]}
    assert "NAT-ARITH-004" in done.output  # listed as suppressed, on stderr
    wrong = cli("check", EXAMPLE_JSON, "--plugin", step_file, "--aftercare", "accept")
    assert wrong.exit_code == 2 and "名称=设置" in wrong.output
    unknown = cli("check", EXAMPLE_JSON, "--aftercare", "acept=x")
    assert unknown.exit_code == 2 and "没有插件提供后处理步骤“acept”" in unknown.output
