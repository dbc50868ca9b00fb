"""The 自评表 corpus under tests/corpus/tables/: project and department self-evaluation tables we wrote in
every format departments send (DOCX, XLSX, XLS, PDF with grid lines, PDF text saved as .txt, prose plus
several tables), clean and with one planted fault each. The corpus was written before the extractor read it.

Each NAME.expected lists the findings the document must give (rule, severity, and the project and row a
reviewer looks for), the rules it must not fire, and the field values the extractor must read. A test fails
on any miss, any false finding at warning or above, or a field read wrong; one more prints recall, precision
and field accuracy over the whole corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import read_sidecar

from jixiao.engine import Auditor, Options

from test_extract_corpus import score

CORPUS = Path(__file__).resolve().parent / "corpus" / "tables"
SIDECARS = sorted(CORPUS.glob("*.expected"))


def _source(sidecar: Path) -> Path:
    stem = sidecar.name[: -len(".expected")]
    [source] = [p for p in CORPUS.iterdir() if p.stem == stem and p.suffix not in (".expected", ".yaml")]
    return source


def _spec(sidecar: Path) -> dict:
    return read_sidecar(sidecar)


def _place(finding) -> str:
    label = finding.location.label if finding.location and finding.location.label else ""
    return f"{label} {finding.message}"


def _hits(findings, want: dict) -> list:
    out = []
    for f in findings:
        if f.rule_id != want["rule"] or f.severity != want["severity"]:
            continue
        place = _place(f)
        if want.get("project") and want["project"] not in place:
            continue
        if want.get("row") and want["row"] not in place:
            continue
        out.append(f)
    return out


def judge(result, spec) -> tuple[int, int, list[str], list[str]]:
    """(planted faults found, planted faults, what was missed, false findings at warning or above)."""
    findings = [f for f in result.findings if f.severity in ("error", "warning")]
    expected = spec["findings"]
    musts = expected.get("must") or []
    found, missed = 0, []
    matched: set[int] = set()
    for want in musts:
        hits = _hits(findings, want)
        if hits:
            found += 1
            matched.update(id(f) for f in hits)
        else:
            missed.append(f"missing {want}")
    false = []
    for rule in expected.get("must_not") or []:
        false += [f"{f.rule_id} {f.severity}: {f.message}" for f in result.findings
                  if f.rule_id == rule and id(f) not in matched and f.severity in ("error", "warning")]
    if expected.get("exhaustive"):
        wanted = {(w["rule"], w["severity"]) for w in musts}
        false += [f"{f.rule_id} {f.severity}: {f.message}" for f in findings
                  if id(f) not in matched and (f.rule_id, f.severity) not in wanted]
    return found, len(musts), missed, sorted(set(false))


@pytest.fixture(scope="module")
def auditor():
    return Auditor(Options())


def test_corpus_covers_every_format():
    specs = [_spec(s) for s in SIDECARS]
    assert len(specs) >= 24
    suffixes = {_source(s).suffix for s in SIDECARS}
    assert {".docx", ".xlsx", ".xls", ".pdf", ".txt"} <= suffixes
    faulty = [s for s in specs if s["findings"].get("must")]
    assert len(faulty) >= 12 and len(specs) - len(faulty) >= 8


@pytest.mark.parametrize("sidecar", SIDECARS, ids=lambda p: p.name[: -len(".expected")])
def test_table_document(sidecar, auditor):
    spec = _spec(sidecar)
    result = auditor.check_path(str(_source(sidecar)))
    assert not result.unreadable, [f.message for f in result.findings]
    assert not [f for f in result.findings if f.category == "internal"], [f.message for f in result.findings]
    found, total, missed, false = judge(result, spec)
    assert not missed and not false, "\n".join(missed + false)
    right, total_fields, wrong = score(result.report, spec)
    assert not wrong, "\n".join(wrong)
    # every table value points at its cell: table, row, column, and a label naming the project and row
    for pointer, where in result.report.get("provenance", {}).items():
        if pointer.startswith(("/projects/", "/department_table/")):
            assert where.get("table") and where.get("row") and where.get("col"), pointer
            assert where.get("label"), pointer


def test_recall_precision_and_field_accuracy(auditor):
    found = planted = false_count = reported = 0
    right = total = 0
    notes = []
    for sidecar in SIDECARS:
        spec = _spec(sidecar)
        result = auditor.check_path(str(_source(sidecar)))
        f, p, missed, false = judge(result, spec)
        found, planted = found + f, planted + p
        false_count += len(false)
        reported += f + len(false)
        r, t, wrong = score(result.report or {}, spec)
        right, total = right + r, total + t
        notes += [f"{sidecar.name}: {m}" for m in missed + false + wrong]
    recall = found / planted if planted else 1.0
    precision = found / reported if reported else 1.0
    accuracy = right / total if total else 0.0
    print(f"\n自评表 corpus: {len(SIDECARS)} documents; recall {found}/{planted} = {recall:.2%}; "
          f"precision {found}/{reported} = {precision:.2%}; fields {right}/{total} = {accuracy:.2%}")
    assert total > 500
    assert recall >= 0.95 and precision >= 0.95 and accuracy >= 0.95, "\n".join(notes)
