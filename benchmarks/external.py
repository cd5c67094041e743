"""Secondary check on public claim/evidence benchmarks (VitaminC, FEVER-Symmetric).

These datasets judge truth, not message discipline, so they are only a check of figure and
contradiction handling: each row's ``evidence`` becomes the single approved line of a
one-document corpus and its ``claim`` is linted as the draft.  Verdicts map as the
datasets' READMEs suggest: SUPPORTS -> supported (no error or warning), REFUTES ->
contradicted (``contradiction`` or ``figure-mismatch``), NOT ENOUGH INFO -> not covered.

    python benchmarks/external.py [--limit N] [--digits-only] [PATH_TO_SHARED_EXTERNAL]

Prints, per dataset and label: rows, share flagged (error or warning), and the rules fired.
Nothing from the datasets is stored in the project.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from linter.checks.engine import Engine  # noqa: E402
from linter.corpus.quickresponse import parse_quick_response  # noqa: E402
from linter.model import Corpus  # noqa: E402
from linter.rulepack import load_rules  # noqa: E402

DETOK = [(r" -LRB- ", " ("), (r" -RRB-", ")"), (r"-LRB-", "("), (r"-RRB-", ")"), (r"`` ", '"'), (r" ''", '"'),
         (r" ([.,;:%?!])", r"\1"), (r"\$ (\d)", r"$\1"), (r" 's\b", "'s"), ("\ufffd", " ")]


def detok(text: str) -> str:
    for pat, rep in DETOK:
        text = re.sub(pat, rep, text)
    return " ".join(text.split())


def corpus_for(evidence: str) -> Corpus:
    text = f"EVIDENCE\n\nBackground: None.  PA posture is active.\n\nQ: What is known?\n\nA: {evidence}\n"
    return Corpus(tuple(parse_quick_response(text, "evidence.txt", "evidence")), "sha256:row")


def rows(path: Path, limit: int, digits_only: bool):
    n = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if digits_only and not re.search(r"\d", row["claim"]):
                continue
            yield row
            n += 1
            if n >= limit:
                return


def run(name: str, path: Path, pack, limit: int, digits_only: bool) -> None:
    stats: dict[str, Counter] = defaultdict(Counter)
    for row in rows(path, limit, digits_only):
        evidence, claim = detok(row["evidence"]), detok(row["claim"])
        try:
            engine = Engine(corpus_for(evidence), pack, as_of=dt.date(2026, 1, 1), cache=False)
        except Exception as exc:  # an evidence text the reader cannot take: count and go on
            stats[row["label"]]["unreadable"] += 1
            stats[row["label"]]["rows"] += 1
            print(f"  skipped {row.get('unique_id', row.get('id'))}: {type(exc).__name__}", file=sys.stderr)
            continue
        found = [f for f in engine.check(claim, "claim.txt") if f.severity in ("error", "warning")]
        c = stats[row["label"]]
        c["rows"] += 1
        c["flagged"] += bool(found)
        for f in {f.rule for f in found}:
            c[f] += 1
    print(f"\n{name}")
    for label in sorted(stats):
        c = stats[label]
        rules = ", ".join(f"{k} {v}" for k, v in sorted(c.items()) if k not in ("rows", "flagged"))
        print(f"  {label:16} rows {c['rows']:4}  flagged {c['flagged'] / max(c['rows'], 1):.2f}  ({rules})")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("external", nargs="?", default=str(ROOT.parent / "shared" / "external"))
    ap.add_argument("--limit", type=int, default=600, help="rows per dataset")
    ap.add_argument("--digits-only", action="store_true", help="only claims that contain a digit")
    args = ap.parse_args(argv)
    ext = Path(args.external)
    pack = load_rules()
    sets = [("VitaminC real (sample)", ext / "vitaminc" / "vitaminc_real_test_sample.jsonl"),
            ("FEVER-Symmetric dev", ext / "fever_symmetric" / "fever_symmetric_dev.jsonl")]
    found = False
    for name, path in sets:
        if path.is_file():
            found = True
            run(name, path, pack, args.limit, args.digits_only)
    if not found:
        print(f"no datasets under {ext}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
