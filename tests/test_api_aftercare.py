"""jixiao.check() with a baseline and other validators' SARIF findings, as `jixiao check --baseline/--merge`;
extraction reads no pack."""

import json

import pytest

import jixiao
from jixiao.errors import InputError

from conftest import EXAMPLE_JSON


def test_a_baseline_written_by_the_command_line_suppresses_in_the_api(cli, tmp_path):
    baseline = tmp_path / "accepted.json"
    assert cli("check", EXAMPLE_JSON, "--write-baseline", baseline).exit_code == 0
    plain = jixiao.check(EXAMPLE_JSON)
    assert "NAT-ARITH-004" in {f.rule_id for f in plain.findings}
    quiet = jixiao.check(EXAMPLE_JSON, baseline=baseline)
    assert "NAT-ARITH-004" not in {f.rule_id for f in quiet.findings}
    assert "NAT-ARITH-004" in {f.rule_id for f in quiet.suppressed}
    assert quiet.status == "passed"
    with pytest.raises(InputError):
        jixiao.check(EXAMPLE_JSON, baseline=tmp_path / "missing.json")


def test_sarif_findings_about_the_file_are_folded_in(tmp_path):
    log = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "other", "rules": []}}, "results": [{
        "ruleId": "OTHER-1", "level": "error", "message": {"text": "另一工具的发现"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": EXAMPLE_JSON.resolve().as_uri()},
                                            "region": {"startLine": 3}}}]}]}]}
    sarif = tmp_path / "other.sarif"
    sarif.write_text(json.dumps(log), encoding="utf-8")
    result = jixiao.check(EXAMPLE_JSON, merge=[sarif])
    [other] = [f for f in result.findings if f.rule_id == "OTHER-1"]
    assert other.message == "另一工具的发现" and result.status == "errors"


def test_extraction_reads_no_pack(monkeypatch):
    from jixiao import packs

    def refuse(*args, **kwargs):
        raise AssertionError("a pack was read to extract")

    monkeypatch.setattr(packs, "read_pack", refuse)
    report = jixiao.extract(EXAMPLE_JSON.with_suffix(".txt"))
    assert report["department"]["name"] == "青龙满族自治县总工会"


def test_check_many_applies_the_baseline_and_lists_files_only_sarif_mentions(cli, tmp_path):
    baseline = tmp_path / "accepted.json"
    cli("check", EXAMPLE_JSON, "--write-baseline", baseline)
    elsewhere = (tmp_path / "other.txt").resolve()
    log = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "other", "rules": []}}, "results": [{
        "ruleId": "OTHER-2", "level": "warning", "message": {"text": "只有另一工具看过"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": elsewhere.as_uri()}}}]}]}]}
    sarif = tmp_path / "other.sarif"
    sarif.write_text(json.dumps(log), encoding="utf-8")
    results = list(jixiao.check_many([EXAMPLE_JSON], baseline=baseline, merge=[sarif]))
    assert [r.source for r in results] == [str(EXAMPLE_JSON), str(elsewhere)]
    assert "NAT-ARITH-004" in {f.rule_id for f in results[0].suppressed}
    assert [f.rule_id for f in results[1].findings] == ["OTHER-2"]
