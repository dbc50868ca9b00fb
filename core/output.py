"""Writing jixiao's outputs without ever losing the previous one.

* **Atomic files.** `--output` and `--write-baseline` are written to a temporary file beside the
  target (hidden: `.NAME.XXXX.jixiao-tmp`, so a later walk of the folder skips it), flushed and
  fsync'ed, and only then renamed over the target with `os.replace`. The target is never truncated
  before the new content is complete: a full disk, a read-only target, a crash or Ctrl-C leave the
  previous file exactly as it was, and two runs writing the same target never interleave (each
  writes its own temporary file; the last rename wins). Devices and pipes (`/dev/stdout`,
  `/dev/full`, a FIFO) are written directly: there is no file to replace.
* **Clear errors.** A write that fails (`ENOSPC`, `EROFS`, `EACCES`…) becomes an `OutputError`
  with a message in the run's language; the CLI prints it and exits 2.
* **Whole records.** Ctrl-C while a record is being written is held back until the record is
  complete (`Interrupted` is raised just after), so a JSONL stream is never cut mid-line.
* **Encodable stdout.** Text for people goes to stdout in the locale's encoding with
  `errors="backslashreplace"`; machine formats (JSON, SARIF, JSONL…) are always UTF-8, as in a file.
"""

from __future__ import annotations

import errno
import io
import os
import signal
import stat
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any
from collections.abc import Iterable, Iterator

from .errors import JixiaoError
from .i18n import text
from .text_safety import display_path
from .timelimit import Interrupted

TEMP_SUFFIX = ".jixiao-tmp"


class OutputError(JixiaoError):
    """An output file could not be written; the previous file (if any) is untouched."""

    def __init__(self, path: str, key: str, detail: str = "", **names: str):
        self.path, self.key, self.detail, self.names = path, key, detail, names
        super().__init__(self.render("en"))

    def render(self, lang: str = "zh") -> str:
        return text(f"output.{self.key}", lang, path=display_path(self.path), detail=self.detail, **self.names)


def _error(path: str, exc: OSError) -> OutputError:
    detail = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return OutputError(path, "no_space", detail)
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return OutputError(path, "read_only", detail)
    return OutputError(path, "failed", detail)


# -- Ctrl-C: never in the middle of a record ---------------------------------------------------------
class _Guard:
    writing = 0
    pending = False


def _on_interrupt(signum: int, frame: FrameType | None) -> None:
    if _Guard.writing and not _Guard.pending:
        _Guard.pending = True  # raised as soon as the record being written is complete
        return
    raise Interrupted()  # not writing, or a second Ctrl-C while a write is stuck (a reader that stopped)


@contextmanager
def interrupts_raise() -> Iterator[None]:
    """While active (main thread only), Ctrl-C raises `Interrupted` — not KeyboardInterrupt, which
    plugin code may raise and which is contained like any exception — and never inside a write."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, _on_interrupt)
    _Guard.writing, _Guard.pending = 0, False
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def _whole() -> Iterator[None]:
    _Guard.writing += 1
    try:
        yield
    finally:
        _Guard.writing -= 1
        if not _Guard.writing and _Guard.pending:
            _Guard.pending = False
            raise Interrupted()


class GuardedStream:
    """A stream whose writes are whole (Ctrl-C waits for them) and whose write errors are `OutputError`s.

    Writes are gathered here (a formatter such as json.dump writes a million small pieces) and handed
    on in blocks of whole writes, so guarding them costs nothing measurable."""

    BLOCK = 1 << 16

    def __init__(self, stream: Any, path: str):
        self._stream = stream
        self._path = path
        self._parts: list[Any] = []
        self._size = 0

    def write(self, data: Any) -> int:
        self._parts.append(data)
        self._size += len(data)
        if self._size >= self.BLOCK:
            self.drain()
        return len(data)

    def writelines(self, lines: Iterable[Any]) -> None:
        for line in lines:
            self.write(line)

    def drain(self) -> None:
        """Hand the gathered writes on (whole: Ctrl-C waits until they are)."""
        if not self._parts:
            return
        with _whole():
            parts, self._parts, self._size = self._parts, [], 0
            data = parts[0][:0].join(parts)
            try:
                self._stream.write(data)
            except OSError as exc:
                raise _error(self._path, exc) from None

    def flush(self) -> None:
        self.drain()
        with _whole():
            try:
                self._stream.flush()
            except OSError as exc:
                raise _error(self._path, exc) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


# -- files ------------------------------------------------------------------------------------------
def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def refuse_read_only(path: Path) -> None:
    """A target that exists with no write permission is refused (root could otherwise replace it)."""
    try:
        info = os.stat(path)
    except OSError:
        return
    if stat.S_ISREG(info.st_mode) and not info.st_mode & 0o222:
        raise OutputError(str(path), "read_only", os.strerror(errno.EACCES))


@contextmanager
def atomic_file(path: Path | str, binary: bool = True, encoding: str = "utf-8") -> Iterator[Any]:
    """Write `path` all at once: a temporary file beside it, fsync, then `os.replace`. On any error or
    interruption the temporary file is removed and `path` is left as it was."""
    target = Path(path)
    name = str(target)
    if os.path.islink(target):  # write through a link: the file it names is replaced, the link stays
        target = Path(os.path.realpath(target))
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _error(name, exc) from None
    if info is not None and not stat.S_ISREG(info.st_mode):  # a device or a pipe: nothing to replace
        yield from _direct(target, binary, encoding)
        return
    refuse_read_only(target)
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=str(target.parent) or ".")
    except OSError as exc:
        raise _error(name, exc) from None
    raw = os.fdopen(fd, "wb")
    stream: Any = raw if binary else io.TextIOWrapper(raw, encoding=encoding, newline="", errors="backslashreplace")
    committed = False
    try:
        try:
            os.fchmod(fd, (info.st_mode & 0o7777) if info is not None else (0o666 & ~_umask()))
        except OSError:
            pass
        guarded = GuardedStream(stream, name)
        yield guarded
        guarded.flush()
        with _whole():
            try:
                stream.flush()
                os.fsync(fd)
                stream.close()
                os.replace(temp, target)
            except OSError as exc:
                raise _error(name, exc) from None
            committed = True
        _sync_folder(target.parent)
    finally:
        if not committed:
            try:
                stream.close()
            except (OSError, ValueError):
                pass
            try:
                os.unlink(temp)
            except OSError:
                pass


def _direct(target: Path, binary: bool, encoding: str) -> Iterator[Any]:
    try:
        raw = open(target, "wb")
    except OSError as exc:
        raise _error(str(target), exc) from None
    stream: Any = raw if binary else io.TextIOWrapper(raw, encoding=encoding, newline="", errors="backslashreplace")
    try:
        guarded = GuardedStream(stream, str(target))
        yield guarded
        guarded.flush()
    finally:
        try:
            stream.close()
        except (OSError, ValueError):
            pass


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder if str(folder) else ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_file_atomically(path: Path | str, data: bytes) -> None:
    with atomic_file(path, binary=True) as stream:
        stream.write(data)


# -- stdout ------------------------------------------------------------------------------------------
def human_stdout() -> Any:
    """sys.stdout for text meant for people: the locale's encoding, never failing on a character
    outside it (a GBK terminal shows `\\U0001f600` rather than the run dying)."""
    stream = sys.stdout
    if isinstance(stream, io.TextIOWrapper) and stream.errors not in ("backslashreplace", "surrogateescape"):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, io.UnsupportedOperation):
            pass
    return stream


class _FdSink:
    """Bytes to a file descriptor, buffered here and written with `os.write` until all are out.

    Python's own BufferedWriter can drop the tail of a write that a signal interrupts while a pipe is
    full (seen with Ctrl-C on `jixiao check … --format jsonl | consumer`); this buffer only ever holds
    whole writes and is drained in a loop that survives partial writes, so a record is never cut."""

    def __init__(self, fd: int, size: int = 1 << 16):
        self.fd, self.size = fd, size
        self.pending = bytearray()

    def write(self, data: bytes) -> int:
        self.pending += data
        if len(self.pending) >= self.size:
            self.flush()
        return len(data)

    def flush(self) -> None:
        done = 0
        try:
            with memoryview(self.pending) as view:
                while done < len(view):
                    done += os.write(self.fd, view[done:])
        finally:
            del self.pending[:done]


class _TextSink:
    def __init__(self, sink: _FdSink, encoding: str):
        import codecs

        self.sink = sink
        self.encoder = codecs.getincrementalencoder(encoding)(errors="backslashreplace")

    def write(self, text: str) -> int:
        self.sink.write(self.encoder.encode(text))
        return len(text)

    def flush(self) -> None:
        self.sink.flush()


def _stdout_fd() -> int | None:
    try:
        return sys.stdout.fileno()
    except (AttributeError, ValueError, OSError, io.UnsupportedOperation):  # a test runner's stdout
        return None


@contextmanager
def open_output(target: Path | None, binary: bool, human: bool = False) -> Iterator[Any]:
    """The stream an output format writes to: an atomic file, or stdout (UTF-8 for machine formats;
    the locale's encoding, never failing, for `human` text)."""
    if target is not None:
        with atomic_file(target, binary=binary) as stream:
            yield stream
        return
    fd = _stdout_fd()
    if fd is not None:
        sys.stdout.flush()
        sink = _FdSink(fd)
        encoding = (getattr(sys.stdout, "encoding", None) or "utf-8") if human else "utf-8"
        stream = GuardedStream(sink if binary else _TextSink(sink, encoding), "<stdout>")
        completed = False
        try:
            yield stream
            stream.flush()
            completed = True
        finally:
            if not completed:  # interrupted or failed: what was written whole still goes out
                try:
                    stream.drain()
                    sink.flush()
                except (OSError, JixiaoError, Interrupted):
                    pass
        return
    # stdout without a file descriptor (a test runner's): its own streams
    if human and not binary:
        guarded = GuardedStream(human_stdout(), "<stdout>")
        yield guarded
        guarded.flush()
        return
    sys.stdout.flush()
    buffer = sys.stdout.buffer
    if binary:
        guarded = GuardedStream(buffer, "<stdout>")
        yield guarded
        guarded.flush()
        return
    wrapper = io.TextIOWrapper(buffer, encoding="utf-8", newline="", errors="backslashreplace", write_through=True)
    try:
        guarded = GuardedStream(wrapper, "<stdout>")
        yield guarded
        guarded.flush()
    finally:
        try:
            wrapper.detach()  # leave sys.stdout's buffer open
        except (ValueError, OSError):
            pass


def print_json(value_text: str) -> None:
    """One JSON document on stdout, always UTF-8 (`jixiao extract`)."""
    with open_output(None, binary=False) as stream:
        stream.write(value_text + "\n")


def same_file(target: Path, candidates: Iterable[str]) -> str | None:
    """The first of `candidates` that is the file `target` names (the same inode: hard and symbolic
    links included), else None. Nothing is opened."""
    try:
        wanted = os.stat(target)
    except OSError:
        return None
    key = (wanted.st_dev, wanted.st_ino)
    for candidate in candidates:
        try:
            info = os.stat(candidate)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) == key:
            return candidate
    return None
