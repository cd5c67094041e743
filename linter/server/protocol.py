"""The language server: LSP over stdio, built on pygls.

What a client sees:

* ``textDocument/publishDiagnostics`` after open, change (debounced) and save of a plain
  text or Markdown draft: one diagnostic per finding, ``code`` the rule ID, ``source``
  ``msglint``, the severity mapped, related information pointing at the approved line;
* ``textDocument/codeAction``: a quick fix that puts the approved wording in place of the
  sentence (only the characters that differ are replaced);
* ``textDocument/hover`` on a finding: the message, the evidence line and where it lives;
* ``window/showMessage`` when the configuration or the corpus has a problem, and
  ``window/logMessage`` for what each lint did.  A problem is a message, never an exit.

Concurrency: handlers run on the asyncio loop; opening the corpus and linting run in one
worker thread (the spaCy pipeline serves one caller at a time), one job at a time under
:attr:`MsglintServer.turn`.  A change during typing (within :data:`BURST` of the previous
one) waits :data:`DEBOUNCE` seconds before its lint, a change after a pause none; a newer
change cancels the pending lint of an older version, and the result of a lint whose
document changed meanwhile is dropped, not published.

Size: a document longer than :data:`MAX_DOCUMENT_CHARS` (1,000,000 characters) is not
linted (spaCy would hold the one worker for minutes, and every other document's lint
behind it); it gets one diagnostic at its start, severity Warning, saying it was not
checked because of its size and naming the limit.  A change that brings it under the
limit is linted as usual.

Document keys: a URI may come percent-encoded (``file:///tmp/my%20draft.md``,
``file:///tmp/caf%C3%A9.md``) and pygls' workspace stores each document under the decoded
form, so every store and lookup here goes through :func:`doc_key`; diagnostics are
published under the URI the client sent in ``didOpen`` (:attr:`MsglintServer.sent`).
"""
from __future__ import annotations

import asyncio
import os
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional
from urllib.parse import unquote

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidRequest
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import from_fs_path, to_fs_path

from .._version import __version__
from ..errors import MsglintError
from ..model import Draft, Finding
from ..textio import is_within
from .analyses import SentenceCache
from .positions import Lines, normalise, units
from .session import Session, resolve_settings

# A change that follows another within BURST seconds (typing) waits DEBOUNCE seconds for
# the next one before it is linted; a change after a pause is linted at once.  Either way
# a newer version cancels the pending lint of an older one, and while a lint runs only the
# newest version waits for the next turn.
DEBOUNCE = 0.05
MAX_DOCUMENT_CHARS = 1_000_000  # a longer document is not linted: one diagnostic says so
BURST = 0.15
SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}
# Which reader a document gets: by language ID first, then by file name suffix.
MARKDOWN_LANGUAGES = ("markdown", "gfm")
TEXT_LANGUAGES = ("plaintext", "text", "txt")
CONFIG_GLOB = "**/{.msglint.yaml,.msglint.yml,pyproject.toml}"
WATCH_ID = "msglint-corpus-watch"
WARM_UP = "The committee approved $3 million on May 4, 2024, and about 40 percent of it is spent."


def doc_key(uri: str) -> str:
    """The one key an open document is stored and looked up under: its URI with
    percent-escapes decoded (as pygls' workspace keys its documents), so ``my%20draft.md``
    and ``my draft.md``, ``%C3%A9`` and ``%c3%a9`` name the same document."""
    return unquote(uri)


def draft_kind(uri: str, language_id: Optional[str]) -> Optional[str]:
    """``"markdown"``, ``"text"`` or None (not a draft msglint reads)."""
    from ..drafts import MARKDOWN_SUFFIXES

    lang = (language_id or "").lower()
    if lang in MARKDOWN_LANGUAGES:
        return "markdown"
    if lang in TEXT_LANGUAGES:
        return "text"
    name = uri.lower().split("?")[0]
    if name.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    if name.endswith((".txt", ".text")):
        return "text"
    return None


def read_draft(name: str, text: str, kind: str) -> Draft:
    """The draft for an editor buffer, read as Markdown or plain text (as
    :func:`linter.drafts.parse` would read a file of that kind)."""
    from ..drafts import build

    if kind == "markdown":
        from ..drafts.markdown import markdown_units

        units, notices = markdown_units(text)
        return build(name, text, units, markdown=True, notices=notices)
    from ..drafts.plain import plain_units

    return build(name, text, plain_units(text))


@dataclass
class Linted:
    """One lint of one version of a document."""

    version: Optional[int]
    draft: Draft
    lines: Lines
    findings: list[Finding]
    diagnostics: list[types.Diagnostic]


@dataclass
class DocState:
    pending: Optional[asyncio.Task] = None
    linted: Optional[Linted] = None
    changed_at: float = float("-inf")  # loop time of the latest change


@dataclass
class Status:
    """Why the server has no session (shown once per distinct problem)."""

    problem: Optional[str] = None
    shown: set = field(default_factory=set)


class MsglintProtocol(LanguageServerProtocol):
    """pygls' protocol with the LSP lifecycle kept strictly: a second ``initialize`` is an
    InvalidRequest error (the open documents stay), a second ``shutdown`` is answered, and
    any other request after ``shutdown`` gets an InvalidRequest error instead of silence."""

    def handle_message(self, message):
        method = getattr(message, "method", None)
        msg_id = getattr(message, "id", None)
        is_request = method is not None and msg_id is not None
        if is_request and method == types.INITIALIZE and self._workspace is not None:
            self._send_response(msg_id, None, JsonRpcInvalidRequest(
                "the server is already initialized").to_response_error())
            return
        if is_request and self._shutdown and method != types.EXIT:
            if method == types.SHUTDOWN:
                self._send_response(msg_id, None)
                return
            self._send_response(msg_id, None, JsonRpcInvalidRequest(
                f"the server is shut down: {method} refused").to_response_error())
            return
        super().handle_message(message)


class MsglintServer(LanguageServer):
    def __init__(self):
        super().__init__("msglint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
                         protocol_cls=MsglintProtocol)
        self.worker = ThreadPoolExecutor(1, thread_name_prefix="msglint-lint")
        self.cache = SentenceCache()
        self.session: Optional[Session] = None
        self.status = Status()
        self.options: Optional[dict] = None
        self.root: Optional[Path] = None
        self.docs: dict[str, DocState] = {}  # by doc_key()
        self.sent: dict[str, str] = {}  # doc_key() -> the URI the client opened it under
        self.debounce = DEBOUNCE
        self._turn: Optional[asyncio.Lock] = None
        self._watching: list[str] = []
        self._reload_task: Optional[asyncio.Task] = None
        self._started: set = set()  # lint tasks past their wait: not cancelled any more
        self._said_not_checked: set = set()  # corpus files open in the editor (doc_key()), told once
        self.after_open = None  # called after each successful open (see linter.server.serve)

    @property
    def turn(self) -> asyncio.Lock:
        """One job (open, reload, lint) at a time; created on the running loop."""
        if self._turn is None:
            self._turn = asyncio.Lock()
        return self._turn

    async def run(self, fn, *args):
        return await asyncio.get_running_loop().run_in_executor(self.worker, fn, *args)

    # -- messages ----------------------------------------------------------------------------
    def show(self, message: str, kind=types.MessageType.Warning) -> None:
        self.window_show_message(types.ShowMessageParams(type=kind, message=f"msglint: {message}"))
        self.log(message, kind)

    def log(self, message: str, kind=types.MessageType.Log) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=f"msglint: {message}"))

    def _problem(self, message: str) -> None:
        """Show a problem once: the same problem again (each save of a broken file) is
        only logged."""
        self.status.problem = message
        if message in self.status.shown:
            self.log(message, types.MessageType.Error)
            return
        self.status.shown.add(message)
        self.show(message, types.MessageType.Error)

    # -- opening the corpus ------------------------------------------------------------------
    def _open_sync(self) -> tuple[Session, object]:
        settings = resolve_settings(self.root, self.options)
        session = Session(settings)
        opened = session.open()
        # The first lint pays for what spaCy and the lexicon load lazily; pay it here.
        session.check(read_draft("warm-up.txt", WARM_UP, "text"), SentenceCache(limit=16))
        return session, opened

    async def open_session(self, reason: str) -> bool:
        """(Re)open the session; the turn must be held.  On failure the previous session,
        if any, stays in use.  True when a new session was opened."""
        t0 = time.perf_counter()
        try:
            session, opened = await self.run(self._open_sync)
        except MsglintError as exc:
            keep = " (still using the corpus as last read)" if self.session else ""
            self._problem(f"{exc}{keep}")
            return False
        except Exception as exc:  # a bug must not take the editor's linter down
            self.log(traceback.format_exc(), types.MessageType.Error)
            self._problem(f"cannot open the corpus: {type(exc).__name__}: {exc}")
            return False
        self.session = session
        if self.after_open is not None:
            self.after_open()
        self.status = Status(shown={m for m in self.status.shown if m in opened.warnings})
        for note in opened.warnings:
            if note not in self.status.shown:
                self.show(note)
                self.status.shown.add(note)
        for note in opened.info:
            self.log(note, types.MessageType.Info)
        self.log(f"ready ({reason}) in {time.perf_counter() - t0:.2f} s", types.MessageType.Info)
        await self.watch(session)
        return True

    async def watch(self, session: Optional[Session]) -> None:
        """Ask the client to tell us when the corpus, the rule packs or a config file
        change (when it can register watchers)."""
        caps = self.client_capabilities.workspace
        watched = caps.did_change_watched_files if caps else None
        if not watched or not watched.dynamic_registration:
            return
        paths = sorted(session.watched()) if session else []
        if paths == self._watching and self._watching:
            return
        relative = bool(watched.relative_pattern_support)
        watchers = [types.FileSystemWatcher(glob_pattern=self._pattern(self.root, CONFIG_GLOB, relative))
                    ] if self.root else []
        for p in paths:
            if os.path.isdir(p):
                watchers.append(types.FileSystemWatcher(glob_pattern=self._pattern(Path(p), "**/*", relative)))
            else:
                watchers.append(types.FileSystemWatcher(
                    glob_pattern=self._pattern(Path(p).parent, Path(p).name, relative)))
        try:
            if self._watching:
                await asyncio.wait_for(self.client_unregister_capability_async(types.UnregistrationParams(
                    [types.Unregistration(WATCH_ID, types.WORKSPACE_DID_CHANGE_WATCHED_FILES)])), 5)
            await asyncio.wait_for(self.client_register_capability_async(types.RegistrationParams([
                types.Registration(WATCH_ID, types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                   types.DidChangeWatchedFilesRegistrationOptions(watchers))])), 5)
            self._watching = paths
        except Exception as exc:  # the stat check before each lint still sees changes
            self.log(f"the client did not register the corpus watcher ({exc}); changes are noticed "
                     "by checking the files before each lint", types.MessageType.Info)

    @staticmethod
    def _pattern(folder: Path, pattern: str, relative: bool):
        if relative:
            return types.RelativePattern(base_uri=from_fs_path(str(folder)), pattern=pattern)
        return str(folder).replace(os.sep, "/").rstrip("/") + "/" + pattern

    def touches(self, path: str) -> bool:
        """Whether a change to ``path`` may change what the server checks against."""
        name = os.path.basename(path)
        if name in (".msglint.yaml", ".msglint.yml", "pyproject.toml"):
            return True
        if self.session is None:
            return False
        return is_within(path, self.session.watched())

    def reload_soon(self, reason: str) -> None:
        """Reopen the session, then lint every open document again (coalesced: one reload
        pending at a time)."""
        if self._reload_task is not None and not self._reload_task.done():
            return
        self._reload_task = asyncio.ensure_future(self._reload(reason))

    async def _reload(self, reason: str) -> None:
        async with self.turn:
            self._reload_task = None  # a change from now on needs another reload
            changed = await self.open_session(reason)
        if changed or self.session is None:
            self.relint_all()

    def document(self, uri: str):
        """The open document ``uri`` names (in whatever percent-encoding), or None."""
        return self.workspace.text_documents.get(doc_key(uri))

    def open_uris(self) -> list[str]:
        """The open documents, each by the URI the client sent."""
        return [self.sent.get(key, key) for key in list(self.workspace.text_documents)]

    def relint_all(self) -> None:
        for uri in self.open_uris():
            self.schedule(uri, 0)

    # -- linting -----------------------------------------------------------------------------
    def schedule(self, uri: str, delay: float) -> None:
        state = self.docs.setdefault(doc_key(uri), DocState())
        old = state.pending
        if old is not None and not old.done() and old not in self._started:
            old.cancel()  # still waiting: superseded by this newer version
        # (a lint that has started runs to its end, so a reload it began is not lost; its
        # result is dropped if the document changed meanwhile)
        state.pending = asyncio.ensure_future(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        reload = False
        async with self.turn:
            task = asyncio.current_task()
            self._started.add(task)
            task.add_done_callback(self._started.discard)
            if self.session is not None and await self.run(self.session.stale):
                reload = await self.open_session("the corpus files changed")
            await self._lint(uri)
        if reload:
            for other in self.open_uris():
                if doc_key(other) != doc_key(uri):
                    self.schedule(other, 0)

    async def _lint(self, uri: str) -> None:
        uri = self.sent.get(doc_key(uri), uri)  # published as the client opened it
        doc = self.document(uri)
        if doc is None:
            return
        kind = draft_kind(uri, doc.language_id)
        path = to_fs_path(uri) or uri
        session = self.session
        if kind is None:
            return
        if session is None or session.owns(path):  # nothing to check against, or a corpus file
            self.publish(uri, doc.version, [])
            if session is not None and doc_key(uri) not in self._said_not_checked:
                # no diagnostics must not read as "checked and clean": say why, once per file
                self._said_not_checked.add(doc_key(uri))
                self.log(f"not checked: {os.path.basename(path)} is part of the approved corpus "
                         "(approved documents are not drafts)", types.MessageType.Info)
            return
        version, text = doc.version, doc.source
        if len(text) > MAX_DOCUMENT_CHARS:
            self.docs.setdefault(doc_key(uri), DocState()).linted = None
            self.publish(uri, version, [self.too_large(text)])
            self.log(f"not checked: {os.path.basename(path)} has {len(text):,} characters, more than the "
                     f"limit of {MAX_DOCUMENT_CHARS:,}", types.MessageType.Info)
            return
        t0 = time.perf_counter()
        try:
            linted = await self.run(self._lint_sync, session, path, kind, version, text)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self.log(traceback.format_exc(), types.MessageType.Error)
            self._problem(f"cannot check {os.path.basename(path)}: {type(exc).__name__}: {exc}")
            return
        current = self.document(uri)
        if current is None or current.version != version:
            return  # changed meanwhile: the newer version's lint publishes
        self.docs.setdefault(doc_key(uri), DocState()).linted = linted
        self.publish(uri, version, linted.diagnostics)
        self.log(f"checked {os.path.basename(path)} (version {version}): {len(linted.draft.sentences)} "
                 f"sentence(s), {self.cache.parsed} parsed, {len(linted.findings)} finding(s) in "
                 f"{(time.perf_counter() - t0) * 1000:.0f} ms")

    def _lint_sync(self, session: Session, path: str, kind: str, version, text: str) -> Linted:
        text = normalise(text)
        draft = read_draft(path, text, kind)
        findings, unjudged = session.check_parts(draft, self.cache)
        lines = Lines(text, self.workspace.position_encoding or types.PositionEncodingKind.Utf16)
        return Linted(version, draft, lines, findings, [self.diagnostic(f, lines) for f in findings]
                      + [self.not_judged(u, lines) for u in unjudged])

    @staticmethod
    def not_judged(u, lines: Lines) -> types.Diagnostic:
        """A hint over a part read but not judged as a claim (thanks, a promise of updates
        ...), so the editor shows that its words were not compared with the corpus."""
        return types.Diagnostic(
            range=types.Range(lines.position(u.line, u.column), lines.position(u.end_line, u.end_column)),
            message=f"not judged as a claim ({u.reason}): its words were not compared with the corpus",
            severity=types.DiagnosticSeverity.Hint, code="not-judged", source="msglint")

    def too_large(self, text: str) -> types.Diagnostic:
        """The one diagnostic of a document over :data:`MAX_DOCUMENT_CHARS`: on its first
        line (at most 200 characters of it)."""
        first = text[:200].split("\n", 1)[0].split("\r", 1)[0]
        end = units(normalise(first), self.workspace.position_encoding or types.PositionEncodingKind.Utf16)
        return types.Diagnostic(
            range=types.Range(types.Position(0, 0), types.Position(0, end)),
            message=(f"msglint did not check this document: it has {len(text):,} characters, more than "
                     f"the limit of {MAX_DOCUMENT_CHARS:,} characters; split it into smaller drafts"),
            severity=types.DiagnosticSeverity.Warning, code="not-checked-too-large", source="msglint")

    def diagnostic(self, f: Finding, lines: Lines) -> types.Diagnostic:
        related = []
        for e in f.evidence[:3]:
            where = e.path if os.path.isabs(e.path) or self.root is None else str(self.root / e.path)
            at = types.Position(line=max(e.line - 1, 0), character=0)
            related.append(types.DiagnosticRelatedInformation(
                location=types.Location(uri=from_fs_path(where), range=types.Range(at, at)),
                message=f"{'approved line' if e.kind == 'approved' else 'background'} ({e.title}): {e.text}"))
        return types.Diagnostic(
            range=types.Range(lines.position(f.line, f.column), lines.position(f.end_line, f.end_column)),
            message=f.message, severity=SEVERITY.get(f.severity, types.DiagnosticSeverity.Warning),
            code=f.rule, source="msglint", related_information=related or None)

    def publish(self, uri: str, version, diagnostics: list) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))

    def current(self, uri: str) -> Optional[Linted]:
        """The lint of the document's current version (None while a newer one is pending:
        its positions would not match the text)."""
        doc = self.document(uri)
        state = self.docs.get(doc_key(uri))
        if doc is None or state is None or state.linted is None or state.linted.version != doc.version:
            return None
        return state.linted


def _before(a: types.Position, b: types.Position) -> bool:
    return (a.line, a.character) <= (b.line, b.character)


def overlaps(r: types.Range, s: types.Range) -> bool:
    return _before(r.start, s.end) and _before(s.start, r.end)


def minimal_edit(text: str, start: int, end: int, new: str) -> tuple[int, int, str]:
    """The smallest replacement of whole words in ``text[start:end]`` that makes it read
    ``new``: ``(a, b, replacement)`` with ``start <= a <= b <= end``."""
    old = text[start:end]
    p = 0
    while p < min(len(old), len(new)) and old[p] == new[p]:
        p += 1
    s = 0
    while s < min(len(old), len(new)) - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
        s += 1
    while p > 0 and old[p - 1].isalnum():  # whole words: "$24" -> "$42", not "2" -> "4"
        p -= 1
    while s > 0 and old[len(old) - s].isalnum():
        s -= 1
    return start + p, end - s, new[p:len(new) - s]


def _md(text: str) -> str:
    """``text`` shown literally in Markdown."""
    out = []
    for ch in text:
        out.append("\\" + ch if ch in "\\`*_{}[]<>()#+-.!|~" else ch)
    return "".join(out)


def hover_text(f: Finding, root: Optional[Path], markdown: bool) -> str:
    parts = []
    if markdown:
        parts.append(f"**msglint `{f.rule}`** ({f.severity}): {_md(f.message)}")
    else:
        parts.append(f"msglint {f.rule} ({f.severity}): {f.message}")
    for e in f.evidence:
        label = "Approved line" if e.kind == "approved" else "Background (not for public use)"
        shown = e.path
        if root is not None and os.path.isabs(e.path):
            try:
                shown = os.path.relpath(e.path, root)
            except ValueError:
                pass
            if shown.startswith(".."):
                shown = e.path
        where = f"{shown}:{e.line}"
        if markdown:
            full = e.path if os.path.isabs(e.path) or root is None else str(root / e.path)
            link = f"[{_md(where)}]({from_fs_path(full)}#L{e.line})"
            parts.append(f"{label}, {_md(e.title)} (`{e.document}`), {link}:\n\n> {_md(e.text)}")
        else:
            parts.append(f"{label}, {e.title} ({e.document}), {where}:\n  {e.text}")
    if f.suggestion and all(f.suggestion != e.text for e in f.evidence):
        parts.append(f"Approved wording: {_md(f.suggestion) if markdown else f.suggestion}")
    return "\n\n".join(parts)


def build() -> MsglintServer:
    """The server with its features registered."""
    server = MsglintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: MsglintServer, params: types.InitializeParams):
        ls.options = params.initialization_options if isinstance(params.initialization_options, dict) else None
        root = None
        if params.workspace_folders:
            root = to_fs_path(params.workspace_folders[0].uri)
        elif params.root_uri:
            root = to_fs_path(params.root_uri)
        elif params.root_path:
            root = params.root_path
        ls.root = Path(root) if root else None

    @server.feature(types.INITIALIZED)
    async def initialized(ls: MsglintServer, params):
        async with ls.turn:
            await ls.open_session("started")
        if ls.session is None:
            await ls.watch(None)  # a config file that appears or is fixed reopens it
        ls.relint_all()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: MsglintServer, params: types.DidOpenTextDocumentParams):
        ls.sent[doc_key(params.text_document.uri)] = params.text_document.uri
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: MsglintServer, params: types.DidChangeTextDocumentParams):
        uri = params.text_document.uri
        state = ls.docs.setdefault(doc_key(uri), DocState())
        now = asyncio.get_running_loop().time()
        typing = now - state.changed_at < BURST
        state.changed_at = now
        ls.schedule(uri, ls.debounce if typing else 0)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: MsglintServer, params: types.DidSaveTextDocumentParams):
        path = to_fs_path(params.text_document.uri)
        if path and (ls.touches(path) or ls.session is None):
            ls.reload_soon(f"{os.path.basename(path)} was saved")
        else:
            ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: MsglintServer, params: types.DidCloseTextDocumentParams):
        state = ls.docs.pop(doc_key(params.text_document.uri), None)
        ls.sent.pop(doc_key(params.text_document.uri), None)
        if state is not None and state.pending is not None and state.pending not in ls._started:
            state.pending.cancel()  # a started lint finds the document gone and publishes nothing
        ls.publish(params.text_document.uri, None, [])

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(ls: MsglintServer, params: types.DidChangeWatchedFilesParams):
        for change in params.changes:
            path = to_fs_path(change.uri)
            if path and ls.touches(path):
                ls.reload_soon(f"{os.path.basename(path)} changed")
                return

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: MsglintServer, params: types.CodeActionParams):
        uri = params.text_document.uri
        linted = ls.current(uri)
        if linted is None:
            return None
        actions, seen = [], set()
        for f, d in zip(linted.findings, linted.diagnostics):
            if not f.suggestion or not overlaps(d.range, params.range):
                continue
            sent = next((s for s in linted.draft.sentences if s.start <= f.start < max(s.end, s.start + 1)), None)
            if sent is None or (sent.start, f.suggestion) in seen:
                continue
            seen.add((sent.start, f.suggestion))
            a, b, new = minimal_edit(linted.draft.text, sent.start, sent.end, f.suggestion)
            if a == b and not new:
                continue
            edit = types.TextEdit(range=types.Range(linted.lines.offset_position(a), linted.lines.offset_position(b)),
                                  new_text=new)
            short = f.suggestion if len(f.suggestion) <= 80 else f.suggestion[:77] + "..."
            actions.append(types.CodeAction(
                title=f"Use the approved wording: {short}", kind=types.CodeActionKind.QuickFix,
                diagnostics=[d], is_preferred=True,
                edit=types.WorkspaceEdit(changes={uri: [edit]})))
        return actions or None

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: MsglintServer, params: types.HoverParams):
        linted = ls.current(params.text_document.uri)
        if linted is None:
            return None
        pos = params.position
        hits = [(f, d) for f, d in zip(linted.findings, linted.diagnostics)
                if _before(d.range.start, pos) and _before(pos, d.range.end)]
        if not hits:
            return None
        caps = ls.client_capabilities.text_document
        formats = caps.hover.content_format if caps and caps.hover else None
        markdown = not formats or types.MarkupKind.Markdown in formats
        value = "\n\n---\n\n".join(hover_text(f, ls.root, markdown) for f, _ in hits)
        return types.Hover(contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText, value=value),
            range=hits[0][1].range)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: MsglintServer, params):
        ls.worker.shutdown(wait=False, cancel_futures=True)

    return server


def serve(stdin=None, stdout=None, after_open=None) -> None:
    """Run the server over standard input and output until the client says exit.
    Standard output carries the protocol only: anything else printed goes to stderr."""
    import sys

    out = stdout or sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print() must not corrupt the protocol
    server = build()
    server.after_open = after_open
    from .framing import run_stdio

    run_stdio(server, stdin or sys.stdin.buffer, out)
