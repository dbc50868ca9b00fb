"""A wall-clock limit on checking one report, so a runaway input cannot hang a batch.

Uses SIGALRM where it can (the main thread of a process on Unix: the CLI and every worker); where it
cannot, the engine still checks its deadline between rules.

Work that is slow by nature, page by page (OCR of a scan), asks for `more_time` before each page: the
limit then grows by what it asked, up to the report's ceiling (`time_limit(seconds, ceiling)`), so a
20-page scan is read in full under the default 10 s while a runaway is still stopped. Whoever else keeps
time on the report (a batch's supervisor, a Dask worker's watchdog) hears of each grant through
`on_more_time`.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from types import FrameType
from typing import NoReturn
from collections.abc import Callable, Iterator


class ReportTimeout(BaseException):  # not Exception: no `except Exception` in a kind may swallow it
    """Raised inside the check of a report that ran past its time limit."""


class Interrupted(BaseException):
    """The user pressed Ctrl-C (raised by the CLI's SIGINT handler). Distinct from KeyboardInterrupt,
    which plugin code may raise itself and which is contained like any other exception."""


def ctrl_c_is_keyboard_interrupt() -> bool:
    """Whether a KeyboardInterrupt may be the user's Ctrl-C: Python's own SIGINT handler is in place (a
    program using `jixiao.check`). Under the CLI (Ctrl-C is `Interrupted`) and in worker processes
    (Ctrl-C ignored) a KeyboardInterrupt can only come from plugin code, and is contained."""
    try:
        return signal.getsignal(signal.SIGINT) is signal.default_int_handler
    except (ValueError, TypeError):  # pragma: no cover
        return True


try:  # signal.signal without its conversion of handlers to enums (which fails, slowly, for a function)
    from _signal import signal as _set_handler  # type: ignore[import-not-found]  # CPython's C module: no stub
except ImportError:  # pragma: no cover - not CPython
    _set_handler = signal.signal


def _usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class _Budget:
    """The time a report has (`granted`, grown by `more_time`), the most it may have (`ceiling`), whether an
    alarm keeps it."""

    __slots__ = ("granted", "ceiling", "alarm")

    def __init__(self, granted: float, ceiling: float, alarm: bool):
        self.granted, self.ceiling, self.alarm = granted, ceiling, alarm


_local = threading.local()  # this thread's budget (a Dask worker checks reports in several threads)
# told of every grant, with its seconds: a batch worker tells its supervisor, a Dask worker its watchdog
_listeners: list[Callable[[float], None]] = []


def on_more_time(listener: Callable[[float], None]) -> Callable[[], None]:
    """Call `listener(seconds)` on every grant of `more_time` (in the thread that asked); returns the call that
    stops it."""
    _listeners.append(listener)
    return lambda: _listeners.remove(listener) if listener in _listeners else None


def more_time(seconds: float) -> float:
    """Ask for `seconds` more for the report being checked, before work that is slow by nature (OCR of one
    page); granted up to the report's ceiling. Returns what was granted: 0 where no limit runs, or the
    ceiling is reached (the work then goes on within what is left, and stops where the limit strikes)."""
    budget: _Budget | None = getattr(_local, "budget", None)
    if budget is None or seconds <= 0:
        return 0.0
    granted = min(seconds, budget.ceiling - budget.granted)
    if granted <= 0:
        return 0.0
    budget.granted += granted
    if budget.alarm:
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        if left > 0:  # (0: the alarm is about to strike, or struck: nothing to push back)
            signal.setitimer(signal.ITIMER_REAL, left + granted)
    for listener in list(_listeners):
        listener(granted)
    return granted


@contextmanager
def time_limit(seconds: float, ceiling: float | None = None) -> Iterator[None]:
    """`seconds` for what runs inside, and up to `ceiling` in all where it asks for `more_time` (default: no more)."""
    if not seconds or seconds <= 0:
        yield
        return
    def expire(signum: int, frame: FrameType | None) -> NoReturn:
        raise ReportTimeout(seconds)

    # without an alarm (not the main thread) the engine checks the deadline between rules, and a watchdog may keep
    # time (see on_more_time): the budget is kept either way
    alarm = _usable()
    outer = getattr(_local, "budget", None)
    _local.budget = _Budget(seconds, max(seconds, ceiling or seconds), alarm)
    previous = _set_handler(signal.SIGALRM, expire) if alarm else None
    if alarm:
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            _set_handler(signal.SIGALRM, previous)
        _local.budget = outer
