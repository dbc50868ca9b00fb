"""Built-in rule kinds, grouped by family (arithmetic, plausibility, sections, dates, grades, completeness).

`targets` reads indicator targets and actual values (≥50人, 12月底前, 达到预期); `cells` names table cells
in messages and checks scores that are computed values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jixiao.kit import Kind


def builtin_kinds() -> list[Kind]:
    from . import arithmetic, completeness, dates, grades, plausibility, sections, tables

    return [*arithmetic.KINDS, *plausibility.KINDS, *sections.KINDS, *dates.KINDS, *grades.KINDS, *tables.KINDS,
            *completeness.KINDS]
