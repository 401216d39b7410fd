"""The header band of tables 三 and 四 where a layout lost the column positions."""
from __future__ import annotations

from typing import List, Tuple

from gaonb_lint.readers import table_vocab as tv
from gaonb_lint.readers.scraped.lines import NUMBER_CELL, CellText
from gaonb_lint.readers.scraped.vocab import places, row_label_of, table_vocab


def lay_out_headers(rows: List[List[CellText]]) -> None:
    """Put the header cells of tables 三 and 四 under the columns they head.

    Where the layout keeps no column positions (one cell per line, run-together text, pipe text
    that moved the padding of spanning cells to the end of the row), header rows come out
    left-packed: ``自然人 | 法人或其他组织 | 总计``.  Read top to bottom, such a header would say
    nothing about which column is which; so each header cell is placed at its column in the
    official header (one label column first for table 三, none for table 四), as in the HTML
    original, and the gaps are empty cells.  Cells the format does not know keep their order."""
    norms = [tv.normalize_with_map(c.text)[0] for r in rows for c in r if c.text]
    vocab = table_vocab([n for n in norms if n in tv.all_labels()])
    if vocab is None or vocab.titles:  # table 二's header rows already line up with their rows
        return
    offset = 1 if vocab.row_labels else 0
    taken: set = set()  # leaf columns headed in a row above
    for r, row in enumerate(rows):
        cells = [c for c in row if c.text]
        if not cells or any(NUMBER_CELL.match(c.text) for c in cells):
            continue
        placed: List[Tuple[int, CellText]] = []
        right = -2
        known = 0
        for c in cells:
            norm = tv.normalize_with_map(c.text)[0]
            if row_label_of(vocab, norm) is not None:
                placed = []
                break
            free = [p for p in places(vocab, norm) if p.lo > right and not (p.leaf and p.lo in taken)]
            if free:
                col = min(free, key=lambda p: p.lo)
                right, at = col.hi, col.lo + offset
                known += 1
                if col.leaf:
                    taken.add(col.lo)
            else:
                right += 1
                at = (placed[-1][0] + 1) if placed else offset
            if placed and at <= placed[-1][0]:
                at = placed[-1][0] + 1
            placed.append((max(at, 0), c))
        if not placed or not known:
            continue
        width = max(offset + vocab.leaves, placed[-1][0] + 1)
        laid: List[CellText] = []
        for col in range(width):
            hit = next((c for at, c in placed if at == col), None)
            if hit is not None:
                laid.append(hit)
            else:
                at = laid[-1].end if laid else placed[0][1].start
                laid.append(CellText(at, at, ""))
        rows[r] = laid
