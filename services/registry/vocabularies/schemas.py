from typing import Annotated

from pydantic import BaseModel, Field

from registry.models.vocab import VOCABULARIES

VocabularyName = Annotated[
    str, Field(json_schema_extra={"enum": [vocabulary.name for vocabulary in VOCABULARIES]})
]


class VocabularyValue(BaseModel):
    code: str = Field(description="API 与数据库中的代码 / the code the API carries")
    zh: str = Field(description="应用显示、模板填写的标签 / the label the app shows")
    en: str = Field(description="英文标签 / the English label")
    synonyms: list[str] = Field(
        description="导入时也接受的其他写法 / other spellings an import accepts"
    )


class VocabularyPublic(BaseModel):
    name: VocabularyName = Field(description="词表名 / which vocabulary, e.g. relation")
    title_zh: str
    title_en: str
    values: list[VocabularyValue] = Field(description="按显示顺序 / in the order to offer them")


class VocabulariesPublic(BaseModel):
    """登记库的各个词表 / the registry's closed vocabularies with their labels."""

    items: list[VocabularyPublic]
