"""A hypothesis strategy for documents valid against our report schema (the subset of JSON Schema it
uses: objects, arrays, enums, anyOf, $ref, integers with bounds, decimals, dates and decimal-string
patterns). hypothesis-jsonschema does not run with the current hypothesis, so this small one stands in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

_DECIMAL_PATTERNS = {"^-?\\d+(\\.\\d+)?$": True, "^\\d+(\\.\\d+)?$": False}


def _decimals(minimum: Any = None, signed: bool = True) -> st.SearchStrategy[Decimal]:
    low = 0 if (minimum is not None and minimum >= 0) or not signed else -10**6
    return st.builds(lambda n, places: Decimal(n).scaleb(-places), st.integers(low * 100, 10**8), st.integers(0, 4))


def from_schema(schema: dict[str, Any], root: dict[str, Any] | None = None, depth: int = 0) -> st.SearchStrategy:
    root = root or schema
    if "$ref" in schema:
        target = root
        for token in schema["$ref"].lstrip("#/").split("/"):
            target = target[token]
        return from_schema(target, root, depth)
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "const" in schema:
        return st.just(schema["const"])
    if "anyOf" in schema or "oneOf" in schema:
        return st.one_of([from_schema(s, root, depth) for s in schema.get("anyOf") or schema["oneOf"]])
    kind = schema.get("type")
    if isinstance(kind, list):
        return st.one_of([from_schema({**schema, "type": k}, root, depth) for k in kind])
    if kind == "object":
        properties = schema.get("properties", {})
        required = [k for k in schema.get("required", []) if k in properties]
        optional = [k for k in properties if k not in required and k not in ("provenance", "extensions", "$schema")]
        if depth > 3:
            optional = []
        fields = {k: from_schema(properties[k], root, depth + 1) for k in required}
        extras = {k: from_schema(properties[k], root, depth + 1) for k in optional}
        return st.fixed_dictionaries(fields, optional=extras)
    if kind == "array":
        items = schema.get("items", {})
        return st.lists(from_schema(items, root, depth + 1), max_size=3 if depth < 3 else 0)
    if kind == "integer":
        return st.integers(schema.get("minimum", -10**6), schema.get("maximum", 10**6))
    if kind == "number":
        return _decimals(schema.get("minimum"))
    if kind == "string":
        if schema.get("format") == "date":
            return st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat)
        pattern = schema.get("pattern")
        if pattern in _DECIMAL_PATTERNS:
            return _decimals(None if _DECIMAL_PATTERNS[pattern] else 0, _DECIMAL_PATTERNS[pattern]).map(lambda d: format(d, "f"))
        if pattern:
            return st.from_regex(pattern, fullmatch=True)
        return st.text(alphabet="优良中差部门概况绩效预算一二三、（）0123456789", min_size=schema.get("minLength", 0), max_size=12)
    if kind == "boolean":
        return st.booleans()
    return st.none()
