"""JSON Lines: one line per report, the same object as a report entry of the json format.

`stream_result` writes one report as soon as it is checked, so a batch of any size streams in
flat memory; `write` writes a whole batch the same way, line for line.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from jixiao.kit import AuditBatch, AuditResult


def line(result: AuditResult) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"


def stream_result(result: AuditResult, stream: TextIO, options: dict[str, Any] | None = None) -> None:
    stream.write(line(result))


def write(batch: AuditBatch, stream: TextIO, options: dict[str, Any] | None = None) -> None:
    for result in batch.results:
        stream_result(result, stream, options)
