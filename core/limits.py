"""Bounded reading: bytes are counted as they are read or inflated, never trusted from a header.

`read_member(archive, info, limit)` reads one member of a zip file (a .docx, an .xlsx) in chunks and
stops as soon as the decompressed bytes pass `limit`, whatever the member's header claims;
`read_stream(stream, limit)` does the same for a stream such as stdin, and `read_blocks(blocks, limit, …)` for
the blocks a decompressor hands out (libarchive's). All raise `LimitExceeded`, an
`InputError` with the key `too_large`, so a caller that lets it through gets the usual `input`
finding naming the file.

`limit_memory(extra)` caps a worker process's address space at what it uses plus `extra` (`--max-memory`), and
`outside_memory_cap()` holds a load a process keeps for all its reports (an OCR engine's models) outside that cap.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO

from .errors import InputError

__all__ = ["LimitExceeded", "read_member", "read_stream", "read_blocks", "CHUNK", "limit_memory", "outside_memory_cap"]

CHUNK = 1 << 16


class LimitExceeded(InputError):
    """More bytes than allowed (decompressed, or on a stream)."""

    def __init__(self, path: str, what: str, limit: int):
        self.limit = limit
        super().__init__(path, None, None, f"{what} > {limit:,}", key="too_large")


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo | str, limit: int) -> bytes:
    """The decompressed bytes of one zip member, at most `limit` of them: inflated chunk by chunk and
    counted, so a member whose header understates its size (a zip bomb) is stopped after `limit`
    bytes. Raises `LimitExceeded` (an `InputError`) past the limit."""
    name = info.filename if isinstance(info, zipfile.ZipInfo) else str(info)
    where = f"{archive.filename or '<zip>'}"
    declared = info.file_size if isinstance(info, zipfile.ZipInfo) else archive.getinfo(name).file_size
    if declared > limit:  # refused at once when the header is honest
        raise LimitExceeded(where, name, limit)
    with archive.open(info) as member:
        return read_stream(member, limit, where, name)


def read_stream(stream: IO[bytes], limit: int, path: str = "<stdin>", what: str = "input") -> bytes:
    """At most `limit` bytes from `stream`, read in chunks; `LimitExceeded` as soon as there are more
    (an endless stdin is not read to its end, a zip member not inflated past the limit)."""

    def chunks() -> Iterator[bytes]:
        wanted = limit + 1  # (never ask for more than one byte past the limit)
        while chunk := stream.read(min(CHUNK, wanted)):
            wanted = max(wanted - len(chunk), 1)
            yield chunk

    return read_blocks(chunks(), limit, path, what)


def read_blocks(blocks: Iterable[bytes], limit: int, path: str, what: str) -> bytes:
    """The blocks a decompressor hands out (libarchive's, a stream's chunks) joined, counted as they come:
    `LimitExceeded` as soon as they pass `limit`, before the next block is asked for."""
    parts: list[bytes] = []
    total = 0
    for block in blocks:
        total += len(block)
        if total > limit:
            raise LimitExceeded(path, what, limit)
        parts.append(block)
    return b"".join(parts)


# -- memory a worker may add ----------------------------------------------------------------------

_cap = 0  # the bytes of address space one report may add in this process, where limit_memory set a cap


def limit_memory(extra: int) -> None:
    """Cap this process's address space at what it uses now plus `extra` bytes (RLIMIT_AS), so a
    decompression bomb raises MemoryError — an `input` finding — instead of waking the OOM killer.
    Worker processes only: the CLI's own process is never limited."""
    global _cap
    if not extra or extra <= 0:
        return
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as statm:
            current = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = current + extra
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, OSError, ValueError, AttributeError):  # not Linux: no cap
        return
    _cap = extra


@contextmanager
def outside_memory_cap() -> Iterator[None]:
    """Run a load that the process keeps for every later report (an OCR engine's models: about 0.5 GB of address
    space) outside the cap `limit_memory` set: the cap is lifted while it runs and set again afterwards from what
    the process then uses, so the report that happened to need it first is not refused for it. Without a cap (the
    CLI's own process, one job, Dask) it does nothing."""
    if not _cap:
        yield
        return
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
    except (ImportError, OSError, ValueError, AttributeError):
        yield
        return
    try:
        yield
    finally:
        limit_memory(_cap)
