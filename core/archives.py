"""Archives as folders: a department's 附件.zip (or .rar, .7z) is checked file by file, never extracted to disk.

A file in an archive is a source of its own, named `ARCHIVE!/MEMBER` (`材料/附件.zip!/自评表/农业项目.xlsx`,
the form of jar and VFS URLs): `members` lists them when the sources are listed, `read_member` reads one
member's bytes when it is checked. Everything stays bounded: a member is decompressed chunk by chunk and
never past `--max-bytes` (whatever its header claims), an archive of more than `MAX_MEMBERS` files is
refused as a whole, and nothing is written anywhere.

Zip is read by the standard library. Its names are read as the archive wrote them: UTF-8 where the archive
says so (or where the bytes are UTF-8), else GB18030 — the names Windows' "send to compressed folder" and
WinRAR write on a Chinese system — rather than the cp437 the zip standard assumes.

.rar (RAR 4 and 5) and .7z are read through the system's libarchive, where the `archives` extra
(`libarchive-c`) is installed and libarchive loads (`rar_7z_available`); their names are Unicode. Without it,
or where libarchive cannot read one (a solid RAR 4 archive, encrypted headers), such an archive is one source
that says to extract it, and so is an archive inside an archive.

An e-mail saved from a mailbox (.eml) opens the same way: the message itself is a source (its text is read as a
report), and each attachment with a file name is one more (`报送.eml!/自评表.xlsx`).
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
import threading
import zipfile
import zlib
from collections import OrderedDict
from pathlib import PurePosixPath
from typing import Any

from .errors import InputError
from .limits import LimitExceeded, read_blocks, read_member as _read_bounded

__all__ = ["MARK", "MAX_MEMBERS", "ZIP_SUFFIXES", "MAIL_SUFFIXES", "LIBARCHIVE_SUFFIXES", "ARCHIVE_SUFFIXES", "is_zip_name",
           "is_archive_name", "is_mail_name", "opens", "rar_7z_available", "split", "members", "read_member", "problem"]

MARK = "!/"  # between the archive's path and the member's name
MAX_MEMBERS = 10_000  # files in one archive: more is refused (a listing that large is an attack or a mistake)
ZIP_SUFFIXES = (".zip",)
MAIL_SUFFIXES = (".eml",)  # a message and its attachments: the message is a source of its own too
LIBARCHIVE_SUFFIXES = (".rar", ".7z")  # opened where libarchive is (`rar_7z_available`)
# every archive: the ones not opened are named so that the message says to extract them
ARCHIVE_SUFFIXES = (".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".zipx")

# what a member list never holds: folders' own entries, macOS resource forks and Finder/Explorer leftovers
_NOT_REPORTS = r"(^|/)(__MACOSX/|\.[^/]*$|Thumbs\.db$|desktop\.ini$)"
_SPLIT = r"^(.*?\.(?:zip|rar|7z|eml))!/(.+)$"  # (both compiled when first needed: the command line's start pays nothing for them)
_UTF8_FLAG = 0x800
_ENCRYPTED_FLAG = 0x1


def is_zip_name(path: str) -> bool:
    return path.lower().endswith(ZIP_SUFFIXES)


def is_archive_name(path: str) -> bool:
    return PurePosixPath(path.replace("\\", "/")).name.lower().endswith(ARCHIVE_SUFFIXES)


def opens(path: str) -> bool:
    """Whether an archive of this name is opened as a folder: zip always, .rar and .7z where libarchive is."""
    lower = path.lower()
    return lower.endswith(ZIP_SUFFIXES + MAIL_SUFFIXES) or (lower.endswith(LIBARCHIVE_SUFFIXES) and rar_7z_available())


def is_mail_name(path: str) -> bool:
    return path.lower().endswith(MAIL_SUFFIXES)


_LIBARCHIVE: list[object] = []  # [the libarchive module, or None where it cannot be loaded], once per process


def _libarchive() -> Any:
    if not _LIBARCHIVE:
        try:
            import libarchive  # type: ignore[import-untyped,import-not-found,unused-ignore]
            import libarchive.ffi as ffi  # type: ignore[import-untyped,import-not-found,unused-ignore]

            try:  # (libarchive ≥ 3.2 says which entries are encrypted; older ones fail when the data is read)
                ffi.ffi("entry_is_encrypted", [ffi.c_archive_entry_p], ctypes.c_int)
            except AttributeError:
                pass
        except (ImportError, OSError, AttributeError):  # not installed, or the C library is not on this system
            libarchive = None
        _LIBARCHIVE.append(libarchive)
    return _LIBARCHIVE[0]


def rar_7z_available() -> bool:
    """Whether .rar and .7z archives are opened: the `archives` extra installed and libarchive loadable."""
    return _libarchive() is not None


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


def listed(name: str) -> bool:
    """Whether a file of this name (an archive's member, or a file's path below a folder walked, with /) is a source:
    not a folder's entry, a hidden file, nor a leftover of macOS or Explorer (__MACOSX/, Thumbs.db, desktop.ini)."""
    return bool(name) and not re.search(_NOT_REPORTS, name, re.IGNORECASE)


class _Listing:
    """One zip opened: its member names → entries (the first of a name written twice)."""

    def __init__(self, path: str):
        self.archive = zipfile.ZipFile(path)  # reads the central directory only
        self.lock = threading.Lock()  # one reader at a time (Dask runs tasks in threads)
        self.entries: dict[str, Any] = {}
        for info in self.archive.infolist():
            if len(self.entries) > MAX_MEMBERS:
                break
            name = _name(info)
            if not info.is_dir() and listed(name):
                self.entries.setdefault(name, info)

    def encrypted(self, name: str) -> bool:
        return bool(self.entries[name].flag_bits & _ENCRYPTED_FLAG)

    def read(self, name: str, limit: int) -> bytes:
        with self.lock:
            return _read_bounded(self.archive, self.entries[name], limit)

    def close(self) -> None:
        self.archive.close()


class _LibarchiveListing:
    """One .rar or .7z listed through libarchive: member names → (declared size, encrypted). libarchive reads
    an archive front to back, so a member is read by walking to it again; nothing stays open in between."""

    def __init__(self, path: str, kind: str):
        self.path = path
        self.kind = kind  # libarchive's name of the format (rar5, rar, 7zip)
        self.entries: dict[str, Any] = {}
        libarchive = _libarchive()
        with libarchive.file_reader(path, format_name=kind) as archive:
            for entry in archive:
                if len(self.entries) > MAX_MEMBERS:
                    break
                name = _entry_name(entry)
                if entry.isreg and listed(name) and name not in self.entries:
                    self.entries[name] = (entry.size, _is_encrypted(entry))

    def encrypted(self, name: str) -> bool:
        return bool(self.entries[name][1])

    def read(self, name: str, limit: int) -> bytes:
        declared = self.entries[name][0]
        if declared is not None and declared > limit:  # refused at once when the header is honest
            raise LimitExceeded(self.path, name, limit)
        with _libarchive().file_reader(self.path, format_name=self.kind) as archive:
            for entry in archive:
                if _entry_name(entry) == name:  # counted as decompressed: a bomb stops at the limit
                    return read_blocks(entry.get_blocks(), limit, self.path, name)
        raise InputError(self.path, None, None, "", key="not_found")

    def close(self) -> None:
        pass


class _MailListing:
    """One e-mail opened: its attachments by file name (the first of a name attached twice), read from the message
    as it was parsed once; the file is read no further than the largest source allowed."""

    def __init__(self, path: str):
        import email
        import email.policy
        from email.message import EmailMessage

        from .engine import DEFAULT_MAX_BYTES

        self.path = path
        self.entries: dict[str, Any] = {}
        with open(path, "rb") as file:
            data = file.read(DEFAULT_MAX_BYTES + 1)
        if len(data) > DEFAULT_MAX_BYTES:
            return  # (too large to be read as a message: checking it says so)
        try:  # (the standard library's parser on untrusted bytes: a message it cannot take apart has no attachments;
            # checking the .eml itself says what is wrong with it)
            parsed: Any = email.message_from_bytes(data, policy=email.policy.default)
            if not isinstance(parsed, EmailMessage):
                return
            for part in parsed.iter_attachments():
                if len(self.entries) > MAX_MEMBERS:
                    break
                name = PurePosixPath(str(part.get_filename() or "").replace("\\", "/")).name
                if listed(name) and name not in self.entries:
                    self.entries[name] = part
        except Exception:
            self.entries.clear()

    def encrypted(self, name: str) -> bool:
        return False

    def read(self, name: str, limit: int) -> bytes:
        try:
            payload = self.entries[name].get_payload(decode=True)
        except Exception:  # (a broken transfer encoding)
            raise InputError(self.path, None, None, "", key="archive_damaged") from None
        data = payload if isinstance(payload, bytes) else b""
        if len(data) > limit:
            raise LimitExceeded(self.path, name, limit)
        return data

    def close(self) -> None:
        pass


def _entry_name(entry: Any) -> str:
    """A libarchive entry's name, with / between folders and none in front (the key of `entries`)."""
    return str(entry.pathname or "").replace("\\", "/").lstrip("/")


def _is_encrypted(entry: Any) -> bool:
    check = getattr(sys.modules.get("libarchive.ffi"), "entry_is_encrypted", None)
    return bool(check(entry._entry_p)) if check is not None else False


_OPEN: OrderedDict[tuple[str, int, int], _Listing | _LibarchiveListing | _MailListing] = OrderedDict()  # the few archives read last, kept open
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


def _listing(path: str) -> _Listing | _LibarchiveListing | _MailListing:
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
        kind = "mail" if is_mail_name(path) else _kind(path)
    except OSError as exc:
        raise InputError(path, None, None, exc.strerror or str(exc)) from None
    if kind is None:  # a .rar or .7z whose bytes are neither
        raise InputError(path, None, None, "not a zip, RAR or 7z archive", key="archive_damaged")
    if kind not in ("zip", "mail") and not rar_7z_available():
        raise InputError(path, None, None, "", key="archive")
    try:
        opened: _Listing | _LibarchiveListing | _MailListing = (
            _Listing(path) if kind == "zip" else _MailListing(path) if kind == "mail" else _LibarchiveListing(path, kind))
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, LookupError,
            UnicodeError) as exc:
        raise InputError(path, None, None, str(exc) or type(exc).__name__, key="archive_damaged") from None
    except OSError as exc:
        raise InputError(path, None, None, exc.strerror or str(exc)) from None
    except Exception as exc:  # libarchive's ArchiveError: damaged, or a kind it does not read (solid RAR 4)
        if not _is_archive_error(exc):
            raise
        raise _unreadable(path, exc) from None
    with _GUARD:
        _OPEN[key] = opened
        while len(_OPEN) > _KEEP:
            _OPEN.popitem(last=False)[1].close()
    return opened


_SIGNATURES = ((b"PK\x03\x04", "zip"), (b"PK\x05\x06", "zip"), (b"Rar!\x1a\x07\x01\x00", "rar5"),
               (b"Rar!\x1a\x07\x00", "rar"), (b"7z\xbc\xaf\x27\x1c", "7zip"))


def _kind(path: str) -> str | None:
    """The archive's format by its first bytes, whatever its name says (a zip renamed .rar is a zip): libarchive
    is told the format, so that a member stored uncompressed (an .xlsx is a zip) is never taken for the archive."""
    with open(path, "rb") as file:
        head = file.read(8)
    if not head:
        return "zip" if is_zip_name(path) else None  # (an empty .zip: zipfile says what is wrong with it)
    return next((kind for signature, kind in _SIGNATURES if head.startswith(signature)), "zip" if is_zip_name(path) else None)


def _is_archive_error(exc: Exception) -> bool:
    return type(exc).__name__ == "ArchiveError" and type(exc).__module__.startswith("libarchive")


def _archive_error_text(exc: Exception) -> str:
    """libarchive's own words, without the C-level details libarchive-c appends (errno, retcode, pointer)."""
    text = str(exc.args[0] if exc.args else exc)
    return re.sub(r"\s*\(errno=.*$", "", text, flags=re.DOTALL).strip() or type(exc).__name__


def _unreadable(path: str, exc: Exception) -> InputError:
    """What libarchive could not read: a password on the whole archive (its names encrypted too), or else an
    archive damaged or packed in a way libarchive does not read."""
    text = _archive_error_text(exc)
    key = "archive_password" if "encrypt" in text.lower() or "passphrase" in text.lower() else "archive_unreadable"
    return InputError(path, None, None, text, key=key)


def _usable(path: str) -> _Listing | _LibarchiveListing | _MailListing:
    """The archive at `path`, with members to check; an InputError saying why it has none (damaged, empty, too many)."""
    listing = _listing(path)
    if not listing.entries:
        raise InputError(path, None, None, "", key="archive_empty")
    if len(listing.entries) > MAX_MEMBERS:
        raise InputError(path, None, None, f"> {MAX_MEMBERS:,}", key="archive_too_many")
    return listing


def problem(path: str) -> InputError | None:
    """Why the archive at `path` gives no members to check (damaged, empty, too many files), or None when it does."""
    try:
        _usable(path)
    except InputError as exc:
        return exc
    return None


def members(path: str) -> list[str] | None:
    """The source names of the files in the archive at `path`, in the archive's order; None where it has none to
    give (then the archive itself is the source, and checking it says why: `problem`)."""
    try:
        names = [path + MARK + name for name in _usable(path).entries]
    except InputError:
        return None
    return [path, *names] if is_mail_name(path) else names  # (a message is a report itself, before its attachments)


def read_member(path: str, limit: int) -> bytes:
    """The bytes of the member a source name (`split`) names, at most `limit` of them; every failure an
    `InputError` naming the member."""
    where = split(path)
    if where is None:
        raise InputError(path, None, None, "", key="not_found")
    archive, name = where
    if not opens(archive):  # a .rar or .7z where libarchive is not
        raise InputError(path, None, None, "", key="archive")
    try:
        listing = _listing(archive)
    except InputError as exc:
        exc.path = path
        raise
    if name not in listing.entries:
        raise InputError(path, None, None, "", key="not_found")
    if listing.encrypted(name):
        raise InputError(path, None, None, "", key="archive_encrypted")
    try:
        return listing.read(name, limit)
    except InputError as exc:  # past the limit
        exc.path = path
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise InputError(path, None, None, str(exc) or type(exc).__name__, key="archive_damaged") from None
    except OSError as exc:
        raise InputError(path, None, None, exc.strerror or str(exc)) from None
    except Exception as exc:  # libarchive's ArchiveError
        if not _is_archive_error(exc):
            raise
        raise _unreadable(path, exc) from None
