"""``cell-per-line``: every cell on its own line (or ending in ``|`` with no separator lines, or
followed by a line holding only ``|``), rows not marked.  A blank cell leaves no trace, so a row must have exactly as many values as the
header has columns, or none at all (every cell blank)."""
from __future__ import annotations

from typing import List, Optional, Tuple

from gaonb_lint.model import TableIssue
from gaonb_lint.readers import table_vocab as tv
from gaonb_lint.readers.scraped import unmarked
from gaonb_lint.readers.scraped.lines import CellText, Line
from gaonb_lint.readers.scraped.problems import issue
from gaonb_lint.readers.scraped.reading import Reading
from gaonb_lint.readers.scraped.vocab import row_label_of

NAME = "cell-per-line"
KEEPS_COLUMNS = False


def claims(lines: List[Line]) -> bool:
    return True


def values(vocab: Optional[tv.TableVocab], own: List[unmarked.Token], found: List[unmarked.Token],
           expected: int, text: str) -> Tuple[List[CellText], Optional[TableIssue]]:
    if not found:
        return [], None
    if own and row_label_of(vocab, own[-1].norm) is False:
        return [], issue(list(own) + list(found), "lost-sub-row")
    extra = len(found) - expected if expected else 0
    if extra > 0 and all(t.kind == "blank" for t in found[:extra]):
        found = found[extra:]  # empty label cells (a third label column left blank), not values
    if expected and len(found) != expected:
        return [], issue(list(own) + list(found), "count-mismatch", found=len(found), expected=expected)
    return [t.cell() for t in found], None


def read(lines: List[Line], text: str) -> Reading:
    return unmarked.read_unmarked(lines, text, False, values)
