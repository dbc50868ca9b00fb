"""Checking a rule pack for every mistake in one run, each at file:line:column, in Chinese or English.

What is checked, besides the rule-pack schema:

- YAML syntax errors explained in plain words with the fix (full-width colon, tab indentation, a value
  starting with `>` `*` `&` `!` `@` or a backquote, bad indentation, an unclosed quote or bracket); after
  the first one, the other lines that show the same slips (full-width colons, tabs) are reported too;
- unknown keys anywhere, with "did you mean";
- every parameter that is a JSON Pointer (as the kind's parameter schema declares it: the pointer pattern
  of `jixiao.kit.POINTER`; for a kind that declares none, any string starting with `/`)
  walked through the report schema: a pointer that cannot exist is an error, with "did you mean";
- every `{name}` of a rule's messages against the names the kind fills in (`Kind.values`, plus the
  rule's `labels`); an unknown one is a warning: the rule works, but the message shows `{name}` as written;
- overrides by exact id, id prefix (`NAT-ARITH-*`) or category (`category:arithmetic`): exact beats
  prefix, a longer prefix beats a shorter one, a prefix beats a category; a selector that matches no rule
  is an error with "did you mean";
- an override that changes a rule's parameters re-runs the inherited rule tests: the ones that now fail
  are dropped with a note (the pack may give the rule its own `tests` in the override instead).

`jixiao.packs` calls `check_pack` when it reads a file and `apply_overrides` when it resolves `extends`;
`validate` (for `jixiao rules validate`) adds the pack's own rule tests.
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from functools import lru_cache
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal
from collections.abc import Iterable

if TYPE_CHECKING:  # the reference validator, and PyYAML, are imported only to explain a problem
    import jsonschema
    import jsonschema_rs
    import yaml

from .context import CONTEXT_VALUES
from . import pointer as jp
from . import validation as schemas
from .errors import InputError, PackError, PackProblem
from .i18n import lookup
from .registry import Kind
from .yamlsafe import Position, nearest

_POSITION = "第 {line} 行第 {column} 列："
_POSITION_EN = "line {line}, column {column}: "

MESSAGES: dict[str, dict[str, str]] = {
    "severity.warning": {"zh": "警告：", "en": "warning: "},
    "severity.info": {"zh": "提示：", "en": "note: "},
    # -- reading the file ----------------------------------------------------------------------------
    "file.unreadable": {"zh": "无法读取规则包（{detail}）", "en": "cannot read the pack: {detail}"},
    "file.too_large": {"zh": "规则包超过 {limit} 字节", "en": "pack larger than {limit} bytes"},
    "file.encoding": {"zh": "规则包必须是 UTF-8 编码的文本（{detail}）；请在编辑器中另存为 UTF-8",
                      "en": "a pack must be UTF-8 text ({detail})"},
    "file.empty": {"zh": "规则包是空的：至少需要 pack 和 version 两个键", "en": "the pack is empty: it needs at least `pack` and `version`"},
    # -- YAML syntax ---------------------------------------------------------------------------------
    "yaml.fullwidth_colon": {
        "zh": _POSITION + "冒号是全角的“：”，请改为半角“:”后加空格（如 severity: error）",
        "en": _POSITION_EN + "the colon is a full-width '：'; write a half-width ':' followed by a space (severity: error)"},
    "yaml.tab": {
        "zh": _POSITION + "用了制表符（Tab）缩进，YAML 只能用空格缩进；请把 Tab 换成空格（每一级两个空格）",
        "en": _POSITION_EN + "indented with a tab; YAML indents with spaces only: replace the tab with spaces (two per level)"},
    "yaml.indicator": {
        "zh": _POSITION + "值以“{char}”开头，YAML 会把它当作特殊符号而不是文字；请给整个值加引号，如 {example}",
        "en": _POSITION_EN + "the value starts with '{char}', which YAML reads as a special sign, not text; put the whole value in quotes, e.g. {example}"},
    "yaml.unclosed_quote": {
        "zh": _POSITION + "从这里开始的引号 {quote} 没有配对的结束引号；请在值的末尾补上 {quote}",
        "en": _POSITION_EN + "the quote {quote} opened here is never closed; add {quote} at the end of the value"},
    "yaml.unclosed_bracket": {
        "zh": _POSITION + "从这里开始的“{bracket}”没有闭合；请在末尾补上“{closing}”，并检查其中的逗号和引号",
        "en": _POSITION_EN + "the '{bracket}' opened here is never closed; add '{closing}' at its end and check the commas and quotes in it"},
    "yaml.colon_in_value": {
        "zh": _POSITION + "值里又出现了“: ”（冒号加空格），YAML 会把它当作新的键；请给整个值加引号",
        "en": _POSITION_EN + "the value contains ': ' (colon and space), which YAML reads as another key; put the whole value in quotes"},
    "yaml.indent": {
        "zh": _POSITION + "缩进不对：同一层的键必须从同一列开始，下一层比上一层多缩进两个空格；请把这一行与上下文对齐",
        "en": _POSITION_EN + "bad indentation: keys of one level start in the same column, a nested level two spaces further in; align this line with its neighbours"},
    "yaml.missing_colon": {
        "zh": _POSITION + "这一行不是“键: 值”的形式（没有半角冒号加空格）；请在键后写“: ”，如果它是上一行值的延续，请把整个值放进引号",
        "en": _POSITION_EN + "this line is not 'key: value' (no half-width colon and space); write ': ' after the key, or, if it continues the value above, put the whole value in quotes"},
    "yaml.escape": {
        "zh": _POSITION + "双引号中的反斜杠“\\”是转义符；请改用单引号，或把“\\”写成“\\\\”",
        "en": _POSITION_EN + "a backslash inside double quotes starts an escape; use single quotes, or write '\\\\'"},
    "yaml.tag": {
        "zh": _POSITION + "值以“!”开头，YAML 会把它当作类型标签；请给整个值加引号，如 {example}",
        "en": _POSITION_EN + "the value starts with '!', which YAML reads as a type tag; put the whole value in quotes, e.g. {example}"},
    "yaml.other": {"zh": _POSITION + "YAML 格式错误（{problem}）", "en": _POSITION_EN + "invalid YAML ({problem})"},
    "yaml.input": {"zh": "{detail}", "en": "{detail}"},
    "yaml.duplicate_key": {"zh": "键“{name}”在同一层重复出现；请删除或合并其中一个",
                           "en": "duplicate key '{name}'"},
    "yaml.unsupported_tag": {"zh": "不支持的 YAML 标签 {name}：规则包只能包含数据",
                             "en": "unsupported YAML tag {name}; packs hold data only"},
    # -- keys and the schema -------------------------------------------------------------------------
    "key.unknown": {"zh": "未知的键“{name}”", "en": "unknown key '{name}'"},
    "hint.did_you_mean": {"zh": "；您是不是要写“{name}”？", "en": "; did you mean '{name}'?"},
    "hint.allowed": {"zh": "（此处可用的键：{names}）", "en": " (keys allowed here: {names})"},
    "hint.quote_value": {"zh": "（这一行的值以“{char}”开头，YAML 把它当作特殊符号；请给值加引号）",
                         "en": " (the value on this line starts with '{char}', which YAML reads as a special sign: quote the value)"},
    "hint.id_pattern": {"zh": "；规则编号由大写字母、数字和连字符组成，如 NAT-ARITH-004、QL-RATE-001",
                        "en": "; a rule id is capital letters, digits and dashes, e.g. NAT-ARITH-004"},
    "hint.pack_pattern": {"zh": "；规则包名称只能用小写字母、数字、“-”“_”“.”，如 qinglong",
                          "en": "; a pack name is lower-case letters, digits, '-', '_' or '.', e.g. qinglong"},
    "hint.pointer_pattern": {"zh": "；字段指针以“/”开头，如 /projects_summary/execution_rate",
                             "en": "; a field pointer starts with '/', e.g. /projects_summary/execution_rate"},
    "schema.required": {"zh": "{zwhere}缺少必填项“{name}”", "en": "{where}{message}"},
    "schema.enum": {"zh": "{zwhere}“{value}”不是可选的值；应为其中之一：{options}", "en": "{where}{message}"},
    "schema.type": {"zh": "{zwhere}“{value}”应为{type}", "en": "{where}{message}"},
    "schema.pattern": {"zh": "{zwhere}“{value}”的格式不对", "en": "{where}{message}"},
    "schema.empty": {"zh": "{zwhere}不能为空", "en": "{where}{message}"},
    "schema.min_items": {"zh": "{zwhere}至少需要 {limit} 项", "en": "{where}{message}"},
    "schema.minimum": {"zh": "{zwhere}{value} 不能小于 {limit}", "en": "{where}{message}"},
    "schema.maximum": {"zh": "{zwhere}{value} 不能大于 {limit}", "en": "{where}{message}"},
    "schema.one_of_keys": {"zh": "{zwhere}以下各项需要且只能给出一个：{names}", "en": "{where}give exactly one of {names}"},
    "schema.any_of_keys": {"zh": "{zwhere}以下各项至少要给出一个：{names}", "en": "{where}give at least one of {names}"},
    "schema.other": {"zh": "{zwhere}写法不符合要求（{message}）", "en": "{where}{message}"},
    # -- rules ---------------------------------------------------------------------------------------
    "rule.duplicate": {"zh": "规则编号重复（第 {first} 条规则已使用）", "en": "duplicate rule id (first defined at rule #{first})"},
    "rule.unknown_kind": {"zh": "未知的规则类型“{name}”", "en": "unknown rule kind '{name}'"},
    "hint.known_kinds": {"zh": "（可用的类型：{names}）", "en": " (known: {names})"},
    "rule.too_many": {"zh": "一个规则包最多 {limit} 条规则", "en": "a pack may hold at most {limit} rules"},
    "rule.defined_above": {"zh": "规则编号已由规则包“{pack}”定义；要修改它请用 overrides",
                           "en": "rule id already defined by pack '{pack}'; change it with `overrides`"},
    "pointer.missing": {"zh": "“{param}”的字段指针 {pointer} 在报告中不可能存在：{parent} 下没有“{name}”",
                        "en": "'{param}': pointer {pointer} cannot exist in a report: there is no '{name}' under {parent}"},
    "pointer.leaf": {"zh": "“{param}”的字段指针 {pointer} 在报告中不可能存在：{parent} 是单个值，下面没有字段",
                     "en": "'{param}': pointer {pointer} cannot exist in a report: {parent} is a single value, with nothing under it"},
    "hint.pointer": {"zh": "；您是不是要写 {suggestion}？", "en": "; did you mean {suggestion}?"},
    "hint.fields": {"zh": "（此处可用：{names}）", "en": " (there: {names})"},
    "placeholder.unknown": {
        "zh": "{param}（{language}）中的占位符 {{{name}}} 不是规则类型“{kind}”提供的值，会按原样显示",
        "en": "{param} ({language}): placeholder {{{name}}} is not a value kind '{kind}' gives; it would be printed as written"},
    "hint.placeholder": {"zh": "；您是不是要写 {{{name}}}？", "en": "; did you mean {{{name}}}?"},
    "hint.placeholders": {"zh": "（可用：{names}）", "en": " (available: {names})"},
    "kind.prefix": {"zh": "规则类型 {kind} 的参数：", "en": "kind '{kind}': "},
    # -- extends and overrides -----------------------------------------------------------------------
    "extends.cycle": {"zh": "extends 形成循环：{cycle}", "en": "extends forms a cycle: {cycle}"},
    "extends.url": {"zh": "规则包只从本地文件读取，不会从网络获取：{name}",
                    "en": "packs are read from local files only, never fetched: {name}"},
    "extends.suffix": {"zh": "规则包文件名必须以 .yaml 或 .yml 结尾：{name}", "en": "a pack file must end in .yaml or .yml: {name}"},
    "extends.no_file": {"zh": "找不到规则包文件 {name}", "en": "no rule pack file {name}"},
    "extends.no_pack": {"zh": "没有名为“{name}”的规则包（可用：{available}）",
                        "en": "no rule pack named '{name}' (available: {available})"},
    "override.unknown_id": {"zh": "要覆盖的规则不存在：继承的规则包中没有这个编号",
                            "en": "override of a rule that no extended pack defines"},
    "override.no_prefix": {"zh": "选择器“{selector}”没有匹配任何继承的规则编号",
                           "en": "selector '{selector}' matches no rule id"},
    "override.no_category": {"zh": "没有类别为“{name}”的规则", "en": "no rule of category '{name}'"},
    "hint.categories": {"zh": "（已有的类别：{names}）", "en": " (categories: {names})"},
    "override.bad_selector": {
        "zh": "无法识别的覆盖选择器“{selector}”：应为规则编号（NAT-ARITH-004）、编号前缀加 *（NAT-ARITH-*）或 category:类别（category:arithmetic）",
        "en": "cannot read the override selector '{selector}': write a rule id (NAT-ARITH-004), an id prefix and * (NAT-ARITH-*) or category:NAME (category:arithmetic)"},
    "override.not_mapping": {"zh": "覆盖的内容应为“键: 值”映射，如 {{severity: warning}}",
                             "en": "an override is a mapping of changes, e.g. {{severity: warning}}"},
    "override.tests_need_id": {"zh": "只有按规则编号的覆盖可以给出 tests，前缀或类别选择器不行",
                               "en": "only an override by rule id may give `tests`, not a prefix or category selector"},
    "override.param_unused": {"zh": "参数“{name}”不适用于“{selector}”选中的任何规则",
                              "en": "parameter '{name}' applies to none of the rules '{selector}' selects"},
    "tests.dropped": {
        "zh": "继承的规则测试 {test}（{rule_id}）在您覆盖 {params} 后不再成立，已不再运行；如需要，请在这条覆盖中写自己的 tests",
        "en": "inherited test {test} of {rule_id} no longer applies after your override of {params}; it is dropped: write your own `tests` in this override if you need them"},
    "tests.failed": {"zh": "规则测试 {test} 未通过：{detail}", "en": "rule test {test} fails: {detail}"},
}

_ZH_TYPES = {"string": "文本", "integer": "整数", "number": "数字", "boolean": "true 或 false", "array": "列表",
             "object": "“键: 值”映射", "null": "空值"}
_INDICATORS = ">|*&!@`%"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_POINTER_PATTERN_START = "^(/"


# -- building problems ---------------------------------------------------------------------------

def problem(path: str, position: tuple[int | None, int | None], key: str, values: dict[str, Any] | None = None, *,
            hints: Iterable[tuple[str, dict[str, Any]]] = (), rule_id: str | None = None, severity: str = "error") -> PackProblem:
    parts = [(key, dict(values or {})), *hints]
    detail = "".join(lookup(MESSAGES, k, "en", **v) for k, v in parts)
    return PackProblem(path, position[0], position[1], detail, rule_id, severity=severity, parts=parts, table=MESSAGES)


def sorted_problems(problems: Iterable[PackProblem]) -> list[PackProblem]:
    unique: dict[tuple[str, int | None, int | None, str | None, str], PackProblem] = {}
    for item in problems:
        unique.setdefault((item.path, item.line, item.column, item.rule_id, item.detail), item)
    return sorted(unique.values(), key=lambda p: p.sort_key())


def has_errors(problems: Iterable[PackProblem]) -> bool:
    return any(p.severity == "error" for p in problems)


def _close(word: str, names: Iterable[str], n: int = 1) -> list[str]:
    names = [str(name) for name in names]
    import difflib  # (only to suggest a name)

    found = difflib.get_close_matches(word, names, n=n, cutoff=0.6)
    if not found:
        found = difflib.get_close_matches(word.lower(), names, n=n, cutoff=0.6)
    return found


def _did_you_mean(word: str, names: Iterable[str]) -> list[tuple[str, dict[str, Any]]]:
    close = _close(word, names)
    return [("hint.did_you_mean", {"name": close[0]})] if close else []


class _Places:
    """Positions of a pack's values and keys."""

    def __init__(self, positions: dict[str, Position], key_positions: dict[str, Position]):
        self.positions = positions
        self.keys = key_positions

    def value(self, pointer: str) -> tuple[int | None, int | None]:
        position = nearest(self.positions, pointer)
        return (position.line, position.column) if position else (None, None)

    def key(self, pointer: str) -> tuple[int | None, int | None]:
        position = self.keys.get(pointer)
        return (position.line, position.column) if position else self.value(pointer)


# -- YAML syntax ---------------------------------------------------------------------------------

def syntax_problems(path: str, text: str, error: InputError) -> list[PackProblem]:
    """A YAML error explained in plain words, plus the other lines showing the usual slips."""
    lines = text.splitlines()
    found: list[PackProblem] = []
    if error.key == "yaml_syntax":
        import yaml

        try:  # the pure-Python parser gives the same error with its context (where a quote opened)
            yaml.compose(text, Loader=yaml.SafeLoader)
            marked = None
        except yaml.MarkedYAMLError as exc:
            marked = exc
        except yaml.YAMLError:
            marked = None
        found.append(_explain(path, lines, marked, error))
    elif error.key == "bad_tag" and error.name and not error.name.startswith("tag:yaml.org") \
            and not error.name.startswith("!!") and error.line:
        found.append(problem(path, (error.line, error.column), "yaml.tag",
                             {"line": error.line, "column": error.column,
                              "example": _quoted_example(lines, error.line, error.column or 1)}))
    elif error.key == "bad_tag":
        found.append(problem(path, (error.line, error.column), "yaml.unsupported_tag", {"name": error.name}))
    elif error.key == "duplicate_key":
        found.append(problem(path, (error.line, error.column), "yaml.duplicate_key", {"name": error.name}))
    else:
        found.append(problem(path, (error.line, error.column), "yaml.input", {"detail": error.detail}))
    seen = {(p.line, p.parts[0][0]) for p in found}
    for item in scan_lines(path, lines, error.line):
        if (item.line, item.parts[0][0]) not in seen:
            found.append(item)
    return sorted_problems(found)


def _explain(path: str, lines: list[str], exc: yaml.MarkedYAMLError | None, error: InputError) -> PackProblem:
    if exc is None or exc.problem_mark is None:
        line, column = error.line or 1, error.column or 1
        return problem(path, (error.line, error.column), "yaml.other",
                       {"line": line, "column": column, "problem": error.detail.removeprefix("invalid YAML: ")})
    mark, context = exc.problem_mark, exc.context_mark
    line, column = mark.line + 1, mark.column + 1
    text = lines[mark.line] if mark.line < len(lines) else ""
    problem_text = exc.problem or ""
    context_text = exc.context or ""

    def at(key: str, where: tuple[int, int], **values: Any) -> PackProblem:
        return problem(path, where, key, {"line": where[0], "column": where[1], **values})

    # a tab in the indentation, or where a token should start
    tab_line = next((n for n in (mark.line, mark.line - 1) if 0 <= n < len(lines) and "\t" in _indent(lines[n])), None)
    if "'\\t'" in problem_text or tab_line is not None:
        n = tab_line if tab_line is not None else mark.line
        return at("yaml.tab", (n + 1, lines[n].index("\t") + 1 if "\t" in lines[n] else column))
    # a full-width colon on this line or the one above (a key the parser could not see)
    for n in (mark.line, mark.line - 1, context.line if context else -1):
        if 0 <= n < len(lines):
            col = _fullwidth_colon(lines[n], strict=False)
            if col is not None:
                return at("yaml.fullwidth_colon", (n + 1, col))
    if "unknown escape character" in problem_text or "expected escape sequence" in problem_text:
        return at("yaml.escape", (line, column))
    # a value starting with a sign YAML reserves
    if context is not None and context_text.startswith(("while scanning a block scalar", "while scanning an alias",
                                                        "while scanning an anchor", "while scanning a tag")):
        where = (context.line + 1, context.column + 1)
        return at("yaml.indicator", where, char=_token(lines, *where), example=_quoted_example(lines, *where))
    if "cannot start any token" in problem_text or problem_text.startswith("found undefined alias"):
        return at("yaml.indicator", (line, column), char=_token(lines, line, column),
                  example=_quoted_example(lines, line, column))
    if context is not None and "quoted scalar" in context_text:
        where = (context.line + 1, context.column + 1)
        return at("yaml.unclosed_quote", where, quote=_char(lines, *where) or '"')
    if context is not None and "flow" in context_text:
        where = (context.line + 1, context.column + 1)
        bracket = _char(lines, *where) or "["
        return at("yaml.unclosed_bracket", where, bracket=bracket, closing="]" if bracket == "[" else "}")
    quote_line = _odd_quotes(lines, mark.line)
    if quote_line is not None:
        n, col = quote_line
        return at("yaml.unclosed_quote", (n + 1, col + 1), quote=lines[n][col])
    if problem_text.startswith("mapping values are not allowed"):
        if _value_has_colon(text):
            return at("yaml.colon_in_value", (line, column))
        return at("yaml.indent", (line, _first_column(text)))
    if "could not find expected ':'" in problem_text:
        n = context.line if context is not None else mark.line
        return at("yaml.missing_colon", (n + 1, _first_column(lines[n]) if n < len(lines) else 1))
    if problem_text.startswith(("expected <block end>", "did not find expected key", "did not find expected '-'",
                                "expected a mapping", "found a tab")) or "block" in context_text:
        return at("yaml.indent", (line, _first_column(text)))
    return at("yaml.other", (line, column), problem=problem_text or context_text)


def scan_lines(path: str, lines: list[str], skip_line: int | None = None) -> list[PackProblem]:
    """Lines that show a tab in the indentation or a key with a full-width colon (outside block text)."""
    found = []
    block_indent: int | None = None
    for index, line in enumerate(lines):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" \t"))
        if block_indent is not None:
            if stripped and indent <= block_indent:
                block_indent = None
            else:
                continue
        if not stripped or stripped.startswith("#"):
            continue
        number = index + 1
        if "\t" in _indent(line) and number != skip_line:
            found.append(problem(path, (number, line.index("\t") + 1), "yaml.tab",
                                 {"line": number, "column": line.index("\t") + 1}))
        column = _fullwidth_colon(line, strict=True)
        if column is not None and number != skip_line:
            found.append(problem(path, (number, column), "yaml.fullwidth_colon", {"line": number, "column": column}))
        if re.search(r"(^|:\s|-\s)[|>][-+0-9]*\s*(#.*)?$", line.rstrip()):
            block_indent = indent
    return found


def _indent(line: str) -> str:
    return line[:len(line) - len(line.lstrip(" \t"))]


_KEY_FULLWIDTH = r"^(\s*(?:-\s+)?)([^\s:：#\"'{}\[\],]+?)\s*："  # (compiled on first use: rarely needed)


def _fullwidth_colon(line: str, strict: bool) -> int | None:
    """The column of a key's full-width colon (`severity： error`); strict: only for keys written in
    ASCII (a Chinese value line such as 主要包括：… is text, not a key)."""
    match = re.match(_KEY_FULLWIDTH, line)
    if not match:
        return None
    key = match.group(2)
    if strict and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.\-*]*", key):
        return None
    return match.end()  # 1-based column of the colon = index + 1 = end


def _token(lines: list[str], line: int, column: int) -> str:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    rest = text[column - 1:].split("#", 1)[0].strip()
    token = rest.split(" ", 1)[0] if rest else ""
    if re.fullmatch(r"[<>!=]=?", token):  # an operator: op: >=
        return token
    return token[:1] or "?"


def _char(lines: list[str], line: int, column: int) -> str:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return text[column - 1] if 0 < column <= len(text) else ""


def _quoted_example(lines: list[str], line: int, column: int) -> str:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    value = text[column - 1:].split(" #", 1)[0].strip()
    before = text[:column - 1].strip()
    quote = "'" if '"' in value else '"'
    return f"{before} {quote}{value}{quote}".strip()


def _first_column(line: str) -> int:
    return len(line) - len(line.lstrip(" \t")) + 1


def _value_has_colon(line: str) -> bool:
    body = line.split(" #", 1)[0]
    return body.lstrip(" -").count(": ") >= 2 or bool(re.search(r":\s.*:$", body.strip()))


def _odd_quotes(lines: list[str], upto: int) -> tuple[int, int] | None:
    """The last line at or before `upto` with an unpaired double quote: (index, column of the quote)."""
    for n in range(min(upto, len(lines) - 1), max(-1, upto - 40), -1):
        body = lines[n].split(" #", 1)[0] if '"' not in lines[n].split(" #", 1)[0] else lines[n]
        if body.lstrip().startswith("#"):
            continue
        quotes = [i for i, ch in enumerate(body) if ch == '"' and (i == 0 or body[i - 1] != "\\")]
        if len(quotes) % 2 == 1:
            return n, quotes[-1]
    return None


# -- the pack file -------------------------------------------------------------------------------

def check_pack(path: str, data: Any, positions: dict[str, Position], key_positions: dict[str, Position],
               kinds: dict[str, Kind], text: str = "") -> list[PackProblem]:
    """Every problem of one pack file that does not need the packs it extends, sorted by line."""
    from .packs import COMMON_RULE_KEYS, MAX_RULES

    places = _Places(positions, key_positions)
    lines = text.splitlines()
    found: list[PackProblem] = []
    if data is None:
        return [problem(path, (None, None), "file.empty")]
    for error in ([] if _fast_valid(None, data) else schemas.iter_reference_errors("rulepack", data)):
        if "propertyNames" in error.schema_path:
            continue  # an override selector: `apply_overrides` explains it
        rule_id = _rule_id_at(data, error.absolute_path)
        found += _schema_problems(path, places, lines, error, "", rule_id, allowed_extra=None)
    if not isinstance(data, dict):
        return sorted_problems(found)
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list):
        raw_rules = []
    if len(raw_rules) > MAX_RULES:
        found.append(problem(path, places.value("/rules"), "rule.too_many", {"limit": MAX_RULES}))
        return sorted_problems(found)
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_rules):
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            continue
        base = f"/rules/{index}"
        rule_id = raw["id"]
        if rule_id in seen:
            found.append(problem(path, places.value(base + "/id"), "rule.duplicate", {"first": seen[rule_id] + 1},
                                 rule_id=rule_id))
            continue
        seen[rule_id] = index
        if not isinstance(raw.get("kind"), str):
            continue
        kind = kinds.get(raw["kind"])
        if kind is None:
            hints = _did_you_mean(raw["kind"], kinds) or [("hint.known_kinds", {"names": ", ".join(sorted(kinds))})]
            found.append(problem(path, places.value(base + "/kind"), "rule.unknown_kind", {"name": raw["kind"]},
                                 hints=hints, rule_id=rule_id))
            continue
        params = {k: v for k, v in raw.items() if k not in COMMON_RULE_KEYS}
        found += param_problems(path, places, lines, kind, params, base, rule_id, COMMON_RULE_KEYS)
        found += pointer_problems(path, places, kind, params, base, rule_id)
        messages = {"message": raw.get("message")}
        found += placeholder_problems(path, places, kind, params, messages, base, rule_id)
    return sorted_problems(found)


def _rule_id_at(data: Any, path: Iterable[Any]) -> str | None:
    path = list(path)
    if len(path) >= 2 and path[0] == "rules" and isinstance(data, dict):
        try:
            rule_id = data["rules"][path[1]].get("id")
            return rule_id if isinstance(rule_id, str) else None
        except (IndexError, KeyError, TypeError, AttributeError):
            return None
    if len(path) >= 2 and path[0] == "overrides":
        return str(path[1])
    return None


_FAST: dict[tuple[Any, ...], jsonschema_rs.Validator | Literal[False]] = {}


def _fast_valid(kind: Kind | None, instance: Any) -> bool:
    """Whether `instance` is certainly valid (a pack against the rulepack schema, or a rule's parameters
    against its kind's schema), by jsonschema-rs; only what it rejects goes to the reference validator,
    which explains each problem. False where jsonschema-rs is unavailable or cannot compile the schema."""
    key = ("kind", kind.name, id(kind.params)) if kind is not None else ("rulepack",)
    validator = _FAST.get(key)
    if validator is None:
        try:
            import jsonschema_rs

            schema = {"type": "object", **kind.params} if kind is not None else schemas.load_schema("rulepack")
            validator = jsonschema_rs.validator_for(schema)
        except Exception:  # not installed, or a schema it cannot compile: the reference validator decides
            validator = False
        _FAST[key] = validator
    if validator is False:
        return False
    try:
        return bool(validator.is_valid(instance))
    except Exception:  # a value it cannot read (a Decimal, say): the reference validator decides
        return False


def param_problems(path: str, places: _Places, lines: list[str], kind: Kind, params: dict[str, Any], base: str,
                   rule_id: str | None, common: Iterable[str]) -> list[PackProblem]:
    """The rule's parameters against the schema its kind declares."""
    if _fast_valid(kind, params):
        return []
    import jsonschema

    schema = {"type": "object", **kind.params}
    validator_cls = jsonschema.validators.validator_for(schema)
    found = []
    for error in validator_cls(schema).iter_errors(params):
        found += _schema_problems(path, places, lines, error, base, rule_id, allowed_extra=set(common), kind=kind)
    return found


def _schema_problems(path: str, places: _Places, lines: list[str], error: jsonschema.ValidationError, base: str,
                     rule_id: str | None, allowed_extra: set[str] | None, kind: Kind | None = None) -> list[PackProblem]:
    tokens = [str(t) for t in error.absolute_path]
    pointer = base + jp.join(tokens)
    hints: list[tuple[str, dict[str, Any]]] = []
    prefix = [("kind.prefix", {"kind": kind.name})] if kind is not None else []
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        allowed = set(schema.get("properties", {}))
        patterns = list(schema.get("patternProperties", {}))
        at_rule_level = kind is not None and not tokens
        names = allowed | (allowed_extra or set() if at_rule_level else set())
        found = []
        for key in error.instance:
            if key in allowed or (at_rule_level and key in (allowed_extra or ())) \
                    or any(re.search(p, key) for p in patterns):
                continue
            hints = _did_you_mean(key, names) or ([("hint.allowed", {"names": ", ".join(sorted(names))})] if names else [])
            found.append(problem(path, places.key(f"{pointer}/{jp.escape(key)}"), "key.unknown", {"name": key},
                                 hints=hints, rule_id=rule_id))
        return found
    where = "/".join(tokens[2:] if base == "" and tokens[:1] in (["rules"], ["overrides"]) else tokens)
    values: dict[str, Any] = {"where": f"{where}: " if where else "", "message": error.message,
                              "zwhere": f"{where}：" if where else "", "value": _show(error.instance)}
    validator = error.validator
    expected: Any = error.validator_value  # the keyword's value in the schema: any JSON value
    if validator == "required" and isinstance(error.instance, dict):
        missing = [name for name in expected if name not in error.instance]
        key, values["name"] = "schema.required", "、".join(missing)
    elif validator == "enum":
        key, values["options"] = "schema.enum", "、".join(str(v) for v in expected)
    elif validator == "type":
        kinds_ = [expected] if isinstance(expected, str) else list(expected)
        key, values["type"] = "schema.type", "或".join(_ZH_TYPES.get(k, k) for k in kinds_)
    elif validator == "pattern":
        key = "schema.pattern"
        if str(expected).startswith("^[A-Z][A-Z0-9]*"):
            hints.append(("hint.id_pattern", {}))
        elif str(expected).startswith("^[a-z0-9]"):
            hints.append(("hint.pack_pattern", {}))
        elif str(expected).startswith(_POINTER_PATTERN_START):
            hints.append(("hint.pointer_pattern", {}))
    elif validator in ("minLength", "minProperties") or (validator == "minItems" and expected == 1):
        key = "schema.empty"
    elif validator == "minItems":
        key, values["limit"] = "schema.min_items", expected
    elif validator in ("minimum", "maximum"):
        key, values["limit"] = f"schema.{validator}", expected
    elif validator in ("oneOf", "anyOf") and all(isinstance(s, dict) and set(s) == {"required"} for s in expected):
        required = [name for s in expected for name in s["required"]]
        key, values["names"] = f"schema.{'one_of' if validator == 'oneOf' else 'any_of'}_keys", ", ".join(required)
    else:
        key = "schema.other"
    if isinstance(error.instance, (str, type(None))) and lines:
        line, column = places.value(pointer)
        char = _unquoted_indicator(lines, line, column)
        if char:
            hints.append(("hint.quote_value", {"char": char}))
    position = places.value(pointer)
    return [problem(path, position, "kind.prefix" if prefix else key, prefix[0][1] if prefix else values,
                    hints=([(key, values)] if prefix else []) + hints, rule_id=rule_id)]


def _unquoted_indicator(lines: list[str], line: int | None, column: int | None) -> str:
    """The reserved sign an unquoted value on this line starts with (`op: >`), or ""."""
    if not line or line > len(lines):
        return ""
    text = lines[line - 1]
    match = re.match(r"^\s*(?:-\s+)?[^\s:#]+:\s+(\S)", text)
    if match and match.group(1) in _INDICATORS:
        return match.group(1)
    return ""


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "…"
    text = "" if value is None else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


# -- pointers against the report schema ----------------------------------------------------------

def pointer_params(kind: Kind, params: dict[str, Any]) -> Iterable[tuple[str, str]]:
    """(where in the parameters, pointer) for every parameter value that is a JSON Pointer."""
    properties = kind.params.get("properties", {})
    if _declares_pointers(kind):
        for name, value in params.items():
            if name in properties:
                yield from _pointers_in(properties[name], value, "/" + jp.escape(name))
        return
    for name, value in params.items():  # not declared: the engine's guess, a string starting with /
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            if isinstance(item, str) and item.startswith("/") and len(item) > 1:
                yield ("/" + jp.escape(name) + (f"/{index}" if isinstance(value, list) else "")), item


def _declares_pointers(kind: Kind) -> bool:
    return _POINTER_PATTERN_START in repr(kind.params)


def _is_pointer_schema(schema: Any) -> bool:
    return isinstance(schema, dict) and str(schema.get("pattern", "")).startswith(_POINTER_PATTERN_START)


def _pointers_in(schema: Any, value: Any, where: str) -> Iterable[tuple[str, str]]:
    if not isinstance(schema, dict):
        return
    for alternative in schema.get("oneOf", []) + schema.get("anyOf", []):
        yield from _pointers_in(alternative, value, where)
    if isinstance(value, str) and _is_pointer_schema(schema):
        yield where, value
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            yield from _pointers_in(schema["items"], item, f"{where}/{index}")
    elif isinstance(value, dict):
        properties = schema.get("properties", {})
        for key, item in value.items():
            sub = properties.get(key, schema.get("additionalProperties"))
            yield from _pointers_in(sub, item, f"{where}/{jp.escape(key)}")


def pointer_problems(path: str, places: _Places, kind: Kind, params: dict[str, Any], base: str,
                     rule_id: str | None) -> list[PackProblem]:
    found = []
    seen = set()
    for where, pointer in pointer_params(kind, params):
        for concrete in _templated(pointer, params):
            if not concrete.startswith("/") or (where, concrete) in seen:
                continue
            seen.add((where, concrete))
            failure = walk_report_schema(concrete)
            if failure is None:
                continue
            found.append(_pointer_problem(path, places.value(base + where), where, concrete, failure, rule_id))
            break
    return found


def _templated(pointer: str, params: dict[str, Any]) -> list[str]:
    """A pointer with `{column}` (column_sum) for each of the rule's columns; other `{…}` as `*`."""
    columns = params.get("columns")
    if "{column}" in pointer and isinstance(columns, list) and columns:
        pointers = [pointer.replace("{column}", str(c)) for c in columns]
    else:
        pointers = [pointer]
    return [re.sub(r"\{\w+\}", "*", p) for p in pointers]


def _pointer_problem(path: str, position: tuple[int | None, int | None], where: str, pointer: str,
                     failure: tuple[int, tuple[str, ...], bool], rule_id: str | None) -> PackProblem:
    index, names, leaf = failure
    tokens = jp.split(pointer)
    parent_tokens = tokens[:index]
    parent = jp.join(parent_tokens) or "/"
    param = where.lstrip("/")
    hints: list[tuple[str, dict[str, Any]]] = []
    if not leaf:
        close = _close(tokens[index], names)
        if close:
            suggestion = jp.join([*parent_tokens, close[0], *tokens[index + 1:]])
            if walk_report_schema(suggestion) is not None:  # the rest is wrong too: name the step only
                suggestion = jp.join([*parent_tokens, close[0]])
            hints.append(("hint.pointer", {"suggestion": suggestion}))
        elif names:
            shown = sorted(names)
            hints.append(("hint.fields", {"names": ", ".join(shown[:12]) + (", …" if len(shown) > 12 else "")}))
    values = {"param": param, "pointer": pointer, "name": tokens[index] if index < len(tokens) else "",
              "parent": parent}
    return problem(path, position, "pointer.leaf" if leaf else "pointer.missing", values, hints=hints,
                   rule_id=rule_id)


@lru_cache(maxsize=4096)
def walk_report_schema(pointer: str) -> tuple[int, tuple[str, ...], bool] | None:
    """None when the pointer can address something in a report; else (index of the failing token, the
    names possible there, whether the parent is a single value with nothing under it)."""
    root = schemas.load_schema("report")
    current = [root]
    for index, token in enumerate(jp.split(pointer)):
        children: list[Any] = []
        names: set[str] = set()
        containers = False
        for schema in current:
            for alternative in _alternatives(schema, root):
                kids, keys, container = _children(alternative, token)
                children += kids
                names |= keys
                containers = containers or container
        if not children:
            return index, tuple(sorted(names)), not containers
        current = children
    return None


def _deref(schema: Any, root: dict[str, Any]) -> Any:
    for _ in range(20):
        if not isinstance(schema, dict) or "$ref" not in schema:
            return schema
        ref = schema["$ref"]
        if not ref.startswith("#/"):
            return {}
        target: Any = root
        for part in ref[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        schema = target
    return schema


def _alternatives(schema: Any, root: dict[str, Any]) -> list[Any]:
    schema = _deref(schema, root)
    if not isinstance(schema, dict):
        return [schema]
    found = [schema]
    for keyword in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(keyword, []):
            found += _alternatives(sub, root)
    return found


def _children(schema: Any, token: str) -> tuple[list[Any], set[str], bool]:
    """(schemas a child `token` may have, the names possible, whether the schema holds children at all)."""
    if schema is True or schema == {}:
        return [{}], set(), True
    if not isinstance(schema, dict) or schema is False:
        return [], set(), False
    types = schema.get("type")
    types = [types] if isinstance(types, str) else list(types or [])
    structural = {"properties", "additionalProperties", "patternProperties", "items", "propertyNames"}
    if not types and not (structural & set(schema)):
        if {"anyOf", "oneOf", "allOf"} & set(schema) or {"enum", "const", "pattern", "format"} & set(schema):
            return [], set(), False  # its alternatives say (an anyOf of number | string is a single value)
        return [{}], set(), True  # anything
    children: list[Any] = []
    names: set[str] = set()
    container = False
    is_object = "object" in types or (not types and {"properties", "additionalProperties", "patternProperties"} & set(schema))
    is_array = "array" in types or (not types and "items" in schema)
    if is_object:
        container = True
        properties = schema.get("properties", {})
        names |= set(properties)
        additional = schema.get("additionalProperties", True)
        patterns = schema.get("patternProperties", {})
        if token == jp.WILDCARD:
            children += list(properties.values()) + list(patterns.values())
            if additional is not False:
                children.append({} if additional is True else additional)
        elif token in properties:
            children.append(properties[token])
        else:
            matched = [sub for pattern, sub in patterns.items() if re.search(pattern, token)]
            children += matched
            if not matched and additional is not False:
                children.append({} if additional is True else additional)
    if is_array:
        container = True
        if token == jp.WILDCARD or token == "-" or token.isdigit():
            items = schema.get("items", {})
            children.append(items if isinstance(items, dict) else {})
    return children, names, container


# -- placeholders --------------------------------------------------------------------------------

def placeholder_problems(path: str, places: _Places, kind: Kind, params: dict[str, Any],
                         messages: dict[str, Any], base: str, rule_id: str | None) -> list[PackProblem]:
    """Every `{name}` of the rule's message (and of message parameters such as `order_message`) that
    the kind does not fill: a warning (the rule still works; the message would show `{name}`)."""
    if kind.values is None:
        return []
    labels = params.get("labels") if "labels" in kind.params.get("properties", {}) else None
    allowed = set(kind.values) | (set(labels) if isinstance(labels, dict) else set()) | CONTEXT_VALUES
    templates = dict(messages)
    for name, schema in kind.params.get("properties", {}).items():
        if _is_message_schema(schema) and name in params:
            templates[name] = params[name]
    found = []
    for name, message in templates.items():
        if not isinstance(message, dict):
            continue
        for lang in ("zh", "en"):
            template = message.get(lang)
            if not isinstance(template, str):
                continue
            for placeholder in dict.fromkeys(_PLACEHOLDER.findall(template)):
                if placeholder in allowed:
                    continue
                close = _close(placeholder, allowed)
                hints = [("hint.placeholder", {"name": close[0]})] if close else \
                    [("hint.placeholders", {"names": ", ".join("{" + v + "}" for v in sorted(allowed))})]
                found.append(problem(path, places.value(f"{base}/{name}/{lang}"), "placeholder.unknown",
                                     {"param": name, "language": lang, "name": placeholder, "kind": kind.name},
                                     hints=hints, rule_id=rule_id, severity="warning"))
    return found


def _is_message_schema(schema: Any) -> bool:
    return isinstance(schema, dict) and set(schema.get("properties", {})) == {"zh", "en"}


# -- extends and overrides -----------------------------------------------------------------------

def extends_problem(path: str, position: tuple[int | None, int | None], key: str, **values: Any) -> PackProblem:
    hints = []
    if key == "extends.no_pack":
        hints = _did_you_mean(values["name"], values.pop("names", []))
    values.pop("names", None)
    return problem(path, position, key, values, hints=hints)


def cycle_problem(pack: Any, cycle: str) -> PackProblem:
    places = _Places(pack.positions, getattr(pack, "key_positions", {}))
    return problem(pack.path, places.value("/extends"), "extends.cycle", {"cycle": cycle})


def defined_above(pack: Any, index: int, rule_id: str, owner: str) -> PackProblem:
    places = _Places(pack.positions, getattr(pack, "key_positions", {}))
    return problem(pack.path, places.value(f"/rules/{index}/id"), "rule.defined_above", {"pack": owner},
                   rule_id=rule_id)


def _selector(key: str) -> tuple[str, str] | None:
    """("id" | "prefix" | "category", value) of an override key, or None when it is none of them."""
    text = key.strip()
    if text.lower().startswith("category:"):
        name = text.split(":", 1)[1].strip()
        return ("category", name) if name else None
    if "*" in text:
        return ("prefix", text[:-1]) if text.endswith("*") and text.count("*") == 1 else None
    return "id", text


def apply_overrides(pack: Any, rules: dict[str, Any]) -> tuple[dict[str, Any], list[PackProblem]]:
    """The pack's `overrides` applied to the rules it inherits (and its own): by exact id, by prefix
    (`NAT-ARITH-*`) and by category (`category:arithmetic`). Exact beats prefix, a longer prefix beats a
    shorter one, a prefix beats a category. An override that changes parameters re-runs the inherited
    rule tests of the rule; those that now fail are dropped, with a note."""
    from .packs import OVERRIDE_COMMON_KEYS

    places = _Places(pack.positions, getattr(pack, "key_positions", {}))
    found: list[PackProblem] = []
    layers: dict[str, list[tuple[tuple[int, int], str, dict[str, Any]]]] = {rule_id: [] for rule_id in rules}
    categories = sorted({rule.category for rule in rules.values()})
    for key, changes in pack.overrides.items():
        at = places.key(f"/overrides/{jp.escape(key)}")
        selector = _selector(key)
        if not isinstance(changes, dict):
            continue  # the schema said so already
        if selector is None:
            found.append(problem(pack.path, at, "override.bad_selector", {"selector": key}))
            continue
        how, value = selector
        if how == "id":
            matched = [value] if value in rules else []
            if not matched:
                found.append(problem(pack.path, at, "override.unknown_id", {}, hints=_did_you_mean(value, rules),
                                     rule_id=key))
                continue
            rank = (2, 0)
        elif how == "prefix":
            matched = [rule_id for rule_id in rules if rule_id.startswith(value)]
            if not matched:
                prefixes = {rule_id[:i + 1] + "*" for rule_id in rules for i, ch in enumerate(rule_id) if ch == "-"}
                found.append(problem(pack.path, at, "override.no_prefix", {"selector": key},
                                     hints=_did_you_mean(key, prefixes)))
                continue
            rank = (1, len(value))
        else:
            matched = [rule_id for rule_id, rule in rules.items() if rule.category == value]
            if not matched:
                hints = _did_you_mean(value, categories) or [("hint.categories", {"names": ", ".join(categories)})]
                found.append(problem(pack.path, at, "override.no_category", {"name": value}, hints=hints))
                continue
            rank = (0, 0)
        if "tests" in changes and how != "id":
            found.append(problem(pack.path, places.key(f"/overrides/{jp.escape(key)}/tests"), "override.tests_need_id"))
            changes = {k: v for k, v in changes.items() if k != "tests"}
        params = [name for name in changes if name not in OVERRIDE_COMMON_KEYS and name != "tests"]
        if how != "id":  # a selector's parameter applies to the rules whose kind takes it
            for name in params:
                if not any(_takes(rules[rule_id], name) for rule_id in matched):
                    names = set(OVERRIDE_COMMON_KEYS) | {p for rule_id in matched for p in _param_names(rules[rule_id])}
                    found.append(problem(pack.path, places.key(f"/overrides/{jp.escape(key)}/{jp.escape(name)}"),
                                         "key.unknown", {"name": name}, hints=_did_you_mean(name, names)))
        for rule_id in matched:
            layers[rule_id].append((rank, key, changes))
    result = dict(rules)
    for rule_id, entries in layers.items():
        if not entries:
            continue
        rule = rules[rule_id]
        merged: dict[str, Any] = {}
        keys = []
        for rank, key, changes in sorted(entries, key=lambda e: e[0]):
            selected = {name: value for name, value in changes.items()
                        if rank[0] == 2 or name in OVERRIDE_COMMON_KEYS or _takes(rule, name)}
            if "message" in selected and isinstance(selected["message"], dict) and isinstance(merged.get("message"), dict):
                selected["message"] = {**merged["message"], **selected["message"]}
            merged.update(selected)
            keys.append(key)
        key = keys[-1]
        base = f"/overrides/{jp.escape(key)}"
        found += _override_checks(pack, places, rule, merged, base)
        result[rule_id] = _overridden(pack, places, rule, merged, keys, found)
    return result, found


def _takes(rule: Any, name: str) -> bool:
    return rule.kind_impl is None or name in _param_names(rule)


def _param_names(rule: Any) -> set[str]:
    return set((rule.kind_impl.params if rule.kind_impl else {}).get("properties", {}))


def _override_checks(pack: Any, places: _Places, rule: Any, changes: dict[str, Any], base: str) -> list[PackProblem]:
    from .packs import OVERRIDE_COMMON_KEYS

    kind = rule.kind_impl
    if kind is None:
        return []
    params = copy.deepcopy(rule.params)
    params.update({k: v for k, v in changes.items() if k not in OVERRIDE_COMMON_KEYS and k != "tests"})
    lines: list[str] = []
    found = param_problems(pack.path, places, lines, kind, params, base, rule.id, set(OVERRIDE_COMMON_KEYS) | {"tests"})
    changed = {k: v for k, v in params.items() if rule.params.get(k) != v}
    found += pointer_problems(pack.path, places, kind, changed, base, rule.id) if changed else []
    if "message" in changes or changed:
        message = {**rule.message, **changes["message"]} if isinstance(changes.get("message"), dict) else None
        found += placeholder_problems(pack.path, places, kind, changed, {"message": message} if message else {},
                                      base, rule.id)
    return found


def _overridden(pack: Any, places: _Places, rule: Any, changes: dict[str, Any], keys: list[str],
                found: list[PackProblem]) -> Any:
    from .packs import OVERRIDE_COMMON_KEYS, _apply_override

    own_tests = changes.get("tests")
    plain = {k: v for k, v in changes.items() if k != "tests"}
    overridden, _ = _apply_override(rule, plain, pack.name)
    if isinstance(own_tests, dict):
        return replace(overridden, tests=dict(own_tests))
    changed = sorted(k for k, v in plain.items() if k not in OVERRIDE_COMMON_KEYS and rule.params.get(k) != v)
    if not changed or not rule.tests or has_errors(found):
        return overridden
    return replace(overridden, tests=_still_valid_tests(pack, places, overridden, changed, keys, found))


def _still_valid_tests(pack: Any, places: _Places, rule: Any, changed: list[str], keys: list[str],
                       found: list[PackProblem]) -> dict[str, Any]:
    """The inherited tests that still hold for the overridden rule; a note for each one dropped."""
    from .ruletests import PlainRunner, run_one

    runner = PlainRunner()
    kept: dict[str, Any] = {}
    key = keys[-1]
    for expectation in ("fail", "pass"):
        examples = rule.tests.get(expectation) or []
        kept[expectation] = []
        for index, fragment in enumerate(examples):
            outcome = run_one(runner, rule, expectation, index, fragment) if isinstance(fragment, dict) else None
            if outcome is not None and outcome.ok:
                kept[expectation].append(fragment)
                continue
            found.append(problem(pack.path, places.key(f"/overrides/{jp.escape(key)}"), "tests.dropped",
                                 {"test": f"{expectation}[{index}]", "rule_id": rule.id, "params": ", ".join(changed)},
                                 rule_id=rule.id, severity="info"))
    return {k: v for k, v in kept.items() if v}


# -- jixiao rules validate -----------------------------------------------------------------------

def validate(library: Any, name: str) -> tuple[Any, list[PackProblem]]:
    """(the resolved pack or None, every problem): what `jixiao rules validate` prints. Besides what
    loading finds, the rule tests the pack itself declares are run; a failing one is an error."""
    from .ruletests import PlainRunner, run_one

    try:
        resolved = library.resolve(name)
    except PackError as exc:
        return None, sorted_problems(exc.problems)
    found = list(resolved.problems)
    pack = resolved.pack
    places = _Places(pack.positions, getattr(pack, "key_positions", {}))
    runner = PlainRunner()
    for rule in resolved.rules.values():
        if rule.pack == pack.name and rule.source:
            base = rule.source + "/tests"
        elif rule.changed_by == pack.name and isinstance((pack.overrides.get(rule.id) or {}).get("tests"), dict):
            base = f"/overrides/{jp.escape(rule.id)}/tests"
        else:
            continue
        for expectation in ("fail", "pass"):
            for index, fragment in enumerate(rule.tests.get(expectation) or []):
                if not isinstance(fragment, dict):
                    continue
                outcome = run_one(runner, rule, expectation, index, fragment)
                if not outcome.ok:
                    found.append(problem(pack.path, places.value(f"{base}/{expectation}/{index}"), "tests.failed",
                                         {"test": f"{expectation}[{index}]", "detail": outcome.detail},
                                         rule_id=rule.id))
    return resolved, sorted_problems(found)


SUMMARY: dict[str, dict[str, str]] = {
    "ok": {"zh": "{name}：通过 — 规则包 {pack} {version}，共 {rules} 条规则{extends}{notes}",
           "en": "{name}: OK — pack {pack} {version}, {rules} rules{extends}{notes}"},
    "extends": {"zh": "（继承 {names}）", "en": " (extends {names})"},
    "notes": {"zh": "；{count} 条提示", "en": "; {count} note(s)"},
    "loads": {"zh": "{name}：规则包可以加载，但有 {errors} 个错误、{warnings} 个警告；请按上面的行号逐一修改后重新运行 jixiao rules validate",
              "en": "{name}: the pack loads, but has {errors} error(s) and {warnings} warning(s); fix them at the lines "
                    "shown above and run `jixiao rules validate` again"},
    "broken": {"zh": "{name}：发现 {count} 个问题，规则包无法使用；请按上面的行号逐一修改后重新运行 jixiao rules validate",
               "en": "{name}: {count} problem(s); the pack cannot be used: fix them at the lines shown above and run "
                     "`jixiao rules validate` again"},
}


def pack_summary(name: str, resolved: Any, problems: list[PackProblem], lang: str = "zh") -> str:
    """The last line `jixiao rules validate` prints for one pack."""
    if resolved is None:
        return lookup(SUMMARY, "broken", lang, name=name, count=len(problems))
    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    if errors or warnings:
        return lookup(SUMMARY, "loads", lang, name=name, errors=errors, warnings=warnings)
    notes = len(problems)
    sep = "、" if lang == "zh" else ", "
    return lookup(SUMMARY, "ok", lang, name=name, pack=resolved.name, version=resolved.pack.version,
                  rules=len(resolved.rules),
                  extends=lookup(SUMMARY, "extends", lang, names=sep.join(resolved.ancestors)) if resolved.ancestors else "",
                  notes=lookup(SUMMARY, "notes", lang, count=notes) if notes else "")
