"""The published-style corpus under tests/corpus/published/: 42 full-length reports (100–400 lines) in the
styles of 20 provinces and every report type (部门整体, 项目, 专项资金, 转移支付, a bare 自评表 as text), with
website and PDF chrome, running headers, page numbers mid-sentence, totals with their parts, several subjects
under one label and printed form instructions. It was written before the extractor first read it.

Each sidecar lists the findings the report must give (rule, severity, line), rules that must not fire, and
the field values the extractor must read. Field accuracy, finding recall and precision over the whole corpus
are printed, and the test fails below 0.95 on any of them. No finding at warning or above may come from
extraction itself except a real conflict (JX-CONFLICT)."""

from __future__ import annotations

import re

from pathlib import Path

import pytest
from conftest import read_sidecar

from jixiao.engine import Auditor, Options

from test_extract_corpus import measure

CORPUS = Path(__file__).resolve().parent / "corpus" / "published"
SIDECARS = sorted(CORPUS.glob("*.expected"))
FLOOR = 0.95


def _source(sidecar: Path) -> Path:
    stem = sidecar.name[: -len(".expected")]
    [source] = [p for p in CORPUS.iterdir() if p.stem == stem and p.suffix in (".txt", ".md")]
    return source


def _covers(location, lines: set) -> bool:
    """Whether a finding's region (line … end_line: 增长 at a line's end, 10.70% on the next) holds a wanted line."""
    return any(n in lines for n in range(location.line, (location.end_line or location.line) + 1))


def judge(result, spec) -> tuple[int, int, list[str], list[str]]:
    """(planted faults found, planted, misses, false findings at warning or above)."""
    findings = [f for f in result.findings if f.severity in ("error", "warning")]
    expected = spec["findings"]
    musts = expected.get("must") or []
    found, missed, matched = 0, [], set()
    for want in musts:
        lines = {want["line"], *want.get("lines", [])}
        hits = [f for f in findings if f.rule_id == want["rule"] and f.severity == want["severity"]
                and (want["line"] is None  # a missing section has no place
                     or f.location is not None and (_covers(f.location, lines) or any(r.line in lines for r in f.related)))]
        if want["line"] is None:  # (no line to tell them apart: one finding for one planted fault, the others count)
            # where the sidecar names the fault's figures (a Word or PDF place: …664.00…6,864.00), the finding shows one
            figures = {n.replace(",", "") for n in re.findall(r"\d[\d,]*\.\d+", want.get("where") or "")}
            free = [f for f in hits if id(f) not in matched]
            hits = [f for f in free if not figures or any(
                n in (f.message + " " + str(f.location.quote if f.location else "")).replace(",", "") for n in figures)][:1]
            if not hits and want.get("project"):  # (the figures named are the form's others, 指标完成比例 97.48%: the one
                named = [f for f in free if f"“{want['project']}”" in f.message]  # finding on the project named is it)
                hits = named if len(named) == 1 else []
        if hits:
            found += 1
            matched.update(id(f) for f in hits)
        else:
            got = [(f.rule_id, f.severity, f.location.line if f.location else None) for f in findings
                   if f.rule_id == want["rule"]]
            missed.append(f"missing {want} (got {got})")
    false = []
    wanted_rules = {(w["rule"], w["severity"]) for w in musts}
    for f in findings:
        if id(f) in matched:
            continue
        if f.rule_id in (expected.get("must_not") or []) or expected.get("exhaustive") \
                or (f.rule_id, f.severity) not in wanted_rules and f.category in ("schema", "extraction", "input"):
            where = f.location.line if f.location else None
            false.append(f"false {f.rule_id} {f.severity} (line {where}): {f.message}")
    return found, len(musts), missed, false


@pytest.fixture(scope="module")
def results():
    auditor = Auditor(Options())
    return {s.name: (auditor.check_path(str(_source(s))), read_sidecar(s))
            for s in SIDECARS}


def test_corpus_is_full_length_and_varied():
    assert len(SIDECARS) >= 40
    specs = [read_sidecar(s) for s in SIDECARS]
    assert len({s.get("province") for s in specs}) >= 10
    kinds = {s["fields"].get("/kind") for s in specs}
    assert {"department_self_evaluation", "project_self_evaluation", "special_fund_self_evaluation",
            "transfer_payment_self_evaluation", "self_evaluation_tables"} <= kinds
    for sidecar in SIDECARS:
        lines = _source(sidecar).read_text(encoding="utf-8").count("\n")
        assert 100 <= lines <= 420, sidecar.name


def test_recall_precision_and_field_accuracy(results):
    recall, precision, accuracy, line, notes = measure(
        ((name, result, spec) for name, (result, spec) in results.items()), lambda _, result, spec: judge(result, spec))
    print(f"\npublished corpus: {line}")
    assert recall >= FLOOR and precision >= FLOOR and accuracy >= FLOOR, "\n".join(notes)


def test_extraction_never_accuses(results):
    """Nothing jixiao failed to read becomes a warning or an error about the report; a real conflict
    (the same figure of the same subject stated twice) is a warning."""
    for name, (result, _) in results.items():
        for f in result.findings:
            if f.category in ("extraction", "schema") or f.rule_id == "JX-CONFLICT":
                assert f.severity in ("info",) or (f.rule_id == "JX-CONFLICT" and f.severity == "warning"), \
                    f"{name}: {f.rule_id} {f.severity}: {f.message}"
