"""What the rules over two years share: what they keep of each report in the per-file pass
(``extract``: the body, the year and the table cells they compare), and last year's report of a
report's body, among the run's reports or found in the repository."""
from __future__ import annotations

from typing import Any, Dict, Iterator, Optional, Sequence, Tuple

from gaonb_lint.api import Report, official_format

# The cells compared across years: table 三's carried-over rows, table 二's first block.
APPLICATION_ROWS = ("二、上年结转政府信息公开申请数量", "四、结转下年度继续办理")
PROACTIVE_ROWS = ("规章", "行政规范性文件")


# Carry-over and in-force-count keep the same of a report, one after the other: worked out once,
# and their two extracts share it (memory held for the report-set pass, the cache's row).
_LAST: Tuple[Any, Any] = (None, None)


def extract(report: Report, ctx) -> Optional[Dict[str, Any]]:
    """The body, year, format version and the comparable cells ``{(row, col): (value, start, end)}``
    of tables 三 and 二 (``None`` for a report without body or year)."""
    global _LAST
    last = _LAST
    if last[0] is report:
        return last[1]
    data = _extract(report)
    _LAST = (report, data)
    return data


def _extract(report: Report) -> Optional[Dict[str, Any]]:
    from gaonb_lint.api.history import body_key

    body = body_key(report)
    version = official_format.version_for_year(report.year) if report.year is not None else None
    if body is None or version is None:
        return None
    return {"body": body, "year": report.year, "version": version.id,
            "applications": _trusted(report, version, "applications", APPLICATION_ROWS),
            "proactive": _trusted(report, version, "proactive", PROACTIVE_ROWS)}


def _trusted(report: Report, version, kind: str, rows: Sequence[str]) -> Dict[Tuple[str, str], Tuple[int, int, int]]:
    """The cells of ``rows`` that were read with certainty and are in no relation of their table
    that fails (the ``balance`` rule reports those; comparing them would report the cause twice)."""
    from gaonb_lint.api.tables import locate_tables

    located = locate_tables(report, version).get(kind)
    mapped = located.mapped if located is not None else None
    if mapped is None or not mapped.readable:
        return {}
    doubtful = set()
    for violation in mapped.violations():
        doubtful.update(violation.instance.cells())
    out = {}
    for (row, col), cell in mapped.cells.items():
        if row not in rows or (row, col) in doubtful or cell.parsed.problem_zh:
            continue
        number = cell.number()
        if number is None and cell.parsed.blank:
            number = 0
        if number is not None:
            out[(row, col)] = (number, cell.where[0], cell.where[1])
    return out


def pairs(items: Sequence[Any], ctx) -> Iterator[Tuple[Any, Any]]:
    """``(this year's extract, last year's)`` for each report of the run with a report of the same
    body for the year before: among the run's, else in the repository; a report without one is
    noted for ``--verbose``."""
    from gaonb_lint.api import Extract, RuleContext
    from gaonb_lint.api.history import find_last_year, search_root, verbose_note

    by_key = {(i.data["body"], i.data["year"]): i for i in sorted(items, key=lambda i: i.path)}
    for item in sorted(items, key=lambda i: i.path):
        body, year = item.data["body"], item.data["year"]
        previous = by_key.get((body, year - 1))
        if previous is None:
            report = find_last_year(item.path, body, year - 1)
            data = extract(report, RuleContext(ctx.rule, None, ctx.options, ctx.lang)) if report is not None else None
            previous = Extract(report, data) if data is not None else None
        if previous is None:
            root = search_root(item.path)
            if root:
                where = {"zh": f"在所检查的文件和 {root} 下", "en": f"among the checked files or under {root}"}
            else:
                where = {"zh": "在所检查的文件中（没有配置文件或 git 仓库可供查找）",
                         "en": "among the checked files (no configuration file or git repository to search)"}
            verbose_note({"zh": f"{item.path}: {where['zh']}没有找到{body} {year - 1} 年的报告，未与上年比较",
                          "en": f"{item.path}: no report of {body} for {year - 1} {where['en']}; "
                                f"not compared with last year"})
            continue
        yield item, previous
