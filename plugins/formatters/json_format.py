"""One JSON document for the whole batch, valid against `schemas/findings.schema.json`.

Written report by report as the batch is read (`jsonstream`): the bytes `json.dump(batch.to_dict(),
indent=2)` would write, without the whole document (or every result) in memory at once.
"""

from __future__ import annotations

from typing import Any, TextIO

from jixiao.kit import AuditBatch, replayable_batch

from . import jsonstream


def write(batch: AuditBatch, stream: TextIO, options: dict[str, Any] | None = None) -> None:
    batch = replayable_batch(batch)
    document = {  # AuditBatch.to_dict(), its reports streamed
        "tool": {"name": "jixiao", "version": batch.tool_version},
        "packs": list(batch.packs),
        "reports": jsonstream.Items(result.to_dict() for result in batch.results),
        "summary": jsonstream.Later(batch.summary),
    }
    jsonstream.dump(document, stream, indent=2, sort_keys=False)
    stream.write("\n")
