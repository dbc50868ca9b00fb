"""Checking many files: in this process or in supervised worker processes, results always in source order.

Workers are plain processes, each fed a few paths at a time through its own pipe; the parent watches
every pipe and every process's sentinel. A worker that dies — `kill -9`, the OOM killer, a crash in C,
plugin code calling `os._exit` — is noticed at once: the report it was checking is retried once on a
fresh worker and then becomes a `JX-INTERNAL` finding, the reports queued behind it are handed out
again, and the batch goes on, every report accounted for exactly once. A worker still busy with one
report well past `--timeout` (stuck where the alarm cannot reach it, in C code) is killed and the report
gets `JX-TIMEOUT`. Results arrive in any order and leave in path order through a reorder buffer whose
size is bounded (no report is handed out more than WINDOW places ahead of the next one due), so memory
stays flat however long the batch. Workers ignore Ctrl-C: the parent stops them all at once.
"""

from __future__ import annotations

import os
import selectors
import signal
import time
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from collections.abc import Callable, Iterable, Iterator

from .engine import Auditor, Options
from .i18n import text
from .limits import limit_memory
from .model import AuditResult, Finding
from .pluginmanager import plugins_for
from .text_safety import safe_result
from .timelimit import on_more_time

if TYPE_CHECKING:  # multiprocessing is imported only by a batch with worker processes
    from multiprocessing.connection import Connection
    from multiprocessing.context import ForkContext, SpawnContext
    from multiprocessing.process import BaseProcess

_worker: Auditor | None = None


_keep_reports = False
_finish: Callable[[AuditResult], Any] | None = None

PREFETCH = 2  # paths a worker holds at once: the one it checks and the next
WINDOW_PER_JOB = 32  # how far ahead of the next report due the workers may run (the reorder buffer's bound)
HARD_GRACE = 2.0  # seconds past twice --timeout after which a busy worker is killed
STILLBORN_LIMIT = 4  # workers dying in a row (beyond one per job) before they are ready: they cannot start here
READY = (-1, True, None)  # a worker's first message: started, plugins loaded, memory capped
MORE_TIME = -2  # (MORE_TIME, True, seconds): the report being checked was granted more time (timelimit.more_time)
DEFAULT_MAX_MEMORY = 1 << 30  # --max-memory: address space a worker may add while checking


def _start_worker(options: Options | None, plugin_files: tuple[str, ...], keep_reports: bool,
                  max_memory: int = 0) -> None:
    """With `fork` the worker inherits the parent's auditor (packs already loaded); with `spawn`
    (`options` given) it builds its own. Ctrl-C is the parent's to handle; memory is capped."""
    global _worker, _keep_reports
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if options is not None:
        _worker = Auditor(options, plugins_for(plugin_files))
    _keep_reports = keep_reports
    limit_memory(max_memory)


def shipped(result: AuditResult, keep_reports: bool, finish: Callable[[AuditResult], Any] | None) -> Any:
    """A checked result as it leaves the place it was made (this process, a worker process, a Dask worker):
    without its report unless asked (the result holds what outputs need), made safe to write
    (`text_safety.safe_result`), and turned by `finish` into what the caller wants, where given."""
    if not keep_reports:
        result.report = None
    safe_result(result)
    return finish(result) if finish is not None else result


def made_here(auditor: Auditor, path: str, rule_id: str, message: str, values: dict[str, Any],
              finish: Callable[[AuditResult], Any] | None) -> Any:
    """The result, made by the batch itself, for a report whose worker could not give one (it died, or ran
    out of time): one `internal` error naming the file."""
    finding = Finding(rule_id, "internal", "error", message, None, None, {"file": path, **values})
    return shipped(auditor.failed(path, finding), True, finish)


def _check_in_worker(path: str) -> Any:
    assert _worker is not None
    return shipped(_worker.check_path(path), _keep_reports, _finish)


def _worker_main(conn: Connection, options: Options | None, plugin_files: tuple[str, ...], keep_reports: bool,
                 max_memory: int) -> None:
    """A worker's life: say it is ready, then receive (index, path) and send back (index, ok, output)
    until told to stop."""
    try:
        _start_worker(options, plugin_files, keep_reports, max_memory)
        conn.send(READY)
    except BaseException:  # cannot start (or the parent is gone): the parent notices and copes
        return
    on_more_time(lambda seconds: conn.send((MORE_TIME, True, seconds)))  # so the parent does not think it stuck
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if task is None:
            return
        index, path = task
        try:
            reply = (index, True, _check_in_worker(path))
        except BaseException as exc:  # the formatter failed, or plugin code exited outside any check
            reply = (index, False, f"{type(exc).__name__}: {exc}")
        try:
            conn.send(reply)
        except (EOFError, OSError):
            return
        except BaseException as exc:  # a result that cannot be pickled
            conn.send((index, False, f"{type(exc).__name__}: {exc}"))


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
                keep_reports: bool = False, finish: Callable[[AuditResult], Any] | None = None,
                max_memory: int = DEFAULT_MAX_MEMORY) -> Iterator[Any]:
    """Check each path and yield its result in the order given, whatever the number of jobs.

    Workers are separate processes (one report never shares state with another), supervised (see
    the module's docstring); results are consumed as they arrive, so a caller that streams them keeps
    memory flat. `finish`, where given, turns each result into what the caller wants (say, its
    rendered output) where the result is made: in the worker, so that work is spread over the cores
    too. Every result is made safe to write first (`text_safety.safe_result`). `max_memory` caps
    each worker's address space (bytes above what it holds at start; 0: no cap).
    """
    if jobs <= 1 or len(paths) < 2:
        for path in paths:
            yield shipped(auditor.check_path(path), keep_reports, finish)
        return
    global _worker, _finish
    import multiprocessing  # (only a batch with worker processes needs it: not at start-up)

    fork = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork") if fork else multiprocessing.get_context("spawn")
    # a closure cannot be sent to a spawned worker: then the parent finishes each result itself
    _worker, _finish = (auditor, finish) if fork else (None, None)
    args = (None if fork else auditor.options, tuple(plugin_files), keep_reports, max_memory)
    pool = _Supervisor(auditor, paths, min(jobs, len(paths)), context, args,
                       finish, finish_here=finish is not None and not fork)
    try:
        yield from pool.run()
    finally:
        pool.stop()
        _worker, _finish = None, None


class _Slot:
    """One worker process, its pipe, the indices it holds (the first is the one being checked), when it
    started on that one, and its place in the pool."""

    __slots__ = ("process", "conn", "tasks", "since", "position", "ready", "granted")

    def __init__(self, process: BaseProcess, conn: Connection, position: int):
        self.process, self.conn, self.position = process, conn, position
        self.ready = False  # has it said so (a worker that cannot even start never does)
        self.tasks: deque[int] = deque()
        self.since = time.monotonic()
        self.granted = 0.0  # more time the report it checks was granted since `since` (MORE_TIME)


class _Supervisor:
    def __init__(self, auditor: Auditor, paths: list[str], jobs: int, context: ForkContext | SpawnContext, args: tuple[Any, ...],
                 finish: Callable[[AuditResult], Any] | None, finish_here: bool):
        self.auditor, self.paths, self.jobs, self.context, self.args = auditor, paths, jobs, context, args
        self.finish, self.finish_here = finish, finish_here
        timeout = auditor.options.timeout
        self.hard_limit = timeout * 2 + HARD_GRACE if timeout and timeout > 0 else None
        self.window = max(64, jobs * WINDOW_PER_JOB)
        self.attempts: dict[int, int] = {}  # index → workers that died on it
        self.done: dict[int, Any] = {}  # the reorder buffer
        self.retry: deque[int] = deque()  # handed out again before any new path
        self.next_new = 0
        self.next_out = 0
        self.slots: list[_Slot] = []
        self.selector = selectors.DefaultSelector()  # every worker's pipe and sentinel, registered once
        # workers that died without ever answering, in a row: past STILLBORN_LIMIT, workers cannot start
        # here (a plugin that exits on import in a spawned process, say) and the rest is checked in this process
        self.stillborn = 0
        self.inline = False

    # -- workers --------------------------------------------------------------------------------------
    def _spawn(self, position: int) -> _Slot:
        parent_end, child_end = self.context.Pipe(duplex=True)
        process = self.context.Process(target=_worker_main, args=(child_end, *self.args), daemon=True,
                                       name="jixiao-worker")
        process.start()
        child_end.close()
        slot = _Slot(process, parent_end, position)
        self.selector.register(parent_end.fileno(), selectors.EVENT_READ, (slot, False))
        self.selector.register(process.sentinel, selectors.EVENT_READ, (slot, True))
        return slot

    def _send(self, slot: _Slot, index: int) -> None:
        if not slot.tasks:
            slot.since = time.monotonic()
        slot.tasks.append(index)
        try:
            slot.conn.send((index, self.paths[index]))
        except (OSError, ValueError):  # the worker is gone: noticed by its sentinel, and the task handed out again
            pass

    def _receive(self, slot: _Slot, everything: bool = False) -> bool:
        """Take one reply from the worker's pipe (`everything`: every complete reply waiting in it);
        False when the pipe is closed or broken."""
        try:
            while True:
                index, ok, payload = slot.conn.recv()
                slot.since = time.monotonic()
                slot.granted = float(payload) if index == MORE_TIME else 0.0
                if index == READY[0]:
                    slot.ready = True
                    self.stillborn = 0
                elif index not in slot.tasks:  # not ours (cannot happen): keep the first answer
                    pass
                elif ok:
                    slot.tasks.remove(index)
                    self.done[index] = self.finish(payload) if self.finish_here and self.finish else payload
                else:
                    slot.tasks.remove(index)
                    self._lost(index, "JX-INTERNAL", text("rule.internal", self.auditor.options.lang,
                                                          rule_id="jixiao", detail=payload), {})
                if not everything or not slot.conn.poll():
                    return True
        except (EOFError, OSError):
            return False
        except Exception:  # a reply that cannot be unpickled: treat the worker as broken
            return False

    def _lost(self, index: int, rule_id: str, message: str, values: dict[str, Any]) -> None:
        """A result made here for a report whose worker could not give one."""
        self.done[index] = made_here(self.auditor, self.paths[index], rule_id, message, values, self.finish)

    def _bury(self, slot: _Slot, timed_out: bool = False) -> None:
        """Replace a dead (or stuck) worker; retry its report once on the fresh one, then give up on it."""
        if self.inline or self.slots[slot.position] is not slot:
            return  # already replaced, or no workers any more
        if slot.conn.poll():
            self._receive(slot, everything=True)  # replies it sent before dying still count
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join(5)
        code = slot.process.exitcode
        for fileobj in (slot.conn.fileno(), slot.process.sentinel):
            try:
                self.selector.unregister(fileobj)
            except (KeyError, ValueError):
                pass
        slot.conn.close()
        if not slot.ready:  # died before it could take any report: not a report's fault
            self.stillborn += 1
            if self.stillborn > STILLBORN_LIMIT + self.jobs:
                self.inline = True  # workers cannot start here: run() checks what is left in this process
                return
            self.retry.extendleft(reversed(slot.tasks))
            slot.tasks.clear()
        fresh = self._spawn(slot.position)
        self.slots[slot.position] = fresh
        if not slot.tasks:
            return
        head, *rest = slot.tasks
        self.retry.extendleft(reversed(rest))  # never started: handed out again as they were
        lang = self.auditor.options.lang
        if timed_out:
            seconds = self.auditor.options.timeout
            self._lost(head, "JX-TIMEOUT", text("rule.timeout", lang, seconds=seconds), {"seconds": seconds})
            return
        self.attempts[head] = self.attempts.get(head, 0) + 1
        if self.attempts[head] >= 2:
            self._lost(head, "JX-INTERNAL", text("rule.worker_died", lang, detail=_how_it_ended(code, lang)),
                       {"exit_code": code, "attempts": self.attempts[head]})
        else:
            self._send(fresh, head)

    # -- the batch ------------------------------------------------------------------------------------
    def run(self) -> Iterator[Any]:
        total = len(self.paths)
        self.slots = [self._spawn(position) for position in range(self.jobs)]
        while self.next_out < total:
            for slot in self.slots:  # hand out work: retries first, then new paths inside the window
                while len(slot.tasks) < PREFETCH:
                    if self.retry:
                        index = self.retry.popleft()
                    elif self.next_new < total and self.next_new < self.next_out + self.window:
                        index = self.next_new
                        self.next_new += 1
                    else:
                        break
                    self._send(slot, index)
            while self.next_out in self.done:  # leave in path order
                value = self.done.pop(self.next_out)
                self.next_out += 1
                yield value
            if self.next_out >= total:
                break
            self._wait()
            if self.inline:
                yield from self._in_this_process(total)
                return

    def _in_this_process(self, total: int) -> Iterator[Any]:
        """What is left, checked here (workers cannot start): in order, answers already in kept."""
        self.stop()
        while self.next_out < total:
            index = self.next_out
            value = self.done.pop(index, None)
            if value is None:
                value = shipped(self.auditor.check_path(self.paths[index]), self.args[2], self.finish)  # (args[2]: keep_reports)
            self.next_out += 1
            yield value

    def _wait(self) -> None:
        timeout = 1.0
        if self.hard_limit is not None:
            now = time.monotonic()
            for slot in self.slots:
                if slot.tasks:
                    timeout = max(0.0, min(timeout, slot.since + slot.granted + self.hard_limit - now))
        for key, _ in self.selector.select(timeout):
            slot, is_sentinel = key.data
            if self.slots[slot.position] is not slot:
                continue  # replaced earlier in this round
            if is_sentinel or not self._receive(slot):
                self._bury(slot)
        if self.hard_limit is not None:
            for slot in list(self.slots):
                if slot.tasks and time.monotonic() - slot.since - slot.granted > self.hard_limit:
                    if slot.conn.poll() and not self._receive(slot, everything=True):
                        self._bury(slot)
                    elif slot.tasks and time.monotonic() - slot.since - slot.granted > self.hard_limit:
                        self._bury(slot, timed_out=True)

    def stop(self) -> None:
        """Stop every worker at once (a finished batch, Ctrl-C, or an error in the caller)."""
        for slot in self.slots:
            if slot.process.is_alive():
                slot.process.kill()
        for slot in self.slots:
            slot.process.join(1)
            slot.conn.close()
        self.slots = []
        self.selector.close()


def _how_it_ended(code: int | None, lang: str) -> str:
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = str(-code)
        return f"收到信号 {name}" if lang == "zh" else f"signal {name}"
    return f"退出码 {code}" if lang == "zh" else f"exit code {code}"
