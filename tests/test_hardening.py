"""Runaway reports, crashing kinds and hostile structured input never stop a batch."""

import json
import textwrap

import pytest

from conftest import EXAMPLE_JSON

SLOW_PLUGIN = textwrap.dedent('''
    import time
    import jixiao

    def _check(report, rule, ctx):
        if report.get("department", {}).get("name") == "慢":
            while True:
                time.sleep(0.01)
        if report.get("department", {}).get("name") == "坏":
            raise ZeroDivisionError("boom")
        ctx.evaluated()
        return []

    @jixiao.hookimpl
    def jixiao_register_kinds():
        return [jixiao.Kind(name="slow", params={"properties": {}, "additionalProperties": False}, check=_check)]
''')


@pytest.fixture
def slow_setup(tmp_path):
    plugin = tmp_path / "slow_plugin.py"
    plugin.write_text(SLOW_PLUGIN, encoding="utf-8")
    pack = tmp_path / "slow.yaml"
    pack.write_text("pack: slow\nversion: '1'\nextends: [national]\nrules:\n  - id: SLOW-001\n    kind: slow\n"
                    "    message: {zh: x}\n", encoding="utf-8")
    reports = tmp_path / "reports"
    reports.mkdir()
    base = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    for name, file in (("慢", "a.json"), ("坏", "b.json"), ("好", "c.json")):
        base["department"]["name"] = name
        (reports / file).write_text(json.dumps(base, ensure_ascii=False), encoding="utf-8")
    return plugin, pack, reports


def test_runaway_report_times_out_and_the_batch_goes_on(cli, slow_setup):
    plugin, pack, reports = slow_setup
    result = cli("check", reports, "--plugin", plugin, "--pack", pack, "--timeout", "0.5", "--format", "json", "--jobs", "1")
    out = {r["source"].rsplit("/", 1)[-1]: r for r in json.loads(result.stdout)["reports"]}
    assert [f["rule_id"] for f in out["a.json"]["findings"]] == ["JX-TIMEOUT"]
    assert out["a.json"]["findings"][0]["category"] == "internal"
    crashed = [f for f in out["b.json"]["findings"] if f["rule_id"] == "SLOW-001"]
    assert crashed[0]["category"] == "internal" and "ZeroDivisionError" in crashed[0]["message"]
    assert {r["rule_id"]: r["status"] for r in out["b.json"]["rule_runs"]}["SLOW-001"] == "errored"
    assert "NAT-ARITH-004" in {f["rule_id"] for f in out["b.json"]["findings"]}
    assert "NAT-ARITH-004" in {f["rule_id"] for f in out["c.json"]["findings"]}
    assert out["a.json"]["status"] == "not_checked"  # timed out before any rule was evaluated
    assert result.exit_code == 2  # a report that could not be checked is never a pass


def test_timeout_in_worker_processes(cli, slow_setup):
    plugin, pack, reports = slow_setup
    result = cli("check", reports, "--plugin", plugin, "--pack", pack, "--timeout", "0.5", "--format", "json", "--jobs", "2")
    out = {r["source"].rsplit("/", 1)[-1]: r for r in json.loads(result.stdout)["reports"]}
    assert [f["rule_id"] for f in out["a.json"]["findings"]] == ["JX-TIMEOUT"]
    assert "NAT-ARITH-004" in {f["rule_id"] for f in out["c.json"]["findings"]}


@pytest.mark.parametrize("content, expected", [
    (b"", "json_syntax"),
    (b"\x00\x01\x02\xff\xfe garbage", "encoding"),
    (b"[" * 100_000 + b"]" * 100_000, "too_deep"),
    (b'{"a": 1e99999}', "bad_number"),
    (b'{"a": NaN}', "bad_number"),
    (b'{"kind": "department_self_evaluation", "kind": "x"}', "duplicate_key"),
])
def test_hostile_json_files(cli, tmp_path, content, expected):
    path = tmp_path / "r.json"
    path.write_bytes(content)
    result = cli("check", path, "--format", "json")
    assert result.exit_code == 2
    [report] = json.loads(result.stdout)["reports"]
    assert report["status"] == "unreadable"
    assert report["findings"][0]["values"]["problem"] == expected


@pytest.mark.parametrize("content, expected", [
    (b"a: &a [x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
     b"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
     b"f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n", "yaml_too_large"),
    (b"kind: !!python/object/apply:os.system ['touch /tmp/jixiao-pwned']\n", "bad_tag"),
    (b"kind: [\n", "yaml_syntax"),
])
def test_hostile_yaml_files(cli, tmp_path, content, expected):
    path = tmp_path / "r.yaml"
    path.write_bytes(content)
    result = cli("check", path, "--format", "json")
    [report] = json.loads(result.stdout)["reports"]
    assert report["findings"][0]["values"]["problem"] == expected


def test_an_alias_bomb_is_refused_before_any_value_is_built(monkeypatch):
    # (its expanded size is counted on the composed nodes, each shared one once: no million values built first, which
    # took seconds and, on a loaded machine, ran into the report's time limit instead of naming the bomb)
    from jixiao import yamlparse
    from jixiao.errors import InputError
    from jixiao.yamlsafe import load_yaml

    bomb = "a: &a [x, x]\n" + "".join(f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n" for p, n in zip("abcde", "bcdef", strict=True))
    monkeypatch.setattr(yamlparse._Builder, "build", lambda *args, **kwargs: pytest.fail("a value was built"))
    with pytest.raises(InputError) as raised:
        load_yaml(bomb + "g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n", "r.yaml")
    assert (raised.value.key, raised.value.line) == ("yaml_too_large", 7)


def test_size_limit_is_an_option(cli, tmp_path):
    path = tmp_path / "r.json"
    path.write_text(EXAMPLE_JSON.read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("check", path, "--max-bytes", "1000", "--format", "json")
    assert json.loads(result.stdout)["reports"][0]["findings"][0]["values"]["problem"] == "too_large"


def test_utf16_and_bom_json(cli, tmp_path):
    text = EXAMPLE_JSON.read_text(encoding="utf-8")
    for encoding, name in (("utf-16", "a.json"), ("utf-8-sig", "b.json")):
        (tmp_path / name).write_bytes(text.encode(encoding))
    out = json.loads(cli("check", tmp_path, "--format", "json").stdout)
    assert all(r["findings"][0]["rule_id"] == "NAT-ARITH-004" for r in out["reports"])


def test_huge_string_field(cli, tmp_path):
    report = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    report["title"] = "长" * 10_000_000
    path = tmp_path / "r.json"
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    out = json.loads(cli("check", path, "--format", "json").stdout)
    assert out["reports"][0]["findings"][0]["rule_id"] == "NAT-ARITH-004"


from conftest import EXAMPLE_TXT  # noqa: E402


def _warnings(out):
    return [(f["rule_id"], f["location"]["line"] if f["location"] else None) for r in out["reports"]
            for f in r["findings"] if f["severity"] != "info"]


def test_crlf_cr_and_gb18030_text_give_the_same_findings(cli, tmp_path):
    text = EXAMPLE_TXT.read_text(encoding="utf-8")
    (tmp_path / "crlf.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    (tmp_path / "cr.txt").write_bytes(text.replace("\n", "\r").encode("utf-8"))
    (tmp_path / "gb.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))
    out = json.loads(cli("check", tmp_path, "--format", "json").stdout)
    assert len(out["reports"]) == 5
    for report in out["reports"]:
        assert _warnings({"reports": [report]}) == [("NAT-ARITH-004", 119)], report["source"]


def test_a_20_mb_text_report_is_refused_clearly_and_quickly(cli, tmp_path):
    path = tmp_path / "huge.txt"
    line = "本部门整体年初预算安排199.09万元，决算数169.02万元，年度实际支出率达84.9%。\n"
    path.write_text(line * (20_000_000 // len(line.encode("utf-8"))), encoding="utf-8")
    result = cli("check", path, "--format", "json")
    [report] = json.loads(result.stdout)["reports"]
    assert result.exit_code == 2 and report["status"] == "unreadable"
    assert report["findings"][0]["values"]["problem"] == "too_large"
    assert "--max-text-chars" in report["findings"][0]["message"]


@pytest.mark.parametrize("suffix", [".json", ".yaml", ".txt", ".md", ".pdf", ".docx"])
def test_empty_file_of_each_type_is_accounted_for(cli, tmp_path, suffix):
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    result = cli("check", path, "--format", "json")
    [report] = json.loads(result.stdout)["reports"]
    assert result.exit_code == 2 and report["status"] == "unreadable"
    assert report["findings"][0]["category"] == "input" and str(path) in report["findings"][0]["message"]


@pytest.mark.parametrize("content", [b"%PDF-1.7\n", b"PK\x03\x04 not really a zip", b"\x89PNG\r\n\x1a\n" + bytes(range(256))])
def test_truncated_and_fake_binaries(cli, tmp_path, content):
    for suffix in (".pdf", ".docx"):
        path = tmp_path / f"fake{suffix}"
        path.write_bytes(content)
        [report] = json.loads(cli("check", path, "--format", "json").stdout)["reports"]
        assert report["status"] == "unreadable" and report["findings"][0]["category"] == "input"
        assert "Traceback" not in report["findings"][0]["message"]


def test_dangling_link_in_a_folder_is_reported(cli, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "good.json").write_text(EXAMPLE_JSON.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "gone.json").symlink_to(tmp_path / "nowhere.json")
    result = cli("check", folder, "--format", "json")
    reports = {r["source"].rsplit("/", 1)[-1]: r for r in json.loads(result.stdout)["reports"]}
    assert reports["gone.json"]["status"] == "unreadable" and reports["good.json"]["status"] == "warnings"
    assert result.exit_code == 2


def test_json_output_is_deterministic_across_runs(cli, tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.json").write_text(EXAMPLE_JSON.read_text(encoding="utf-8"), encoding="utf-8")
    runs = [cli("check", tmp_path, "--format", fmt, "--jobs", jobs).stdout
            for fmt in ("json", "sarif") for jobs in ("1", "2", "1")]
    assert runs[0] == runs[1] == runs[2] and runs[3] == runs[4] == runs[5]
