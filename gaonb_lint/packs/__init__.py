"""Rule packs: local rules written as data (TOML), for editors rather than Python developers.

``load_pack(path)`` reads and checks one pack; ``pack_rules(paths, taken)`` gives the rules of
several packs, refusing a slug or code that another rule already uses.  See docs/rule-packs.md.
"""
from __future__ import annotations

from typing import Dict, Iterable, List

from gaonb_lint.rule import Rule
from gaonb_lint.packs.load import Pack, PackError, load_pack

__all__ = ["Pack", "PackError", "load_pack", "pack_rules"]


def pack_rules(paths: Iterable[str], taken: Iterable[Rule]) -> List[Rule]:
    """The rules of the packs at ``paths``, in order; a slug or code used twice is a ``PackError``
    naming the pack file and line of the second use."""
    from gaonb_lint.messages import Message
    from gaonb_lint.packs.load import problem

    slugs: Dict[str, Message] = {}
    codes: Dict[str, Message] = {}
    for r in taken:
        slugs[r.slug] = codes[r.code] = Message("pack.owner-plugin", name=r.plugin)
    out: List[Rule] = []
    for path in paths:
        pack = load_pack(path)
        for i, rule in enumerate(pack.rules):
            if rule.slug in slugs:
                raise problem(f"{pack.path}:{pack.line_of_rule(i, 'slug')}",
                              Message("pack.slug-taken", slug=rule.slug, owner=slugs[rule.slug]))
            if rule.code in codes:
                raise problem(f"{pack.path}:{pack.line_of_rule(i, 'code')}",
                              Message("pack.code-taken", code=rule.code, owner=codes[rule.code]))
            slugs[rule.slug] = codes[rule.code] = Message("pack.owner-pack", name=rule.plugin, path=pack.path)
            out.append(rule)
    return out
