"""Loading spaCy pipelines: the shipped Italian one by default, any other by name or path.

Naming a pipeline without loading it (its folder's meta.json) is :mod:`tui.provenance`."""

from __future__ import annotations

import json
import os
import re
import threading
from functools import lru_cache
from pathlib import Path

from tui.errors import ModelError
from tui.provenance import (
    DEFAULT_MODEL,
    MODELS_DIR,
    default_model_path,
    digest,
    ident,
    peek_id,
    resolve,
)

__all__ = ["DEFAULT_MODEL", "MODELS_DIR", "ModelError", "default_model_path", "keep_names_whole",
           "load", "model_build", "model_id", "peek_id", "resolve"]


_lock = threading.Lock()


@lru_cache(maxsize=4)
def _load(target: str):
    # spaCy's side: imported only when used, so the reader and cached exports never load it
    import spacy

    import tui.nlp.ner.gazetteer  # noqa: F401  (the shipped pipeline's own factories)
    import tui.nlp.ner.lemmatizer  # noqa: F401

    try:
        nlp = spacy.load(target)
    except OSError as exc:
        raise ModelError(f"cannot load spaCy pipeline {target!r}: {str(exc).splitlines()[0]}") from None
    except Exception as exc:  # a broken package or an incompatible version
        raise ModelError(f"cannot load spaCy pipeline {target!r}: {exc}") from None
    keep_names_whole(nlp)
    if os.environ.get("PERSONAE_GEMM", "").lower() != "blis":  # blis: thinc's own, as before
        # spaCy's side: imported only when used, so the reader and cached exports never load it
        from tui.nlp.fastops import use_numpy_gemm

        use_numpy_gemm(nlp)  # the same layers and weights, their matrix products ~3x faster
    return nlp


#: "Jong-un", "Yo-jong": a capitalised syllable, a hyphen, a lower-case one (Korean given names)
_KOREAN_NAME = re.compile(r"[^\W\d_]{1,5}-[^\W\d_]{1,5}")
#: "Zelens'kyj", "Naval'nyj": the soft sign of a Ukrainian or Russian name after six letters or more
_SOFT_SIGN = re.compile(r"[^\W\d_]{6,}['’][^\W\d_]{2,}")


class _NameInfixes:
    """The tokenizer's infix splitter, less the splits inside a Korean given name
    ("Kim Jong-un") and at the soft sign of a transliterated name ("Zelens'kyj"), so that
    the NER sees such a name as whole words. Every other split stays as the pipeline has it."""

    def __init__(self, finditer) -> None:
        self.finditer = finditer
        self.__self__ = getattr(finditer, "__self__", None)   # what spaCy serialises

    def __call__(self, s: str):
        return [m for m in self.finditer(s) if not _inside_name(s, m.start(), m.end())]


#: how far either side of a split the letters of a name are looked for: a word this long is
#: no name, and looking only this far keeps a long word with many splits linear, not quadratic
_NAME_REACH = 64


def _letters_before(s: str, k: int):
    """The letters that end just before ``s[k]``, None if there are none or too many."""
    m = re.search(r"[^\W\d_]+$", s[max(0, k - _NAME_REACH):k])
    return m if m and len(m.group()) < _NAME_REACH else None


def _letters_after(s: str, k: int):
    """The letters that start at ``s[k]``, None if there are none or too many."""
    m = re.match(r"[^\W\d_]+", s[k:k + _NAME_REACH])
    return m if m and len(m.group()) < _NAME_REACH else None


def _inside_name(s: str, start: int, end: int) -> bool:
    piece = s[start:end]
    if piece == "-":
        left = _letters_before(s, start)
        right = _letters_after(s, end)
        return bool(left and right and left.group()[0].isupper() and right.group().islower()
                    and _KOREAN_NAME.fullmatch(left.group() + "-" + right.group())
                    and left.group()[1:].islower())
    if piece in ("'", "’") or (not piece and start and s[start - 1] in "'’"):
        k = start if piece else start - 1
        left = _letters_before(s, k)
        right = _letters_after(s, k + 1)
        return bool(left and right and left.group()[0].isupper() and right.group().islower()
                    and _SOFT_SIGN.fullmatch(left.group() + "'" + right.group()))
    return False


def keep_names_whole(nlp) -> None:
    """Tokenizer rules for names at load time (see :class:`_NameInfixes`); the model files
    are not changed."""
    tok = getattr(nlp, "tokenizer", None)
    finditer = getattr(tok, "infix_finditer", None)
    if finditer is not None and not isinstance(finditer, _NameInfixes):
        tok.infix_finditer = _NameInfixes(finditer)


def load(name: str | None = None):
    """Load (once per process) the pipeline named by ``name``."""
    with _lock:
        return _load(str(resolve(name)))


def model_build(nlp) -> str:
    """A fingerprint of this build of the pipeline (its meta.json, which holds its
    scores), so that a retrained pipeline with the same version gets fresh analyses."""
    path = getattr(nlp, "_path", None)
    if path is not None:
        try:
            return digest((Path(path) / "meta.json").read_bytes())
        except OSError:
            pass
    return digest(json.dumps(nlp.meta, sort_keys=True, default=str).encode())


def model_id(nlp) -> tuple[str, str, str]:
    """(name, version, lang) of a loaded pipeline, for the export and the cache key."""
    return ident(nlp.meta, nlp.lang)
