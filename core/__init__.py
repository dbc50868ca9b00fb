"""jixiao: checks budget-performance self-evaluation reports (绩效自评报告) as a finance bureau does.

The stable API is what this module exports; everything else is private.

    >>> import jixiao
    >>> result = jixiao.check("examples/qinglong-trade-union-2021.json")
    >>> [f.rule_id for f in result.findings if f.severity != "info"]
    ['NAT-ARITH-004']
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import check, extract, load_pack  # noqa: E402
from .context import RuleContext  # noqa: E402
from .errors import InputError, JixiaoError, PackError  # noqa: E402
from .hookspecs import hookimpl  # noqa: E402
from .model import AuditBatch, AuditResult, Finding, Location, RuleRun  # noqa: E402
from .packs import ResolvedPack, Rule  # noqa: E402
from .registry import Extraction, Extractor, Formatter, Kind  # noqa: E402

__all__ = [
    "__version__",
    "check",
    "extract",
    "load_pack",
    "AuditBatch",
    "AuditResult",
    "Finding",
    "Location",
    "RuleRun",
    "ResolvedPack",
    "Rule",
    "Kind",
    "Extractor",
    "Extraction",
    "Formatter",
    "RuleContext",
    "hookimpl",
    "JixiaoError",
    "InputError",
    "PackError",
]
