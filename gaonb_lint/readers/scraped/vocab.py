"""Which official table a run of labels belongs to, and where a label sits in it."""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence

from gaonb_lint.readers import table_vocab as tv


def table_vocab(norms: Sequence[str]) -> Optional[tv.TableVocab]:
    """The table most of the labels belong to (labels of one table only count)."""
    votes: Dict[str, int] = {}
    for norm in norms:
        owners = tv.vocab_for(norm)
        if len(owners) == 1:
            votes[owners[0].key] = votes.get(owners[0].key, 0) + 1
    if not votes:
        return None
    key = max(votes, key=lambda k: votes[k])
    return next(v for v in tv.vocabularies() if v.key == key)


def places(vocab: Optional[tv.TableVocab], norm: str) -> List[tv.Column]:
    """The header columns a (normalised) label or label fragment heads."""
    if vocab is None:
        return []
    if norm in vocab.headers:
        return vocab.headers[norm]
    out: List[tv.Column] = []
    for full in tv.fragment_of(norm):
        out.extend(vocab.headers.get(full, []))
    return out


def row_label_of(vocab: Optional[tv.TableVocab], norm: str) -> Optional[bool]:
    """``True``/``False`` (numeric or group row) when ``norm`` is or starts a row label."""
    if vocab is None:
        return None
    if norm in vocab.row_labels:
        return vocab.row_labels[norm]
    if norm in tv.all_labels():  # a whole label of something else (`其他` is a column, not `3.其他`)
        return None
    hits = [vocab.row_labels[f] for f in tv.fragment_of(norm) if f in vocab.row_labels]
    return any(hits) if hits else None
