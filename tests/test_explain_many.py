"""`msglint explain` over several drafts, --only-problems, and the repaired suggestion of
a changed figure (the writer's own sentence with the approved figure put in)."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from linter.cli.main import cli

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_explain_takes_several_drafts_and_only_problems(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Mexico is a key partner in the defence of North America.\n"
                 "Last year the Foreign Military Sales budget was $1.5 billion.\n", encoding="utf-8")
    b.write_text("We will open a joint training centre in Monterrey next spring.\n", encoding="utf-8")
    everything = run("explain", "--corpus", CORPUS, a, b)
    assert everything.exit_code == 0, everything.output
    problems = run("explain", "--corpus", CORPUS, "--only-problems", a, b)
    assert problems.exit_code == 0, problems.output
    heads = [ln for ln in problems.stdout.splitlines() if not ln.startswith("    ")]
    assert len(heads) == 2, problems.stdout
    assert heads[0].startswith(f"{a}:2:1: contradicted") and heads[1].startswith(f"{b}:1:1: not covered")
    assert len([ln for ln in everything.stdout.splitlines() if not ln.startswith("    ")]) == 3

    out = json.loads(run("explain", "--corpus", CORPUS, "--format", "json", "--only-problems", a, b).stdout)
    assert [f["path"] for f in out["files"]] == [str(a), str(b)]
    assert [s["verdict"] for s in out["files"][0]["sentences"]] == ["contradicted"]


def test_a_changed_figure_suggests_the_writers_sentence_with_the_approved_figure(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("Last year the Foreign Military Sales budget was $1.5 billion.\n", encoding="utf-8")
    res = run("check", "--corpus", CORPUS, "--format", "json", draft)
    (f,) = [f for f in json.loads(res.stdout)["files"][0]["findings"] if f["rule"] == "figure-mismatch"]
    assert f["suggestion"] == "Last year the Foreign Military Sales budget was $1B."


def test_a_long_draft_reports_progress_sentence_by_sentence(tmp_path):
    """The hook the command line's progress bar hangs on: one update per sentence judged,
    and the bar closed when the draft is done."""
    from linter.api import Linter
    from linter.drafts import parse

    draft = parse("long.txt", "".join(f"The depot tests its wells every month, report {n}.\n" for n in range(12)))

    class Bar:
        def __init__(self):
            self.n, self.closed = 0, False

        def update(self, k):
            self.n += k

        def close(self):
            self.closed = True

    bars = []
    with Linter.open([CORPUS], cache=False) as lint:
        (checked,) = list(lint.check_many([draft], progress=lambda d: bars.append(Bar()) or bars[-1]))
    assert checked.sentences == 12
    assert bars[0].n == 12 and bars[0].closed
