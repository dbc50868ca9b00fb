"""The parts of a zipped XML format (Word, OFD, OpenDocument), read under a size limit and parsed without DTDs: no
reader of these formats ever needs one, and refusing them leaves no room for entity tricks. Each reader says how a
broken file is named to the reviewer (`broken(detail)` gives its InputError)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from xml.etree import ElementTree

from jixiao.kit import InputError


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int,
                broken: Callable[[str], InputError]) -> bytes:
    """The member's bytes, when no more than `limit` (as declared and as read)."""
    name = info.filename
    if info.file_size > limit:
        raise broken(f"{name}: {info.file_size} bytes")
    try:
        with archive.open(info) as stream:
            data = stream.read(limit + 1)
    except Exception as exc:  # zlib.error, BadZipFile (CRC), NotImplementedError (compression), EOFError …
        raise broken(f"{name}: {type(exc).__name__}") from None
    if len(data) > limit:
        raise broken(f"{name} too large")
    return data


def parse(data: bytes, name: str, broken: Callable[[str], InputError]) -> ElementTree.Element:
    """The part's XML, refused where it declares a DTD or an entity."""
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        raise broken(f"{name}: DTD not allowed")
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise broken(f"{name}: {exc}") from None
