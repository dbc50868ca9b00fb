"""Structured reports (.json, .yaml): loaded as they are, numbers as Decimal with stated precision."""

from __future__ import annotations

from jixiao.kit import Extraction, JsonPositions, decode, load_json, load_yaml


def extract_json(path: str, data: bytes, options=None) -> Extraction:
    text = decode(data, path)
    return Extraction(load_json(text, path), JsonPositions(text))


def extract_yaml(path: str, data: bytes, options=None) -> Extraction:
    report, positions = load_yaml(decode(data, path), path)
    return Extraction(report, positions)
