"""One JSON document for the whole batch, valid against `schemas/findings.schema.json`.

Written report by report as the batch is read (`jsonstream`): the bytes `json.dump(batch.to_dict(),
indent=2)` would write, without the whole document (or every result) in memory at once. The batch's
results are read once, in order (the formatter is `one_pass`): a generator of them is written as it
yields, the summary counted on the way, with nothing kept or spilled to disk.
"""

from __future__ import annotations

from typing import Any, TextIO

from jixiao.kit import AuditBatch, counted_once

from . import jsonstream


def write(batch: AuditBatch, stream: TextIO, options: dict[str, Any] | None = None) -> None:
    results, summary = counted_once(batch)  # a generator where the CLI hands one (one_pass): counted as written
    document = {  # AuditBatch.to_dict(), its reports streamed
        "tool": {"name": "jixiao", "version": batch.tool_version},
        "packs": list(batch.packs),
        "reports": jsonstream.Items(result.to_dict() for result in results),
        "summary": jsonstream.Later(summary),
    }
    jsonstream.dump(document, stream, indent=2, sort_keys=False)
    stream.write("\n")
