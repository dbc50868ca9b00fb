"""The `jixiao` command line (typer)."""

from __future__ import annotations

import io
import json
import os
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Iterator, Optional

import typer

from . import __version__
from .sarif_import import SarifMerge
from .baseline import apply_baseline, load_baseline, write_baseline
from .batch import Rendered, check_files, default_jobs
from .engine import Auditor, Options, iter_sources
from .i18n import text
from .errors import InputError, JixiaoError, PackError
from .jsonload import dumps
from .model import SEVERITY_RANK, AuditBatch, AuditResult
from .pluginmanager import plugins_for
from .validation import SCHEMA_NAMES, schema_text

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

app = typer.Typer(
    name="jixiao",
    help="Check budget-performance self-evaluation reports (绩效自评报告) against YAML rule packs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
rules_app = typer.Typer(help="Rule packs: list rules, show a rule's documentation, validate a pack.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


PluginOpt = Annotated[list[str], typer.Option("--plugin", help="Load a plugin from a Python file (repeatable).")]


def _plugins(files: list[str] | None):
    return plugins_for(files)


def _fail(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(EXIT_USAGE)


_failed_plugins: list[str] = []  # plugins named with --plugin that could not be loaded (exit 2)


def _auditor(options: Options, plugin_files: list[str] | None, lang: str) -> Auditor:
    plugins = _plugins(plugin_files)
    for problem in plugins.problems:
        typer.echo(f"jixiao: plugin problem: {problem}", err=True)
    for info in plugins.info:
        if info.error:
            typer.echo(f"jixiao: plugin {info.name} ({info.origin}) failed to load: {info.error}", err=True)
            if info.origin in (plugin_files or []):
                _failed_plugins.append(info.origin)
    try:
        auditor = Auditor(options, plugins)
    except PackError as exc:
        _fail(exc.render(lang))
    for problem in auditor.pack_problems:
        typer.echo(f"jixiao: pack skipped: {problem.render(lang)}", err=True)
    return auditor


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Report files or folders (recursive); - reads a JSON report from stdin.")],
    pack: Annotated[Optional[list[str]], typer.Option("--pack", "-p", help="Pack name or file (repeatable). Default: national plus every pack whose applies_to matches the report.")] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="Output format: text, json, jsonl, sarif, junit, html, csv, xlsx, or one a plugin adds.")] = "text",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the output to this file instead of stdout.")] = None,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when a finding at or above this severity is found.")] = FailOn.error,
    select: Annotated[Optional[list[str]], typer.Option("--select", help="Run only these rule ids (or id prefixes, e.g. NAT-ARITH).")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rule ids (or id prefixes).")] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of messages: zh (default) or en.")] = Lang.zh,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes (default: the number of cores). Output is the same whatever the number.")] = 0,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="Suppress findings recorded in this baseline file.")] = None,
    write_baseline_to: Annotated[Optional[Path], typer.Option("--write-baseline", help="Record the current findings as accepted, in this file.")] = None,
    show_suppressed: Annotated[bool, typer.Option("--show-suppressed", help="List the findings a baseline suppressed (on stderr).")] = False,
    explain_packs: Annotated[bool, typer.Option("--explain-packs", help="Show which packs applied to each report and why (on stderr).")] = False,
    merge: Annotated[Optional[list[Path]], typer.Option("--merge", help="Fold another validator's SARIF 2.1.0 log into the results (repeatable).")] = None,
    progress: Annotated[Optional[bool], typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal only, never in CI).")] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help="Largest input file read, in bytes.")] = Options.max_bytes,
    max_text_chars: Annotated[int, typer.Option("--max-text-chars", min=1, help="Most characters of text read from a prose source (.txt, .md, .pdf, .docx).")] = Options.max_text_chars,
    timeout: Annotated[float, typer.Option("--timeout", min=0, max=86400, help="Seconds allowed per report (0: no limit).")] = Options.timeout,
    plugin: PluginOpt = None,
) -> None:
    """Check reports and print their findings. Exit 0: nothing at or above --fail-on; 1: findings; 2: usage error or unreadable input."""
    _failed_plugins.clear()
    if timeout != timeout:  # NaN passes typer's bounds
        _fail("jixiao: --timeout must be a number of seconds")
    for target, flag in ((output, "--output"), (write_baseline_to, "--write-baseline")):
        if target is not None and (target.is_dir() or not target.parent.is_dir()):
            _fail(f"jixiao: {flag} {target}: not a file in an existing folder")
    options = Options(packs=list(pack or []), select=list(select or []), ignore=list(ignore or []),
                      lang=lang.value, max_bytes=max_bytes, max_text_chars=max_text_chars, timeout=timeout)
    auditor = _auditor(options, plugin, lang.value)
    formatter = auditor.plugins.formatters.get(output_format)
    if formatter is None:
        _fail(f"jixiao: unknown format '{output_format}' (available: {', '.join(sorted(auditor.plugins.formatters))})")
    accepted: set[str] = set()
    if baseline is not None:
        try:
            accepted = load_baseline(str(baseline))
        except InputError as exc:
            _fail(exc.render(lang.value))
    merger = None
    if merge:
        try:
            merger = SarifMerge([str(m) for m in merge])
        except InputError as exc:
            _fail(exc.render(lang.value))
    sources = sorted(dict.fromkeys(iter_sources([p for p in paths if p != "-"], auditor.plugins.suffixes)))
    if not sources and "-" not in paths:
        _fail("jixiao: no report files found in " + ", ".join(paths))

    streaming = formatter.stream_result is not None

    def render(result: AuditResult) -> Rendered:
        if accepted:
            apply_baseline(result, accepted)
        buffer = io.BytesIO() if formatter.binary else io.StringIO()
        formatter.stream_result(result, buffer, {"lang": lang.value})
        return Rendered(buffer.getvalue(), result.counts, result.unreadable, len(result.suppressed), result.worst_rank())

    # A streaming format with nothing to do per report here is rendered in the workers themselves.
    per_report_work = merger or write_baseline_to or explain_packs or show_suppressed
    finish = render if streaming and not per_report_work else None

    def results() -> Iterator[AuditResult | Rendered]:
        if "-" in paths:
            yield finish(_check_stdin(auditor)) if finish else _check_stdin(auditor)
        for result in check_files(auditor, sources, jobs or default_jobs(), plugin or (), keep_reports=explain_packs,
                                  finish=finish):
            if merger is not None:
                merger.attach(result)
            yield result
        if merger is not None:
            yield from merger.leftovers()

    batch = AuditBatch(results=[], tool_version=__version__, lang=lang.value,
                       packs=[p.ident() for p in auditor.explicit], rules=auditor.all_rules())
    tally = _Tally(fail_on.value)
    recorded: list[AuditResult] = []
    with _open_output(output, formatter) as stream, _progress_bar(progress, len(sources)) as advance:
        for result in results():
            if isinstance(result, Rendered):
                tally.add_numbers(result.counts, result.unreadable, result.suppressed, result.worst)
                stream.write(result.output)
                advance()
                continue
            if accepted:
                apply_baseline(result, accepted)
            if explain_packs and result.report is not None:
                typer.echo(f"{result.source}: region {auditor.explain_region(result.report)}", err=True)
                for name, ok, why in auditor.explain_packs(result.report):
                    typer.echo(f"{result.source}: pack {name}: {'applies' if ok else 'does not apply'} ({why})", err=True)
            if show_suppressed:
                for finding in result.suppressed:
                    typer.echo(f"{result.source}: suppressed {finding.rule_id}: {finding.message}", err=True)
            tally.add(result)
            if write_baseline_to is not None:
                recorded.append(result)
            if streaming:
                formatter.stream_result(result, stream, {"lang": lang.value})
            else:
                batch.results.append(result)
            advance()
        if not streaming:
            # the one-line summary goes to stderr (below), so it never mixes into a file or a pipe
            formatter.write(batch, stream, {"colour": output is None and sys.stdout.isatty(), "lang": lang.value,
                                            "summary": False})
    if write_baseline_to is not None:
        count = write_baseline(str(write_baseline_to), recorded)
        typer.echo(f"jixiao: {count} finding(s) recorded in {write_baseline_to}", err=True)
    typer.echo(tally.summary_line(lang.value), err=True)
    if _failed_plugins:  # the run went on, but without a plugin the user asked for: not a clean result
        typer.echo(f"jixiao: plugin(s) named with --plugin could not be loaded: {', '.join(_failed_plugins)}", err=True)
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(tally.exit_code())


def _check_stdin(auditor: Auditor) -> AuditResult:
    data = sys.stdin.buffer.read()
    try:
        return auditor.check_extraction(auditor.extract_path("<stdin>.json", data), "<stdin>")
    except InputError as exc:
        return auditor.unreadable("<stdin>", exc)


class _Tally:
    """Counts as results stream past, so nothing needs to be kept for the exit code and summary."""

    def __init__(self, fail_on: str):
        self.fail_on = fail_on
        self.counts = {"reports": 0, "error": 0, "warning": 0, "info": 0, "unreadable": 0, "suppressed": 0}
        self.worst = 0

    def add(self, result: AuditResult) -> None:
        self.add_numbers(result.counts, result.unreadable, len(result.suppressed), result.worst_rank())

    def add_numbers(self, counts: dict[str, int], unreadable: bool, suppressed: int, worst: int) -> None:
        self.counts["reports"] += 1
        self.counts["unreadable"] += int(unreadable)
        self.counts["suppressed"] += suppressed
        for severity, n in counts.items():
            self.counts[severity] += n
        self.worst = max(self.worst, worst)

    def summary_line(self, lang: str) -> str:
        line = text("text.summary", lang, **self.counts)
        if self.counts["suppressed"]:
            line += text("text.suppressed", lang, suppressed=self.counts["suppressed"])
        return line

    def exit_code(self) -> int:
        if self.counts["unreadable"]:
            return EXIT_USAGE
        if self.fail_on == "never":
            return EXIT_OK
        return EXIT_FINDINGS if self.worst >= SEVERITY_RANK[self.fail_on] else EXIT_OK


@contextmanager
def _open_output(output: Path | None, formatter):
    if output is None:
        stream = sys.stdout.buffer if formatter.binary else sys.stdout
        yield stream
        stream.flush()
        return
    mode = "wb" if formatter.binary else "w"
    with open(output, mode, **({} if formatter.binary else {"encoding": "utf-8", "newline": ""})) as stream:
        yield stream


@contextmanager
def _progress_bar(wanted: bool | None, total: int):
    """A rich progress bar on stderr: on a terminal only, never in CI, unless asked for explicitly."""
    show = wanted if wanted is not None else (sys.stderr.isatty() and not os.environ.get("CI") and total > 1)
    if not show:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("jixiao"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("check", total=total)
        yield lambda: bar.advance(task)


@app.command()
def extract(
    path: Annotated[str, typer.Argument(help="A report file: JSON, YAML, or a prose source (.txt, .md, .pdf, .docx) where an extractor is installed.")],
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the notes on stderr: zh (default) or en.")] = Lang.zh,
    plugin: PluginOpt = None,
) -> None:
    """Print the Report JSON read from a file, with provenance, for review and correction; what the
    extractor noticed (figures not found, conflicting figures, a scan without text) goes to stderr."""
    auditor = _auditor(Options(lang=lang.value), plugin, lang.value)
    try:
        extraction = auditor.extract_path(path)
    except InputError as exc:
        _fail(exc.render(lang.value))
    typer.echo(dumps(extraction.report))
    for finding in extraction.findings:
        where = f":{finding.location.line}:{finding.location.column}" if finding.location else ""
        typer.echo(f"{path}{where}: {finding.severity} {finding.rule_id}: {finding.message}", err=True)


@rules_app.command("list")
def rules_list(
    pack: Annotated[Optional[list[str]], typer.Option("--pack", "-p", help="Pack name or file (default: every available pack).")] = None,
    plugin: PluginOpt = None,
) -> None:
    """List rules: id, severity, kind, title and the pack that defines them."""
    auditor = _auditor(Options(packs=list(pack or [])), plugin, "zh")
    for rule_id, rule in sorted(auditor.all_rules().items()):
        state = "" if rule.enabled else " (disabled)"
        typer.echo(f"{rule_id:<16} {rule.severity:<8} {rule.kind:<18} {rule.pack:<10} {rule.title}{state}")


@rules_app.command("show")
def rules_show(
    rule_id: Annotated[str, typer.Argument(help="A rule id, e.g. NAT-ARITH-004.")],
    pack: Annotated[Optional[list[str]], typer.Option("--pack", "-p", help="Pack name or file to look in.")] = None,
    plugin: PluginOpt = None,
) -> None:
    """Show what a rule checks, why, where the rule comes from, an example, and its parameters."""
    auditor = _auditor(Options(packs=list(pack or [])), plugin, "zh")
    rule = auditor.all_rules().get(rule_id)
    if rule is None:
        _fail(f"jixiao: no rule {rule_id} in the packs loaded")
    lines = [
        f"{rule.id}  {rule.title}",
        f"  pack:      {rule.pack}  ({rule.origin})",
        f"  kind:      {rule.kind} — {rule.kind_impl.description if rule.kind_impl else ''}",
        f"  category:  {rule.category}",
        f"  severity:  {rule.severity}" + ("" if rule.enabled else "  (disabled)"),
    ]
    labels = {"what": "检查内容 what", "why": "理由 why", "source": "依据 source", "example": "示例 example"}
    for key, label in labels.items():
        if rule.doc.get(key):
            lines.append(f"  {label}: {rule.doc[key]}")
    lines.append(f"  message:   {rule.message.get('zh')}")
    if rule.message.get("en"):
        lines.append(f"             {rule.message['en']}")
    lines.append("  parameters:")
    for key, value in rule.params.items():
        lines.append(f"    {key}: {json.dumps(value, ensure_ascii=False, default=str)}")
    typer.echo("\n".join(lines))


@rules_app.command("validate")
def rules_validate(
    packs: Annotated[list[str], typer.Argument(help="Pack files or names to validate.")],
    plugin: PluginOpt = None,
) -> None:
    """Validate packs (and what they extend): every problem with file:line:column. Exit 2 on problems."""
    plugins = _plugins(plugin)
    from .packs import PackLibrary

    failed = False
    for name in packs:
        library = PackLibrary(plugins)
        try:
            resolved = library.resolve(name)
        except PackError as exc:
            failed = True
            typer.echo(exc.render("zh"), err=True)
            continue
        typer.echo(f"{name}: OK — pack {resolved.name} {resolved.pack.version}, {len(resolved.rules)} rules"
                   + (f" (extends {', '.join(resolved.ancestors)})" if resolved.ancestors else ""))
    raise typer.Exit(EXIT_USAGE if failed else EXIT_OK)


@rules_app.command("kinds")
def rules_kinds(plugin: PluginOpt = None) -> None:
    """List the rule kinds available (built-in and from plugins) with their parameters."""
    for name, kind in sorted(_plugins(plugin).kinds.items()):
        required = set(kind.params.get("required", []))
        params = ", ".join(f"{p}{'*' if p in required else ''}" for p in kind.params.get("properties", {}))
        typer.echo(f"{name:<18} {kind.family:<13} {kind.description}\n{'':<18} parameters: {params}")


@rules_app.command("test")
def rules_test(
    packs: Annotated[list[str], typer.Argument(help="Pack files or names whose rule tests to run.")],
    plugin: PluginOpt = None,
) -> None:
    """Run the example reports packs carry next to their rules (`tests: {fail: [...], pass: [...]}`). Exit 1 on a failure."""
    from .packs import PackLibrary
    from .ruletests import run_rule_tests

    plugins_loaded = _plugins(plugin)
    auditor = Auditor(Options(packs=[]), plugins_loaded)
    failed = total = 0
    for name in packs:
        try:
            resolved = PackLibrary(plugins_loaded).resolve(name)
        except PackError as exc:
            _fail(exc.render("zh"))
        for outcome in run_rule_tests(resolved, auditor):
            total += 1
            failed += not outcome.ok
            typer.echo(outcome.render())
    typer.echo(f"{total - failed} passed, {failed} failed")
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


@app.command("init-pack")
def init_pack(
    name: Annotated[str, typer.Argument(help="The new pack's name (lower case), e.g. qinglong.")],
    extends: Annotated[Optional[list[str]], typer.Option("--extends", help="Pack(s) to extend (default: national).")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: NAME.yaml).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter pack: one example rule with its tests, and commented overrides."""
    import re

    from .starter import starter_pack

    if not re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", name):
        _fail(f"jixiao: a pack name is lower-case letters, digits, '-', '_' or '.': {name!r}")
    target = output or Path(f"{name}.yaml")
    if target.exists() and not force:
        _fail(f"jixiao: {target} exists (use --force to overwrite)")
    target.write_text(starter_pack(name, list(extends or ["national"])), encoding="utf-8")
    typer.echo(f"jixiao: wrote {target}; check it with `jixiao rules validate {target}` and `jixiao rules test {target}`")


@app.command()
def plugins(plugin: PluginOpt = None) -> None:
    """List loaded plugins, where each came from, and what it provides."""
    loaded = _plugins(plugin)
    for info in loaded.info:
        typer.echo(f"{info.name}  [{info.origin}]" + (f"  {info.module}" if info.module else ""))
        if info.error:
            typer.echo(f"  FAILED: {info.error}")
        for what, names in info.provides.items():
            typer.echo(f"  {what}: {', '.join(names)}")
    for problem in loaded.problems:
        typer.echo(f"problem: {problem}")


@app.command()
def schema(name: Annotated[str, typer.Argument(help="report, rulepack or findings.")]) -> None:
    """Print one of the published JSON Schemas."""
    if name not in SCHEMA_NAMES:
        _fail(f"jixiao: unknown schema '{name}' (available: {', '.join(SCHEMA_NAMES)})")
    typer.echo(schema_text(name), nl=False)


@app.command()
def version() -> None:
    """Print jixiao's version."""
    typer.echo(__version__)


def main() -> None:
    try:
        app()
    except JixiaoError as exc:  # anything deliberate reaches the user as a message, never a traceback
        typer.echo(f"jixiao: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:  # pragma: no cover
        sys.exit(130)
