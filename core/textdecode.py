"""Decoding the bytes of a text source: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030."""

from __future__ import annotations

from .errors import InputError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode(data: bytes, path: str) -> str:
    """Decode by BOM, else strict UTF-8, else strict GB18030 (a superset of GBK and GB2312);
    bytes that are none of these are an error, not a guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(path, None, None, f"{encoding}: {exc.reason} at byte {exc.start}", key="encoding") from None
    if b"\x00" in data[:4096]:
        raise InputError(path, None, None, "binary data (NUL bytes), not text", key="encoding")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise InputError(path, None, None, f"neither UTF-8 nor GB18030 (byte {exc.start})", key="encoding") from None
    return text
