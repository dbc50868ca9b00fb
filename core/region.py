"""The region a report comes from, for choosing packs: stated in `department.region`, or read from the
department's name with the gazetteer of China's administrative divisions."""

from __future__ import annotations

from typing import Any

from .gazetteer import region_for


def report_region(report: dict[str, Any]) -> tuple[dict[str, str], str]:
    """The region and where it came from. Stated levels win; missing levels are filled from the
    department's name only when the name agrees with every stated level. Never guesses: a name that
    names no single place adds nothing."""
    department = report.get("department") if isinstance(report.get("department"), dict) else {}
    raw = department.get("region")
    stated = {k: v for k, v in raw.items() if isinstance(v, str) and v} if isinstance(raw, dict) else {}
    name = department.get("name")
    derived = region_for(name) if isinstance(name, str) else None
    if not derived or any(derived.get(k) != v for k, v in stated.items()):
        return stated, ("stated in department.region" if stated
                        else f"unknown: the department name {name!r} names no single place")
    merged = {**derived, **stated}
    if merged == stated:
        return stated, "stated in department.region"
    return merged, (f"department.region completed from the department name {name}" if stated
                    else f"derived from the department name {name}")
