"""Structured reports (.json, .yaml): loaded as they are, numbers as Decimal with stated precision."""

from __future__ import annotations

from typing import Any

from jixiao.kit import Extraction, JsonPositions, decode, load_json, load_yaml


def extract_json(path: str, data: bytes, options: Any = None) -> Extraction:
    text = decode(data, path)
    report = load_json(text, path)
    return Extraction(report, JsonPositions(text, report))


def extract_yaml(path: str, data: bytes, options: Any = None) -> Extraction:
    report, positions = load_yaml(decode(data, path), path)
    return Extraction(report, positions)
