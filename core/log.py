"""Diagnostics for whoever carries jixiao on: the `jixiao` logger, `--debug` / `JIXIAO_DEBUG=1` (full
tracebacks, the time each stage took), and nothing at all when neither is set.

Library users configure the `jixiao` logger as any other (it has a NullHandler, so it is silent unless
they do). The command line's `--debug` sends it to stderr at DEBUG level and prints a table of stages.
"""

from __future__ import annotations

import logging
import os
import time
from contextlib import contextmanager
from typing import TextIO
from collections.abc import Iterator

logger = logging.getLogger("jixiao")
logger.addHandler(logging.NullHandler())

_timings: dict[str, float] = {}
_order: list[str] = []
_enabled = False

STAGE_NAMES = {
    "startup": {"zh": "启动（解释器与导入）", "en": "start-up (interpreter and imports)"},
    "plugins": {"zh": "加载插件", "en": "loading plugins"},
    "packs": {"zh": "读取规则包", "en": "reading rule packs"},
    "sources": {"zh": "列出文件", "en": "listing files"},
    "read": {"zh": "读取文件", "en": "reading files"},
    "extract": {"zh": "抽取报告数据", "en": "extracting reports"},
    "validate": {"zh": "结构校验", "en": "schema validation"},
    "rules": {"zh": "执行规则", "en": "running rules"},
    "reports": {"zh": "检查报告（合计，含以上各项）", "en": "checking reports (all of the above, wall)"},
    "output": {"zh": "写出结果", "en": "writing the output"},
    "total": {"zh": "合计", "en": "total"},
}


def env_debug() -> bool:
    return os.environ.get("JIXIAO_DEBUG", "").strip().lower() in ("1", "true", "yes", "on")


def enable(stream: TextIO | None = None) -> None:
    """Send the `jixiao` logger to stderr at DEBUG level and start timing stages."""
    global _enabled
    if _enabled:
        return
    _enabled = True
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("jixiao[debug] %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    _timings.clear()
    _order.clear()
    started = seconds_since_process_start()
    if started is not None:
        add("startup", started)


def enabled() -> bool:
    return _enabled


def add(stage: str, seconds: float) -> None:
    if stage not in _timings:
        _order.append(stage)
        _timings[stage] = 0.0
    _timings[stage] += seconds


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Time a stage (only when debugging: otherwise it costs one flag test)."""
    if not _enabled:
        yield
        return
    start = time.perf_counter()
    try:
        yield
    finally:
        add(name, time.perf_counter() - start)


def table(lang: str = "zh") -> str:
    """The stages timed so far, in the order first seen, in milliseconds."""
    rows = [(STAGE_NAMES.get(name, {}).get(lang) or name, _timings[name]) for name in _order]
    total = seconds_since_process_start()
    if total is not None:
        rows.append((STAGE_NAMES["total"][lang], total))
    width = max((columns(name) for name, _ in rows), default=0)
    head = "各阶段耗时（毫秒）" if lang == "zh" else "time per stage (ms)"
    return "\n".join([head, *(f"  {name}{' ' * (width - columns(name))}  {seconds * 1000:9.1f}" for name, seconds in rows)])


def columns(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def seconds_since_process_start() -> float | None:
    """Wall seconds since this process started (Linux: /proc), so start-up shows in the table too."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        with open("/proc/uptime", encoding="ascii") as uptime:
            now = float(uptime.read().split()[0])
        return max(0.0, now - int(fields[19]) / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError, AttributeError):
        return None
