"""Where tables sit in scraped text.  The reading of the scraped table layouts themselves is
done in later work; until then every line stays a paragraph (the structure builder still
refuses to read a table row as a heading)."""
from __future__ import annotations

from typing import Callable, List

from gaonb_lint.model import Block


def blocks_with_tables(text: str, line_blocks: Callable[..., List[Block]]) -> List[Block]:
    return line_blocks(text)
