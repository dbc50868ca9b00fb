"""Checking many files: in this process or in worker processes, results always in source order."""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from .engine import Auditor, Options
from .model import AuditResult
from .pluginmanager import plugins_for

_worker: Auditor | None = None


_keep_reports = False
_finish: Callable[[AuditResult], Any] | None = None


def _start_worker(options: Options | None, plugin_files: tuple[str, ...], keep_reports: bool) -> None:
    """With `fork` the worker inherits the parent's auditor (packs already loaded); with `spawn`
    (`options` given) it builds its own."""
    global _worker, _keep_reports
    if options is not None:
        _worker = Auditor(options, plugins_for(plugin_files))
    _keep_reports = keep_reports


def _check_in_worker(path: str) -> Any:
    assert _worker is not None
    result = _worker.check_path(path)
    if not _keep_reports:
        result.report = None  # the result already holds what outputs need; don't ship the report back
    return _finish(result) if _finish is not None else result


@dataclass
class Rendered:
    """One report already written out by a streaming format, with what the run's summary needs."""

    output: str | bytes
    counts: dict[str, int]
    unreadable: bool
    suppressed: int
    worst: int


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def check_files(auditor: Auditor, paths: list[str], jobs: int = 1, plugin_files: Iterable[str] = (),
                keep_reports: bool = False, finish: Callable[[AuditResult], Any] | None = None) -> Iterator[Any]:
    """Check each path and yield its result in the order given, whatever the number of jobs.

    Workers are separate processes (one report never shares state with another); results are
    consumed as they arrive, so a caller that streams them keeps memory flat. `finish`, where given,
    turns each result into what the caller wants (say, its rendered output) where the result is
    made: in the worker, so that work is spread over the cores too.
    """
    if jobs <= 1 or len(paths) < 2:
        for path in paths:
            result = auditor.check_path(path)
            if not keep_reports:
                result.report = None  # let a long batch keep only what its output needs
            yield finish(result) if finish is not None else result
        return
    global _worker, _finish
    fork = "fork" in multiprocessing.get_all_start_methods()
    if not fork and finish is not None:  # a closure cannot be sent to a spawned worker: finish here
        for result in check_files(auditor, paths, jobs, plugin_files, keep_reports):
            yield finish(result)
        return
    context = multiprocessing.get_context("fork" if fork else "spawn")
    chunksize = max(1, min(64, len(paths) // (jobs * 8) or 1))
    _worker, _finish = (auditor, finish) if fork else (None, None)
    options = None if fork else auditor.options
    try:
        with context.Pool(jobs, initializer=_start_worker, initargs=(options, tuple(plugin_files), keep_reports)) as pool:
            yield from pool.imap(_check_in_worker, paths, chunksize=chunksize)
    finally:
        _worker, _finish = None, None
