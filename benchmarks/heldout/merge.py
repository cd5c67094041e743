"""Merge two independent labellings of a held-out case: where they disagree, the label is
``either`` (not scored).

    python benchmarks/heldout/merge.py benchmarks/heldout/<case>

reads ``labels.yaml`` (the author's) and ``labels_b.yaml`` (the second annotator's), writes
the merged labels back to ``labels.yaml`` (the author's labels are kept in
``labels_a.yaml``) and prints the agreement.  Sentences are matched by their text; a
sentence one annotator split differently keeps the author's label.
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

MUST_PASS = {"ok", "neutral"}


def merge(case: Path) -> tuple[int, int, int]:
    a_path, b_path = case / "labels.yaml", case / "labels_b.yaml"
    kept = case / "labels_a.yaml"
    source = kept if kept.exists() else a_path
    a = yaml.safe_load(source.read_text(encoding="utf-8"))
    b = yaml.safe_load(b_path.read_text(encoding="utf-8"))
    if not kept.exists():
        kept.write_text(a_path.read_text(encoding="utf-8"), encoding="utf-8")
    b_labels = {(d, e["text"]): e["label"] for d, es in (b.get("drafts") or {}).items() for e in es}
    same = differ = flag_pass = 0
    for draft, entries in a["drafts"].items():
        for e in entries:
            other = b_labels.get((draft, e["text"]))
            if other is None:
                continue
            if other == e["label"]:
                same += 1
                continue
            differ += 1
            if (other in MUST_PASS) != (e["label"] in MUST_PASS):
                flag_pass += 1
            e["note"] = f"annotators disagreed ({e['label']} / {other}); " + str(e.get("note", ""))
            e["label"] = "either"
    header = "".join(line + "\n" for line in source.read_text(encoding="utf-8").splitlines()
                     if line.startswith("#"))
    header += f"# Merged with labels_b.yaml: {same} agreed, {differ} disagreed (now 'either').\n"
    a_path.write_text(header + yaml.safe_dump(a, sort_keys=False, allow_unicode=True, width=120),
                      encoding="utf-8")
    return same, differ, flag_pass


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        s, d, fp = merge(Path(arg))
        print(f"{arg}: {s} agreed, {d} disagreed ({fp} of them must-flag against must-pass)")
