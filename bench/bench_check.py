"""Reports per second for `check`, side by side with a hand-written script and the floor, in one run.

    python bench/bench_check.py               # everything below (a few minutes)
    python bench/bench_check.py --quick       # fewer reports and rounds

1. Whole process, 10,000 seed-sized structured reports (~4 KB, no provenance) in a folder, one core:
   `jixiao check FOLDER --format json --jobs 1` (file read to output, the path a user hits) against
   bench/handwritten.py (the same Decimal load, schema validation and arithmetic, written by hand) and
   against the floor (orjson + jsonschema_rs: read, parse, validate, nothing else).
2. In process, per report: seed-sized and 20-project reports through the JSON extractor and the engine,
   the cost per project (0, 5, 10, 20 projects) and per rule (10, 25, all rules selected), with a
   straight-line fit, so a cost that is not linear shows.

The machine is shared: every figure is the median of rounds that alternate between the contenders, so
a burst of load falls on all of them alike.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import dump, make_report  # noqa: E402

from jixiao.engine import Auditor, Options  # noqa: E402
from jixiao.plugins.extractors.structured import extract_json  # noqa: E402

OUT = HERE / "out"
BIN = Path(sys.executable).parent


def corpus(name: str, count: int, projects: int = 0) -> Path:
    folder = OUT / name
    existing = len(list(folder.glob("*.json"))) if folder.exists() else 0
    if existing != count:
        folder.mkdir(parents=True, exist_ok=True)
        for seed in range(existing, count):
            (folder / f"report-{seed:06d}.json").write_text(dump(make_report(seed, projects, provenance=False)),
                                                            encoding="utf-8")
    return folder


def _process(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    return elapsed


def whole_process(count: int, rounds: int) -> None:
    folder = corpus(f"check-seed-{count}", count)
    contenders = {
        "jixiao check": [str(BIN / "jixiao"), "check", str(folder), "--format", "json", "--jobs", "1",
                         "--fail-on", "never", "--no-progress"],
        "hand-written script": [sys.executable, str(HERE / "handwritten.py"), str(folder)],
        "floor (orjson + jsonschema_rs)": [sys.executable, str(HERE / "handwritten.py"), str(folder), "--floor"],
    }
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, command in contenders.items():  # alternating: each round runs every contender once
            times[name].append(_process(command))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"\n1. whole process, {count:,} seed-sized reports in one folder, one core "
          f"(median of {rounds} alternating rounds; start-up included):")
    base = medians["jixiao check"]
    for name, seconds in medians.items():
        ratio = f"  jixiao is {base / seconds:.2f}× this" if name != "jixiao check" else ""
        print(f"   {name:32s} {seconds:6.2f} s  {count / seconds:8,.0f} reports/s  {seconds / count * 1e6:6.0f} µs/report{ratio}")
    rate, ratio = count / base, base / medians["hand-written script"]
    print(f"   target ≥ 3,000 reports/s: {'met' if rate >= 3000 else 'NOT met'} ({rate:,.0f}/s); within 3× of the "
          f"hand-written script: {'met' if ratio <= 3 else 'NOT met'} ({ratio:.2f}×, aim 2×); "
          f"{base / medians['floor (orjson + jsonschema_rs)']:.1f}× the floor")


def _payloads(count: int, projects: int, deductions: bool = True) -> list[bytes]:
    return [dump(make_report(seed, projects, provenance=False, deductions=deductions)).encode() for seed in range(count)]


def _per_report(auditor: Auditor, payloads: list[bytes]) -> float:
    start = time.perf_counter()
    for index, data in enumerate(payloads):
        name = f"r{index}.json"
        auditor.check_extraction(extract_json(name, data), name)
    return (time.perf_counter() - start) / len(payloads) * 1e6


def _handwritten_per_report(payloads: list[bytes], floor: bool) -> float:
    """The hand-written script's work (or the floor's) per report, in this process, on the same bytes."""
    import json
    from decimal import Decimal

    import handwritten

    validator = _validator()
    start = time.perf_counter()
    if floor:
        import orjson

        for data in payloads:
            validator.is_valid(orjson.loads(data))
    else:
        for index, data in enumerate(payloads):
            report = json.loads(data.decode("utf-8"), parse_float=Decimal)
            errors = [e.instance_path for e in validator.iter_errors(report)] if not validator.is_valid(report) else []
            json.dumps({"source": f"r{index}.json", "schema": len(errors), "problems": handwritten.check(report)})
    return (time.perf_counter() - start) / len(payloads) * 1e6


_VALIDATOR: list = []


def _validator():
    if not _VALIDATOR:
        import json

        import handwritten
        import jsonschema_rs

        _VALIDATOR.append(jsonschema_rs.validator_for(json.loads(handwritten.SCHEMA.read_text(encoding="utf-8")),
                                                      validate_formats=True))
    return _VALIDATOR[0]


def _fit(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Least squares: (slope, intercept, worst relative deviation from the line)."""
    xs, ys = [x for x, _ in points], [y for _, y in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x in xs)
    intercept = my - slope * mx
    worst = max(abs(y - (slope * x + intercept)) / y for x, y in points)
    return slope, intercept, worst


def in_process(count: int, rounds: int) -> None:
    auditor = Auditor(Options())
    sizes = {projects: _payloads(count if projects <= 5 else max(count // 4, 50), projects) for projects in (0, 5, 10, 20)}
    rule_ids = [r.id for r in auditor.rules_for(auditor.packs_for(make_report(0, 20, provenance=False)))]
    selections = {k: Auditor(Options(select=rule_ids[:k])) for k in (10, 25, len(rule_ids))}
    twenty = sizes[20]
    clean = _payloads(len(twenty), 20, deductions=False)  # every indicator at full score: fewer findings
    contenders = {("projects", p): (auditor, payloads) for p, payloads in sizes.items()}
    contenders[("clean", 20)] = (auditor, clean)
    contenders |= {("rules", k): (a, twenty) for k, a in selections.items()}
    for a, payloads in contenders.values():
        _per_report(a, payloads[:20])  # warm up: packs compiled, schemas built
    yardsticks = {"hand-written": False, "floor": True}
    for floor in yardsticks.values():
        _handwritten_per_report(sizes[0][:20], floor)
    times: dict[tuple, list[float]] = {key: [] for key in [*contenders, *yardsticks]}
    for _ in range(rounds):
        for key, (a, payloads) in contenders.items():
            times[key].append(_per_report(a, payloads))
        for name, floor in yardsticks.items():
            times[name].append(_handwritten_per_report(sizes[0], floor))
    us = {key: statistics.median(values) for key, values in times.items()}
    seed, big = us[("projects", 0)], us[("projects", 20)]
    hand, floor_us = us["hand-written"], us["floor"]
    print(f"\n2. in process (JSON extractor + engine, no output), median of {rounds} alternating rounds:")
    print(f"   seed-sized:  {seed:6.0f} µs/report  {1e6 / seed:8,.0f} reports/s per core; {seed / hand:.2f}× the "
          f"hand-written script ({hand:.0f} µs), {seed / floor_us:.1f}× the floor ({floor_us:.0f} µs, orjson + jsonschema_rs)")
    print(f"   20 projects: {big:6.0f} µs/report  {1e6 / big:8,.0f} reports/s per core "
          f"(target ≥ 600/s: {'met' if 1e6 / big >= 600 else 'NOT met'})")
    found = [len(auditor.check_extraction(extract_json("r.json", data), "r.json").findings) for data in (twenty[0], clean[0])]
    print(f"   (those have {found[0]} findings each; with every indicator at full score, {found[1]}: "
          f"{us[('clean', 20)]:.0f} µs/report, {1e6 / us[('clean', 20)]:,.0f} reports/s)")
    slope, intercept, worst = _fit([(p, us[("projects", p)]) for p in (0, 5, 10, 20)])
    print("   per project: " + ", ".join(f"{p} → {us[('projects', p)]:.0f} µs" for p in (0, 5, 10, 20))
          + f"; {slope:.0f} µs per project (+{intercept:.0f}), within {worst:.0%} of a straight line")
    slope, intercept, worst = _fit([(k, us[("rules", k)]) for k in selections])
    print("   per rule (20-project reports): " + ", ".join(f"{k} rules → {us[('rules', k)]:.0f} µs" for k in selections)
          + f"; {slope:.1f} µs per rule (+{intercept:.0f}), within {worst:.0%} of a straight line")
    rule_costs(auditor, twenty)


def rule_costs(auditor: Auditor, payloads: list[bytes], top: int = 8) -> None:
    """µs per report spent in each rule (one pass, each rule timed around its call; a rule that reads a
    value or a position first pays for reading it), and outside the rules."""
    from jixiao import engine

    spent: dict[str, float] = {}
    name = "_check_rule" if hasattr(engine, "_check_rule") else "run_compiled"  # (an engine before the flat plan)
    original = getattr(engine, name)

    def timed(rule, *args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return original(rule, *args, **kwargs)
        finally:
            spent[rule.id] = spent.get(rule.id, 0.0) + time.perf_counter() - start

    setattr(engine, name, timed)
    try:
        total = _per_report(auditor, payloads)
    finally:
        setattr(engine, name, original)
    per = {rule_id: seconds / len(payloads) * 1e6 for rule_id, seconds in spent.items()}
    ranked = sorted(per.items(), key=lambda item: -item[1])
    print(f"   costliest rules on 20-project reports (µs/report, one timed pass of {total:.0f} µs; "
          f"{total - sum(per.values()):.0f} µs outside the rules: read, validate, select, sort): "
          + ", ".join(f"{rule_id} {cost:.0f}" for rule_id, cost in ranked[:top])
          + f"; the other {len(ranked) - top} together {sum(cost for _, cost in ranked[top:]):.0f}")


if __name__ == "__main__":
    quick = "--quick" in sys.argv[1:]
    in_process(200 if quick else 1000, 3 if quick else 5)
    whole_process(2000 if quick else 10_000, 3)
