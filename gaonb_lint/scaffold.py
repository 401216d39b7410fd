"""``gaonb-lint new-rule NAME``: a new rule module with its documentation stub and test cases.

The module is a working rule (it reports a placeholder phrase, so its cases pass at once), laid
out as every built-in rule is: the five documentation headings as the module docstring, ``check``
and ``RULE``; the cases go to ``cases/NAME.yml`` next to it.  Nothing is overwritten.
"""
from __future__ import annotations

import os
import re
import sys
from typing import List, Optional

HELP = "create a rule module with its documentation stub and test cases"

SLUG = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
CODE = re.compile(r"^([A-Z]{1,4})([0-9]{3,4})$")
_CODE_IN_SOURCE = re.compile(r"""\bcode\s*=\s*["']([A-Z]{1,4}[0-9]{3,4})["']""")

MODULE = '''"""## What it does
Reports the placeholder `{phrase}` in a paragraph. (Describe what the rule checks, precisely
enough that a reader can predict every finding.)

## Why
(Who needs this, and what goes wrong without it.)

## Format clause
(The clause of 国办公开办函〔2021〕30号 this checks, or: none, a local requirement of ….)

## Example
`全年新收政府信息公开申请{phrase}件。` is reported at `{phrase}`.

## How to fix
(What the author of the report should write instead.)
"""
from __future__ import annotations

from gaonb_lint.api import Paragraph, Rule

PHRASE = "{phrase}"


def check(report, ctx):
    for block in report.all_blocks():
        if not isinstance(block, Paragraph):
            continue
        start = block.text.find(PHRASE)
        if start >= 0:
            yield ctx.finding((block.start + start, block.start + start + len(PHRASE)), "found", text=PHRASE)


RULE = Rule(
    slug="{slug}",
    code="{code}",
    severity="warning",
    summary={{"zh": "（一句话说明规则）", "en": "(one line on what the rule checks)"}},
    messages={{"found": {{"zh": "“{{text}}”应替换为实际内容", "en": "replace “{{text}}” with the real text"}}}},
    check=check,
    doc=__doc__,
)
'''

CASES = '''# Cases for rule {slug} ({code}). Each case: name, source, suffix (.md/.txt, default .md),
# optional year, expect: [{{line, column (optional), message_contains}}] — the exact set of this
# rule's findings; [] means the source must pass.
rule: {slug}
cases:
  - name: reported
    source: |
      # 某镇人民政府2025年政府信息公开工作年度报告

      全年新收政府信息公开申请{phrase}件。
    expect:
      - line: 3
        column: 13
        message_contains: "{phrase}"

  - name: passes
    source: |
      # 某镇人民政府2025年政府信息公开工作年度报告

      全年新收政府信息公开申请13件。
    expect: []
'''


def add_arguments(parser) -> None:
    from gaonb_lint.messages import text as h

    parser.add_argument("name", metavar=h("metavar.name"), help=h("help.new-rule.name"))
    parser.add_argument("--code", default=None, metavar=h("metavar.code"), help=h("help.new-rule.code"))
    parser.add_argument("--dir", default=None, metavar=h("metavar.dir"), help=h("help.new-rule.dir"))
    parser.add_argument("--lang", choices=("zh", "en"), default=None, help=h("help.lang"))


def default_dir() -> str:
    return "rules" if os.path.isfile(os.path.join("rules", "__init__.py")) else "."


def codes_in(directory: str) -> List[str]:
    out: List[str] = []
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        return out
    for name in names:
        if name.endswith(".py"):
            try:
                with open(os.path.join(directory, name), encoding="utf-8") as fh:
                    out.extend(_CODE_IN_SOURCE.findall(fh.read()))
            except (OSError, UnicodeDecodeError):
                continue
    return out


def next_code(codes: List[str]) -> Optional[str]:
    """The code after the highest one of the most used prefix (``GL302`` → ``GL303``)."""
    parsed = [CODE.match(c) for c in codes]
    parsed = [m for m in parsed if m]
    if not parsed:
        return None
    prefixes = [m.group(1) for m in parsed]
    prefix = max(sorted(set(prefixes)), key=prefixes.count)
    numbers = [m.group(2) for m in parsed if m.group(1) == prefix]
    width = max(len(n) for n in numbers)
    taken = {int(n) for n in numbers}
    candidate = max(taken) + 1
    while candidate in taken:
        candidate += 1
    return f"{prefix}{candidate:0{width}d}"


def _write_new(path: str, text: str) -> None:
    """Create ``path`` with ``text``, all or nothing, never over an existing file."""
    directory = os.path.dirname(path) or "."
    os.makedirs(directory, exist_ok=True)
    tmp = os.path.join(directory, f".{os.path.basename(path)}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    try:
        os.link(tmp, path)  # fails if path exists, unlike os.replace
    finally:
        os.unlink(tmp)


def run(args) -> int:
    from gaonb_lint.errors import EXIT_CLEAN, UsageError
    from gaonb_lint.messages import Message, text

    slug = args.name
    if not SLUG.match(slug):
        raise UsageError("scaffold.bad-slug", name=slug)
    directory = args.dir or default_dir()
    code = args.code or next_code(codes_in(directory))
    if code is None:
        raise UsageError("scaffold.no-code", dir=directory)
    if not CODE.match(code):
        raise UsageError("scaffold.bad-code", code=code)
    if code in codes_in(directory):
        raise UsageError("scaffold.code-taken", code=code, dir=directory)
    module = slug.replace("-", "_")
    module_path = os.path.join(directory, f"{module}.py")
    cases_path = os.path.join(directory, "cases", f"{module}.yml")
    for path in (module_path, cases_path):
        if os.path.exists(path):
            raise UsageError("scaffold.exists", path=path)
    values = {"slug": slug, "code": code, "phrase": "待补充"}
    try:
        _write_new(module_path, MODULE.format(**values))
        try:
            _write_new(cases_path, CASES.format(**values))
        except BaseException:
            os.unlink(module_path)
            raise
    except FileExistsError as e:
        raise UsageError("scaffold.exists", path=e.filename or module_path) from None
    except OSError as e:
        raise UsageError("scaffold.cannot-write", dir=directory, reason=e.strerror or str(e)) from None
    builtin = os.path.isfile(os.path.join(directory, "__init__.py")) and directory.rstrip("/") == "rules"
    register = (Message("scaffold.register-builtin", module=module, dir=directory.rstrip("/")) if builtin
                else Message("scaffold.register-plugin", module=module))
    lang = getattr(args, "lang", None)
    sys.stdout.write(f"{module_path}\n{cases_path}\n"
                     + text("scaffold.created", lang, slug=slug, code=code, register=register) + "\n")
    return EXIT_CLEAN
