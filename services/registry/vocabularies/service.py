"""The vocabularies as the API answers them: built once from models/vocab.py."""

import hashlib
from functools import cache

from registry.models.vocab import VOCABULARIES
from registry.vocabularies.schemas import VocabulariesPublic, VocabularyPublic, VocabularyValue


@cache
def vocabularies() -> VocabulariesPublic:
    """Every vocabulary with its values' codes, labels and synonyms."""
    return VocabulariesPublic(
        items=[
            VocabularyPublic(
                name=vocabulary.name,
                title_zh=vocabulary.title_zh,
                title_en=vocabulary.title_en,
                values=[
                    VocabularyValue(
                        code=value.value,
                        zh=label.zh,
                        en=label.en,
                        synonyms=list(label.synonyms),
                    )
                    for value, label in vocabulary.labels.items()
                ],
            )
            for vocabulary in VOCABULARIES
        ]
    )


@cache
def encoded() -> tuple[bytes, str]:
    """The answer's JSON and its entity tag (it changes only with a release)."""
    body = vocabularies().model_dump_json().encode()
    return body, f'"{hashlib.sha256(body).hexdigest()[:32]}"'
