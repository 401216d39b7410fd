"""The parse floor: read each file and parse it with markdown-it-py (CommonMark, GFM tables on).

Any Markdown-based checker in Python does at least this much work, so gaonb-lint's times are
reported as ratios to it.  Usage: ``python bench/floor.py FILE...``
"""
import sys

from markdown_it import MarkdownIt


def main(paths):
    md = MarkdownIt("commonmark").enable("table")
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            md.parse(fh.read())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
