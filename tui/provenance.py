"""Which pipeline and which analysis code an analysis comes from, found without spaCy.

The cache keys each analysis by them: a pipeline folder's ``meta.json`` gives
its name, version, language and build (:func:`peek_id`), and a digest of the
analysis code and lexicons of ``tui/nlp`` plus the user's lexicon files gives the
*analysis fingerprint*, so an upgrade or a line added to a user lexicon is seen at
the next open. Kept outside ``tui.nlp`` so that opening a cached article imports
no language code at all.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from tui.fsutil import DEFAULT_READ_CAP, read_regular_bytes
from tui.paths import config_dir

DEFAULT_MODEL = "it_personae"
MODELS_DIR = Path(__file__).resolve().parent / "models"
#: the analysis code and lexicons the fingerprint covers
NLP_DIR = Path(__file__).resolve().parent / "nlp"
_USER_LEXICONS = ("*.tsv",)
_DIGEST_CHARS = 16


def default_model_path() -> Path:
    return MODELS_DIR / DEFAULT_MODEL


def resolve(name: str | None) -> str | Path:
    """Map a --model value to what spacy.load takes."""
    if not name or name == DEFAULT_MODEL:
        return default_model_path()
    p = Path(name).expanduser()
    if p.exists():
        return p
    return name


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:_DIGEST_CHARS]


def ident(meta: dict, lang: str) -> tuple[str, str, str]:
    """(name, version, lang) of a pipeline from its meta."""
    name = f"{meta.get('lang', lang)}_{meta.get('name', 'pipeline')}"
    return name, str(meta.get("version", "0.0.0")), meta.get("lang", lang)


def peek_id(name: str | None) -> tuple[str, str, str, str] | None:
    """(name, version, lang, build) from a pipeline folder's meta.json, without loading spaCy."""
    target = resolve(name)
    if not isinstance(target, Path):
        return None
    try:
        raw = (target / "meta.json").read_bytes()
        meta = json.loads(raw)
    except (OSError, ValueError):
        return None
    return (*ident(meta, meta.get("lang", "")), digest(raw))


def analysis_files() -> list[Path]:
    files = sorted(p for p in NLP_DIR.rglob("*.py") if "__pycache__" not in p.parts)
    files += sorted(NLP_DIR.rglob("*.tsv"))
    user = config_dir()
    for pattern in _USER_LEXICONS:
        files += sorted(user.glob(pattern))
    return files


@functools.lru_cache(maxsize=1)
def analysis_fingerprint() -> str:
    """Computed once per process."""
    h = hashlib.sha256()
    for f in analysis_files():
        try:  # a regular file only: a FIFO or /dev/zero in the config folder must not block
            data = read_regular_bytes(f, DEFAULT_READ_CAP)
        except OSError:
            data = b"-"
        name = str(f.relative_to(NLP_DIR)) if f.is_relative_to(NLP_DIR) else "user/" + f.name
        h.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()[:_DIGEST_CHARS]
