"""A wall-clock limit on checking one report, so a runaway input cannot hang a batch.

Uses SIGALRM where it can (the main thread of a process on Unix: the CLI and every worker); where it
cannot, the engine still checks its deadline between rules.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from types import FrameType
from typing import NoReturn
from collections.abc import Iterator


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


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    if not seconds or seconds <= 0 or not _usable():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> NoReturn:
        raise ReportTimeout(seconds)

    previous = _set_handler(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _set_handler(signal.SIGALRM, previous)
