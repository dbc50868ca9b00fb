"""Byte-for-byte equivalence of the engine's results across a change to the engine.

Thousands of varied reports (the bench generator's seed-sized and 20-project reports, and every report
of the test corpus as its extractor reads it, each then mutated: fields deleted or nulled, figures
nudged by one unit in the last place or rounded to fewer decimals, numbers written as strings, values
of the wrong type, regions, kinds and fiscal years swapped so other packs apply, list items repeated or
reordered), checked in Chinese and English and with --select/--ignore, through the path a user hits
(the JSON extractor, then the engine). Each result is one line: the result as `jixiao check --format
json` writes it, then the finding values with their Python types.

    python bench/equivalence.py save bench/out/equivalence.jsonl.gz --count 5000   # before a change
    python bench/equivalence.py compare bench/out/equivalence.jsonl.gz           # after it

`tests/test_plan_equivalence.py` runs the first few hundred cases against outputs stored in
tests/data/plan_equivalence/ (`python bench/equivalence.py store-test` rewrites them, after a change
to the packs or the messages that is meant to change the results).
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import random
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any
from collections.abc import Iterator

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import make_report  # noqa: E402

TEST_DATA = ROOT / "tests" / "data" / "plan_equivalence"
SEEDS = TEST_DATA / "seeds.json.gz"  # corpus reports as extracted, so extractor changes do not move the cases
TEST_EXPECTED = TEST_DATA / "expected.jsonl.gz"
TEST_COUNT = 300

PROVINCES = ["河北省", "湖南省", "四川省", "北京市", "吉林省", None]
KINDS = ["department_self_evaluation", "department_self_evaluation", "transfer_payment_self_evaluation", "project_self_evaluation"]
VARIANTS = {  # name: Options keyword arguments
    "zh": {},
    "en": {"lang": "en"},
    "select": {"select": ["NAT-ARITH", "grades", "JX-SCHEMA"]},
    "ignore": {"ignore": ["NAT-PLAUS*", "completeness"], "lang": "en"},
}


# -- the reports ----------------------------------------------------------------------------------

def build_seeds() -> list[str]:
    """Every report of the test corpus as its extractor reads it, as JSON text."""
    from jixiao.engine import Auditor, Options
    from jixiao.jsonload import dumps

    auditor = Auditor(Options(timeout=0))
    found = []
    for folder in (ROOT / "tests" / "corpus", ROOT / "tests" / "corpus" / "tables", ROOT / "examples"):
        for path in sorted(folder.iterdir()):
            if path.suffix not in (".txt", ".docx", ".xlsx", ".xls", ".pdf", ".json") or path.name.startswith("."):
                continue
            try:
                extraction = auditor.extract_path(str(path))
            except Exception:  # noqa: BLE001 - a file the extractors refuse gives no seed
                continue
            if isinstance(extraction.report, dict):
                found.append(dumps(extraction.report))
    return found


def load_seeds() -> list[dict[str, Any]]:
    from jixiao.jsonload import load_json

    with gzip.open(SEEDS, "rt", encoding="utf-8") as stream:
        return [load_json(text, "<seed>") for text in json.load(stream)]


def _nodes(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    yield path, node
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _nodes(child, (*path, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _nodes(child, (*path, index))


def _parent(report: dict, path: tuple) -> Any:
    node = report
    for token in path[:-1]:
        node = node[token]
    return node


def _nudge(value: Decimal, rng: random.Random) -> Any:
    exponent = value.as_tuple().exponent
    unit = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    choice = rng.randrange(6)
    if choice == 0:
        return value + unit
    if choice == 1:
        return value - unit
    if choice == 2:  # one decimal fewer: a rounding boundary moves
        return value.quantize(unit * 10) if exponent < 0 else value * 10
    if choice == 3:
        return value + unit / 2  # half a unit more: x.xx5
    if choice == 4:
        return -value
    return Decimal(0)


def mutate(report: dict, rng: random.Random) -> dict:
    report = copy.deepcopy(report)
    for _ in range(rng.choice([0, 1, 1, 2, 3, 5])):
        nodes = [(p, v) for p, v in _nodes(report) if p]
        if not nodes:
            break
        path, value = rng.choice(nodes)
        parent = _parent(report, path)
        what = rng.randrange(10)
        if what == 0:
            del parent[path[-1]]
        elif what == 1:
            parent[path[-1]] = None
        elif what in (2, 3, 4):
            numbers = [(p, v) for p, v in nodes if isinstance(v, (Decimal, int)) and not isinstance(v, bool)]
            if numbers:
                path, value = rng.choice(numbers)
                _parent(report, path)[path[-1]] = _nudge(Decimal(value), rng)
        elif what == 5:
            numbers = [(p, v) for p, v in nodes if isinstance(v, (Decimal, int)) and not isinstance(v, bool)]
            if numbers:
                path, value = rng.choice(numbers)
                _parent(report, path)[path[-1]] = rng.choice([format(value, "f"), f" {value}", "无", "-"])
        elif what == 6:
            parent[path[-1]] = rng.choice(["无", [], {}, True, 0, "", "1,234.5"])
        elif what == 7:
            department = report.setdefault("department", {"name": "某单位"})
            if isinstance(department, dict):
                region = department.setdefault("region", {})
                if isinstance(region, dict):
                    region["province"] = rng.choice(PROVINCES)
                    if rng.random() < 0.5:
                        region.pop("county", None)
            if rng.random() < 0.3:
                report["kind"] = rng.choice(KINDS)
            if rng.random() < 0.5:
                report["fiscal_year"] = rng.choice([2019, 2020, 2021, 2022, 2023, 2024])
        elif what == 8:
            lists = [(p, v) for p, v in nodes if isinstance(v, list) and v]
            if lists:
                path, value = rng.choice(lists)
                value.append(copy.deepcopy(rng.choice(value)))
        else:
            lists = [(p, v) for p, v in nodes if isinstance(v, list) and len(v) > 1]
            if lists:
                path, value = rng.choice(lists)
                rng.shuffle(value)
    return report


def cases(count: int, start: int = 0) -> Iterator[tuple[str, bytes, str]]:
    """(name, JSON bytes, variant) for cases start … start + count − 1, the same on every run."""
    from jixiao.jsonload import dumps

    seeds = load_seeds()
    for index in range(start, start + count):
        rng = random.Random(index)
        pick = rng.random()
        if pick < 0.35 and seeds:
            base = seeds[rng.randrange(len(seeds))]
        elif pick < 0.85:
            base = make_report(index, provenance=rng.random() < 0.3)
        else:
            base = make_report(index, projects=rng.choice([1, 3, 20]), provenance=False)
        report = mutate(base, rng) if index % 7 else base  # every seventh case as generated
        variant = rng.choices(list(VARIANTS), weights=[70, 15, 8, 7])[0]
        yield f"case-{index:06d}.json", dumps(report).encode("utf-8"), variant


# -- the outputs ----------------------------------------------------------------------------------

def auditors() -> dict[str, Any]:
    from jixiao.engine import Auditor, Options

    return {name: Auditor(Options(timeout=0, **kwargs)) for name, kwargs in VARIANTS.items()}


def output(auditor: Any, name: str, data: bytes) -> str:
    """One line: the result as the JSON formatter writes it, then each finding's values with their types."""
    from jixiao.plugins.extractors.structured import extract_json

    result = auditor.check_extraction(extract_json(name, data), name)
    typed = [[f.rule_id, repr(f.values)] for f in result.findings]
    return json.dumps([result.to_dict(), typed], ensure_ascii=False)


def outputs(count: int, start: int = 0) -> Iterator[str]:
    checkers = auditors()
    for name, data, variant in cases(count, start):
        yield f"{name} {variant} " + output(checkers[variant], name, data)


def save(path: Path, count: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        for line in outputs(count):
            stream.write(line + "\n")


def compare(path: Path) -> int:
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        expected = stream.read().splitlines()
    differing = 0
    for want, got in zip(expected, outputs(len(expected)), strict=True):
        if want != got:
            differing += 1
            if differing <= 3:
                print(f"DIFFERS: {want[:40]}\n  before: {want[:2000]}\n  after:  {got[:2000]}")
    print(f"{len(expected)} reports compared, {differing} differ")
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["save", "compare", "seeds", "store-test"])
    parser.add_argument("path", nargs="?", type=Path)
    parser.add_argument("--count", type=int, default=5000)
    args = parser.parse_args()
    if args.action == "seeds":
        TEST_DATA.mkdir(parents=True, exist_ok=True)
        with gzip.open(SEEDS, "wt", encoding="utf-8") as stream:
            json.dump(build_seeds(), stream, ensure_ascii=False)
        return 0
    if args.action == "store-test":
        save(TEST_EXPECTED, TEST_COUNT)
        return 0
    if args.action == "save":
        save(args.path, args.count)
        return 0
    return compare(args.path)


if __name__ == "__main__":
    raise SystemExit(main())
