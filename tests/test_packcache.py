"""The cache of packs found sound: the same packs as reading the YAML, never a stale one, never a broken one,
and a damaged cache is ignored."""

import json

import pytest

from jixiao import packcache
from jixiao.errors import PackError
from jixiao.packs import PackLibrary, read_pack
from jixiao.pluginmanager import default_plugins

KINDS = default_plugins().kinds


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("JIXIAO_CACHE_DIR", str(folder))
    monkeypatch.delenv("JIXIAO_NO_CACHE", raising=False)
    return folder / "packs"


def _pack(tmp_path, body="", name="local"):
    path = tmp_path / f"{name}.yaml"
    path.write_text(f"pack: {name}\nversion: '1'\nextends: [national]\n" + body, encoding="utf-8")
    return path


RULE = """rules:
  - id: LOCAL-RATE-001
    kind: compare
    category: plausibility
    severity: warning
    left: /projects_summary/execution_rate
    op: ">="
    value: 90.5
    message: {zh: "执行率 {left}% 低于 90.5%"}
"""


def _same(a, b):
    assert [r.__dict__.keys() for r in a.rules] == [r.__dict__.keys() for r in b.rules]
    assert [(r.id, r.params, r.message, r.origin, r.severity) for r in a.rules] == \
        [(r.id, r.params, r.message, r.origin, r.severity) for r in b.rules]
    assert a.positions == b.positions and a.key_positions == b.key_positions and a.applies_to == b.applies_to


def test_a_sound_pack_is_cached_and_read_back_the_same(tmp_path, cache):
    path = _pack(tmp_path, RULE)
    first = read_pack(path, KINDS)
    assert len(list(cache.glob("*.json"))) == 1
    again = read_pack(path, KINDS)
    _same(first, again)
    assert str(again.rules[0].params["value"]) == "90.5"  # a Decimal, with its stated precision


def test_the_built_in_packs_resolve_the_same_from_the_cache(cache):
    plugins = default_plugins()
    fresh = {name: PackLibrary(plugins).resolve(name) for name in PackLibrary(plugins).available()}
    cached = {name: PackLibrary(plugins).resolve(name) for name in PackLibrary(plugins).available()}
    assert len(list(cache.glob("*.json"))) == len(fresh)
    for name in fresh:
        assert fresh[name].rules.keys() == cached[name].rules.keys()
        _same(fresh[name].pack, cached[name].pack)


def test_a_changed_file_is_read_again(tmp_path, cache):
    path = _pack(tmp_path, RULE)
    read_pack(path, KINDS)
    path.write_text(path.read_text(encoding="utf-8").replace("90.5", "95"), encoding="utf-8")
    assert str(read_pack(path, KINDS).rules[0].params["value"]) == "95"


def test_a_pack_with_problems_is_never_cached(tmp_path, cache):
    path = _pack(tmp_path, RULE.replace("execution_rate", "executon_rate"))
    with pytest.raises(PackError):
        read_pack(path, KINDS)
    assert not cache.exists() or not list(cache.glob("*.json"))
    with pytest.raises(PackError):  # and still reported the next time
        read_pack(path, KINDS)


def test_a_damaged_cache_entry_is_ignored(tmp_path, cache):
    path = _pack(tmp_path, RULE)
    read_pack(path, KINDS)
    [entry] = cache.glob("*.json")
    entry.write_text("{not json", encoding="utf-8")
    assert read_pack(path, KINDS).rules[0].id == "LOCAL-RATE-001"
    entry.write_text(json.dumps({"data": 1}), encoding="utf-8")
    assert read_pack(path, KINDS).rules[0].id == "LOCAL-RATE-001"


def test_no_cache_when_turned_off_or_unwritable(tmp_path, cache, monkeypatch):
    monkeypatch.setenv("JIXIAO_NO_CACHE", "1")
    read_pack(_pack(tmp_path, RULE), KINDS)
    assert not cache.exists()
    monkeypatch.delenv("JIXIAO_NO_CACHE")
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("JIXIAO_CACHE_DIR", str(blocker))  # a file where the folder should be
    assert read_pack(_pack(tmp_path, RULE, "other"), KINDS).rules[0].id == "LOCAL-RATE-001"


def test_the_key_follows_the_kinds(tmp_path):
    raw = b"pack: x\n"
    kinds = dict(KINDS)
    before = packcache.key(raw, kinds)
    del kinds["compare"]
    assert packcache.key(raw, kinds) != before
