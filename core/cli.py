"""The `jixiao` command line (typer)."""

# No `from __future__ import annotations` here: typer reads every command's annotations when the command
# line starts, and string annotations are evaluated twice each (inspect.signature, then get_type_hints),
# about 10 ms of every start; written as objects they are built once, on import.
import gc

# Loading the command line allocates tens of thousands of objects that live as long as the process (modules,
# classes, typer's commands) and next to no garbage: the cyclic collector's passes over them cost about 8 ms
# of every start. It is paused while this module loads and resumed at its end (as it was); `main` then
# freezes what start-up built.
_collecting_before_import = gc.isenabled()
gc.disable()

import io
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional, ParamSpec, TextIO, TypeVar, cast

import typer

from . import __version__, log
from .batch import Rendered, default_jobs
from .pipeline import Pipeline
from .clihelp import english, h, localise_builtin_options, localise_commands
from .config import Config, locate
from .config import message as config_message
from .engine import Auditor, Options, Reader
from .i18n import MESSAGES, engine_rule_text, text
from .errors import InputError, JixiaoError, PackError
from .jsonload import dumps
from .model import BLOCKING_STATUSES, CATEGORIES, REPORT_STATUSES, SEVERITY_RANK, AuditBatch, AuditResult
from .pluginmanager import plugins_for
from .batch import DEFAULT_MAX_MEMORY
from .limits import read_stream
from .output import OutputError, interrupts_raise, open_output, print_json, refuse_read_only, same_file
from .text_safety import display_path, safe_data, safe_result
from .timelimit import Interrupted

if TYPE_CHECKING:
    from .pluginmanager import Plugins
    from .registry import Formatter
    from .spill import SpilledResults

_P = ParamSpec("_P")
_R = TypeVar("_R")

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # Ctrl-C, as a shell reports SIGINT

app = typer.Typer(
    name="jixiao",
    help=h("Check budget-performance self-evaluation reports (绩效自评报告) against YAML rule packs."),
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion (bash, zsh, fish, PowerShell)
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"jixiao {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: Annotated[Optional[bool], typer.Option("--version", "-V", callback=_print_version, is_eager=True,
                                                   help=h("Print jixiao's version and exit."))] = None,
) -> None:
    """Check budget-performance self-evaluation reports (绩效自评报告) against YAML rule packs."""
rules_app = typer.Typer(help=h("Rule packs: list rules, show a rule's documentation, validate a pack."), no_args_is_help=True)
app.add_typer(rules_app, name="rules")


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


PluginOpt = Annotated[Optional[list[str]], typer.Option("--plugin", help=h("Load a plugin from a Python file (repeatable)."))]


def _plugins(files: list[str] | None) -> "Plugins":
    return plugins_for(files)


def _fail(message: str) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(EXIT_USAGE)


_failed_plugins: list[str] = []  # plugins named with --plugin that could not be loaded (exit 2)


def _guarded(command: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run a command with Ctrl-C as `Interrupted` (exit 130, within a second, outputs untouched) and
    output failures as a clear message (exit 2): never a traceback, never a half-written file."""
    import functools

    @functools.wraps(command)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        lang = getattr(kwargs.get("lang"), "value", "zh")
        try:
            with interrupts_raise():
                return command(*args, **kwargs)
        except OutputError as exc:
            typer.echo(exc.render(lang), err=True)
            raise typer.Exit(EXIT_USAGE) from None
        except Interrupted:
            typer.echo(text("output.interrupted", lang), err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None

    return run


def _rendered(problem: Any, lang: str) -> str:
    """A plugin problem in the language asked for (they carry `render(lang)`; a plain string is as it is)."""
    render = getattr(problem, "render", None)
    return render(lang) if callable(render) else str(problem)


def _loaded_plugins(plugin_files: list[str] | None, lang: str) -> "Plugins":
    """The plugins, each problem and each plugin that failed to load said on stderr."""
    with log.stage("plugins"):
        plugins = _plugins(plugin_files)
    for problem in plugins.problems:
        typer.echo(text("cli.plugin_problem", lang, detail=_rendered(problem, lang)), err=True)
    for info in plugins.info:
        if info.error:
            typer.echo(text("cli.plugin_failed", lang, name=info.name, origin=info.origin, detail=info.error), err=True)
            if info.origin in (plugin_files or []):
                _failed_plugins.append(info.origin)
    return plugins


def _auditor(options: Options, plugin_files: list[str] | None, lang: str) -> Auditor:
    return _pipeline(options, plugin_files, lang).auditor


def _pipeline(options: Options, plugin_files: list[str] | None, lang: str, baseline: Path | None = None,
              merge: list[Path] | None = None, aftercare: list[str] | None = None) -> Pipeline:
    """The run's pipeline; a broken pack, baseline, SARIF log or aftercare step is a usage error naming it."""
    plugins = _loaded_plugins(plugin_files, lang)
    given: dict[str, list[str]] = {}
    for entry in aftercare or []:
        name, equals, setting = entry.partition("=")
        if not equals or not name.strip():
            _fail(text("cli.aftercare_syntax", lang, entry=entry))
        given.setdefault(name.strip(), []).append(setting)
    steps = {name: settings[0] if len(settings) == 1 else settings for name, settings in given.items()}
    try:
        with log.stage("packs"):
            pipeline = Pipeline(options, plugins=plugins, plugin_files=plugin_files or (), baseline=baseline,
                                merge=merge or (), aftercare=steps)
    except (PackError, InputError) as exc:
        _fail(exc.render(lang))
    _say_pack_problems(pipeline.auditor, lang)
    return pipeline


def _say_pack_problems(auditor: Auditor, lang: str) -> None:
    for skipped in auditor.pack_problems:
        typer.echo(text("cli.pack_skipped", lang, detail=skipped.render(lang)), err=True)
    # a loaded pack's warnings (a placeholder no kind provides, say) are worth a line each (the built-in
    # packs have none; a test holds them to that); notes are for `jixiao rules validate`
    for pack in {pack.name: pack for pack in [*auditor.explicit, *auditor.candidates]}.values():
        for pack_problem in pack.problems:
            if pack_problem.severity == "warning":
                typer.echo(pack_problem.render(lang), err=True)


@app.command()
@_guarded
def check(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help=h("Report files, folders (recursive) or zip archives (also rar and 7z with the archives extra; each file in them); - reads a JSON report from stdin."))],
    pack: Annotated[Optional[list[str]], typer.Option("--pack", "-p", help=h("Pack name or file (repeatable). Default: national plus every pack whose applies_to matches the report."))] = None,
    pack_dir: Annotated[Optional[list[str]], typer.Option("--pack-dir", help=h("A folder of packs: each is used for the reports its applies_to matches (repeatable)."))] = None,
    config_file: Annotated[Optional[str], typer.Option("--config", help=h("Read settings from this file instead of the jixiao.yaml found from the checked folder upwards."))] = None,
    no_config: Annotated[bool, typer.Option("--no-config", help=h("Use no configuration file."))] = False,
    debug: Annotated[bool, typer.Option("--debug", envvar="JIXIAO_DEBUG", help=h("Diagnostics on stderr: full tracebacks, the time each stage took (also JIXIAO_DEBUG=1)."))] = False,
    output_format: Annotated[str, typer.Option("--format", "-f", help=h("Output format: text, json, jsonl, sarif, junit, html, csv, xlsx, or one a plugin adds."))] = "text",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help=h("Write the output to this file instead of stdout."))] = None,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help=h("Exit 1 when a finding at or above this severity is found."))] = FailOn.error,
    select: Annotated[Optional[list[str]], typer.Option("--select", help=h("Run only these rule ids, id prefixes (NAT-ARITH) or categories (arithmetic)."))] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help=h("Skip these rule ids, id prefixes or categories; engine findings (JX-EXTRACTION, JX-SCHEMA…) too."))] = None,
    min_evaluated: Annotated[int, typer.Option("--min-evaluated", min=0, help=h("A report with fewer rules evaluated (passed + failed) is 'not checked' (未能检查): never a pass, exit 2."))] = Options.min_evaluated,
    statistics: Annotated[bool, typer.Option("--statistics", help=h("After the output, how often each rule was found (规则 / 次数); on stderr for machine formats and --output."))] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=h("Text output: only warnings and errors, and no lines for reports that passed (the summary stays)."))] = False,
    lang: Annotated[Lang, typer.Option("--lang", help=h("Language of messages: zh (default) or en."))] = Lang.zh,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help=h("Worker processes (default: the number of cores). Output is the same whatever the number."))] = 0,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help=h("Suppress findings recorded in this baseline file."))] = None,
    write_baseline_to: Annotated[Optional[Path], typer.Option("--write-baseline", help=h("Record the current findings as accepted, in this file."))] = None,
    show_suppressed: Annotated[bool, typer.Option("--show-suppressed", help=h("List the findings a baseline suppressed (on stderr)."))] = False,
    explain_packs: Annotated[bool, typer.Option("--explain-packs", help=h("Show which packs applied to each report and why (on stderr)."))] = False,
    merge: Annotated[Optional[list[Path]], typer.Option("--merge", help=h("Fold another validator's SARIF 2.1.0 log into the results (repeatable)."))] = None,
    aftercare: Annotated[Optional[list[str]], typer.Option("--aftercare", metavar="NAME=SETTING", help=h("Run a plugin's aftercare step on every result, with this setting (repeatable; a name given twice gets a list)."))] = None,
    progress: Annotated[Optional[bool], typer.Option("--progress/--no-progress", help=h("Progress bar (default: on a terminal only, never in CI)."))] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help=h("Largest input file read, in bytes."))] = Options.max_bytes,
    max_text_chars: Annotated[int, typer.Option("--max-text-chars", min=1, help=h("Most characters of text read from a prose source (.txt, .md, .pdf, .docx)."))] = Options.max_text_chars,
    timeout: Annotated[float, typer.Option("--timeout", min=0, max=86400, help=h("Seconds allowed per report (0: no limit)."))] = Options.timeout,
    max_memory: Annotated[int, typer.Option("--max-memory", min=0, help=h("Bytes of memory a worker process may add while checking one report (0: no limit); more is an input finding. Worker processes only (--jobs 2 or more)."))] = DEFAULT_MAX_MEMORY,
    plugin: PluginOpt = None,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", envvar="JIXIAO_SCHEDULER", help=h("Check the batch on a Dask cluster: the scheduler's address (tcp://HOST:8786). Needs pip install 'jixiao[dask]'. Output is the same as a local run."))] = None,
) -> None:
    """Check reports and print their findings. Each report is passed (通过), warnings (有警告), errors (有错误),
    not_checked (未能检查) or unreadable (无法读取). Exit 0: nothing at or above --fail-on; 1: findings;
    2: usage error, or a report unreadable or not checked (whatever --fail-on says)."""
    _failed_plugins.clear()
    if debug:
        log.enable()
    settings = _settings(ctx, paths, config_file, no_config, lang)
    pack, pack_dir, select, ignore = (settings.pick(name, value) for name, value in
                                      (("pack", pack), ("pack_dir", pack_dir), ("select", select), ("ignore", ignore)))
    fail_on, lang = settings.pick("fail_on", fail_on, FailOn), settings.pick("lang", lang, Lang)
    output_format, min_evaluated, jobs = (settings.pick(name, value) for name, value in
                                          (("output_format", output_format), ("min_evaluated", min_evaluated), ("jobs", jobs)))
    max_bytes, max_text_chars, timeout, max_memory = (settings.pick(name, value) for name, value in (
        ("max_bytes", max_bytes), ("max_text_chars", max_text_chars), ("timeout", timeout), ("max_memory", max_memory)))
    if settings.config.path is not None:
        typer.echo(config_message("in_use", lang.value, path=settings.config.path), err=True)
    if timeout != timeout:  # NaN passes typer's bounds
        _fail(text("cli.timeout_nan", lang.value))
    for target, flag in ((output, "--output"), (write_baseline_to, "--write-baseline")):
        if target is not None and (target.is_dir() or not target.parent.is_dir()):
            _fail(text("cli.not_a_file_target", lang.value, flag=flag, target=target))
    options = Options(packs=list(pack or []), pack_dirs=list(pack_dir or []), select=list(select or []), ignore=list(ignore or []),
                      lang=lang.value, max_bytes=max_bytes, max_text_chars=max_text_chars, timeout=timeout,
                      min_evaluated=min_evaluated)
    pipeline = _pipeline(options, plugin, lang.value, baseline, merge, aftercare)
    auditor = pipeline.auditor
    unknown = auditor.unknown_selectors()
    if unknown:
        _fail("\n".join(_unknown_selector(option, pattern, close, lang.value) for option, pattern, close in unknown))
    formatter = auditor.plugins.formatters.get(output_format)
    if formatter is None:
        _fail(text("cli.unknown_format", lang.value, name=output_format, names=", ".join(sorted(auditor.plugins.formatters))))
    with log.stage("sources"):
        sources = pipeline.sources(paths)
    if not sources and "-" not in paths:
        _fail(text("cli.no_reports", lang.value, paths=", ".join(paths)))
    _refuse_clobbering(lang.value, [*sources, *(str(m) for m in merge or [])],
                       [(output, "--output"), (write_baseline_to, "--write-baseline")])

    stream_result = formatter.stream_result
    streaming = stream_result is not None

    def render(result: AuditResult) -> Rendered:
        assert stream_result is not None  # (only a streaming format renders a report at a time)
        pipeline.finish(result)
        buffer = io.BytesIO() if formatter.binary else io.StringIO()
        stream_result(result, buffer, {"lang": lang.value, "quiet": quiet})
        return _Done(buffer.getvalue(), result.counts, result.unreadable, len(result.suppressed), result.worst_rank(),
                     result.status, tuple(f.rule_id for f in result.findings))

    # A streaming format with nothing to do per report here is rendered in the workers themselves.
    per_report_work = pipeline.whole_batch or write_baseline_to or explain_packs or show_suppressed
    finish = render if streaming and not per_report_work else None

    def results() -> Generator[AuditResult | Rendered, None, None]:
        try:
            yield from pipeline.results(sources, jobs=jobs or default_jobs(), finish=finish, keep_reports=explain_packs,
                                        max_memory=max_memory, scheduler=scheduler, progress=bar,
                                        first=_check_stdin(auditor) if "-" in paths else None)
        except JixiaoError as exc:  # the cluster cannot be used (a ClusterError): a usage error, as locally
            if not scheduler or not hasattr(exc, "render"):
                raise
            _fail(exc.render(lang.value))

    # A one-pass format (json) writes the results as they are checked; any other whole-batch format gets them
    # once all are checked, kept on disk meanwhile, not in memory.
    one_pass = not streaming and formatter.one_pass
    collected: list[AuditResult] | SpilledResults
    if streaming or one_pass:
        collected = []
    else:
        from . import spill

        collected = spill.SpilledResults()
    batch = AuditBatch(results=collected, tool_version=__version__, lang=lang.value,
                       packs=[p.ident() for p in auditor.explicit], rules=auditor.all_rules())
    tally = _Tally(fail_on.value)
    recorded: list[dict[str, Any]] = []  # --write-baseline: its entries, not whole results, wait in memory
    if write_baseline_to is not None:
        from .baseline import baseline_entries, write_baseline
    to_terminal = output is None and sys.stdout.isatty()
    with _open_output(output, formatter) as stream, _progress_bar(progress, len(sources)) as bar:

        def emit(done: str | bytes | None = None) -> None:
            if to_terminal:
                bar.clear()  # never write a report's lines onto the bar's line
            if done is not None:
                stream.write(done)
                if to_terminal:
                    stream.flush()

        checking = results()

        def checked() -> Generator[AuditResult, None, None]:
            """Each result as it is checked, counted and noted; a streaming format's written here."""
            for result in checking:
                if isinstance(result, Rendered):
                    if isinstance(result, _Done):
                        tally.add_numbers(result.counts, result.unreadable, result.suppressed, result.worst,
                                          result.status, result.rule_ids)
                    else:
                        tally.add_numbers(result.counts, result.unreadable, result.suppressed, result.worst)
                    emit(result.output)
                    bar.advance()
                    continue
                pipeline.finish(result)
                if (explain_packs and result.report is not None) or (show_suppressed and result.suppressed):
                    bar.clear()  # these notes go to stderr, where the bar is
                if explain_packs and result.report is not None:
                    typer.echo(text("cli.region", lang.value, source=result.source, region=auditor.explain_region(result.report, lang.value)), err=True)
                    for name, ok, why in auditor.explain_packs(result.report, lang.value):
                        typer.echo(text("cli.pack_applies" if ok else "cli.pack_not_applies", lang.value,
                                        source=result.source, name=name, why=why), err=True)
                if show_suppressed:
                    for finding in result.suppressed:
                        typer.echo(text("cli.suppressed", lang.value, source=result.source, rule_id=finding.rule_id, message=finding.message), err=True)
                tally.add(result)
                if write_baseline_to is not None:
                    recorded.extend(baseline_entries(result))
                if stream_result is not None:
                    emit()
                    stream_result(result, stream, {"lang": lang.value, "quiet": quiet})
                elif one_pass and to_terminal:  # the format writes it now: never onto the bar's line
                    bar.clear()
                    yield result
                    stream.flush()
                else:
                    yield result
                bar.advance()
            bar.clear()

        # the one-line summary goes to stderr (below), so it never mixes into a file or a pipe
        write_options = {"colour": to_terminal, "lang": lang.value, "summary": False, "quiet": quiet}
        loop_started = time.perf_counter()
        counted = checked()
        try:
            if one_pass:  # checking and writing interleaved: their time is one stage
                # (AuditBatch.results is a Sequence to every other format; a one-pass format reads it once)
                formatter.write(replace(batch, results=cast("Sequence[AuditResult]", counted)), stream, write_options)
            else:
                for result in counted:
                    collected.append(result)
        finally:
            # (where writing fails, a full disk: the checking stops here, while its files and workers are still
            # open, not when the interpreter ends, where its clean-up would print a traceback of its own)
            counted.close()
            checking.close()
        log.add("reports", time.perf_counter() - loop_started) if log.enabled() else None
        output_started = time.perf_counter()
        if not streaming and not one_pass:
            formatter.write(batch, stream, write_options)
        log.add("output", time.perf_counter() - output_started) if log.enabled() else None
        # statistics follow the output: on stdout after text there, else on stderr (never inside a file
        # or a machine format)
        on_stdout = statistics and output is None and output_format == "text"
        if on_stdout:
            stream.write("\n" + tally.statistics(lambda rule_id: _rule_title(rule_id, batch, lang.value), lang.value))
    if statistics and not on_stdout:
        typer.echo(tally.statistics(lambda rule_id: _rule_title(rule_id, batch, lang.value), lang.value), err=True,
                   nl=False)
    if write_baseline_to is not None:
        count = write_baseline(str(write_baseline_to), recorded)
        typer.echo(text("cli.baseline_written", lang.value, count=count, path=write_baseline_to), err=True)
    typer.echo(tally.summary_line(lang.value), err=True)
    if log.enabled():
        typer.echo(log.table(lang.value), err=True)
    if _failed_plugins:  # the run went on, but without a plugin the user asked for: not a clean result
        typer.echo(text("cli.plugins_missing", lang.value, names=", ".join(_failed_plugins)), err=True)
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(tally.exit_code())


# the `check` parameter each configuration key sets
CONFIG_PARAMS = {"packs": "pack", "pack-dir": "pack_dir", "select": "select", "ignore": "ignore", "fail-on": "fail_on",
                 "lang": "lang", "format": "output_format", "min-evaluated": "min_evaluated", "jobs": "jobs",
                 "max-bytes": "max_bytes", "max-text-chars": "max_text_chars", "timeout": "timeout",
                 "max-memory": "max_memory"}


@dataclass
class _Settings:
    """The configuration file's values, for the options the command line left at their defaults."""

    ctx: typer.Context
    config: Config

    def given(self, param: str) -> bool:
        source = self.ctx.get_parameter_source(param)
        return source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP")

    def pick(self, param: str, value: Any, convert: Callable[[Any], Any] = lambda v: v) -> Any:
        key = next(k for k, p in CONFIG_PARAMS.items() if p == param)
        if key in self.config.values and not self.given(param):
            return convert(self.config.values[key])
        return value


def _settings(ctx: typer.Context, paths: list[str], config_file: str | None, no_config: bool, lang: Lang) -> _Settings:
    try:
        config, _ = locate(paths, config_file, no_config)
    except InputError as exc:
        _fail(exc.render(lang.value))
    return _Settings(ctx, config)


def _rule_title(rule_id: str, batch: AuditBatch, lang: str) -> str:
    rule = batch.rules.get(rule_id)
    return (rule.title if rule is not None else None) or engine_rule_text(rule_id, "title", lang) or ""


def _unknown_selector(option: str, pattern: str, close: list[str], lang: str) -> str:
    message = text("usage.unknown_selector", lang, option=option, pattern=pattern)
    if close:
        return message + text("usage.did_you_mean", lang, names=("、" if lang == "zh" else ", ").join(close))
    return message + text("usage.known_categories", lang, names=", ".join(CATEGORIES))


def _check_stdin(auditor: Auditor) -> AuditResult:
    """A JSON report on stdin, read no further than --max-bytes: an endless stream (`yes |`) is
    refused as soon as it passes the limit, not read to its end."""
    try:
        data = read_stream(sys.stdin.buffer, auditor.options.max_bytes)
        result = auditor.check_extraction(auditor.extract_path("<stdin>.json", data), "<stdin>")
    except InputError as exc:
        result = auditor.unreadable("<stdin>", exc)
    return safe_result(result)


class _Tally:
    """Counts as results stream past, so nothing needs to be kept for the exit code and summary."""

    def __init__(self, fail_on: str):
        self.fail_on = fail_on
        self.counts = {"reports": 0, "error": 0, "warning": 0, "info": 0, **{s: 0 for s in REPORT_STATUSES},
                       "suppressed": 0}
        self.worst = 0
        self.by_rule: Counter[str] = Counter()

    def add(self, result: AuditResult) -> None:
        self.add_numbers(result.counts, result.unreadable, len(result.suppressed), result.worst_rank(),
                         result.status, [f.rule_id for f in result.findings])

    def add_numbers(self, counts: dict[str, int], unreadable: bool, suppressed: int, worst: int,
                    status: str | None = None, rule_ids: Iterable[str] = ()) -> None:
        self.counts["reports"] += 1
        self.counts[status or ("unreadable" if unreadable else "passed")] += 1
        self.counts["suppressed"] += suppressed
        for severity, n in counts.items():
            self.counts[severity] += n
        self.worst = max(self.worst, worst)
        self.by_rule.update(rule_ids)

    def summary_line(self, lang: str) -> str:
        line = text("text.summary", lang, **self.counts)
        if self.counts["suppressed"]:
            line += text("text.suppressed", lang, suppressed=self.counts["suppressed"])
        return line

    def statistics(self, titles: Callable[[str], str], lang: str) -> str:
        """规则 / 次数: how often each rule was found, most frequent first, with its title."""
        head_rule, head_count = text("text.statistics_head", lang), text("text.statistics_count", lang)
        rows = sorted(self.by_rule.items(), key=lambda item: (-item[1], item[0]))
        width = max([len(rule_id) for rule_id, _ in rows] + [16])
        lines = [f"{head_rule}{' ' * max(1, width + 2 - _width(head_rule))}{head_count}"]
        lines += [f"{rule_id:<{width}}  {count:>4}  {titles(rule_id)}".rstrip() for rule_id, count in rows]
        return "\n".join(lines) + "\n"

    def exit_code(self) -> int:
        # a file that could not be read, or read but not checked, is never a pass, whatever --fail-on says
        if any(self.counts[status] for status in BLOCKING_STATUSES):
            return EXIT_USAGE
        if self.fail_on == "never":
            return EXIT_OK
        return EXIT_FINDINGS if self.worst >= SEVERITY_RANK[self.fail_on] else EXIT_OK


_width = log.columns


@dataclass
class _Done(Rendered):
    """A report a streaming format already wrote out, with its status and the rules it was found by."""

    status: str = "passed"
    rule_ids: tuple[str, ...] = ()


@contextmanager
def _open_output(output: Path | None, formatter: "Formatter") -> Iterator[Any]:
    """An atomic file (`jixiao.output`: the target is replaced only once complete), or stdout: the
    text format in the locale's encoding, never failing on a character; machine formats in UTF-8."""
    with open_output(output, formatter.binary, human=formatter.name == "text") as stream:
        yield stream


def _refuse_clobbering(lang: str, inputs: list[str], targets: list[tuple[Optional[Path], str]]) -> None:
    """`--output`/`--write-baseline` naming a file that is also read (a report, a --merge log; or the
    other output) is a usage error before anything is read or written; a read-only target too."""
    for index, (target, flag) in enumerate(targets):
        if target is None:
            continue
        others = [str(t) for t, _ in targets[:index] + targets[index + 1:] if t is not None]
        clash = same_file(target, [*inputs, *others]) or (str(target) if any(
            os.path.abspath(str(target)) == os.path.abspath(o) for o in others) else None)
        if clash is not None:
            _fail(text("output.is_input", lang, flag=flag, path=display_path(str(target)), input=display_path(clash)))
        refuse_read_only(target)


class _ProgressBar:
    """One line on stderr, redrawn in place (`\\r` + clear line). `clear()` wipes it before anything
    else is written and when the run ends, so it never glues to the next line of output; a terminal
    without escapes (TERM=dumb) gets a newline instead, and only if the bar was drawn."""

    WIDTH = 30
    INTERVAL = 0.1  # seconds between redraws

    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool = True):
        self.total, self.done, self.enabled = total, 0, enabled
        self.stream = stream if stream is not None else sys.stderr
        self.ansi = os.environ.get("TERM", "") != "dumb"
        self.drawn = False
        self.started = self.last = time.monotonic()

    def advance(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.enabled and (now - self.last >= self.INTERVAL or self.done >= self.total or not self.drawn):
            self.last = now
            self.draw()

    def draw(self) -> None:
        filled = self.WIDTH if not self.total else min(self.WIDTH, self.WIDTH * self.done // self.total)
        line = f"jixiao [{'#' * filled}{'-' * (self.WIDTH - filled)}] {self.done}/{self.total}"
        if self.done and self.total > self.done:
            left = (time.monotonic() - self.started) / self.done * (self.total - self.done)
            line += f"  ~{int(left) // 60}:{int(left) % 60:02d}"
        self.stream.write("\r\033[K" + line if self.ansi else "\r" + line)
        self.stream.flush()
        self.drawn = True

    def clear(self) -> None:
        if not self.drawn:
            return
        self.stream.write("\r\033[K" if self.ansi else "\n")
        self.stream.flush()
        self.drawn = False


@contextmanager
def _progress_bar(wanted: bool | None, total: int) -> Iterator[_ProgressBar]:
    """A progress bar on stderr: on a terminal only, never in CI, unless asked for explicitly."""
    show = wanted if wanted is not None else (sys.stderr.isatty() and not os.environ.get("CI") and total > 1)
    bar = _ProgressBar(total, enabled=bool(show))
    try:
        yield bar
    finally:
        bar.clear()


@app.command()
@_guarded
def extract(
    path: Annotated[str, typer.Argument(help=h("A report file: JSON, YAML, or a prose source (.txt, .md, .pdf, .docx) where an extractor is installed."))],
    lang: Annotated[Lang, typer.Option("--lang", help=h("Language of the notes on stderr: zh (default) or en."))] = Lang.zh,
    plugin: PluginOpt = None,
    part: Annotated[int, typer.Option("--part", min=1, help=h("Which report of a compilation (汇编) to print: 1 (default) is the first, the others numbered in the compilation's order."))] = 1,
) -> None:
    """Print the Report JSON read from a file, with provenance, for review and correction; what the
    extractor noticed (figures not found, conflicting figures, a scan without text) goes to stderr."""
    reader = Reader(Options(lang=lang.value), _loaded_plugins(plugin, lang.value))  # no pack is read to extract
    try:
        extraction = reader.extract_path(path)
    except InputError as exc:
        _fail(exc.render(lang.value))
    count = 1 + len(extraction.parts)
    if part > count:
        _fail(text("cli.no_part", lang.value, count=count, part=part))
    shown = extraction if part == 1 else extraction.parts[part - 2]
    print_json(dumps(safe_data(shown.report)))  # a lone surrogate escape becomes visible text; UTF-8
    for finding in shown.findings:
        where = f":{finding.location.line}:{finding.location.column}" if finding.location else ""
        typer.echo(safe_data(f"{display_path(path)}{where}: {finding.severity} {finding.rule_id}: {finding.message}"),
                   err=True)
    if count > 1:  # (a compilation: each of its reports is printed on its own)
        typer.echo(text("cli.extract_parts", lang.value, count=count, part=part), err=True)


@rules_app.command("list")
def rules_list(
    pack: Annotated[Optional[list[str]], typer.Option("--pack", "-p", help=h("Pack name or file (default: every available pack)."))] = None,
    plugin: PluginOpt = None,
    lang: Annotated[Lang, typer.Option("--lang", help=h("Language of messages: zh (default) or en."))] = Lang.zh,
) -> None:
    """List rules: id, severity, kind, title and the pack that defines them."""
    auditor = _auditor(Options(packs=list(pack or [])), plugin, lang.value)
    for rule_id, rule in sorted(auditor.all_rules().items()):
        state = "" if rule.enabled else text("cli.disabled", lang.value)
        typer.echo(f"{rule_id:<16} {rule.severity:<8} {rule.kind:<18} {rule.pack:<10} {rule.title}{state}")


@rules_app.command("show")
def rules_show(
    rule_id: Annotated[str, typer.Argument(help=h("A rule id, e.g. NAT-ARITH-004."))],
    pack: Annotated[Optional[list[str]], typer.Option("--pack", "-p", help=h("Pack name or file to look in."))] = None,
    plugin: PluginOpt = None,
    lang: Annotated[Lang, typer.Option("--lang", help=h("Language of messages: zh (default) or en."))] = Lang.zh,
) -> None:
    """Show what a rule checks, why, where the rule comes from, an example, and its parameters."""
    language = lang.value
    auditor = _auditor(Options(packs=list(pack or [])), plugin, language)
    rule = auditor.all_rules().get(rule_id)
    if rule is None:
        _fail(text("cli.no_rule", language, rule_id=rule_id))
    lines = [
        f"{rule.id}  {rule.title}",
        text("cli.show_pack", language, pack=rule.pack, origin=rule.origin),
        text("cli.show_kind", language, kind=rule.kind, description=rule.kind_impl.description if rule.kind_impl else ""),
        text("cli.show_category", language, category=rule.category),
        text("cli.show_severity", language, severity=rule.severity, disabled="" if rule.enabled else text("cli.disabled", language)),
    ]
    for key in ("what", "why", "source", "example"):
        if rule.doc.get(key):
            lines.append(f"  {text('cli.show_' + key, language)}: {rule.doc[key]}")
    lines.append(text("cli.show_message", language, message=rule.message.get("zh")))
    if rule.message.get("en"):
        lines.append(f"             {rule.message['en']}")
    lines.append(text("cli.show_parameters", language))
    for key, value in rule.params.items():
        lines.append(f"    {key}: {json.dumps(value, ensure_ascii=False, default=str)}")
    typer.echo("\n".join(lines))


@rules_app.command("validate")
def rules_validate(
    packs: Annotated[list[str], typer.Argument(help=h("Pack files or names to validate."))],
    plugin: PluginOpt = None,
    lang: Annotated[Lang, typer.Option("--lang", help=h("Language of messages: zh (default) or en."))] = Lang.zh,
) -> None:
    """Validate packs (and what they extend): every problem with file:line:column, all in one run, and
    the pack's own rule tests. Exit 2 on an error or a warning (notes do not count)."""
    plugins = _plugins(plugin)
    from .packcheck import pack_summary, validate
    from .packs import PackLibrary

    failed = False
    for name in packs:
        resolved, problems = validate(PackLibrary(plugins), name)
        for problem in problems:
            typer.echo(problem.render(lang.value), err=True)
        failed = failed or resolved is None or any(p.severity != "info" for p in problems)
        typer.echo(pack_summary(name, resolved, problems, lang.value), err=resolved is None)
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
    packs: Annotated[list[str], typer.Argument(help=h("Pack files or names whose rule tests to run."))],
    plugin: PluginOpt = None,
    lang: Annotated[Lang, typer.Option("--lang", help=h("Language of messages: zh (default) or en."))] = Lang.zh,
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
            _fail(exc.render(lang.value))
        for problem in resolved.problems:
            if problem.severity == "info":  # inherited tests an override made obsolete: dropped, and said so
                typer.echo(problem.render(lang.value), err=True)
        for outcome in run_rule_tests(resolved, auditor):
            total += 1
            failed += not outcome.ok
            typer.echo(outcome.render(lang.value))
    typer.echo(text("cli.tests_summary", lang.value, passed=total - failed, failed=failed))
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


@app.command("init-pack")
def init_pack(
    name: Annotated[str, typer.Argument(help=h("The new pack's name (lower case), e.g. qinglong."))],
    extends: Annotated[Optional[list[str]], typer.Option("--extends", help=h("Pack(s) to extend (default: national)."))] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help=h("File to write (default: NAME.yaml)."))] = None,
    force: Annotated[bool, typer.Option("--force", help=h("Overwrite an existing file."))] = False,
    lang: Annotated[Lang, typer.Option("--lang", help=h("Language of messages: zh (default) or en."))] = Lang.zh,
) -> None:
    """Write a commented starter pack: one example rule with its tests, and commented overrides."""
    import re

    from .starter import starter_pack

    if not re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", name):
        _fail(text("cli.bad_pack_name", lang.value, name=repr(name)))
    target = output or Path(f"{name}.yaml")
    if target.exists() and not force:
        _fail(text("cli.exists", lang.value, path=target))
    target.write_text(starter_pack(name, list(extends or ["national"])), encoding="utf-8")
    typer.echo(text("cli.wrote_pack", lang.value, path=target))


@app.command()
def plugins(plugin: PluginOpt = None, lang: Annotated[Lang, typer.Option("--lang", help=h("Language of messages: zh (default) or en."))] = Lang.zh,) -> None:
    """List loaded plugins, where each came from, and what it provides."""
    loaded = _plugins(plugin)
    for info in loaded.info:
        typer.echo(f"{info.name}  [{info.origin}]" + (f"  {info.module}" if info.module else ""))
        if info.error:
            typer.echo(text("cli.plugin_load_failed", lang.value, detail=info.error))
        for what, names in info.provides.items():
            typer.echo(text("cli.plugin_provides", lang.value, what=text(f"cli.provides_{what}", lang.value)
                            if f"cli.provides_{what}" in MESSAGES else what, names=", ".join(names)))
    for problem in loaded.problems:
        typer.echo(text("cli.problem", lang.value, detail=_rendered(problem, lang.value)))


@app.command()
def schema(name: Annotated[str, typer.Argument(help=h("report, rulepack or findings."))], lang: Annotated[Lang, typer.Option("--lang", help=h("Language of messages: zh (default) or en."))] = Lang.zh,) -> None:
    """Print one of the published JSON Schemas."""
    from .validation import SCHEMA_NAMES, schema_text

    if name not in SCHEMA_NAMES:
        _fail(text("cli.unknown_schema", lang.value, name=name, names=", ".join(SCHEMA_NAMES)))
    typer.echo(schema_text(name), nl=False)


@app.command("config")
def show_config(
    paths: Annotated[Optional[list[str]], typer.Argument(help=h("The folders or files you would check (default: the current folder)."))] = None,
    config_file: Annotated[Optional[str], typer.Option("--config", help=h("Read settings from this file instead of the jixiao.yaml found from the checked folder upwards."))] = None,
    no_config: Annotated[bool, typer.Option("--no-config", help=h("Use no configuration file."))] = False,
    lang: Annotated[Lang, typer.Option("--lang", help=h("Language of messages: zh (default) or en."))] = Lang.zh,
    as_json: Annotated[bool, typer.Option("--json", help=h("Print the settings as JSON."))] = False,
) -> None:
    """Show the settings `jixiao check` would use for these paths, and where each comes from."""
    targets = list(paths or ["."])
    try:
        config, start = locate(targets, config_file, no_config)
    except InputError as exc:
        _fail(exc.render(lang.value))
    defaults = {param.name: param.default for param in typer.main.get_command(app).commands["check"].params}  # type: ignore[attr-defined]
    rows = []
    for key, param in CONFIG_PARAMS.items():
        if key in config.values:
            value, source = config.values[key], config_message("from_file", lang.value, where=config.where(key))
        else:
            value, source = defaults.get(param), config_message("from_default", lang.value)
        value = getattr(value, "value", value)
        rows.append((key, [] if value is None and key in ("packs", "pack-dir", "select", "ignore") else value, source))
    if as_json:
        print_json(dumps({"file": str(config.path) if config.path else None,
                          "settings": {key: {"value": value, "from": "file" if key in config.values else "default"}
                                       for key, value, _ in rows}}))
        return
    if no_config:
        typer.echo(config_message("ignored", lang.value))
    elif config.path is None:
        typer.echo(config_message("no_file", lang.value, start=start))
    else:
        typer.echo(config_message("file", lang.value, path=config.path))
    shown = [(key, _config_value(key, value, lang.value), source) for key, value, source in rows]
    head = config_message("head", lang.value).split("|")
    widths = [max(_width(row[i]) for row in [head, *shown]) for i in range(2)]
    for row in [head, *shown]:
        typer.echo("  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row[:2])) + "  " + row[2])


def _config_value(key: str, value: Any, lang: str) -> str:
    """A setting as `jixiao config` shows it: an empty list or 0 jobs says what it means."""
    if isinstance(value, list):
        if value:
            return ", ".join(str(item) for item in value)
        return config_message({"packs": "no_packs", "select": "no_select"}.get(key, "empty"), lang)
    if key == "jobs" and value == 0:
        return config_message("jobs_auto", lang)
    return str(value)


@app.command()
def version() -> None:
    """Print jixiao's version."""
    typer.echo(__version__)


def main() -> None:
    # The command line is the whole process: what start-up built lives until it ends, so the collector need
    # not walk it again, neither in a later full pass nor at exit (about 15 ms of a one-report run).
    gc.freeze()
    try:
        app()
    except JixiaoError as exc:  # anything deliberate reaches the user as a message, never a traceback
        typer.echo(exc.render("en" if english() else "zh") if hasattr(exc, "render") else text("cli.error", "en" if english() else "zh", detail=exc), err=True)
        sys.exit(EXIT_USAGE)
    except (KeyboardInterrupt, Interrupted):  # pragma: no cover
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:  # a bug in jixiao or a plugin: one clear line; the traceback under --debug
        lang = "en" if english() else "zh"
        if log.enabled() or log.env_debug():
            import traceback

            traceback.print_exc()
        typer.echo(text("cli.internal", lang, detail=f"{type(exc).__name__}: {exc}"), err=True)
        sys.exit(EXIT_USAGE)


localise_commands(app, rules_app)
localise_builtin_options()
if _collecting_before_import:
    gc.enable()
