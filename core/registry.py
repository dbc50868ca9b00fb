"""What plugins register: rule kinds, extractors, formatters and aftercare steps."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, Union, runtime_checkable
from collections.abc import Callable, Iterable

if TYPE_CHECKING:
    from .context import RuleContext
    from .model import AuditResult, Finding
    from .packs import Rule


class Skipped(NamedTuple):
    """What a compiled rule returns when the report does not state what it needs: the rule is reported
    as skipped (never passed), naming the pointers that were missing."""

    missing: tuple[str, ...] = ()

    @property
    def reason(self) -> str:
        return "missing: " + (", ".join(dict.fromkeys(self.missing)) or "no input")


# What `CompiledRule.check` returns: the findings (none: the rule passed), or Skipped.
Outcome = Union[Iterable["Finding"], Skipped]  # noqa: UP007 (a runtime alias: `|` cannot join a string annotation)


@runtime_checkable
class CompiledRule(Protocol):
    """One rule of a pack, its parameters validated and parsed once when the pack loads.

    `inputs` are the JSON Pointers the rule reads (with `*`), declared by the kind: a report that states
    none of their top-level fields gives the rule nothing to read, and the rule is skipped without a call.
    An empty tuple: not declared (the rule is always called). `check(ctx)` runs the rule on one report."""

    inputs: tuple[str, ...]

    def check(self, ctx: RuleContext) -> Outcome: ...


@dataclass(frozen=True)
class Kind:
    """One kind of check. `params` is the JSON Schema of the parameters a rule of this kind takes
    (besides the common keys every rule has; checked with `check_schema` when the kind is registered).

    `compile(rule) -> CompiledRule` is called once per rule when its pack loads: it parses the rule's
    parameters (`rule.params`, already valid against `params`) and returns an object whose
    `check(ctx)` returns the rule's findings for one report, or `Skipped(missing)`. See `jixiao.kit`.

    A kind written the old way gives `check(report, rule, ctx) -> Iterable[Finding]` instead and calls
    `ctx.evaluated()` when it compared real inputs; it is adapted (`LegacyRule`) and works as before."""

    name: str
    params: dict[str, Any]
    check: Callable[..., Iterable[Any]] | None = None
    description: str = ""
    family: str = ""
    # The names a finding of this kind fills in a rule's message (`{name}`), besides the names of the rule's
    # `labels`; None: not declared (the message is not checked).
    values: frozenset[str] | None = None
    compile: Callable[[Rule], CompiledRule] | None = None

    @property
    def module(self) -> str:
        """The module whose code implements the kind (its compile's run function, or its check)."""
        code = getattr(self.compile, "__wrapped__", self.compile) if self.compile is not None else self.check
        return getattr(code, "__module__", "") or ""

    def compile_rule(self, rule: Rule) -> CompiledRule:
        """The rule compiled by this kind (an old-style kind's check adapted)."""
        if self.compile is not None:
            return self.compile(rule)
        if self.check is None:
            raise TypeError(f"kind {self.name!r} has neither compile nor check")
        return LegacyRule(rule, self.check)


def guessed_inputs(params: dict[str, Any]) -> tuple[str, ...]:
    """The pointers of a rule whose kind declares none: every parameter (or item of a list parameter)
    that is a string starting with `/`."""
    found: list[str] = []
    for value in params.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item.startswith("/") and len(item) > 1:
                found.append(item)
    return tuple(found)


class FailedRule:
    """A rule its kind could not compile: every check raises the compile error again, which the engine
    reports as one `internal` finding of that rule."""

    inputs: tuple[str, ...] = ()

    def __init__(self, error: BaseException):
        self.error = error

    def check(self, ctx: RuleContext) -> Outcome:
        raise self.error.with_traceback(None)


class LegacyRule:
    """A rule of a kind written the old way, `check(report, rule, ctx)`: skipped when it neither found
    anything nor said `ctx.evaluated()`, as before."""

    __slots__ = ("rule", "function", "inputs")

    def __init__(self, rule: Rule, function: Callable[..., Iterable[Any]]):
        self.rule = rule
        self.function = function
        self.inputs = guessed_inputs(rule.params)

    def check(self, ctx: RuleContext) -> Outcome:
        produced = list(self.function(ctx.report, self.rule, ctx))
        if produced or ctx.evaluations:
            return produced
        return ctx.skipped()


@dataclass(frozen=True)
class Extractor:
    """Reads one type of source file into a report. `extract(path, data: bytes, options)` returns an
    `Extraction`. Suffixes are lower case with the dot (".pdf").

    `sniff(data) -> bool`, where given, says whether the bytes are this extractor's type by their content
    (a signature, never a guess): used for a file whose name has no suffix an extractor claims, and for a
    file whose suffix lies (a .doc that is really a .docx) when the suffix's own extractor sniffs no."""

    name: str
    suffixes: tuple[str, ...]
    extract: Callable[..., Any]
    description: str = ""
    sniff: Callable[[bytes], bool] | None = None


class Positions(Protocol):
    """Where the values of a report stand in its file: `get(pointer)` gives an object with `line` and
    `column` (a `Position`), or None. A dict is one; `jixiao.kit.JsonPositions` finds them on demand."""

    def get(self, pointer: str, default: Any = None, /) -> Any: ...


@dataclass
class Extraction:
    """A report read from a source: the data, where each value stood, and anything noticed while reading.

    `positions` maps JSON Pointers of the report to positions in the source file itself (for
    structured files); `report["provenance"]` (when present) maps pointers to places in the prose
    source the report was read from, and wins over `positions`.
    """

    report: Any
    positions: Positions = field(default_factory=dict[str, Any])
    findings: list[Any] = field(default_factory=list)
    # further reports read from the same source (a compilation's later reports, 汇编): each is checked as a report of
    # its own, and its findings join this one's result, each message opening with the part's `label` and each finding's
    # values holding `part` (2 for the first of them: the file's second report); a rule's run for the file is its most
    # telling over the reports (errored, failed, passed, skipped), so the counts agree with the findings
    parts: list[Extraction] = field(default_factory=list)
    label: str = ""


@dataclass(frozen=True)
class Formatter:
    """An output format. `write(batch, stream, options)` writes the whole batch; a formatter with
    `binary=True` gets a binary stream. `stream_result(result, stream, options)`, where given,
    writes one report as soon as it is checked (for streaming formats such as jsonl).

    `one_pass=True` says that `write` reads `batch.results` once, in order, and takes them as they come:
    `jixiao check` then hands it a generator of the results as they are checked, instead of keeping
    them (spilled to a temporary file) for a `write` that may read them twice."""

    name: str
    extension: str
    write: Callable[..., None]
    description: str = ""
    binary: bool = False
    stream_result: Callable[..., None] | None = None
    one_pass: bool = False


class AftercareRun(Protocol):
    """One run's aftercare step, made by `Aftercare.start`. `finish(result)` is called once for every result
    (a report checked, a file that could not be read, a worker that died), in the process that writes it, before
    it is written; it may add findings to `result.findings` or move them to `result.suppressed`. A step that has
    `leftovers()` is asked once, after every source was checked, for results of its own (files only it knows of);
    like every result, these pass through every step (the one that made them finds nothing to add)."""

    def finish(self, result: AuditResult) -> None: ...


@dataclass(frozen=True)
class Aftercare:
    """A step every result passes through after its rules ran: the built-in `merge` (other validators' SARIF
    findings) and `baseline` (accepted findings suppressed) are two. `start(setting)` makes the run's step from
    what the run was given for it (`jixiao check --baseline FILE`: the file; `--merge A --merge B`: the list),
    before any report is checked, and raises `jixiao.InputError` when that cannot be read. Steps run in
    ascending `order` (merge 10, baseline 90: a merged finding can be accepted too).

    A step is per-run state kept where the results are written: where it must see every result of a batch (to
    know what is left over), results are written in the process that drives the run, not in the workers."""

    name: str
    start: Callable[[Any], AftercareRun]
    order: int = 50
    description: str = ""
    whole_batch: bool = False  # True: the step keeps state across results (it has leftovers)
