"""The corpus under tests/corpus/: reports we wrote ourselves (different departments, provinces' outlines,
years, phrasings, units, layouts), clean and with known faults. Each NAME.expected.yaml lists the
findings the report must give (rule, severity, line) and must not give, and the values the extractor
must read. The PDF and DOCX renderings of each must give the same findings.

The sidecars are YAML named NAME.expected (no .yaml suffix), so `jixiao check tests/corpus/` reads the
reports only."""

from __future__ import annotations

import importlib.util
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import read_sidecar

from jixiao import pointer as jp
from jixiao.engine import Auditor, Options

from test_extract_render import render_docx, render_pdf

CORPUS = Path(__file__).resolve().parent / "corpus"
SIDECARS = sorted(CORPUS.glob("*.expected"))
MIN_ACCURACY = 0.95


def _source(sidecar: Path) -> Path:
    stem = sidecar.name[: -len(".expected")]
    [source] = [p for p in CORPUS.iterdir() if p.stem == stem and p.suffix != ".expected"]
    return source


def _load(sidecar: Path) -> dict:
    spec = read_sidecar(sidecar)
    for module in spec.get("requires", []):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"needs {module}")
    return spec


def _resolve(report, pointer):
    value = jp.resolve(report, pointer)
    return None if value is jp.MISSING else value


def _matches(got, expected) -> bool:
    if isinstance(got, Decimal):
        # the exact text, so a lost or added decimal (precision) counts as wrong
        return isinstance(expected, str) and format(got, "f") == expected
    if isinstance(got, float):
        return False  # money and rates are never floats
    return got == expected


def measure(checked, judge) -> tuple[float, float, float, str, list[str]]:
    """Recall, precision and field accuracy over a corpus, its summary line and what went wrong: `checked`
    gives (name, result, sidecar spec) for each document, `judge(name, result, spec)` its (planted faults
    found, planted, misses, false findings)."""
    found = planted = false_count = right = total = 0
    notes: list[str] = []
    count = 0
    for name, result, spec in checked:
        count += 1
        f, p, missed, false = judge(name, result, spec)
        found, planted, false_count = found + f, planted + p, false_count + len(false)
        r, t, wrong = score(result.report or {}, spec)
        right, total = right + r, total + t
        notes += [f"{name}: {m}" for m in missed + false + wrong]
    recall = found / planted if planted else 1.0
    precision = found / (found + false_count) if found + false_count else 1.0
    accuracy = right / total if total else 0.0
    line = (f"{count} documents; recall {found}/{planted} = {recall:.2%}; precision {found}/{found + false_count} = "
            f"{precision:.2%}; fields {right}/{total} = {accuracy:.2%}")
    return recall, precision, accuracy, line, notes


def score(report: dict, spec: dict) -> tuple[int, int, list[str]]:
    """(right, total, what was wrong) over the sidecar's fields and the figures it says are absent."""
    right, wrong = 0, []
    for pointer, expected in spec.get("fields", {}).items():
        got = _resolve(report, pointer)
        if _matches(got, expected):
            right += 1
        else:
            wrong.append(f"{pointer}: got {got!r}, expected {expected!r}")
    for pointer in spec.get("absent", []):
        if _resolve(report, pointer) is None:
            right += 1
        else:
            wrong.append(f"{pointer}: should be absent, got {_resolve(report, pointer)!r}")
    return right, right + len(wrong), wrong


def _check_findings(result, spec, with_lines: bool = True):
    findings = [f for f in result.findings if f.rule_id != "JX-EXTRACTION"]
    expected = spec["findings"]
    for want in expected.get("must", []):
        hits = [f for f in findings if f.rule_id == want["rule"] and f.severity == want["severity"]]
        assert hits, f"missing {want}"
        if with_lines:
            lines = [f.location.line if f.location else None for f in hits]
            assert want["line"] in lines, f"{want['rule']} at lines {lines}, expected {want['line']}"
    for rule in expected.get("must_not", []):
        assert not [f for f in findings if f.rule_id == rule], f"unexpected {rule}"
    if expected.get("exhaustive"):
        wanted = {(w["rule"], w["severity"]) for w in expected.get("must", [])}
        extra = [(f.rule_id, f.severity, f.message) for f in findings if (f.rule_id, f.severity) not in wanted]
        assert not extra, f"unexpected findings {extra}"
    assert not [f for f in result.findings if f.category == "internal"]


def test_corpus_is_big_and_varied_enough():
    sources = [_source(s) for s in SIDECARS]
    assert len(sources) >= 12
    specs = [read_sidecar(s) for s in SIDECARS]
    faulty = [s for s in specs if any(w["severity"] in ("error", "warning") for w in s["findings"]["must"])]
    assert len(faulty) >= 6 and len(specs) - len(faulty) >= 4
    assert {p.suffix for p in sources} >= {".txt", ".md"}


@pytest.mark.parametrize("sidecar", SIDECARS, ids=lambda p: p.name.split(".")[0])
def test_corpus_report(sidecar):
    spec = _load(sidecar)
    result = Auditor(Options()).check_path(str(_source(sidecar)))
    assert not result.unreadable
    _check_findings(result, spec)
    right, total, wrong = score(result.report, spec)
    assert not wrong, "\n".join(wrong)
    # every value read has its place in the source
    for pointer, location in result.report.get("provenance", {}).items():
        assert location["line"] >= 1 and location["quote"], pointer


@pytest.mark.parametrize("sidecar", SIDECARS, ids=lambda p: p.name.split(".")[0])
@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_corpus_report_rendered(sidecar, kind, tmp_path):
    spec = _load(sidecar)
    if kind not in spec.get("render", []):
        pytest.skip(f"not rendered to {kind}")
    text = _source(sidecar).read_text(encoding="utf-8")
    if _source(sidecar).suffix == ".md":
        text = "\n".join(line.lstrip("#").strip().replace("**", "") for line in text.split("\n"))
    path = tmp_path / f"report.{kind}"
    render_pdf(text, path) if kind == "pdf" else render_docx(text, path)
    result = Auditor(Options()).check_path(str(path))
    _check_findings(result, spec, with_lines=False)
    right, total, wrong = score(result.report, {**spec, "fields": {
        k: v for k, v in spec["fields"].items() if not k.endswith("/line") and k != "/title"}})
    assert not wrong, "\n".join(wrong)
    if kind == "pdf":
        assert all("page" in loc for loc in result.report["provenance"].values())


def test_field_level_accuracy_over_the_corpus():
    right = total = 0
    figures_right = figures_total = 0
    misses = []
    auditor = Auditor(Options())
    for sidecar in SIDECARS:
        spec = read_sidecar(sidecar)
        if any(importlib.util.find_spec(m) is None for m in spec.get("requires", [])):
            continue
        report = auditor.extract_path(str(_source(sidecar))).report
        r, t, wrong = score(report, spec)
        right, total = right + r, total + t
        figures = {k: v for k, v in spec["fields"].items() if not k.startswith(("/sections", "/title"))}
        fr, ft, _ = score(report, {"fields": figures, "absent": spec.get("absent", [])})
        figures_right, figures_total = figures_right + fr, figures_total + ft
        misses += [f"{sidecar.name}: {w}" for w in wrong]
    accuracy, figure_accuracy = right / total, figures_right / figures_total
    print(f"\nfield-level extraction accuracy: {right}/{total} = {accuracy:.2%} "
          f"(figures only: {figures_right}/{figures_total} = {figure_accuracy:.2%})")
    assert total > 500
    assert accuracy >= MIN_ACCURACY and figure_accuracy >= MIN_ACCURACY, "\n".join(misses)
