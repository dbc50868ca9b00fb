"""Built-in rule kinds, grouped by family (arithmetic, plausibility, sections, dates, grades)."""

from __future__ import annotations


def builtin_kinds() -> list:
    from . import arithmetic, dates, grades, plausibility, sections

    return [*arithmetic.KINDS, *plausibility.KINDS, *sections.KINDS, *dates.KINDS, *grades.KINDS]
