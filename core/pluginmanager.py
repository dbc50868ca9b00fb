"""Loading plugins (entry points and plain files) and collecting what they register."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable

import pluggy

from . import hookspecs
from .registry import Extractor, Formatter, Kind
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


def build_plugins(plugin_files: Iterable[str] = (), entry_points: bool = True) -> Plugins:
    """Start a plugin manager: entry points of the group `jixiao`, then the named plugin files.

    A plugin that fails to import, or whose hooks fail, is reported by name and the others still load.
    """
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    info: list[PluginInfo] = []
    if entry_points:
        for ep in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: (e.name != "builtin", e.name)):
            dist = getattr(ep.dist, "name", None) or "?"
            record = PluginInfo(ep.name, f"entry point ({dist})", ep.value, registered_as=ep.name)
            info.append(record)
            if manager.has_plugin(ep.name):
                record.error = f"name '{ep.name}' already used by another plugin"
                continue
            try:
                with time_limit(PLUGIN_LOAD_SECONDS):
                    manager.register(ep.load(), name=ep.name)
            except _CONTAINED as exc:  # a broken third-party plugin must not stop the others
                record.error = _failure(exc)
    for path in plugin_files:
        record = PluginInfo(Path(path).stem, str(path), None, registered_as=f"file:{path}")
        info.append(record)
        try:
            with time_limit(PLUGIN_LOAD_SECONDS):
                manager.register(_load_file_plugin(path), name=f"file:{path}")
        except _CONTAINED as exc:
            record.error = _failure(exc)
    return _collect(manager, info)


def _call_each(manager: pluggy.PluginManager, hook_name: str, info: list[PluginInfo], problems: list[str]):
    """Call one registration hook plugin by plugin, so one failing plugin is named and skipped."""
    by_name = {i.registered_as: i for i in info}
    hook = getattr(manager.hook, hook_name)
    for impl in hook.get_hookimpls():
        plugin_name = manager.get_name(impl.plugin) or "?"
        record = by_name.get(plugin_name)
        try:
            with time_limit(PLUGIN_LOAD_SECONDS):
                items = impl.function() or []
                items = list(items)
        except _CONTAINED as exc:
            problems.append(f"{plugin_name}: {hook_name} failed: {_failure(exc)}")
            if record:
                record.error = f"{hook_name}: {_failure(exc)}"
            continue
        yield plugin_name, record, list(items)


def _registered(manager: pluggy.PluginManager, hook_name: str, what: str, info: list[PluginInfo],
                problems: list[str], name_of, unique: bool) -> dict[str, Any]:
    """Everything plugins register through one hook, by name; with `unique`, a second item of the same
    name is refused and reported (the first registered wins: the built-ins load first)."""
    found: dict[str, Any] = {}
    for plugin_name, record, items in _call_each(manager, hook_name, info, problems):
        for item in items:
            name = name_of(item)
            if unique and name in found:
                problems.append(f"{plugin_name}: {what[:-1]} '{name}' is already registered")
                continue
            found[name if unique else f"{len(found)}:{name}"] = item
            if record:
                record.provides.setdefault(what, []).append(name)
    return found


def _collect(manager: pluggy.PluginManager, info: list[PluginInfo]) -> Plugins:
    problems: list[str] = []
    kinds = _registered(manager, "jixiao_register_kinds", "kinds", info, problems, lambda k: k.name, True)
    extractors = _registered(manager, "jixiao_register_extractors", "extractors", info, problems, lambda e: e.name, False)
    formatters = _registered(manager, "jixiao_register_formatters", "formatters", info, problems, lambda f: f.name, True)
    packs = _registered(manager, "jixiao_rule_packs", "packs", info, problems, lambda p: Path(p).stem, False)
    return Plugins(manager, kinds, list(extractors.values()), formatters, [Path(p) for p in packs.values()], info, problems)


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
