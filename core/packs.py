"""Rule packs: loading, validation, inheritance (`extends`), overrides and applicability."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable

import jsonschema

from . import validation as schemas
from .errors import InputError, PackError, PackProblem
from .pluginmanager import Plugins
from .registry import Kind
from .yamlsafe import Position, load_yaml, nearest

COMMON_RULE_KEYS = frozenset(
    {"id", "kind", "category", "severity", "message", "doc", "enabled", "title", "tests"}
)
OVERRIDE_COMMON_KEYS = frozenset({"severity", "enabled", "message", "category", "title", "doc"})
MAX_PACK_BYTES = 2_000_000
MAX_RULES = 5_000


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    category: str
    severity: str
    message: dict[str, str]
    params: dict[str, Any]
    pack: str
    origin: str  # "path:line"
    doc: dict[str, Any] = field(default_factory=dict)
    title: str = ""
    enabled: bool = True
    tests: dict[str, Any] = field(default_factory=dict)
    changed_by: str = ""  # the pack whose `overrides` last changed this rule, if any
    kind_impl: Kind | None = field(default=None, compare=False, repr=False)
    # A kind may keep what it parses from the rule's parameters here, once per rule.
    scratch: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def param(self, name: str, default: Any = None) -> Any:
        return self.params.get(name, default)

    @cached_property
    def pointer_roots(self) -> frozenset[str]:
        """The top-level report keys the rule's pointer parameters start from (empty: not known).
        A report with none of them gives the rule nothing to read, so it is skipped without a call."""
        found: set[str] = set()
        for value in self.params.values():
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str) and item.startswith("/") and len(item) > 1:
                    found.add(item[1:].split("/", 1)[0])
        return frozenset(found)


@dataclass
class Pack:
    name: str
    version: str
    title: str
    path: str
    extends: list[str]
    applies_to: dict[str, Any] | None  # None: applies only when named (--pack or extends)
    rules: list[Rule]
    overrides: dict[str, dict[str, Any]]
    positions: dict[str, Position]
    description: str = ""

    def line_of(self, pointer: str) -> tuple[int | None, int | None]:
        return _position(self.positions, pointer)


@dataclass
class ResolvedPack:
    """A pack with everything it extends merged in: the rules that actually run."""

    pack: Pack
    rules: dict[str, Rule]
    ancestors: list[str]  # names of every pack it extends, directly or not

    @property
    def name(self) -> str:
        return self.pack.name

    def ident(self) -> dict[str, str]:
        return {"name": self.pack.name, "version": self.pack.version}


def read_pack(path: str | Path, kinds: dict[str, Kind]) -> Pack:
    """Read and validate one pack file (not its parents). Raises PackError listing every problem."""
    path = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise PackError([PackProblem(path, None, None, f"cannot read the pack: {exc.strerror or exc}")]) from None
    if len(raw) > MAX_PACK_BYTES:
        raise PackError([PackProblem(path, None, None, f"pack larger than {MAX_PACK_BYTES} bytes")])
    try:
        data, positions = load_yaml(raw.decode("utf-8-sig"), path)
    except UnicodeDecodeError as exc:
        raise PackError([PackProblem(path, None, None, f"a pack must be UTF-8 text ({exc.reason})")]) from None
    except InputError as exc:
        raise PackError([PackProblem(path, exc.line, exc.column, exc.detail)]) from None
    return _build_pack(path, data, positions, kinds)


def _build_pack(path: str, data: Any, positions: dict[str, Position], kinds: dict[str, Kind]) -> Pack:
    problems: list[PackProblem] = []

    def problem(pointer: str, detail: str, rule_id: str | None = None) -> None:
        line, column = _position(positions, pointer)
        problems.append(PackProblem(path, line, column, detail, rule_id))

    for error in sorted(schemas.iter_reference_errors("rulepack", data), key=lambda e: list(map(str, e.absolute_path))):
        pointer = schemas._pointer(error.absolute_path)
        rule_id = _rule_id_at(data, error.absolute_path)
        problem(pointer, _schema_message(error), rule_id)
    if problems:
        raise PackError(problems)

    rules: list[Rule] = []
    seen: dict[str, int] = {}
    raw_rules = data.get("rules") or []
    if len(raw_rules) > MAX_RULES:
        problem("/rules", f"a pack may hold at most {MAX_RULES} rules")
        raise PackError(problems)
    for index, raw in enumerate(raw_rules):
        base = f"/rules/{index}"
        rule_id = raw["id"]
        if rule_id in seen:
            problem(base + "/id", f"duplicate rule id (first defined at rule #{seen[rule_id] + 1})", rule_id)
            continue
        seen[rule_id] = index
        kind = kinds.get(raw["kind"])
        if kind is None:
            known = ", ".join(sorted(kinds))
            problem(base + "/kind", f"unknown rule kind '{raw['kind']}' (known: {known})", rule_id)
            continue
        params = {k: v for k, v in raw.items() if k not in COMMON_RULE_KEYS}
        for detail, sub in _param_problems(kind, params):
            problem(base + sub, detail, rule_id)
        line, _ = _position(positions, base)
        rules.append(
            Rule(
                id=rule_id,
                kind=raw["kind"],
                category=raw.get("category", kind.family or "other"),
                severity=raw.get("severity", "error"),
                message=dict(raw["message"]),
                params=params,
                pack=data["pack"],
                origin=f"{path}:{line}",
                doc=dict(raw.get("doc") or {}),
                title=raw.get("title", ""),
                enabled=raw.get("enabled", True),
                tests=dict(raw.get("tests") or {}),
                kind_impl=kind,
            )
        )
    if problems:
        raise PackError(problems)
    return Pack(
        name=data["pack"],
        version=str(data.get("version", "")),
        title=data.get("title", ""),
        path=path,
        extends=list(data.get("extends") or []),
        applies_to=dict(data["applies_to"]) if isinstance(data.get("applies_to"), dict) else None,
        rules=rules,
        overrides=dict(data.get("overrides") or {}),
        positions=positions,
        description=data.get("description", ""),
    )


def _param_problems(kind: Kind, params: dict[str, Any]) -> Iterable[tuple[str, str]]:
    schema = {"type": "object", **kind.params}
    validator_cls = jsonschema.validators.validator_for(schema)
    for error in sorted(validator_cls(schema).iter_errors(params), key=lambda e: list(map(str, e.absolute_path))):
        sub = schemas._pointer(error.absolute_path)
        yield f"kind '{kind.name}': {_schema_message(error)}", sub


def _schema_message(error: jsonschema.ValidationError) -> str:
    where = "/".join(str(p) for p in error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set((error.schema or {}).get("properties", {}))
        extra = sorted(k for k in error.instance if k not in allowed and k not in COMMON_RULE_KEYS)
        if extra:
            return f"unknown key(s) {', '.join(extra)}" + (f" at {where}" if where else "")
    return (f"{where}: " if where else "") + error.message


def _rule_id_at(data: Any, path: Iterable[Any]) -> str | None:
    path = list(path)
    if len(path) >= 2 and path[0] == "rules" and isinstance(data, dict):
        try:
            return data["rules"][path[1]].get("id")
        except (IndexError, KeyError, TypeError, AttributeError):
            return None
    if len(path) >= 2 and path[0] == "overrides":
        return str(path[1])
    return None


def _position(positions: dict[str, Position], pointer: str) -> tuple[int | None, int | None]:
    position = nearest(positions, pointer)
    return (position.line, position.column) if position else (None, None)


class UnknownPack(PackError):
    """A pack named by `extends` or `--pack` that does not exist."""


class PackLibrary:
    """Every pack that can be named: built-in ones, packs shipped by plugins, and files loaded by path."""

    def __init__(self, plugins: Plugins):
        self.plugins = plugins
        self._by_name: dict[str, Pack] = {}
        self._paths_by_name: dict[str, Path] = {}
        self._resolved: dict[str, ResolvedPack] = {}
        for path in plugins.pack_paths:
            self._paths_by_name.setdefault(path.stem, path)

    # -- finding packs --------------------------------------------------------------------------
    def available(self) -> list[str]:
        return sorted(self._paths_by_name)

    def load(self, name_or_path: str, relative_to: str | None = None) -> Pack:
        """A pack by name (built-in or plugin) or by file path (relative to `relative_to`'s folder)."""
        if "://" in name_or_path:
            raise UnknownPack([PackProblem(relative_to or "<command line>", None, None,
                                           f"packs are read from local files only, never fetched: {name_or_path}")])
        if _looks_like_path(name_or_path):
            if not name_or_path.endswith((".yaml", ".yml")):
                raise UnknownPack([PackProblem(relative_to or "<command line>", None, None,
                                               f"a pack file must end in .yaml or .yml: {name_or_path}")])
            base = Path(relative_to).parent if relative_to else Path.cwd()
            path = (base / name_or_path).resolve() if not Path(name_or_path).is_absolute() else Path(name_or_path)
            if not path.is_file():
                raise UnknownPack([PackProblem(relative_to or "<command line>", None, None, f"no rule pack file {path}")])
            pack = read_pack(path, self.plugins.kinds)
            existing = self._by_name.get(pack.name)
            if existing is not None and Path(existing.path).resolve() != path:
                self._resolved.pop(pack.name, None)
            self._by_name[pack.name] = pack
            return pack
        if name_or_path in self._by_name:
            return self._by_name[name_or_path]
        path = self._paths_by_name.get(name_or_path)
        if path is None:
            raise UnknownPack([PackProblem(relative_to or "<command line>", None, None,
                                           f"no rule pack named '{name_or_path}' (available: {', '.join(self.available())})")])
        pack = read_pack(path, self.plugins.kinds)
        self._by_name[name_or_path] = pack
        return pack

    def all_packs(self) -> list[Pack]:
        return [self.load(name) for name in self.available()]

    # -- inheritance ----------------------------------------------------------------------------
    def resolve(self, name_or_path: str) -> ResolvedPack:
        pack = self.load(name_or_path)
        return self._resolve(pack, [])

    def _resolve(self, pack: Pack, stack: list[str]) -> ResolvedPack:
        if pack.name in self._resolved and not stack:
            return self._resolved[pack.name]
        if pack.name in stack:
            cycle = " → ".join([*stack[stack.index(pack.name):], pack.name])
            raise PackError([PackProblem(pack.path, *pack.line_of("/extends"), f"extends forms a cycle: {cycle}")])
        rules: dict[str, Rule] = {}
        ancestors: list[str] = []
        problems: list[PackProblem] = []
        for index, parent_name in enumerate(pack.extends):
            try:
                parent_pack = self.load(parent_name, relative_to=pack.path)
            except UnknownPack as exc:
                line, column = pack.line_of(f"/extends/{index}")
                problems.append(PackProblem(pack.path, line, column, exc.problems[0].detail))
                continue
            parent = self._resolve(parent_pack, [*stack, pack.name])
            for ancestor in [parent.name, *parent.ancestors]:
                if ancestor not in ancestors:
                    ancestors.append(ancestor)
            for rule_id, rule in parent.rules.items():
                rules.setdefault(rule_id, rule)
        for index, rule in enumerate(pack.rules):
            if rule.id in rules:
                line, column = pack.line_of(f"/rules/{index}/id")
                problems.append(PackProblem(pack.path, line, column,
                                            f"rule id already defined by pack '{rules[rule.id].pack}'; change it with `overrides`",
                                            rule.id))
                continue
            rules[rule.id] = rule
        for rule_id, changes in pack.overrides.items():
            line, column = pack.line_of(f"/overrides/{_escape(rule_id)}")
            if rule_id not in rules:
                problems.append(PackProblem(pack.path, line, column, "override of a rule that no extended pack defines", rule_id))
                continue
            overridden, override_problems = _apply_override(rules[rule_id], changes, pack.name)
            for detail in override_problems:
                problems.append(PackProblem(pack.path, line, column, detail, rule_id))
            rules[rule_id] = overridden
        if problems:
            raise PackError(problems)
        resolved = ResolvedPack(pack, rules, ancestors)
        if not stack:
            self._resolved[pack.name] = resolved
        return resolved


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _apply_override(rule: Rule, changes: dict[str, Any], by: str) -> tuple[Rule, list[str]]:
    common = {k: v for k, v in changes.items() if k in OVERRIDE_COMMON_KEYS}
    params = copy.deepcopy(rule.params)
    params.update({k: v for k, v in changes.items() if k not in OVERRIDE_COMMON_KEYS})
    problems = [detail for detail, _ in _param_problems(rule.kind_impl, params)] if rule.kind_impl else []
    if "message" in common:
        common["message"] = {**rule.message, **common["message"]}
    return replace(rule, params=params, scratch={}, changed_by=by, **common), problems


def _looks_like_path(value: str) -> bool:
    return value.endswith((".yaml", ".yml")) or "/" in value or "\\" in value


# -- applicability ------------------------------------------------------------------------------

def applies(pack: Pack, report: dict[str, Any], region: dict[str, str] | None = None) -> tuple[bool, str]:
    """Whether a pack's `applies_to` matches a report, and why (for --explain-packs). `region`, where
    given, is the report's region as worked out by `jixiao.region.report_region`."""
    conditions = pack.applies_to
    if conditions is None:
        return False, "no applies_to: runs only when named with --pack or extended"
    if not conditions:
        return True, "applies to every report"
    if region is None:
        department = report.get("department") if isinstance(report.get("department"), dict) else {}
        region = department.get("region") if isinstance(department.get("region"), dict) else {}
    reasons = []
    for level in ("province", "city", "county"):
        wanted = conditions.get(level)
        if wanted is None:
            continue
        wanted_list = [wanted] if isinstance(wanted, str) else list(wanted)
        actual = region.get(level)
        if actual not in wanted_list:
            return False, f"{level} is {actual or 'unknown'}, pack wants {'/'.join(wanted_list)}"
        reasons.append(f"{level} {actual}")
    level = conditions.get("region_level")
    if level is not None:
        deepest = next((name for name in ("county", "city", "province") if region.get(name)), None)
        if deepest != level:
            return False, f"the report's department is at {deepest or 'an unknown'} level, pack wants {level}"
        reasons.append(f"{level} level")
    kinds = conditions.get("kinds")
    if kinds is not None:
        if report.get("kind") not in kinds:
            return False, f"report kind {report.get('kind')} not in {', '.join(kinds)}"
        reasons.append(f"kind {report.get('kind')}")
    years = conditions.get("fiscal_years")
    if years is not None:
        year = report.get("fiscal_year")
        if not isinstance(year, int) or not _year_matches(year, years):
            return False, f"fiscal year {year} outside {years}"
        reasons.append(f"fiscal year {year}")
    return True, "; ".join(reasons) or "no conditions"


def _year_matches(year: int, spec: Any) -> bool:
    if isinstance(spec, list):
        return year in spec
    low, high = spec.get("from"), spec.get("to")
    return (low is None or year >= low) and (high is None or year <= high)
