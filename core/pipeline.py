"""The one sequence every way of running jixiao drives: sources → extract → select packs → check → merge →
baseline → (format). The command line (`jixiao check`), the API (`jixiao.check`, `jixiao.check_many`) and
the batch and cluster workers all go through a `Pipeline`, so a baseline or another validator's SARIF log
means the same thing whichever way a report was checked.

What runs where: extraction, pack selection and the rules run in `Auditor` (in this process, in worker
processes, or on Dask workers); other validators' findings are folded in here, in path order, because they are
the batch's (a file only they looked at becomes a result of its own at the end); the baseline is applied to
each result here, or in the worker when the worker also renders the result (`suppress` is what both call).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from .engine import Auditor, Options, iter_sources
from .model import AuditResult
from .pluginmanager import Plugins, plugins_for


class Pipeline:
    """One run's settings made ready: the auditor (plugins and packs loaded, packs validated), the baseline's
    accepted findings and the SARIF logs to merge. Raises `PackError` for a broken pack and `InputError` for a
    baseline or SARIF log that cannot be read, before any report is checked."""

    def __init__(self, options: Options, *, plugins: Plugins | None = None, plugin_files: Iterable[str] = (),
                 baseline: str | Path | None = None, merge: Iterable[str | Path] = (),
                 auditor: Auditor | None = None):
        self.plugin_files = tuple(str(f) for f in plugin_files)
        self.auditor = auditor or Auditor(options, plugins or plugins_for(list(self.plugin_files)))
        self.accepted: set[str] = set()
        if baseline is not None:
            from .baseline import load_baseline

            self.accepted = load_baseline(str(baseline))
        merged = [str(m) for m in merge]
        self.merger: Any = None
        if merged:
            from .sarif_import import SarifMerge

            self.merger = SarifMerge(merged)

    def sources(self, paths: Iterable[str | Path]) -> list[str]:
        """Every file under `paths` an extractor may read (and the ones it may not, to be listed as such), in the
        order of the names' bytes: the same whatever the locale."""
        found = iter_sources([str(p) for p in paths if str(p) != "-"], self.auditor.plugins.suffixes)
        return sorted(dict.fromkeys(found), key=os.fsencode)

    def suppress(self, result: AuditResult) -> AuditResult:
        """The baseline's accepted findings moved to `result.suppressed`."""
        if self.accepted:
            from .baseline import apply_baseline

            apply_baseline(result, self.accepted)
        return result

    def aftercare(self, result: AuditResult) -> AuditResult:
        """What happens to one result after its rules ran: other validators' findings about its file folded in,
        then the baseline applied (so a merged finding can be accepted too)."""
        if self.merger is not None:
            self.merger.attach(result)
        return self.suppress(result)

    def results(self, sources: list[str], *, jobs: int = 1, finish: Callable[[AuditResult], Any] | None = None,
                keep_reports: bool = False, max_memory: int | None = None, scheduler: Any = None,
                progress: Any = None, first: AuditResult | None = None) -> Iterator[Any]:
        """Each source's result in path order (or `finish(result)`, made where the result is made), checked in
        this process, in `jobs` worker processes or on the Dask cluster at `scheduler`; then a result for each
        file only the merged SARIF logs mention. `first` (a report read from standard input) comes first.
        Merged findings are attached here; the baseline is the caller's to apply (`suppress`), as only the
        caller knows whether `finish` already did. Raises `jixiao.cluster.ClusterError` where the cluster
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
        for result in checked:
            if self.merger is not None:
                self.merger.attach(result)
            yield result
        if self.merger is not None:
            yield from self.merger.leftovers()
