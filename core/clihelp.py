"""The command line's help, in Chinese by default (bureau users read it) and in English with
JIXIAO_LANG=en. Help is printed before options are parsed, so `--lang` cannot choose its language."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer

HELP_ZH: dict[str, str] = {
    "Check budget-performance self-evaluation reports (绩效自评报告) against YAML rule packs.":
        "按 YAML 规则包审核预算绩效自评报告和自评表。",
    "Print jixiao's version and exit.": "显示 jixiao 的版本号后退出。",
    "Rule packs: list rules, show a rule's documentation, validate a pack.": "规则包：列出规则、查看规则说明、检查规则包。",
    "Load a plugin from a Python file (repeatable).": "从 Python 文件加载插件（可重复）。",
    "Report files, folders (recursive) or zip archives (also rar and 7z with the archives extra; each file in them); - reads a JSON report from stdin.":
        "报告文件、文件夹（含子文件夹）或 zip 压缩包（安装 archives 扩展后还有 rar、7z；逐一检查其中的文件）；- 表示从标准输入读取 JSON 报告。",
    "Pack name or file (repeatable). Default: national plus every pack whose applies_to matches the report.":
        "规则包名称或文件（可重复）。默认：全国规则包，加上适用范围与报告相符的各规则包。",
    "Output format: text, json, jsonl, sarif, junit, html, csv, xlsx, or one a plugin adds.":
        "输出格式：text、json、jsonl、sarif、junit、html、csv、xlsx，或插件提供的格式。",
    "Write the output to this file instead of stdout.": "把结果写入此文件（默认输出到屏幕）。",
    "Exit 1 when a finding at or above this severity is found.": "有达到此严重程度的发现时，退出码为 1。",
    "Run only these rule ids, id prefixes (NAT-ARITH) or categories (arithmetic).":
        "只运行这些规则：规则号、规则号前缀（NAT-ARITH）或类别（arithmetic）。",
    "Skip these rule ids, id prefixes or categories; engine findings (JX-EXTRACTION, JX-SCHEMA…) too.":
        "跳过这些规则号、前缀或类别；也可跳过引擎自身的发现（JX-EXTRACTION、JX-SCHEMA 等）。",
    "A report with fewer rules evaluated (passed + failed) is 'not checked' (未能检查): never a pass, exit 2.":
        "实际评估的规则（通过 + 有发现）少于此数的报告为“未能检查”：不算通过，退出码 2。",
    "After the output, how often each rule was found (规则 / 次数); on stderr for machine formats and --output.":
        "输出之后列出每条规则的发现次数（规则 / 次数）；机器格式和 --output 时写到标准错误。",
    "Text output: only warnings and errors, and no lines for reports that passed (the summary stays).":
        "文本输出只列警告和错误，通过的报告不单列（保留汇总）。",
    "Language of messages: zh (default) or en.": "提示语言：zh（默认）或 en。",
    "Worker processes (default: the number of cores). Output is the same whatever the number.":
        "并行进程数（默认等于 CPU 核数）；无论多少，输出都相同。",
    "Check the batch on a Dask cluster: the scheduler's address (tcp://HOST:8786). Needs pip install 'jixiao[dask]'. Output is the same as a local run.":
        "在 Dask 集群上检查这批报告：调度器地址（tcp://主机:8786）。需先 pip install 'jixiao[dask]'；输出与本机运行相同。",
    "Suppress findings recorded in this baseline file.": "不再报告此基线文件中已接受的发现。",
    "Record the current findings as accepted, in this file.": "把本次的发现记为已接受，写入此基线文件。",
    "List the findings a baseline suppressed (on stderr).": "列出被基线抑制的发现（写到标准错误）。",
    "Show which packs applied to each report and why (on stderr).": "说明每份报告适用了哪些规则包及原因（写到标准错误）。",
    "Fold another validator's SARIF 2.1.0 log into the results (repeatable).": "把其他审核工具的 SARIF 2.1.0 结果并入（可重复）。",
    "Run a plugin's aftercare step on every result, with this setting (repeatable; a name given twice gets a list).": "对每份结果运行插件提供的后处理步骤，并给出设置（可重复；同一名称给出多次时为列表）。",
    "Progress bar (default: on a terminal only, never in CI).": "进度条（默认只在终端上显示，CI 中不显示）。",
    "Largest input file read, in bytes.": "可读取的最大文件大小（字节）。",
    "Most characters of text read from a prose source (.txt, .md, .pdf, .docx).":
        "从文字类文件（.txt、.md、.pdf、.docx）最多读取的字符数。",
    "Seconds allowed per report (0: no limit).": "每份报告的检查时限（秒，0 为不限）。",
    "Bytes of memory a worker process may add while checking one report (0: no limit); more is an input finding. Worker processes only (--jobs 2 or more).":
        "检查一份报告时工作进程最多可增加的内存（字节，0 为不限），超出的报告记为无法读取；只限工作进程（--jobs 2 及以上）。",
    "A report file: JSON, YAML, or a prose source (.txt, .md, .pdf, .docx) where an extractor is installed.":
        "一份报告文件：JSON、YAML，或可读取的报告原文（.txt、.md、.pdf、.docx、.xlsx 等）。",
    "Language of the notes on stderr: zh (default) or en.": "标准错误上说明的语言：zh（默认）或 en。",
    "Which report of a compilation (汇编) to print: 1 (default) is the first, the others numbered in the compilation's order.":
        "输出汇编中的第几篇报告：默认 1（第一篇），其余按汇编中的顺序编号。",
    "Pack name or file (default: every available pack).": "规则包名称或文件（默认：全部可用规则包）。",
    "A rule id, e.g. NAT-ARITH-004.": "规则号，如 NAT-ARITH-004。",
    "Pack name or file to look in.": "在哪个规则包中查找（名称或文件）。",
    "Pack files or names to validate.": "要检查的规则包文件或名称。",
    "Pack files or names whose rule tests to run.": "要运行规则示例测试的规则包文件或名称。",
    "The new pack's name (lower case), e.g. qinglong.": "新规则包的名称（小写），如 qinglong。",
    "Pack(s) to extend (default: national).": "继承的规则包（默认：national）。",
    "File to write (default: NAME.yaml).": "写入的文件（默认：名称.yaml）。",
    "Overwrite an existing file.": "覆盖已有文件。",
    "report, rulepack or findings.": "report、rulepack 或 findings。",
    "A folder of packs: each is used for the reports its applies_to matches (repeatable).":
        "规则包文件夹：其中每个规则包用于适用范围（applies_to）与之相符的报告（可重复）。",
    "Read settings from this file instead of the jixiao.yaml found from the checked folder upwards.":
        "从此文件读取设置，而不用从被检查的文件夹向上找到的 jixiao.yaml。",
    "Use no configuration file.": "不使用任何配置文件。",
    "Diagnostics on stderr: full tracebacks, the time each stage took (also JIXIAO_DEBUG=1).":
        "在标准错误输出诊断信息：完整的出错调用栈、各阶段耗时（也可设环境变量 JIXIAO_DEBUG=1）。",
    "The folders or files you would check (default: the current folder).": "要检查的文件夹或文件（默认：当前文件夹）。",
    "Print the settings as JSON.": "以 JSON 格式显示设置。",
    # commands (their docstrings' first paragraph)
    "config": "显示 jixiao check 对这些路径会使用的设置，以及每项设置来自何处（配置文件哪一行，或默认值）。",
    "check": "审核报告并列出发现。每份报告的结论为：通过、有警告、有错误、未能检查、无法读取。退出码：0 没有达到 --fail-on 的发现；1 有；2 用法错误，或有报告无法读取、未能检查（不论 --fail-on）。",
    "extract": "显示从文件中读到的报告数据（JSON，每个数值注明出处），供核对和修改；读取中的说明（未找到的数据、前后不一致、扫描件）写到标准错误。",
    "list": "列出规则：规则号、严重程度、类型、标题和所属规则包。",
    "show": "显示一条规则检查什么、为什么、依据哪个文件、示例和参数。",
    "validate": "检查规则包（及其继承的规则包）：一次列出全部问题及所在文件、行、列；有问题时退出码为 2。",
    "kinds": "列出可用的规则类型（内置和插件提供的）及其参数。",
    "test": "运行规则包中各规则附带的示例报告（tests: {fail: […], pass: […]}）；有失败时退出码为 1。",
    "init-pack": "生成一个带注释的规则包模板：一条示例规则及其测试，以及注释掉的覆盖示例。",
    "plugins": "列出已加载的插件、来源及其提供的内容。",
    "schema": "显示一个公开的 JSON Schema（report、rulepack 或 findings）。",
    "version": "显示 jixiao 的版本号。",
}


def english() -> bool:
    return os.environ.get("JIXIAO_LANG", "").lower().startswith("en")


def h(text: str) -> str:
    """A help string in the language of the help (Chinese unless JIXIAO_LANG=en)."""
    return text if english() else HELP_ZH.get(text, text)


def localise_commands(*apps: typer.Typer) -> None:
    """Each command's help from its name (Chinese), else its docstring (English)."""
    for app in apps:
        for info in app.registered_commands:
            name = info.name or (info.callback.__name__.replace("_", "-") if info.callback else "")
            doc = (info.callback.__doc__ or "").strip() if info.callback else ""
            if english():
                info.help = info.help or doc
            else:
                info.help = HELP_ZH.get(name) or HELP_ZH.get(name.split("-")[-1]) or info.help or doc


BUILTIN_OPTIONS_ZH = {
    "help": "显示本帮助后退出。",
    "install_completion": "为当前使用的命令行（shell）安装自动补全。",
    "show_completion": "显示当前命令行（shell）的自动补全脚本，供复制或自行安装。",
}


def localise_builtin_options() -> None:
    """The options typer and click add themselves (--help, --install-completion, --show-completion) in Chinese
    too. They live in typer's internals, so where those change this does nothing and the options stay English."""
    if english():
        return
    try:
        import typer.main
        from typer._click import core as click_core
    except ImportError:  # pragma: no cover - another typer layout
        return
    original_help = getattr(click_core.Command, "get_help_option", None)
    original_completion = getattr(typer.main, "get_install_completion_arguments", None)
    if original_help is None or original_completion is None or getattr(original_help, "localised", False):
        return

    def get_help_option(self, ctx):  # type: ignore[no-untyped-def]
        option = original_help(self, ctx)
        if option is not None:
            option.help = BUILTIN_OPTIONS_ZH["help"]
        return option

    def get_install_completion_arguments():  # type: ignore[no-untyped-def]
        install, show = original_completion()
        install.help, show.help = BUILTIN_OPTIONS_ZH["install_completion"], BUILTIN_OPTIONS_ZH["show_completion"]
        return install, show

    get_help_option.localised = True  # type: ignore[attr-defined]
    click_core.Command.get_help_option = get_help_option  # type: ignore[method-assign]
    typer.main.get_install_completion_arguments = get_install_completion_arguments
