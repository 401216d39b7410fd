"""Last year's report, for rules over two years (``carry-over``): ``body_key(report)`` is the
reporting body without year and suffix; ``find_last_year(path, body, year)`` the report of that
body and year in the repository of ``path`` (its configuration root, else its git work tree;
``previous-report`` narrows the search); ``verbose_note(text)`` a line for ``check --verbose``;
``search_root(path)`` the directory searched.  Import it inside ``check``."""
from __future__ import annotations

from gaonb_lint.history import body_key, find_last_year, search_root, verbose_note

__all__ = ["body_key", "find_last_year", "search_root", "verbose_note"]
