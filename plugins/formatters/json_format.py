"""One JSON document for the whole batch, valid against `schemas/findings.schema.json`."""

from __future__ import annotations

import json
from typing import Any, TextIO

from jixiao.model import AuditBatch
from jixiao.registry import Formatter


def write(batch: AuditBatch, stream: TextIO, options: dict[str, Any] | None = None) -> None:
    json.dump(batch.to_dict(), stream, ensure_ascii=False, indent=2, sort_keys=False)
    stream.write("\n")


FORMATTERS = [Formatter("json", ".json", write, "One JSON document (schema: jixiao schema findings)")]
