"""The one subsequence routine: which items of a sequence are in order.

Sections of a report, and labels of a table, are matched to the official order; the ones that
form the longest run in official order are "in order", the others are out of place."""
from __future__ import annotations

from typing import List, Sequence


def longest_increasing(seq: Sequence[int]) -> List[int]:
    """Positions (into ``seq``, ascending) of one longest strictly increasing subsequence; of
    several, the one that ends first."""
    n = len(seq)
    if not n:
        return []
    length, prev = [1] * n, [-1] * n
    for i in range(n):
        for j in range(i):
            if seq[j] < seq[i] and length[j] + 1 > length[i]:
                length[i], prev[i] = length[j] + 1, j
    k = max(range(n), key=lambda i: (length[i], -i))
    out = []
    while k != -1:
        out.append(k)
        k = prev[k]
    return out[::-1]
