"""Findings as Word comments: a reviewed copy of each draft (``--format docx``).

Each finding becomes one comment by "msglint" (initials "ML") whose range is exactly the
text the finding points at: the flagged sentence, or the figure for a changed figure.
Where that text starts or ends inside a run, the run is split in two, both halves keeping
the run's formatting, so Word highlights those characters and no others.  The comment
says the severity and rule, the message, each approved (or background) line with its
document and ``file:line``, and the suggested wording when there is one.  A part of the
draft read but not judged as a claim (a sentence of thanks, a promise of updates, one such
clause) gets a comment too, headed "not judged" and saying why, so that text with no
comment is text that was checked.

A ``.docx`` draft is re-opened and walked the way :mod:`linter.drafts.word` read it (the
reader records where each paragraph starts in the draft text), so an offset of a finding
leads back to the element of the file it came from.  A Markdown or plain-text draft
becomes a new document: one paragraph per unit of the draft (headings, list items and
quotes in Word's styles for them), in the text's own characters with the markup left out.

The original is never written to.  Output is deterministic: comments in report order, no
comment dates, and the zip members stored with a fixed timestamp, so the same input gives
the same bytes.
"""
from __future__ import annotations

import io
import os
import re
import zipfile
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..errors import InputError, MsglintError

AUTHOR = "msglint"
INITIALS = "ML"
#: The name a reviewed copy gets inside an ``-o`` folder.
SUFFIX = ".reviewed.docx"
# Characters XML 1.0 cannot hold (a text draft may carry them); replaced one for one, so
# offsets stay valid.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ATX = re.compile(r"[ ]{0,3}(#{1,6})(?:[ \t]|$)")
_SETEXT = re.compile(r"[ ]{0,3}(=+|-+)[ \t]*$")
_ORDERED = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*\(?\d{1,9}[.)]")


class OutputError(MsglintError):
    """An ``-o`` that would overwrite an input, or is missing or ambiguous."""


@dataclass(frozen=True)
class Job:
    """One reviewed copy to write: the draft as reported, the file it was read from
    (``-`` for standard input) and where the copy goes."""

    draft: str
    source: str
    target: Path


def plan(sources: list[str], names: list[str], output: Optional[Path]) -> list[Job]:
    """Where each draft's reviewed copy goes, refusing any target that is an input.

    One draft: ``-o FILE`` (or ``-o FOLDER``, which holds ``<stem>.reviewed.docx``).
    Several drafts: ``-o`` must be an existing folder and each draft gets
    ``<stem>.reviewed.docx`` in it; two drafts with the same stem are refused.
    ``names`` are the reported names (for standard input, ``--stdin-filename``).
    """
    if output is None:
        raise OutputError("--format docx writes a Word file: name it with -o FILE.docx "
                          "(or -o FOLDER for several drafts)")
    pairs = []
    for s, n in zip(sources, names):
        if (s, n) not in pairs:
            pairs.append((s, n))
    folder = output.is_dir()
    if len(pairs) > 1 and not folder:
        raise OutputError("several drafts give several reviewed copies: -o must be an existing folder",
                          str(output))
    jobs = []
    for source, name in pairs:
        if folder:
            stem = Path(name if source == "-" else source).stem
            stem = "stdin" if not stem or stem == "<stdin>" else stem
            target = output / (stem + SUFFIX)
        else:
            target = output
        if any(j.target == target for j in jobs):
            raise OutputError(f"two drafts would both be written to {target.name}; "
                              "give them different names or review them one at a time", str(output))
        jobs.append(Job(name, source, target))
    for job in jobs:
        for source in sources:
            if source != "-" and _same_file(job.target, Path(source)):
                raise OutputError(f"-o would overwrite a draft being checked ({source}); the reviewed "
                                  "copy must go to another file", str(job.target))
    return jobs


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def write(report, jobs: list[Job]) -> list[tuple[Job, int]]:
    """Write every job's reviewed copy; returns each job with its number of comments."""
    by_path = {fr.path: fr.findings for fr in report.files}
    unjudged = {fr.path: fr.unjudged for fr in report.files}
    done = []
    for job in jobs:
        if job.draft not in report.drafts:  # unreadable: reported already, no copy to make
            continue
        draft = report.drafts[job.draft]
        findings = by_path.get(job.draft, [])
        try:
            data = reviewed_bytes(draft, job.source, findings, unjudged.get(job.draft, ()))
        except MsglintError:
            raise
        except Exception as exc:  # a document python-docx or lxml cannot take
            raise InputError(f"cannot make a reviewed copy ({type(exc).__name__}: {exc})",
                             job.source) from None
        from ..textio import write_atomic_bytes

        try:
            write_atomic_bytes(job.target, data, shared=True)
        except OSError as exc:
            raise InputError(f"cannot write: {exc.strerror or exc}", str(job.target)) from None
        done.append((job, len(findings)))
    return done


def reviewed_bytes(draft, source: str, findings, unjudged=()) -> bytes:
    """The reviewed copy of ``draft`` (read from ``source``) with one comment per finding,
    and one per part read but not judged as a claim (``unjudged``), so that text with no
    comment is text that was checked."""
    if source != "-" and source.lower().endswith(".docx"):
        document, paras = _open_docx(source, draft.text)
    else:
        document, paras = _new_document(draft)
    starts = [p.at for p in paras]
    for f in findings:
        _comment(document, paras, starts, f.start, f.end, comment_lines(f))
    for u in unjudged:
        _comment(document, paras, starts, u.start, u.end, unjudged_lines(u))
    buf = io.BytesIO()
    document.save(buf)
    return _repack(buf.getvalue())


# --- where each character of the draft text lives in the document ------------------------

@dataclass
class _Para:
    """A ``w:p`` and, per character of its text, the ``[start, end)`` in the draft text."""

    p: object
    at: int  # where the paragraph starts in the draft text
    starts: object  # a range or a list, ascending
    ends: object

    def local(self, a: int, b: int) -> tuple[int, int]:
        """The characters of this paragraph that lie inside ``[a, b)`` of the draft."""
        return bisect_left(self.starts, a), bisect_right(self.ends, b)


def _open_docx(source: str, text: str):
    import docx

    from ..drafts.word import docx_units

    try:
        document = docx.Document(source)
    except Exception as exc:  # python-docx raises several types for damaged files
        raise InputError(f"not a readable Word .docx file ({type(exc).__name__})", source) from None
    found: list = []
    again, _ = docx_units(document, found)
    if again != text:
        raise InputError("the draft changed while it was checked; run msglint again", source)
    lines = text.split("\n")
    # headers, footers and notes are read too, but a comment can only be anchored in the
    # body: a finding there is commented on the body's first run (see _comment)
    body = document.element
    paras = [_Para(p, at, range(at, at + len(line)), range(at + 1, at + len(line) + 1))
             for (p, at), line in zip(found, lines) if p.getroottree().getroot() is body]
    return document, paras


def _new_document(draft):
    """A document for a text draft: one paragraph per unit, in the draft's own characters."""
    import docx

    document = docx.Document()
    props = document.core_properties
    # the title is XML: a control character (or an undecodable byte) in the file name is
    # written out as an escape, as text output shows it
    from . import visible

    props.title, props.author, props.comments = visible(Path(draft.path).name, True), AUTHOR, ""
    styles = {s.name for s in document.styles}
    paras = []
    for unit in draft.units:
        chars, starts, ends = _source_text(draft.text, unit.text)
        if not chars:
            continue
        p = document.add_paragraph(_NOT_XML.sub("\ufffd", chars), _style(styles, draft, unit, starts[0]))
        paras.append(_Para(p._p, starts[0], starts, ends))
    return document, paras


def _source_text(text: str, m) -> tuple[str, list[int], list[int]]:
    """The unit ``m`` as written: each character that the analysis form kept, from the file
    (curly quotes, dashes and ligatures as typed) unless the analysis form decoded several
    characters into one (``&amp;``); a line break is a space."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    k, n = 0, len(m.text)
    while k < n:
        s, e = m.starts[k], m.ends[k]
        j = k + 1
        while j < n and m.starts[j] == s and m.ends[j] == e:
            j += 1
        ordered = not starts or (s >= starts[-1] and e >= ends[-1])
        piece = text[s:e] if ordered and e - s == 1 else m.text[k:j]
        if not ordered:  # never seen; keep the positions ascending so lookups still work
            s, e = max(s, starts[-1]), max(e, ends[-1])
        piece = piece.replace("\n", " ")
        for ch in piece:
            out.append(ch)
            starts.append(s)
            ends.append(e)
        k = j
    return "".join(out), starts, ends


def _style(names: set, draft, unit, at: int) -> Optional[str]:
    def pick(name: str) -> Optional[str]:
        return name if name in names else None

    if unit.kind == "heading":
        return pick(f"Heading {_heading_level(draft.text, at)}")
    if unit.kind == "item":
        line = draft.text[draft.text.rfind("\n", 0, at) + 1:at]
        return pick("List Number" if _ORDERED.match(line) else "List Bullet")
    if unit.kind == "quote":
        return pick("Quote")
    return None


def _heading_level(text: str, at: int) -> int:
    """``#`` .. ``######`` give levels 1 to 6; a Setext heading underlined with ``=`` is 1,
    with ``-`` 2; a heading of another kind of draft is 1."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    m = _ATX.match(text[start:end if end >= 0 else len(text)])
    if m:
        return len(m.group(1))
    stop = text.find("\n", end + 1) if end >= 0 else -1
    after = text[end + 1:stop if stop >= 0 else len(text)] if end >= 0 else ""
    u = _SETEXT.match(after)
    return 2 if u and u.group(1).startswith("-") else 1


# --- anchoring ---------------------------------------------------------------------------

def _comment(document, paras: list[_Para], starts: list[int], start: int, end: int, lines: list[str]) -> None:
    """A comment saying ``lines`` (the first in bold) over the draft's ``[start, end)``."""
    from docx.oxml.ns import qn
    from docx.text.run import Run

    first = last = None
    i = max(bisect_right(starts, start) - 1, 0)
    for para in paras[i:]:
        if para.at >= end:
            break
        a, b = para.local(start, end)
        if a >= b:
            continue
        _split(para.p, b)
        _split(para.p, a)
        runs = _runs_between(para.p, a, b)
        if runs:
            first = first if first is not None else runs[0]
            last = runs[-1]
    if first is None:  # the finding is in a header, footer or note: on the body's first run
        first = last = next((r for r in document.element.body.iter(qn("w:r"))
                             if r.find(qn("w:t")) is not None), None)
    if first is None:
        return
    comment = document.add_comment([Run(first, document), Run(last, document)], text="",
                                   author=AUTHOR, initials=INITIALS)
    _fill(comment, lines)


def _pieces(p):
    """``(start, end, element)`` of each piece of text of ``p``, as the reader sees them."""
    from ..drafts.word import paragraph_pieces

    text, pieces = paragraph_pieces(p)
    out = []
    for n, (at, el) in enumerate(pieces):
        end = pieces[n + 1][0] if n + 1 < len(pieces) else len(text)
        out.append((at, end, el))
    return out


def _is_run(el) -> bool:
    from docx.oxml.ns import qn

    return el is not None and el.tag == qn("w:r")


def _split(p, k: int) -> None:
    """Make character ``k`` of paragraph ``p`` start a run (if it is inside one)."""
    from docx.oxml.ns import qn

    pieces = _pieces(p)
    for n, (a, e, el) in enumerate(pieces):
        if not a <= k < e or k == 0:
            continue
        run = el.getparent()
        if not _is_run(run):
            return
        if a < k:  # inside a w:t: cut the text in two
            t2 = _new_t(el.text[k - a:])
            el.text = el.text[:k - a]
            el.set(qn("xml:space"), "preserve")
            el.addnext(t2)
            _split_run_before(run, t2)
        elif n and pieces[n - 1][2].getparent() is run:
            _split_run_before(run, el)
        return


def _new_t(text: str):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    return t


def _split_run_before(run, child) -> None:
    """Move ``child`` and what follows it in ``run`` into a new run right after it, with
    the same attributes and run properties (so the same formatting)."""
    import copy

    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    new = OxmlElement("w:r")
    for key, value in run.attrib.items():
        new.set(key, value)
    rpr = run.find(qn("w:rPr"))
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    moving = [child] + list(child.itersiblings())
    for el in moving:
        new.append(el)
    run.addnext(new)


def _runs_between(p, a: int, b: int) -> list:
    runs = []
    for s, e, el in _pieces(p):
        if s >= a and e <= b and e > s:
            run = el.getparent()
            if _is_run(run) and (not runs or runs[-1] is not run):
                runs.append(run)
    return runs


# --- what a comment says -----------------------------------------------------------------

def comment_lines(f) -> list[str]:
    """The paragraphs of the comment for finding ``f``."""
    lines = [f"{f.severity} [{f.rule}]", f.message]
    for e in f.evidence:
        label = "approved line" if e.kind != "background" else "background, not for public use"
        lines.append(f"{label} ({e.document}, {e.path}:{e.line}): \u201c{e.text}\u201d")
    if f.suggestion:
        lines.append(f"suggestion: \u201c{f.suggestion}\u201d")
    return [_NOT_XML.sub("\ufffd", line) for line in lines]


def unjudged_lines(u) -> list[str]:
    """The paragraphs of the comment on a part read but not judged as a claim."""
    what = "sentence" if u.sentence else "clause"
    lines = ["not judged", f"This {what} was read but not judged as a claim ({u.reason}): its words were not "
             "compared with the corpus; any figures in it were checked."]
    return [_NOT_XML.sub("\ufffd", line) for line in lines]


def _fill(comment, lines: list[str]) -> None:
    from docx.oxml.ns import qn

    head, *rest = lines
    comment.paragraphs[0].add_run(head).bold = True
    for line in rest:
        comment.add_paragraph(line)
    # no date: the same input gives the same file (Word shows a comment without one)
    comment.paragraphs[0]._p.getparent().attrib.pop(qn("w:date"), None)


def _repack(data: bytes) -> bytes:
    """``data`` (a zip) with every member dated 1980-01-01, in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()
