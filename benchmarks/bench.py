#!/usr/bin/env python
"""msglint performance benchmark.

Generates a deterministic synthetic corpus of quick-response documents and a ~2,000-word
draft drawn from it (under benchmarks/_work/), then times whole processes:

  floor      bare python: import spaCy, load msglint's pipeline (load_nlp), nlp.pipe the
             draft sentences
  warm@N     msglint check --format json, corpus of N documents, cache already built
  warm@10    the same with a corpus of the first 10 documents (own cache dir)
  cold       msglint check with an empty cache dir (whole process)
  bare-pipe  bare python: load_corpus + load_nlp + nlp.pipe over every approved and
             background sentence of the corpus
  edited     warm check after appending a sentence to one answer of one document (copy of
             the corpus, same cache dir)

msglint's own modules are byte-compiled first, as ``pip install`` does, so that no run pays
for compiling them (an editable install under PYTHONDONTWRITEBYTECODE=1 would otherwise
compile every module in every process).

Each figure is the median of --runs runs.  Measurements that are compared run in rounds,
side by side (bare-pipe and cold; then floor, warm@N, warm@10 and edited), so that a slow
spell on a shared machine does not fall on one of them only.  Peak memory is the child's
ru_maxrss, read with os.wait4 on that very process.  msglint exit code 1 (findings) counts as success.

Usage:
  python benchmarks/bench.py                 # 1000 documents, 3 runs
  python benchmarks/bench.py --docs 300 --runs 5
  python benchmarks/bench.py --quick         # 100 documents, 1 run (smoke test)
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / "_work"
REPO = HERE.parent

# ---------------------------------------------------------------------------------------
# synthetic corpus
# ---------------------------------------------------------------------------------------
COUNTRIES = ["Mexico", "Colombia", "Peru", "Chile", "Brazil", "Panama", "Honduras", "Guatemala",
             "Ecuador", "Paraguay", "Uruguay", "Bolivia", "Jamaica", "Haiti", "Belize", "Costa Rica",
             "the Philippines", "Vietnam", "Indonesia", "Thailand", "Kenya", "Ghana", "Senegal",
             "Nigeria", "Morocco", "Jordan", "Poland", "Romania", "Estonia", "Georgia"]
PROGRAMS = ["maritime security", "disaster relief", "border security", "counter-narcotics",
            "cyber defense", "medical readiness", "water testing", "port security", "aviation safety",
            "de-mining", "search and rescue", "veterinary outreach", "engineering", "logistics",
            "coastal surveillance", "peacekeeping training", "wildfire response", "flood control"]
ASSETS = ["patrol boats", "helicopters", "field hospitals", "radar stations", "water purification units",
          "training courses", "cargo aircraft", "mobile clinics", "generators", "bridges",
          "schools", "warehouses", "communication towers", "ambulances", "trucks"]
PEOPLE = ["sailors", "soldiers", "airmen", "engineers", "medics", "students", "residents", "officers",
          "inspectors", "volunteers", "pilots", "families", "farmers", "teachers", "patients"]
AGENCIES = ["the Department of State", "USAID", "the Coast Guard", "the Army Corps of Engineers",
            "the National Guard", "Southern Command", "the host government", "the Ministry of Defense",
            "the regional health authority", "the Inspector General", "the city council",
            "the Environmental Protection Agency"]
VERBS = ["delivered", "repaired", "inspected", "funded", "trained", "built", "completed", "supported",
         "equipped", "evacuated", "vaccinated", "screened"]
ADJS = ["strong", "productive", "steady", "close", "lasting", "effective", "growing", "reliable"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
HEDGES = ["According to the Inspector General, ", "Preliminary figures show that ", "We understand that ",
          "", "", "", ""]


def _money(rng):
    kind = rng.random()
    if kind < 0.3:
        return f"${rng.randint(1, 9)}B"
    if kind < 0.6:
        return f"${rng.randint(1, 900)} million"
    if kind < 0.8:
        return f"${rng.randint(1, 99)}.{rng.randint(1, 9)} million"
    return f"${rng.randint(10, 999)},{rng.randint(100, 999)}"


def _count(rng):
    n = rng.choice([rng.randint(2, 99), rng.randint(100, 999), rng.randint(1000, 99999)])
    return f"{n:,}"


def _pct(rng):
    return f"{rng.randint(2, 98)} percent"


def _date(rng):
    return f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2015, 2024)}"


def _answer_sentence(rng, ctx):
    c, p = ctx["country"], ctx["program"]
    a, pe, ag = rng.choice(ASSETS), rng.choice(PEOPLE), rng.choice(AGENCIES)
    t = rng.randrange(10)
    if t == 0:
        s = f"Since {_date(rng)}, {ag} has {rng.choice(VERBS)} {_count(rng)} {pe} in {c}."
    elif t == 1:
        s = f"The {p} program in {c} received {_money(rng)} in fiscal year {rng.randint(2016, 2024)}."
    elif t == 2:
        s = f"Our teams {rng.choice(VERBS)} {_count(rng)} {a} for the {p} effort."
    elif t == 3:
        s = f"About {_pct(rng)} of the {a} are now in service, up from {_pct(rng)} last year."
    elif t == 4:
        s = f"The partnership with {c} on {p} is {rng.choice(ADJS)} and it continues to grow."
    elif t == 5:
        s = f"{ag[0].upper() + ag[1:]} leads on {p}; we support that work and refer questions to them."
    elif t == 6:
        s = (f"{_count(rng)} {pe} completed {p} training at {rng.choice(['three', 'four', 'five', 'six'])} "
             f"sites by {_date(rng)}.")
    elif t == 7:
        s = f"The {a} cost {_money(rng)}, and {ag} paid {_pct(rng)} of that amount."
    elif t == 8:
        s = f"No {pe} were injured during the {p} exercise, and all {_count(rng)} participants returned safely."
    else:
        s = f"We expect the {p} work in {c} to finish by {_date(rng)}."
    hedge = rng.choice(HEDGES)
    if not hedge or s[0].isdigit():
        return s
    first, _, rest = s.partition(" ")
    if first[1:].islower():  # "The", "Our", "Since" -> lower case; keep "USAID"
        first = first.lower()
    return f"{hedge}{first} {rest}"


def _background_sentence(rng, ctx):
    c, p = ctx["country"], ctx["program"]
    t = rng.randrange(5)
    if t == 0:
        return f"A report released on {_date(rng)} said that {_pct(rng)} of {rng.choice(PEOPLE)} in {c} lack access to {p} services."
    if t == 1:
        return f"Local media have reported that {_count(rng)} {rng.choice(PEOPLE)} protested the {p} program."
    if t == 2:
        return f"Congress questioned the {_money(rng)} request for {p} in {c} during a hearing last month."
    if t == 3:
        return f"Reporters frequently ask whether the {p} effort in {c} is worth its cost."
    return f"{rng.choice(AGENCIES)[0].upper()}{rng.choice(AGENCIES)[1:]} estimates that {_count(rng)} {rng.choice(ASSETS)} need repair."


def _question(rng, ctx):
    c, p = ctx["country"], ctx["program"]
    return rng.choice([
        f"How much has the United States spent on {p} in {c}?",
        f"Is the {p} partnership with {c} working?",
        f"How many {rng.choice(PEOPLE)} have taken part in the {p} program?",
        f"When will the {p} work in {c} be finished?",
        f"Who is in charge of {p} in {c}?",
        f"Were any {rng.choice(PEOPLE)} hurt during the {p} exercises?",
        f"What has the {p} program achieved so far?",
    ])


def _wrap(text: str, rng, width: int = 88) -> str:
    """Hard line breaks inside sentences, like PDF extraction."""
    out, line = [], ""
    for w in text.split():
        if line and len(line) + 1 + len(w) > width - rng.randint(0, 12):
            out.append(line + (" " if rng.random() < 0.3 else ""))
            line = w
        else:
            line = f"{line} {w}" if line else w
    out.append(line)
    return "\n".join(out)


def make_document(rng, i):
    ctx = {"country": rng.choice(COUNTRIES), "program": rng.choice(PROGRAMS)}
    title = f"{ctx['country'].upper()} {ctx['program'].upper()} UPDATE {i:04d}"
    bg = [_background_sentence(rng, ctx) for _ in range(rng.randint(3, 4))]
    posture = rng.choice(["PA posture is RTQ.", "PA posture is active."])
    parts = [title, "", "Background: " + _wrap("  ".join(bg), rng) + "  " + posture, ""]
    answers = []
    for _ in range(rng.randint(5, 7)):
        sents = [_answer_sentence(rng, ctx) for _ in range(rng.randint(2, 4))]
        answers.append(sents)
        parts += [f"Q: {_question(rng, ctx)}", "", "A: " + _wrap("  ".join(sents), rng), ""]
    return "\n".join(parts) + "\n", answers


SYNONYMS = [("delivered", "provided"), ("repaired", "fixed"), ("continues to grow", "keeps growing"),
            ("Our teams", "Our people"), ("is now in service", "is in service today"),
            ("received", "got"), ("about", "roughly"), ("completed", "finished")]


def _paraphrase(rng, s):
    for a, b in SYNONYMS:
        if a in s and rng.random() < 0.5:
            s = s.replace(a, b, 1)
    return s


def _change_figure(rng, s):
    import re

    nums = list(re.finditer(r"\d+", s))
    if not nums:
        return s
    m = rng.choice(nums)
    return s[:m.start()] + str(int(m.group()) + rng.randint(1, 9)) + s[m.end():]


def make_draft(rng, docs_answers, words=2000):
    paras, para, count = [], [], 0
    paras.append("Remarks on our regional partnerships")
    opener = ["Thank you all for coming today.", "It is good to be here with so many partners."]
    para += opener
    count += sum(len(s.split()) for s in opener)
    while count < words:
        answers = rng.choice(docs_answers)
        s = rng.choice(rng.choice(answers))
        r = rng.random()
        if r < 0.1:
            s = _change_figure(rng, s)
        elif r < 0.6:
            s = _paraphrase(rng, s)
        para.append(s)
        count += len(s.split())
        if len(para) >= rng.randint(4, 7):
            paras.append(" ".join(para))
            para = []
    if para:
        paras.append(" ".join(para))
    paras.append("Thank you.")
    return "\n\n".join(paras) + "\n"


def generate(n_docs: int) -> dict:
    """Write corpora and the draft under _work/; return their paths."""
    rng = random.Random(0)
    docs = [make_document(rng, i) for i in range(n_docs)]
    draft = make_draft(rng, [a for _, a in docs])
    root = WORK / f"docs{n_docs}"
    if root.exists():
        shutil.rmtree(root)
    big, small = root / "corpus", root / "corpus10"
    big.mkdir(parents=True)
    small.mkdir()
    for i, (text, _) in enumerate(docs):
        (big / f"qr_{i:05d}.txt").write_text(text, encoding="utf-8")
        if i < 10:
            (small / f"qr_{i:05d}.txt").write_text(text, encoding="utf-8")
    (root / "draft.md").write_text(draft, encoding="utf-8")
    return {"root": root, "corpus": big, "corpus10": small, "draft": root / "draft.md",
            "words": len(draft.split())}


# ---------------------------------------------------------------------------------------
# measuring
# ---------------------------------------------------------------------------------------
FLOOR = """
import sys
from linter.analysis.pipeline import load_nlp
from linter.sentences import split_sentences
text = open(sys.argv[1], encoding="utf-8").read()
sents = [text[a:b] for a, b in split_sentences(text)]
nlp = load_nlp()
n = sum(1 for _ in nlp.pipe(sents, batch_size=64))
print(n)
"""

BARE_PIPE = """
import sys
from linter.analysis.pipeline import load_nlp
from linter.corpus import load_corpus
corpus = load_corpus(sys.argv[1])
texts = [ln.norm for doc in corpus.documents for ln in doc.approved_lines + doc.background]
nlp = load_nlp()
n = sum(1 for _ in nlp.pipe(texts, batch_size=64))
print(n)
"""


def msglint_cmd():
    exe = Path(sys.executable).with_name("msglint")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "linter"]


def measure(cmd, ok=(0,), env=None):
    """Run ``cmd`` as its own process; return (wall seconds, peak RSS in MB)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=REPO)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if proc.returncode not in ok:
        sys.exit(f"bench: command failed with exit {proc.returncode}: {' '.join(map(str, cmd))}\n"
                 + err.decode(errors="replace")[-2000:])
    return wall, usage.ru_maxrss / 1024.0  # KB on Linux


def check_cmd(corpus, cache, draft):
    return msglint_cmd() + ["check", "--corpus", str(corpus), "--cache-dir", str(cache),
                            "--format", "json", str(draft)]


def edit_copy(src: Path, dst: Path, run: int) -> None:
    """Copy the corpus and append a sentence to the first answer of one document."""
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)
    target = sorted(dst.iterdir())[len(list(dst.iterdir())) // 2]
    text = target.read_text(encoding="utf-8")
    i = text.index("\nA: ")
    j = text.index("\n\n", i + 1)
    extra = f"  The review found that {17 + run} inspectors visited {3 + run} sites in run {run}."
    target.write_text(text[:j] + extra + text[j:], encoding="utf-8")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="Examples:\n  python benchmarks/bench.py\n"
                                        "  python benchmarks/bench.py --quick --docs 20")
    ap.add_argument("--docs", type=int, default=None, help="corpus size (default 1000; 100 with --quick)")
    ap.add_argument("--runs", type=int, default=None, help="runs per measurement (default 3; 1 with --quick)")
    ap.add_argument("--quick", action="store_true", help="smoke run: 100 documents, 1 run")
    args = ap.parse_args(argv)
    n = args.docs or (100 if args.quick else 1000)
    runs = args.runs or (1 if args.quick else 3)
    if n < 10:
        ap.error("--docs must be at least 10")

    import compileall
    import linter

    compileall.compile_dir(str(Path(linter.__file__).parent), quiet=1)
    g = generate(n)
    root = g["root"]
    print(f"corpus: {n} documents in {g['corpus']}; draft: {g['words']} words; runs: {runs}", flush=True)
    env = dict(os.environ)
    env.pop("MSGLINT_CACHE_DIR", None)
    ok = (0, 1)
    py = sys.executable
    res: dict[str, list[tuple[float, float]]] = {}

    def rounds(jobs):
        """``runs`` rounds of ``(name, command, preparation)`` jobs, one of each per round:
        measurements that are compared run side by side, so a slow spell on a shared
        machine hits all of them rather than one."""
        for r in range(runs):
            for name, cmd, prep in jobs:
                if prep:
                    prep(r)
                res.setdefault(name, []).append(measure(cmd(r) if callable(cmd) else cmd, ok, env))
        for name, _, _ in jobs:
            print(f"  {name:<12} {statistics.median(t for t, _ in res[name]):8.2f} s", flush=True)

    cold_dirs = [root / f"cache_cold{r}" for r in range(runs)]

    def fresh(r):
        if cold_dirs[r].exists():
            shutil.rmtree(cold_dirs[r])

    # cold indexing against the bare pipe over the same text
    rounds([("bare-pipe", [py, "-c", BARE_PIPE, str(g["corpus"])], None),
            ("cold", lambda r: check_cmd(g["corpus"], cold_dirs[r], g["draft"]), fresh)])
    warm_cache = cold_dirs[0]  # built by the first cold run
    small_cache = root / "cache10"
    measure(check_cmd(g["corpus10"], small_cache, g["draft"]), ok, env)  # build its cache
    measure(check_cmd(g["corpus"], warm_cache, g["draft"]), ok, env)  # and the manifest
    edited = root / "corpus_edited"
    rounds([("floor", [py, "-c", FLOOR, str(g["draft"])], None),
            ("warm@N", check_cmd(g["corpus"], warm_cache, g["draft"]), None),
            ("warm@10", check_cmd(g["corpus10"], small_cache, g["draft"]), None),
            ("edited", lambda r: check_cmd(edited, warm_cache, g["draft"]),
             lambda r: edit_copy(g["corpus"], edited, r))])

    med = {k: statistics.median(t for t, _ in v) for k, v in res.items()}
    mem = {k: statistics.median(m for _, m in v) for k, v in res.items()}
    print()
    print(f"{'measurement':<14}{'median s':>10}{'peak MB':>10}")
    labels = {"warm@N": f"warm@{n}"}
    for k in ("floor", "warm@N", "warm@10", "cold", "bare-pipe", "edited"):
        print(f"{labels.get(k, k):<14}{med[k]:>10.2f}{mem[k]:>10.0f}")
    print()
    ratios = [
        ("warm/floor", med["warm@N"] / med["floor"], 1.3, ""),
        (f"warm@{n}/warm@10", med["warm@N"] / med["warm@10"], 1.2, ""),
        ("cold/bare-pipe", med["cold"] / med["bare-pipe"], 1.2, ""),
        ("edited/warm", med["edited"] / med["warm@N"], 1.5, ""),
        (f"peak MB warm@{n}", max(m for _, m in res["warm@N"]), 600, " MB"),
    ]
    print(f"{'ratio':<22}{'value':>10}  {'target':<10}result")
    for name, value, target, unit in ratios:
        verdict = "PASS" if value <= target else "MISS"
        shown = f"{value:.0f}" if unit else f"{value:.2f}"
        print(f"{name:<22}{shown:>10}  <={target:<8}{verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
