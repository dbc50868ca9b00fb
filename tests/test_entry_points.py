"""Entry points are read without importlib.metadata (about 15 ms at each start) where the layout allows,
and the list is the one importlib.metadata gives: same entry points, same order, same distributions.

The comparisons run in a fresh interpreter: a module loaded earlier in the test session (the
importlib_metadata backport, which dask imports) changes how distributions are found, and then the
entry points are rightly left to importlib.metadata."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from importlib import metadata

import pytest

from jixiao.pluginmanager import _Distribution, _EntryPoint

COMPARE = """
import json, sys
from importlib import metadata
from jixiao.pluginmanager import _scanned_entry_points, installed_entry_points
path, groups, extra_finder = json.loads(sys.argv[1])
if path is not None:
    sys.path[:] = path
if extra_finder:
    class Finder:
        @staticmethod
        def find_distributions(context=None):
            return []
    sys.meta_path.append(Finder)
if groups is None:
    groups = sorted({ep.group for dist in metadata.distributions() for ep in dist.entry_points})
listed = lambda eps: [(ep.name, ep.value, ep.dist.name) for ep in eps]
out = {}
for group in groups:
    scanned = _scanned_entry_points(group)
    try:
        expected = listed(metadata.entry_points(group=group))
    except Exception as exc:
        expected = type(exc).__name__
    try:
        installed = listed(installed_entry_points(group))
    except Exception as exc:
        installed = type(exc).__name__
    out[group] = {"scanned": None if scanned is None else listed(scanned), "expected": expected,
                  "installed": installed}
print(json.dumps(out))
"""


def _compare(path=None, groups=None, extra_finder=False) -> dict:
    done = subprocess.run([sys.executable, "-c", COMPARE, json.dumps([path, groups, extra_finder])],
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _same_as_importlib(path=None, groups=None) -> dict:
    found = _compare(path, groups)
    for group, result in found.items():
        assert result["scanned"] is not None, f"{group}: the usual layout should not need importlib.metadata"
        assert result["scanned"] == result["expected"] == result["installed"], group
    return {group: result["expected"] for group, result in found.items()}


def test_this_environment_every_group():
    found = _same_as_importlib()
    assert "console_scripts" in found
    assert ["builtin", "jixiao.plugins.builtin", "jixiao"] in found["jixiao"]


def _dist(folder, dirname, name, entry_points=None, metadata_file="METADATA", header=None):
    path = folder / dirname
    path.mkdir(parents=True)
    (path / metadata_file).write_text(header or f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n\nbody\n")
    if entry_points is not None:
        (path / "entry_points.txt").write_text(entry_points)
    return path


def test_made_up_layouts(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    _dist(first, "Plug_A-1.0.dist-info", "Plug-A",
          "# a comment\n[console_scripts]\nx = a:main\n\n[jixiao]\n  zeta = plug_a.z  \nalpha=plug_a:obj.attr [extra]\n")
    _dist(first, "plug.a-2.0.dist-info", "plug.a", "[jixiao]\nshadowed = nowhere\n")  # the same distribution again
    _dist(first, "old_style-0.1.egg-info", "old-style", "[jixiao]\nold = old_style\n", metadata_file="PKG-INFO")
    (first / "not_a_folder.egg-info").write_text("Metadata-Version: 1.0\nName: not-a-folder\n")
    _dist(first, "no_eps-1.0.dist-info", "no-eps")
    _dist(first, "odd_header-1.0.dist-info", "odd", "[jixiao]\nodd = odd\n",
          header="Metadata-Version: 2.1\nName: odd\n  continued\n")  # a folded Name: read by importlib.metadata
    _dist(second, "plug_a-3.0.dist-info", "plug-a", "[jixiao]\nlater = nowhere\n")  # further on sys.path
    _dist(second, "Second-1.0.dist-info", "Second", "[jixiao]\nbuiltin = second.mod\n")
    found = _same_as_importlib([str(first), str(tmp_path / "missing"), str(second)], ["jixiao", "console_scripts"])
    assert {name for name, _, _ in found["jixiao"]} == {"zeta", "alpha", "old", "odd", "builtin"}
    assert any(name == "odd" and "continued" in dist for name, _, dist in found["jixiao"])  # (importlib's reading)
    assert found["console_scripts"] == [["x", "a:main", "Plug-A"]]


def test_other_layouts_are_left_to_importlib_metadata(tmp_path):
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("zipped-1.0.dist-info/METADATA", "Name: zipped\n")
        zipped.writestr("zipped-1.0.dist-info/entry_points.txt", "[jixiao]\nzipped = zipped\n")
    found = _compare([str(archive)], ["jixiao"])["jixiao"]
    assert found["scanned"] is None
    assert found["installed"] == found["expected"] == [["zipped", "zipped", "zipped"]]

    broken = tmp_path / "broken"
    _dist(broken, "broken-1.0.dist-info", "broken", "[jixiao]\nno equals sign\n")
    found = _compare([str(broken)], ["jixiao"])["jixiao"]
    assert found["scanned"] is None
    assert found["installed"] == found["expected"] == "TypeError"  # what importlib.metadata raises for it

    # another finder of distributions (as the importlib_metadata backport installs one)
    plain = tmp_path / "plain"
    _dist(plain, "plain-1.0.dist-info", "plain", "[jixiao]\nplain = plain\n")
    found = _compare([str(plain)], ["jixiao"], extra_finder=True)["jixiao"]
    assert found["scanned"] is None
    assert found["installed"] == found["expected"] == [["plain", "plain", "plain"]]


def test_load_is_importlib_metadatas(tmp_path):
    dist = _Distribution(str(tmp_path))
    assert _EntryPoint("x", "json", dist).load() is json
    assert _EntryPoint("x", "json : JSONDecoder.decode [extra]", dist).load() is json.JSONDecoder.decode
    assert metadata.EntryPoint("x", "json : JSONDecoder.decode [extra]", "g").load() is json.JSONDecoder.decode
    with pytest.raises(AttributeError):
        _EntryPoint("x", "not a value!", dist).load()
    with pytest.raises(AttributeError):
        metadata.EntryPoint("x", "not a value!", "g").load()
