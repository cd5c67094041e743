from .registry import Check
from .base import Hit


class TermRule(Check):
    """## What it does
    Runs the term rules of the loaded rule packs, in the spirit of Vale's `existence` and
    `substitution` checks: forbidden terms, and preferred wording with a suggested
    replacement.  Each pack rule carries its own message and severity; findings are
    reported under this rule ID with the pack rule's name in the message.

    ## Why is this bad?
    Offices have words they never use in public (internal jargon, outdated names) and
    preferred forms (`service members`, not `troops`).

    ## Example
    Our troops remain ready.  (with a pack rule preferring "service members")

    ## Use instead
    Our service members remain ready.
    """

    id = "term"
    severity = "warning"
    summary = "A term forbidden or replaced by a rule pack's term rules."
    scope = "text"
    precedence = 90

    def run(self, ev, ctx):
        hits = []
        text = ev.analysed.text
        for rule, compiled in ctx.term_patterns:
            severity = ctx.pack.severity.get(self.id, rule.level)  # the pack rule's level
            for (pattern, replacement), rx in zip(rule.patterns, compiled):
                for m in rx.finditer(text):
                    if m.end() <= m.start():
                        continue
                    found = text[m.start():m.end()]
                    if replacement is not None:
                        msg = rule.message.replace("%s", replacement, 1).replace("{match}", found)
                        msg = msg.replace("{replacement}", replacement)
                    else:
                        msg = rule.message.replace("%s", found, 1).replace("{match}", found)
                    hits.append(Hit(self.id, m.start(), m.end(), f"{msg} [{rule.name}]", (),
                                    replacement, severity))
        return hits
