"""JSON Schema pieces the built-in kinds share for their parameters."""

from __future__ import annotations

POINTER = {"type": "string", "pattern": "^(/[^/]*)*$", "description": "JSON Pointer; `*` ranges over array items."}
POINTERS = {"type": "array", "items": POINTER, "minItems": 1}
POINTER_OR_LIST = {"oneOf": [POINTER, POINTERS]}
MESSAGE = {"type": "object", "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}, "required": ["zh"],
           "additionalProperties": False}
DECIMAL = {"type": ["number", "string"], "pattern": "^-?\\d+(\\.\\d+)?$", "description": "A decimal number."}
LABELS = {
    "type": "object",
    "additionalProperties": {"oneOf": [POINTER, POINTERS]},
    "description": "Values added to each finding so a reader finds the table cell without counting: a name "
                   "(used as `{name}` in the message) → a field, or a list of fields of which the first stated one "
                   "counts; stars are bound like the rule's own pointers. E.g. `{project: /projects/*/name, row: "
                   "/projects/*/indicators/*/level3}`.",
}
MIN_DECIMALS = {
    "type": "integer", "minimum": 0, "maximum": 6,
    "description": "A stated score is a computed value: it passes only when it equals the computed value, or that "
                   "value rounded half up to the stated score's own decimals where it states at least this many (default 1).",
}
