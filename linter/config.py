"""Configuration: ``.msglint.yaml`` (nearest one walking up from the linted file) or
``[tool.msglint]`` in ``pyproject.toml``; ``--config`` and ``MSGLINT_CONFIG`` override the
search; command-line options override the file.

Keys: ``corpus`` (path or list, relative to the config file), ``model``, ``rules`` (extra
packs), ``severity`` (rule ID -> error|warning|info), ``disable`` (rule IDs), ``ignore``
(globs of files not to lint), ``fail-on``, ``min-severity``, ``as-of``, ``format``.
"""
from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from .errors import ConfigError
from .ruleids import RULES

KEYS = ("corpus", "model", "rules", "severity", "disable", "ignore", "fail-on", "min-severity",
        "as-of", "format")
CONFIG_NAMES = (".msglint.yaml", ".msglint.yml")


@dataclass
class Settings:
    corpus: tuple[str, ...] = ()
    model: Optional[str] = None
    rules: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    disable: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "warning"
    min_severity: str = "info"
    as_of: Optional[_dt.date] = None
    format: str = "text"
    source: Optional[str] = None  # the config file used


#: What ``format:`` may name (the formats of ``msglint check --format``; ``html`` and ``docx``
#: still need ``-o`` or, for html, a pipe).
CHECK_FORMATS = ("text", "line", "json", "sarif", "github", "html", "docx")


def find_config(start: Path) -> Optional[Path]:
    """The nearest config file at or above ``start`` (a file or folder)."""
    here = start.resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        py = folder / "pyproject.toml"
        if py.is_file() and _pyproject_table(py) is not None:
            return py
    return None


def _pyproject_table(path: Path) -> Optional[dict]:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore
        except ImportError:
            return None
    from .textio import read_text

    try:
        data = tomllib.loads(read_text(path))
    except Exception as exc:
        raise ConfigError(f"invalid TOML: {exc}", str(path)) from None
    table = data.get("tool", {}).get("msglint")
    return table if isinstance(table, dict) else None


def load_config(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """The raw mapping of a config file and the line of each key (when known)."""
    from .textio import read_text

    if path.name == "pyproject.toml":
        table = _pyproject_table(path)
        if table is None:
            raise ConfigError("has no [tool.msglint] table", str(path))
        return table, {}
    import yaml

    text = read_text(path, max_bytes=1024 * 1024)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(f"invalid YAML: {getattr(exc, 'problem', None) or exc}", str(path),
                          mark.line + 1 if mark else None) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError("a configuration file must be a mapping of keys to values", str(path), 1)
    lines = {}
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        if isinstance(node, yaml.MappingNode):
            lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    except yaml.YAMLError:
        pass
    return data, lines


def _as_list(value, key, path, line) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"'{key}' must be a string or a list of strings", path, line)


def settings_from_file(path: Path) -> Settings:
    data, lines = load_config(path)
    sp = str(path)
    base = path.parent
    s = Settings(source=sp)
    for key, value in data.items():
        line = lines.get(str(key))
        if key not in KEYS:
            raise ConfigError(f"unknown key '{key}'; allowed keys: {', '.join(KEYS)}", sp, line)
        if key == "corpus":
            s.corpus = tuple(str((base / p)) for p in _as_list(value, key, sp, line))
        elif key == "rules":
            s.rules = tuple(str((base / p)) for p in _as_list(value, key, sp, line))
        elif key == "model":
            if not isinstance(value, str):
                raise ConfigError("'model' must be a string", sp, line)
            s.model = value
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError("'severity' must map rule IDs to error, warning or info", sp, line)
            for rid, lvl in value.items():
                if rid not in RULES:
                    raise ConfigError(f"'severity' names unknown rule '{rid}'", sp, line)
                if lvl not in ("error", "warning", "info"):
                    raise ConfigError(f"severity of '{rid}' must be error, warning or info", sp, line)
            s.severity = dict(value)
        elif key == "disable":
            s.disable = _as_list(value, key, sp, line)
            for rid in s.disable:
                if rid not in RULES:
                    raise ConfigError(f"'disable' names unknown rule '{rid}'", sp, line)
        elif key == "ignore":
            s.ignore = _as_list(value, key, sp, line)
        elif key in ("fail-on", "min-severity"):
            allowed = ("error", "warning", "info", "never") if key == "fail-on" else ("error", "warning", "info")
            if value not in allowed:
                raise ConfigError(f"'{key}' must be one of {', '.join(allowed)}", sp, line)
            setattr(s, key.replace("-", "_"), value)
        elif key == "as-of":
            if isinstance(value, _dt.date):
                s.as_of = value
            else:
                try:
                    s.as_of = _dt.date.fromisoformat(str(value))
                except ValueError:
                    raise ConfigError("'as-of' must be a date (YYYY-MM-DD)", sp, line) from None
        elif key == "format":
            if value not in CHECK_FORMATS:
                raise ConfigError(f"'format' must be one of {', '.join(CHECK_FORMATS)}", sp, line)
            s.format = value
    return s


def resolve_settings(opts: dict) -> Settings:
    """File settings (if any) overridden by the command-line options in ``opts``."""
    explicit = opts.get("config_path") or os.environ.get("MSGLINT_CONFIG")
    path: Optional[Path] = None
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError("configuration file not found", str(path))
    else:
        paths = [p for p in (opts.get("paths") or ()) if p != "-"]
        start = Path(paths[0]) if paths else Path.cwd()
        if opts.get("stdin_filename") and not paths:
            start = Path(opts["stdin_filename"])
        path = find_config(start if start.exists() else Path.cwd())
    s = settings_from_file(path) if path else Settings()
    if opts.get("corpus"):
        s.corpus = tuple(opts["corpus"])
    if opts.get("rules"):
        s.rules = s.rules + tuple(opts["rules"])
    if opts.get("model"):
        s.model = opts["model"]
    if opts.get("fail_on"):
        s.fail_on = opts["fail_on"]
    if opts.get("min_severity"):
        s.min_severity = opts["min_severity"]
    if opts.get("as_of"):
        s.as_of = opts["as_of"]
    if opts.get("fmt"):
        s.format = opts["fmt"]
    return s
