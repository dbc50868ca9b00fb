"""Old and WPS formats, read after LibreOffice converts them: .doc and .wps (to .docx), .et (to .xlsx), and an
.xls that xlrd cannot read (an .xls that is really a web page or SpreadsheetML, an odd BIFF).

The conversion runs `soffice --headless --convert-to docx|xlsx` on a copy of the file in a private temporary
folder, with a profile of its own there (`-env:UserInstallation`), so conversions running at the same time never
share one; it is stopped (its whole process group killed) after `CONVERT_SECONDS`, or sooner when the report's
own time limit is nearer. The converted file is then read by the .docx or .xlsx reader, so every position is a
paragraph or cell of the converted document, and an info finding says so.

`soffice` is found through the environment variable `JIXIAO_SOFFICE` (the program's full path), else on PATH,
else where LibreOffice installs itself on Windows and macOS. Without it, the file is an `input` finding (not
checked) saying how to install LibreOffice or how to re-save the file. A .doc/.wps/.et that is really a .docx/
.xlsx (WPS saves them so) is read directly, without LibreOffice.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Protocol

from jixiao.kit import Extraction, Finding, InputError

from . import sniff
from .docx import docx_document
from .messages import message
from .prose import extract_document, lang_of
from .sheets import _ole_encrypted, xls_document, xlsx_document

CONVERT_SECONDS = 60.0
_MIN_SECONDS = 2.0  # a conversion is not started with less time than this left on the report's clock
_INSTALLED_AT = (
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


def find_soffice() -> tuple[str | None, str | None]:
    """(the soffice program, None), or (None, where JIXIAO_SOFFICE pointed in vain or None)."""
    named = os.environ.get("JIXIAO_SOFFICE", "").strip()
    if named:
        found = shutil.which(named)
        return (found, None) if found else (None, named)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found, None
    for candidate in _INSTALLED_AT:
        if os.access(candidate, os.X_OK) and os.path.isfile(candidate):
            return candidate, None
    return None, None


def remaining_seconds() -> float | None:
    """Seconds left before the report's time limit (the engine's SIGALRM timer); None when no limit runs."""
    try:
        left = signal.getitimer(signal.ITIMER_REAL)[0]
    except (AttributeError, OSError, ValueError):  # no setitimer (Windows)
        return None
    return left or None


def convert(path: str, data: bytes, kind: str, target: str, lang: str) -> bytes:
    """The bytes of `data` (a `kind` file such as ".doc") converted by LibreOffice to `target` ("docx" or
    "xlsx"). Raises InputError when soffice is missing, fails or runs out of time."""
    shown = "." + target
    soffice, named = find_soffice()
    if soffice is None:
        detail = message("soffice_missing", lang, kind=kind, target=shown)
        if named:
            detail += message("soffice_not_found_at", lang, where=named)
        raise InputError(path, None, None, detail)
    seconds = CONVERT_SECONDS
    left = remaining_seconds()
    if left is not None:
        seconds = max(min(seconds, left - 0.5), _MIN_SECONDS)
    with tempfile.TemporaryDirectory(prefix="jixiao-soffice-") as folder:
        base = Path(folder)
        source = base / ("source" + _input_suffix(data, kind))  # an ASCII name: no quoting or encoding trouble
        source.write_bytes(data)
        out = base / "out"
        command = [soffice, f"-env:UserInstallation={(base / 'profile').as_uri()}", "--headless", "--invisible",
                   "--nologo", "--nodefault", "--norestore", "--nolockcheck",
                   "--convert-to", target, "--outdir", str(out), str(source)]
        env = dict(os.environ, HOME=folder)  # nothing written to the user's home
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   cwd=folder, env=env, start_new_session=os.name == "posix")
        try:
            _, stderr = process.communicate(timeout=seconds)
        except subprocess.TimeoutExpired:
            raise InputError(path, None, None, message("conversion_timeout", lang, kind=kind, target=shown,
                                                       seconds=f"{seconds:g}")) from None
        finally:
            if process.poll() is None:  # timed out, or the report's own time limit struck: stop it all
                _kill(process)
        result = out / ("source." + target)
        if process.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
            detail = _last_words(stderr) or f"exit {process.returncode}"
            raise InputError(path, None, None, message("conversion_failed", lang, kind=kind, target=shown, detail=detail))
        return result.read_bytes()


def _kill(process: subprocess.Popen[bytes]) -> None:
    try:
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            process.kill()
    except (ProcessLookupError, PermissionError, OSError):
        pass
    try:
        process.communicate(timeout=5)
    except Exception:  # pragma: no cover - already killed; nothing more to do
        pass


def _input_suffix(data: bytes, kind: str) -> str:
    """The name LibreOffice should see: by content for OLE files (a WPS document is laid out as a .doc, and
    LibreOffice would take a .wps for a Microsoft Works file), else the file's own suffix."""
    if sniff.is_doc(data):
        return ".doc"
    if sniff.is_xls(data):
        return ".xls"
    return kind


def _last_words(stderr: bytes | None) -> str:
    lines = [line.strip() for line in (stderr or b"").decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line and "javaldx" not in line]
    return lines[-1][:200] if lines else ""


def _converted(kind: str, target: str, lang: str, sheet: bool = False) -> Finding:
    key = "converted_sheet" if sheet else "converted"
    return Finding("JX-EXTRACTION", "extraction", "info", message(key, lang, kind=kind, target="." + target), None, None,
                   {"problem": "converted", "from": kind, "to": target, "converter": "LibreOffice"})


def _kind(path: str, default: str) -> str:
    suffix = Path(path).suffix.lower()
    return suffix if suffix in (".doc", ".wps", ".et", ".xls") else default


# -- the extractors ----------------------------------------------------------------------------------------

class _Extract(Protocol):
    """An extractor's function (`Extractor.extract`)."""

    def __call__(self, path: str, data: bytes, options: Any = None) -> Extraction: ...


def _word(name: str) -> _Extract:
    def extract(path: str, data: bytes, options: Any = None) -> Extraction:
        lang = lang_of(options)
        if not data:
            raise InputError(path, None, None, message("empty", lang))
        if sniff.is_docx(data):  # saved by WPS as .docx under the old name
            return extract_document(path, docx_document(path, data, lang), options, "docx")
        kind = _kind(path, "." + name)
        converted = convert(path, data, kind, "docx", lang)
        return extract_document(path, docx_document(path, converted, lang), options, name, [_converted(kind, "docx", lang)])

    return extract


def _sheet(name: str, always_convert: bool) -> _Extract:
    """A spreadsheet: read by xlrd (or openpyxl) where it can, else converted. An .xls goes to LibreOffice only when
    it may help (see `_convertible`); a WPS .et (BIFF that xlrd mostly reads) whenever xlrd fails."""

    def extract(path: str, data: bytes, options: Any = None) -> Extraction:
        lang = lang_of(options)
        kind = _kind(path, "." + name)
        if sniff.is_xlsx(data):
            return extract_document(path, xlsx_document(path, data, lang), options, "xlsx")
        try:
            document = xls_document(path, data, lang)
        except InputError as exc:
            if not (_convertible(data) or (always_convert and data and not _ole_encrypted(data))):
                raise
            failure = exc
        else:
            return extract_document(path, document, options, name)
        try:
            converted = convert(path, data, kind, "xlsx", lang)
        except InputError as exc:
            if always_convert:  # a WPS format: LibreOffice is the way to read it, and its message says how
                raise
            # xlrd's own complaint says what is wrong; add how LibreOffice would have helped, or why it did not
            if find_soffice()[0] is None:
                extra = message("xls_needs_soffice", lang)
            else:
                extra = ("；" if lang == "zh" else "; ") + exc.detail
            raise InputError(path, None, None, failure.detail + extra, key=failure.key) from None
        document = xlsx_document(path, converted, lang)
        return extract_document(path, document, options, name, [_converted(kind, "xlsx", lang, sheet=True)])

    return extract


def _convertible(data: bytes) -> bool:
    """Bytes LibreOffice may read where xlrd cannot: an OLE file (not encrypted), or markup (an .xls that is a web
    page or SpreadsheetML 2003 XML). Random damage is left to xlrd's own error, without starting LibreOffice."""
    if not data:
        return False
    if data.startswith(sniff.OLE_MAGIC):
        return not _ole_encrypted(data)
    head = data[:1024].lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").lower()
    head = head.replace(b"\x00", b"")  # UTF-16 markup
    return head.startswith(b"<") or b"<html" in head or b"<table" in head


extract_xls = _sheet("xls", always_convert=False)
extract_doc = _word("doc")
extract_wps = _word("wps")
extract_et = _sheet("et", always_convert=True)
