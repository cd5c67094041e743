"""Writing a document in the YAML form (``msglint corpus import``).

The approved wording is preserved: each answer is its normalised sentences joined with one
space, the background likewise, so loading the YAML back through
:mod:`linter.corpus.yamldoc` gives the same approved-line texts (checked by
:func:`write_documents` before anything is written).
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import yaml

from ..errors import InputError
from ..model import Document
from ..textio import display_path
from .yamldoc import parse_yaml_documents


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def document_to_mapping(doc: Document) -> dict:
    out: dict = {"topic": doc.title, "posture": doc.posture}
    if doc.approved is not None:
        out["approved"] = doc.approved.isoformat()
    if doc.expires is not None:
        out["expires"] = doc.expires.isoformat()
    if doc.owner is not None:
        out["owner"] = doc.owner
    if doc.lead is not None:
        out["lead"] = doc.lead
    if doc.background:
        out["background"] = " ".join(line.norm for line in doc.background)
    responses = []
    for qa in doc.qa:
        if not qa.answers:
            continue
        item = {}
        if qa.question:
            item["q"] = qa.question
        item["a"] = " ".join(line.norm for line in qa.answers)
        responses.append(item)
    if not responses:
        raise InputError(f"document {doc.title!r} has no answered Q:/A: pair to export",
                         doc.path, doc.line)
    out["responses"] = responses
    if doc.figures:
        out["figures"] = [{"name": f.name, "value": f.value} for f in doc.figures]
    return out


def document_to_yaml(doc: Document) -> str:
    """One document as YAML text in the :mod:`~linter.corpus.yamldoc` schema."""
    header = [f"# Imported by msglint from {doc.path}:{doc.line} (document {doc.id})."]
    header += [f"# note: {note}" for note in doc.notes]
    body = yaml.dump(document_to_mapping(doc), Dumper=_Dumper, sort_keys=False,
                     allow_unicode=True, width=88, default_flow_style=False)
    return "\n".join(header) + "\n" + body


def documents_to_yaml(docs: Sequence[Document]) -> str:
    """Several documents as one YAML stream (``---`` between them)."""
    return "---\n".join(document_to_yaml(d) for d in docs)


def check_round_trip(docs: Sequence[Document], text: str, path: str) -> None:
    """Refuse an export whose approved lines would not load back unchanged."""
    back = parse_yaml_documents(text, path, "check")
    want = [[line.norm for line in d.approved_lines] for d in docs]
    got = [[line.norm for line in d.approved_lines] for d in back]
    if want != got:
        raise InputError("exported YAML would not reproduce the approved lines; not written",
                         path)


def write_documents(sources: Sequence[Path], out_dir: Path, force: bool = False,
                    max_bytes: int | None = None) -> list[Path]:
    """Convert each source file to ``OUT_DIR/<stem>.yaml``; never overwrite unless ``force``."""
    from . import DEFAULT_MAX_BYTES, load_document_file

    plans: list[tuple[Path, str]] = []
    targets: set[Path] = set()
    for src in sources:
        docs = load_document_file(src, max_bytes or DEFAULT_MAX_BYTES)
        target = out_dir / f"{Path(src).stem}.yaml"
        if target in targets:
            raise InputError(f"two inputs would both be written to {display_path(target)}",
                             str(src))
        targets.add(target)
        if target.exists() and not force:
            raise InputError("already exists; not overwriting (use --force)",
                             display_path(target))
        text = documents_to_yaml(docs)
        check_round_trip(docs, text, display_path(target))
        plans.append((target, text))
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError("output path exists and is not a folder", display_path(out_dir))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for target, text in plans:
            target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", display_path(out_dir)) from None
    return [t for t, _ in plans]
