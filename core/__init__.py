"""jixiao: checks budget-performance self-evaluation reports (绩效自评报告) as a finance bureau does.

The stable API is what this module exports; everything else is private.

    >>> import jixiao
    >>> result = jixiao.check("examples/qinglong-trade-union-2021.json")
    >>> [f.rule_id for f in result.findings if f.severity != "info"]
    ['NAT-ARITH-004']
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any  # noqa: E402

# Each name is imported from its module on first use (PEP 562), so `import jixiao` — and the command
# line, which imports it for `__version__` — does not load the engine, the packs and jsonschema up front.
_EXPORTS = {
    "check": "api", "check_many": "api", "extract": "api", "load_pack": "api",
    "RuleContext": "context",
    "InputError": "errors", "JixiaoError": "errors", "PackError": "errors",
    "hookimpl": "hookspecs",
    "AuditBatch": "model", "AuditResult": "model", "Finding": "model", "Location": "model", "RuleRun": "model",
    "ResolvedPack": "packs", "Rule": "packs",
    "Extraction": "registry", "Extractor": "registry", "Formatter": "registry", "Kind": "registry",
}

if TYPE_CHECKING:  # what static tools and editors see
    from .api import check, check_many, extract, load_pack
    from .context import RuleContext
    from .errors import InputError, JixiaoError, PackError
    from .hookspecs import hookimpl
    from .model import AuditBatch, AuditResult, Finding, Location, RuleRun
    from .packs import ResolvedPack, Rule
    from .registry import Extraction, Extractor, Formatter, Kind


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'jixiao' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])

__all__ = [
    "__version__",
    "check",
    "check_many",
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
