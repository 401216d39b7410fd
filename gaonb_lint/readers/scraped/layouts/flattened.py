"""``flattened``: the cells of a row run together on one line (``规章000``,
``信息内容本年制发件数本年废止件数现行有效件数``).  A digit run is split into cells only when it
follows a known row label that carries numbers and has exactly one digit per column."""
from __future__ import annotations

from typing import List, Optional, Tuple

from gaonb_lint.model import TableIssue
from gaonb_lint.readers import table_vocab as tv
from gaonb_lint.readers.scraped import unmarked
from gaonb_lint.readers.scraped.layouts import cell_per_line
from gaonb_lint.readers.scraped.lines import CellText, Line
from gaonb_lint.readers.scraped.problems import issue
from gaonb_lint.readers.scraped.reading import Reading
from gaonb_lint.readers.scraped.vocab import row_label_of

NAME = "flattened"
KEEPS_COLUMNS = False


def claims(lines: List[Line]) -> bool:
    return unmarked.is_flattened(lines, unmarked.tokens_of(lines, ""))


def values(vocab: Optional[tv.TableVocab], own: List[unmarked.Token], found: List[unmarked.Token],
           expected: int, text: str) -> Tuple[List[CellText], Optional[TableIssue]]:
    if not found:
        return [], None
    where = list(own) + list(found)
    numeric = [row_label_of(vocab, t.norm) for t in own]
    known_row = bool(own) and numeric[-1] is True
    if own and numeric[-1] is False:
        return [], issue(where, "lost-sub-row")
    runs = [t for t in found if t.kind == "run"]
    if not runs:
        return cell_per_line.values(vocab, own, found, expected, text)
    if len(found) == 1 and known_row and expected == 1:
        return [found[0].cell()], None
    if len(found) == 1 and known_row and expected and found[0].norm.isdigit() and len(found[0].norm) == expected:
        t = found[0]
        return [CellText(i, i + 1, text[i]) for i in range(t.start, t.end) if text[i].isdigit()], None
    if not own and vocab is not None and vocab.row_labels:
        return [], issue(where, "run-without-label")
    return [], issue(where, "run-together", digits="".join(t.norm for t in found),
                     expected_zh=f"（应有 {expected} 列）" if expected else "",
                     expected_en=f" ({expected} columns expected)" if expected else "")


def read(lines: List[Line], text: str) -> Reading:
    return unmarked.read_unmarked(lines, text, True, values)
