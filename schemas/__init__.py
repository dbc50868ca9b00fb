"""Published JSON Schemas: report, rulepack, findings (package data)."""
