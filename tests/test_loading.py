"""Structured reports: precision kept, broken files become input findings, the batch goes on."""

import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jixiao.engine import Auditor, Options
from jixiao.errors import InputError
from jixiao.jsonload import JsonPositions, dumps, load_json
from jixiao.yamlsafe import load_yaml

from conftest import EXAMPLE_JSON


def test_json_decimals_keep_precision():
    data = load_json('{"a": 49.90, "b": 49.9, "c": 6}', "x.json")
    assert str(data["a"]) == "49.90" and str(data["b"]) == "49.9" and data["c"] == 6
    assert dumps(data) == '{\n  "a": 49.90,\n  "b": 49.9,\n  "c": 6\n}'


def test_yaml_floats_keep_precision_and_dates_stay_text():
    data, positions = load_yaml("a: 49.90\nb: 2022-05-22\nc: [1, 2.50]\n", "x.yaml")
    assert str(data["a"]) == "49.90" and data["b"] == "2022-05-22" and str(data["c"][1]) == "2.50"
    assert positions["/c/1"].line == 3


@pytest.mark.parametrize("text, key", [
    ('{"a": NaN}', "bad_number"), ('{"a": Infinity}', "bad_number"), ('{"a": 1e99999}', "bad_number"),
    ('{"a": 1, "a": 2}', "duplicate_key"), ('{"a": ', "json_syntax"), ("", "json_syntax"),
])
def test_invalid_json_is_an_input_error(text, key):
    with pytest.raises(InputError) as caught:
        load_json(text, "r.json")
    assert caught.value.key == key
    assert caught.value.render("zh").startswith("r.json")


def test_json_syntax_error_has_line_and_column():
    with pytest.raises(InputError) as caught:
        load_json('{\n  "a": 1,\n  "b": ]\n}', "r.json")
    assert (caught.value.line, caught.value.column) == (3, 8)


def test_yaml_bomb_and_python_tags_refused():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8))
    with pytest.raises(InputError) as caught:
        load_yaml(bomb, "bomb.yaml", max_nodes=100_000)
    assert caught.value.key == "yaml_too_large"
    with pytest.raises(InputError) as caught:
        load_yaml("a: !!python/object/apply:os.system ['true']\n", "evil.yaml")
    assert caught.value.key == "bad_tag" and caught.value.line == 1


def test_json_positions_found_on_demand():
    text = EXAMPLE_JSON.read_text(encoding="utf-8")
    positions = JsonPositions(text)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if '"execution_rate": 54.27' in row)
    assert positions.get("/projects_summary/execution_rate").line == line
    assert positions.get("/sections/3/title").line > positions.get("/sections/2/title").line


def test_broken_files_do_not_stop_the_batch(tmp_path):
    good = tmp_path / "good.json"
    good.write_text(EXAMPLE_JSON.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"kind": "department_self_evaluation",', encoding="utf-8")
    (tmp_path / "list.yaml").write_text("- 1\n- 2\n", encoding="utf-8")
    auditor = Auditor(Options())
    results = {p.name: auditor.check_path(str(p)) for p in sorted(tmp_path.iterdir())}
    assert results["broken.json"].unreadable and results["broken.json"].findings[0].category == "input"
    assert results["broken.json"].findings[0].location.line == 1
    assert results["list.yaml"].unreadable and "对象" in results["list.yaml"].findings[0].message
    assert [f.rule_id for f in results["good.json"].findings if f.severity != "info"] == ["NAT-ARITH-004"]


def test_schema_violations_are_findings_and_rules_still_run(tmp_path):
    report = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    report["overall"]["grade"] = "甲等"
    report["unexpected"] = 1
    path = tmp_path / "r.json"
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    result = Auditor(Options()).check_path(str(path))
    schema = [f for f in result.findings if f.category == "schema"]
    assert {f.pointer for f in schema} == {"/overall/grade", None}
    assert any(f.location and f.location.line > 1 for f in schema)
    assert "NAT-ARITH-004" in {f.rule_id for f in result.findings}


def test_fast_and_reference_validators_agree(example_report):
    from jixiao.validation import violations

    broken = json.loads(json.dumps(example_report, default=str))
    broken["fiscal_year"] = "2021"
    broken["overall"]["execution_rate"] = -5
    for report in (example_report, broken):
        assert [v.pointer for v in violations("report", report, fast=True)] == [v.pointer for v in violations("report", report, fast=False)]
    import jsonschema_rs

    from jixiao.validation import load_schema

    fast = jsonschema_rs.validator_for(load_schema("report"), validate_formats=True)
    assert fast.is_valid(example_report) and not fast.is_valid(broken)


def test_positions_of_many_array_items():
    report = {"projects": [{"name": str(i), "execution_rate": 1.5} for i in range(5000)]}
    positions = JsonPositions(json.dumps(report, indent=1))
    lines = [positions.get(f"/projects/{i}/execution_rate").line for i in range(5000)]
    assert lines == [4 * i + 5 for i in range(5000)]
    assert positions.get("/projects/5000") is None and positions.get("/projects/7/nope") is None


def _pointers(node, prefix=""):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _pointers(value, prefix + "/" + key.replace("~", "~0").replace("/", "~1"))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _pointers(value, f"{prefix}/{index}")


_keys = st.sampled_from(["a", "b", "final", "excellent", 'q"k', "s/l", "t~", "e\\x", "中文", "é", " ", ""])
_scalars = st.none() | st.booleans() | st.integers(-999, 999) | st.sampled_from(
    ["final", '"final": 1', 'x\\"a\\": 1', "\n", "a\u2028b", "excellent", "中文"])
_documents = st.dictionaries(_keys, st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3)
                                                  | st.dictionaries(_keys, inner, max_size=4), max_leaves=25),
                             max_size=6)


@settings(max_examples=400, deadline=None)
@given(_documents, st.sampled_from([None, 1, 2]), st.booleans())
def test_a_key_found_by_its_text_is_where_the_walk_finds_it(document, indent, ascii_only):
    """The search for a key written once (JsonPositions given the document) places every member where the
    walk over the text (JsonPositions without it) does, whatever the keys, escapes and namesakes."""
    text = json.dumps(document, indent=indent, ensure_ascii=ascii_only)
    searched, walked = JsonPositions(text, json.loads(text)), JsonPositions(text)
    for pointer in _pointers(json.loads(text)):
        assert searched.get(pointer) == walked.get(pointer), pointer
    for pointer in ("/nope", "/a/excellent", "/final/0"):
        assert searched.get(pointer) == walked.get(pointer)


def test_a_member_a_plugin_adds_is_not_placed_at_its_namesake():
    text = '{\n  "overall": {"final": 1},\n  "summary": {\n    "excellent": 3\n  }\n}'
    document = json.loads(text)
    positions = JsonPositions(text, document)
    assert positions.get("/summary/excellent").line == 4  # written once: found by its text
    document["overall"]["excellent"] = 2  # enriched in place (jixiao_report_loaded)
    positions.detach()
    assert positions.get("/overall/excellent") is None
    assert positions.get("/overall/final").line == 2


_numerals = st.from_regex(r"\A-?(0|[1-9][0-9]{0,22})(\.[0-9]{1,15})?([eE][-+]?[0-9]{1,3})?\Z")


def _shape(value):
    """A loaded value with each number's type and exact text (1.50 and 1.5 differ)."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(item) for item in value]
    return (type(value).__name__, str(value))


_BOUNDARIES = ["1234567890123456789", "-1234567890123456789", "12345678901234567890", "-12345678901234567890",
               "0.123456789012", "0.1234567890123", "1234567890123456789.5", "12345678901234567890.5",
               "0.000000000000", "0.0000000000000", "1e5", "1E-3", "-0.0", "0", "100.00"]


@settings(max_examples=600, deadline=None)
@given(st.lists(_numerals | st.sampled_from(_BOUNDARIES), min_size=1, max_size=6),
       st.sampled_from(["", "1e5", "12345678901234567890", "中文"]))
@example(["12345678901234567890"], "")
@example(["0.1234567890123"], "")
@example(["2E+3"], "")
def test_numbers_loaded_without_a_look_each_are_what_the_careful_load_gives(numerals, note):
    """load_json skips its per-number checks only for a text whose every number certainly passes them:
    the same values (type and stated precision), and the same refusals, as the careful way."""
    import jixiao.jsonload as jl

    text = '{"note": "' + note + '", "figures": [' + ", ".join(numerals) + "]}"

    def load(careful):
        original = jl._plain_numbers
        jl._plain_numbers = (lambda text: False) if careful else original
        try:
            return ("ok", _shape(load_json(text, "r.json")))
        except InputError as exc:
            return ("refused", exc.key)
        finally:
            jl._plain_numbers = original

    assert load(careful=False) == load(careful=True)
