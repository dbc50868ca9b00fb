"""init-pack, rule tests, and the built-in packs' own rule tests."""

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = str(Path(sys.executable).with_name("jixiao"))


def test_builtin_rule_tests_pass(cli):
    result = cli("rules", "test", "hebei")
    assert result.exit_code == 0, result.output
    assert "失败 0 项" in result.output and "HB-SEC-001 fail[0]" in result.output


def test_init_pack_writes_a_valid_tested_pack(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("init-pack", "qinglong", "--extends", "hebei")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "qinglong.yaml").read_text(encoding="utf-8")
    assert "extends: [hebei]" in text and "# " in text
    assert cli("rules", "validate", "qinglong.yaml").exit_code == 0
    tested = cli("rules", "test", "qinglong.yaml")
    assert tested.exit_code == 0 and "QINGLONG-RATE-001 fail[0]" in tested.output
    assert cli("init-pack", "qinglong").exit_code == 2  # exists
    assert cli("init-pack", "Bad Name").exit_code == 2


def test_failing_rule_tests_are_reported(cli, tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text("""\
pack: p
version: "1"
rules:
  - id: P-RATE-001
    kind: compare
    left: /overall/execution_rate
    op: ">="
    value: 90
    message: {zh: "执行率 {left}% 偏低"}
    tests:
      fail:
        - {overall: {execution_rate: 95}}     # wrong: does not trigger
      pass:
        - {overall: {final: 1}}               # wrong: the rule is skipped, proves nothing
        - {overall: {execution_rate: 91}}
""", encoding="utf-8")
    result = cli("rules", "test", pack, "--lang", "en")
    assert result.exit_code == 1
    assert "FAIL P-RATE-001 fail[0]: expected a finding" in result.output
    assert "FAIL P-RATE-001 pass[0]: the rule was skipped" in result.output
    assert "ok   P-RATE-001 pass[1]" in result.output
    assert "1 passed, 2 failed" in result.output
    chinese = cli("rules", "test", pack)
    assert "通过 1 项，失败 2 项" in chinese.output
    assert "失败 P-RATE-001 fail[0]: 应有发现，但没有（规则结果：通过）" in chinese.output


def test_rules_test_in_a_subprocess(tmp_path):
    done = subprocess.run([SCRIPT, "rules", "test", "national"], capture_output=True, text=True,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 0 and "NAT-ARITH-004 fail[0]" in done.stdout
