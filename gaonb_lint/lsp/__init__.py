"""The ``server`` command: gaonb-lint as a Language Server for editors (extra ``lsp``)."""
from __future__ import annotations

HELP = "run as a Language Server over stdio (for editors; needs pip install 'gaonb-lint[lsp]')"


def add_arguments(parser) -> None:
    from gaonb_lint.messages import text

    parser.add_argument("--stdio", action="store_true", help=text("help.server.stdio"))


def run(args) -> int:
    from gaonb_lint.errors import GaonbError

    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        raise GaonbError("usage.server-needs-extra", command="pip install 'gaonb-lint[lsp]'") from None
    from gaonb_lint.lsp.server import serve

    return serve()
