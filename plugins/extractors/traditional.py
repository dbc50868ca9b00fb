"""繁体 reports: detected by characters that exist only in Traditional Chinese, converted to
简体 with OpenCC where it is installed (the optional extra `jixiao[traditional]`)."""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

from .lazyre import guarded
from .normalize import SourceLine


class _Converter(Protocol):
    """What this module uses of an `opencc.OpenCC` (OpenCC ships no annotations)."""

    def convert(self, text: str) -> str: ...

# Traditional-only forms of characters that budget reports use all the time (預算 績效 報告 執行 …).
_MARKERS = guarded("[預績報執門額價實際務決總費級優壹貳參萬億與經項資產號區縣評農體開發標準這會從對當時錢關係爲為專]")
_THRESHOLD = 5


def is_traditional(lines: list[SourceLine]) -> bool:
    hits = 0
    for line in lines:
        if not line.text.isascii():
            for _ in _MARKERS.finditer(line.text):
                hits += 1
                if hits >= _THRESHOLD:
                    return True
    return False


@lru_cache(maxsize=1)
def _converter() -> _Converter | None:
    try:
        import opencc
    except ImportError:
        return None
    try:
        return opencc.OpenCC("t2s")
    except Exception:  # pragma: no cover - a broken OpenCC install behaves as a missing one
        try:
            return opencc.OpenCC("t2s.json")
        except Exception:
            return None


def convert(lines: list[SourceLine]) -> str:
    """Set each line's `display` to its 简体 form; returns "simplified" (nothing to do),
    "converted", or "unconverted" (繁体 found but no converter installed)."""
    if not is_traditional(lines):
        return "simplified"
    converter = _converter()
    if converter is None:
        return "unconverted"
    for line in lines:
        source = line.display if line.display is not None else line.text
        if not source:
            continue
        converted = converter.convert(source)
        if len(converted) != len(source):
            # phrase conversions that change length would break the column map: convert char by char
            converted = "".join(c if len(c := converter.convert(ch)) == 1 else ch for ch in source)
        line.display = converted
    return "converted"
