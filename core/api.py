"""The library API other validators import: `check`, `check_many`, `extract`, `load_pack`."""

from __future__ import annotations

import json
from dataclasses import asdict
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any
from collections.abc import Iterable, Iterator, Mapping

from . import archives
from .engine import Auditor, Options, Reader
from .pipeline import Pipeline
from .errors import InputError
from .i18n import LANGS
from .model import AuditResult
from .packs import PackLibrary, ResolvedPack
from .pluginmanager import default_plugins, plugins_for

_TEXT_SOURCE = "<text>"


def check(source: str | Path | dict[str, Any], packs: list[str] | None = None, *, lang: str = "zh",
          select: list[str] | None = None, ignore: list[str] | None = None, baseline: str | Path | None = None,
          merge: Iterable[str | Path] = (), aftercare: Mapping[str, Any] | None = None, **options: Any) -> AuditResult:
    """Check one report and return its findings.

    `source` is a path to a report file (.json, .yaml, or a prose source an extractor reads), a
    report dict, or the text of a prose report. A `str` of one line is a path (a report's text runs
    over several lines); pass a `Path` to be explicit. `packs` names packs or pack files; by default
    the national pack and every pack whose `applies_to` matches the report run. `select`/`ignore`
    take rule ids, id prefixes or categories, as on the command line (an entry naming nothing raises
    `ValueError` with a suggestion). Other keyword options are those of `jixiao.engine.Options`
    (`timeout`, `max_bytes`, `max_text_chars`, `min_evaluated`).

    `baseline` (a file written by `jixiao check --write-baseline`) moves the findings it accepted to the
    result's `suppressed`; `merge` folds in other validators' SARIF findings about this file — both as
    `jixiao check --baseline/--merge` do, in the same order (merged findings can be baselined too).
    Both are aftercare steps (plugins, `jixiao_register_aftercare`); `aftercare={name: setting}` starts any
    other registered step the same way.

    The result's `status` is the one the command line prints: passed, warnings, errors, not_checked
    or unreadable. A dict is not changed: it is copied, with floats read as the decimals they print
    as (49.9, not 49.89999…). A path that does not exist raises `InputError`, with or without a
    suffix; a file that exists but cannot be read gives an `unreadable` result with a `JX-INPUT`
    finding, as on the command line.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    auditor = _auditor(Options(packs=list(packs or []), lang=lang, select=list(select or []),
                               ignore=list(ignore or []), **options))
    unknown = auditor.unknown_selectors()
    if unknown:
        raise ValueError("; ".join(f"{option} {pattern}: no rule id, id prefix or category of that name"
                                   + (f" (did you mean {', '.join(close)}?)" if close else "")
                                   for option, pattern, close in unknown))
    # a bad baseline raises first
    pipeline = Pipeline(auditor.options, auditor=auditor, baseline=baseline, merge=merge, aftercare=aftercare)
    finish = pipeline.finish
    if isinstance(source, dict):
        return finish(auditor.check_report(_decimals(source), "<report>"))
    if isinstance(source, Path) or (isinstance(source, str) and _looks_like_path(source, auditor.plugins.suffixes)):
        if not Path(source).exists() and archives.split(str(source)) is None:
            raise InputError(str(source), None, None, "", key="not_found")
        return finish(auditor.check_path(str(source)))
    if isinstance(source, str):
        extraction = auditor.extract_path(_TEXT_SOURCE + ".txt", source.encode("utf-8"))
        return finish(auditor.check_extraction(extraction, _TEXT_SOURCE))
    raise TypeError(f"source must be a path, a report dict or text, not {type(source).__name__}")


def _looks_like_path(text: str, suffixes: set[str]) -> bool:
    """A file name rather than report text: one line of fewer than 4,096 characters (a report's text
    runs over lines), whether or not the file exists or has a suffix — so a mistyped path is never
    checked as if it were the text of a report."""
    return "\n" not in text and "\r" not in text and len(text) < 4096


def _decimals(value: Any) -> Any:
    """A copy of a report in which floats are the decimals they print as."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, dict):
        return {key: _decimals(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decimals(item) for item in value]
    return value


@lru_cache(maxsize=16)
def _cached_auditor(key: str) -> Auditor:
    return Auditor(Options(**json.loads(key)))


def _auditor(options: Options) -> Auditor:
    """One auditor per set of options: packs are read and validated once, not on every call."""
    return _cached_auditor(json.dumps(asdict(options), sort_keys=True))


def check_many(paths: Iterable[str | Path], packs: list[str] | None = None, *, lang: str = "zh",
               select: list[str] | None = None, ignore: list[str] | None = None, jobs: int = 1,
               scheduler: Any = None, plugins: Iterable[str | Path] = (), baseline: str | Path | None = None,
               merge: Iterable[str | Path] = (), aftercare: Mapping[str, Any] | None = None,
               **options: Any) -> Iterator[AuditResult]:
    """Check many reports; an iterator of their results in path order, as `jixiao check` lists them.

    `paths` are files and folders (read recursively, as on the command line; with `scheduler`, fsspec
    URLs such as `s3://bucket/reports/` too), checked in `jobs` worker processes on this machine or, with
    `scheduler` (an address such as `tcp://host:8786`, or a `distributed.Client`), on a Dask cluster
    (`pip install 'jixiao[dask]'`). The results are the same either way and come as they are checked, so
    a caller that consumes them one by one keeps memory flat however many there are. `plugins` names
    plain-file plugins; `packs`, `lang`, `select`, `ignore`, `baseline`, `merge` and the other options are
    `check`'s (with `merge`, a file only the SARIF logs mention is a result of its own, at the end).

    Raises `ValueError` at once for a `select`/`ignore` entry that names nothing; while iterating,
    `jixiao.cluster.ClusterError` where the cluster cannot be used (Dask not installed, no scheduler at
    that address, a worker without a plugin loaded here), before any report is checked.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    settings = Options(packs=list(packs or []), lang=lang, select=list(select or []), ignore=list(ignore or []), **options)
    plugin_files = [str(p) for p in plugins]
    auditor = Auditor(settings, plugins_for(plugin_files)) if plugin_files else _auditor(settings)
    unknown = auditor.unknown_selectors()
    if unknown:
        raise ValueError("; ".join(f"{option} {pattern}: no rule id, id prefix or category of that name"
                                   for option, pattern, _ in unknown))
    pipeline = Pipeline(settings, auditor=auditor, plugin_files=plugin_files, baseline=baseline, merge=merge,
                        aftercare=aftercare)
    sources = pipeline.sources(paths)  # the command line's order: the names' bytes, whatever the locale
    return (pipeline.finish(result)
            for result in pipeline.results(sources, jobs=jobs, scheduler=scheduler))


def extract(path: str | Path) -> dict[str, Any]:
    """The report an extractor reads from a source file (with `provenance`), as a plain dict.

    Raises `jixiao.InputError` when the file cannot be read."""
    extraction = Reader(Options()).extract_path(str(path))  # no pack is read to extract
    if not isinstance(extraction.report, dict):
        raise InputError(str(path), None, None, "not a report", key="not_object")
    return extraction.report


def load_pack(path_or_name: str | Path) -> ResolvedPack:
    """A rule pack by built-in name or file path, validated and with its `extends` merged.

    Raises `jixiao.PackError` listing every problem with file and line."""
    library = PackLibrary(default_plugins())
    return library.resolve(str(path_or_name))
