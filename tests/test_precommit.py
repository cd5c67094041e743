"""The pre-commit hook: `pre-commit try-repo` on this checkout blocks an unvetted figure.

``try-repo`` builds its own virtualenv by pip-installing this repository (from its HEAD
commit plus uncommitted changes of tracked files), which needs PyPI and takes minutes:
marked ``slow``.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

FAITHFUL = ("Last year's Foreign Military Sales budget of $1B shows that Mexico sees us "
            "as its partner of choice.\n")
UNVETTED = "We will spend $40 million on a new joint training center in Monterrey next year.\n"


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)


def _try_repo(cwd, *files):
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "msglint", "--files", *files],
        cwd=cwd, capture_output=True, text=True, timeout=1800,
    )


def _is_git_checkout(path: Path) -> bool:
    """Whether ``path`` is the top of a git work tree (``try-repo`` clones it with git)."""
    if shutil.which("git") is None:
        return False
    res = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=path, capture_output=True, text=True)
    return res.returncode == 0 and Path(res.stdout.strip()).resolve() == path.resolve()


@pytest.mark.slow
def test_hook_blocks_unvetted_figure_and_passes_faithful_draft(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if not _is_git_checkout(REPO):
        pytest.skip("needs a git clone of msglint: pre-commit try-repo clones the repository with git "
                    "(this copy has no .git)")
    project = tmp_path / "project"
    project.mkdir()
    shutil.copytree(REPO / "corpus", project / "corpus")
    (project / ".msglint.yaml").write_text("corpus: corpus/\n", encoding="utf-8")
    (project / "faithful.md").write_text("# Remarks\n\n" + FAITHFUL, encoding="utf-8")
    (project / "unvetted.md").write_text("# Remarks\n\n" + UNVETTED, encoding="utf-8")
    # a statement repository also holds its approved documents and its own README
    (project / "README.md").write_text("# Statements\n\nWe spend $99 million a year on nothing.\n",
                                       encoding="utf-8")
    _git(project, "init", "-q")
    _git(project, "add", ".")

    bad = _try_repo(project, "unvetted.md")
    assert bad.returncode != 0, bad.stdout + bad.stderr
    assert "unvetted-figure" in bad.stdout, bad.stdout + bad.stderr

    corpus_doc = sorted(p.relative_to(project).as_posix() for p in (project / "corpus").glob("*.txt"))[0]
    good = _try_repo(project, "faithful.md", corpus_doc, "README.md")
    assert good.returncode == 0, good.stdout + good.stderr
