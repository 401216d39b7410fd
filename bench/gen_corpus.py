"""Generate a corpus of realistic annual reports in the recommended Markdown layout
(``examples/compliant-2025.md``): front matter, title, the six sections, tables 二, 三 and 四 as GFM
tables whose numbers balance, and prose around them.

Every heading and table label comes from the official format data (``gaonb_lint.official_format``), so
the corpus follows the format file rather than a copy of it.  A controlled share of reports gets
planted mistakes (a broken balance, a section variant title, a wrong statistics period, a missing
fee statement, an old-format label …); ``manifest.json`` lists them.  The same seed always gives
the same files.

    python bench/gen_corpus.py --count 2000 --seed 1 --out bench/out/corpus
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
from typing import Dict, List, Optional, Sequence, Tuple

from gaonb_lint import official_format

MISTAKES = ("balance", "reviews-total", "section-variant", "missing-section", "period", "fee",
            "old-label", "not-a-number")

# Prose only (the format prescribes no wording for it): place names and filler sentences.
_SYLLABLES = "青禾白塔柳溪南山北岭东湖西城金石桃源云台新安永宁长乐双河清泉红星光明大同平安"
_BODY_KINDS = ("镇人民政府", "街道办事处", "乡人民政府", "区人民政府", "县人民政府", "市发展和改革委员会",
               "市生态环境局", "区教育局", "县自然资源局", "市人力资源和社会保障局")
_ASPECTS = ("主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障")
_SENTENCES = (
    "全面落实公文属性认定工作制度，提升政府文件主动公开比例，确保应公开尽公开。",
    "加强政府网站和政务新媒体信息发布审核和信息保密审查，严格落实“三审三校”制度。",
    "围绕群众关切，及时发布重点领域政府信息，做好政策解读和回应关切工作。",
    "规范依申请公开办理流程，严格按照法定期限答复，答复文书格式统一、依据充分。",
    "定期更新政府信息公开指南和主动公开目录，方便公众查阅。",
    "优化门户网站政府信息公开专栏，整合政务服务事项办事指南，展示政务服务全过程。",
    "将政务公开工作纳入年度绩效考核，组织开展业务培训，提升工作人员业务能力。",
    "加强政府网站和政务新媒体监管，每月开展一次全面检查，按月形成通报。",
    "建立政府信息公开工作责任制，明确分管领导和具体经办人员。",
    "畅通意见建议渠道，主动听取群众意见和建议，切实保障人民群众的知情权、参与权、监督权。",
)
_PROBLEMS = (
    "一是政策解读形式较为单一；二是基层公开栏更新不够及时；三是业务人员力量不足。",
    "政务公开工作还存在一些不足，主要是公开内容的针对性和时效性有待提高。",
)
_IMPROVEMENTS = (
    "下一步，将丰富图解、视频等解读形式，建立公开栏月度检查制度，加强业务培训。",
    "下一步，将进一步完善工作机制，加强信息发布审核，提升公开质量。",
)



class Generator:
    def __init__(self, seed: int, error_rate: float):
        self.rng = random.Random(seed)
        self.error_rate = error_rate
        self.suffix = official_format.report_title_suffix()
        self.sections = official_format.sections()

    # -- helpers -------------------------------------------------------------------------
    def body(self) -> str:
        r = self.rng
        return "".join(r.choice(_SYLLABLES) for _ in range(2)) + r.choice(_BODY_KINDS)

    def prose(self, lo: int = 2, hi: int = 5) -> str:
        return "".join(self.rng.sample(_SENTENCES, self.rng.randint(lo, hi)))

    def count(self, scale: int, zero: float = 0.55) -> int:
        return 0 if self.rng.random() < zero else self.rng.randint(1, scale)

    # -- tables --------------------------------------------------------------------------
    @staticmethod
    def grid(rows: Sequence[Sequence[str]]) -> List[str]:
        width = max(len(r) for r in rows)
        lines = []
        for i, row in enumerate(rows):
            cells = list(row) + [""] * (width - len(row))
            lines.append("| " + " | ".join(cells) + " |")
            if i == 0:
                lines.append("| " + " | ".join(["---"] * width) + " |")
        return lines

    def proactive(self, version, mistakes: List[str]) -> List[str]:
        blocks = version.table("proactive").blocks
        width = 1 + max(len(b.columns) for b in blocks)
        old = None
        if "old-label" in mistakes:  # a label of another format version in this report
            other = [v for v in official_format.version_ids() if v != version.id][0]
            old = official_format.version(other).table("proactive").blocks[0].columns[0].label
        rows: List[List[str]] = []
        for bi, b in enumerate(blocks):
            rows.append([b.title] + [""] * (width - 1))
            header = [c.label for c in b.columns]
            if old is not None and bi == 0:
                header[0] = old
            rows.append([b.label_header] + header + [""] * (width - 1 - len(header)))
            for label in b.rows:
                values = []
                for c in b.columns:
                    kind = c.type
                    if kind == "amount":
                        values.append("0" if self.rng.random() < 0.5 else f"{self.rng.randint(1, 9999) / 100:g}")
                    elif kind == "delta":
                        values.append(str(self.rng.randint(-5, 5)))
                    else:
                        values.append(str(self.count(40)))
                if len(b.columns) == 3 and all(c.type == "count" for c in b.columns):
                    # made, repealed, in force: keep made <= in force + repealed (plausibility X2)
                    made, repealed = int(values[0]), int(values[1])
                    values[2] = str(made + repealed + self.rng.randint(0, 30))
                rows.append([label] + values + [""] * (width - 1 - len(values)))
        return self.grid(rows)

    def applications(self, version, mistakes: List[str], scale: int) -> List[str]:
        t = version.table("applications")
        columns, rows = t.columns, t.rows
        by_label = {r.label: r for r in rows}

        def depth(r) -> int:
            d = 0
            while r.group:
                r = by_label[r.group]
                d += 1
            return d

        tops = [r for r in rows if not r.group]
        numeric_tops = [r for r in tops if r.numeric]
        new, carried_in, carried_out = numeric_tops[0], numeric_tops[1], numeric_tops[-1]
        results = [r for r in tops if not r.numeric][0]
        direct = [r for r in rows if r.group == results.label and r.numeric]
        total_row = direct[-1]

        def under_results(r) -> bool:
            while r.group:
                if r.group == results.label:
                    return True
                r = by_label[r.group]
            return False

        leaves = [r for r in rows if r.numeric and under_results(r) and r is not total_row]
        n_cols = len(columns) - 1  # the last column is the row total
        values: Dict[str, List[int]] = {r.label: [0] * n_cols for r in rows if r.numeric}
        for c in range(n_cols):
            col_scale = scale if c == 0 else max(1, scale // 4)
            for r in leaves:
                values[r.label][c] = self.count(col_scale, zero=0.7)
            done = sum(values[r.label][c] for r in leaves)
            values[total_row.label][c] = done
            out = self.count(max(1, col_scale // 2), zero=0.6)
            values[carried_out.label][c] = out
            cin = self.rng.randint(0, done + out) if self.rng.random() < 0.4 else 0
            values[carried_in.label][c] = cin
            values[new.label][c] = done + out - cin
        if "balance" in mistakes:
            leaf = self.rng.choice(leaves)
            values[leaf.label][self.rng.randrange(n_cols)] += self.rng.randint(1, 3)

        header_rows: List[List[str]] = []
        header_rows.append([t.note, "", "", t.header] + [""] * n_cols)
        second, third = ["", "", ""], ["", "", ""]
        seen_groups = set()
        for col in columns:
            g = col.group
            if g:
                second.append("" if g in seen_groups else g)
                seen_groups.add(g)
                third.append(col.label)
            else:
                second.append(col.label)
                third.append("")
        body: List[List[str]] = [second, third]
        pending = ["", "", ""]
        for r in rows:
            pending[depth(r)] = r.label
            if not r.numeric:
                continue
            v = values[r.label]
            cells = [str(x) for x in v] + [str(sum(v))]
            if "not-a-number" in mistakes and r is leaves[0]:
                cells[0] = cells[0] + "件" if self.rng.random() < 0.5 else "—"
            body.append(pending + cells)
            pending = ["", "", ""]
        return self.grid(header_rows + body)

    def reviews(self, version, mistakes: List[str]) -> List[str]:
        t = version.table("reviews")
        groups, columns = t.groups, t.columns
        per = len(columns)
        first = []
        second = []
        seen_parents = set()
        for g in groups:
            parent = g.parent
            if parent:
                first.extend(["" if parent in seen_parents else parent] + [""] * (per - 1))
                seen_parents.add(parent)
                second.extend([g.label] + [""] * (per - 1))
            else:
                first.extend([g.label] + [""] * (per - 1))
                second.extend([""] * per)
        labels = [c.label for c in columns] * len(groups)
        numbers: List[str] = []
        broken = self.rng.randrange(len(groups)) if "reviews-total" in mistakes else -1
        for gi in range(len(groups)):
            parts = [self.count(3, zero=0.7) for _ in range(per - 1)]
            total = sum(parts) + (1 if gi == broken else 0)
            numbers.extend(str(x) for x in parts + [total])
        return self.grid([first, second, labels, numbers])

    # -- one report ----------------------------------------------------------------------
    def report(self, index: int) -> Tuple[str, List[str]]:
        r = self.rng
        mistakes: List[str] = []
        if r.random() < self.error_rate:
            mistakes = r.sample(MISTAKES, 2 if r.random() < 0.2 else 1)
        year = r.choice((2019, 2020) + (2021, 2022, 2023, 2024, 2025) * 3)
        version = official_format.version_for_year(year)
        if not version.fee_statement_required:  # v2019: no fee statement and only one newer format
            mistakes = [m for m in mistakes if m not in ("fee", "old-label")]
        body = self.body()
        title = f"{body}{year}年{self.suffix}"
        published = f"{year + 1}-01-{r.randint(5, 31):02d}"
        scale = r.choice((3, 10, 40, 300))
        end = "12月31日" if "period" not in mistakes else r.choice(("11月30日", "12月30日"))
        lines = ["---", f"title: {title}", f"body: {body}", f"year: {year}", f"published: {published}",
                 "---", "", f"# {title}", "",
                 f"本报告根据《中华人民共和国政府信息公开条例》编制。本报告中所列数据的统计期限为{year}年1月1日至"
                 f"{year}年{end}。本报告电子版可在{body}门户网站查阅。", ""]
        drop = r.choice([s.key for s in self.sections if not s.table]) if "missing-section" in mistakes else None
        variant_of = None
        if "section-variant" in mistakes:
            variant_of = r.choice([s.key for s in self.sections if s.variants and s.key != drop])
        for spec in self.sections:
            if spec.key == drop:
                continue
            title_text = r.choice(spec.variants) if spec.key == variant_of else spec.title
            lines += [f"## {spec.number}、{title_text}", ""]
            if spec.key == "general":
                lines += [f"{year}年，{body}认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。", ""]
                numerals = "一二三四五"
                for i, aspect in enumerate(_ASPECTS):
                    lines += [f"### （{numerals[i]}）{aspect}", "", self.prose(), ""]
            elif spec.table == "proactive":
                lines += self.proactive(version, mistakes) + [""]
            elif spec.table == "applications":
                lines += self.applications(version, mistakes, scale) + [""]
            elif spec.table == "reviews":
                lines += self.reviews(version, mistakes) + [""]
            elif spec.key == "problems":
                lines += [r.choice(_PROBLEMS) + r.choice(_IMPROVEMENTS), ""]
            else:
                if version.fee_statement_required and "fee" not in mistakes:
                    lines += ["依据《政府信息公开信息处理费管理办法》，本机关本年度未发出收费通知，未收取信息处理费。", ""]
                lines += ["本年度无人大代表建议和政协提案办理结果需公开的事项。", ""]
        return "\n".join(lines), mistakes


def generate(out: str, count: int, seed: int = 1, error_rate: float = 0.25) -> List[str]:
    """Write ``count`` reports into ``out`` and a ``manifest.json``; return the file paths."""
    os.makedirs(out, exist_ok=True)
    gen = Generator(seed, error_rate)
    width = max(4, len(str(count)))
    paths, manifest = [], {"seed": seed, "count": count, "error_rate": error_rate, "mistakes": {}}
    for i in range(count):
        text, mistakes = gen.report(i)
        name = f"report-{i:0{width}d}.md"
        path = os.path.join(out, name)
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        if mistakes:
            manifest["mistakes"][name] = mistakes
        paths.append(path)
    with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, ensure_ascii=False, indent=1, sort_keys=True)
    return paths


def main(argv: Optional[Sequence[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--count", "-n", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--error-rate", type=float, default=0.25, help="share of reports with planted mistakes")
    p.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "out", "corpus"))
    a = p.parse_args(argv)
    paths = generate(a.out, a.count, a.seed, a.error_rate)
    sys.stdout.write(f"{len(paths)} reports in {a.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
