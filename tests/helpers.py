"""Helpers for tests: run one rule (written as YAML) on a report dict, the way a pack author would."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

import yaml

from jixiao.engine import Auditor, Options
from jixiao.model import AuditResult


def minimal_report(**fields: Any) -> dict[str, Any]:
    report: dict[str, Any] = {"kind": "department_self_evaluation", "fiscal_year": 2021,
                              "department": {"name": "测试县财政局"}}
    report.update(fields)
    return report


def pack_file(folder: Path, rules: list[dict[str, Any]], name: str = "testpack", **extra: Any) -> Path:
    data = {"pack": name, "version": "1", **extra, "rules": rules}
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def run_rule(folder: Path, rule: dict[str, Any], report: dict[str, Any], lang: str = "zh") -> AuditResult:
    rule = {"id": "T-RULE-001", "message": {"zh": "发现：{stated} {computed} {detail}", "en": "found {stated}"}, **rule}
    path = pack_file(folder, [rule])
    auditor = Auditor(Options(packs=[str(path)], lang=lang))
    return auditor.check_report(report, "<test>")


def statuses(result: AuditResult) -> dict[str, str]:
    return {run.rule_id: run.status for run in result.rule_runs}


def rule_findings(result: AuditResult, rule_id: str = "T-RULE-001"):
    return [f for f in result.findings if f.rule_id == rule_id]


def render(name: str, batch: Any, options: dict[str, Any] | None = None) -> bytes:
    """A batch written by the built-in formatter `name`, as bytes (text formats in UTF-8)."""
    import io

    from jixiao.pluginmanager import default_plugins

    formatter = default_plugins().formatters[name]
    buffer: Any = io.BytesIO() if formatter.binary else io.StringIO(newline="")
    formatter.write(batch, buffer, {"colour": False, "lang": batch.lang, **(options or {})})
    value = buffer.getvalue()
    return value if isinstance(value, bytes) else value.encode("utf-8")


def cfb(streams: list[str]) -> bytes:
    """A minimal OLE compound file (512-byte sectors: header, one FAT sector, one directory sector) whose root
    holds empty streams with these names: a stand-in for a .doc or .xls (only its directory matters to the
    sniff), or what Office writes around an encrypted .xlsx."""
    free, end, fat_sector, none = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the OLE signature
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 76, 0, *([free] * 108))
    fat = struct.pack("<128I", fat_sector, end, *([free] * 126))

    def entry(name: str, kind: int, right: int = none, child: int = none) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        out = bytearray(128)
        out[: len(raw)] = raw
        struct.pack_into("<HBBIII", out, 64, len(raw), kind, 1, none, right, child)
        struct.pack_into("<IQ", out, 116, end, 0)
        return bytes(out)

    entries = [entry("Root Entry", 5, child=1)]
    entries += [entry(name, 2, right=i + 1 if i < len(streams) else none) for i, name in enumerate(streams, 1)]
    return bytes(header) + fat + b"".join(entries).ljust(512, b"\0")


def ocr_boxes(lines: list[str], top: float = 140.0) -> list:
    """What an OCR engine returns for these lines: one box per line (4 corner points, text, score), top to bottom."""
    return [([[150, top + 60 * k], [150 + 30 * len(text), top + 60 * k], [150 + 30 * len(text), top + 35 + 60 * k],
              [150, top + 35 + 60 * k]], text, 0.99) for k, text in enumerate(lines)]


class RecordingOcr:
    """Stands in for RapidOCR: the same boxes for every page, and a copy of each image it was given."""

    def __init__(self, boxes: list):
        self.boxes, self.images = boxes, []

    @property
    def pages(self) -> int:
        return len(self.images)

    def __call__(self, image) -> list:
        self.images.append(image.copy())
        return self.boxes


def use_ocr(monkeypatch, engine):
    """Make `engine` the OCR engine for the test (JIXIAO_OCR unset); returns it."""
    from jixiao.plugins.extractors import ocr

    monkeypatch.setattr(ocr, "_engine", (engine, None))
    monkeypatch.delenv("JIXIAO_OCR", raising=False)
    return engine
