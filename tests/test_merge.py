"""--merge: other validators' SARIF findings folded into jixiao's results by artifact URI."""

import json
import shutil

from conftest import EXAMPLE_JSON, EXAMPLE_TXT


def sarif(results, tool="budget-lint"):
    return {"version": "2.1.0", "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "runs": [{"tool": {"driver": {"name": tool, "rules": [{"id": "BL001"}]}}, "results": results}]}


def test_merge_attaches_by_artifact_and_keeps_the_tool(cli, tmp_path):
    shutil.copy(EXAMPLE_JSON, tmp_path / EXAMPLE_JSON.name)
    shutil.copy(EXAMPLE_TXT, tmp_path / EXAMPLE_TXT.name)
    log = sarif([
        {"ruleId": "BL001", "level": "error", "message": {"text": "金额单位不一致"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": EXAMPLE_TXT.name}, "region": {"startLine": 113, "startColumn": 5}}}]},
        {"ruleIndex": 0, "level": "note", "message": {"text": "其他文件"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": "elsewhere/other.pdf"}}}]},
    ])
    (tmp_path / "other.sarif").write_text(json.dumps(log, ensure_ascii=False), encoding="utf-8")
    result = cli("check", tmp_path / EXAMPLE_JSON.name, "--merge", tmp_path / "other.sarif", "--format", "json")
    assert result.exit_code == 1  # the merged error counts
    reports = json.loads(result.stdout)["reports"]
    assert len(reports) == 2
    merged = next(f for f in reports[0]["findings"] if f["rule_id"] == "BL001")
    assert merged["tool"] == "budget-lint" and merged["severity"] == "error" and merged["location"]["line"] == 113
    # ordered by location with jixiao's own findings
    assert [f["rule_id"] for f in reports[0]["findings"]][:2] == ["BL001", "NAT-ARITH-004"]
    assert reports[1]["source"].endswith("elsewhere/other.pdf")
    assert reports[1]["findings"][0]["rule_id"] == "BL001" and reports[1]["findings"][0]["severity"] == "info"


def test_merge_rejects_what_is_not_sarif(cli, tmp_path):
    bad = tmp_path / "bad.sarif"
    bad.write_text('{"version": "2.1.0"}', encoding="utf-8")
    result = cli("check", EXAMPLE_JSON, "--merge", bad)
    assert result.exit_code == 2 and "SARIF" in result.output


def test_jixiao_sarif_merges_back_onto_its_own_files(cli, tmp_path):
    shutil.copy(EXAMPLE_JSON, tmp_path / EXAMPLE_JSON.name)
    shutil.copy(EXAMPLE_TXT, tmp_path / EXAMPLE_TXT.name)
    report = tmp_path / EXAMPLE_JSON.name
    log = tmp_path / "out" / "jixiao.sarif"
    log.parent.mkdir()
    cli("check", str(report.resolve()), "--format", "sarif", "--output", log)
    merged = json.loads(cli("check", report, "--merge", log, "--format", "json").stdout)
    [entry] = merged["reports"]
    again = [f for f in entry["findings"] if f.get("tool") == "jixiao"]
    assert {f["rule_id"] for f in again} == {"NAT-ARITH-004", "NAT-PLAUS-005"}
    assert next(f for f in again if f["rule_id"] == "NAT-ARITH-004")["location"]["line"] == 119
