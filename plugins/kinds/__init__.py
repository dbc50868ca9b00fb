"""Built-in rule kinds, grouped by family (arithmetic, plausibility, sections, dates, grades)."""
