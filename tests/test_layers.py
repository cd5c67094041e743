"""The layering contract (``[tool.importlinter]`` in pyproject.toml): each layer of the
flow imports only the layers below it, and no package's modules import each other in a
cycle.  Run here with import-linter, so a new upward import fails the suite."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

RUN = ("import sys; from importlinter.cli import lint_imports; "
       "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True, no_logo=True))")


def test_the_layering_contract_holds():
    res = subprocess.run([sys.executable, "-c", RUN], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "BROKEN" not in res.stdout


def test_the_library_touches_no_process_wide_setting():
    """gc.freeze, the switch interval and os._exit belong to the command line
    (linter/cli/process.py), never to the library a server imports."""
    offenders = []
    for path in sorted((REPO / "linter").rglob("*.py")):
        if "cli" in path.relative_to(REPO / "linter").parts:
            continue
        text = path.read_text(encoding="utf-8")
        for needle in ("gc.freeze", "setswitchinterval", "os._exit", "time.sleep("):
            if needle in text:
                offenders.append(f"{path.relative_to(REPO)}: {needle}")
    assert offenders == []
