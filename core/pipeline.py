"""The one sequence every way of running jixiao drives: sources → extract → select packs → check → aftercare
(merge → baseline) → (format). The command line (`jixiao check`), the API (`jixiao.check`, `jixiao.check_many`)
and the batch and cluster workers all go through a `Pipeline`, so a baseline or another validator's SARIF log
means the same thing whichever way a report was checked.

What runs where: extraction, pack selection and the rules run in `Auditor` (in this process, in worker
processes, or on Dask workers). The aftercare steps are plugins (`jixiao_register_aftercare`; the built-in
`merge` and `baseline` are registered like any other) started once per run here and applied to each result
where it is written (`finish`): here, or in the worker that also renders it where no step keeps state across
results. A step with state of the batch (merge: a file only other validators looked at becomes a result of
its own at the end) has every result come here, in path order.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .engine import Auditor, Options, iter_sources
from .errors import InputError, JixiaoError
from .i18n import text
from .model import AuditResult, Finding
from .pluginmanager import Plugins, plugins_for
from .registry import AftercareRun


class Pipeline:
    """One run's settings made ready: the auditor (plugins and packs loaded, packs validated) and the run's
    aftercare steps, each started from its setting (`baseline=` is the step `baseline`'s, `merge=` the step
    `merge`'s, `aftercare={name: setting}` any registered step's). Raises `PackError` for a broken pack and
    `InputError` for a step that cannot start (a baseline or SARIF log that cannot be read, a step no plugin
    provides), before any report is checked."""

    def __init__(self, options: Options, *, plugins: Plugins | None = None, plugin_files: Iterable[str] = (),
                 baseline: str | Path | None = None, merge: Iterable[str | Path] = (),
                 aftercare: Mapping[str, Any] | None = None, auditor: Auditor | None = None):
        self.plugin_files = tuple(str(f) for f in plugin_files)
        self.auditor = auditor or Auditor(options, plugins or plugins_for(list(self.plugin_files)))
        settings: dict[str, Any] = dict(aftercare or {})
        merged = [str(m) for m in merge]
        if merged:
            settings["merge"] = merged
        if baseline is not None:
            settings["baseline"] = str(baseline)
        registered = self.auditor.plugins.aftercare
        started: list[tuple[int, str, AftercareRun, bool]] = []
        for name, setting in settings.items():
            step = registered.get(name)
            where = ", ".join(map(str, setting)) if isinstance(setting, list) else str(setting)
            if step is None:
                raise InputError(where, None, None, ", ".join(sorted(registered)) or "-", key="no_aftercare", name=name)
            try:
                run = step.start(setting)
            except JixiaoError:
                raise
            except Exception as exc:  # a plugin's bug: a clear message, not a traceback
                raise InputError(where, None, None, f"{type(exc).__name__}: {exc}", key="aftercare_failed",
                                 name=name) from None
            started.append((step.order, name, run, step.whole_batch))
        started.sort(key=lambda s: (s[0], s[1]))
        self.steps: list[tuple[str, AftercareRun]] = [(name, run) for _, name, run, _ in started]
        # a step that must see every result (to know what is left over) keeps the results in this process
        self.whole_batch = any(whole for *_, whole in started)

    def sources(self, paths: Iterable[str | Path]) -> list[str]:
        """Every file under `paths` an extractor may read (and the ones it may not, to be listed as such), in the
        order of the names' bytes: the same whatever the locale."""
        found = iter_sources([str(p) for p in paths if str(p) != "-"], self.auditor.plugins.suffixes)
        return sorted(dict.fromkeys(found), key=os.fsencode)

    def finish(self, result: AuditResult) -> AuditResult:
        """The result through the run's aftercare steps, in order (other validators' findings folded in, then
        the baseline's accepted findings moved to `result.suppressed`). A step that raises costs this result one
        `internal` finding, never its other findings."""
        for name, run in self.steps:
            try:
                run.finish(result)
            except Exception as exc:
                result.findings.append(Finding("JX-INTERNAL", "internal", "error",
                                               text("rule.aftercare", self.auditor.options.lang, name=name,
                                                    detail=f"{type(exc).__name__}: {exc}"),
                                               None, None, {"step": name}))
                result.sort()
        return result

    def leftovers(self) -> Iterator[AuditResult]:
        """Results the steps make of their own once every source was checked (files only another validator's
        log names); like every result, the caller's to `finish` (the step that made one finds nothing to add)."""
        for _, run in self.steps:
            extra = getattr(run, "leftovers", None)
            if extra is not None:
                yield from extra()

    def results(self, sources: list[str], *, jobs: int = 1, finish: Callable[[AuditResult], Any] | None = None,
                keep_reports: bool = False, max_memory: int | None = None, scheduler: Any = None,
                progress: Any = None, first: AuditResult | None = None) -> Iterator[Any]:
        """Each source's result in path order (or `finish(result)`, made where the result is made), checked in
        this process, in `jobs` worker processes or on the Dask cluster at `scheduler`; then a result for each
        file only the merged SARIF logs mention. `first` (a report read from standard input) comes first.
        The aftercare steps are the caller's to apply (`finish`), as only the caller knows whether its own
        `finish` (rendering in the workers) already did; the steps' own results come last (`leftovers`). Raises `jixiao.cluster.ClusterError` where the cluster
        cannot be used."""
        from .batch import DEFAULT_MAX_MEMORY, check_files

        if first is not None:
            yield finish(first) if finish is not None else first
        memory = DEFAULT_MAX_MEMORY if max_memory is None else max_memory
        if scheduler:
            from .cluster import check_files as on_cluster

            checked = on_cluster(self.auditor, sources, jobs, self.plugin_files, keep_reports=keep_reports,
                                 finish=finish, max_memory=memory, scheduler=scheduler, progress=progress)
        else:
            checked = check_files(self.auditor, sources, jobs, self.plugin_files, keep_reports=keep_reports,
                                  finish=finish, max_memory=memory)
        yield from checked
        yield from self.leftovers()
