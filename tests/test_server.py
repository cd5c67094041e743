"""`msglint server`, driven as an editor drives it: the real server process, spoken to over
stdio by pygls' LSP client.  Every wait has a timeout, so a hang fails the test quickly."""
from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

from linter.server.positions import Lines, units
from linter.server.protocol import draft_kind, minimal_edit

WAIT = 60  # seconds: the server loads spaCy and the corpus first

HARBOR = """HARBOR BRIDGE REPAIRS

Background: The contractor's draft schedule slips by a month.  PA posture is active.

Q: How much will the repairs cost?

A: The bridge repair budget is $42 million, paid from the state transport fund.  Work
will finish by June 30, 2027.

Q: Will the ferry keep running?

A: Yes.  The ferry will run every 20 minutes while the bridge is closed.
"""

WRONG = "The bridge repair budget is $24 million, paid from the state transport fund."
FERRY = "The ferry will run every 20 minutes while the bridge is closed."


def msglint_exe() -> list[str]:
    exe = Path(sys.executable).with_name("msglint")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "linter.cli.main"]


class Editor:
    """An LSP client that remembers what the server published and said."""

    def __init__(self, root: Path, cache: Path, options=None, watch: bool = True):
        self.root, self.cache, self.options, self.watch = root, cache, options, watch
        self.client = LanguageClient("msglint-tests", "1")
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = {}
        self.shown: list[types.ShowMessageParams] = []
        self.logged: list[str] = []
        self.registrations: list[types.Registration] = []
        self._changed = asyncio.Event()
        c = self.client

        @c.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _diagnostics(params: types.PublishDiagnosticsParams):
            self.published.setdefault(params.uri, []).append(params)
            self._changed.set()

        @c.feature(types.WINDOW_SHOW_MESSAGE)
        def _shown(params: types.ShowMessageParams):
            self.shown.append(params)
            self._changed.set()

        @c.feature(types.WINDOW_LOG_MESSAGE)
        def _logged(params: types.LogMessageParams):
            self.logged.append(params.message)
            self._changed.set()

        @c.feature(types.CLIENT_REGISTER_CAPABILITY)
        def _register(params: types.RegistrationParams):
            self.registrations.extend(params.registrations)

        @c.feature(types.CLIENT_UNREGISTER_CAPABILITY)
        def _unregister(params):
            return None

    async def start(self) -> None:
        cmd = msglint_exe()
        env = {**os.environ, "MSGLINT_CACHE_DIR": str(self.cache)}
        await self.client.start_io(cmd[0], *cmd[1:], "server", env=env, cwd=str(self.root))
        caps = types.ClientCapabilities(workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                dynamic_registration=self.watch)))
        folder = types.WorkspaceFolder(from_fs_path(str(self.root)), "ws")
        await asyncio.wait_for(self.client.initialize_async(types.InitializeParams(
            capabilities=caps, root_uri=folder.uri, workspace_folders=[folder],
            initialization_options=self.options)), WAIT)
        self.client.initialized(types.InitializedParams())

    async def stop(self) -> None:
        try:
            await asyncio.wait_for(self.client.shutdown_async(None), 10)
            self.client.exit(None)
            await asyncio.wait_for(self.client._server.wait(), 10)
        finally:
            if self.client._server.returncode is None:
                self.client._server.kill()
            await self.client.stop()

    async def until(self, test, what: str, timeout: float = WAIT):
        """Wait until ``test()`` returns something true; return it."""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while True:
            got = test()
            if got:
                return got
            if self.client._server.returncode is not None:
                raise AssertionError(f"the server exited ({self.client._server.returncode}) waiting for {what}")
            self._changed.clear()
            left = end - loop.time()
            if left <= 0:
                raise AssertionError(f"timed out waiting for {what}; shown: {self.shown}; "
                                     f"logged: {self.logged[-5:]}")
            try:
                await asyncio.wait_for(self._changed.wait(), left)
            except asyncio.TimeoutError:
                pass

    async def diagnostics(self, uri: str, version: int) -> list[types.Diagnostic]:
        """The diagnostics published for this version of the document."""
        got = await self.until(lambda: [p for p in self.published.get(uri, []) if p.version == version],
                               f"diagnostics for version {version} of {uri}")
        return list(got[-1].diagnostics)

    def open(self, uri: str, language: str, text: str, version: int = 1) -> None:
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri, language, version, text)))

    def change(self, uri: str, version: int, text: str) -> None:
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=version, uri=uri),
            [types.TextDocumentContentChangeWholeDocument(text=text)]))


def run(coro_fn, *args, timeout: float = 240):
    async def main():
        editor = args[0]
        await editor.start()
        try:
            return await coro_fn(*args)
        finally:
            await editor.stop()

    return asyncio.run(asyncio.wait_for(main(), timeout))


def utf16_offset(text: str, pos: types.Position) -> int:
    """An LSP position (UTF-16 columns) as a Python string index, done independently of
    the server's own conversion."""
    lines = text.split("\n")
    head = "\n".join(lines[:pos.line])
    start = len(head) + (1 if pos.line else 0)
    line16 = lines[pos.line].encode("utf-16-le")
    return start + len(line16[:2 * pos.character].decode("utf-16-le"))


def apply_edits(text: str, edits) -> str:
    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        a, b = utf16_offset(text, e.range.start), utf16_offset(text, e.range.end)
        text = text[:a] + e.new_text + text[b:]
    return text


@pytest.fixture()
def workspace(tmp_path):
    ws = tmp_path / "ws"
    (ws / "corpus").mkdir(parents=True)
    (ws / "corpus" / "qr_harbor.txt").write_text(HARBOR, encoding="utf-8")
    (ws / ".msglint.yaml").write_text("corpus: corpus\n", encoding="utf-8")
    return ws


def mismatch(diags):
    return [d for d in diags if d.code == "figure-mismatch"]


def test_wrong_figure_is_flagged_fixed_by_the_quick_fix_and_explained_on_hover(workspace, tmp_path):
    draft = workspace / "speech.md"
    # a party popper (outside the BMP: two UTF-16 units) before the figure on its line
    line = f"🎉 {WRONG}"
    text = f"# Bridge update\n\n{line}\n\n{FERRY}\n"
    draft.write_text(text, encoding="utf-8")
    uri = from_fs_path(str(draft))

    async def scenario(ed: Editor):
        ed.open(uri, "markdown", text)
        diags = await ed.diagnostics(uri, 1)
        # the heading is read but not judged as a claim: a hint says so, after the findings
        assert [d.code for d in diags] == ["figure-mismatch", "not-judged"], diags
        assert diags[1].severity == types.DiagnosticSeverity.Hint and diags[1].range.start.line == 0
        d = diags[0]
        assert d.source == "msglint" and d.severity == types.DiagnosticSeverity.Error
        assert "$24 million" in d.message and "$42 million" in d.message
        col = line.index("$24")
        assert d.range.start == types.Position(line=2, character=col + 1)  # +1: the emoji's second unit
        assert d.range.end == types.Position(line=2, character=col + 1 + len("$24 million"))
        assert text[utf16_offset(text, d.range.start):utf16_offset(text, d.range.end)] == "$24 million"

        hover = await asyncio.wait_for(ed.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(line=2, character=col + 3))), WAIT)
        assert hover is not None
        shown = hover.contents.value.replace("\\", "")
        assert "figure-mismatch" in shown
        assert "The bridge repair budget is $42 million, paid from the state transport fund." in shown
        assert "HARBOR BRIDGE REPAIRS" in shown and "corpus/qr_harbor.txt:7" in shown
        nothing = await asyncio.wait_for(ed.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(line=4, character=3))), WAIT)
        assert nothing is None  # the ferry sentence is approved: nothing to show

        actions = await asyncio.wait_for(ed.client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(uri), d.range, types.CodeActionContext(diagnostics=[d]))), WAIT)
        fixes = [a for a in actions or [] if a.kind == types.CodeActionKind.QuickFix]
        assert len(fixes) == 1, actions
        fixed = apply_edits(text, fixes[0].edit.changes[uri])
        assert fixed == text.replace("$24 million", "$42 million")
        ed.change(uri, 2, fixed)
        after = await ed.diagnostics(uri, 2)
        assert [d.code for d in after] == ["not-judged"]  # the heading's hint stays
        # only the edited sentence was parsed again
        said = await ed.until(lambda: [m for m in ed.logged if "(version 2)" in m], "the lint's log line")
        assert "3 sentence(s), 1 parsed, 0 finding(s)" in said[0]

    run(scenario, Editor(workspace, tmp_path / "cache"))


def test_editing_the_corpus_on_disk_changes_the_diagnostics(workspace, tmp_path):
    draft = workspace / "speech.txt"
    text = f"{WRONG}\n"
    draft.write_text(text, encoding="utf-8")
    uri = from_fs_path(str(draft))
    corpus_file = workspace / "corpus" / "qr_harbor.txt"

    async def scenario(ed: Editor):
        ed.open(uri, "plaintext", text)
        assert [d.code for d in await ed.diagnostics(uri, 1) if d.code != "not-judged"] == ["figure-mismatch"]
        assert any(r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES for r in ed.registrations)
        before = len(ed.published[uri])
        corpus_file.write_text(HARBOR.replace("$42 million", "$24 million"), encoding="utf-8")
        ed.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams([
            types.FileEvent(from_fs_path(str(corpus_file)), types.FileChangeType.Changed)]))
        got = await ed.until(lambda: ed.published[uri][before:], "diagnostics after the corpus changed")
        assert list(got[-1].diagnostics) == []  # the draft's figure is now the approved one

    run(scenario, Editor(workspace, tmp_path / "cache"))


def test_a_corpus_file_edited_in_the_editor_is_not_linted_and_saving_it_reloads(workspace, tmp_path):
    draft_uri = from_fs_path(str(workspace / "speech.md"))
    corpus_file = workspace / "corpus" / "qr_harbor.txt"
    corpus_uri = from_fs_path(str(corpus_file))

    async def scenario(ed: Editor):
        ed.open(draft_uri, "markdown", f"{WRONG}\n")
        assert mismatch(await ed.diagnostics(draft_uri, 1))
        ed.open(corpus_uri, "plaintext", HARBOR)
        assert await ed.diagnostics(corpus_uri, 1) == []  # approved documents are not drafts
        # ...and the empty list is not left to read as "checked and clean"
        await ed.until(lambda: [m for m in ed.logged if "not checked: qr_harbor.txt" in m], "the not-checked note")
        before = len(ed.published[draft_uri])
        corpus_file.write_text(HARBOR.replace("$42 million", "$24 million"), encoding="utf-8")
        ed.client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(corpus_uri)))
        got = await ed.until(lambda: ed.published[draft_uri][before:], "diagnostics after the save")
        assert list(got[-1].diagnostics) == []

    run(scenario, Editor(workspace, tmp_path / "cache", watch=False))


def test_a_corpus_change_nobody_announced_is_noticed_before_the_next_lint(workspace, tmp_path):
    draft = workspace / "speech.md"
    text = f"{WRONG}\n"
    uri = from_fs_path(str(draft))
    corpus_file = workspace / "corpus" / "qr_harbor.txt"

    async def scenario(ed: Editor):
        ed.open(uri, "markdown", text)
        assert mismatch(await ed.diagnostics(uri, 1))
        corpus_file.write_text(HARBOR.replace("$42 million", "$24 million"), encoding="utf-8")
        await asyncio.sleep(1.2)  # past the stat check's interval
        ed.change(uri, 2, text + "\n")
        assert await ed.diagnostics(uri, 2) == []

    run(scenario, Editor(workspace, tmp_path / "cache", watch=False))


def test_a_corpus_file_that_cannot_be_read_is_a_message_and_the_rest_is_used(workspace, tmp_path):
    (workspace / "corpus" / "qr_broken.txt").write_bytes(b"HARBOR\n\nA: caf\xe9 \xff\xfe broken\n")
    draft = workspace / "speech.md"
    text = f"{WRONG}\n"
    uri = from_fs_path(str(draft))

    async def scenario(ed: Editor):
        ed.open(uri, "markdown", text)
        assert mismatch(await ed.diagnostics(uri, 1))
        warned = await ed.until(lambda: [m for m in ed.shown if "qr_broken.txt" in m.message], "a message")
        assert warned[0].type == types.MessageType.Warning

    run(scenario, Editor(workspace, tmp_path / "cache"))


def test_a_missing_corpus_is_a_message_and_the_server_keeps_serving(workspace, tmp_path):
    (workspace / ".msglint.yaml").write_text("corpus: approved\n", encoding="utf-8")
    draft = workspace / "speech.md"
    text = f"{WRONG}\n"
    uri = from_fs_path(str(draft))

    async def scenario(ed: Editor):
        err = await ed.until(lambda: [m for m in ed.shown if m.type == types.MessageType.Error], "an error")
        assert "approved" in err[0].message and "no such file" in err[0].message
        ed.open(uri, "markdown", text)
        assert await ed.diagnostics(uri, 1) == []
        hover = await asyncio.wait_for(ed.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(line=0, character=30))), WAIT)
        assert hover is None  # still answering
        # the writer fixes the configuration: the server opens the corpus and lints again
        config = workspace / ".msglint.yaml"
        config.write_text("corpus: corpus\n", encoding="utf-8")
        ed.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams([
            types.FileEvent(from_fs_path(str(config)), types.FileChangeType.Changed)]))
        got = await ed.until(lambda: [p for p in ed.published[uri] if mismatch(p.diagnostics)],
                             "diagnostics once the corpus is there")
        assert got

    run(scenario, Editor(workspace, tmp_path / "cache"))


def test_a_bad_config_file_is_a_message_naming_its_line(workspace, tmp_path):
    (workspace / ".msglint.yaml").write_text("corpus: corpus\nseverity: [\n", encoding="utf-8")

    async def scenario(ed: Editor):
        err = await ed.until(lambda: [m for m in ed.shown if m.type == types.MessageType.Error], "an error")
        assert ".msglint.yaml" in err[0].message and "invalid YAML" in err[0].message
        uri = from_fs_path(str(workspace / "x.md"))
        ed.open(uri, "markdown", WRONG)
        assert await ed.diagnostics(uri, 1) == []

    run(scenario, Editor(workspace, tmp_path / "cache"))


def test_initialization_options_name_the_corpus(tmp_path):
    ws = tmp_path / "elsewhere"
    (ws / "approved").mkdir(parents=True)
    (ws / "approved" / "qr_harbor.txt").write_text(HARBOR, encoding="utf-8")
    text = f"Update\r\n\r\n{WRONG}\r\n"  # CRLF, as a Windows editor sends it
    uri = from_fs_path(str(ws / "notes.txt"))

    async def scenario(ed: Editor):
        ed.open(uri, "plaintext", text)
        diags = mismatch(await ed.diagnostics(uri, 1))
        assert diags and diags[0].range.start == types.Position(line=2, character=WRONG.index("$24"))

    run(scenario, Editor(ws, tmp_path / "cache", options={"corpus": "approved"}))


def test_rapid_changes_publish_the_newest_version_and_never_an_older_one(workspace, tmp_path):
    uri = from_fs_path(str(workspace / "speech.md"))

    async def scenario(ed: Editor):
        ed.open(uri, "markdown", f"{FERRY}\n")
        assert await ed.diagnostics(uri, 1) == []
        for v in range(2, 7):  # typing: the last version carries the wrong figure
            ed.change(uri, v, f"{FERRY}\n\n{WRONG if v == 6 else 'The bridge'}\n")
        assert mismatch(await ed.diagnostics(uri, 6))
        versions = [p.version for p in ed.published[uri]]
        assert versions == sorted(versions), versions

    run(scenario, Editor(workspace, tmp_path / "cache"))


# -- the pieces, without a process ----------------------------------------------------------

def test_sentences_remembered_between_lints_give_the_findings_of_a_fresh_check(corpus_dir):
    from linter.analysis.store import open_corpus
    from linter.checks.engine import Engine
    from linter.drafts import parse
    from linter.rulepack import load_rules
    from linter.server.analyses import Analyses, SentenceCache

    pack = load_rules()
    engine = Engine(pack=pack, index=open_corpus([str(corpus_dir)], pack, cache=False).index)
    garage = "The garage will stay closed until repairs are complete."
    first = parse("a.md", "\n\n".join([
        "# Library update", "The renovation budget is $81 million, funded by the 2024 bond measure.",
        garage, "- The children's room will close for good.", garage,
        "The branch on Oak Street will extend its hours to 9 PM on weekdays."]) + "\n")
    # the same sentences in another order and place: positions and the once-per-document
    # off-posture finding must follow this draft, not the one the memo was filled from
    second = parse("a.md", "\n\n".join([garage, "Intro line here.", "The renovation budget is $81 million, "
                                         "funded by the 2024 bond measure.", garage]) + "\n")
    memo, cache = {}, SentenceCache()
    for draft in (first, second, first):
        fresh = engine.check_draft(draft)
        analysed = cache.analyses([s.text for s in draft.sentences], pack)
        remembered = engine.check_draft(draft, Analyses(zip(draft.sentences, analysed)), memo=memo)
        assert remembered == fresh
        assert fresh.findings
    assert any(f.rule == "off-posture" for f in fresh.findings)


def test_what_the_server_remembers_is_bounded_and_keeps_what_was_used_last():
    from linter.server.analyses import LRU

    memo = LRU(2)
    memo["a"], memo["b"] = 1, 2
    assert memo.get("a") == 1  # used: "b" is now the oldest
    memo["c"] = 3
    assert list(memo) == ["a", "c"] and memo.get("b") is None


def test_positions_count_in_the_negotiated_encoding():
    text = "ab\n🎉é x"
    # msglint's line 2, column 4 is the 'x': after an emoji, an accented letter and a space
    for enc, col in (("utf-16", 4), ("utf-8", 7), ("utf-32", 3)):
        lines = Lines(text, enc)
        assert lines.position(2, 4) == types.Position(line=1, character=col)
        assert lines.offset_position(text.index("x")) == types.Position(line=1, character=col)
        assert lines.offset(types.Position(line=1, character=col)) == text.index("x")
        assert lines.offset(types.Position(line=1, character=99)) == len(text)  # past the end: the end
    assert units("🎉", "utf-16") == 2 and units("🎉", "utf-8") == 4 and units("🎉", "utf-32") == 1


def test_the_quick_fix_replaces_whole_words_and_reads_as_the_approved_line():
    old = "The budget is **$24 million**, paid in full."
    new = "The budget is $42 million, paid in full."
    a, b, rep = minimal_edit(old, 0, len(old), new)
    assert old[:a] + rep + old[b:] == new
    s = "We gave $1.5 billion in aid."
    a, b, rep = minimal_edit(s, 0, len(s), "We gave $1 billion in aid.")
    assert (s[a:b], rep) == ("1.5", "1")


@pytest.mark.parametrize("uri, lang, kind", [
    ("file:///d/a.md", "markdown", "markdown"), ("file:///d/a.txt", "plaintext", "text"),
    ("file:///d/a", "text", "text"), ("file:///d/a.markdown", "", "markdown"),
    ("file:///d/a.py", "python", None)])
def test_drafts_are_read_by_language_then_suffix(uri, lang, kind):
    assert draft_kind(uri, lang) == kind
