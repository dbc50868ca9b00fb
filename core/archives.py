"""Zip archives as folders: a department's 附件.zip is checked file by file, never extracted to disk.

A file in a zip is a source of its own, named `ARCHIVE!/MEMBER` (`材料/附件.zip!/自评表/农业项目.xlsx`,
the form of jar and VFS URLs): `members` lists them when the sources are listed, `read_member` reads one
member's bytes when it is checked. Everything stays bounded: a member is inflated chunk by chunk and
never past `--max-bytes` (`limits.read_member`, whatever its header claims), an archive of more than
`MAX_MEMBERS` files is refused as a whole, and nothing is written anywhere.

Names are read as the archive wrote them: UTF-8 where the archive says so (or where the bytes are
UTF-8), else GB18030 — the names Windows' "send to compressed folder" and WinRAR write on a Chinese
system — rather than the cp437 the zip standard assumes.

Only zip is opened (the standard library reads it). A .rar or .7z is still one source that says to
extract it, and so is an archive inside an archive.
"""

from __future__ import annotations

import os
import re
import threading
import zipfile
import zlib
from collections import OrderedDict
from pathlib import PurePosixPath

from .errors import InputError
from .limits import read_member as _read_bounded

__all__ = ["MARK", "MAX_MEMBERS", "ZIP_SUFFIXES", "ARCHIVE_SUFFIXES", "is_zip_name", "is_archive_name",
           "split", "members", "read_member", "problem"]

MARK = "!/"  # between the archive's path and the member's name
MAX_MEMBERS = 10_000  # files in one archive: more is refused (a listing that large is an attack or a mistake)
ZIP_SUFFIXES = (".zip",)
# archives jixiao does not open: named so the message says to extract them
ARCHIVE_SUFFIXES = (".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".zipx")

# what a member list never holds: folders' own entries, macOS resource forks and Finder/Explorer leftovers
_NOT_REPORTS = r"(^|/)(__MACOSX/|\.[^/]*$|Thumbs\.db$|desktop\.ini$)"
_SPLIT = r"^(.*?\.zip)!/(.+)$"  # (both compiled when first needed: the command line's start pays nothing for them)
_UTF8_FLAG = 0x800
_ENCRYPTED_FLAG = 0x1


def is_zip_name(path: str) -> bool:
    return path.lower().endswith(ZIP_SUFFIXES)


def is_archive_name(path: str) -> bool:
    return PurePosixPath(path.replace("\\", "/")).name.lower().endswith(ARCHIVE_SUFFIXES)


def split(path: str) -> tuple[str, str] | None:
    """(archive path, member name) of a member's source name, or None for any other path (a real file whose
    name holds `.zip!/` is still itself)."""
    if MARK not in path:
        return None
    found = re.match(_SPLIT, path, re.IGNORECASE | re.DOTALL)
    if found is None or os.path.lexists(path):
        return None
    return found.group(1), found.group(2)


def _name(info: zipfile.ZipInfo) -> str:
    """The member's name as its writer meant it (see the module's docstring), with / between folders."""
    name = info.filename
    if not info.flag_bits & _UTF8_FLAG:
        try:
            raw = name.encode("cp437")  # zipfile decoded the bytes as cp437: undo that
        except UnicodeEncodeError:
            raw = None
        if raw is not None and not raw.isascii():
            for encoding in ("utf-8", "gb18030"):
                try:
                    name = raw.decode(encoding)
                    break
                except UnicodeDecodeError:
                    continue
    return name.replace("\\", "/").lstrip("/")


class _Listing:
    """One archive opened: its member names → entries (the first of a name written twice)."""

    def __init__(self, path: str):
        self.archive = zipfile.ZipFile(path)  # reads the central directory only
        self.lock = threading.Lock()  # one reader at a time (Dask runs tasks in threads)
        self.entries: dict[str, zipfile.ZipInfo] = {}
        for info in self.archive.infolist():
            if len(self.entries) > MAX_MEMBERS:
                break
            name = _name(info)
            if info.is_dir() or not name or re.search(_NOT_REPORTS, name, re.IGNORECASE):
                continue
            self.entries.setdefault(name, info)

    def close(self) -> None:
        self.archive.close()


_OPEN: OrderedDict[tuple[str, int, int], _Listing] = OrderedDict()  # the few archives read last, kept open
_KEEP = 4
_GUARD = threading.Lock()


def _forget() -> None:
    """In a forked worker: never read through the parent's open archives (a file offset shared between
    processes would mix their reads); the worker opens its own."""
    global _GUARD
    _GUARD = threading.Lock()
    _OPEN.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget)


def _listing(path: str) -> _Listing:
    """The archive at `path`, opened once while it is read member by member (reopened if it changed); a path
    that is no regular file is refused before it is opened (a FIFO would block), as any source is."""
    from .engine import _stat_source

    info = _stat_source(path)
    key = (os.path.abspath(path), info.st_mtime_ns, info.st_size)
    with _GUARD:
        listing = _OPEN.get(key)
        if listing is not None:
            _OPEN.move_to_end(key)
            return listing
    try:
        listing = _Listing(path)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as exc:
        raise InputError(path, None, None, str(exc) or type(exc).__name__, key="archive_damaged") from None
    except OSError as exc:
        raise InputError(path, None, None, exc.strerror or str(exc)) from None
    with _GUARD:
        _OPEN[key] = listing
        while len(_OPEN) > _KEEP:
            _OPEN.popitem(last=False)[1].close()
    return listing


def _usable(path: str) -> _Listing:
    """The zip at `path`, with members to check; an InputError saying why it has none (damaged, empty, too many)."""
    listing = _listing(path)
    if not listing.entries:
        raise InputError(path, None, None, "", key="archive_empty")
    if len(listing.entries) > MAX_MEMBERS:
        raise InputError(path, None, None, f"> {MAX_MEMBERS:,}", key="archive_too_many")
    return listing


def problem(path: str) -> InputError | None:
    """Why the zip at `path` gives no members to check (damaged, empty, too many files), or None when it does."""
    try:
        _usable(path)
    except InputError as exc:
        return exc
    return None


def members(path: str) -> list[str] | None:
    """The source names of the files in the zip at `path`, in the archive's order; None where it has none to
    give (then the archive itself is the source, and checking it says why: `problem`)."""
    try:
        return [path + MARK + name for name in _usable(path).entries]
    except InputError:
        return None


def read_member(path: str, limit: int) -> bytes:
    """The bytes of the member a source name (`split`) names, at most `limit` of them; every failure an
    `InputError` naming the member."""
    where = split(path)
    if where is None:
        raise InputError(path, None, None, "", key="not_found")
    archive, name = where
    try:
        listing = _listing(archive)
    except InputError as exc:
        exc.path = path
        raise
    info = listing.entries.get(name)
    if info is None:
        raise InputError(path, None, None, "", key="not_found")
    if info.flag_bits & _ENCRYPTED_FLAG:
        raise InputError(path, None, None, "", key="archive_encrypted")
    try:
        with listing.lock:
            return _read_bounded(listing.archive, info, limit)
    except InputError as exc:  # past the limit
        exc.path = path
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise InputError(path, None, None, str(exc) or type(exc).__name__, key="archive_damaged") from None
    except OSError as exc:
        raise InputError(path, None, None, exc.strerror or str(exc)) from None
