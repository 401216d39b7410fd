"""``junit``: JUnit XML for CI test dashboards.  One ``<testsuite>`` per file and one
``<testcase>`` per file and rule that ran on it: a rule with findings is a failed test case
(one ``<failure>`` per finding), a rule without is a passed one; a file that could not be
checked is a test case with an ``<error>``."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TextIO

from gaonb_lint.contracts import OutputFormat
from gaonb_lint.results import RunResult

# XML 1.0 cannot hold these at all, not even escaped.
_ILLEGAL = {c: None for c in list(range(0, 9)) + [11, 12] + list(range(14, 32)) + [0xFFFE, 0xFFFF]}


def _x(text: str) -> str:
    return str(text).translate(_ILLEGAL)


def render(result: RunResult, out: TextIO) -> None:
    by_file = defaultdict(lambda: defaultdict(list))
    for d in result.diagnostics:
        by_file[d.path][d.rule].append(d)
    root = ET.Element("testsuites", name="gaonb-lint")
    total = failures = errors = 0
    paths = list(result.paths) + [p for p in by_file if p not in result.paths]
    for path in paths:
        suite = ET.SubElement(root, "testsuite", name=_x(path))
        rules = list(result.ran.get(path) or ())
        rules += sorted(r for r in by_file[path] if r not in rules)
        n_fail = 0
        for slug in rules:
            rule = result.rule(slug)
            code = rule.code if rule is not None else ""
            case = ET.SubElement(suite, "testcase", name=_x(f"{code} {slug}".strip()), classname=_x(path))
            found = by_file[path].get(slug, [])
            if found:
                n_fail += 1
            for d in found:
                fail = ET.SubElement(case, "failure", type=d.severity,
                                     message=_x(f"{d.span.line}:{d.span.column}: {d.message}"))
                fail.text = _x(f"{d.path}:{d.span.line}:{d.span.column}: {d.code} [{d.rule}] {d.message}")
        suite.set("tests", str(len(rules)))
        suite.set("failures", str(n_fail))
        suite.set("errors", "0")
        total += len(rules)
        failures += n_fail
    if result.errors:
        suite = ET.SubElement(root, "testsuite", name="gaonb-lint", tests=str(len(result.errors)),
                              failures="0", errors=str(len(result.errors)))
        for e in result.errors:
            case = ET.SubElement(suite, "testcase", name=_x(e.get("path") or e.get("plugin", "")), classname="gaonb-lint")
            ET.SubElement(case, "error", message=_x(e["message"])).text = _x(e["message"])
        total += len(result.errors)
        errors += len(result.errors)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")


FORMAT = OutputFormat("junit", {"zh": "JUnit XML（每个文件、每条规则一个测试用例）",
                                       "en": "JUnit XML (a test case per file and rule)"}, render)
