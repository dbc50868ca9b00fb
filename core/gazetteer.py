"""Where a department sits, from its name: a gazetteer of China's administrative divisions.

    >>> region_for("青龙满族自治县总工会")
    {'province': '河北省', 'city': '秦皇岛市', 'county': '青龙满族自治县'}
    >>> region_for("朝阳区民政局") is None   # Beijing's or Changchun's: never a guess
    True

The data is the Ministry of Civil Affairs' list of divisions at county level and above, shipped as
`jixiao/data/divisions.tsv` (source and corrections in `jixiao/data/README.md`), read once per process
on first use. The index of names is shipped prebuilt beside it (`divisions.index.json`, written by
`tools/build_division_index.py`), and used only when it was built from exactly that data file (it records
the file's sha256); otherwise the index is built from the data at first use.

How a name is read:
- every official name (河北省, 秦皇岛市, 青龙满族自治县, 朝阳区 …) is found in the name, leftmost and
  longest first, so a name inside a longer one (雄县 in 当雄县) does not count;
- the usual short forms of autonomous areas count too: 青龙县 for 青龙满族自治县, 恩施州 for
  恩施土家族苗族自治州, 莫力达瓦旗, 广西 for 广西壮族自治区;
- names that are also ordinary words for parts of a town (城区, 郊区, 矿区, 市中区, 城东区 …) count
  only right after their city's name (阳泉市城区), never alone;
- the answer is the place that lies within every place named; where several fit (a bare 朝阳区),
  only what they share is returned (or None), and where none fits (two unrelated places) None.

Municipalities (北京市, 天津市, 上海市, 重庆市) are both province and city. A county-level unit directly
under a province (仙桃市, 石河子市) has no city.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["region_for", "divisions"]

DATA_FILE = "divisions.tsv"
INDEX_FILE = "divisions.index.json"  # the name index, prebuilt from DATA_FILE by tools/build_division_index.py
PREFECTURE_TYPES = frozenset({"地级市", "地区", "自治州", "盟"})
MUNICIPALITY_TYPE = "直辖市"

# Names that are also everyday words for parts of a town: matched only as "<parent name><name>".
GENERIC_NAMES = frozenset({
    "城区", "郊区", "矿区", "东区", "西区", "市中区", "市北区", "市南区",
    "城中区", "城东区", "城西区", "城北区", "新城区", "老城区", "新市区",
})

# The 55 minority nationalities, as they appear inside names of autonomous areas (with or without 族).
ETHNIC_NAMES = (
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家",
    "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇",
    "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米",
    "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙",
    "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
)
# 各族 stands for several nationalities at once (龙胜各族自治县 → 龙胜县).
_ETHNIC_BY_LENGTH = sorted((*ETHNIC_NAMES, "各"), key=len, reverse=True)
_AUTONOMOUS_SUFFIXES = {"自治县": "县", "自治旗": "旗", "自治州": "州", "自治区": ""}


# name → the numbers of the divisions it may mean; and the first two characters of a name → the lengths of
# the names that start with them, longest first
NameIndex = tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    type: str
    region: tuple[tuple[str, str], ...]  # (level, name) from the province down to this division
    chain: frozenset[int]  # indices of this division and every division above it


class Gazetteer:
    """The divisions, and an index of the names (and short forms) by which a text can mention them.

    Only the name index is built up front; a division's place in the hierarchy (its region, the chain of
    divisions above it) is worked out the first time a lookup needs it, so a process that reads a few
    department names pays for a few divisions, not for all 3,213."""

    def __init__(self, rows: list[tuple[str, str, str, str]], prebuilt: NameIndex | None = None):
        """`prebuilt`: what `build_index(rows)` gives, read from the shipped file; built here if None."""
        self._rows = rows
        self._by_code = {code: (parent, name, kind) for code, parent, name, kind in rows}
        self._order = {code: i for i, (code, *_rest) in enumerate(rows)}
        self._built: dict[int, Division] = {}
        self.index, self._heads = prebuilt if prebuilt is not None else build_index(rows)

    def division(self, i: int) -> Division:
        """Division number `i` (in the order of the data file), built on first use."""
        built = self._built.get(i)
        if built is None:
            code, _, name, kind = self._rows[i]
            by_code = self._by_code
            lineage = [code]
            while by_code[lineage[-1]][0]:
                lineage.append(by_code[lineage[-1]][0])
            lineage.reverse()
            built = self._built[i] = Division(code, name, kind, _region(lineage, by_code),
                                              frozenset(self._order[c] for c in lineage))
        return built

    @property
    def divisions(self) -> list[Division]:
        """Every division (builds them all: for tests and tools, not for lookups)."""
        return [self.division(i) for i in range(len(self._rows))]

    def mentions(self, text: str) -> list[tuple[str, tuple[int, ...]]]:
        """The division names in a text, leftmost-longest and not overlapping, with what each may mean."""
        found = []
        i, end = 0, len(text)
        heads, index = self._heads, self.index
        while i < end - 1:
            lengths = heads.get(text[i:i + 2])
            if lengths:
                for length in lengths:
                    ids = index.get(text[i:i + length]) if i + length <= end else None
                    if ids:
                        found.append((text[i:i + length], ids))
                        i += length
                        break
                else:
                    i += 1
            else:
                i += 1
        return found

    def region_for(self, name: str) -> dict[str, str] | None:
        text = "".join(name.split())
        mentions = [ids for _, ids in self.mentions(text)]
        if not mentions:
            return None
        division = self.division
        fitting = {c for ids in mentions for c in ids
                   if all(not division(c).chain.isdisjoint(other) for other in mentions)}
        # The deepest places only: a place above another that fits adds nothing.
        deepest = [c for c in fitting if not any(c in division(o).chain for o in fitting if o != c)]
        if not deepest:
            return None
        regions = [division(c).region for c in deepest]
        shared: dict[str, str] = {}
        for position, step in enumerate(regions[0]):
            if all(len(r) > position and r[position] == step for r in regions[1:]):
                shared[step[0]] = step[1]
            else:
                break
        return shared or None


def _region(lineage: list[str], by_code: dict[str, tuple[str, str, str]]) -> tuple[tuple[str, str], ...]:
    province_code, *below = lineage
    province_name, province_type = by_code[province_code][1], by_code[province_code][2]
    steps = [("province", province_name)]
    if province_type == MUNICIPALITY_TYPE:
        steps.append(("city", province_name))
    for code in below:
        kind = by_code[code][2]
        steps.append(("city" if kind in PREFECTURE_TYPES else "county", by_code[code][1]))
    return tuple(steps)


def _short_form(name: str) -> str | None:
    """The usual short form of an autonomous area's name: 青龙满族自治县 → 青龙县, 广西壮族自治区 → 广西."""
    for suffix, short_suffix in _AUTONOMOUS_SUFFIXES.items():  # noqa: B007 (used after the break)
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            break
    else:
        return None
    changed = True
    while changed:
        changed = False
        for ethnic in _ETHNIC_BY_LENGTH:
            if stem.endswith(ethnic + "族"):
                stem, changed = stem[: -len(ethnic) - 1], True
                break
            # Without 族 only where a name of two characters or more is left (内蒙古 stays 内蒙古).
            if len(ethnic) > 1 and stem.endswith(ethnic) and len(stem) - len(ethnic) >= 2:
                stem, changed = stem[: -len(ethnic)], True
                break
    if len(stem) < 2:
        return None
    return stem + short_suffix


def build_index(rows: list[tuple[str, str, str, str]]) -> NameIndex:
    """The names (and short forms) by which a text can mention each division, and their heads."""
    parent_names = {code: name for code, _parent, name, _kind in rows}
    names: dict[str, set[int]] = {}
    for i, (_code, parent, name, _kind) in enumerate(rows):
        if name in GENERIC_NAMES:
            names.setdefault(parent_names[parent] + name, set()).add(i)
            continue
        names.setdefault(name, set()).add(i)
        short = _short_form(name)
        if short:
            names.setdefault(short, set()).add(i)
    index = {name: tuple(sorted(ids)) for name, ids in names.items()}
    heads: dict[str, set[int]] = {}
    for name in index:
        heads.setdefault(name[:2], set()).add(len(name))
    return index, {head: tuple(sorted(lengths, reverse=True)) for head, lengths in heads.items()}


def index_text(data: bytes) -> str:
    """The text of INDEX_FILE for the data file's bytes: the index `build_index` gives, one name a line,
    with the data file's sha256 (what `tools/build_division_index.py` writes)."""
    index, heads = build_index(_parse_rows(data))

    def lines(mapping: dict[str, tuple[int, ...]]) -> str:
        return ",\n".join(f"{json.dumps(key, ensure_ascii=False)}: {json.dumps(list(value))}"
                          for key, value in mapping.items())

    return (f'{{"source": "{DATA_FILE}", "sha256": "{hashlib.sha256(data).hexdigest()}",\n'
            f'"index": {{\n{lines(index)}\n}},\n"heads": {{\n{lines(heads)}\n}}}}\n')


def _parse_rows(data: bytes) -> list[tuple[str, str, str, str]]:
    rows = []
    for line in data.decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            code, parent, name, kind = line.split("\t")
            rows.append((code, parent, name, kind))
    return rows


def _prebuilt(folder: Traversable, data: bytes) -> NameIndex | None:
    """The shipped index if it was built from exactly these bytes of the data file, else None."""
    try:
        shipped = json.loads(folder.joinpath(INDEX_FILE).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(shipped, dict) or shipped.get("sha256") != hashlib.sha256(data).hexdigest():
        return None
    return ({name: tuple(ids) for name, ids in shipped["index"].items()},
            {head: tuple(lengths) for head, lengths in shipped["heads"].items()})


def _load() -> Gazetteer:
    folder = resources.files("jixiao").joinpath("data")
    data = folder.joinpath(DATA_FILE).read_bytes()
    return Gazetteer(_parse_rows(data), _prebuilt(folder, data))


_gazetteer: Gazetteer | None = None
_lock = threading.Lock()


def divisions() -> Gazetteer:
    """The gazetteer, built on first use and kept for the life of the process."""
    global _gazetteer
    if _gazetteer is None:
        with _lock:
            if _gazetteer is None:
                _gazetteer = _load()
    return _gazetteer


def region_for(name: str) -> dict[str, str] | None:
    """`{province, city, county}` of the place a department's name puts it in, as far as that is
    unambiguous; None when the name names no place, or places that do not fit together.

    Keys are present only where known: 河北省财政厅 → {province: 河北省}.
    """
    if not name:
        return None
    return divisions().region_for(name)
