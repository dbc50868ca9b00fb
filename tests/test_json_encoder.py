"""The JSON and SARIF outputs are encoded by orjson where it writes exactly the bytes of
`json.dumps(value, ensure_ascii=False, indent=2)`, and by json everywhere else (jsonstream.dumps)."""

from __future__ import annotations

import collections
import enum
import io
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.plugins.formatters import jsonstream
from jixiao.text_safety import safe_data

orjson = pytest.importorskip("orjson")


def reference(value):
    return json.dumps(value, ensure_ascii=False, indent=2)


keys = st.text(max_size=8)
floats = st.floats(allow_nan=False, allow_infinity=False)
leaves = st.none() | st.booleans() | st.integers(min_value=-(2 ** 70), max_value=2 ** 70) | floats | st.text(max_size=12)
values = st.recursive(leaves, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
                      max_leaves=30)


@settings(max_examples=500, deadline=None)
@given(values)
def test_the_bytes_are_json_s_for_any_plain_value(value):
    assert jsonstream.dumps(value) == reference(value)


@pytest.mark.parametrize("number", [1e-05, -4.0852927526875774e-05, 1e-07, 5e-324, 2.5e-10, 1e-4, 0.00015,
                                    1e16, 1.5e300, 30.0, -0.0, 2 ** 64, -(2 ** 63) - 1, 10 ** 30])
def test_the_numbers_orjson_writes_its_own_way_are_written_as_json_writes_them(number):
    assert jsonstream.dumps({"values": {"seconds": number}, "list": [number]}) == reference(
        {"values": {"seconds": number}, "list": [number]})


def test_what_orjson_would_refuse_or_convert_is_written_by_json():
    Pair = collections.namedtuple("Pair", "left right")

    class Name(str):
        pass

    class Grade(str, enum.Enum):
        EXCELLENT = "优"

    for value in [Pair(1, "x"), {"k": Name("v")}, [Grade.EXCELLENT], (1, 2), {1: "a", None: 2}, [[[[]]]], {}, [],
                  "\u2028\x7f\x00\x1f\"\\", {"quote": "执行率：1e-5，见 0.0000 行"}]:
        assert jsonstream.dumps(value) == reference(value)


def test_options_orjson_does_not_have_go_to_json():
    value = {"b": 1, "a": [1.5, "é"]}
    assert jsonstream.dumps(value, 2, {"sort_keys": True}) == json.dumps(value, ensure_ascii=False, indent=2,
                                                                           sort_keys=True)
    assert jsonstream.dumps(value, 4) == json.dumps(value, ensure_ascii=False, indent=4)


def test_json_alone_writes_the_same_document(monkeypatch):
    document = {"tool": "jixiao", "reports": jsonstream.Items(iter([{"a": 1.5e-07, "b": "中"}, {"c": []}])),
                "summary": jsonstream.Later(lambda: {"n": 2})}
    fast = io.StringIO()
    jsonstream.dump(document, fast)
    document["reports"] = jsonstream.Items(iter([{"a": 1.5e-07, "b": "中"}, {"c": []}]))
    monkeypatch.setattr(jsonstream, "_orjson", lambda: None)
    slow = io.StringIO()
    jsonstream.dump(document, slow)
    assert fast.getvalue() == slow.getvalue()
    assert json.loads(fast.getvalue())["reports"][0]["a"] == 1.5e-07


def test_a_float_that_is_not_a_number_is_written_as_a_string_so_the_output_stays_json():
    made = safe_data({"ratio": math.nan, "limit": math.inf, "floor": -math.inf, "plain": 1.5})
    assert made == {"ratio": "NaN", "limit": "Infinity", "floor": "-Infinity", "plain": 1.5}
    json.loads(jsonstream.dumps(made))  # strict JSON: no bare NaN


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", "中", "\ud800", "\udcff", "\udfff", "\U0001f600", "\x00"])
               | st.characters(codec=None, exclude_categories=()), max_size=12))
def test_a_string_is_unsafe_exactly_when_it_holds_a_lone_surrogate(text):
    import re

    from jixiao.text_safety import has_unsafe, safe_text

    assert has_unsafe(text) == (re.search("[\ud800-\udfff]", text) is not None)
    assert not has_unsafe(safe_text(text))
    safe_text(text).encode("utf-8")  # what is made safe can be written
