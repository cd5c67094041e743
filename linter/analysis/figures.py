"""Figures: find every figure in a sentence and normalise it to a comparable value.

``$1B`` = ``$1 billion`` = ``one billion dollars``; ``eight`` = ``8``; ``24 months`` =
``two years``; ``91 of 122`` = ``91 out of 122``; ``FY26`` = ``fiscal year 2026``;
``April 8`` matches ``April 8, 2026``.  Qualifiers (``more than``, ``nearly``, ``up to``) are
kept beside the value.  Number words, scales, units and qualifiers come from the rule
pack's ``numbers`` file.

The finder works on the raw sentence text with exact offsets; the spaCy component in
:mod:`linter.analysis.pipeline` adds what each figure counts (its head noun) from the parse.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}

_FULL_MONTH = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October"
                         r"|November|December)\b")

KINDS = ("money", "percent", "ratio", "range", "duration", "date", "time", "year", "phone",
         "ordinal", "count")


@dataclass(frozen=True)
class Figure:
    """One figure in a sentence.  Offsets are relative to the sentence text."""

    kind: str
    value: tuple  # normalised, see ``_value`` helpers; always a tuple for hashing
    text: str
    start: int
    end: int
    qualifier: Optional[str] = None  # "approximate", "lower-bound", "upper-bound"
    counts: str = ""  # lemma of what it counts (head noun), filled from the parse
    # What the figure is bound to in its sentence, filled from the parse: the predicate
    # that governs it (lemma) and its role there ("charged three with homicide": "charge",
    # "object").  Two figures with the same predicate and role state the same quantity.
    pred: str = ""
    role: str = ""

    def display(self) -> str:
        return " ".join(self.text.split())


class FigureFinder:
    """Compiled figure patterns for one rule pack."""

    def __init__(self, numbers: dict):
        self.words = {k: v for k, v in numbers.get("words", {}).items()}
        self.scales = dict(numbers.get("scales", {}))
        self.suffixes = dict(numbers.get("suffixes", {}))
        self.durations = dict(numbers.get("durations", {}))
        self.fractions = dict(numbers.get("fractions", {}))
        from ..rulepack import _expand_figure_pattern, compile_re2

        self.not_figures = [compile_re2(_expand_figure_pattern(p), ignorecase=False)
                            for p in numbers.get("not_figures", [])]
        self.ordinals = dict(numbers.get("ordinals", {}))
        self.connector_openers = {k.lower(): {o.lower() for o in v}
                                  for k, v in numbers.get("range_connector_openers", {}).items()}
        self.clock_minutes = dict(numbers.get("clock_minutes", {}))
        self.rhetorical_max = float(numbers.get("rhetorical_count_max", 0.0))
        self.tolerance = float(numbers.get("approximate_tolerance", 0.0))
        self.bound_tolerance = float(numbers.get("bound_tolerance", 0.0))
        self._number_words = {w for key in (self.words, self.scales) for phrase in key for w in phrase.split()}
        quals = numbers.get("qualifiers", {})
        self.qualifiers: list[tuple[str, str]] = sorted(
            ((phrase, kind) for kind, phrases in quals.items() for phrase in phrases),
            key=lambda pk: -len(pk[0]),
        )
        word_alt = "|".join(sorted(map(re.escape, self.words), key=len, reverse=True)) or "zzzz"
        scale_alt = "|".join(sorted(map(re.escape, self.scales), key=len, reverse=True)) or "zzzz"
        suffix_alt = "|".join(sorted(map(re.escape, self.suffixes), key=len, reverse=True)) or "zzzz"
        unit_alt = "|".join(sorted(map(re.escape, self.durations), key=len, reverse=True)) or "zzzz"
        month_alt = "|".join(sorted(MONTHS, key=len, reverse=True))
        # "between 3 and 5", "from 40 to 47": the words that open and join a range
        opener_alt = "|".join(sorted(map(re.escape, numbers.get("range_openers", [])), key=len, reverse=True)) or "zzzz"
        joiner_alt = "|".join(sorted(map(re.escape, numbers.get("range_connectors", [])), key=len, reverse=True)) or "zzzz"
        full_months = "|".join(m.capitalize() for m in MONTHS if len(m) > 3 or m == "may")

        alt = lambda words: "|".join(sorted(map(re.escape, words), key=len, reverse=True)) or "zzzz"  # noqa: E731
        tens = [w for w, v in self.words.items() if v in (20, 30)]
        ordinal_word = rf"(?:(?:{alt(tens)})[-\s]+)?(?:{alt(self.ordinals)})"
        clock_min = alt(self.clock_minutes)
        past_alt, to_alt = alt(numbers.get("clock_past", [])), alt(numbers.get("clock_to", []))
        hour_alt = alt(numbers.get("clock_hour", []))
        small = alt([w for w, v in self.words.items() if 1 <= v <= 59 and float(v).is_integer()])
        hour_w = rf"(?:{alt([w for w, v in self.words.items() if 1 <= v <= 12])}|\d{{1,2}})"
        ap = lambda n: rf"(?:\s*(?P<wap{n}>[ap]\.?\s?m\b\.?))?"  # noqa: E731
        digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
        frac_alt = "|".join(sorted(map(re.escape, self.fractions), key=len, reverse=True)) or "zzzz"
        sep = r"(?:-|\s+)"
        # "one point five", "one and a half", "a billion and a half", "half a billion":
        # a fraction counts only beside a number word or a scale, never alone ("half of them")
        wordnum = (rf"(?:(?:{frac_alt}){sep}a{sep}(?:{scale_alt})"
                   rf"|(?:{word_alt}|{scale_alt})(?:(?:-|\s+|\s+and\s+)(?:{word_alt}|{scale_alt}))*"
                   rf"(?:\s+point(?:\s+(?:{word_alt}))+(?:\s+(?:{scale_alt}))?)?"
                   rf"(?:{sep}and{sep}(?:a|one){sep}(?:{frac_alt})(?:{sep}(?:{scale_alt}))?|{sep}(?:{frac_alt}))?)")
        # "29 million", "29-million"; a scale word after "per" is a unit's denominator
        # ("10 parts per trillion"), not a number
        num = (rf"(?:(?:{digits})(?:(?:\s*|-)(?:{scale_alt})\b|(?:{suffix_alt})\b)?"
               rf"|\b(?<!\bper\s)(?:a\s+)?(?:{wordnum})\b)")
        self.num_re = re.compile(num, re.I)
        N = rf"(?P<n>{num})"
        N2 = rf"(?P<n2>{num})"
        flags = re.I
        self.patterns: list[tuple[str, re.Pattern]] = [
            ("phone", re.compile(r"(?<![\d-])(?:1[-. ])?\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}(?![\d-])")),
            ("time", re.compile(rf"\b(?P<h>\d{{1,2}})(?::(?P<mi>\d{{2}}))?\s*(?P<ap>[ap]\.?\s?m\b\.?)"
                                rf"|\b(?P<h2>\d{{1,2}}):(?P<mi2>\d{{2}})\b(?!\s*[ap]\.?\s?m)", flags)),
            # "half past four", "ten past nine", "quarter to five", "twenty minutes to six",
            # "four o'clock"
            ("clock", re.compile(
                rf"\b(?:a\s+)?(?P<wm>{clock_min}|(?:{small})(?:[-\s]+(?:{small}))?(?:\s+minutes?)?|\d{{1,2}}\s+minutes?)"
                rf"\s+(?P<dir>{past_alt})\s+(?P<wh>{hour_w})\b{ap(1)}"
                rf"|\b(?:a\s+)?(?P<wm2>{clock_min}|(?:(?:{small})(?:[-\s]+(?:{small}))?|\d{{1,2}})\s+minutes?)"
                rf"\s+(?:{to_alt})\s+(?P<wh2>{hour_w})\b{ap(2)}"
                rf"|\b(?P<wh3>{hour_w})\s*(?:{hour_alt}){ap(3)}", flags)),
            # "the second of June", "the 9th of June", "June the second"; "on the 9th"
            ("date", re.compile(
                rf"\b(?:the\s+)?(?P<od>{ordinal_word}|\d{{1,2}}(?:st|nd|rd|th))\s+of\s+(?P<mon6>{month_alt})\b"
                rf"(?:,?\s+(?P<y6>\d{{4}})\b)?"
                rf"|\b(?P<mon7>{full_months})\s+(?:the\s+)?(?P<od2>{ordinal_word})\b(?:,?\s+(?P<y7>\d{{4}})\b)?"
                rf"|\b(?:on|by|until|till|since|before|after|from)\s+the\s+(?P<od3>\d{{1,2}}(?:st|nd|rd|th))\b"
                rf"(?!\s*(?:-|–)?\s*[A-Za-z\d])", flags)),
            ("date", re.compile(
                rf"\b(?P<mon>{month_alt})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}})\b)?"
                rf"|\b(?P<d2>\d{{1,2}})\s+(?P<mon2>{month_alt})\b(?:,?\s+(?P<y2>\d{{4}})\b)?"
                rf"|\b(?P<mon3>{month_alt})\s+(?:of\s+)?(?P<y3>\d{{4}})\b"
                rf"|\b(?:the\s+)?end\s+of\s+(?:calendar\s+(?:year\s+)?)?(?P<y4>(?:19|20)\d{{2}})\b"
                # a month named on its own after a time preposition ("from April to late May"),
                # with the year of the month it is paired with ("April and May 2020")
                rf"|\b(?:in|from|to|through|thru|until|till|since|by|before|after|between|during|and|or|for)"
                rf"\s+(?:(?:late|early|mid)[\s-]+)?(?P<mon5>(?-i:{full_months}))\b(?!\.?\s*\d)"
                rf"(?=(?:\s*(?:to|through|thru|until|till|and|or|-|–)\s*(?:(?:late|early|mid)[\s-]+)?"
                rf"(?:{full_months})\s+(?P<y5>\d{{4}})\b)?)", flags)),
            ("year", re.compile(
                r"\b(?:fiscal(?:\s+year)?|FY|calendar\s+year|CY)\s*'?(?P<fy>\d{4}|\d{2})\b", flags)),
            ("money", re.compile(
                rf"(?:\$|US\$|USD\s?)\s*{N}|(?P<nb>{num})\s*(?:(?:U\.S\.|US)\s+)?dollars\b", flags)),
            ("percent", re.compile(rf"{N}\s*(?:%|percent\b|per\s+cent\b|percentage\s+points?\b)", flags)),
            ("ratio", re.compile(
                r"(?<![\d/.,])(?P<ns>\d{1,3}(?:,\d{3})+|\d+)\s?/\s?(?P<n2s>\d{1,3}(?:,\d{3})+|\d+)(?![\d/]|\.\d)"
                rf"|{N}\s+(?:out\s+of|of|in(?:\s+every)?)\s+(?:the\s+|our\s+|its\s+|their\s+|every\s+)?{N2}\b"
                rf"|(?P<nb>{num})(?:\s+[A-Za-z-]+){{1,4}}\s+out\s+of\s+(?P<n2b>{num})\b", flags)),
            # "from 40 to 47 feet", and "from 40 feet to 47 feet" with the unit word given twice
            ("range", re.compile(
                rf"\b(?:(?P<ro>{opener_alt})\s+)?(?P<n>{digits})"
                rf"(?:\s+(?!(?:{unit_alt})s?\b)(?P<ru>[A-Za-z]+))?\s*(?P<rj>{joiner_alt})\s*"
                rf"(?P<n2>{digits})(?(ru)\s+(?P=ru))\b(?!\s*(?:{unit_alt})s?\b)",
                flags)),
            # "three to five weeks", "between 3 and 5 days": one duration that is an interval
            ("duration", re.compile(
                rf"\b(?:(?P<ro>{opener_alt})\s+)?{N}\s*(?P<rj>{joiner_alt})\s*{N2}(?:\s+|-)(?P<unit>{unit_alt})s?\b",
                flags)),
            ("duration", re.compile(rf"{N}(?:\s+|-)(?:more\s+|additional\s+|full\s+)?(?P<unit>{unit_alt})s?\b", flags)),
            ("ordinal", re.compile(r"\b(?P<n>\d+)(?:st|nd|rd|th)\b", flags)),
            ("year", re.compile(r"(?<![\d,.$/-])\b(?P<y>(?:19|20)\d{2})\b(?![\d%]|[,.]\d|\s*(?:percent|dollars))", flags)),
            ("count", re.compile(N, flags)),
        ]

    # ---- numbers -----------------------------------------------------------------------
    def parse_number(self, text: str) -> Optional[float]:
        """``"1,850"`` -> 1850; ``"162.5K"`` -> 162500; ``"fifty thousand"`` -> 50000."""
        t = " ".join(text.lower().replace("-", " ").split())
        if t.startswith("a "):
            t = t[2:]
        m = re.match(r"^(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*([a-z]*)$", t)
        if m:
            value = float(m.group(1).replace(",", ""))
            tail = m.group(2)
            if not tail:
                return _clean(value)
            if tail in self.scales:
                return _clean(value * self.scales[tail])
            if tail in self.suffixes:
                return _clean(value * self.suffixes[tail])
            return None
        total, current, seen = 0.0, 0.0, False
        last_scale = 1.0
        words = t.split()
        i = 0
        while i < len(words):
            w = words[i]
            if (w == "and" and i + 2 < len(words) and words[i + 1] in ("a", "one")
                    and words[i + 2] in self.fractions):
                frac = self.fractions[words[i + 2]]  # "one and a half", "a billion and a half"
                if current:
                    current += frac
                else:
                    total += frac * last_scale
                i += 3
                continue
            if w in ("and", "a", "an"):
                i += 1
                continue
            if w == "point":  # "one point five": the digits after it
                digits = ""
                while i + 1 < len(words) and words[i + 1] in self.words and self.words[words[i + 1]] < 10:
                    digits += str(int(self.words[words[i + 1]]))
                    i += 1
                if not digits:
                    return None
                current += float("0." + digits)
            elif w in self.fractions:  # "one half", "two thirds", "half a billion"
                current = (current or 1.0) * self.fractions[w]
                seen = True
            elif w in self.words:
                current += self.words[w]
                seen = True
            elif w in self.scales:
                scale = self.scales[w]
                current = (current or 1.0) * scale
                if scale >= 1000:
                    total += current
                    current = 0.0
                    last_scale = scale
                seen = True
            else:
                return None
            i += 1
        return _clean(total + current) if seen else None

    def _has_number_word(self, text: str) -> bool:
        words = set(re.findall(r"[a-z]+", text.lower()))
        return not words.isdisjoint(self._number_words)

    def _qualifier(self, text: str, start: int) -> Optional[str]:
        # "more than (40)", "about [1,200]": the qualifier reaches into the parentheses
        before = " ".join(text[max(0, start - 30):start].lower().rstrip("([").split())
        for phrase, kind in self.qualifiers:
            if before.endswith(phrase) and (len(before) == len(phrase) or not before[-len(phrase) - 1].isalnum()):
                return kind
        return None

    # ---- finding -----------------------------------------------------------------------
    def find(self, text: str) -> list[Figure]:
        if (not any(ch.isdigit() for ch in text) and not self._has_number_word(text)
                and not _FULL_MONTH.search(text)):
            return []
        taken: list[tuple[int, int]] = []
        found: list[Figure] = []
        skip = _skip_spans(text)
        for rx in self.not_figures:
            skip += [m.span() for m in rx.finditer(text) if m.end() > m.start()]
        for kind, pattern in self.patterns:
            for m in pattern.finditer(text):
                a, b = m.span()
                if a == b or any(a < e and b > s for s, e in taken + skip):
                    continue
                fig = self._make(kind, m, text)
                if fig is None:
                    continue
                taken.append((fig.start, fig.end))
                found.append(fig)
        found.sort(key=lambda f: (f.start, f.end))
        return [f for f in found if not self._is_conversion(f, found, text)]

    def _is_conversion(self, fig: Figure, found: list[Figure], text: str) -> bool:
        """"12 litres (about 3 US gallons)", "40 miles (64 km)": a figure in parentheses that
        only restates the figure just before it in another unit is part of that figure, not
        a second one.  The parentheses must hold nothing but a qualifier, the number and its
        unit words, and the unit must differ."""
        if fig.kind not in ("count", "money"):
            return False
        open_at = text.rfind("(", 0, fig.start)
        if open_at < 0:
            return False
        inside = " ".join(text[open_at + 1:fig.start].lower().split())
        if inside and inside not in {p for p, k in self.qualifiers if k == "approximate"}:
            return False
        after = re.match(r"\s*((?:[A-Za-z][\w.]*\s*){1,3})\)", text[fig.end:])
        if not after:
            return False
        before = [f for f in found if f.end <= open_at and f.kind in ("count", "money", "duration", "range")]
        if not before:
            return False
        prev = before[-1]
        unit_before = re.fullmatch(r"\s*((?:[A-Za-z][\w.]*\s*){1,3})", text[prev.end:open_at])
        if not unit_before:
            return False
        return unit_before.group(1).lower().split() != after.group(1).lower().split()

    def _make(self, kind: str, m: re.Match, text: str) -> Optional[Figure]:
        a, b = m.span()
        g = {k: v for k, v in m.groupdict().items() if v is not None}
        if "nb" in g:
            g["n"] = g["nb"]
        if "n2b" in g:
            g["n2"] = g["n2b"]
        if "ns" in g:  # "95/122"; "9/11" and "4/15" are dates, not ratios
            a_, b_ = int(g["ns"].replace(",", "")), int(g["n2s"].replace(",", ""))
            if b_ <= 31 and a_ <= 12:
                return None
            g["n"], g["n2"] = g["ns"], g["n2s"]
        value: Optional[tuple] = None
        if kind == "phone":
            digits = re.sub(r"\D", "", m.group(0))
            value = (digits[-10:],)
        elif kind == "time":
            if "h2" in g:  # "4:15" with no a.m./p.m.: known only on a 12-hour clock
                h, mi = int(g["h2"]), int(g["mi2"])
                if h > 23 or mi > 59:
                    return None
                value = ((h * 60 + mi) % 720, False) if h <= 12 else (h * 60 + mi, True)
            else:
                h = int(g["h"]) % 12 + (12 if g["ap"].lower().startswith("p") else 0)
                value = (h * 60 + int(g.get("mi") or 0), True)
        elif kind == "clock":
            return self._clock(g, m, text)
        elif kind == "date" and ("od" in g or "od2" in g or "od3" in g):
            day = self._ordinal(g.get("od") or g.get("od2") or g.get("od3"))
            if day is None or not 1 <= day <= 31:
                return None
            mon = g.get("mon6") or g.get("mon7")
            if mon and mon.lower() in ("mar", "may", "dec", "jan") and mon[0].islower():
                return None
            year = g.get("y6") or g.get("y7")
            value = (int(year) if year else None, MONTHS[mon.lower()] if mon else None, day)
            if "od3" in g:  # "on the 9th": the figure is the day, not the preposition
                a = text.rfind("the", m.start(), m.start("od3"))
        elif kind == "date":
            if g.get("y4"):
                value = (int(g["y4"]), 12, None)
            elif g.get("mon5"):
                a, b = m.span("mon5")
                year = g.get("y5")
                value = (int(year) if year else None, MONTHS[g["mon5"].lower()], None)
            else:
                mon = g.get("mon") or g.get("mon2") or g.get("mon3")
                day = g.get("d") or g.get("d2")
                year = g.get("y") or g.get("y2") or g.get("y3")
                if mon.lower() == "may" and not day and not year:
                    return None
                if mon.lower() in ("mar", "may", "dec", "jan") and m.group(0)[0].islower():
                    return None  # "may 5" as a verb, "dec" etc. only capitalised
                if day and not 1 <= int(day) <= 31:
                    return None
                value = (int(year) if year else None, MONTHS[mon.lower().rstrip(".")], int(day) if day else None)
        elif kind == "year":
            y = g.get("fy") or g.get("y")
            year = int(y)
            if year < 100:
                year += 2000
            value = (year,)
        elif kind in ("money", "percent", "count", "ordinal"):
            n = self.parse_number(g["n"])
            if n is None:
                return None
            if kind == "count":
                raw = " ".join(g["n"].lower().split())
                if raw in ("one", "a", "an") or raw.startswith("a ") and raw[2:] in ("hundred", "thousand"):
                    return None  # "one of its servers", "a hundred ways": not figures
                if _in_identifier(text, a, b):
                    return None
            value = (n,)
        elif kind == "ratio":
            if " ".join(g["n"].lower().split()) in ("one", "a", "an") and \
                    re.match(r"\s*of\b", m.group(0)[len(g["n"]):], re.I):
                return None  # "one of the eight" names the eight, it is not a ratio ("one in five" is)
            n1, n2 = self.parse_number(g["n"]), self.parse_number(g["n2"])
            if n1 is None or n2 is None or n2 == 0 or n1 > n2:
                return None
            if re.fullmatch(r"(?:19|20)\d\d", g["n2"].strip()):
                return None  # "23 in 2024" is a count and a year, not a ratio
            value = (n1, n2)
        if "rj" in g and not self._joins(g["rj"], g.get("ro")):
            return None  # "in 1989, 2002 and 2007": two values of a list, not an interval
        if kind == "range":
            n1, n2 = self.parse_number(g["n"]), self.parse_number(g["n2"])
            if n1 is None or n2 is None or n1 >= n2:
                return None
            value = (n1, n2)
        elif kind == "duration":
            n = self.parse_number(g["n"])
            unit = g["unit"].lower()
            if n is None or unit not in self.durations:
                return None
            raw = " ".join(g["n"].lower().split())
            if raw in ("a", "an"):
                return None
            value = (round(n * self.durations[unit], 3),)
            if "n2" in g:  # "three to five weeks": the interval in days
                n2 = self.parse_number(g["n2"])
                if n2 is None or n2 <= n:
                    return None
                value = value + (round(n2 * self.durations[unit], 3),)
        if value is None:
            return None
        return Figure(kind, value, text[a:b], a, b, self._qualifier(text, a))

    def _joins(self, joiner: str, opener: Optional[str]) -> bool:
        """Does ``joiner`` make an interval after ``opener``?  Some connectors do only after
        their openers (``range_connector_openers``: "between 3 and 5" is a range, "3 and 5"
        two values)."""
        need = self.connector_openers.get(joiner.lower())
        return need is None or (opener is not None and opener.lower() in need)

    def _ordinal(self, text: str) -> Optional[int]:
        """``"9th"`` -> 9, ``"second"`` -> 2, ``"twenty-first"`` -> 21."""
        t = " ".join(text.lower().replace("-", " ").split())
        if t[:1].isdigit():
            return int(re.match(r"\d+", t).group(0))
        parts = t.split()
        if len(parts) == 2 and parts[0] in self.words and parts[1] in self.ordinals:
            return int(self.words[parts[0]] + self.ordinals[parts[1]])
        if len(parts) == 1 and parts[0] in self.ordinals:
            return int(self.ordinals[parts[0]])
        return None

    def _clock(self, g: dict, m: re.Match, text: str) -> Optional[Figure]:
        """A clock time in words, as a ``time`` figure (minutes after midnight; on a 12-hour
        clock unless it says a.m. or p.m.)."""
        def number(t: str) -> Optional[float]:
            t = re.sub(r"\s+minutes?$", "", " ".join(t.lower().split()))
            if t.startswith("a "):
                t = t[2:]
            if t in self.clock_minutes:
                return self.clock_minutes[t]
            return self.parse_number(t)
        hour = number(g.get("wh") or g.get("wh2") or g.get("wh3"))
        minutes = 0.0
        if "wm" in g:
            minutes = number(g["wm"])
        elif "wm2" in g:
            before = number(g["wm2"])
            minutes = None if before is None else 60 - before
            hour = None if hour is None else hour - 1
        if hour is None or minutes is None or not 0 <= hour <= 12 or not 0 <= minutes < 60:
            return None
        if not float(hour).is_integer() or not float(minutes).is_integer():
            return None
        total = int(hour) * 60 + int(minutes)
        ampm = g.get("wap1") or g.get("wap2") or g.get("wap3")
        if ampm:
            total = (total % 720) + (720 if ampm.lower().startswith("p") else 0)
            value = (total, True)
        else:
            value = (total % 720, False)
        a, b = m.span()
        return Figure("time", value, text[a:b], a, b, self._qualifier(text, a))

    # ---- comparing ---------------------------------------------------------------------
    def same_value(self, x: Figure, y: Figure) -> bool:
        """Do two figures state the same value (allowing for other formats and rounding)?"""
        kx, ky = _family(x.kind), _family(y.kind)
        if {x.kind, y.kind} == {"year", "date"}:
            # a bare year restates a date of that year: "2020" and "July 2020"
            yr, dt = (x, y) if x.kind == "year" else (y, x)
            return dt.value[0] is not None and dt.value[0] == yr.value[0]
        if self.interval_agrees(x, y):
            return True
        if kx != ky:
            return False
        if {x.qualifier, y.qualifier} == {"lower-bound", "upper-bound"}:
            return False  # "fewer than 40" is not "more than 40"
        if x.kind == "date" and y.kind == "date":
            if x.value[1] is None or y.value[1] is None:  # "on the 9th": the day must be given and agree
                return x.value[2] is not None and x.value[2] == y.value[2] and (
                    x.value[0] is None or y.value[0] is None or x.value[0] == y.value[0])
            return all(p is None or q is None or p == q for p, q in zip(x.value, y.value)) and x.value[1] == y.value[1]
        if x.kind == "time" and y.kind == "time":
            if x.value[1] and y.value[1]:
                return x.value[0] == y.value[0]
            return x.value[0] % 720 == y.value[0] % 720
        if x.kind in ("phone", "year", "ordinal") or len(x.value) != len(y.value):
            return x.value == y.value
        if x.kind == "ratio" and y.kind == "ratio":
            return abs(x.value[0] / x.value[1] - y.value[0] / y.value[1]) < 1e-9
        # Rounding is allowed for amounts only: a changed percentage is a changed figure.
        tol = self.tolerance if (x.qualifier or y.qualifier) and kx == "amount" else 0.0
        for p, q in zip(x.value, y.value):
            if not isinstance(p, (int, float)) or not isinstance(q, (int, float)):
                if p != q:
                    return False
                continue
            if abs(p - q) > max(1e-9 * max(abs(p), abs(q), 1.0), tol * max(abs(p), abs(q))):
                return len(x.value) == 1 and (self._within_bound(x, y) or self._within_bound(y, x))
        return True

    def interval(self, fig: Figure) -> Optional[tuple[tuple, float, float]]:
        """The values a figure allows, as ``(what, low, high)``; ``what`` says what is
        counted on which scale (an amount, a percentage, days, the part of a whole of N).

        Exact: one point.  Approximate ("about", "nearly"): the point widened by
        ``approximate_tolerance`` each way, for amounts and durations only (a percentage
        stays exact).  A bound: from the value to ``bound_tolerance`` beyond it, on its side
        (a bound far from the true value misleads).  A range: its two ends."""
        fam = _family(fig.kind)
        if fam == "range":
            fam = "amount"
        if fam == "ratio":
            if len(fig.value) != 2:
                return None
            what, vals = ("part of", fig.value[1]), (fig.value[0],)
        elif fam in ("amount", "percent", "duration"):
            what, vals = (fam,), fig.value
        else:
            return None
        if not vals or not all(isinstance(v, (int, float)) for v in vals):
            return None
        lo, hi = float(min(vals)), float(max(vals))
        q = fig.qualifier
        if q == "approximate" and fam in ("amount", "duration"):
            lo, hi = lo * (1 - self.tolerance), hi * (1 + self.tolerance)
        elif q == "lower-bound" and lo == hi:
            hi = lo * (1 + self.bound_tolerance)
            if fam == "ratio":
                hi = min(hi, float(fig.value[1]))
        elif q == "upper-bound" and lo == hi:
            lo = hi * (1 - self.bound_tolerance)
        return what, lo, hi

    def interval_agrees(self, draft: Figure, approved: Figure) -> bool:
        """The draft's figure asserts nothing the approved one excludes: the approved
        interval lies inside the draft's ("almost 5,000" for 4,870, "more than 20 of the 25"
        for 22 of 25, "three to five weeks" for "about four weeks"), or the approved figure
        is approximate and the draft's lies inside it ("4,900" for "about 5,000")."""
        if {draft.kind, approved.kind} == {"ratio", "percent"}:
            return self._share_agrees(draft, approved)
        d, a = self.interval(draft), self.interval(approved)
        if d is None or a is None or d[0] != a[0]:
            return False
        if draft.kind == "range" or approved.kind == "range":
            # a bare "X to Y" compares with an amount, but a year span is not a count
            if d[0] != ("amount",):
                return False
        eps = 1e-9 * max(abs(d[2]), abs(a[2]), 1.0)
        inside = lambda inner, outer: outer[1] - eps <= inner[1] and inner[2] <= outer[2] + eps  # noqa: E731
        if inside(a, d):
            return True
        return approved.qualifier == "approximate" and inside(d, a)

    def _share_agrees(self, x: Figure, y: Figure) -> bool:
        """A share and a percentage: "three in four" is 75 percent, and "two in three" is
        67 percent as a whole percentage rounds it; when either is hedged ("about 75
        percent") the approximate tolerance applies.  A bound on one side is not compared
        (it is a bound on a count, not a share)."""
        ratio, pct = (x, y) if x.kind == "ratio" else (y, x)
        if len(ratio.value) != 2 or not ratio.value[1] or len(pct.value) != 1:
            return False
        if {x.qualifier, y.qualifier} & {"lower-bound", "upper-bound"}:
            return False
        share, p = 100.0 * ratio.value[0] / ratio.value[1], float(pct.value[0])
        if "approximate" in (x.qualifier, y.qualifier):
            return abs(share - p) <= self.tolerance * max(share, p) + 0.5
        return abs(share - p) <= 0.5 + 1e-9

    def _within_bound(self, bound: Figure, exact: Figure) -> bool:
        """"more than 400" is consistent with 413, and "under $40 million" with $38.2
        million, when the value lies inside the bound and close to it."""
        if bound.qualifier not in ("lower-bound", "upper-bound") or exact.qualifier in ("lower-bound", "upper-bound"):
            return False
        if _family(bound.kind) not in ("amount", "percent"):
            return False
        b, v = bound.value[0], exact.value[0]
        if bound.qualifier == "lower-bound":
            return b <= v <= b * (1 + self.bound_tolerance)
        return b * (1 - self.bound_tolerance) <= v <= b


def _clean(x: float) -> float:
    """Drop binary floating-point noise: 16.4 * 1e6 is 16400000, not 16399999.999999998."""
    return float(f"{x:.12g}")


def _family(kind: str) -> str:
    # A bare count can restate a dollar amount ("up to fifty thousand").
    return "amount" if kind in ("count", "money") else kind


def _in_identifier(text: str, a: int, b: int) -> bool:
    """``Post-9/11``, ``F-35``, ``COVID-19``, thread numbering ``3/7``: not figures."""
    before = text[max(0, a - 2):a]
    after = text[b:b + 2]
    if re.search(r"[A-Za-z]-$", before) or re.match(r"^/\d", after) or re.search(r"\d/$", before):
        return True
    return False


_ENUMERATOR = re.compile(r"(?<![\w)\]])\((\d{1,2})\)(?=[\s.,;:!?)\]]|$)")


def _enumerators(text: str) -> list[tuple[int, int]]:
    """Enumerators inside a sentence: "(1) the budget; (2) the training".  A parenthesised
    number is one when it is "(1)", when the number before or after it is also there in
    parentheses, or when it opens the sentence and is below 10; a "(30)" or "(1,200)" on
    its own is a figure written in parentheses."""
    found = [(int(m.group(1)), m.span()) for m in _ENUMERATOR.finditer(text)]
    numbers = {n for n, _ in found}
    return [span for n, span in found
            if n == 1 or n - 1 in numbers or n + 1 in numbers
            or (n < 10 and not text[:span[0]].strip())]


def _skip_spans(text: str) -> list[tuple[int, int]]:
    """Spans that never hold figures: thread numbering at the start ("1/7"), enumerators."""
    spans = _enumerators(text)
    m = re.match(r"\s*\d{1,2}/\d{1,2}\b", text)
    if m:
        spans.append(m.span())
    return spans


def shift(fig: Figure, offset: int) -> Figure:
    return replace(fig, start=fig.start + offset, end=fig.end + offset)


def predicate_test(lexicon):
    """``same_pred(a, b)``: two predicate lemmas are the same predicate when they are one
    word or share a WordNet verb sense ("dismissed" / "fired", "start" / "begin")."""
    def same_pred(a: str, b: str) -> bool:
        if a == b:
            return True
        if not a or not b or lexicon is None or not lexicon.available:
            return False
        return bool(set(lexicon.synonym_keys(a, "v")) & set(lexicon.synonym_keys(b, "v")))

    return same_pred


def quantity_test(lexicon):
    """``same(fa, fb)``: two figures of one kind counting the same noun state the same
    quantity unless both are bound to different predicates or roles ("31,000 recruits
    attended" a course is not "162,500 recruits" brought in).  Predicates that share a
    WordNet sense are the same predicate (:func:`predicate_test`); a copular complement
    ("the budget was $1.2B") names its subject's value whatever verb the other line used."""
    same_pred = predicate_test(lexicon)

    def same(fa, fb) -> bool:
        if fa.kind != fb.kind or not fa.counts or fa.counts != fb.counts:
            return False
        if fa.kind in ("date", "year"):  # "the 2024 budget" dates the budget, it does not count it
            return False
        if fa.role == "attribute" or fb.role == "attribute" or not fa.pred or not fb.pred:
            return True
        return fa.role == fb.role and same_pred(fa.pred, fb.pred)

    return same
