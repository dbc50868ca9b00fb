"""A batch of five reports, one of each status, for the verdict, output and browser tests.

    passed       青龙满族自治县财政局: the example with a consistent execution rate (54.29): only an info hint
    warnings     青龙满族自治县总工会: the example as sent: a 0.02% rounding slip (warning) and an info hint
    errors       青龙满族自治县总工会: the example with a wrong execution rate (60.00): an error
    not_checked  青龙满族自治县文化广电和旅游局: a report with no figures at all: every rule skipped
    unreadable   a truncated JSON file

The example's prose source sits outside the folder checked (in `src/`), so it is quoted but not
checked as a sixth report.
"""

from __future__ import annotations

import json
from pathlib import Path

from jixiao import __version__
from jixiao.engine import Auditor, Options, iter_sources
from jixiao.model import AuditBatch

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXAMPLE_JSON = EXAMPLES / "qinglong-trade-union-2021.json"
EXAMPLE_TXT = EXAMPLES / "qinglong-trade-union-2021.txt"

STATUS_OF = {"passed.json": "passed", "warnings.json": "warnings", "errors.json": "errors",
             "not_checked.json": "not_checked", "unreadable.json": "unreadable"}
LABELS = {"passed": "通过", "warnings": "有警告", "errors": "有错误", "not_checked": "未能检查", "unreadable": "无法读取"}


def _report(rate: float | None, department: str) -> dict:
    data = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    data["department"]["name"] = department
    data["provenance_source"] = "../src/" + EXAMPLE_TXT.name
    if rate is not None:
        data["projects_summary"]["execution_rate"] = rate
    return data


def five_reports(base: Path) -> Path:
    """The five reports in `base/reports` (returned); the prose source in `base/src`."""
    reports, src = base / "reports", base / "src"
    reports.mkdir(parents=True, exist_ok=True)
    src.mkdir(exist_ok=True)
    (src / EXAMPLE_TXT.name).write_text(EXAMPLE_TXT.read_text(encoding="utf-8"), encoding="utf-8")

    def write(name: str, data: dict) -> None:
        (reports / name).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")

    write("passed.json", _report(54.29, "青龙满族自治县财政局"))
    write("warnings.json", _report(None, "青龙满族自治县总工会"))
    write("errors.json", _report(60.00, "青龙满族自治县总工会"))
    write("not_checked.json", {"kind": "department_self_evaluation", "fiscal_year": 2021,
                               "department": {"name": "青龙满族自治县文化广电和旅游局"}})
    raw = EXAMPLE_JSON.read_text(encoding="utf-8")
    (reports / "unreadable.json").write_text(raw[: len(raw) // 3], encoding="utf-8")
    return reports


def make_batch(folder: Path, lang: str = "zh", **options) -> AuditBatch:
    """The batch `jixiao check FOLDER` builds, reports dropped as in a batch run."""
    auditor = Auditor(Options(lang=lang, **options))
    results = []
    for source in iter_sources([str(folder)], auditor.plugins.suffixes):
        result = auditor.check_path(source)
        result.report = None  # as check_files does: outputs must not need the report itself
        results.append(result)
    results.sort(key=lambda r: r.source)
    return AuditBatch(results, __version__, lang, [p.ident() for p in auditor.explicit], rules=auditor.all_rules())


def by_name(batch: AuditBatch) -> dict:
    return {Path(r.source).name: r for r in batch.results}
