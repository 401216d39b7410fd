"""One module per scraped layout.  Each has ``NAME``, ``KEEPS_COLUMNS`` (the layout keeps the
column position of every header cell), ``claims(lines)`` and ``read(lines, text) -> Reading``;
the first layout in ``LAYOUTS`` that claims a region's (non-blank) lines reads it.  A new layout
is a new module here, not a new branch in the reader."""
from __future__ import annotations

from gaonb_lint.readers.scraped.layouts import cell_per_line, flattened, pipe_cells, pipe_rows, tsv

LAYOUTS = (tsv, pipe_cells, pipe_rows, flattened, cell_per_line)
