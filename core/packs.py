"""Rule packs: loading, validation, inheritance (`extends`), overrides and applicability."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from . import packcache, packcheck
from .errors import InputError, PackError, PackProblem
from .i18n import lookup
from .pluginmanager import Plugins
from .registry import CompiledRule, FailedRule, Kind
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
    source: str = ""  # the rule's JSON Pointer in its pack file (/rules/3)
    kind_impl: Kind | None = field(default=None, compare=False, repr=False)

    def param(self, name: str, default: Any = None) -> Any:
        return self.params.get(name, default)

    @cached_property
    def compiled(self) -> CompiledRule:
        """The rule compiled by its kind, once (what the kind parses from the parameters lives there).
        A kind whose `compile` fails, or returns no `check`, gives a rule that reports that as an
        `internal` finding on every report, without costing any other finding."""
        if self.kind_impl is None:
            return FailedRule(TypeError(f"no kind {self.kind!r}"))
        try:
            compiled = self.kind_impl.compile_rule(self)
        except Exception as exc:  # noqa: BLE001 - a plugin's bug: this rule's problem, not the run's
            return FailedRule(exc)
        if not callable(getattr(compiled, "check", None)):
            return FailedRule(TypeError(f"compile returned {type(compiled).__name__}, which has no check(ctx)"))
        return compiled

    @cached_property
    def pointer_roots(self) -> frozenset[str]:
        """The top-level report keys the rule's inputs start from (empty: not known). A report with
        none of them gives the rule nothing to read, so it is skipped without a call."""
        inputs = getattr(self.compiled, "inputs", ())
        return frozenset(p[1:].split("/", 1)[0] for p in inputs
                         if isinstance(p, str) and p.startswith("/") and len(p) > 1)


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
    key_positions: dict[str, Position] = field(default_factory=dict)  # where each mapping key stands
    problems: list[PackProblem] = field(default_factory=list)  # everything `packcheck` found in the file

    def line_of(self, pointer: str) -> tuple[int | None, int | None]:
        return _position(self.positions, pointer)


@dataclass
class ResolvedPack:
    """A pack with everything it extends merged in: the rules that actually run."""

    pack: Pack
    rules: dict[str, Rule]
    ancestors: list[str]  # names of every pack it extends, directly or not
    problems: list[PackProblem] = field(default_factory=list)  # warnings and notes of a pack that loads

    @property
    def name(self) -> str:
        return self.pack.name

    def ident(self) -> dict[str, str]:
        return {"name": self.pack.name, "version": self.pack.version}


def read_pack(path: str | Path, kinds: dict[str, Kind], *, collect: bool = False) -> Pack:
    """Read and validate one pack file (not its parents). Raises PackError listing every problem; with
    `collect`, a pack whose YAML could be read is returned with its problems in `Pack.problems`."""
    path = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise PackError([packcheck.problem(path, (None, None), "file.unreadable",
                                           {"detail": exc.strerror or str(exc)})]) from None
    if len(raw) > MAX_PACK_BYTES:
        raise PackError([packcheck.problem(path, (None, None), "file.too_large", {"limit": MAX_PACK_BYTES})])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PackError([packcheck.problem(path, (None, None), "file.encoding", {"detail": exc.reason})]) from None
    entry_key = packcache.key(raw, kinds)
    cached = packcache.load(entry_key)
    if cached is not None:  # this very file, with these kinds and this jixiao, was read and found sound
        data, positions, key_positions = cached
        return _build_pack(path, data, positions, kinds, key_positions, text, checked=True)
    key_positions = {}
    try:
        data, positions = load_yaml(text, path, key_positions=key_positions)
    except InputError as exc:
        raise PackError(packcheck.syntax_problems(path, text, exc)) from None
    pack = _build_pack(path, data, positions, kinds, key_positions, text)
    if not pack.problems:
        packcache.store(entry_key, data, positions, key_positions)
    if not collect and packcheck.has_errors(pack.problems):
        raise PackError(pack.problems)
    return pack


def _build_pack(path: str, data: Any, positions: dict[str, Position], kinds: dict[str, Kind],
                key_positions: dict[str, Position] | None = None, text: str = "", checked: bool = False) -> Pack:
    """The pack and every problem `packcheck` finds in it (none, when `checked`: it came from the cache of
    packs found sound); rules too broken to build are left out."""
    key_positions = key_positions or {}
    problems = [] if checked else packcheck.check_pack(path, data, positions, key_positions, kinds, text)
    data = data if isinstance(data, dict) else {}
    name = data.get("pack") if isinstance(data.get("pack"), str) else Path(path).stem
    rules: list[Rule] = []
    seen: set[str] = set()
    raw_rules = data.get("rules") if isinstance(data.get("rules"), list) else []
    for index, raw in enumerate(raw_rules[:MAX_RULES]):
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or raw["id"] in seen:
            continue
        kind_name = raw.get("kind")
        kind = kinds.get(kind_name) if isinstance(kind_name, str) else None
        message = raw.get("message")
        if kind is None or not isinstance(message, dict) or not isinstance(message.get("zh"), str):
            continue
        seen.add(raw["id"])
        base = f"/rules/{index}"
        line, _ = _position(positions, base)
        rules.append(
            Rule(
                id=raw["id"],
                kind=raw["kind"],
                category=_text(raw.get("category")) or kind.family or "other",
                severity=severity if isinstance(severity := raw.get("severity"), str)
                and severity in ("error", "warning", "info") else "error",
                message=dict(message),
                params={k: v for k, v in raw.items() if k not in COMMON_RULE_KEYS},
                pack=name,
                origin=f"{path}:{line}",
                doc=dict(raw["doc"]) if isinstance(raw.get("doc"), dict) else {},
                title=_text(raw.get("title")),
                enabled=raw.get("enabled", True) is not False,
                tests=dict(raw["tests"]) if isinstance(raw.get("tests"), dict) else {},
                kind_impl=kind,
                source=base,
            )
        )
    return Pack(
        name=name,
        version=str(data.get("version", "")),
        title=_text(data.get("title")),
        path=path,
        extends=[e for e in data.get("extends") or [] if isinstance(e, str)] if isinstance(data.get("extends"), list) else [],
        applies_to=dict(data["applies_to"]) if isinstance(data.get("applies_to"), dict) else None,
        rules=rules,
        overrides=dict(data["overrides"]) if isinstance(data.get("overrides"), dict) else {},
        positions=positions,
        description=_text(data.get("description")),
        key_positions=key_positions,
        problems=problems,
    )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


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

    def load(self, name_or_path: str, relative_to: str | None = None, *, collect: bool = False) -> Pack:
        """A pack by name (built-in or plugin) or by file path (relative to `relative_to`'s folder).
        With `collect`, a pack with problems is returned with them (`Pack.problems`) instead of raising."""
        where = relative_to or "<command line>"
        if "://" in name_or_path:
            raise UnknownPack([packcheck.problem(where, (None, None), "extends.url", {"name": name_or_path})])
        if _looks_like_path(name_or_path):
            if not name_or_path.endswith((".yaml", ".yml")):
                raise UnknownPack([packcheck.problem(where, (None, None), "extends.suffix", {"name": name_or_path})])
            base = Path(relative_to).parent if relative_to else Path.cwd()
            path = (base / name_or_path).resolve() if not Path(name_or_path).is_absolute() else Path(name_or_path)
            if not path.is_file():
                raise UnknownPack([packcheck.problem(where, (None, None), "extends.no_file", {"name": str(path)})])
            pack = read_pack(path, self.plugins.kinds, collect=collect)
            if packcheck.has_errors(pack.problems):
                return pack  # not remembered: a broken pack is read again, and refused, wherever it is named
            existing = self._by_name.get(pack.name)
            if existing is not None and Path(existing.path).resolve() != path:
                self._resolved.pop(pack.name, None)
            self._by_name[pack.name] = pack
            return pack
        if name_or_path in self._by_name:
            return self._by_name[name_or_path]
        named = self._paths_by_name.get(name_or_path)
        if named is None:
            raise UnknownPack([packcheck.extends_problem(where, (None, None), "extends.no_pack", name=name_or_path,
                                                         available=", ".join(self.available()),
                                                         names=self.available())])
        pack = read_pack(named, self.plugins.kinds, collect=collect)
        if not packcheck.has_errors(pack.problems):
            self._by_name[name_or_path] = pack
        return pack

    def all_packs(self) -> list[Pack]:
        return [self.load(name) for name in self.available()]

    # -- inheritance ----------------------------------------------------------------------------
    def resolve(self, name_or_path: str, relative_to: str | None = None) -> ResolvedPack:
        """The pack with everything it extends (a file named relative to `relative_to`'s folder, as in
        `extends`). Raises PackError with every problem of the pack and of the packs it extends, sorted by
        file and line; warnings and notes of a pack that loads are in `ResolvedPack.problems`."""
        pack = self.load(name_or_path, relative_to=relative_to, collect=True)
        resolved = self._resolve(pack, [])
        if packcheck.has_errors(resolved.problems):
            raise PackError(resolved.problems)
        return resolved

    def _resolve(self, pack: Pack, stack: list[str]) -> ResolvedPack:
        cached = self._resolved.get(pack.name)
        if cached is not None and cached.pack is pack:
            return cached
        if pack.name in stack:
            cycle = " → ".join([*stack[stack.index(pack.name):], pack.name])
            return ResolvedPack(pack, {}, [], [packcheck.cycle_problem(pack, cycle)])
        rules: dict[str, Rule] = {}
        ancestors: list[str] = []
        problems: list[PackProblem] = list(pack.problems)
        for index, parent_name in enumerate(pack.extends):
            try:
                parent_pack = self.load(parent_name, relative_to=pack.path, collect=True)
            except UnknownPack as exc:
                line, column = pack.line_of(f"/extends/{index}")
                problems += [PackProblem(pack.path, line, column, p.detail, p.rule_id, severity=p.severity,
                                         parts=p.parts, table=p.table) for p in exc.problems]
                continue
            except PackError as exc:  # the parent's own file is broken: its problems, at its lines
                problems += exc.problems
                continue
            parent = self._resolve(parent_pack, [*stack, pack.name])
            problems += [p for p in parent.problems if p.severity != "info"]  # notes are its own
            for ancestor in [parent.name, *parent.ancestors]:
                if ancestor not in ancestors:
                    ancestors.append(ancestor)
            for rule_id, rule in parent.rules.items():
                rules.setdefault(rule_id, rule)
        for index, rule in enumerate(pack.rules):
            if rule.id in rules:
                problems.append(packcheck.defined_above(pack, _index(rule, index), rule.id, rules[rule.id].pack))
                continue
            rules[rule.id] = rule
        rules, override_problems = packcheck.apply_overrides(pack, rules)
        problems += override_problems
        resolved = ResolvedPack(pack, rules, ancestors, packcheck.sorted_problems(problems))
        if not packcheck.has_errors(resolved.problems):
            self._resolved[pack.name] = resolved
        return resolved


def _index(rule: Rule, default: int) -> int:
    """The rule's index in its pack file's `rules`."""
    return int(rule.source.rsplit("/", 1)[1]) if rule.source.startswith("/rules/") else default


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _apply_override(rule: Rule, changes: dict[str, Any], by: str) -> tuple[Rule, list[str]]:
    """The rule with an override's changes (common keys and parameters); checking them is `packcheck`'s."""
    common = {k: v for k, v in changes.items() if k in OVERRIDE_COMMON_KEYS}
    params = copy.deepcopy(rule.params)
    params.update({k: v for k, v in changes.items() if k not in OVERRIDE_COMMON_KEYS})
    if isinstance(common.get("message"), dict):
        common["message"] = {**rule.message, **common["message"]}
    return replace(rule, params=params, changed_by=by, **common), []


def _looks_like_path(value: str) -> bool:
    return value.endswith((".yaml", ".yml")) or "/" in value or "\\" in value


# -- applicability ------------------------------------------------------------------------------

APPLIES: dict[str, dict[str, str]] = {
    "no_applies_to": {"zh": "没有 applies_to：只在用 --pack 指定或被继承时使用",
                      "en": "no applies_to: runs only when named with --pack or extended"},
    "every_report": {"zh": "适用于所有报告", "en": "applies to every report"},
    "level_mismatch": {"zh": "报告的{level}是 {actual}，本规则包适用于 {wanted}",
                       "en": "{level} is {actual}, pack wants {wanted}"},
    "level_match": {"zh": "{level} {actual}", "en": "{level} {actual}"},
    "depth_mismatch": {"zh": "报告单位属于{actual}级，本规则包适用于{wanted}级",
                       "en": "the report's department is at {actual} level, pack wants {wanted}"},
    "depth_match": {"zh": "{level}级", "en": "{level} level"},
    "kind_mismatch": {"zh": "报告类型 {actual} 不在 {wanted} 之列", "en": "report kind {actual} not in {wanted}"},
    "kind_match": {"zh": "报告类型 {actual}", "en": "kind {actual}"},
    "year_mismatch": {"zh": "财年 {actual} 不在 {wanted} 范围内", "en": "fiscal year {actual} outside {wanted}"},
    "year_match": {"zh": "财年 {actual}", "en": "fiscal year {actual}"},
    "no_conditions": {"zh": "没有条件", "en": "no conditions"},
    "unknown": {"zh": "不明", "en": "unknown"},
    "province": {"zh": "省", "en": "province"},
    "city": {"zh": "市", "en": "city"},
    "county": {"zh": "县", "en": "county"},
}


def applies(pack: Pack, report: dict[str, Any], region: dict[str, str] | None = None,
            lang: str = "en") -> tuple[bool, str]:
    """Whether a pack's `applies_to` matches a report, and why (for --explain-packs). `region`, where
    given, is the report's region as worked out by `jixiao.region.report_region`."""

    def say(key: str, **values: Any) -> str:
        return lookup(APPLIES, key, lang, **values)

    conditions = pack.applies_to
    if conditions is None:
        return False, say("no_applies_to")
    if not conditions:
        return True, say("every_report")
    if region is None:
        department = report.get("department")
        stated = department.get("region") if isinstance(department, dict) else None
        region = stated if isinstance(stated, dict) else {}
    reasons = []
    for level in ("province", "city", "county"):
        wanted = conditions.get(level)
        if wanted is None:
            continue
        wanted_list = [wanted] if isinstance(wanted, str) else list(wanted)
        actual = region.get(level)
        if actual not in wanted_list:
            return False, say("level_mismatch", level=say(level), actual=actual or say("unknown"),
                              wanted="/".join(wanted_list))
        reasons.append(say("level_match", level=say(level), actual=actual))
    region_level = conditions.get("region_level")
    if region_level is not None:
        deepest = next((name for name in ("county", "city", "province") if region.get(name)), None)
        if deepest != region_level:
            return False, say("depth_mismatch", actual=say(deepest) if deepest else say("unknown"),
                              wanted=say(region_level))
        reasons.append(say("depth_match", level=say(region_level)))
    kinds = conditions.get("kinds")
    if kinds is not None:
        if report.get("kind") not in kinds:
            return False, say("kind_mismatch", actual=report.get("kind"), wanted=", ".join(kinds))
        reasons.append(say("kind_match", actual=report.get("kind")))
    years = conditions.get("fiscal_years")
    if years is not None:
        year = report.get("fiscal_year")
        if not isinstance(year, int) or not _year_matches(year, years):
            return False, say("year_mismatch", actual=year, wanted=_years_text(years, lang))
        reasons.append(say("year_match", actual=year))
    return True, ("；" if lang == "zh" else "; ").join(reasons) or say("no_conditions")


def _years_text(spec: Any, lang: str) -> str:
    if isinstance(spec, list):
        return ", ".join(str(y) for y in spec)
    low, high = spec.get("from"), spec.get("to")
    if lang == "zh":
        return f"{low or ''}–{high or ''}" if low and high else (f"{low} 年起" if low else f"{high} 年止")
    return f"{low or ''}–{high or ''}" if low and high else (f"from {low}" if low else f"to {high}")


def _year_matches(year: int, spec: Any) -> bool:
    if isinstance(spec, list):
        return year in spec
    low, high = spec.get("from"), spec.get("to")
    return (low is None or year >= low) and (high is None or year <= high)
