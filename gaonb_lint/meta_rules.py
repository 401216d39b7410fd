"""The host's own rules: they report on the run (a crashing rule, a stale suppression comment),
not on a report's content, so no plugin provides them and ``check`` never calls them."""
from __future__ import annotations

from gaonb_lint.rule import Rule

PLUGIN_ERROR = Rule(
    slug="plugin-error", code="GL900",
    summary={"zh": "规则插件运行出错", "en": "a rule plugin crashed"},
    messages={"crash": {"zh": "规则 {rule}（插件 {plugin}）运行出错，已跳过（出错信息：“{error}”）；请更新或卸载这个插件",
                        "en": "rule {rule} (plugin {plugin}) crashed and was skipped (“{error}”); update or uninstall "
                              "the plugin"},
              "timeout": {"zh": "规则 {rule}（插件 {plugin}）运行超过 {seconds} 秒，已停止并跳过；请更新或卸载这个插件，"
                                "或在配置中调大 rule-timeout",
                          "en": "rule {rule} (plugin {plugin}) timed out after {seconds} s and was skipped; update or "
                                "uninstall the plugin, or raise rule-timeout in the configuration"},
              "too-many": {"zh": "规则 {rule}（插件 {plugin}）在此文件中报告了超过 {limit} 个问题，其余未列出",
                           "en": "rule {rule} (plugin {plugin}) reported more than {limit} findings in this file; "
                                 "the rest are not listed"}},
    plugin="gaonb-lint", meta=True,
    doc="""## 查什么
检查某个文件时，如有规则运行失败，报出这条规则：抛出了异常（包括插件中的 `SystemExit` 和 `KeyboardInterrupt`）、运行超过时限（配置中的 `rule-timeout`，默认 30 秒），或给出了无效的结果（级别不是 error、warning、info，位置不是整数）。其他规则照常运行。一条规则在一个文件中报出超过 1000 个问题的，其余的在这里合成一条警告。（插件根本无法加载的，是整次运行的错误：在标准错误输出一行，退出码为 2。）

## 为什么
一个有缺陷的第三方规则，不能把其他所有问题都掩盖掉，不能让检查卡住不动，也不能悄无声息地算作通过。

## 格式依据
无：这是关于检查工具本身的。

## 示例
```
report.md:1:1: GL900 [plugin-error] 错误：规则 my-rule（插件 my_plugin）运行出错，已跳过（出错信息：“division by zero”）；请更新或卸载这个插件
```

## 怎么改
更新或卸载提示中点名的插件，或在修好之前用 `--ignore` 跳过它的规则。插件作者可加 `--debug` 查看出错的调用栈。

## What it does
Reports a rule that failed while checking a file: it raised an exception (`SystemExit` and
`KeyboardInterrupt` from the plugin included), ran longer than its time budget (`rule-timeout`
in the configuration, 30 seconds by default), or yielded an invalid finding (a severity other
than error, warning or info, offsets that are not integers). The other rules still run. A rule
that reports more than 1,000 findings in one file has the rest replaced by one warning here. (A
plugin that cannot be loaded at all is an error of the run: one line on stderr, exit status 2.)

## Why
One faulty third-party rule must not hide every other finding, and must not pass silently.

## Format clause
None: this is about the linter itself.

## Example
```
report.md:1:1: GL900 [plugin-error] 错误：规则 my-rule（插件 my_plugin）运行出错，已跳过（出错信息：“division by zero”）；请更新或卸载这个插件
```

## How to fix
Update or uninstall the plugin named in the message, or `--ignore` its rule until it is fixed.
""")


UNUSED_SUPPRESSION = Rule(
    slug="unused-suppression", code="GL901", severity="warning",
    summary={"zh": "无效的行内抑制注释", "en": "an inline suppression comment that suppressed nothing"},
    messages={
        "unused": {"zh": "抑制注释 “{comment}” 未抑制任何问题，请删除", "en": "suppression “{comment}” suppressed nothing; remove it"},
        "unknown": {"zh": "抑制注释中的规则 “{name}” 不存在（可用 gaonb-lint rules 查看规则列表）",
                    "en": "suppression names unknown rule “{name}” (see gaonb-lint rules)"},
        "directive": {"zh": "未知的抑制指令 “{directive}”，此注释不抑制任何问题（可用指令：{kinds}）",
                      "en": "unknown suppression directive “{directive}”; this comment suppresses nothing "
                            "(directives: {kinds})"},
        "stray-enable": {"zh": "抑制注释 “{comment}” 之前没有对应的 gaonb-lint-disable",
                         "en": "“{comment}” has no gaonb-lint-disable before it to end"},
    },
    plugin="gaonb-lint", meta=True,
    doc="""## 查什么
报出没有抑制任何问题的 `<!-- gaonb-lint-disable… -->` 注释、注释中写了不存在的规则名，以及前面没有对应 `disable` 的 `enable`。写错了的指令（`gaonb-lint-disable-nextline`、`-files`、`disable-file:`）作为错误报出，且不抑制任何问题。本规则报出的问题不能用注释抑制。

## 为什么
过时的抑制注释会把该处下一个真正的错误藏起来；写错了规则名或指令的注释什么也没有抑制，看起来却像抑制了。

## 格式依据
无：这是关于检查工具自己的注释的。

## 示例
```markdown
<!-- gaonb-lint-disable-next-line fee-statment -->
```

## 怎么改
删除这条注释，或改正其中的规则名或指令（运行 `gaonb-lint rules` 查看全部规则）。

## What it does
Reports a `<!-- gaonb-lint-disable… -->` comment that suppressed no finding, that names a
rule that does not exist, or an `enable` without an open `disable`. A misspelt directive
(`gaonb-lint-disable-nextline`, `-files`, `disable-file:`) is reported as an error and
suppresses nothing. This rule's findings are never suppressed by comments.

## Why
A stale suppression hides the next real mistake at that place; a misspelt rule name suppresses
nothing while looking as if it did.

## Format clause
None: this is about the linter's own comments.

## Example
```markdown
<!-- gaonb-lint-disable-next-line fee-statment -->
<!-- gaonb-lint-disable-nextline fee-statement -->
```

## How to fix
Remove the comment, or correct the directive or the rule name (`gaonb-lint rules` lists
them). A reason may follow ` -- ` inside the comment.
""")


META_RULES = (PLUGIN_ERROR, UNUSED_SUPPRESSION)
