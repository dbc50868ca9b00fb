"""Files a source names beside itself: the pictures of a web page saved with its files ("网页，全部" in a browser,
"网页" in Word), which sit in a folder named after the page (`report_files/`, Word's `report.files/`).

`read_beside(source, reference, limit)` reads the file a page's relative link names, from the folder the page is in
or from the same archive, and never from anywhere else: an absolute path, a link to a site, or one that climbs out of
the page's folder (`../`, a symbolic link pointing away) names nothing. Reading is all that is done with it.

`page_resources(paths)` tells which of a folder's files are such a page's own files, so that a folder walk checks the
page (which reads them) and not each of its pictures, style sheets and scripts as a report of its own.
"""

from __future__ import annotations

import os
import posixpath
import re
import stat
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from . import archives
from .errors import InputError

__all__ = ["read_beside", "page_resources", "RESOURCE_FOLDER"]

# A saved page's own folder: `name_files` (browsers, English Word), `name.files` (Word in Chinese)
RESOURCE_FOLDER = re.compile(r"^(?P<page>.+?)(?:_files|\.files)$", re.IGNORECASE)
PAGE_SUFFIXES = (".htm", ".html", ".xhtml", ".shtml")


def _relative(reference: str) -> str | None:
    """The path a page's link names relative to the page's folder, with / between folders; None for a link that is
    not relative (a scheme, a host, a leading /, a drive) or that leaves the folder."""
    reference = reference.strip().replace("\\", "/")
    if not reference or reference.startswith("/") or re.match(r"^[A-Za-z]:", reference):
        return None
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc:
        return None
    path = parts.path
    if "%" in path:  # (browsers escape a name's UTF-8; an old page may have escaped its GBK)
        try:
            path = unquote(path, encoding="utf-8", errors="strict")
        except UnicodeDecodeError:
            path = unquote(path, encoding="gb18030", errors="strict")
    path = posixpath.normpath(path)
    if path in (".", "..") or path.startswith("../") or path.startswith("/"):
        return None
    return path


def read_beside(source: str, reference: str, limit: int) -> bytes | None:
    """The bytes of the file that `reference` (a relative link as the page at `source` writes it:
    `report_files/image001.png`, `./a.jpg`, with %-escapes) names beside it; None where it names none, or the file is
    not there, not a regular file, or larger than `limit` bytes."""
    try:
        relative = _relative(reference)
    except UnicodeDecodeError:
        return None
    if relative is None:
        return None
    member = archives.split(source)
    if member is not None:  # a page inside a zip: its files are the archive's members beside it
        archive, name = member
        sibling = posixpath.normpath(posixpath.join(posixpath.dirname(name), relative))
        if sibling.startswith("../"):
            return None
        try:
            return archives.read_member(archive + archives.MARK + sibling, limit)
        except InputError:
            return None
    folder = os.path.dirname(os.path.abspath(source))
    target = os.path.join(folder, *relative.split("/"))
    try:
        real_folder, real_target = os.path.realpath(folder), os.path.realpath(target)
        if os.path.commonpath([real_folder, real_target]) != real_folder:
            return None  # (a symbolic link leading out of the page's folder)
        info = os.stat(real_target)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        with open(real_target, "rb") as handle:
            data = handle.read(limit + 1)
    except (OSError, ValueError):
        return None
    return data if len(data) <= limit else None


def page_resources(paths: Iterable[str]) -> set[str]:
    """Of these paths (files of a folder walk, or an archive's member names), those inside a saved page's own folder:
    `X_files/…` or `X.files/…` where the page `X.htm` (.html, .xhtml, .shtml) sits beside that folder."""
    listed = list(paths)
    pages = {p.replace("\\", "/").lower() for p in listed if p.lower().endswith(PAGE_SUFFIXES)}
    if not pages:
        return set()
    out: set[str] = set()
    for path in listed:
        parts = path.replace("\\", "/").split("/")
        for depth in range(len(parts) - 1):
            found = RESOURCE_FOLDER.match(parts[depth])
            if found is None:
                continue
            stem = "/".join(parts[:depth] + [found.group("page")]).lower()
            if any(stem + suffix in pages for suffix in PAGE_SUFFIXES):
                out.add(path)
                break
    return out
