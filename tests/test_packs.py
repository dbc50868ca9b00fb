"""Pack loading, validation with file:line, extends, overrides and applicability."""

import json
from pathlib import Path

import pytest

from jixiao.engine import Auditor, Options
from jixiao.errors import PackError
from jixiao.packs import PackLibrary
from jixiao.pluginmanager import default_plugins

from helpers import minimal_report

GOOD_RULE = """\
  - id: T-ARITH-001
    kind: ratio
    stated: /overall/execution_rate
    numerator: /overall/final
    denominator: /overall/initial_budget
    message: {zh: "执行率不符"}
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(PackError) as caught:
        PackLibrary(default_plugins()).resolve(str(path))
    return [p.render("en") for p in caught.value.problems]


def test_builtin_packs_load():
    library = PackLibrary(default_plugins())
    assert {"national", "hebei"} <= set(library.available())
    hebei = library.resolve("hebei")
    assert hebei.ancestors == ["national"]
    assert "HB-SEC-001" in hebei.rules and "NAT-ARITH-004" in hebei.rules
    for rule in hebei.rules.values():
        assert rule.message["zh"] and rule.message.get("en"), rule.id
        assert {"what", "why", "source", "example"} <= set(rule.doc), rule.id


def test_bad_yaml_names_file_and_line(tmp_path):
    path = write(tmp_path, "bad.yaml", "pack: bad\nversion: '1'\nrules:\n  - id: X-1\n    kind: [unclosed\n")
    [message] = problems(path)
    assert message.startswith(f"{path}:6:") or message.startswith(f"{path}:5:")


def test_unknown_kind_names_rule_and_line(tmp_path):
    path = write(tmp_path, "p.yaml", "pack: p\nversion: '1'\nrules:\n" + GOOD_RULE.replace("kind: ratio", "kind: ratoi"))
    [message] = problems(path)
    assert message.startswith(f"{path}:5:")
    assert "T-ARITH-001" in message and "unknown rule kind 'ratoi'" in message


def test_bad_parameters_name_rule_and_line(tmp_path):
    text = "pack: p\nversion: '1'\nrules:\n" + GOOD_RULE.replace("    denominator: /overall/initial_budget\n", "    denominatr: /x\n")
    found = problems(write(tmp_path, "p.yaml", text))
    assert any("T-ARITH-001" in m and "denominatr" in m for m in found), found
    assert any("'denominator' is a required property" in m for m in found), found
    # the missing parameter at the rule, the unknown key where it stands (with a suggestion)
    assert any(m.startswith(str(tmp_path / "p.yaml") + ":4:") and "required" in m for m in found), found
    assert any(m.startswith(str(tmp_path / "p.yaml") + ":8:5:") and "did you mean 'denominator'" in m for m in found), found


def test_duplicate_id(tmp_path):
    text = "pack: p\nversion: '1'\nrules:\n" + GOOD_RULE + GOOD_RULE
    [message] = problems(write(tmp_path, "p.yaml", text))
    assert ":10:" in message and "duplicate rule id" in message


def test_every_problem_reported_at_once(tmp_path):
    text = ("pack: p\nversion: '1'\nrules:\n" + GOOD_RULE.replace("kind: ratio", "kind: nope")
            + GOOD_RULE.replace("T-ARITH-001", "T-ARITH-002").replace("numerator", "numer"))
    assert len(problems(write(tmp_path, "p.yaml", text))) >= 2


def test_schema_errors_common_keys(tmp_path):
    text = "pack: P Bad\nversion: '1'\nrules:\n  - id: lower-case\n    kind: ratio\n    severity: fatal\n    message: {zh: x}\n"
    found = problems(write(tmp_path, "p.yaml", text))
    assert any("P Bad" in m for m in found) and any("fatal" in m for m in found) and any("lower-case" in m for m in found)


def test_python_tag_in_pack_is_refused(tmp_path):
    path = write(tmp_path, "p.yaml", "pack: p\nversion: !!python/object/apply:os.system ['echo hacked']\n")
    [message] = problems(path)
    assert "unsupported YAML tag" in message and ":2:" in message


def test_extends_and_overrides(tmp_path):
    write(tmp_path, "base.yaml", "pack: base\nversion: '1'\nextends: [national]\n")
    child = write(tmp_path, "child.yaml", """\
pack: child
version: '1'
extends: [base.yaml]
rules:
""" + GOOD_RULE + """\
overrides:
  NAT-DATE-003: {severity: error, max_days: 30}
  NAT-ARITH-006: {enabled: false}
""")
    resolved = PackLibrary(default_plugins()).resolve(str(child))
    assert resolved.ancestors == ["base", "national"]
    assert resolved.rules["NAT-DATE-003"].severity == "error"
    assert resolved.rules["NAT-DATE-003"].params["max_days"] == 30
    assert resolved.rules["NAT-ARITH-006"].enabled is False
    assert "T-ARITH-001" in resolved.rules


def test_override_unknown_id_and_bad_parameter(tmp_path):
    path = write(tmp_path, "p.yaml", "pack: p\nversion: '1'\nextends: [national]\noverrides:\n  NAT-NOPE-001: {severity: warning}\n  NAT-DATE-003: {max_days: soon}\n")
    found = problems(path)
    assert any("NAT-NOPE-001" in m and ":5:" in m for m in found), found
    assert any("NAT-DATE-003" in m and "soon" in m for m in found), found


def test_redefining_an_inherited_id_is_an_error(tmp_path):
    path = write(tmp_path, "p.yaml", "pack: p\nversion: '1'\nextends: [national]\nrules:\n" + GOOD_RULE.replace("T-ARITH-001", "NAT-ARITH-004"))
    [message] = problems(path)
    assert "NAT-ARITH-004" in message and "overrides" in message


def test_extends_cycle(tmp_path):
    write(tmp_path, "a.yaml", "pack: a\nversion: '1'\nextends: [b.yaml]\n")
    write(tmp_path, "b.yaml", "pack: b\nversion: '1'\nextends: [a.yaml]\n")
    [message] = problems(tmp_path / "a.yaml")
    assert "cycle" in message and "a → b → a" in message


def test_extends_unknown_pack(tmp_path):
    path = write(tmp_path, "p.yaml", "pack: p\nversion: '1'\nextends: [nowhere]\n")
    [message] = problems(path)
    assert ":3:" in message and "no rule pack named 'nowhere'" in message


def test_applicability_by_region_kind_and_year(tmp_path):
    auditor = Auditor(Options())
    hebei_report = minimal_report(department={"name": "x", "region": {"province": "河北省", "county": "青龙满族自治县"}})
    other = minimal_report(department={"name": "x", "region": {"province": "贵州省"}})
    sichuan = minimal_report(department={"name": "x", "region": {"province": "四川省"}})
    assert [p.name for p in auditor.packs_for(hebei_report)] == ["hebei"]
    assert [p.name for p in auditor.packs_for(other)] == ["national"]
    assert [p.name for p in auditor.packs_for(sichuan)] == ["sichuan"]
    transfer = minimal_report(kind="transfer_payment_self_evaluation", department={"name": "x", "region": {"province": "河北省", "county": "青龙满族自治县"}})
    assert [p.name for p in auditor.packs_for(transfer)] == ["transfer"]
    project_report = minimal_report(kind="project_self_evaluation", department={"name": "x", "region": {"province": "河北省", "county": "青龙满族自治县"}})
    assert [p.name for p in auditor.packs_for(project_report)] == ["national"]
    explained = dict((name, (ok, why)) for name, ok, why in auditor.explain_packs(other))
    assert explained["hebei"][0] is False and "贵州省" in explained["hebei"][1]


def test_a_named_pack_honours_its_applies_to_and_leaves_the_report_to_what_it_extends():
    auditor = Auditor(Options(packs=["hebei"]))
    sichuan = minimal_report(department={"name": "x", "region": {"province": "四川省"}})
    hebei = minimal_report(department={"name": "x", "region": {"province": "河北省", "city": "秦皇岛市", "county": "青龙满族自治县"}})
    assert [p.name for p in auditor.packs_for(sichuan)] == ["national"]
    assert [p.name for p in auditor.packs_for(hebei)] == ["hebei"]
    explained = {name: (ok, why) for name, ok, why in auditor.explain_packs(sichuan)}
    assert explained["hebei"][0] is False and "四川省" in explained["hebei"][1]
    assert explained["national"][0] is True and "hebei" in explained["national"][1]
    # only the named packs and what stands in for them: no other pack is offered
    assert set(explained) == {"hebei", "national"}


def test_a_named_pack_without_applies_to_always_runs(tmp_path):
    pack = tmp_path / "local.yaml"
    pack.write_text("pack: local\nversion: '1'\nextends: [national]\nrules: []\n", encoding="utf-8")
    auditor = Auditor(Options(packs=[str(pack)]))
    report = minimal_report(department={"name": "x", "region": {"province": "四川省"}})
    assert [p.name for p in auditor.packs_for(report)] == ["local"]


def test_packs_in_a_pack_dir_are_selected_by_their_applies_to(tmp_path):
    (tmp_path / "recent.yaml").write_text(
        "pack: recent\nversion: '1'\nextends: [national]\napplies_to: {fiscal_years: {from: 2023}}\nrules: []\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a pack", encoding="utf-8")
    auditor = Auditor(Options(pack_dirs=[str(tmp_path)]))
    old = minimal_report(fiscal_year=2021)
    new = minimal_report(fiscal_year=2024)
    assert "recent" not in [p.name for p in auditor.packs_for(old)]
    assert "recent" in [p.name for p in auditor.packs_for(new)]
    assert "national" not in [p.name for p in auditor.packs_for(new)]  # run once, through recent's extends


def test_region_derived_from_the_department_name():
    auditor = Auditor(Options())
    report = minimal_report(department={"name": "青龙满族自治县财政局"})
    assert [p.name for p in auditor.packs_for(report)] == ["hebei"]
    assert "derived from the department name" in auditor.explain_region(report)
    assert [p.name for p in auditor.packs_for(minimal_report(department={"name": "成都市财政局"}))] == ["sichuan"]
    assert [p.name for p in auditor.packs_for(minimal_report(department={"name": "贵阳市财政局"}))] == ["national"]
    # a stated region that the name contradicts wins, and nothing is guessed
    stated = minimal_report(department={"name": "青龙满族自治县财政局", "region": {"province": "贵州省"}})
    assert [p.name for p in auditor.packs_for(stated)] == ["national"]
    assert report["department"] == {"name": "青龙满族自治县财政局"}  # the caller's report is not changed


def test_explain_packs_on_the_command_line(cli, tmp_path):
    path = tmp_path / "r.json"
    path.write_text('{"kind": "department_self_evaluation", "fiscal_year": 2022, "department": {"name": "青龙满族自治县教育局"}}',
                    encoding="utf-8")
    result = cli("check", path, "--explain-packs")
    assert "：地区 河北省 / 秦皇岛市 / 青龙满族自治县（据单位名称 青龙满族自治县教育局 推定）" in result.stderr
    assert "：规则包 hebei：适用（省 河北省；县级；报告类型 department_self_evaluation）" in result.stderr
    assert "：规则包 sichuan：不适用（报告的省是 河北省，本规则包适用于 四川省）" in result.stderr
    english = cli("check", path, "--explain-packs", "--lang", "en")
    assert "region 河北省 / 秦皇岛市 / 青龙满族自治县 (derived from the department name" in english.stderr
    assert "pack hebei: applies (province 河北省" in english.stderr


def test_extends_never_fetches_urls_or_reads_other_files(tmp_path):
    path = write(tmp_path, "p.yaml", "pack: p\nversion: '1'\nextends: ['https://example.org/pack.yaml', /etc/passwd]\n")
    found = problems(path)
    assert any("never fetched" in m and ":3:" in m for m in found), found
    assert any("must end in .yaml" in m for m in found), found


def test_pack_size_limit(tmp_path):
    path = write(tmp_path, "big.yaml", "pack: big\nversion: '1'\ndescription: '" + "x" * 2_100_000 + "'\n")
    [message] = problems(path)
    assert "larger than" in message


def test_applicability_by_fiscal_years_and_city(tmp_path):

    write(tmp_path, "from2023.yaml", "pack: from2023\nversion: '1'\nextends: [national]\n"
          "applies_to: {city: 秦皇岛市, fiscal_years: {from: 2023}}\n")
    library = PackLibrary(default_plugins())
    pack = library.load(str(tmp_path / "from2023.yaml"))
    from jixiao.packs import applies

    region = {"province": "河北省", "city": "秦皇岛市", "county": "青龙满族自治县"}
    assert applies(pack, minimal_report(fiscal_year=2023), region)[0]
    assert applies(pack, minimal_report(fiscal_year=2024), region)[0]
    ok, why = applies(pack, minimal_report(fiscal_year=2022), region)
    assert not ok and "2022" in why
    assert not applies(pack, minimal_report(fiscal_year=2023), {"province": "河北省", "city": "石家庄市"})[0]
    listed = write(tmp_path, "listed.yaml", "pack: listed\nversion: '1'\napplies_to: {fiscal_years: [2021, 2022]}\n")
    assert applies(library.load(str(listed)), minimal_report(fiscal_year=2021), {})[0]
    assert not applies(library.load(str(listed)), minimal_report(fiscal_year=2023), {})[0]


def test_yaml_alias_bomb_as_a_pack(tmp_path):
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"] + [
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]" for i in range(7)]
    path = write(tmp_path, "bomb.yaml", "pack: bomb\nversion: '1'\ndescription: x\n" + "\n".join(levels) + "\n")
    [message] = problems(path)
    assert "too many YAML nodes" in message


def test_constants_must_be_decimal_numbers(tmp_path):
    text = ("pack: p\nversion: '1'\nrules:\n  - id: P-X-001\n    kind: compare\n    left: /overall/score\n"
            "    op: '<'\n    value: abc\n    message: {zh: x}\n")
    [message] = problems(write(tmp_path, "p.yaml", text))
    assert "P-X-001" in message and "abc" in message


def test_an_override_wins_whatever_the_pack_order(cli, tmp_path):
    from conftest import EXAMPLE_JSON

    local = write(tmp_path, "local.yaml", "pack: local\nversion: '1'\nextends: [national]\n"
                  "overrides:\n  NAT-ARITH-004: {enabled: false}\n")
    for order in (["hebei", str(local)], [str(local), "hebei"]):
        args = ["check", EXAMPLE_JSON, "--format", "json"]
        for name in order:
            args += ["--pack", name]
        out = json.loads(cli(*args).stdout)
        assert "NAT-ARITH-004" not in {f["rule_id"] for f in out["reports"][0]["findings"]}, order


def test_hebei_county_outline_only_for_county_departments():
    auditor = Auditor(Options())
    for name, expected in (("河北省财政厅", ["national"]), ("石家庄市财政局", ["national"]),
                           ("青龙满族自治县财政局", ["hebei"])):
        assert [p.name for p in auditor.packs_for(minimal_report(department={"name": name}))] == expected, name


def test_a_named_pack_gives_way_to_a_pack_it_extends_by_a_relative_file(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "base.yaml").write_text(
        "pack: base\nversion: '1'\nextends: [national]\napplies_to: {}\nrules: []\n", encoding="utf-8")
    (tmp_path / "local.yaml").write_text(
        "pack: local\nversion: '1'\nextends: [sub/base.yaml]\napplies_to: {fiscal_years: {from: 2023}}\nrules: []\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path / "sub")  # relative to the pack's own file, never to the working folder
    auditor = Auditor(Options(packs=[str(tmp_path / "local.yaml")]))
    assert [p.name for p in auditor.packs_for(minimal_report(fiscal_year=2021))] == ["base"]
    assert [p.name for p in auditor.packs_for(minimal_report(fiscal_year=2024))] == ["local"]
