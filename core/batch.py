"""Checking many files: in this process or in worker processes, results always in source order."""

from __future__ import annotations

import multiprocessing
import os
from typing import Iterable, Iterator

from .engine import Auditor, Options
from .model import AuditResult
from .pluginmanager import build_plugins, default_plugins

_worker: Auditor | None = None


_keep_reports = False


def _start_worker(options: Options, plugin_files: tuple[str, ...], keep_reports: bool) -> None:
    global _worker, _keep_reports
    plugins = build_plugins(plugin_files) if plugin_files else default_plugins()
    _worker = Auditor(options, plugins)
    _keep_reports = keep_reports


def _check_in_worker(path: str) -> AuditResult:
    assert _worker is not None
    result = _worker.check_path(path)
    if not _keep_reports:
        result.report = None  # the result already holds what outputs need; don't ship the report back
    return result


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def check_files(auditor: Auditor, paths: list[str], jobs: int = 1,
                plugin_files: Iterable[str] = (), keep_reports: bool = False) -> Iterator[AuditResult]:
    """Check each path and yield its result in the order given, whatever the number of jobs.

    Workers are separate processes (one report never shares state with another); results are
    consumed as they arrive, so a caller that streams them keeps memory flat.
    """
    if jobs <= 1 or len(paths) < 2:
        for path in paths:
            result = auditor.check_path(path)
            if not keep_reports:
                result.report = None  # let a long batch keep only what its output needs
            yield result
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    chunksize = max(1, min(64, len(paths) // (jobs * 8) or 1))
    with context.Pool(jobs, initializer=_start_worker, initargs=(auditor.options, tuple(plugin_files), keep_reports)) as pool:
        yield from pool.imap(_check_in_worker, paths, chunksize=chunksize)
