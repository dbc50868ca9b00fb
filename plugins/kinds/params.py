"""JSON Schema pieces the built-in kinds share for their parameters."""

from __future__ import annotations

POINTER = {"type": "string", "pattern": "^(/[^/]*)*$", "description": "JSON Pointer; `*` ranges over array items."}
POINTERS = {"type": "array", "items": POINTER, "minItems": 1}
POINTER_OR_LIST = {"oneOf": [POINTER, POINTERS]}
MESSAGE = {"type": "object", "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}, "required": ["zh"],
           "additionalProperties": False}
DECIMAL = {"type": ["number", "string"], "pattern": "^-?\\d+(\\.\\d+)?$", "description": "A decimal number."}
