"""JSON Schema pieces the built-in kinds share for their parameters: public in `jixiao.kit`."""

from __future__ import annotations

from jixiao.kit import DECIMAL, LABELS, MESSAGE, MIN_DECIMALS, POINTER, POINTER_OR_LIST, POINTERS

__all__ = ["DECIMAL", "LABELS", "MESSAGE", "MIN_DECIMALS", "POINTER", "POINTER_OR_LIST", "POINTERS"]
