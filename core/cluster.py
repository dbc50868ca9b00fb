"""Checking many files on a Dask distributed cluster, results always in source order.

The drop-in twin of `jixiao.batch.check_files`: the same arguments and the same contract (each result,
or `finish(result)`, yielded in the order of `paths`), plus the scheduler's address. The command line
picks one or the other (`jixiao check … --scheduler tcp://HOST:8786`); `jixiao.check_many` too.
Dask is an optional extra (`pip install 'jixiao[dask]'`): nothing here imports it until a batch is sent.

How a batch runs (docs/cluster.md says more):
- Once per worker, not per report: a `WorkerPlugin` carries the Options, the plugin files, the names of
  the plugins the client loaded, its working folder and (for a streaming format) the `finish` function.
  Its `setup` loads the plugins and builds the worker's Auditor; a plugin the client named that the
  worker lacks fails the registration, so the batch stops with a clear error before any report is read.
  Workers that join later get the plugin from the scheduler and set up the same way.
- One task per report, at most WINDOW of them in flight ahead of the next report due, so the client
  keeps a bounded number of futures and results (memory flat however long the batch). Results are taken
  in path order; streaming formats are rendered on the workers.
- Inputs are read on the workers: local paths (a shared file system; a relative path is read against the
  client's working folder and named as the client named it) and fsspec URLs (`s3://…`, `file://…`).
  A folder URL is listed on the client (names only).
- Faults: Dask reschedules the tasks of a worker that dies. Each attempt of a report is counted on the
  scheduler (task metadata) before the report is read, so a report that killed two workers is not tried a
  third time: it becomes a `JX-INTERNAL` finding and the batch goes on. `--timeout` is enforced on the
  worker like SIGALRM locally (the timeout is raised in the thread checking the report, and the engine
  turns it into `JX-TIMEOUT`); a report still running past twice the timeout (stuck in C code) is
  recorded as timed out and its worker process exits, to be restarted by its nanny.
- Ctrl-C (or any error in the caller): every task of the batch is cancelled on the cluster and the worker
  plugin removed; the CLI's atomic output file is never written.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import uuid
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Any
from collections.abc import Callable, Iterable, Iterator

from . import log
from .batch import DEFAULT_MAX_MEMORY, HARD_GRACE, WINDOW_PER_JOB, made_here, shipped
from .engine import Auditor, Options
from .errors import InputError, JixiaoError
from .i18n import lookup, text
from .model import AuditResult, Finding
from .timelimit import ReportTimeout, on_more_time

SCHEDULER_ENV = "JIXIAO_SCHEDULER"
INSTALL = "pip install 'jixiao[dask]'"
CONNECT_SECONDS = 20.0  # reaching the scheduler
WORKERS_SECONDS = 60.0  # waiting for a first worker to join; and, mid-batch, with no worker left, before the batch stops
WORKER_POLL = 2.0  # seconds between asking the scheduler for its workers while no result arrives
METADATA = "jixiao-attempts"  # the scheduler's task metadata: attempts per report, per run
BUCKET = 1024  # reports per metadata bucket, dropped once none of its reports is in flight
DIED = 2  # workers a report may kill before it becomes a finding

MESSAGES: dict[str, dict[str, str]] = {
    "missing": {"zh": "jixiao：--scheduler 需要 Dask 分布式组件（未安装：{module}）。请先安装：{install}",
                "en": "jixiao: --scheduler needs Dask distributed ({module} is not installed). Install it with: {install}"},
    "connect": {"zh": "jixiao：无法连接 Dask 调度器 {address}（{detail}）",
                "en": "jixiao: cannot reach the Dask scheduler at {address} ({detail})"},
    "no_workers": {"zh": "jixiao：Dask 调度器 {address} 在 {seconds:g} 秒内没有可用的工作进程",
                   "en": "jixiao: the Dask scheduler at {address} has had no worker for {seconds:g} s"},
    "plugin_missing": {"zh": "jixiao：Dask 工作进程 {worker} 缺少本机已加载的插件：{names}。请在每个工作进程的环境中安装这些插件（--plugin 文件须在共享文件系统上），未检查任何报告",
                       "en": "jixiao: the Dask worker {worker} lacks plugins loaded here: {names}. Install them in every worker's environment (--plugin files on a shared file system); no report was checked"},
    "setup_failed": {"zh": "jixiao：Dask 工作进程 {worker} 无法准备检查（{detail}），未检查任何报告",
                     "en": "jixiao: the Dask worker {worker} could not get ready to check ({detail}); no report was checked"},
    "workers_gone": {"zh": "jixiao：Dask 调度器 {address} 已有 {seconds:g} 秒没有任何工作进程（工作进程退出后未能重启？），批次已停止，未输出结果",
                     "en": "jixiao: the Dask scheduler at {address} has had no worker for {seconds:g} s (workers that exited and were not restarted?); the batch was stopped and nothing was written"},
    "not_ready": {"zh": "jixiao：Dask 工作进程 {worker} 没有本批次的设置（插件未能加载？），批次已停止",
                  "en": "jixiao: the Dask worker {worker} has no setup for this batch (a plugin that failed to load?); the batch was stopped"},
    "cancelled": {"zh": "jixiao：报告 {path} 的任务在 Dask 集群上被取消（调度器重启或被他人取消），批次已停止",
                  "en": "jixiao: the task for {path} was cancelled on the Dask cluster (a scheduler restart, or cancelled by someone else); the batch was stopped"},
    "workers_died": {"zh": "Dask 工作进程 {attempts} 次在检查中失联", "en": "Dask workers lost {attempts} times while checking it"},
    "dashboard": {"zh": "jixiao：Dask 仪表盘 {link}", "en": "jixiao: Dask dashboard {link}"},
    "progress": {"zh": "  工作进程 {busy}/{total}", "en": "  workers {busy}/{total}"},
}


class ClusterError(JixiaoError):
    """A batch that cannot run on the cluster (Dask missing, scheduler unreachable, a worker without a
    plugin): a usage error for the command line, raised before any report is checked where it can be."""

    def __init__(self, key: str, **values: Any):
        super().__init__(key)
        self.key, self.values = key, values

    def render(self, lang: str = "zh") -> str:
        return lookup(MESSAGES, self.key, lang, **self.values)

    def __str__(self) -> str:
        return self.render("en")


def require_dask() -> Any:
    """`distributed`, imported; a ClusterError naming the extra to install where it (or fsspec) is missing."""
    for module in ("distributed", "fsspec"):
        try:
            __import__(module)
        except ImportError:
            raise ClusterError("missing", module=module, install=INSTALL) from None
    import distributed

    return distributed


# -- on the worker ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Split:
    """A group task's answer on its second attempt: its worker was lost; send the reports one by one."""


def _group_index(first: int) -> int:
    """The attempts of the group starting at report `first`, kept apart from the reports' own (negative)."""
    return -1 - first


@dataclass(frozen=True)
class _Lost:
    """A task's answer for a report it did not check: it had killed `DIED` workers, or timed out for good."""

    why: str  # "died" or "timeout"
    attempts: int = 0


@dataclass
class _Setup:
    """What every worker needs for a batch, sent once per worker inside the worker plugin."""

    name: str
    options: Options
    plugin_files: tuple[str, ...]  # absolute
    expected: tuple[str, ...]  # the plugins loaded on the client, as _loaded() names them
    cwd: str  # the client's working folder: relative paths are read against it
    keep_reports: bool
    finish: bytes | None  # cloudpickled `finish`, where it is run on the workers


def _loaded(plugins: Any, cwd: str) -> set[str]:
    """The plugins loaded without error: installed ones by entry-point name, plain files by absolute path."""
    names = set()
    for info in plugins.info:
        if info.error is None:
            is_file = info.registered_as.startswith("file:")
            names.add("file " + os.path.join(cwd, info.origin) if is_file else "entry point " + info.name)
    return names


class _Worker:
    """A worker's state for one batch: its Auditor, the finish function, the timeout watchdog."""

    def __init__(self, setup: _Setup, worker: Any):
        from .pluginmanager import plugins_for
        from .errors import PackError

        self.setup, self.worker = setup, worker
        address = worker.address
        plugins = plugins_for(setup.plugin_files)
        missing = sorted(set(setup.expected) - _loaded(plugins, setup.cwd))
        if missing:
            raise ClusterError("plugin_missing", worker=address, names=", ".join(missing))
        try:
            self.auditor = Auditor(setup.options, plugins)
        except PackError as exc:
            raise ClusterError("setup_failed", worker=address, detail=exc.render("en")) from None
        self.finish: Callable[[AuditResult], Any] | None = None
        if setup.finish is not None:
            import cloudpickle

            self.finish = cloudpickle.loads(setup.finish)
        timeout = setup.options.timeout
        self.watchdog = _Watchdog(timeout, timeout * 2 + HARD_GRACE, self._stuck) if timeout and timeout > 0 else None
        self.same_cwd = os.path.realpath(os.getcwd()) == os.path.realpath(setup.cwd)

    def check(self, index: int, path: str) -> Any:
        """One report, its attempt counted on the scheduler before it is read."""
        previous = _attempt(self.worker, self.setup.name, index)
        if previous == "timeout":
            return _Lost("timeout")
        if previous >= DIED:
            return _Lost("died", previous)
        result = self._checked(index, path)
        _finished(self.worker, self.setup.name, index, previous)  # a result lost with its worker later is no report's fault
        return self._shipped(result)

    def check_group(self, first: int, paths: list[str]) -> Any:
        """Several consecutive reports in one task, without a scheduler round trip per report. Only the group's
        first attempt does this: a group whose worker was lost is answered `_Split()`, and the client sends its
        reports one by one, each counted on its own (so a report that kills workers is known as such)."""
        if _attempt(self.worker, self.setup.name, _group_index(first)):
            return _Split()
        results = [self._shipped(self._checked(first + offset, path)) for offset, path in enumerate(paths)]
        _finished(self.worker, self.setup.name, _group_index(first), 0)
        return results

    def _checked(self, index: int, path: str) -> AuditResult:
        """The report's result, `--timeout` enforced by the watchdog."""
        result = None
        try:
            if self.watchdog is None:
                result = self._check(path)
            else:
                with self.watchdog.watch(index):
                    result = self._check(path)
        except ReportTimeout:  # raised outside the engine's own handler (reading a URL, say)
            if result is None:
                result = _timeout(self.auditor, path)
        return result

    def _shipped(self, result: AuditResult) -> Any:
        """What goes back to the client: the result without its report (outputs do not need it), made safe to
        write, rendered where the format is rendered on the workers."""
        return shipped(result, self.setup.keep_reports, self.finish)

    def _check(self, path: str) -> AuditResult:
        """The engine's own `check_path`, given the bytes where this process cannot open the path itself."""
        auditor = self.auditor
        if "://" in path and not os.path.exists(path):
            where = None  # an fsspec URL
        elif os.path.isabs(path) or self.same_cwd:
            return auditor.check_path(path)
        else:
            where = os.path.join(self.setup.cwd, path)
        if PurePath(path).name.startswith("~$") or (auditor.plugins.extractor_for(path) is None and PurePath(path).suffix):
            return auditor.check_path(path)  # a lock file, or a type nobody reads: decided by the name alone
        try:
            data = _read_url(path, auditor.options.max_bytes) if where is None else _read_local(where, auditor.options.max_bytes)
        except InputError as exc:
            exc.path = path  # named as the client named it
            return auditor.unreadable(path, exc)
        return auditor.check_path(path, data)

    def _stuck(self, index: int) -> None:
        """A report past the hard limit, where the timeout cannot reach: recorded, then this process ends
        (its nanny starts a fresh one; the retried task reads the record and gives up)."""
        try:
            _record(self.worker, self.setup.name, index, "timeout")
        finally:
            os._exit(70)

    def close(self) -> None:
        if self.watchdog is not None:
            self.watchdog.close()


def _read_local(path: str, limit: int) -> bytes:
    """A local file read as the engine reads it (regular files only, never past the limit; a file in a zip
    from the zip)."""
    from . import archives
    from .engine import _read_regular, _stat_source

    if archives.split(path) is not None:
        return archives.read_member(path, limit)
    info = _stat_source(path)
    if info.st_size > limit:
        raise InputError(path, None, None, f"{info.st_size:,} > {limit:,}", key="too_large")
    return _read_regular(path, limit)


def _read_url(url: str, limit: int) -> bytes:
    """An fsspec URL's bytes, never more than the limit; every failure an InputError."""
    try:
        import fsspec

        fs, where = fsspec.core.url_to_fs(url)
        if fs.isdir(where):
            raise InputError(url, None, None, "folder", key="not_regular")
        size = fs.size(where)
        if size is not None and size > limit:
            raise InputError(url, None, None, f"{size:,} > {limit:,}", key="too_large")
        with fs.open(where, "rb") as stream:
            data: bytes = stream.read(limit + 1)
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(url, None, None, "", key="not_found") from None
    except Exception as exc:  # no such protocol, no credentials, a network error: this file's problem
        raise InputError(url, None, None, f"{type(exc).__name__}: {exc}") from None
    if len(data) > limit:
        raise InputError(url, None, None, f"> {limit:,}", key="too_large")
    return data


def _timeout(auditor: Auditor, path: str) -> AuditResult:
    seconds = auditor.options.timeout
    finding = Finding("JX-TIMEOUT", "internal", "error", text("rule.timeout", auditor.options.lang, seconds=seconds),
                      None, None, {"file": path, "seconds": seconds})
    return auditor.failed(path, finding)


def _metadata_key(name: str, index: int) -> list[str]:
    if index < 0:  # a group's attempts (see _group_index), bucketed by its first report as reports are
        first = -1 - index
        return [METADATA, name, f"g{first // BUCKET}", str(first)]
    return [METADATA, name, str(index // BUCKET), str(index)]


def _attempt(worker: Any, name: str, index: int) -> Any:
    """Count this attempt at a report on the scheduler, before the report is read (a worker that dies
    while checking it cannot forget to); the attempts before it, or "timeout"."""
    from distributed.utils import sync

    keys = _metadata_key(name, index)

    async def count() -> Any:
        previous = await worker.scheduler.get_metadata(keys=keys, default=0)
        if previous != "timeout":
            await worker.scheduler.set_metadata(keys=keys, value=previous + 1)
        return previous

    return sync(worker.loop, count)


def _finished(worker: Any, name: str, index: int, previous: int) -> None:
    """This attempt ended: it no longer counts (sent without waiting; if this worker dies first, the report
    is merely counted once too often)."""
    worker.loop.add_callback(worker.scheduler.set_metadata, keys=_metadata_key(name, index), value=previous)


def _record(worker: Any, name: str, index: int, value: Any) -> None:
    from distributed.utils import sync

    sync(worker.loop, worker.scheduler.set_metadata, keys=_metadata_key(name, index), value=value)


class _Watchdog:
    """`--timeout` for the threads that check reports (SIGALRM only reaches a main thread): past `soft`
    seconds ReportTimeout is raised in the checking thread, as the alarm would; past `hard`, `stuck`."""

    def __init__(self, soft: float, hard: float, stuck: Callable[[int], None]):
        self.soft, self.hard, self.stuck = soft, hard, stuck
        self.condition = threading.Condition()
        self.active: dict[int, list[Any]] = {}  # thread id → [started, raised, index]
        self.closed = False
        self.thread = threading.Thread(target=self._run, name="jixiao-watchdog", daemon=True)
        self.thread.start()
        self._unlisten = on_more_time(self._more_time)

    def _more_time(self, seconds: float) -> None:
        """The report the calling thread checks was granted more time (timelimit.more_time): its clock moves back."""
        with self.condition:
            entry = self.active.get(threading.get_ident())
            if entry is not None and not entry[1]:
                entry[0] += seconds
                self.condition.notify()

    def watch(self, index: int) -> _Watch:
        return _Watch(self, index)

    def _run(self) -> None:
        with self.condition:
            while not self.closed:
                now, wait = time.monotonic(), 1.0
                for ident, entry in list(self.active.items()):
                    started, raised, index = entry
                    if not raised and now >= started + self.soft:
                        entry[1] = True
                        _raise_in(ident, ReportTimeout)
                    elif raised and now >= started + self.hard:
                        self.stuck(index)
                    wait = min(wait, max(0.01, started + (self.hard if entry[1] else self.soft) - now))
                self.condition.wait(wait)

    def close(self) -> None:
        self._unlisten()
        with self.condition:
            self.closed = True
            self.condition.notify()


class _Watch:
    def __init__(self, watchdog: _Watchdog, index: int):
        self.watchdog, self.index = watchdog, index

    def __enter__(self) -> None:
        with self.watchdog.condition:
            self.watchdog.active[threading.get_ident()] = [time.monotonic(), False, self.index]
            self.watchdog.condition.notify()

    def __exit__(self, *exc: Any) -> None:
        ident = threading.get_ident()
        with self.watchdog.condition:
            entry = self.watchdog.active.pop(ident, None)
            if entry is not None and entry[1]:
                _raise_in(ident, None)  # a timeout raised too late to matter is dropped, not left pending


def _raise_in(ident: int, exception: type[BaseException] | None) -> None:
    import ctypes

    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(exception) if exception else None)


_PLUGIN_CLASS: Any = None


def _plugin_class() -> Any:
    """The WorkerPlugin subclass, made on first use (so that importing this module never imports Dask);
    reachable by name as `jixiao.cluster.JixiaoWorkerPlugin`, which is how pickle finds it on a worker."""
    global _PLUGIN_CLASS
    if _PLUGIN_CLASS is None:
        from distributed.diagnostics.plugin import WorkerPlugin

        class JixiaoWorkerPlugin(WorkerPlugin):
            idempotent = False

            def __init__(self, setup: _Setup):
                self.setup_data = setup
                self.state: _Worker | None = None

            def setup(self, worker: Any) -> None:
                self.state = _Worker(self.setup_data, worker)

            def teardown(self, worker: Any) -> None:
                if self.state is not None:
                    self.state.close()
                self.state = None

            def __getstate__(self) -> dict[str, Any]:
                return {"setup_data": self.setup_data, "state": None}

        JixiaoWorkerPlugin.__module__ = __name__
        JixiaoWorkerPlugin.__qualname__ = "JixiaoWorkerPlugin"
        _PLUGIN_CLASS = JixiaoWorkerPlugin
    return _PLUGIN_CLASS


def __getattr__(name: str) -> Any:
    if name == "JixiaoWorkerPlugin":
        return _plugin_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _state(name: str) -> _Worker:
    from distributed import get_worker

    worker = get_worker()
    state: _Worker | None = getattr(worker.plugins.get(name), "state", None)
    if state is None:
        raise ClusterError("not_ready", worker=worker.address)
    return state


def _task(name: str, index: int, path: str) -> Any:
    """One report, on a worker: checked with the worker's state for this batch."""
    return _state(name).check(index, path)


def _group_task(name: str, first: int, paths: list[str]) -> Any:
    """Consecutive reports, on a worker: their results in order, or `_Split()` on a second attempt."""
    return _state(name).check_group(first, paths)


# -- on the client ----------------------------------------------------------------------------------------
def expand_urls(paths: Iterable[str]) -> list[str]:
    """Each folder URL (`s3://bucket/dir/`) replaced by the files under it, listed with fsspec, sorted, hidden
    files and folders left out; local paths and file URLs are kept as they are. A URL that cannot be
    listed stays as it is: reading it on a worker then gives its `input` finding."""
    out: list[str] = []
    for path in paths:
        if "://" not in path or os.path.exists(path):
            out.append(path)
            continue
        try:
            import fsspec

            fs, root = fsspec.core.url_to_fs(path)
            if not fs.isdir(root):
                out.append(path)
                continue
            base = root.rstrip("/")
            found = []
            for name in fs.find(root):
                relative = name[len(base):].lstrip("/") if name.startswith(base) else name
                if not any(part.startswith(".") for part in relative.split("/")):
                    found.append(_url_of(path, fs, name))
            out.extend(sorted(found, key=os.fsencode))
        except Exception:
            out.append(path)
    return out


def _url_of(original: str, fs: Any, name: str) -> str:
    protocol = original.split("://", 1)[0]
    if protocol == "file" and not name.startswith("/"):
        name = "/" + name
    return f"{protocol}://{name}"


def check_files(auditor: Auditor, paths: list[str], jobs: int = 1, plugin_files: Iterable[str] = (),
                keep_reports: bool = False, finish: Callable[[AuditResult], Any] | None = None,
                max_memory: int = DEFAULT_MAX_MEMORY, *, scheduler: Any, progress: Any = None) -> Iterator[Any]:
    """Check each path on the Dask cluster at `scheduler` (an address such as tcp://host:8786, or a
    `distributed.Client`) and yield its result in the order given, as `jixiao.batch.check_files` does.

    `jobs` and `max_memory` are the local pool's and are not used: the cluster's workers and their
    memory limits are its own. `progress`, where given, is the command line's progress bar: the workers
    in use are shown after it. Raises ClusterError (before any report is checked) where Dask is missing,
    the scheduler cannot be reached, or a worker lacks a plugin loaded here.
    """
    distributed = require_dask()
    paths = expand_urls(paths)
    if not paths:
        return
    client, own = _client(distributed, scheduler)
    try:
        yield from _Batch(distributed, client, auditor, paths, tuple(plugin_files), keep_reports, finish, progress).run()
    finally:
        if own:
            try:
                client.close(timeout=2)
            except Exception:
                pass


def _client(distributed: Any, scheduler: Any) -> tuple[Any, bool]:
    if isinstance(scheduler, distributed.Client):
        return scheduler, False
    try:
        return distributed.Client(scheduler, timeout=CONNECT_SECONDS, set_as_default=False), True
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        raise ClusterError("connect", address=scheduler, detail=f"{type(exc).__name__}: {exc}") from None


class _Batch:
    def __init__(self, distributed: Any, client: Any, auditor: Auditor, paths: list[str], plugin_files: tuple[str, ...],
                 keep_reports: bool, finish: Callable[[AuditResult], Any] | None, progress: Any):
        self.distributed, self.client, self.auditor, self.paths = distributed, client, auditor, paths
        self.lang = auditor.options.lang
        self.finish = finish
        self.name = f"jixiao-{uuid.uuid4().hex[:12]}"
        cwd = os.getcwd()
        shipped = _ship(finish) if finish is not None and not plugin_files else None
        self.finish_here = finish is not None and shipped is None  # a closure over a plain-file plugin: finished here
        options = replace(auditor.options, packs=[_absolute(p) for p in auditor.options.packs])
        self.setup = _Setup(self.name, options, tuple(os.path.abspath(f) for f in plugin_files),
                            tuple(sorted(_loaded(auditor.plugins, cwd))), cwd, keep_reports, shipped)
        self.progress = progress
        self.pending: dict[str, tuple[int, int, Any]] = {}  # key → (first index, reports, future), not yet arrived
        self.registered = False
        self.workers = 1
        self.shown = 0.0
        self.note = ""

    def run(self) -> Iterator[Any]:
        client = self.client
        try:
            client.wait_for_workers(1, timeout=WORKERS_SECONDS)
        except TimeoutError:
            raise ClusterError("no_workers", address=client.scheduler.address, seconds=WORKERS_SECONDS) from None
        try:
            self.registered = True
            client.register_plugin(_plugin_class()(self.setup), name=self.name)
            if log.enabled() or log.env_debug():  # --debug or JIXIAO_DEBUG
                sys.stderr.write(lookup(MESSAGES, "dashboard", self.lang, link=client.dashboard_link) + "\n")
            self.workers = max(1, len(client.scheduler_info().get("workers", {})))
            self._show_workers()
            window = max(64, self.workers * WINDOW_PER_JOB)
            # results are fetched in the background as they complete (not one round trip per report in
            # path order), into a reorder buffer no larger than the window
            arrived = self.distributed.as_completed(loop=client.loop, with_results=True, raise_errors=False)
            done: dict[int, tuple[str, Any]] = {}
            total, next_new, next_out, dropped = len(self.paths), 0, 0, 0
            group = group_size(total, self.workers)

            def submit_one(index: int) -> None:
                future = client.submit(_task, self.name, index, self.paths[index], key=f"{self.name}-{index}", pure=False)
                self.pending[future.key] = (index, 1, future)
                arrived.add(future)

            while next_out < total:
                while next_new < total and next_new < next_out + window:
                    size = min(group, total - next_new)
                    if size == 1:
                        submit_one(next_new)
                    else:  # several reports a task: one scheduler round trip for the group, not one per report
                        future = client.submit(_group_task, self.name, next_new, self.paths[next_new:next_new + size],
                                               key=f"{self.name}-g{next_new}", pure=False)
                        self.pending[future.key] = (next_new, size, future)
                        arrived.add(future)
                    next_new += size
                while next_out in done:  # leave in path order
                    status, value = done.pop(next_out)
                    value = self._outcome(next_out, status, value)
                    next_out += 1
                    while (dropped + 1) * BUCKET <= next_out:  # every report of that bucket is done
                        _forget(client, [METADATA, self.name, str(dropped)])
                        _forget(client, [METADATA, self.name, f"g{dropped}"])
                        dropped += 1
                    yield value
                if next_out >= total or next_new < min(total, next_out + window):
                    continue
                for future, value in self._arrived(arrived):
                    first, size, _ = self.pending.pop(future.key)
                    if size == 1:
                        done[first] = (future.status, value)
                    elif future.status == "finished" and isinstance(value, list) and len(value) == size:
                        for offset, item in enumerate(value):
                            done[first + offset] = ("finished", item)
                    elif self._split(future.status, value):  # its worker was lost: each report on its own
                        for index in range(first, first + size):
                            submit_one(index)
                    else:
                        for index in range(first, first + size):
                            done[index] = (future.status, value)
                self._show_workers()
        finally:
            self._stop()

    def _arrived(self, arrived: Any) -> list[Any]:
        """The results that have arrived, waiting for one. A cluster left with no worker (a nanny that
        could not restart its worker, workers retired) would leave the batch waiting for ever: after
        WORKERS_SECONDS without any worker the batch stops with a ClusterError."""
        asked, without = time.monotonic(), None
        while not arrived.has_ready():
            with arrived.thread_condition:
                if not arrived.has_ready():
                    arrived.thread_condition.wait(timeout=0.5)
            now = time.monotonic()
            if arrived.has_ready() or now - asked < WORKER_POLL:
                continue
            asked = now
            try:
                workers = len(self.client.nthreads())
            except Exception:  # the scheduler busy or briefly unreachable: asked again later
                continue
            if workers:
                without = None
            elif without is None:
                without = now
            elif now - without >= WORKERS_SECONDS:
                raise ClusterError("workers_gone", address=self.client.scheduler.address, seconds=WORKERS_SECONDS)
        batch: list[Any] = arrived.next_batch(block=False)
        return batch

    def _split(self, status: str, value: Any) -> bool:
        """Whether a group task's answer means "send its reports one by one": it says so (a second attempt),
        or the scheduler gave up on it (allowed-failures) before it could."""
        if status == "finished":
            return isinstance(value, _Split)
        exc = value[1] if isinstance(value, tuple) and len(value) > 1 else None
        return isinstance(exc, self.distributed.KilledWorker)

    def _outcome(self, index: int, status: str, value: Any) -> Any:
        if status == "finished":
            if isinstance(value, _Lost):
                return self._lost(index, value)
            return self.finish(value) if self.finish_here and self.finish is not None else value
        if status == "cancelled" or not isinstance(value, tuple):
            raise ClusterError("cancelled", path=self.paths[index])
        exc = value[1]  # (type, exception, traceback)
        if isinstance(exc, ClusterError):
            raise exc
        if isinstance(exc, self.distributed.KilledWorker):  # the scheduler gave up first (allowed-failures)
            return self._lost(index, _Lost("died", DIED))
        return self._internal(index, exc)

    def _internal(self, index: int, exc: BaseException) -> Any:
        """The formatter failed, or a result could not be sent back: an internal finding, as locally."""
        return self._made_here(index, "JX-INTERNAL", text("rule.internal", self.lang, rule_id="jixiao",
                                                            detail=f"{type(exc).__name__}: {exc}"), {})

    def _lost(self, index: int, lost: _Lost) -> Any:
        if lost.why == "timeout":
            seconds = self.auditor.options.timeout
            return self._made_here(index, "JX-TIMEOUT", text("rule.timeout", self.lang, seconds=seconds), {"seconds": seconds})
        detail = lookup(MESSAGES, "workers_died", self.lang, attempts=lost.attempts)
        return self._made_here(index, "JX-INTERNAL", text("rule.worker_died", self.lang, detail=detail),
                               {"exit_code": None, "attempts": lost.attempts})

    def _made_here(self, index: int, rule_id: str, message: str, values: dict[str, Any]) -> Any:
        """A result made here for a report whose worker could not give one."""
        return made_here(self.auditor, self.paths[index], rule_id, message, values, self.finish)

    def _show_workers(self) -> None:
        """The workers in use, after the progress bar (refreshed at most once a second)."""
        if self.progress is None or not getattr(self.progress, "enabled", False):
            return
        now = time.monotonic()
        if now - self.shown < 1.0:
            return
        self.shown = now
        try:
            processing = self.client.processing()
        except Exception:
            return
        busy = sum(1 for keys in processing.values() if any(str(k).startswith(self.name) for k in keys))
        self.note = lookup(MESSAGES, "progress", self.lang, busy=busy, total=len(processing))
        bar = self.progress
        if getattr(bar, "draw_workers", None) is None:  # the bar draws its line; the workers follow it
            draw = bar.draw

            def draw_workers() -> None:
                draw()
                if bar.drawn and self.note:
                    bar.stream.write(self.note)
                    bar.stream.flush()

            bar.draw = bar.draw_workers = draw_workers

    def _stop(self) -> None:
        """Cancel what is still queued or running on the cluster, remove the worker plugin and the attempts."""
        client = self.client
        futures = [future for *_, future in self.pending.values()]
        self.pending.clear()
        try:
            if futures:
                client.cancel(futures, force=True)
        except Exception:
            pass
        if self.registered:
            try:
                client.unregister_worker_plugin(self.name)
            except Exception:
                pass
            _forget(client, [METADATA, self.name])


GROUP_MAX = 16  # reports per task at most: a lost worker costs at most this many reports a second try


def group_size(total: int, workers: int) -> int:
    """Reports per task: enough to spread the per-task cost (a scheduler round trip, ~2 ms) over several
    reports, few enough that every worker gets several tasks and none waits at the end."""
    return max(1, min(GROUP_MAX, total // max(1, workers * 8)))


def _forget(client: Any, keys: list[str]) -> None:
    """Attempts no longer needed, dropped from the scheduler (a None stays in their place)."""
    try:
        client.set_metadata(keys, None)
    except Exception:
        pass


def _ship(finish: Callable[[AuditResult], Any]) -> bytes | None:
    """`finish` pickled for the workers, or None where it cannot be (it is then run here)."""
    try:
        import cloudpickle

        pickled: bytes = cloudpickle.dumps(finish)
        return pickled
    except Exception:
        return None


def _absolute(pack: str) -> str:
    """A pack named by a file the client sees (relative to its working folder) names it absolutely for the
    workers; a built-in pack's name is kept."""
    return os.path.abspath(pack) if os.path.exists(pack) and not os.path.isabs(pack) else pack
