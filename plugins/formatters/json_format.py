"""One JSON document for the whole batch, valid against `schemas/findings.schema.json`.

Written report by report as the batch is read (`jsonstream`): the bytes `json.dump(batch.to_dict(),
indent=2)` would write, without the whole document (or every result) in memory at once. The batch's
results are read once, in order (the formatter is `one_pass`): a generator of them is written as it
yields, the summary counted on the way, with nothing kept or spilled to disk.
"""

from __future__ import annotations

from typing import Any, TextIO

from collections.abc import Iterable, Iterator

from jixiao.kit import Aggregates, AuditBatch, AuditResult

from . import jsonstream


def write(batch: AuditBatch, stream: TextIO, options: dict[str, Any] | None = None) -> None:
    results: Iterable[AuditResult] = batch.results  # (a generator where the CLI hands one: see one_pass)
    if iter(results) is results:  # a one-shot iterable (`jixiao check`): counted as it is written
        counted, once = Aggregates(), iter(results)

        def reports() -> Iterator[dict[str, Any]]:
            for result in once:
                counted.add(result)
                yield result.to_dict()

        items, summary = reports(), counted.summary
    else:
        items, summary = (result.to_dict() for result in results), batch.summary
    document = {  # AuditBatch.to_dict(), its reports streamed
        "tool": {"name": "jixiao", "version": batch.tool_version},
        "packs": list(batch.packs),
        "reports": jsonstream.Items(items),
        "summary": jsonstream.Later(summary),
    }
    jsonstream.dump(document, stream, indent=2, sort_keys=False)
    stream.write("\n")
