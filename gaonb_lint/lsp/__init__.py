"""The ``server`` command: gaonb-lint as a Language Server for editors (extra ``lsp``)."""
from __future__ import annotations

HELP = "run as a Language Server over stdio (for editors; needs pip install 'gaonb-lint[lsp]')"


def add_arguments(parser) -> None:
    parser.add_argument("--stdio", action="store_true",
                        help="talk LSP over standard input/output (the default and only transport)")


def run(args) -> int:
    from gaonb_lint.errors import GaonbError

    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        raise GaonbError("gaonb-lint server needs the lsp extra: pip install 'gaonb-lint[lsp]'") from None
    from gaonb_lint.lsp.server import serve

    return serve()
