"""The published JSON Schemas (report, rule pack, findings) and validators compiled once."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, cast
from collections.abc import Iterator

if TYPE_CHECKING:  # the reference validator is imported only when a violation must be explained
    import jsonschema

SCHEMA_NAMES = ("report", "rulepack", "findings")


@cache
def load_schema(name: str) -> dict[str, Any]:
    if name not in SCHEMA_NAMES:
        raise KeyError(name)
    text = resources.files("jixiao.schemas").joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
    return cast("dict[str, Any]", json.loads(text))  # every schema is a JSON object


def schema_text(name: str) -> str:
    return resources.files("jixiao.schemas").joinpath(f"{name}.schema.json").read_text(encoding="utf-8")


@cache
def reference_validator(name: str) -> jsonschema.protocols.Validator:
    """The `jsonschema` validator: the reference implementation, used for packs and to cross-check."""
    import jsonschema

    schema = load_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@cache
def _fast_validator(name: str) -> Any | None:
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - jsonschema-rs is a dependency, but stay correct without it
        return None
    return jsonschema_rs.validator_for(load_schema(name), validate_formats=True)


class Violation:
    """One schema violation: where (JSON Pointer) and what."""

    __slots__ = ("pointer", "message", "missing")

    def __init__(self, pointer: str, message: str, missing: tuple[str, ...] = ()):
        self.pointer = pointer
        self.message = message
        self.missing = missing  # for a missing required property: the pointers of what is missing

    def __repr__(self) -> str:
        return f"Violation({self.pointer!r}, {self.message!r})"


def _pointer(path: Any) -> str:
    from .pointer import join

    return join([str(p) for p in path])


def violations(name: str, instance: Any, fast: bool = True) -> list[Violation]:
    """Every violation of schema `name`, in a stable order. The fast path (jsonschema-rs) answers
    a valid instance in microseconds; the reference validator explains invalid ones, so messages are
    the same whichever validator found the problem."""
    fast_validator = _fast_validator(name) if fast else None
    if fast_validator is not None and fast_validator.is_valid(instance):
        return []
    found = [
        Violation(_pointer(error.absolute_path), error.message, _missing(error))
        for error in reference_validator(name).iter_errors(instance)
    ]
    return sorted(found, key=lambda v: (v.pointer, v.message))


def _missing(error: jsonschema.ValidationError) -> tuple[str, ...]:
    if error.validator != "required" or not isinstance(error.instance, dict):
        return ()
    base = _pointer(error.absolute_path)
    required = cast("list[str]", error.validator_value)  # the value of a `required` keyword: property names
    return tuple(f"{base}/{name}" for name in required if name not in error.instance)


def iter_reference_errors(name: str, instance: Any) -> Iterator[jsonschema.ValidationError]:
    yield from reference_validator(name).iter_errors(instance)
