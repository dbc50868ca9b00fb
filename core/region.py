"""The region a report comes from, for choosing packs: stated in `department.region`, or read from the
department's name with the gazetteer of China's administrative divisions."""

from __future__ import annotations

from typing import Any

from .gazetteer import region_for
from .i18n import lookup

WHY: dict[str, dict[str, str]] = {
    "stated": {"zh": "报告的 department.region 所填", "en": "stated in department.region"},
    "unknown": {"zh": "不明：单位名称 {name} 不能确定唯一的地区", "en": "unknown: the department name {name!r} names no single place"},
    "completed": {"zh": "department.region 所填，并据单位名称 {name} 补全", "en": "department.region completed from the department name {name}"},
    "derived": {"zh": "据单位名称 {name} 推定", "en": "derived from the department name {name}"},
}


def report_region(report: dict[str, Any], lang: str = "en") -> tuple[dict[str, str], str]:
    """The region and where it came from. Stated levels win; missing levels are filled from the
    department's name only when the name agrees with every stated level. Never guesses: a name that
    names no single place adds nothing."""
    department = report.get("department")
    if not isinstance(department, dict):
        department = {}
    raw = department.get("region")
    stated = {k: v for k, v in raw.items() if isinstance(v, str) and v} if isinstance(raw, dict) else {}
    name = department.get("name")
    derived = region_for(name) if isinstance(name, str) else None
    if not derived or any(derived.get(k) != v for k, v in stated.items()):
        return stated, lookup(WHY, "stated" if stated else "unknown", lang, name=name)
    merged = {**derived, **stated}
    if merged == stated:
        return stated, lookup(WHY, "stated", lang)
    return merged, lookup(WHY, "completed" if stated else "derived", lang, name=name)
