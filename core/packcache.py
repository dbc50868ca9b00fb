"""A cache of rule packs already read and found sound, so the command line does not parse and validate the
same YAML on every run.

An entry is keyed by a SHA-256 of the pack file's bytes, jixiao's version and the kinds loaded (their names,
parameter schemas and message values): change any of them and the pack is read and checked again. Only a
pack with no problem at all is cached; its entry is plain JSON (the pack's data, Decimals tagged, and where
each value and key stood), never code. Where the cache lives: `$JIXIAO_CACHE_DIR`, else
`$XDG_CACHE_HOME/jixiao`, else `~/.cache/jixiao`; `JIXIAO_NO_CACHE=1` turns it off. A cache that cannot be
read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

from .yamlsafe import Position

_DECIMAL = "$decimal"
_signatures: dict[int, tuple[Any, str]] = {}


def cache_folder(name: str) -> Path | None:
    """The folder of one of jixiao's caches (`packs`, `regex` …), or None where caching is turned off: under
    `$JIXIAO_CACHE_DIR`, else `$XDG_CACHE_HOME/jixiao`, else `~/.cache/jixiao` (not created here)."""
    if os.environ.get("JIXIAO_NO_CACHE", "").strip().lower() in ("1", "true", "yes", "on"):
        return None
    explicit = os.environ.get("JIXIAO_CACHE_DIR")
    if explicit:
        return Path(explicit) / name
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "jixiao" / name


def folder() -> Path | None:
    return cache_folder("packs")


def _kinds_signature(kinds: dict[str, Any]) -> str:
    """What a pack's soundness depends on besides its own bytes: the kinds, their schemas and values."""
    identity = tuple((name, id(kind)) for name, kind in kinds.items())  # cheap; a changed registry differs
    cached = _signatures.get(hash(identity))
    if cached is not None and cached[0] == identity:
        return cached[1]
    parts = []
    for name in sorted(kinds):
        kind = kinds[name]
        values = sorted(kind.values) if getattr(kind, "values", None) is not None else None
        parts.append([name, getattr(kind, "module", ""), kind.params, values, kind.family])
    signature = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False).encode()).hexdigest()
    _signatures[hash(identity)] = (identity, signature)
    return signature


def key(raw: bytes, kinds: dict[str, Any]) -> str:
    from . import __version__

    digest = hashlib.sha256()
    for part in (__version__.encode(), _kinds_signature(kinds).encode(), raw):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def load(entry_key: str) -> tuple[Any, dict[str, Position], dict[str, Position]] | None:
    """The data, value positions and key positions of a cached pack, or None."""
    where = folder()
    if where is None:
        return None
    try:
        with open(where / f"{entry_key}.json", encoding="utf-8") as handle:
            entry = json.load(handle, object_hook=_decode)
        return (entry["data"], {p: Position(*lc) for p, lc in entry["positions"].items()},
                {p: Position(*lc) for p, lc in entry["keys"].items()})
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store(entry_key: str, data: Any, positions: dict[str, Position], key_positions: dict[str, Position]) -> None:
    """Keep a sound pack for the next run (atomically; silently not, where that is impossible)."""
    where = folder()
    if where is None or not _encodable(data):
        return
    entry = {"data": data, "positions": {p: [v.line, v.column] for p, v in positions.items()},
             "keys": {p: [v.line, v.column] for p, v in key_positions.items()}}
    try:
        where.mkdir(parents=True, exist_ok=True)
        text = json.dumps(entry, ensure_ascii=False, default=_encode)
        temporary = where / f".{entry_key}.{os.getpid()}.tmp"
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, where / f"{entry_key}.json")
    except (OSError, TypeError, ValueError):
        try:
            temporary.unlink()
        except (OSError, UnboundLocalError):
            pass


def _encode(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {_DECIMAL: str(value)}
    raise TypeError(type(value).__name__)


def _decode(mapping: dict[str, Any]) -> Any:
    if len(mapping) == 1 and _DECIMAL in mapping:
        return Decimal(mapping[_DECIMAL])
    return mapping


def _encodable(value: Any) -> bool:
    """False for data the tagged JSON could not give back as it was (a mapping whose only key is the tag)."""
    if isinstance(value, dict):
        if len(value) == 1 and _DECIMAL in value:
            return False
        return all(_encodable(v) for v in value.values())
    if isinstance(value, list):
        return all(_encodable(v) for v in value)
    return True
