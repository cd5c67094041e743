"""Rule packs: the YAML vocabularies and settings that users tune, in the spirit of Vale styles.

A pack is a folder (or a single file) of YAML files.  Each file ``extends:`` one kind:

============  =====================================================================
kind          keys
============  =====================================================================
numbers       words, scales, suffixes, durations, qualifiers, approximate_tolerance
hedges        attribution, epistemic, approximator (lists of words or phrases)
negation      words, verbs, phrases
antonyms      pairs (list of two-word lists)
synonyms      sets (list of lists)
nonclaims     openers (RE2 regexes), imperatives, heading_max_words
commitments   words (lemmas that make an unsupported claim a commitment)
claims        contrast_marks, time_marks (subordinators), light_words, speech_verbs,
              aside_verbs, speaker_words, feeling_words, emphatic_degree,
              embedding_verbs (lists of
              lowercase words read by ``analysis.claims``) and the WordNet files of the
              clause classes: performative_files, feeling_files, stance_files,
              frame_files, information_files, person_files
settings      thresholds, severity (rule ID -> level), disable (rule IDs)
existence     message, level, tokens (words or RE2 regexes), ignorecase, examples
substitution  message, level, swap (term -> replacement), ignorecase, examples
============  =====================================================================

Any file may carry ``examples: {fire: [...], pass: [...]}`` for ``msglint rules test``.
The default pack is ``rules/`` in the repository (shipped inside the wheel as
``linter/_rules``); ``--rules`` and the configuration add packs that extend or override it:
lists are extended, mappings are updated, and ``replace: true`` in a file replaces the
kind's lists instead of extending them.

User patterns are compiled with RE2, which cannot backtrack, so no pattern can hang msglint.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from dataclasses import replace as _copy_with
from pathlib import Path
from typing import Any, Callable, Optional

import yaml

from .errors import ConfigError
from .ruleids import RULES
from .textio import read_text

KINDS: dict[str, set[str]] = {
    "numbers": {"words", "scales", "suffixes", "durations", "qualifiers", "approximate_tolerance",
                "bound_tolerance", "fractions", "not_figures", "range_openers", "range_connectors",
                "ordinals", "clock_minutes", "clock_past", "clock_to", "clock_hour",
                "rhetorical_count_max", "range_connector_openers"},
    "hedges": {"attribution", "epistemic", "approximator"},
    "negation": {"words", "verbs", "phrases", "idioms", "wordnet_roots"},
    "antonyms": {"pairs"},
    "synonyms": {"sets"},
    "nonclaims": {"openers", "imperatives", "heading_max_words"},
    "commitments": {"words"},
    # How a sentence splits into clauses and which of its words are the claim (see
    # ``rules/core/claims.yml``, read by ``analysis.claims.Vocabulary``).
    "claims": {"contrast_marks", "light_words", "speech_verbs", "aside_verbs", "time_marks",
               "speaker_words", "performative_files", "feeling_files", "feeling_words", "stance_files",
               "frame_files", "information_files", "person_files", "emphatic_degree", "embedding_verbs"},
    "settings": {"thresholds", "severity", "disable"},
    "existence": {"message", "level", "tokens", "ignorecase", "description"},
    "substitution": {"message", "level", "swap", "ignorecase", "description"},
}
COMMON_KEYS = {"extends", "examples", "replace", "description"}
LEVELS = ("error", "warning", "info")
#: The thresholds a pack sets (``settings.yml``): what alignment and the checks declare
#: they read (``evaluate.THRESHOLDS``, ``Check.thresholds``; a test keeps them in step).
THRESHOLDS = {
    "support", "support_with_figures", "background", "background_margin", "background_dominance", "same_claim",
    "figure_alignment", "min_clause_words", "contradiction_floor", "contradiction_margin", "hedge_near_best",
    "suggestion_floor",
}


_MONTH = ("(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          "Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?")
FIGURE_PLACEHOLDERS = {
    "{date}": rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?)",
    "{month}": _MONTH,
}


def _expand_figure_pattern(p: str) -> str:
    """A ``not_figures`` pattern with its placeholders (``{date}``, ``{month}``) expanded."""
    for k, v in FIGURE_PLACEHOLDERS.items():
        p = p.replace(k, v)
    return p


def compile_re2(pattern: str, ignorecase: bool = True):
    """Compile a user pattern with RE2 (linear time, no backtracking)."""
    import re2

    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = not ignorecase
    return re2.compile(pattern, options)


@dataclass(frozen=True)
class TermRule:
    """A user term rule (Vale ``existence``/``substitution``)."""

    name: str  # pack-relative name, e.g. "house.Troops"
    kind: str  # "existence" or "substitution"
    level: str
    message: str
    patterns: tuple[tuple[str, Optional[str]], ...]  # (regex, replacement or None)
    ignorecase: bool
    path: str


@dataclass
class RulePack:
    """All loaded rule data, merged in load order."""

    numbers: dict[str, Any] = field(default_factory=dict)
    hedges: dict[str, list[str]] = field(default_factory=dict)
    negation: dict[str, list[str]] = field(default_factory=dict)
    antonyms: list[tuple[str, str]] = field(default_factory=list)
    synonyms: list[list[str]] = field(default_factory=list)
    nonclaims: dict[str, Any] = field(default_factory=dict)
    commitments: dict[str, list[str]] = field(default_factory=dict)
    claims: dict[str, list[str]] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    disable: list[str] = field(default_factory=list)
    terms: list[TermRule] = field(default_factory=list)
    examples: list[tuple[str, str, list[str], list[str]]] = field(default_factory=list)  # (path, name, fire, pass)
    sources: list[str] = field(default_factory=list)

    # ---- derived -------------------------------------------------------------------
    def threshold(self, name: str) -> float:
        return float(self.thresholds[name])

    def fingerprint(self) -> str:
        """A hash of everything that affects analysis, for cache keys."""
        data = {
            "numbers": self.numbers, "hedges": self.hedges, "negation": self.negation,
            "antonyms": self.antonyms, "synonyms": self.synonyms, "nonclaims": self.nonclaims,
            "claims": self.claims,
        }
        blob = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]

    def severity_of(self, rule_id: str, default: str) -> str:
        return self.severity.get(rule_id, default)

    def with_overrides(self, severity: Optional[dict[str, str]] = None, disable=()) -> "RulePack":
        """A copy of this pack with command-line or configuration settings on top: rule
        severities replaced, rules disabled.  This pack is left as loaded."""
        return _copy_with(self, severity={**self.severity, **(severity or {})},
                       disable=self.disable + [r for r in disable if r not in self.disable])


def default_rules_dir() -> Path:
    """The shipped default pack: ``linter/_rules`` in a wheel, ``rules/`` in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise ConfigError("the default rule pack is missing from this installation (reinstall msglint)")


class _KeyLines(dict):
    """Top-level mapping key -> 1-based line, parsed only if an error message asks."""

    def __init__(self, text: str):
        super().__init__()
        self._text = text
        self._done = False

    def get(self, key, default=None):
        if not self._done:
            self.update(_key_lines(self._text))
            self._done = True
        return super().get(key, default)


def _key_lines(text: str) -> dict[str, int]:
    """Top-level mapping key -> 1-based line, for error messages."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode):
                lines[str(key.value)] = key.start_mark.line + 1
    return lines


# libyaml's safe loader when PyYAML was built with it (same results, several times faster)
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(path: Path) -> tuple[Any, dict[str, int]]:
    text = read_text(path, max_bytes=2 * 1024 * 1024)
    if text.count("*") > 200 and text.count("&") > 0:
        # Alias expansion ("billion laughs") is refused before parsing.
        raise ConfigError("too many YAML aliases", str(path))
    try:
        data = yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ConfigError(f"invalid YAML: {problem}", str(path), mark.line + 1 if mark else None) from None
    return data, _KeyLines(text)


def _str_list(value, path, key, line: Callable[[], Optional[int]]) -> list[str]:
    """``value`` as a list of strings; ``line()`` gives the line for an error message
    (only asked for on error: finding it means parsing the file again)."""
    if isinstance(value, list) and any(isinstance(v, bool) for v in value):
        raise ConfigError(f"'{key}' has a yes/no value; quote words such as \"no\" or \"off\"", path, line())
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise ConfigError(f"'{key}' must be a list of strings", path, line())
    return [str(v) for v in value]


_Line = Callable[[str], Optional[int]]


def _apply(pack: RulePack, data: dict, path: str, lines: dict[str, int], name: str) -> None:
    """Merge one rule file into ``pack``: its keys checked against its kind's, then the
    kind's own loader (:data:`LOADERS`), then its examples."""
    kind = data.get("extends")
    if kind not in KINDS:
        raise ConfigError(
            f"'extends' must be one of {', '.join(sorted(KINDS))} (got {kind!r})", path, lines.get("extends")
        )
    allowed = KINDS[kind] | COMMON_KEYS
    for key in data:
        if key not in allowed:
            raise ConfigError(
                f"unknown key '{key}' for a '{kind}' rule file; allowed: {', '.join(sorted(allowed))}",
                path, lines.get(str(key)),
            )
    replace = bool(data.get("replace", False))
    line = lambda k: lines.get(k)  # noqa: E731
    LOADERS[kind](pack, data, kind, path, line, replace, name)
    ex = data.get("examples")
    if ex is not None:
        if not isinstance(ex, dict) or set(ex) - {"fire", "pass"}:
            raise ConfigError("'examples' must have 'fire' and/or 'pass' lists", path, line("examples"))
        pack.examples.append((
            path, name,
            _str_list(ex.get("fire") or [], path, "examples.fire", lambda: line("examples")),
            _str_list(ex.get("pass") or [], path, "examples.pass", lambda: line("examples")),
        ))




def _load_numbers(pack: RulePack, data: dict, kind: str, path: str, line: _Line, replace: bool, name: str) -> None:
    """``extends: numbers``: number words, scales, qualifiers, patterns that are not figures, tolerances."""
    for key in ("words", "scales", "suffixes", "durations", "fractions", "ordinals", "clock_minutes"):
        if key in data:
            if not isinstance(data[key], dict) or not all(
                isinstance(v, (int, float)) for v in data[key].values()
            ):
                raise ConfigError(f"'{key}' must map words to numbers", path, line(key))
            target = pack.numbers.setdefault(key, {})
            if replace:
                target.clear()
            target.update({str(k).lower(): float(v) for k, v in data[key].items()})
    if "qualifiers" in data:
        q = data["qualifiers"]
        if not isinstance(q, dict):
            raise ConfigError("'qualifiers' must map a kind to a list of words", path, line("qualifiers"))
        target = pack.numbers.setdefault("qualifiers", {})
        for k, v in q.items():
            target.setdefault(str(k), [])
            if replace:
                target[str(k)] = []
            target[str(k)] += [w.lower() for w in _str_list(v, path, f"qualifiers.{k}", lambda: line("qualifiers"))]
    for key in ("range_openers", "range_connectors", "clock_past", "clock_to", "clock_hour"):
        if key in data:
            words = [w.lower() for w in _str_list(data[key], path, key, lambda key=key: line(key))]
            if any(not w.strip() for w in words):
                raise ConfigError(f"'{key}' must list words, not empty strings", path, line(key))
            target = pack.numbers.setdefault(key, [])
            if replace:
                target.clear()
            target += [w for w in words if w not in target]
    if "range_connector_openers" in data:
        m = data["range_connector_openers"]
        if not isinstance(m, dict):
            raise ConfigError("'range_connector_openers' must map a connector to a list of openers", path,
                              line("range_connector_openers"))
        target = pack.numbers.setdefault("range_connector_openers", {})
        if replace:
            target.clear()
        for k, v in m.items():
            words = [w.lower() for w in _str_list(v, path, f"range_connector_openers.{k}",
                                                  lambda: line("range_connector_openers"))]
            target[str(k).lower()] = sorted(set(target.get(str(k).lower(), [])) | set(words))
    if "not_figures" in data:
        pats = _str_list(data["not_figures"], path, "not_figures", lambda: line("not_figures"))
        for p_ in pats:
            try:
                compile_re2(_expand_figure_pattern(p_))
            except Exception as exc:  # noqa: BLE001 - RE2 raises its own error type
                raise ConfigError(f"'not_figures' pattern {p_!r} is not valid RE2: {exc}", path,
                                  line("not_figures")) from None
        target = pack.numbers.setdefault("not_figures", [])
        if replace:
            target.clear()
        target += pats
    if "rhetorical_count_max" in data:
        v = data["rhetorical_count_max"]
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0:
            raise ConfigError("'rhetorical_count_max' must be a number of at least 0", path, line("rhetorical_count_max"))
        pack.numbers["rhetorical_count_max"] = float(v)
    for key in ("approximate_tolerance", "bound_tolerance"):
        if key in data:
            v = data[key]
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v < 1:
                raise ConfigError(f"'{key}' must be a number in [0, 1)", path, line(key))
            pack.numbers[key] = float(v)


def _load_words(pack: RulePack, data: dict, kind: str, path: str, line: _Line, replace: bool, name: str) -> None:
    """``extends: hedges``, ``negation``, ``commitments`` or ``claims``: lists of words
    and phrases, merged without duplicates."""
    target = getattr(pack, kind)
    for key in KINDS[kind]:
        if key in data:
            words = [w.lower() for w in _str_list(data[key], path, key, lambda: line(key))]
            if replace or key not in target:
                target[key] = []
            target[key] += [w for w in words if w not in target[key]]


def _load_antonyms(pack: RulePack, data: dict, kind: str, path: str, line: _Line, replace: bool, name: str) -> None:
    """``extends: antonyms``: pairs of opposites."""
    pairs = data.get("pairs", [])
    if not isinstance(pairs, list) or not all(isinstance(p, list) and len(p) == 2 for p in pairs):
        raise ConfigError("'pairs' must be a list of [word, opposite] pairs", path, line("pairs"))
    if replace:
        pack.antonyms.clear()
    pack.antonyms += [(str(a).lower(), str(b).lower()) for a, b in pairs]


def _load_synonyms(pack: RulePack, data: dict, kind: str, path: str, line: _Line, replace: bool, name: str) -> None:
    """``extends: synonyms``: sets of words that mean the same."""
    sets = data.get("sets", [])
    if not isinstance(sets, list) or not all(isinstance(s, list) and len(s) >= 2 for s in sets):
        raise ConfigError("'sets' must be a list of lists of at least two words", path, line("sets"))
    if replace:
        pack.synonyms.clear()
    pack.synonyms += [[str(w).lower() for w in s] for s in sets]


def _load_nonclaims(pack: RulePack, data: dict, kind: str, path: str, line: _Line, replace: bool, name: str) -> None:
    """``extends: nonclaims``: what makes a sentence no claim."""
    if "openers" in data:
        pats = _str_list(data["openers"], path, "openers", lambda: line("openers"))
        for p in pats:
            try:
                compile_re2(p)
            except Exception as exc:  # re2.error
                raise ConfigError(f"invalid pattern {p!r} in 'openers': {exc}", path, line("openers")) from None
        if replace or "openers" not in pack.nonclaims:
            pack.nonclaims["openers"] = []
        pack.nonclaims["openers"] += pats
    if "imperatives" in data:
        words = [w.lower() for w in _str_list(data["imperatives"], path, "imperatives", lambda: line("imperatives"))]
        if replace or "imperatives" not in pack.nonclaims:
            pack.nonclaims["imperatives"] = []
        pack.nonclaims["imperatives"] += words
    if "heading_max_words" in data:
        v = data["heading_max_words"]
        if not isinstance(v, int) or v < 0:
            raise ConfigError("'heading_max_words' must be a whole number", path, line("heading_max_words"))
        pack.nonclaims["heading_max_words"] = v


def _load_settings(pack: RulePack, data: dict, kind: str, path: str, line: _Line, replace: bool, name: str) -> None:
    """``extends: settings``: thresholds, severities, disabled rules."""
    th = data.get("thresholds") or {}
    if not isinstance(th, dict):
        raise ConfigError("'thresholds' must be a mapping", path, line("thresholds"))
    for k, v in th.items():
        if k not in THRESHOLDS:
            raise ConfigError(f"unknown threshold '{k}'; allowed: {', '.join(sorted(THRESHOLDS))}", path, line("thresholds"))
        if not isinstance(v, (int, float)) or isinstance(v, bool) or v < 0:
            raise ConfigError(f"threshold '{k}' must be a non-negative number", path, line("thresholds"))
        pack.thresholds[k] = float(v)
    sev = data.get("severity") or {}
    if not isinstance(sev, dict):
        raise ConfigError("'severity' must map rule IDs to error|warning|info", path, line("severity"))
    for k, v in sev.items():
        _check_rule_id(k, path, lambda: line("severity"))
        if v not in LEVELS:
            raise ConfigError(f"severity of '{k}' must be one of error, warning, info", path, line("severity"))
        pack.severity[k] = v
    for rid in _str_list(data.get("disable") or [], path, "disable", lambda: line("disable")):
        _check_rule_id(rid, path, lambda: line("disable"))
        if rid not in pack.disable:
            pack.disable.append(rid)


def _load_terms(pack: RulePack, data: dict, kind: str, path: str, line: _Line, replace: bool, name: str) -> None:
    """``extends: existence`` or ``substitution``: a Vale-style term rule (forbidden terms,
    or preferred wording)."""
    level = data.get("level", "warning")
    if level not in LEVELS:
        raise ConfigError("'level' must be one of error, warning, info", path, line("level"))
    message = data.get("message")
    if not isinstance(message, str) or not message.strip():
        raise ConfigError("a term rule needs a 'message'", path, line("message") or 1)
    ignorecase = bool(data.get("ignorecase", True))
    patterns: list[tuple[str, Optional[str]]] = []
    if kind == "existence":
        for tok in _str_list(data.get("tokens") or [], path, "tokens", lambda: line("tokens")):
            patterns.append((tok, None))
    else:
        swap = data.get("swap") or {}
        if not isinstance(swap, dict) or not swap:
            raise ConfigError("'swap' must map terms to their replacements", path, line("swap"))
        patterns += [(str(k), str(v)) for k, v in swap.items()]
    if not patterns:
        raise ConfigError("a term rule needs at least one term", path, line("tokens") or line("swap") or 1)
    for pat, _ in patterns:
        try:
            compile_re2(rf"\b(?:{pat})\b", ignorecase)
        except Exception as exc:
            raise ConfigError(f"invalid pattern {pat!r}: {exc}", path, line("tokens") or line("swap")) from None
    pack.terms = [t for t in pack.terms if t.name != name]
    pack.terms.append(TermRule(name, kind, level, message, tuple(patterns), ignorecase, path))


#: One loader per ``extends:`` kind.
LOADERS: dict[str, Callable[..., None]] = {
    "numbers": _load_numbers,
    "hedges": _load_words,
    "negation": _load_words,
    "antonyms": _load_antonyms,
    "synonyms": _load_synonyms,
    "nonclaims": _load_nonclaims,
    "commitments": _load_words,
    "claims": _load_words,
    "settings": _load_settings,
    "existence": _load_terms,
    "substitution": _load_terms,
}


def _check_rule_id(rule_id: str, path: str, line: Callable[[], Optional[int]]) -> None:
    if rule_id not in RULES:
        raise ConfigError(f"unknown rule '{rule_id}'; known rules: {', '.join(RULES)}", path, line())


def _pack_files(root: Path) -> list[tuple[Path, str]]:
    if root.is_file():
        return [(root, root.stem)]
    if not root.is_dir():
        raise ConfigError("rule pack not found", str(root))
    files = sorted(p for p in root.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file()
                   and not any(part.startswith(".") for part in p.relative_to(root).parts))
    if not files:
        raise ConfigError("rule pack has no .yml files", str(root))
    out = []
    for p in files:
        rel = p.relative_to(root).with_suffix("")
        out.append((p, ".".join(rel.parts)))
    return out


def load_pack_into(pack: RulePack, source: Path | str) -> RulePack:
    """Merge one pack (a folder or a single YAML file) into ``pack``."""
    root = Path(source)
    for path, name in _pack_files(root):
        data, lines = _load_yaml(path)
        if data is None:
            continue
        if not isinstance(data, dict):
            raise ConfigError("a rule file must be a mapping with an 'extends' key", str(path), 1)
        _apply(pack, data, str(path), lines, name)
        pack.sources.append(str(path))
    return pack


def load_rules(extra: list[Path | str] | tuple = (), include_default: bool = True) -> RulePack:
    """The default pack, then each extra pack in order (later ones override earlier ones)."""
    pack = RulePack()
    if include_default:
        load_pack_into(pack, default_rules_dir())
    for src in extra:
        load_pack_into(pack, src)
    missing = THRESHOLDS - set(pack.thresholds)
    if missing:
        raise ConfigError(f"rule packs define no value for threshold(s) {', '.join(sorted(missing))}")
    return pack
