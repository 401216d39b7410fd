"""The publication date of a report, when its source says it (front matter ``published:``, or a
labelled ``发布日期``/``发布时间`` line near the top of a scraped page), and ``unreadable_date``: a
publication date the source states but that is not a date.  Import it inside ``check``."""
from __future__ import annotations

from gaonb_lint.publication import Published, Unreadable, find_publication_date, unreadable_date

__all__ = ["Published", "Unreadable", "find_publication_date", "unreadable_date"]
