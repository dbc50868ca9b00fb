"""The library API other validators import."""

import json

import jsonschema
import pytest

import jixiao
from jixiao.validation import load_schema

from conftest import EXAMPLE_JSON, EXAMPLE_TXT


def report_entry_validator():
    schema = load_schema("findings")
    return jsonschema.Draft202012Validator({"$ref": "#/$defs/report", "$defs": schema["$defs"]})


def test_check_a_path():
    result = jixiao.check(EXAMPLE_JSON)
    assert isinstance(result, jixiao.AuditResult)
    [warning] = [f for f in result.findings if f.severity == "warning"]
    assert isinstance(warning, jixiao.Finding)
    assert (warning.rule_id, warning.category, warning.pointer) == ("NAT-ARITH-004", "arithmetic", "/projects_summary/execution_rate")
    assert isinstance(warning.location, jixiao.Location) and warning.location.line == 119
    assert str(warning.values["stated"]) == "54.27"
    report_entry_validator().validate(result.to_dict())
    assert result.to_dict()["findings"][0]["values"]["stated"] == "54.27"


def test_check_a_dict_and_options(example_report):
    result = jixiao.check(example_report, packs=["national"], lang="en", ignore=["NAT-PLAUS"])
    assert [f.rule_id for f in result.findings] == ["NAT-ARITH-004"]
    assert result.findings[0].message.startswith("Project execution rate")
    assert result.packs == [{"name": "national", "version": "2026.5"}]


def test_check_text():
    result = jixiao.check(EXAMPLE_TXT.read_text(encoding="utf-8"))
    assert [f.rule_id for f in result.findings if f.severity != "info"] == ["NAT-ARITH-004"]
    assert result.findings[0].location.line == 119


def test_extract_and_load_pack():
    report = jixiao.extract(EXAMPLE_TXT)
    assert report["fiscal_year"] == 2021 and str(report["projects_summary"]["execution_rate"]) == "54.27"
    pack = jixiao.load_pack("hebei")
    assert "HB-SEC-001" in pack.rules and pack.ancestors == ["national"]
    with pytest.raises(jixiao.PackError):
        jixiao.load_pack("no-such-pack")
    with pytest.raises(jixiao.InputError):
        jixiao.extract(EXAMPLE_TXT.with_suffix(".nope"))


def test_public_names_are_exported():
    for name in ("check", "extract", "load_pack", "AuditResult", "AuditBatch", "Finding", "Location", "Kind",
                 "Extractor", "Extraction", "Formatter", "RuleContext", "hookimpl", "PackError", "InputError"):
        assert name in jixiao.__all__ and hasattr(jixiao, name)


def test_check_a_dict_with_floats_does_not_change_it():
    report = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))  # floats, as json.load gives them
    before = json.dumps(report, sort_keys=True)
    result = jixiao.check(report)
    assert [f.rule_id for f in result.findings if f.severity == "warning"] == ["NAT-ARITH-004"]
    assert json.dumps(report, sort_keys=True) == before


def test_bad_arguments():
    with pytest.raises(jixiao.InputError):
        jixiao.check("no-such-report.json")
    with pytest.raises(ValueError):
        jixiao.check(EXAMPLE_JSON, lang="fr")
