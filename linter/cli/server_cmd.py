"""`msglint server`."""
from __future__ import annotations

import click


@click.command()
@click.option("--stdio", is_flag=True, help="Talk LSP over standard input and output (the default; "
              "accepted because many editors pass it).")
def server(stdio):
    """Run the language server (LSP over standard input and output).

    Editors start it and show each finding as the writer types: diagnostics on open,
    change and save, the approved wording as a quick fix, the evidence on hover.  The
    corpus and rules come from the nearest .msglint.yaml at or above the workspace folder,
    or from the initialization options "corpus", "rules" and "config".

    \b
    Examples:
      msglint server
      nvim: vim.lsp.start({ name = "msglint", cmd = { "msglint", "server" } })
    """
    import gc

    from ..server import serve

    frozen = []

    def first_open():
        # Once the corpus is first open, what is loaded (pipeline, lexicon, index) lives as
        # long as the server: later collections need not walk it.  Only the first time: a
        # snapshot replaced by a reload must stay collectable.
        if not frozen:
            gc.freeze()
            frozen.append(True)

    serve(after_open=first_open)
