"""A bureau's settings in a file: `jixiao.yaml` (or `[tool.jixiao]` in `pyproject.toml`), found from the
checked folder upwards, so a folder of reports checks itself the way the bureau decided.

Every key is the name of a `jixiao check` option without its dashes (`fail-on: warning`, `packs: [...]`,
`pack-dir: [...]`); the command line wins over the file, the file over jixiao's defaults. Paths in the file
(packs named by file, pack folders) are relative to the file's folder. The file holds settings only:
nothing in it is executed, and it cannot load a Python plugin (that stays a command-line decision).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from collections.abc import Iterable

from .errors import InputError
from .i18n import lookup
from .textdecode import decode

CONFIG_FILES = ("jixiao.yaml", "jixiao.yml", "pyproject.toml")
MAX_CONFIG_BYTES = 1 << 20

# key → (kind, choices). Kinds: "names" (a list of strings; one string is a list of one), "choice",
# "int" (≥ 0), "number" (≥ 0), "size" (≥ 1).
KEYS: dict[str, tuple[str, tuple[str, ...]]] = {
    "packs": ("names", ()),
    "pack-dir": ("names", ()),
    "select": ("names", ()),
    "ignore": ("names", ()),
    "fail-on": ("choice", ("error", "warning", "info", "never")),
    "lang": ("choice", ("zh", "en")),
    "format": ("text", ()),
    "min-evaluated": ("int", ()),
    "jobs": ("int", ()),
    "max-bytes": ("size", ()),
    "max-text-chars": ("size", ()),
    "timeout": ("number", ()),
    "max-memory": ("int", ()),
}
ALIASES = {"pack": "packs", "pack-dirs": "pack-dir", "language": "lang"}
PATH_KEYS = ("packs", "pack-dir")

MESSAGES: dict[str, dict[str, str]] = {
    "unknown_key": {"zh": "配置项“{key}”不存在（可用的配置项：{keys}）",
                    "en": "no setting '{key}' (settings: {keys})"},
    "unknown_key_close": {"zh": "配置项“{key}”不存在，您是不是要写“{name}”？", "en": "no setting '{key}'; did you mean '{name}'?"},
    "not_mapping": {"zh": "配置文件应当是“配置项: 值”的映射，例如 fail-on: warning",
                    "en": "a configuration file is a mapping of settings, e.g. fail-on: warning"},
    "names": {"zh": "“{key}”应为一个名称或名称列表，例如 [NAT-ARITH, dates]",
              "en": "'{key}' takes a name or a list of names, e.g. [NAT-ARITH, dates]"},
    "choice": {"zh": "“{key}”只能是 {choices} 之一，这里是 {value}",
               "en": "'{key}' is one of {choices}, not {value}"},
    "text": {"zh": "“{key}”应为一个名称，例如 text", "en": "'{key}' takes a name, e.g. text"},
    "int": {"zh": "“{key}”应为不小于 0 的整数，这里是 {value}", "en": "'{key}' takes a whole number ≥ 0, not {value}"},
    "size": {"zh": "“{key}”应为正整数，这里是 {value}", "en": "'{key}' takes a whole number ≥ 1, not {value}"},
    "number": {"zh": "“{key}”应为不小于 0 的秒数，这里是 {value}", "en": "'{key}' takes a number of seconds ≥ 0, not {value}"},
    "full_width_colon": {"zh": "冒号是全角的“：”，YAML 不认；请改为半角“:”并在后面加一个空格，例如 fail-on: warning",
                         "en": "this colon is the full-width '：', which YAML does not read; write ':' followed by a space, e.g. fail-on: warning"},
    "toml": {"zh": "pyproject.toml 格式错误（{detail}）", "en": "invalid pyproject.toml ({detail})"},
    "too_large": {"zh": "配置文件过大（超过 1 MB），不像是 jixiao 的配置",
                  "en": "the configuration file is over 1 MB: not a jixiao configuration"},
    "not_found": {"zh": "没有这个配置文件", "en": "no such configuration file"},
    # jixiao config
    "file": {"zh": "配置文件：{path}", "en": "configuration file: {path}"},
    "no_file": {"zh": "配置文件：无（从 {start} 向上未找到 jixiao.yaml，也没有含 [tool.jixiao] 的 pyproject.toml）",
                "en": "configuration file: none (no jixiao.yaml, nor a pyproject.toml with [tool.jixiao], from {start} upwards)"},
    "ignored": {"zh": "配置文件：不使用（--no-config）", "en": "configuration file: not used (--no-config)"},
    "head": {"zh": "配置项|取值|来源", "en": "setting|value|from"},
    "from_default": {"zh": "默认值", "en": "default"},
    "no_packs": {"zh": "（无：按各报告的地区、年度自动选择）", "en": "(none: chosen by each report's region and year)"},
    "no_select": {"zh": "（无：全部规则）", "en": "(none: every rule)"},
    "empty": {"zh": "（无）", "en": "(none)"},
    "jobs_auto": {"zh": "0（每个处理器核一个进程）", "en": "0 (one process per core)"},
    "from_file": {"zh": "配置文件 {where}", "en": "configuration {where}"},
    "from_command_line": {"zh": "命令行 --{key}", "en": "command line --{key}"},
    "from_environment": {"zh": "环境变量 {name}", "en": "environment {name}"},
    "in_use": {"zh": "jixiao：使用配置文件 {path}", "en": "jixiao: using the configuration in {path}"},
}


def message(name: str, lang: str = "zh", /, **values: Any) -> str:
    return lookup(MESSAGES, name, lang, **values)


class ConfigError(InputError):
    """A configuration file that cannot be used: the file, the line and what to write instead."""

    def __init__(self, path: str, line: int | None, column: int | None, key: str, lang_values: dict[str, Any]):
        self.message_key, self.values = key, lang_values
        super().__init__(path, line, column, message(key, "en", **lang_values))

    def render(self, lang: str = "zh") -> str:
        return f"{self.where()}：{message(self.message_key, lang, **self.values)}" if lang == "zh" \
            else f"{self.where()}: {message(self.message_key, lang, **self.values)}"


@dataclass
class Config:
    """The settings read from one file (empty when there is none), each with the line it stood on."""

    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    def where(self, key: str) -> str:
        if self.path is None:
            return ""
        line = self.lines.get(key)
        return f"{self.path}:{line}" if line else f"{self.path} [tool.jixiao] {key}"


def start_folder(paths: Iterable[str]) -> Path:
    """Where the search for a configuration starts: the folder the checked paths have in common (the
    current folder for standard input or URLs)."""
    local = [os.path.abspath(p) for p in paths if p != "-" and "://" not in p]
    if not local:
        return Path.cwd()
    folders = [p if os.path.isdir(p) else os.path.dirname(p) for p in local]
    try:
        return Path(os.path.commonpath(folders))
    except ValueError:  # different drives
        return Path(folders[0])


def find_config(start: Path) -> Path | None:
    """The nearest `jixiao.yaml`/`jixiao.yml`, or `pyproject.toml` holding `[tool.jixiao]`, in `start` or above."""
    for folder in [start, *start.parents]:
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml" or _has_tool_table(candidate):
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(MAX_CONFIG_BYTES)
    except OSError:
        return False
    return b"[tool.jixiao]" in head


def load_config(path: Path) -> Config:
    """Read and check one configuration file; every problem is a `ConfigError` naming the line."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        raise ConfigError(str(path), None, None, "not_found", {}) from None
    except OSError as exc:
        raise InputError(str(path), None, None, exc.strerror or str(exc)) from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(str(path), None, None, "too_large", {})
    if path.name == "pyproject.toml":
        import tomllib

        try:
            table = tomllib.loads(data.decode("utf-8")).get("tool", {}).get("jixiao", {})
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(str(path), None, None, "toml", {"detail": str(exc)}) from None
        lines = _toml_lines(data.decode("utf-8", "replace"))
    else:
        from .yamlsafe import load_yaml

        text = decode(data, str(path))
        _refuse_full_width_colons(path, text)
        table, positions = load_yaml(text, str(path))
        table = {} if table is None else table
        lines = {pointer[1:]: position.line for pointer, position in positions.items() if pointer.count("/") == 1}
    if not isinstance(table, dict):
        raise ConfigError(str(path), 1, 1, "not_mapping", {})
    config = Config(path=path)
    for raw_key, value in table.items():
        key = str(raw_key).replace("_", "-")
        key = ALIASES.get(key, key)
        line = lines.get(str(raw_key))
        if key not in KEYS:
            import difflib

            close = difflib.get_close_matches(key, [*KEYS, *ALIASES], n=1, cutoff=0.6)
            if close:
                raise ConfigError(str(path), line, 1, "unknown_key_close",
                                  {"key": raw_key, "name": ALIASES.get(close[0], close[0])})
            raise ConfigError(str(path), line, 1, "unknown_key", {"key": raw_key, "keys": ", ".join(KEYS)})
        config.values[key] = _checked(path, line, key, value)
        if line:
            config.lines[key] = line
    for key in PATH_KEYS:
        if key in config.values:
            config.values[key] = [_relative_to(path.parent, name, key) for name in config.values[key]]
    return config


def _refuse_full_width_colons(path: Path, text: str) -> None:
    """A key written `fail-on： warning` parses as plain text; say what is wrong instead."""
    for number, line in enumerate(text.splitlines(), 1):
        body = line.split("#", 1)[0]
        colon = body.find("：")
        if colon >= 0 and ":" not in body[:colon] and not body.lstrip().startswith(("'", '"', "-")):
            raise ConfigError(str(path), number, colon + 1, "full_width_colon", {})


def _checked(path: Path, line: int | None, key: str, value: Any) -> Any:
    kind, choices = KEYS[key]
    where = (str(path), line, 1)
    if kind == "names":
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            raise ConfigError(*where, "names", {"key": key})
        return [n.strip() for n in names]
    if kind == "choice":
        if value not in choices:
            raise ConfigError(*where, "choice", {"key": key, "choices": " / ".join(choices), "value": value})
        return value
    if kind == "text":
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(*where, "text", {"key": key})
        return value.strip()
    from decimal import Decimal

    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise ConfigError(*where, kind, {"key": key, "value": value})
    if kind in ("int", "size") and (value != int(value) or value < (1 if kind == "size" else 0)):
        raise ConfigError(*where, kind, {"key": key, "value": value})
    if kind == "number":
        if value < 0 or value != value:
            raise ConfigError(*where, kind, {"key": key, "value": value})
        return float(value)
    return int(value)


def _relative_to(folder: Path, name: str, key: str) -> str:
    """A pack folder, or a pack named by file, relative to the configuration's folder; a pack name stays a name."""
    looks_like_path = key == "pack-dir" or name.endswith((".yaml", ".yml")) or "/" in name or "\\" in name
    if not looks_like_path or "://" in name or os.path.isabs(name):
        return name
    return str((folder / name).resolve())


def _toml_lines(text: str) -> dict[str, int]:
    """The line of each key directly under `[tool.jixiao]` (tomllib gives no positions)."""
    lines: dict[str, int] = {}
    inside = False
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if stripped.startswith("["):
            inside = stripped.replace(" ", "") == "[tool.jixiao]"
            continue
        if inside and "=" in stripped and not stripped.startswith("#"):
            key = stripped.split("=", 1)[0].strip().strip('"').strip("'")
            lines.setdefault(key, number)
    return lines


def locate(paths: Iterable[str], explicit: str | None = None, disabled: bool = False) -> tuple[Config, Path]:
    """The configuration in effect for a run over `paths`: the file named with --config, else the nearest
    one found upwards from the paths' common folder, else none (`--no-config`: none)."""
    start = start_folder(list(paths))
    if disabled:
        return Config(), start
    if explicit:
        return load_config(Path(explicit).resolve()), start
    found = find_config(start)
    return (load_config(found) if found is not None else Config()), start
