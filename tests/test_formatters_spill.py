"""Issue 12, item 5: whole-batch formats read their results from disk (`jixiao.spill.SpilledResults`)
and write as they read; the output is the same bytes as from a list in memory. Memory itself is
measured in bench/bench_memory.py, not here."""

from __future__ import annotations

import gc
import io
import os
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.model import AuditBatch, AuditResult, Finding, Location, RuleRun
from jixiao.spill import SpilledResults, aggregates, replayable

from test_formatters import make_batch, make_reports
from helpers import render

ALL_FORMATS = ("text", "json", "jsonl", "sarif", "junit", "html", "csv", "xlsx")


class PluginFinding(Finding):
    __slots__ = ()




def cells(data: bytes) -> dict:
    """An xlsx's sheets as values, types, number formats and styles: what 'the same workbook' means."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    return {sheet.title: ([(c.coordinate, c.value, c.data_type, c.number_format, c.font.b, c.alignment.wrap_text)
                           for row in sheet.iter_rows() for c in row if c.value is not None],
                          sheet.freeze_panes, sheet.auto_filter.ref,
                          {key: dim.width for key, dim in sheet.column_dimensions.items()})
            for sheet in book.worksheets}


def result(number: int, department: str | None = "财政局") -> AuditResult:
    findings = [Finding("NAT-ARITH-001", "arithmetic", ("error", "warning", "info")[number % 3], f"第 {number} 项不符",
                        pointer="/overall/final", location=Location(number + 1, 3, quote="54.27%"))]
    return AuditResult(source=f"/reports/r{number:03d}.json", findings=findings, department=department,
                       rule_runs=[RuleRun("NAT-ARITH-001", "failed"), RuleRun("NAT-SEC-001", "skipped", "no data")])


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return make_reports(tmp_path_factory.mktemp("spill") / "reports", department="=HYPERLINK(\"x\")")


@pytest.fixture(scope="module", params=["zh", "en"])
def batch(folder, request) -> AuditBatch:
    return make_batch(folder, request.param)


# -- SpilledResults -------------------------------------------------------------------------------
def test_spilled_results_keep_no_result_in_memory():
    spilled = SpilledResults()
    for number in range(50):
        spilled.append(result(number))  # the only reference to each result is given away
    gc.collect()
    alive = [o for o in gc.get_objects() if isinstance(o, AuditResult) and o.source.startswith("/reports/r")]
    assert alive == [] and len(spilled) == 50
    if sys.platform != "win32":  # the temporary file has no name in any folder: nothing to remove, ever
        assert os.fstat(spilled._file.fileno()).st_nlink == 0
    spilled.close()


def test_spilled_results_read_back_as_the_list_they_were():
    originals = [result(number, department=None if number % 4 == 0 else f"部门{number % 3}") for number in range(300)]
    spilled = SpilledResults(originals[:100])
    reading = iter(spilled)
    assert next(reading) == originals[0]
    spilled.extend(originals[100:])  # appending while a pass is under way: that pass ends where it began
    assert len(list(reading)) == 99
    assert list(spilled) == originals and list(spilled) == originals  # any number of passes
    assert len(spilled) == 300 and spilled[0] == originals[0] and spilled[-1] == originals[-1]
    assert spilled[120:123] == originals[120:123]
    with pytest.raises(IndexError):
        spilled[300]
    counted = aggregates(originals)
    assert spilled.aggregates.summary() == counted.summary() == AuditBatch(originals, "x").summary()
    assert spilled.aggregates.departments == counted.departments and spilled.aggregates.rules == counted.rules
    assert AuditBatch(spilled, "x").status_counts() == AuditBatch(originals, "x").status_counts()
    with spilled:
        pass
    assert spilled._file.closed


def test_every_field_survives_the_disk():
    """Findings with related places and Decimal values, suppressed ones, a kept report, a merged tool;
    a plugin's own Finding subclass is pickled whole and comes back as itself."""
    full = result(1)
    full.findings[0].values = {"stated": Decimal("54.27"), "computed": [Decimal("49.9"), Decimal("91.9")]}
    full.findings[0].related = [Location(3, 1, 3, 9, "49.90", page=2, table=1, row=2, col=3, label="执行数", ocr=True)]
    full.suppressed = [replace(full.findings[0], tool="budget-lint")]
    full.report = {"department": {"name": "财政局"}, "fiscal_year": 2021}
    full.packs, full.extractor, full.min_evaluated = [{"name": "national", "version": "1"}], "docx", 0
    odd = result(2)
    odd.findings = [PluginFinding("P-1", "internal", "info", "插件")]
    spilled = SpilledResults([full, odd])
    back, odd_back = list(spilled)
    assert back == full and back.findings[0].values == full.findings[0].values
    assert type(odd_back.findings[0]) is PluginFinding and odd_back == odd


def test_replayable_spills_a_generator_only():
    originals = [result(number) for number in range(5)]
    assert replayable(originals) is originals
    again = replayable(r for r in originals)
    assert isinstance(again, SpilledResults) and list(again) == list(again) == originals


# -- the formats read from disk write what they write from a list -----------------------------------
@pytest.mark.parametrize("name", ALL_FORMATS)
def test_each_format_writes_the_same_from_disk_from_a_list_and_from_a_generator(batch, name):
    from_list = render(name, batch)
    spilled = replace(batch, results=SpilledResults(batch.results))
    one_shot = replace(batch, results=(r for r in batch.results))
    if name == "xlsx":
        assert cells(render(name, spilled)) == cells(from_list) == cells(render(name, one_shot))
    else:
        assert render(name, spilled) == from_list == render(name, one_shot)


@pytest.mark.parametrize("name", ALL_FORMATS)
def test_an_empty_batch_is_the_same_from_disk(name):
    empty = AuditBatch([], "0.0", "zh")
    spilled = render(name, replace(empty, results=SpilledResults()))
    if name == "xlsx":
        assert cells(spilled) == cells(render(name, empty))
    else:
        assert spilled == render(name, empty)


def test_many_departments_and_rules_summarised_from_the_counts():
    """More departments and rules than the html summary shows before folding the rest away."""
    results = [result(number, department=f"第{number % 37}局" if number % 5 else None) for number in range(120)]
    for number, entry in enumerate(results):
        entry.findings.append(replace(entry.findings[0], rule_id=f"NAT-X-{number % 23:03d}", severity="warning"))
    listed = AuditBatch(results, "0.0", "zh")
    spilled = replace(listed, results=SpilledResults(results))
    for name in ("html", "xlsx", "sarif", "json"):
        if name == "xlsx":
            assert cells(render(name, spilled)) == cells(render(name, listed))
        else:
            assert render(name, spilled) == render(name, listed)


@pytest.mark.parametrize("name", ALL_FORMATS)
def test_the_cli_spills_or_streams_and_writes_what_the_formatter_writes_from_memory(cli, folder, tmp_path, monkeypatch,
                                                                                   name):
    appended = []
    original = SpilledResults.append
    monkeypatch.setattr(SpilledResults, "append", lambda self, r: (appended.append(r.source), original(self, r)))
    out = tmp_path / f"out.{name}"
    assert cli("check", folder, "--format", name, "--output", out).exit_code == 2  # a broken file in the folder
    batch = make_batch(folder)
    # jsonl streams; json, text and csv write the results as they come (one_pass): nothing to keep
    assert len(appended) == (0 if name in ("jsonl", "json", "text", "csv") else len(batch.results))
    expected = render(name, batch, {"summary": False})  # the CLI puts the summary line on stderr
    if name == "xlsx":
        assert cells(out.read_bytes()) == cells(expected)
    else:
        assert out.read_bytes() == expected


PLUGIN_FORMATS = '''
from jixiao.kit import Formatter, hookimpl


def _write(batch, stream, options=None):
    one_shot = iter(batch.results) is batch.results
    names = [result.source.rsplit("/", 1)[-1] for result in batch.results]
    stream.write(f"{'generator' if one_shot else type(batch.results).__name__}: {' '.join(names)}\\n")


@hookimpl
def jixiao_register_formatters():
    return [Formatter("names-once", ".txt", _write, one_pass=True), Formatter("names", ".txt", _write)]
'''


@pytest.mark.parametrize("name, handed", [("names-once", "generator"), ("names", "SpilledResults")])
def test_a_plugin_format_that_reads_once_is_handed_the_results_as_they_are_checked(cli, folder, tmp_path, name, handed):
    plugin = tmp_path / "formats.py"
    plugin.write_text(PLUGIN_FORMATS, encoding="utf-8")
    out = tmp_path / "out.txt"
    cli("check", folder, "--plugin", plugin, "--format", name, "--output", out)
    kind, names = out.read_text(encoding="utf-8").strip().split(": ")
    assert kind == handed
    assert names.split() == sorted(p.name for p in Path(folder).iterdir())
