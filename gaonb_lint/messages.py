"""Every line the linter itself prints for a person, in Chinese (the default) and English.

One catalogue, ``CATALOGUE``: a key, and for each language a ``str.format`` template over named
parameters.  Rule findings have their own templates (``Rule.messages``); everything else a
person reads — error and warning lines, ``--verbose`` lines, the summary, help texts — is here,
so that a new line is written once, in both languages, in the shape of docs/error-style.md::

    from gaonb_lint.errors import InputError
    raise InputError("input.not-found", path=path)     # rendered in the run's language

    from gaonb_lint.messages import Message, text
    text("run.by-rule", "en")                           # 'By rule:'

A parameter may itself be a ``Message`` (rendered in the same language) or a list (joined with
``、`` or ``, ``).  tests/test_messages.py checks that every key has both languages with the same
placeholders, and tests/test_error_style.py walks the errors the CLI prints.

The language of a run (``resolve_lang``), first that applies:

1. ``--lang zh|en`` on the command line;
2. ``lang = "zh"|"en"`` in the configuration (for ``check``, the configuration of the first path;
   for the other commands, the one found from the current directory);
3. the ``GAONB_LINT_LANG`` environment variable (``zh`` or ``en``);
4. English when the locale is English: the first set of ``LC_ALL``, ``LC_MESSAGES``, ``LANG``
   starts with ``en`` (``en_US.UTF-8``);
5. otherwise Chinese (also for ``C``, ``POSIX`` and unset locales).
"""
from __future__ import annotations

import os
from typing import Any, Dict, Iterable, Mapping, Optional

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

# Language used by ``text`` when none is passed (help texts built by command modules).  Set by the
# command line once it knows the run's language.
_active = DEFAULT_LANG


def set_lang(lang: str) -> None:
    global _active
    _active = lang if lang in LANGS else DEFAULT_LANG


def active_lang() -> str:
    return _active


class Message:
    """A catalogue key with its parameters; rendered in a language only when printed."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: Any):
        if key not in CATALOGUE:
            raise KeyError(f"no message {key!r} in gaonb_lint.messages.CATALOGUE")
        self.key = key
        self.params = params

    def render(self, lang: Optional[str] = None) -> str:
        return text(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Message({self.key!r}, **{self.params!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Message) and (self.key, self.params) == (other.key, other.params)

    def __reduce__(self):  # picklable for -j worker processes
        return (_message, (self.key, self.params))


def _message(key: str, params: Dict[str, Any]) -> Message:
    return Message(key, **params)


def _value(value: Any, lang: str) -> Any:
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, (list, tuple)):
        return ("、" if lang == "zh" else ", ").join(str(_value(v, lang)) for v in value)
    return value


def text(key: str, lang: Optional[str] = None, /, **params: Any) -> str:
    """The template of ``key`` in ``lang`` (default: the active language) filled with ``params``."""
    lang = lang if lang in LANGS else _active
    return CATALOGUE[key][lang].format(**{k: _value(v, lang) for k, v in params.items()})


def render(message: Any, lang: Optional[str] = None) -> str:
    """A ``Message`` in ``lang``; any other value (a plugin's plain text) as it is."""
    return message.render(lang) if isinstance(message, Message) else str(message)


def line(level: str, message: Any, lang: Optional[str] = None) -> str:
    """One printed line: ``错误：…`` / ``error: …`` (``level``: error, warning or info)."""
    from gaonb_lint.safe_text import printable

    lang = lang if lang in LANGS else _active
    # A file name or a plugin's text may hold line breaks or terminal controls: escaped, so that
    # the line stays one line (a CI problem matcher would read a forged one).
    return text("level." + level, lang) + printable(render(message, lang))


def severity_name(severity: str, lang: Optional[str] = None) -> str:
    key = "severity." + severity
    return text(key, lang) if key in CATALOGUE else severity


def locale_lang(environ: Mapping[str, str]) -> Optional[str]:
    """``en`` when the locale (``LC_ALL``, else ``LC_MESSAGES``, else ``LANG``) is English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return "en" if value.lower().startswith("en") else None
    return None


def resolve_lang(flag: Optional[str] = None, setting: Optional[str] = None,
                 environ: Optional[Mapping[str, str]] = None) -> str:
    """The run's language (order in the module docstring).  An unknown ``GAONB_LINT_LANG`` value
    is skipped here; ``check_environment`` reports it."""
    if flag in LANGS:
        return flag
    if setting in LANGS:
        return setting
    environ = os.environ if environ is None else environ
    env = (environ.get("GAONB_LINT_LANG") or "").strip()
    if env in LANGS:
        return env
    return locale_lang(environ) or DEFAULT_LANG


def environment_problem(environ: Optional[Mapping[str, str]] = None) -> Optional[Message]:
    """A ``GAONB_LINT_LANG`` that is set but neither zh nor en (reported, never guessed)."""
    environ = os.environ if environ is None else environ
    env = (environ.get("GAONB_LINT_LANG") or "").strip()
    if env and env not in LANGS:
        return Message("usage.bad-lang-env", value=env)
    return None


def os_reason(error: OSError) -> Message:
    """Why a read or write failed, from its errno (``strerror`` is English whatever the locale)."""
    import errno

    name = errno.errorcode.get(error.errno or 0, "")
    key = "os." + name
    return Message(key) if key in CATALOGUE else Message("os.other", name=name or str(error.errno or "?"))


def json_reason(msg: str) -> Message:
    """The JSON parser's English reason (``JSONDecodeError.msg``) as a message."""
    import re

    m = re.match(r"Expecting '(.)' delimiter", msg)
    if m:
        return Message("json.expecting-delimiter", mark=m.group(1))
    for start, key in (("Expecting value", "json.expecting-value"), ("Expecting property name", "json.property-name"),
                       ("Unterminated string", "json.unterminated-string"), ("Invalid control", "json.control-character"),
                       ("Extra data", "json.extra-data"), ("Invalid \\", "json.bad-escape")):
        if msg.startswith(start):
            return Message(key)
    return Message("json.other")


def toml_reason(msg: str) -> Message:
    """tomllib's English reason (without its position) as a message."""
    low = msg.lower()
    for needle, key in (("expected '=' after a key", "toml.expected-equals"), ("unclosed array", "toml.unclosed-array"),
                        ("expected ']' at the end of a table", "toml.unclosed-table"),
                        ("expected ']]' at the end of an array", "toml.unclosed-table"),
                        ("invalid value", "toml.invalid-value"), ("cannot declare", "toml.duplicate"),
                        ("cannot overwrite", "toml.duplicate"), ("unterminated string", "toml.unterminated-string"),
                        ("expected newline", "toml.newline-expected"), ("illegal character", "toml.illegal-character"),
                        ("unclosed inline table", "toml.unclosed-inline")):
        if needle in low:
            return Message(key)
    return Message("toml.other")


def type_name(value) -> Message:
    """A TOML value's type for a configuration message (``str`` is no word for a clerk)."""
    name = type(value).__name__ if not isinstance(value, type) else value.__name__
    return Message("type." + name) if "type." + name in CATALOGUE else Message("type.other")


def keys(prefix: str = "") -> Iterable[str]:
    return [k for k in CATALOGUE if k.startswith(prefix)]


# Template shape (docs/error-style.md): the file (and line) first, then the problem, then after
# "；" / "; " what to do.  The level (错误：/error: ) is added by ``line``.  Option names, setting
# names, rule names and file names are not translated.
CATALOGUE: Dict[str, Dict[str, str]] = {
    # -- line levels and severities ---------------------------------------------------------------
    "level.error": {"zh": "错误：", "en": "error: "},
    "level.warning": {"zh": "警告：", "en": "warning: "},
    "level.info": {"zh": "提示：", "en": "info: "},
    "severity.error": {"zh": "错误", "en": "error"},
    "severity.warning": {"zh": "警告", "en": "warning"},
    "severity.info": {"zh": "提示", "en": "info"},

    # -- usage: the command line ------------------------------------------------------------------
    "usage.unknown-rule": {
        "zh": "{where}: 没有名为 “{name}” 的规则；运行 gaonb-lint rules 可查看全部规则的名称和代码",
        "en": "{where}: unknown rule '{name}'; `gaonb-lint rules` lists them"},
    "usage.unknown-rule-explain": {
        "zh": "没有名为 “{name}” 的规则；运行 gaonb-lint rules 可查看全部规则的名称和代码",
        "en": "unknown rule '{name}'; `gaonb-lint rules` lists them"},
    "usage.jobs": {
        "zh": "--jobs 应为 0（每个处理器核心一个进程）或正整数，现为 {jobs}",
        "en": "--jobs must be 0 (one per core) or a positive number, got {jobs}"},
    "usage.format-version": {
        "zh": "--format-version 只能是 {versions}，现为 “{value}”",
        "en": "--format-version must be one of {versions}, got '{value}'"},
    "usage.unknown-format": {
        "zh": "没有 “{value}” 这种输出格式（--format）；可用的格式有 {known}",
        "en": "unknown output format --format '{value}'; the formats are: {known}"},
    "usage.extract-needs-file": {
        "zh": "extract 需要一个报告文件；请写成 gaonb-lint extract 报告文件（或用 --print-schema 只输出结构定义）",
        "en": "extract needs a report; write gaonb-lint extract FILE (or --print-schema for the schema only)"},
    "usage.bad-lang-env": {
        "zh": "环境变量 GAONB_LINT_LANG 只能是 zh 或 en，现为 “{value}”；请改正或删除它",
        "en": "the environment variable GAONB_LINT_LANG must be zh or en, not '{value}'; correct or unset it"},
    "usage.cwd-gone": {
        "zh": "当前目录已不存在（运行时被删除了）；请进入一个存在的目录后再运行",
        "en": "the current directory no longer exists (deleted while in use); cd to an existing directory"},
    "usage.select-empty": {
        "zh": "--select 没有给出任何规则（值为空）；请写出规则，如 --select GL1,fee-statement",
        "en": "--select names no rule (an empty value); name rules, e.g. --select GL1,fee-statement"},
    "usage.nothing-selected": {
        "zh": "--select 和 --ignore 排除了全部规则，什么也不会检查；请少排除一些规则",
        "en": "--select/--ignore leave no rule to run, so nothing would be checked; ignore fewer rules"},
    "usage.config-isolated": {
        "zh": "--config 和 --isolated 互相矛盾（--isolated 会忽略所有配置文件）；请只用其中一个",
        "en": "--config and --isolated contradict each other (--isolated ignores every configuration file); "
              "give one of them"},
    "usage.server-needs-extra": {"zh": "gaonb-lint server 需要先安装 lsp 组件；请运行 {command}",
                                 "en": "gaonb-lint server needs the lsp extra; install it with {command}"},
    "usage.argparse": {"zh": "{message}；运行 {prog} --help 查看用法",
                       "en": "{message}; `{prog} --help` shows the usage"},

    # -- input: the files to check ----------------------------------------------------------------
    "input.not-found": {
        "zh": "{path}: 找不到这个文件或目录；请检查路径和文件名是否写对",
        "en": "{path}: no such file or directory; check the path"},
    "input.is-directory": {
        "zh": "{path}: 这是一个目录，不是文件；请给出目录里的报告文件",
        "en": "{path}: is a directory, not a file; name a report file in it"},
    "input.permission": {
        "zh": "{path}: 没有读取权限；请修改文件权限，或把文件复制到自己有权限的目录后再检查",
        "en": "{path}: permission denied; make the file readable, or copy it somewhere you can read"},
    "input.cannot-read": {
        "zh": "{path}: 无法读取（{reason}）；请确认文件完好、所在磁盘可以访问",
        "en": "{path}: cannot read ({reason}); check that the file and its disk are accessible"},
    "input.unsupported-type": {
        "zh": "{path}: 不支持这种文件类型（{suffix}）；能检查的类型有 {supported}",
        "en": "{path}: unsupported file type ({suffix}); supported: {supported}"},
    "input.no-suffix": {"zh": "没有扩展名", "en": "no suffix"},
    "input.not-regular": {
        "zh": "{path}: 不是普通文件（是管道、套接字或设备）；请给出报告文件",
        "en": "{path}: not a regular file (a pipe, socket or device); name a report file"},
    "input.too-large": {
        "zh": "{path}: 文件有 {size}，超过 {limit} 的上限；如确是报告，请在配置中调大 max-file-size",
        "en": "{path}: file is {size}, over the {limit} limit; if it is a report, raise "
              "max-file-size in the configuration"},
    "input.too-deep": {
        "zh": "{path}: 网页元素嵌套层级太深（数千层），无法读取；请把报告另存为 .docx 或 .txt 后再检查",
        "en": "{path}: nested too deeply to read (thousands of nested elements); save the report as "
              ".docx or .txt and check that"},
    "input.binary": {
        "zh": "{path}: 这是二进制文件（含空字节），不是文本报告；请确认文件类型是否正确",
        "en": "{path}: binary file (contains NUL bytes), not a report; check the file type"},
    "input.undecodable": {
        "zh": "{path}: 无法识别文字编码：不是 UTF-8（第 {line} 行有无效字节 0x{byte}），也不是 GB18030/GBK 中文；"
              "请用“另存为”把文件存成 UTF-8 编码",
        "en": "{path}: cannot decode: not UTF-8 (invalid byte 0x{byte} on line {line}) and not GB18030/GBK "
              "Chinese text; save the file as UTF-8"},
    "input.undecodable-bom": {
        "zh": "{path}: 文件开头标明是 {encoding} 编码，但第 {line} 行附近有无效字节 0x{byte}；"
              "请用“另存为”把文件存成 UTF-8 编码",
        "en": "{path}: cannot decode as {encoding} (invalid byte 0x{byte} near line {line}); save the file as UTF-8"},
    "input.no-reports": {
        "zh": "{path}: 目录里没有找到报告文件（查找的是 {patterns}）；请检查路径，或在配置的 include 中加上报告的文件名模式",
        "en": "{path}: no reports found (looked for {patterns}); check the path, or add the reports' "
              "file patterns to include in the configuration"},
    "input.docx-needs-extra": {
        "zh": "{path}: 读取 .docx 文件需要先安装 python-docx 组件；请运行 {command}",
        "en": "{path}: reading .docx files needs python-docx; install it with {command}"},
    "input.docx-unreadable": {
        "zh": "{path}: 不是可以读取的 .docx 文件（可能已损坏，或是改了扩展名的旧版 .doc）；"
              "请用 Word 或 WPS 打开后另存为 .docx",
        "en": "{path}: not a readable .docx file (damaged, or an old .doc renamed); open it in Word or "
              "WPS and save it as .docx"},
    "input.pdf-needs-extra": {
        "zh": "{path}: 读取 .pdf 文件需要先安装 pypdfium2 组件；请运行 {command}",
        "en": "{path}: reading .pdf files needs pypdfium2; install it with {command}"},
    "input.pdf-encrypted": {
        "zh": "{path}: 这个 PDF 加了密码，无法打开；请检查未加密的版本",
        "en": "{path}: the PDF is encrypted (it needs a password to open); check an unencrypted copy"},
    "input.pdf-unsupported-encryption": {
        "zh": "{path}: 这个 PDF 使用了不支持的加密方式；请检查未加密的版本",
        "en": "{path}: the PDF uses an encryption this reader does not support; check an unencrypted copy"},
    "input.pdf-unreadable": {
        "zh": "{path}: 不是可以读取的 PDF 文件（已损坏，或并不是 PDF）；请检查原文件",
        "en": "{path}: not a readable PDF file (damaged or not a PDF); check the source document"},
    "input.pdf-page-unreadable": {
        "zh": "{path}: 不是可以读取的 PDF 文件（有一页无法载入）；请检查原文件",
        "en": "{path}: not a readable PDF file (a page cannot be loaded); check the source document"},
    "input.pdf-no-pages": {"zh": "{path}: 这个 PDF 没有任何页面；请检查原文件",
                           "en": "{path}: the PDF has no pages; check the source document"},
    "input.pdf-no-text": {
        "zh": "{path}: 这个 PDF 没有文字层（是扫描件或图片），gaonb-lint 不识别图片中的文字；请检查原始的 Word 或网页版本",
        "en": "{path}: the PDF has no text layer (a scan or images of pages); gaonb-lint does not read images "
              "(no OCR): check the source document"},
    "input.pdf-scanned-pages": {
        "zh": "{path}: 第 {pages} 页没有文字层（是扫描的图片），gaonb-lint 不识别图片中的文字，会漏掉这些页的内容；"
              "请检查原始的 Word 或网页版本",
        "en": "{path}: page(s) {pages} have no text layer (scanned images); gaonb-lint does not read images (no OCR), "
              "and would miss what they say: check the source document"},
    "input.pdf-undecodable": {
        "zh": "{path}: 这个 PDF 的文字无法解码（{total} 个字符中有 {unmapped} 个在字体里没有编码对照）；请检查原始的 Word 或网页版本",
        "en": "{path}: the PDF's text cannot be decoded ({unmapped} of {total} characters have no Unicode mapping "
              "in their font); check the source document"},
    "input.not-utf8-json": {
        "zh": "{path}: 不是 UTF-8 文本；validate 只接受 gaonb-lint extract 输出的 JSON 文件",
        "en": "{path}: not UTF-8 text; validate takes the JSON written by gaonb-lint extract"},
    "input.invalid-json": {
        "zh": "{path}:{line}:{column}: 不是有效的 JSON（{reason}）；请用 gaonb-lint extract 重新生成",
        "en": "{path}:{line}:{column}: invalid JSON ({reason}); regenerate it with gaonb-lint extract"},
    "input.unpacked-too-large": {
        "zh": "{path}: 解压后的内容有 {size}，超过 {limit} 的上限；如确是报告，请在配置中调大 max-file-size",
        "en": "{path}: unpacked content is {size}, over the {limit} limit; if it is a report, raise "
              "max-file-size in the configuration"},
    "input.out-of-memory": {
        "zh": "{path}: 读取或检查这个文件时内存不足，其他文件照常检查；请把报告拆小，或在内存更大的机器上检查",
        "en": "{path}: out of memory while reading or checking this file (the other files were checked); "
              "split the report, or check it on a machine with more memory"},
    "input.internal-error": {
        "zh": "{path}: 检查这个文件时 gaonb-lint 内部出错（{error}），其他文件照常检查；请把这个文件和这一行报告给维护者",
        "en": "{path}: internal error while checking this file ({error}; the other files were checked); "
              "please report it with the file"},
    "input.unreadable-dir": {
        "zh": "{path}: 无法读取这个目录（{reason}），其中的报告都没有检查；请修改目录权限",
        "en": "{path}: cannot read this directory ({reason}), so the reports in it were not checked; make it readable"},
    "input.excluded-dir": {
        "zh": "{path}: 这个目录被排除模式 “{pattern}”（{config}）排除了，没有检查任何文件；请直接给出其中的文件，或修改 exclude",
        "en": "{path}: no reports checked: the directory is excluded by the pattern '{pattern}' ({config}); "
              "name the files, or change exclude"},
    "input.default-exclude": {"zh": "默认排除", "en": "default exclude"},
    "input.worker-died": {
        "zh": "{path}: 检查这个或之后的文件时，一个工作进程意外结束（被终止、内存不足或被插件结束），{n} 个文件没有检查；"
              "请用 -j 1 重新运行，找出是哪个文件",
        "en": "{path}: a worker process ended unexpectedly (killed, out of memory, or ended by a plugin) while this "
              "or a later file was checked, and {n} file(s) were not checked; run with -j 1 to find the file"},
    "output.same-as-input": {
        "zh": "{path}: 这就是输入文件本身（或指向它的链接），不能覆盖；请把 Markdown 写到另一个文件",
        "en": "{path}: is the input file itself (or a link to it); write the Markdown to another file"},
    "output.cannot-write-kept": {
        "zh": "{path}: 无法写入（{reason}），原文件保持不变；请检查磁盘空间和写权限",
        "en": "{path}: cannot write ({reason}); the file was left as it was. Check the disk space and write permission"},
    "output.not-encodable": {
        "zh": "{path}: 转换结果无法编码为 UTF-8（{reason}），没有写入任何内容；请报告给读取器的作者",
        "en": "{path}: the Markdown cannot be encoded as UTF-8 ({reason}), so nothing was written; tell the "
              "reader's author"},
    "output.stdout-failed": {
        "zh": "无法写出检查结果（{reason}）；请检查输出的去处（磁盘空间、管道）",
        "en": "cannot write the output ({reason}); check where it goes (disk space, pipe)"},
    "input.json-too-complex": {
        "zh": "{path}: 无法作为 JSON 读取（{reason}）；请用 gaonb-lint extract 重新生成",
        "en": "{path}: cannot be read as JSON ({reason}); regenerate it with gaonb-lint extract"},
    "json.too-deep": {"zh": "嵌套层级太深", "en": "nested too deeply"},
    "json.number-too-long": {"zh": "有一个数字位数过多", "en": "a number has too many digits"},
    "output.cannot-write": {
        "zh": "{path}: 无法写入（{reason}）；请检查目录是否存在、是否有写权限",
        "en": "{path}: cannot write ({reason}); check that the directory exists and is writable"},

    # Reasons from the system (errno) and from the JSON parser.
    "os.EIO": {"zh": "磁盘读写出错", "en": "input/output error"},
    "os.EACCES": {"zh": "没有权限", "en": "permission denied"},
    "os.EPERM": {"zh": "操作不被允许", "en": "operation not permitted"},
    "os.ENOENT": {"zh": "文件或目录不存在", "en": "no such file or directory"},
    "os.ENOTDIR": {"zh": "路径中有一段不是目录", "en": "a part of the path is not a directory"},
    "os.EISDIR": {"zh": "这是一个目录", "en": "is a directory"},
    "os.ENOSPC": {"zh": "磁盘已满", "en": "no space left on the device"},
    "os.EROFS": {"zh": "磁盘是只读的", "en": "read-only file system"},
    "os.ELOOP": {"zh": "符号链接循环", "en": "too many levels of symbolic links"},
    "os.ENAMETOOLONG": {"zh": "文件名太长", "en": "file name too long"},
    "os.EMFILE": {"zh": "打开的文件太多", "en": "too many open files"},
    "os.EBUSY": {"zh": "文件正被占用", "en": "device or resource busy"},
    "os.other": {"zh": "系统错误 {name}", "en": "system error {name}"},
    "json.expecting-value": {"zh": "此处应有一个值", "en": "expecting a value"},
    "json.expecting-delimiter": {"zh": "此处缺少 “{mark}”", "en": "expecting '{mark}'"},
    "json.property-name": {"zh": "键名应使用英文双引号", "en": "property names must be in double quotes"},
    "json.unterminated-string": {"zh": "字符串没有结束的引号", "en": "unterminated string"},
    "json.control-character": {"zh": "字符串中有控制字符", "en": "control character in a string"},
    "json.extra-data": {"zh": "文档结束后还有多余内容", "en": "extra data after the document"},
    "json.bad-escape": {"zh": "无效的转义序列", "en": "invalid escape"},
    "json.other": {"zh": "语法错误", "en": "syntax error"},

    # -- config: configuration files --------------------------------------------------------------
    "config.not-utf8": {
        "zh": "{path}:1: 配置文件不是 UTF-8 编码；请另存为 UTF-8",
        "en": "{path}:1: configuration is not valid UTF-8; save it as UTF-8"},
    "config.cannot-read": {
        "zh": "{path}: 无法读取配置文件（{reason}）；请检查文件权限",
        "en": "{path}: cannot read the configuration ({reason}); check its permissions"},
    "config.invalid-toml": {
        "zh": "{path}:{where}: 配置文件的 TOML 写法有误（{reason}）；请对照 README 中的配置示例改正",
        "en": "{path}:{where}: invalid TOML ({reason}); compare it with the configuration example in the README"},
    "config.not-a-table": {
        "zh": "{path}:{line}: [tool.gaonb-lint] 应是一节设置（表），而不是单个值；请改成 [tool.gaonb-lint] 开头的一节",
        "en": "{path}:{line}: [tool.gaonb-lint] must be a table; write it as a [tool.gaonb-lint] section"},
    "config.setting": {"zh": "{location}: {key}: {reason}", "en": "{location}: {key}: {reason}"},
    "config.not-found": {
        "zh": "{path}: 找不到这个配置文件；请检查 --config 后面的路径",
        "en": "{path}: configuration file not found; check the path after --config"},
    "config.no-table": {
        "zh": "{path}: 其中没有 [tool.gaonb-lint] 一节；请加上这一节，或改用 .gaonb-lint.toml",
        "en": "{path}: has no [tool.gaonb-lint] table; add one, or use a .gaonb-lint.toml"},
    # Reasons for config.setting.
    "config.unknown-setting": {
        "zh": "没有这个设置项；可用的设置项有 {known}",
        "en": "unknown setting; known settings: {known}"},
    "config.wrong-type": {
        "zh": "应为{want}，实为{got}；请对照 README 中的配置示例改正",
        "en": "expected {want}, got {got}; compare it with the configuration example in the README"},
    "config.list-of-strings": {
        "zh": "应为字符串列表，如 [\"GL101\", \"fee-statement\"]",
        "en": "expected a list of strings, such as [\"GL101\", \"fee-statement\"]"},
    "config.bad-severity": {
        "zh": "级别只能是 error（错误）、warning（警告）或 info（提示），现为 “{value}”",
        "en": "severity must be one of error, warning, info, got '{value}'"},
    "config.per-file-ignores": {
        "zh": "“{pattern}” 应对应一个规则名称列表，如 [\"GL302\"]",
        "en": "'{pattern}' must map to a list of rule names, such as [\"GL302\"]"},
    "config.one-of": {"zh": "只能是 {choices}，现为 “{value}”", "en": "must be one of {choices}, got '{value}'"},
    "config.docs-url": {"zh": "只能使用 {{slug}} 和 {{code}} 两个占位符", "en": "may only use {{slug}} and {{code}}"},
    "config.bad-size": {
        "zh": "应为正的文件大小（至少 1 字节，至多 1 TiB），如 20MB，现为 “{value}”",
        "en": "expected a positive size such as 20MB (at least 1 byte, at most 1 TiB), got '{value}'"},
    "config.rule-timeout": {
        "zh": "应为 0（不限时）到 86400 之间的秒数，现为 “{value}”",
        "en": "expected seconds from 0 (no limit) to 86400, got '{value}'"},
    "config.rule-options": {
        "zh": "选项应写成一节（表），如 [{table}]",
        "en": "options must be a table, such as [{table}]"},
    "config.option-type": {"zh": "应为{want}，实为{got} {value}", "en": "expected {want}, got {got} {value}"},
    "config.unknown-rule-table": {"zh": "没有这条规则；运行 gaonb-lint rules 可查看全部规则",
                                  "en": "unknown rule table; `gaonb-lint rules` lists the rules"},
    "config.unknown-plugin-table": {"zh": "没有已安装的插件使用这一节；请检查插件名",
                                    "en": "unknown plugin table; no installed plugin declares it, check the name"},
    "config.unknown-option": {"zh": "没有这个选项；可用的选项有 {known}", "en": "unknown option; the options are: {known}"},
    "config.no-options": {"zh": "（无）", "en": "none"},
    "type.list": {"zh": "列表", "en": "a list"},
    "type.str": {"zh": "字符串", "en": "a string"},
    "type.dict": {"zh": "一节设置（表）", "en": "a table"},
    "type.int": {"zh": "整数", "en": "an integer"},
    "type.float": {"zh": "小数", "en": "a decimal number"},
    "type.bool": {"zh": "true 或 false", "en": "true or false"},
    "type.datetime": {"zh": "日期时间", "en": "a date-time"},
    "type.date": {"zh": "日期", "en": "a date"},
    "type.time": {"zh": "时间", "en": "a time"},
    "type.other": {"zh": "其他类型的值", "en": "a value of another type"},
    # tomllib's reasons (its messages are English whatever the locale).
    "toml.expected-equals": {"zh": "键名后面缺少 “=”", "en": "expected '=' after a key"},
    "toml.unclosed-array": {"zh": "列表缺少结尾的 “]”", "en": "unclosed array"},
    "toml.unclosed-table": {"zh": "节名缺少结尾的 “]”", "en": "expected ']' at the end of a table header"},
    "toml.invalid-value": {"zh": "值的写法无效（字符串要加英文引号）", "en": "invalid value (strings need quotes)"},
    "toml.duplicate": {"zh": "同一个键或节重复出现", "en": "a key or table is declared twice"},
    "toml.unterminated-string": {"zh": "字符串缺少结尾的引号", "en": "unterminated string"},
    "toml.newline-expected": {"zh": "一行只能写一个设置", "en": "expected a new line after a value"},
    "toml.illegal-character": {"zh": "此处有不允许的字符（是否少了结尾的引号？）",
                               "en": "illegal character (a missing closing quote?)"},
    "toml.unclosed-inline": {"zh": "行内表缺少结尾的 “}}”", "en": "unclosed inline table: expected '}}'"},
    "toml.too-deep": {"zh": "嵌套层级太深", "en": "nested too deeply"},
    "toml.other": {"zh": "语法错误", "en": "syntax error"},

    # -- plugin: third-party rules and readers ----------------------------------------------------
    "plugin.load-failed": {
        "zh": "插件 {plugin} 无法加载，它的规则都没有运行（{error}）；请更新或卸载这个插件",
        "en": "plugin {plugin} could not be loaded, none of its rules ran ({error}); update or uninstall it"},
    "plugin.api-version": {"zh": "它是为插件接口第 {built_for} 版编写的，本 gaonb-lint 的插件接口是第 {api} 版",
                           "en": "built for plugin API {built_for}, this gaonb-lint has API {api}"},
    "plugin.reader-failed": {
        "zh": "{path}: 插件 {plugin} 的读取器 {reader} 出错（“{error}”），这个文件没有检查；请更新或卸载这个插件",
        "en": "{path}: reader {reader} of plugin {plugin} failed (“{error}”), so this file was not checked; update "
              "or uninstall the plugin"},
    "plugin.reader-junk": {
        "zh": "{path}: 插件 {plugin} 的读取器 {reader} 返回的是 {type}，不是报告（Report），这个文件没有检查；请更新或卸载这个插件",
        "en": "{path}: reader {reader} of plugin {plugin} returned {type}, not a Report, so this file was not "
              "checked; update or uninstall the plugin"},
    "plugin.format-failed": {
        "zh": "插件 {plugin} 的输出格式 {format} 出错（“{error}”）；请更新或卸载这个插件，或改用 --format text",
        "en": "output format {format} of plugin {plugin} failed (“{error}”); update or uninstall the plugin, "
              "or use --format text"},
    "plugin.error-text": {"zh": "出错信息：“{text}”", "en": "“{text}”"},
    "plugin.hook-failed": {"zh": "{hook} 出错：“{text}”", "en": "{hook} raised “{text}”"},
    "plugin.unknown-hook": {
        "zh": "没有名为 {unknown} 的钩子，是否拼错？可用的钩子有 {known}",
        "en": "unknown hook {unknown} (a misspelling? the hooks are: {known})"},
    "plugin.bad-item": {
        "zh": "插件 {plugin} 的 {hook} 返回了 `{type}`，不是 `{kind}`；请更新这个插件或联系其作者",
        "en": "plugin {plugin}: {hook} returned `{type}`, not a `{kind}`; update it or tell its author"},
    "plugin.invalid-rule": {
        "zh": "插件 {plugin} 的规则 “{slug}” 定义有误：{problems}；请更新这个插件或联系其作者",
        "en": "plugin {plugin}: rule “{slug}” is invalid: {problems}; update it or tell its author"},
    "plugin.slug-taken": {
        "zh": "插件 {plugin} 的规则名 {slug} 已被插件 {other} 使用；请卸载其中一个插件",
        "en": "plugin {plugin}: rule name {slug} is already used by plugin {other}; uninstall one of them"},
    "plugin.code-taken": {
        "zh": "插件 {plugin} 的规则代码 {code} 已被插件 {other} 使用；请卸载其中一个插件",
        "en": "plugin {plugin}: rule code {code} is already used by plugin {other}; uninstall one of them"},
    # Rule.problems() of a third party's rule definition.
    "rule-def.slug": {"zh": "名称 “{value}” 应为用 - 连接的小写英文单词",
                      "en": "slug '{value}' must be lower-case words joined by '-'"},
    "rule-def.code": {"zh": "代码 “{value}” 应为 1 到 4 个大写字母加 3 到 4 位数字",
                      "en": "code '{value}' must be 1-4 capital letters and 3-4 digits"},
    "rule-def.severity": {"zh": "默认级别 “{value}” 只能是 error、warning 或 info",
                          "en": "severity '{value}' must be error, warning or info"},
    "rule-def.summary": {"zh": "简介缺少 {lang} 文本", "en": "summary has no {lang} text"},
    "rule-def.message": {"zh": "消息 “{key}” 缺少 {lang} 模板", "en": "message '{key}' has no {lang} template"},
    "rule-def.check": {"zh": "check 不是函数", "en": "check is not callable"},

    # -- run: verbose lines and the summary -------------------------------------------------------
    "run.verbose": {
        "zh": "{path}: 读取方式：{format}，编码 {encoding}；{count} 个问题",
        "en": "{path}: read as {format}, encoding {encoding}; {count} finding(s)"},
    "format.markdown": {"zh": "Markdown", "en": "Markdown"},
    "format.text": {"zh": "纯文本", "en": "plain text"},
    "format.html": {"zh": "网页（HTML）", "en": "HTML"},
    "format.docx": {"zh": "Word 文档（.docx）", "en": "a Word document (.docx)"},
    "format.pdf": {"zh": "PDF", "en": "PDF"},
    "run.clean": {"zh": "检查通过：共检查 {files} 个文件，没有发现问题。",
                  "en": "All checks passed: no problems in {files} file(s)."},
    "run.found": {"zh": "共检查 {files} 个文件，其中 {bad} 个有问题：{counts}。",
                  "en": "Checked {files} file(s), {bad} with problems: {counts}."},
    "run.passes-with-advice": {"zh": "以上只是提示，不影响检查结果，检查仍算通过。",
                               "en": "Only info findings: the check passes."},
    "run.count.error": {"zh": "{n} 个错误", "en": "{n} error(s)"},
    "run.count.warning": {"zh": "{n} 个警告", "en": "{n} warning(s)"},
    "run.count.info": {"zh": "{n} 个提示", "en": "{n} info"},
    "run.page": {"zh": "（第 {page} 页）", "en": " (page {page})"},
    "run.skipped-optional": {
        "zh": "目录中有 {n} 个文件没有检查：读取它们需要先安装 {extra} 组件（{command}）",
        "en": "{n} file(s) in the directories were not checked: reading them needs the {extra} extra ({command})"},
    "run.by-rule": {"zh": "按规则统计：", "en": "By rule:"},
    "run.unchecked": {"zh": "有 {n} 处无法检查（见上方的错误行）。",
                      "en": "{n} file(s) or plugin(s) could not be checked (see the errors above)."},

    # -- output, fixes, baseline, cache (check) ----------------------------------------------------
    "usage.stdin-mixed": {"zh": "标准输入 `-` 不能与文件路径同时使用", "en": "`-` (standard input) cannot be mixed with paths"},
    "usage.stdin-filename": {"zh": "--stdin-filename 只能与路径 `-`（标准输入）一起使用",
                             "en": "--stdin-filename needs `-` (standard input) as the path"},
    "usage.stdin-fix": {"zh": "--fix/--diff 不能修改标准输入；请对文件本身运行",
                        "en": "--fix/--diff cannot rewrite standard input; run it on the file"},
    "input.stdin-too-large": {"zh": "{path}: 标准输入超过 {limit} MiB 的上限（可在配置中用 max-file-size 调高）",
                              "en": "{path}: standard input is over the {limit} MiB limit (raise it with "
                                    "max-file-size in the configuration)"},
    "run.cached": {"zh": "结果来自缓存", "en": "cached"},
    "run.fixed": {"zh": "已修复 {n} 个问题。", "en": "Fixed {n} problem(s)."},
    "run.fixable": {"zh": "其中 {n} 个可用 --fix 自动修复。", "en": "{n} of them can be fixed with --fix."},
    "run.unsafe-fixable": {"zh": "另有 {n} 个可用 --unsafe-fixes 修复（请核对插入的内容）。",
                           "en": "{n} can be fixed with --unsafe-fixes (check what it inserts)."},
    "fix.kind": {"zh": "{path}: --fix 只修改 Markdown 和文本文件，此 {kind} 文件未修改",
                 "en": "{path}: --fix edits Markdown and text files only; this {kind} file was left unchanged"},
    "fix.readonly": {"zh": "{path}: 文件只读，修复未写入", "en": "{path}: the file is read-only; the fixes were not written"},
    "fix.newlines": {"zh": "{path}: 文件混用多种换行符，修复未写入",
                     "en": "{path}: the file mixes line endings; the fixes were not written"},
    "fix.encoding": {"zh": "{path}: 无法按原编码 {encoding} 原样写回，修复未写入",
                     "en": "{path}: cannot be written back byte for byte in its encoding {encoding}; the fixes "
                           "were not written"},
    "fix.changed": {"zh": "{path}: 修复期间文件被其他程序修改，修复未写入",
                    "en": "{path}: the file changed while it was being fixed; the fixes were not written"},
    "fix.write": {"zh": "{path}: 写入失败（{error}），文件未修改", "en": "{path}: cannot write ({error}); the file is unchanged"},
    "fix.diff-summary": {"zh": "可修复 {n} 个问题（--diff：未写入任何文件）",
                         "en": "{n} fix(es) would be applied (--diff: no file was written)"},
    "baseline.written": {"zh": "已将 {n} 个问题记入基线 {path}", "en": "recorded {n} finding(s) in the baseline {path}"},
    "baseline.fixed-head": {"zh": "基线中已修复的问题：", "en": "fixed since the baseline:"},
    "baseline.missing": {"zh": "{path}: 基线文件不存在；请先用 --write-baseline 生成",
                         "en": "{path}: no such baseline file; write one with --write-baseline"},
    "baseline.unreadable": {"zh": "{path}: 无法读取基线文件（{error}）", "en": "{path}: cannot read the baseline ({error})"},
    "baseline.invalid": {"zh": "{path}: 不是 gaonb-lint 的基线文件（版本 {version}）；请用 --write-baseline 重新生成",
                         "en": "{path}: not a gaonb-lint baseline (version {version}); write it again with "
                               "--write-baseline"},
    "baseline.cannot-write": {"zh": "{path}: 无法写入基线文件（{error}）", "en": "{path}: cannot write the baseline ({error})"},

    # -- help: argparse usage, groups and options ---------------------------------------------------
    "help.description": {
        "zh": "政府信息公开工作年度报告合规检查：对照国办公开办函〔2021〕30号的格式（2019、2020年度报告对照2019年版）"
              "检查报告的章节、统计表、统计期限、收费说明和发布时间。",
        "en": "Compliance linter for government information-disclosure annual reports: checks sections, tables, "
              "statistics period, fee statement and publication date against the official 2021 format (the 2019 "
              "format for 2019 and 2020 reports)."},
    "help.epilog": {
        "zh": "常用：gaonb-lint check 报告.docx（检查）；gaonb-lint explain GL302（看某条规则怎么改）。"
              "每个命令的选项：gaonb-lint 命令 --help。英文界面：--lang en。",
        "en": "Typical: gaonb-lint check report.docx (check); gaonb-lint explain GL302 (how to fix a rule's "
              "findings).  Each command's options: gaonb-lint COMMAND --help."},
    "help.help": {"zh": "显示本帮助并退出", "en": "show this help message and exit"},
    "help.version": {"zh": "显示版本号并退出", "en": "show the version and exit"},
    "help.lang": {"zh": "显示语言：zh（中文，默认）或 en（英文）", "en": "language of messages: zh (Chinese, the default) or en"},
    "help.format-version": {
        "zh": "指定格式版本（v2019 或 v2021），不按报告年度自动选择",
        "en": "force the format version (v2019 or v2021) instead of choosing it from the report year"},
    "help.check": {"zh": "检查报告文件或目录", "en": "check report files and directories"},
    "help.check.paths": {"zh": "要检查的文件或目录（默认：当前目录）", "en": "files or directories (default: .)"},
    "help.check.format": {"zh": "输出格式：full（默认，附源文本行）、concise（每个问题一行）、json、json-lines、sarif、"
                                "github、gitlab、junit、html（审查报告），或插件提供的格式；text 即 concise",
                          "en": "full (default: with the source line), concise (one line each), json, json-lines, "
                                "sarif, github, gitlab, junit, html (review report), or one a plugin provides; "
                                "text is concise"},
    "help.check.output-file": {"zh": "把输出写入这个文件（原子写入），而不是输出到屏幕",
                               "en": "write the output to this file (atomically) instead of standard output"},
    "help.check.exit-zero": {"zh": "发现问题时也以 0 退出（无法检查时仍为 2）",
                             "en": "exit 0 even when problems are found (2 still means the run failed)"},
    "help.check.fix": {"zh": "自动修复 Markdown 和文本文件中可安全修复的问题（章节标题、栏目名、标点）",
                       "en": "apply safe fixes to Markdown and text files (section titles, labels, punctuation)"},
    "help.check.unsafe-fixes": {"zh": "另外应用需要核对的修复（插入缺少的章节、统计期限、待填写的收费说明）",
                                "en": "also apply fixes that insert text to check (a missing section, the "
                                      "statistics period, a fee sentence to complete)"},
    "help.check.diff": {"zh": "以统一差异格式显示修复内容，不写入文件", "en": "print the fixes as a unified diff; write nothing"},
    "help.check.baseline": {"zh": "只报告基线文件中没有记录的新问题", "en": "report only findings not recorded in this baseline"},
    "help.check.write-baseline": {"zh": "把本次发现的全部问题记入基线文件后退出",
                                  "en": "record every finding of this run in this baseline file and exit"},
    "help.check.no-cache": {"zh": "不读也不写结果缓存（.gaonb-lint-cache/ 或 cache-dir）",
                            "en": "neither read nor write the result cache (.gaonb-lint-cache/, or cache-dir)"},
    "help.check.stdin-filename": {"zh": "配合 `check -`：标准输入中报告的文件名（用于配置和提示）",
                                  "en": "with `check -`: the name of the report on standard input (for "
                                        "configuration and messages)"},
    "help.check.select": {
        "zh": "只运行这些规则（规则名或代码，用逗号分隔，如 GL302,statistics-period；代替配置中的 select）",
        "en": "only these rules (names or codes, comma-separated; replaces the configured selection)"},
    "help.check.ignore": {
        "zh": "不运行这些规则（规则名或代码，用逗号分隔；加在配置中的 ignore 之上）",
        "en": "skip these rules (names or codes, comma-separated; added to the configured ones)"},
    "help.check.quiet": {"zh": "只列出问题，不打印最后的汇总行", "en": "print findings only, no summary"},
    "help.check.statistics": {"zh": "另外按规则统计问题个数", "en": "print the number of findings per rule"},
    "help.check.config": {"zh": "使用这个配置文件，不再自动查找", "en": "use this configuration file instead of searching"},
    "help.check.isolated": {"zh": "不读取任何配置文件", "en": "ignore all configuration files"},
    "help.check.force-exclude": {
        "zh": "命令行上直接给出的文件也按 exclude 排除（供 pre-commit 使用）",
        "en": "apply exclude patterns to files named on the command line too (used by pre-commit)"},
    "help.check.jobs": {
        "zh": "用 N 个进程并行检查（0：每个处理器核心一个；默认 1），结果与单进程相同",
        "en": "check files in N processes (0: one per core; default 1); the output is the same"},
    "help.check.verbose": {"zh": "另外打印每个文件的读取方式、编码和问题个数",
                           "en": "also print how each file was read and how many findings it has"},
    "help.check.debug": {"zh": "把规则出错时的调用栈和插件钩子的调用过程打印到标准错误（供插件作者排查）",
                         "en": "print tracebacks of crashing rules and trace plugin hook calls to stderr"},
    "help.rules": {"zh": "列出全部规则", "en": "list every rule"},
    "help.rules.format": {"zh": "输出格式：text（文字，默认）、json 或 markdown（md）",
                          "en": "output format: text (default), json or markdown (md)"},
    "help.rules.config": {"zh": "同时列出这个配置文件中的规则包（默认使用当前目录适用的配置）",
                          "en": "include the rule packs of this configuration file (default: the one found from here)"},
    "help.explain": {"zh": "显示一条规则的说明：查什么、为什么、格式原文、示例、怎么改",
                     "en": "print a rule's documentation: what, why, format clause, example, how to fix"},
    "help.explain.rule": {"zh": "规则名或代码，如 fee-statement 或 GL302", "en": "rule name or code, such as fee-statement or GL302"},
    "help.convert": {"zh": "把报告（纯文本、网页、.docx、Markdown）转成规范的 Markdown",
                     "en": "convert a report (text, HTML, DOCX, Markdown) to canonical Markdown"},
    "help.convert.file": {"zh": "要转换的报告", "en": "the report to convert"},
    "help.convert.to": {"zh": "输出格式（md：规范 Markdown）", "en": "output format (md: canonical Markdown)"},
    "help.convert.output": {"zh": "写入这个文件，而不是输出到屏幕", "en": "write here instead of standard output"},
    "help.extract": {"zh": "把报告输出为规范 JSON（元数据、章节、按官方栏目名排列的统计表）",
                     "en": "print a report as canonical JSON (metadata, sections, tables keyed by official labels)"},
    "help.extract.file": {"zh": "报告文件（.md、.txt、.html、.docx 等）", "en": "the report (.md, .txt, .html, .docx …)"},
    "help.extract.print-schema": {"zh": "只输出规范 JSON 的结构定义（JSON Schema）", "en": "print the JSON Schema of the output and exit"},
    "help.validate": {"zh": "检查规范 JSON 报告（extract 的输出）是否符合结构定义和勾稽关系",
                      "en": "check a canonical JSON report (from extract) against the schema and the balance relations"},
    "help.validate.file": {"zh": "规范 JSON 报告文件", "en": "a canonical JSON report"},
    "help.server": {"zh": "作为语言服务器运行，供编辑器使用（需先安装：pip install 'gaonb-lint[lsp]'）",
                    "en": "run as a Language Server over stdio (for editors; needs pip install 'gaonb-lint[lsp]')"},
    "help.server.stdio": {"zh": "通过标准输入输出通信（默认，也是唯一的方式）",
                          "en": "talk LSP over standard input/output (the default and only transport)"},
    "metavar.command": {"zh": "命令", "en": "COMMAND"},
    "metavar.path": {"zh": "路径", "en": "PATH"},
    "metavar.rules": {"zh": "规则", "en": "RULES"},
    "metavar.rule": {"zh": "规则", "en": "RULE"},
    "metavar.file": {"zh": "文件", "en": "FILE"},
    "metavar.out": {"zh": "输出文件", "en": "OUT"},
    "metavar.version": {"zh": "版本", "en": "VERSION"},
    "metavar.format": {"zh": "格式", "en": "FORMAT"},
    "metavar.name": {"zh": "文件名", "en": "NAME"},

    # -- rules / explain --------------------------------------------------------------------------
    "explain.options": {"zh": "## 选项", "en": "## Options"},
    "explain.head": {"zh": "默认级别：{severity}。插件：{plugin}。", "en": "Default severity: {severity}. Plugin: {plugin}."},

    # -- validate / extract -----------------------------------------------------------------------
    "validate.ok": {"zh": "{path}: 有效", "en": "{path}: valid"},
    "validate.schema": {"zh": "{path}: 不符合规范 JSON 的结构：{error}",
                        "en": "{path}: does not match the canonical JSON schema: {error}"},
    "validate.relation": {
        "zh": "{path}: {table}勾稽关系不成立（{relation}，{over}）：{cell}为 {found}，{verdict} {expected}（{left} ≠ {right}）",
        "en": "{path}: {table} does not add up ({relation}, {over}): {cell} is {found}, {verdict} {expected} "
              "({left} ≠ {right})"},
    "schema.required": {"zh": "缺少必填项 “{name}”", "en": "'{name}' is a required property"},
    "schema.type": {"zh": "{value} 的类型不对，应为{want}", "en": "{value} is not {want}"},
    "schema.additional": {"zh": "不应有 {names}（规范 JSON 中没有这些项）", "en": "unexpected {names} (not in the canonical JSON)"},
    "schema.minimum": {"zh": "{value} 小于最小值 {limit}", "en": "{value} is less than the minimum of {limit}"},
    "schema.maximum": {"zh": "{value} 大于最大值 {limit}", "en": "{value} is greater than the maximum of {limit}"},
    "schema.enum": {"zh": "{value} 不是允许的取值（可选：{choices}）", "en": "{value} is not one of {choices}"},
    "schema.const": {"zh": "应为 {expected}，实为 {value}", "en": "expected {expected}, got {value}"},
    "schema.form": {"zh": "{value} 的写法不对", "en": "{value} is not in the expected form"},
    "schema.other": {"zh": "不符合结构定义（{keyword}）", "en": "does not match the schema ({keyword})"},
    "jsontype.integer": {"zh": "整数", "en": "an integer"},
    "jsontype.number": {"zh": "数字", "en": "a number"},
    "jsontype.string": {"zh": "字符串", "en": "a string"},
    "jsontype.object": {"zh": "对象", "en": "an object"},
    "jsontype.array": {"zh": "数组", "en": "an array"},
    "jsontype.boolean": {"zh": "true 或 false", "en": "true or false"},
    "jsontype.null": {"zh": "null", "en": "null"},
    "extract.missing": {"zh": "{path}: 无法生成规范 JSON，缺少：", "en": "{path}: cannot fill the canonical JSON; missing:"},
    "extract.internal": {
        "zh": "{path}: 内部错误：生成的 JSON 不符合结构定义，这是 gaonb-lint 的缺陷；请把这份报告报告给维护者",
        "en": "{path}: internal error: the extracted JSON does not match the schema, a bug in gaonb-lint; "
              "please report it with this report"},
    # -- rule packs (docs/rule-packs.md) ----------------------------------------------------------
    "pack.problem": {"zh": "{location}: {where}{reason}", "en": "{location}: {where}{reason}"},
    "pack.rule": {"zh": "规则 “{slug}”：", "en": "rule '{slug}': "},
    "pack.rule-n": {"zh": "第 {n} 条规则：", "en": "rule #{n}: "},
    "pack.key": {"zh": "{key} 一项：", "en": "{key}: "},
    "pack.rule-key": {"zh": "规则 “{slug}” 的 {key}：", "en": "rule '{slug}': {key}: "},
    "pack.rule-n-key": {"zh": "第 {n} 条规则的 {key}：", "en": "rule #{n}: {key}: "},
    "pack.not-found": {"zh": "找不到规则包文件", "en": "rule pack not found"},
    "pack.is-directory": {"zh": "这是目录，不是规则包文件", "en": "is a directory, not a rule pack"},
    "pack.cannot-read": {"zh": "无法读取规则包（{reason}）", "en": "cannot read the rule pack ({reason})"},
    "pack.not-utf8": {"zh": "规则包不是 UTF-8 编码；请用 UTF-8 另存", "en": "the rule pack is not valid UTF-8"},
    "pack.invalid-toml": {"zh": "TOML 格式错误：{reason}", "en": "invalid TOML: {reason}"},
    "pack.needs-replace": {"zh": "kind = \"substitute\" 需要 [rule.replace] 表，逐行写明 \"原用语\" = \"新用语\"",
                           "en": "kind \"substitute\" needs a [rule.replace] table of \"old\" = \"new\" pairs"},
    "pack.needs-pattern": {"zh": "kind = \"{kind}\" 需要 pattern", "en": "kind \"{kind}\" needs a pattern"},
    "pack.missing-key": {"zh": "缺少 {key}", "en": "missing key '{key}'"},
    "pack.replace-not-pattern": {"zh": "kind = \"substitute\" 的用语写在 [rule.replace] 中，不用 pattern 或 regex",
                                 "en": "kind \"substitute\" takes its texts from [rule.replace], not pattern or regex"},
    "pack.replace-only-substitute": {"zh": "[rule.replace] 只用于 kind = \"substitute\"",
                                     "en": "[rule.replace] is only for kind \"substitute\""},
    "pack.unknown-key": {"zh": "没有这个键 “{key}”；可用的键有 {known}", "en": "unknown key '{key}' (known: {known})"},
    "pack.not-one-of": {"zh": "“{value}” 不是可用的值；可用的值有 {choices}", "en": "'{value}' is not one of: {choices}"},
    "pack.bad-code": {"zh": "规则代码 “{value}” 应为 1–4 个大写字母加 3–4 位数字，用本规则包自己的字母（如 CX101）",
                      "en": "code '{value}' must be 1-4 capital letters and 3-4 digits (your pack's own letters, e.g. CX101)"},
    "pack.bad-slug": {"zh": "“{value}” 应为用 - 连接的小写英文单词（如 contact-line）",
                      "en": "'{value}' must be lower-case words joined by '-'"},
    "pack.wrong-type": {"zh": "应为{want}，实为{got}", "en": "expected {want}, got {got}"},
    "pack.type.string": {"zh": "带引号的文字", "en": "text in quotes"},
    "pack.type.boolean": {"zh": " true 或 false", "en": "true or false"},
    "pack.type.integer": {"zh": "整数", "en": "a whole number"},
    "pack.type.number": {"zh": "数字", "en": "a number"},
    "pack.type.object": {"zh": "表（table）", "en": "a table"},
    "pack.type.array": {"zh": "列表", "en": "a list"},
    "pack.empty": {"zh": "不能为空", "en": "must not be empty"},
    "pack.minimum": {"zh": "不能小于 {minimum}", "en": "must be at least {minimum}"},
    "pack.schema": {"zh": "不符合规则包的格式（{detail}）", "en": "does not match the rule pack format ({detail})"},
    "pack.duplicate-slug": {"zh": "规则名重复（第 {line} 行已用过）", "en": "duplicate slug (already used on line {line})"},
    "pack.duplicate-code": {"zh": "规则代码 {code} 重复（第 {line} 行已用过）",
                            "en": "duplicate code {code} (already used on line {line})"},
    "pack.slug-taken": {"zh": "规则名 “{slug}” 已被{owner}使用", "en": "rule slug '{slug}' is already used by {owner}"},
    "pack.code-taken": {"zh": "规则代码 {code} 已被{owner}使用", "en": "rule code {code} is already used by {owner}"},
    "pack.owner-plugin": {"zh": "插件 {name} ", "en": "plugin {name}"},
    "pack.owner-pack": {"zh": "规则包 {name}（{path}）", "en": "{name} ({path})"},
    "pack.bad-regex": {"zh": "正则表达式有误：{reason}", "en": "bad regular expression: {reason}"},
    "pack.bad-pattern": {"zh": "pattern 有误：{reason}", "en": "bad pattern: {reason}"},
    "pack.matches-empty": {"zh": "这个表达式能匹配空文本（会处处命中）", "en": "the pattern matches empty text"},
    "pack.pattern-empty": {"zh": "pattern 为空", "en": "the pattern is empty"},
    "pack.self-replace": {"zh": "“{old}” 被替换为它自己", "en": "'{old}' is replaced by itself"},
    "pack.bad-braces": {"zh": "消息中的花括号有误（{reason}）；字面的花括号请写成 {{{{ 和 }}}}",
                        "en": "{reason} in the message (write {{{{ and }}}} for literal braces)"},
    "pack.bad-placeholder": {"zh": "消息中的 {{{name}}} 不可用；kind = \"{kind}\" 可用的占位符：{allowed}",
                             "en": "unknown placeholder {{{name}}} in the message (kind {kind} allows: {allowed})"},
    "pack.no-placeholders": {"zh": "无", "en": "none"},
    "pack.case-failed": {"zh": "规则 “{slug}” 的第 {n} 个示例应有 {expected} 个问题，规则给出 {found} 个",
                         "en": "rule '{slug}': case {n} expects {expected} finding(s), the rule gives {found}"},
    "pack.case-crashed": {"zh": "规则 “{slug}” 的第 {n} 个示例无法运行：{reason}",
                          "en": "rule '{slug}': case {n} could not run: {reason}"},
    "pack.timeout": {"zh": "正则表达式 {pattern} 在这份报告上运行超时，已停止",
                     "en": "regular expression {pattern} took too long on this report and was stopped"},
    "config.pack-not-found": {"zh": "找不到规则包 “{pack}”（路径相对于 {config} 所在目录）",
                              "en": "rule pack '{pack}' not found (paths are relative to {config})"},

    # -- new-rule -----------------------------------------------------------------------------------
    "scaffold.bad-slug": {"zh": "new-rule：“{name}” 不是规则名；规则名是用 - 连接的小写英文单词，如 draft-placeholder",
                          "en": "new-rule: '{name}' is not a rule slug: lower-case words joined by '-', e.g. draft-placeholder"},
    "scaffold.bad-code": {"zh": "new-rule：规则代码 “{code}” 应为 1–4 个大写字母加 3–4 位数字（如 EX101）",
                          "en": "new-rule: code '{code}' must be 1-4 capital letters and 3-4 digits (EX101)"},
    "scaffold.no-code": {"zh": "new-rule：{dir} 中没有规则可以接着编号；请用 --code 给出规则代码（用自己的字母，如 EX101）",
                         "en": "new-rule: no rules in {dir} to number after; give --code (your own letters, e.g. EX101)"},
    "scaffold.code-taken": {"zh": "new-rule：规则代码 {code} 已被 {dir} 中的规则使用",
                            "en": "new-rule: code {code} is already used by a rule in {dir}"},
    "scaffold.exists": {"zh": "new-rule：{path} 已存在；没有写入任何文件",
                        "en": "new-rule: {path} already exists; nothing was written"},
    "scaffold.cannot-write": {"zh": "new-rule：无法在 {dir} 中写入（{reason}）；没有写入任何文件",
                              "en": "new-rule: cannot write in {dir} ({reason}); nothing was written"},
    "scaffold.created": {"zh": "已创建规则 {slug}（{code}）。下一步：写好检查逻辑和说明，然后{register}。",
                         "en": "Created rule {slug} ({code}). Next: write its check and documentation, then {register}."},
    "scaffold.register-builtin": {"zh": "把 \"{module}\" 加入 {dir}/__init__.py 的 RULE_MODULES，再运行 tools/gen_rule_docs.py",
                                  "en": "add \"{module}\" to RULE_MODULES in {dir}/__init__.py, then run tools/gen_rule_docs.py"},
    "scaffold.register-plugin": {"zh": "在插件的 gaonb_lint_rules 钩子中返回 {module}.RULE",
                                 "en": "return {module}.RULE from your plugin's gaonb_lint_rules hook"},
    "help.new-rule.name": {"zh": "规则名：用 - 连接的小写英文单词（如 draft-placeholder）",
                           "en": "the rule's slug: lower-case words joined by '-' (draft-placeholder)"},
    "help.new-rule.code": {"zh": "规则代码（如 EX101）；默认接着 --dir 中已有规则的下一个代码",
                           "en": "the rule's code (EX101); default: the next free code of the rules already in --dir"},
    "help.new-rule.dir": {"zh": "模块放在哪个目录（默认：在 gaonb-lint 仓库中为 rules/，否则为当前目录）",
                          "en": "where the module goes (default: rules/ in the gaonb-lint repository, else the current directory)"},
    "metavar.name": {"zh": "名称", "en": "NAME"},
    "metavar.code": {"zh": "代码", "en": "CODE"},
    "metavar.dir": {"zh": "目录", "en": "DIR"},
    "help.new-rule": {"zh": "新建一条规则：规则模块（含说明模板）和测试用例", "en": "create a rule module with its documentation stub and test cases"},
}
