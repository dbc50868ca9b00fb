"""The `jixiao` command line (typer)."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .engine import Auditor, Options, iter_sources
from .errors import InputError, JixiaoError, PackError
from .jsonload import dumps
from .model import SEVERITY_RANK, AuditBatch, AuditResult
from .pluginmanager import build_plugins, default_plugins
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
    return build_plugins(files) if files else default_plugins()


def _fail(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(EXIT_USAGE)


def _auditor(options: Options, plugin_files: list[str] | None, lang: str) -> Auditor:
    plugins = _plugins(plugin_files)
    for problem in plugins.problems:
        typer.echo(f"jixiao: plugin problem: {problem}", err=True)
    for info in plugins.info:
        if info.error:
            typer.echo(f"jixiao: plugin {info.name} ({info.origin}) failed to load: {info.error}", err=True)
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
    output_format: Annotated[str, typer.Option("--format", "-f", help="Output format: text, json, or one a plugin adds.")] = "text",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the output to this file instead of stdout.")] = None,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when a finding at or above this severity is found.")] = FailOn.error,
    select: Annotated[Optional[list[str]], typer.Option("--select", help="Run only these rule ids (or id prefixes, e.g. NAT-ARITH).")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rule ids (or id prefixes).")] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of messages: zh (default) or en.")] = Lang.zh,
    explain_packs: Annotated[bool, typer.Option("--explain-packs", help="Show which packs applied to each report and why.")] = False,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Largest input file read, in bytes.")] = Options.max_bytes,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds allowed per report (0: no limit).")] = Options.timeout,
    plugin: PluginOpt = None,
) -> None:
    """Check reports and print their findings. Exit 0: nothing at or above --fail-on; 1: findings; 2: usage error or unreadable input."""
    options = Options(packs=list(pack or []), select=list(select or []), ignore=list(ignore or []),
                      lang=lang.value, max_bytes=max_bytes, timeout=timeout)
    auditor = _auditor(options, plugin, lang.value)
    formatter = auditor.plugins.formatters.get(output_format)
    if formatter is None:
        _fail(f"jixiao: unknown format '{output_format}' (available: {', '.join(sorted(auditor.plugins.formatters))})")
    results: list[AuditResult] = []
    sources = iter_sources([p for p in paths if p != "-"], auditor.plugins.suffixes)
    if "-" in paths:
        data = sys.stdin.buffer.read()
        try:
            extraction = auditor.extract_path("<stdin>.json", data)
            results.append(auditor.check_extraction(extraction, "<stdin>"))
        except InputError as exc:
            results.append(auditor.unreadable("<stdin>", exc))
    if not sources and "-" not in paths:
        _fail("jixiao: no report files found in " + ", ".join(paths))
    for source in sources:
        result = auditor.check_path(source)
        results.append(result)
        if explain_packs and result.report is not None:
            for name, ok, why in auditor.explain_packs(result.report):
                typer.echo(f"{source}: pack {name}: {'applies' if ok else 'does not apply'} ({why})", err=True)
    results.sort(key=lambda r: r.source)
    batch = AuditBatch(results=results, tool_version=__version__, lang=lang.value,
                       packs=[p.ident() for p in auditor.explicit], rules=auditor.all_rules())
    _write(batch, formatter, output)
    raise typer.Exit(_exit_code(batch, fail_on.value))


def _write(batch: AuditBatch, formatter, output: Path | None) -> None:
    colour = output is None and sys.stdout.isatty()
    options = {"colour": colour, "lang": batch.lang}
    if output is None:
        if formatter.binary:
            formatter.write(batch, sys.stdout.buffer, options)
        else:
            formatter.write(batch, sys.stdout, options)
        return
    mode = "wb" if formatter.binary else "w"
    with open(output, mode, **({} if formatter.binary else {"encoding": "utf-8", "newline": ""})) as stream:
        formatter.write(batch, stream, options)


def _exit_code(batch: AuditBatch, fail_on: str) -> int:
    if any(r.unreadable for r in batch.results):
        return EXIT_USAGE
    if fail_on == "never":
        return EXIT_OK
    threshold = SEVERITY_RANK[fail_on]
    return EXIT_FINDINGS if any(r.worst_rank() >= threshold for r in batch.results) else EXIT_OK


@app.command()
def extract(
    path: Annotated[str, typer.Argument(help="A report file: JSON, YAML, or a prose source (.txt, .md, .pdf, .docx) where an extractor is installed.")],
    plugin: PluginOpt = None,
) -> None:
    """Print the Report JSON read from a file, with provenance, for review and correction."""
    auditor = _auditor(Options(), plugin, "zh")
    try:
        extraction = auditor.extract_path(path)
    except InputError as exc:
        _fail(exc.render("zh"))
    typer.echo(dumps(extraction.report))


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
