"""Loading plugins (entry points and plain files) and collecting what they register."""

from __future__ import annotations

import functools
import importlib.machinery
import importlib.util
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from collections.abc import Callable, Iterable, Iterator, Sequence

import pluggy

from . import hookspecs
from .i18n import lookup
from .registry import Aftercare, Extractor, Formatter, Kind
from .timelimit import ReportTimeout, ctrl_c_is_keyboard_interrupt, time_limit

ENTRY_POINT_GROUP = "jixiao"
PLUGIN_LOAD_SECONDS = 30.0  # importing one plugin, or one registration hook: a plugin that hangs is skipped
# what loading a plugin may raise and still leave the others loading: any exception, sys.exit(), a
# KeyboardInterrupt raised by its code, the load time limit (a real Ctrl-C is `Interrupted` and passes)
_CONTAINED = (Exception, SystemExit, KeyboardInterrupt, ReportTimeout)


def _failure(exc: BaseException) -> str:
    """What went wrong, for `jixiao plugins`; a KeyboardInterrupt that may be the user's Ctrl-C goes on up."""
    if isinstance(exc, KeyboardInterrupt) and ctrl_c_is_keyboard_interrupt():
        raise exc
    if isinstance(exc, ReportTimeout):
        return f"did not load within {PLUGIN_LOAD_SECONDS:g} s"
    return f"{type(exc).__name__}: {exc}"


PROBLEMS: dict[str, dict[str, str]] = {
    "unknown_hook": {"zh": "{plugin}：实现了不存在的钩子 {hook}{hint}；该钩子不会被调用",
                     "en": "{plugin}: implements {hook}, which is no jixiao hook{hint}; it is never called"},
    "hint": {"zh": "（是不是 {suggestion}？）", "en": " (did you mean {suggestion}?)"},
    "bad_hookimpl": {"zh": "{plugin}：钩子实现有误：{detail}", "en": "{plugin}: a hook implementation is wrong: {detail}"},
    "hook_failed": {"zh": "{plugin}：{hook} 执行失败：{detail}", "en": "{plugin}: {hook} failed: {detail}"},
    "duplicate": {"zh": "{plugin}：{what} “{name}” 已由其他插件注册，本插件的未使用",
                  "en": "{plugin}: {what} '{name}' is already registered"},
    "not_a": {"zh": "{plugin}：{hook} 返回了 {got}，不是 {expected}，已忽略",
              "en": "{plugin}: {hook} returned {got}, not a {expected}; ignored"},
    "bad_schema": {"zh": "{plugin}：规则类型 {name} 的参数模式（params）不是有效的 JSON Schema：{detail}；该规则类型未注册",
                   "en": "{plugin}: kind {name}: its parameter schema (params) is not a valid JSON Schema: {detail}; the kind is not registered"},
    "no_check": {"zh": "{plugin}：规则类型 {name} 既没有 compile 也没有 check；该规则类型未注册",
                 "en": "{plugin}: kind {name} has neither compile nor check; the kind is not registered"},
}


class PluginProblem(str):
    """A problem with a plugin: the text is Chinese; `render("en")` gives it in English."""

    key: str
    values: dict[str, Any]

    def __new__(cls, key: str, **values: Any) -> PluginProblem:
        problem = super().__new__(cls, _render(key, "zh", values))
        problem.key, problem.values = key, values
        return problem

    def render(self, lang: str = "zh") -> str:
        return _render(self.key, lang, self.values)


def _render(key: str, lang: str, values: dict[str, Any]) -> str:
    suggestion = values.get("suggestion")
    hint = lookup(PROBLEMS, "hint", lang, suggestion=suggestion) if suggestion else ""
    return lookup(PROBLEMS, key, lang, **{**values, "hint": hint})


def _unknown_hooks(manager: pluggy.PluginManager, plugin: Any, plugin_name: str) -> list[PluginProblem]:
    """The hooks a plugin implements that no hookspec declares (a misspelt name), as `check_pending`
    finds them, each with the closest hook name."""
    try:
        manager.check_pending()
    except pluggy.PluginValidationError:
        pass
    else:
        return []
    known = sorted(name for name in dir(hookspecs) if name.startswith("jixiao_"))
    found = []
    for name, caller in sorted(vars(manager.hook).items()):
        if getattr(caller, "spec", None) is not None or not hasattr(caller, "get_hookimpls"):
            continue
        for impl in caller.get_hookimpls():
            if impl.plugin is plugin and not impl.optionalhook:
                import difflib  # (only to suggest a name)

                close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
                found.append(PluginProblem("unknown_hook", plugin=plugin_name, hook=name,
                                           suggestion=close[0] if close else ""))
    return found


@dataclass
class PluginInfo:
    name: str
    origin: str  # "entry point <dist>" or a file path
    module: str | None = None
    error: str | None = None
    registered_as: str = ""
    provides: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Plugins:
    manager: pluggy.PluginManager
    kinds: dict[str, Kind]
    extractors: list[Extractor]
    formatters: dict[str, Formatter]
    pack_paths: list[Path]
    info: list[PluginInfo]
    problems: list[str]
    aftercare: dict[str, Aftercare] = field(default_factory=dict)

    def extractor_for(self, path: str) -> Extractor | None:
        """The extractor claiming the longest matching suffix (`.report.json` beats `.json`); first registered wins a tie."""
        lowered = path.lower()
        matches = [(len(suffix), -index, extractor) for index, extractor in enumerate(self.extractors)
                   for suffix in extractor.suffixes if lowered.endswith(suffix)]
        return max(matches, key=lambda m: (m[0], m[1]))[2] if matches else None

    @property
    def suffixes(self) -> set[str]:
        return {suffix for extractor in self.extractors for suffix in extractor.suffixes}


def _load_file_plugin(path: str) -> Any:
    file = Path(path)
    module_name = f"jixiao_local_plugin_{file.stem}_{abs(hash(str(file.resolve()))) % 10**8}"
    spec = importlib.util.spec_from_file_location(module_name, file)
    if spec is None or spec.loader is None:
        raise ImportError(f"not a Python file: {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(module_name, None)
        raise
    return module


# -- entry points -----------------------------------------------------------------------------------------
# importlib.metadata costs about 15 ms at every start: it imports the email package to read distributions'
# metadata and walks them through pathlib. In the usual layout (distributions found only by the path finder,
# in folders on sys.path) the same entry points are read here, by the same rules, straight from the
# `*.dist-info`/`*.egg-info` folders; any other layout is left to importlib.metadata itself.

_DIST_SUFFIXES = (".dist-info", ".egg-info")
_EP_VALUE = r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$"  # EntryPoint.pattern


class _Distribution:
    """What build_plugins reads of an importlib.metadata.Distribution: its name."""

    def __init__(self, path: str):
        self.path = path

    @property
    def name(self) -> Any:
        text = _read_text(os.path.join(self.path, "METADATA")) or _read_text(os.path.join(self.path, "PKG-INFO"))
        name = _metadata_name(text) if text else None
        if name is not None:
            return name
        from importlib import metadata  # anything less plain: as importlib.metadata reads it

        return metadata.PathDistribution(Path(self.path)).name


class _EntryPoint:
    """An entry point as build_plugins uses it: importlib.metadata.EntryPoint's name, value, dist and load()."""

    def __init__(self, name: str, value: str, dist: _Distribution):
        self.name, self.value, self.dist = name, value, dist

    def load(self) -> Any:
        value = self.value
        if value and all(c.isalnum() or c in "._" for c in value):  # a module's name, [\w.]+: the pattern's module
            return importlib.import_module(value)
        # a malformed value fails here with AttributeError, as it does in importlib.metadata
        match = cast("re.Match[str]", re.match(_EP_VALUE, value))
        module = importlib.import_module(match.group("module"))
        return functools.reduce(getattr, filter(None, (match.group("attr") or "").split(".")), module)


def installed_entry_points(group: str) -> list[Any]:
    """The entry points of `group` in this environment, as `importlib.metadata.entry_points(group=group)`
    lists them (each distribution once: the first found on sys.path)."""
    scanned = _scanned_entry_points(group)
    if scanned is not None:
        return scanned
    from importlib import metadata

    return list(metadata.entry_points(group=group))


def _scanned_entry_points(group: str) -> list[Any] | None:
    """The entry points read from the distributions' folders; None where importlib.metadata would find
    distributions elsewhere (another finder, a zip file or an egg on sys.path) or name one from its metadata."""
    finders = [finder for finder in sys.meta_path if getattr(finder, "find_distributions", None) is not None]
    if finders != [importlib.machinery.PathFinder]:
        return None
    seen: set[str] = set()
    found: list[Any] = []
    for entry in sys.path:
        if not isinstance(entry, str) or os.path.basename(entry).lower().endswith(".egg"):
            return None
        root = entry or "."
        try:
            children = os.listdir(root)
        except OSError:
            if os.path.exists(root):  # a zip file, or a folder that cannot be listed
                return None
            continue
        for child in children:
            if not child.lower().endswith(_DIST_SUFFIXES):
                continue
            stem, suffix = os.path.splitext(child)
            key = re.sub(r"[-_.]+", "-", stem.partition("-")[0]).lower().replace("-", "_")
            if suffix not in _DIST_SUFFIXES or not key:  # importlib.metadata names this one from its metadata
                return None
            if key in seen:  # the same distribution further on: importlib.metadata keeps the first
                continue
            seen.add(key)
            text = _read_text(os.path.join(root, child, "entry_points.txt"))
            pairs = _section_pairs(text) if text else []
            if pairs is None:
                return None
            dist = _Distribution(os.path.join(root, child))
            found += [_EntryPoint(name, value, dist) for section, name, value in pairs if section == group]
    return found


def _read_text(path: str) -> str | None:
    """A file's text as importlib.metadata reads it; None where there is no such file."""
    try:
        with open(path, encoding="utf-8") as file:
            return file.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return None


def _section_pairs(text: str) -> list[tuple[str, str, str]] | None:
    """(section, name, value) of each entry of an entry_points.txt, read as importlib.metadata reads it;
    None where a line is not `name = value` (importlib.metadata raises)."""
    pairs = []
    section = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
        elif section is not None:
            name, equals, value = line.partition("=")
            if not equals:
                return None
            pairs.append((section, name.strip(), value.strip()))
    return pairs


def _metadata_name(text: str) -> str | None:
    """The Name field of a distribution's metadata where it is plainly written (a `Name: …` line, with only
    `Field: value` lines before it and no continuation after it); None otherwise."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        field, colon, value = line.partition(":")
        # a field name as email's parser reads one: printable ASCII but the colon, [!-9;-~]+
        if not colon or not field or not all("!" <= c <= "~" for c in field):
            return None
        if field.lower() == "name":
            if i + 1 < len(lines) and lines[i + 1][:1] in (" ", "\t"):
                return None
            return value.lstrip(" \t")
    return None


def build_plugins(plugin_files: Iterable[str] = (), entry_points: bool = True) -> Plugins:
    """Start a plugin manager: entry points of the group `jixiao`, then the named plugin files.

    A plugin that fails to import, or whose hooks fail, is reported by name and the others still load.
    """
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    info: list[PluginInfo] = []
    pending: list[PluginProblem] = []  # hooks no hookspec declares (check_pending), named by plugin and hook
    if entry_points:
        for ep in sorted(installed_entry_points(ENTRY_POINT_GROUP), key=lambda e: (e.name != "builtin", e.name)):
            dist = getattr(ep.dist, "name", None) or "?"
            record = PluginInfo(ep.name, f"entry point ({dist})", ep.value, registered_as=ep.name)
            info.append(record)
            if manager.has_plugin(ep.name):
                record.error = f"name '{ep.name}' already used by another plugin"
                continue
            try:
                with time_limit(PLUGIN_LOAD_SECONDS):
                    plugin = ep.load()
                    manager.register(plugin, name=ep.name)
            except pluggy.PluginValidationError as exc:  # a hook with arguments its spec does not have
                record.error = _failure(exc)
                pending.append(PluginProblem("bad_hookimpl", plugin=ep.name, detail=str(exc)))
            except _CONTAINED as exc:  # a broken third-party plugin must not stop the others
                record.error = _failure(exc)
            else:
                pending += _unknown_hooks(manager, plugin, ep.name)
    for path in plugin_files:
        record = PluginInfo(Path(path).stem, str(path), None, registered_as=f"file:{path}")
        info.append(record)
        try:
            with time_limit(PLUGIN_LOAD_SECONDS):
                plugin = _load_file_plugin(path)
                manager.register(plugin, name=f"file:{path}")
        except pluggy.PluginValidationError as exc:
            record.error = _failure(exc)
            pending.append(PluginProblem("bad_hookimpl", plugin=record.name, detail=str(exc)))
        except _CONTAINED as exc:
            record.error = _failure(exc)
        else:
            pending += _unknown_hooks(manager, plugin, record.name)
    return _collect(manager, info, pending)


def _call_each(manager: pluggy.PluginManager, hook_name: str, info: list[PluginInfo],
               problems: list[str]) -> Iterator[tuple[str, PluginInfo | None, list[Any]]]:
    """Call one registration hook plugin by plugin, in pluggy's call order (`tryfirst` implementations
    first, then the others from the last registered, `trylast` ones last; the built-ins say `tryfirst`),
    so one failing plugin is named and skipped. Wrappers (`wrapper`, `hookwrapper`) are not registration
    hooks and are not called."""
    by_name = {i.registered_as: i for i in info}
    hook = getattr(manager.hook, hook_name)
    for impl in reversed(hook.get_hookimpls()):  # pluggy calls its list from the end
        if impl.hookwrapper or impl.wrapper:
            continue
        plugin_name = manager.get_name(impl.plugin) or "?"
        record = by_name.get(plugin_name)
        try:
            with time_limit(PLUGIN_LOAD_SECONDS):
                items = impl.function() or []
                items = list(items)
        except _CONTAINED as exc:
            problems.append(PluginProblem("hook_failed", plugin=plugin_name, hook=hook_name, detail=_failure(exc)))
            if record:
                record.error = f"{hook_name}: {_failure(exc)}"
            continue
        yield plugin_name, record, list(items)


_EXPECTED: dict[str, type | tuple[type, ...]] = {"kinds": Kind, "extractors": Extractor, "formatters": Formatter,
                                                 "aftercare": Aftercare, "packs": (str, Path)}


def _refused(item: Any, what: str, plugin_name: str, hook_name: str) -> PluginProblem | None:
    """Why an item a registration hook returned cannot be registered, or None: not the type the hook
    promises; a kind without compile or check, or whose parameter schema is not a valid JSON Schema."""
    expected = _EXPECTED[what]
    if not isinstance(item, expected):
        names = expected.__name__ if isinstance(expected, type) else "str"  # packs: a str or a Path
        return PluginProblem("not_a", plugin=plugin_name, hook=hook_name, got=type(item).__name__, expected=names)
    if what == "kinds" and isinstance(item, Kind):
        if not callable(item.compile) and not callable(item.check):
            return PluginProblem("no_check", plugin=plugin_name, name=item.name)
        detail = schema_problem(item.params)
        if detail:
            return PluginProblem("bad_schema", plugin=plugin_name, name=item.name, detail=detail)
    return None


def schema_problem(params: Any) -> str | None:
    """What is wrong with a kind's parameter schema (`jsonschema` `check_schema`), or None. A schema the
    fast meta-schema check (jsonschema-rs) accepts is not looked at again, so start-up does not import the
    reference validator; a rejected one is explained by it."""
    if not isinstance(params, dict):
        return f"{type(params).__name__}, not an object"
    schema = {"type": "object", **params}
    try:
        from jsonschema_rs import meta

        if meta.is_valid(schema):
            return None
    except Exception:  # an older jsonschema-rs, or one that cannot read this schema: the reference decides
        pass
    import jsonschema

    try:
        jsonschema.validators.validator_for(schema).check_schema(schema)
    except jsonschema.SchemaError as exc:
        where = "/".join(str(p) for p in exc.path)
        return f"{exc.message}" + (f" (at {where})" if where else "")
    return None


def _registered(manager: pluggy.PluginManager, hook_name: str, what: str, info: list[PluginInfo],
                problems: list[str], name_of: Callable[[Any], str], unique: bool) -> dict[str, Any]:
    """Everything plugins register through one hook, by name; with `unique`, a second item of the same
    name is refused and reported (the first registered wins: the built-ins load first)."""
    found: dict[str, Any] = {}
    for plugin_name, record, items in _call_each(manager, hook_name, info, problems):
        for item in items:
            refused = _refused(item, what, plugin_name, hook_name)
            if refused is not None:
                problems.append(refused)
                continue
            name = name_of(item)
            if unique and name in found:
                problems.append(PluginProblem("duplicate", plugin=plugin_name, what=what[:-1], name=name))
                continue
            found[name if unique else f"{len(found)}:{name}"] = item
            if record:
                record.provides.setdefault(what, []).append(name)
    return found


def _collect(manager: pluggy.PluginManager, info: list[PluginInfo], pending: Sequence[PluginProblem] = ()) -> Plugins:
    problems: list[str] = list(pending)
    kinds = _registered(manager, "jixiao_register_kinds", "kinds", info, problems, lambda k: k.name, True)
    extractors = _registered(manager, "jixiao_register_extractors", "extractors", info, problems, lambda e: e.name, False)
    formatters = _registered(manager, "jixiao_register_formatters", "formatters", info, problems, lambda f: f.name, True)
    aftercare = _registered(manager, "jixiao_register_aftercare", "aftercare", info, problems, lambda a: a.name, True)
    packs = _registered(manager, "jixiao_rule_packs", "packs", info, problems, lambda p: Path(p).stem, False)
    return Plugins(manager, kinds, list(extractors.values()), formatters, [Path(p) for p in packs.values()], info,
                   problems, aftercare)


_default: Plugins | None = None


def plugins_for(plugin_files: Iterable[str] | None) -> Plugins:
    """The plugins for a run: the installed ones, plus plain-file plugins where any are named."""
    return build_plugins(plugin_files) if plugin_files else default_plugins()


def default_plugins() -> Plugins:
    """The plugins installed in this environment, loaded once per process."""
    global _default
    if _default is None:
        _default = build_plugins()
    return _default
