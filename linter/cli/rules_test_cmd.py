"""`msglint rules test PACK...`: run the ``examples`` of a rule pack's term rules.

A term rule file (``extends: existence`` or ``substitution``) may carry::

    examples:
      fire: [sentences the rule must flag]
      pass: [sentences it must leave alone]

Each sentence is checked on its own, with the default pack plus the given packs loaded,
against a tiny built-in corpus (one quick-response document), so that only the term rules
matter.  A ``fire`` sentence passes when at least one ``term`` finding names the rule
(its message ends with ``[<rule name>]``); a ``pass`` sentence when none does.

Prints one ``PASS``/``FAIL`` line per example sentence and a summary; exits 1 when any
example fails or the packs hold no examples, 0 otherwise.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click

TINY_DOC = """\
COMMUNITY OUTREACH EVENTS

Background: The base hosts two open days a year for the local community.  PA posture is active.

Q: Does the base hold open days?

A: Yes, the base holds two open days a year for the local community.
"""


def _term_hits(findings, name: str) -> list:
    tag = f"[{name}]"
    return [f for f in findings if f.rule == "term" and f.message.rstrip().endswith(tag)]


@click.command("test")
@click.argument("packs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--model", default=None, help="spaCy model name or path.")
def test(packs, model):
    """Run the examples of rule packs' term rules.

    Every 'fire' example must be flagged by its rule and every 'pass' example must not.

    \b
    Examples:
      msglint rules test examples/rule-packs/house-style/
      msglint rules test packs/a/ packs/b/Troops.yml
    """
    from ..checks.engine import Engine
    from ..corpus import load_corpus
    from ..rulepack import load_rules

    default_examples = len(load_rules().examples)
    pack = load_rules(list(packs))
    examples = pack.examples[default_examples:]
    if not examples:
        click.echo("no examples in the given rule packs (add 'examples: {fire: [...], pass: [...]}')")
        sys.exit(1)
    terms = {t.name for t in pack.terms}
    failures = total = 0
    with tempfile.TemporaryDirectory(prefix="msglint-rules-test-") as tmp:
        doc = Path(tmp) / "tiny_corpus.txt"
        doc.write_text(TINY_DOC, encoding="utf-8")
        corpus = load_corpus([str(doc)])
        engine = Engine(corpus, pack, model=model, cache=False)
        for path, name, fire, pass_ in examples:
            where = f"{name} ({path})"
            if name not in terms:
                total += 1
                failures += 1
                click.echo(f"FAIL {where}: examples are only run for existence/substitution rules")
                continue
            for kind, sentences in (("fire", fire), ("pass", pass_)):
                for sentence in sentences:
                    total += 1
                    hits = _term_hits(engine.check(sentence, "<example>"), name)
                    ok = bool(hits) if kind == "fire" else not hits
                    if ok:
                        click.echo(f"PASS {name} {kind}: {sentence}")
                    else:
                        failures += 1
                        why = ("no finding" if kind == "fire"
                               else "flagged: " + "; ".join(h.message for h in hits))
                        click.echo(f"FAIL {name} {kind}: {sentence}  ({why}; {path})")
    click.echo(f"{total - failures} passed, {failures} failed")
    sys.exit(1 if failures else 0)
