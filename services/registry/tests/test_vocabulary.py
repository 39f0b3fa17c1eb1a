"""One vocabulary: the import, the roll reconciliation and the app say the same words.

The app's label (孙辈, 慢性病, 务农, 低保户 …) and every older spelling (孙子女, 长期慢性病,
自家务农, 低保, 低边, 特困 …) are accepted wherever a file is read, and store the same code.
"""

import csv
import io
from typing import Any

import pytest

from kit.auth import Role
from registry.imports import cadres, entities, households, income
from registry.imports.cells import Choice
from registry.models.vocab import VOCABULARIES, Label, Sex, Vocabulary
from registry.tests.factories import COUNTY, id_number

from .test_imports_households import member_row, upload, xlsx

HEAD, MEMBER = id_number(sequence=301), id_number(sequence=303)
ROLL = "/v1/reconciliations/low-income"

# (column, word, member or household field, stored code): the app's label, then its synonyms.
MEMBER_WORDS = [
    ("与户主关系", "孙辈", "relation", "grandchild"),
    ("与户主关系", "孙子女", "relation", "grandchild"),
    ("与户主关系", "儿媳/女婿", "relation", "child_in_law"),
    ("与户主关系", "女婿", "relation", "child_in_law"),
    ("健康状况", "慢性病", "health", "chronic_illness"),
    ("健康状况", "长期慢性病", "health", "chronic_illness"),
    ("从业状况", "务农", "employment", "farming"),
    ("从业状况", "自家务农", "employment", "farming"),
    ("从业状况", "在校生", "employment", "student"),
    ("从业状况", "在校", "employment", "student"),
    ("从业状况", "务工", "employment", "employed"),
    ("从业状况", "受雇", "employment", "employed"),
    ("从业状况", "退休", "employment", "retired"),
    ("从业状况", "不在劳动年龄", "employment", "retired"),
    ("劳动能力", "弱劳动能力", "labour_ability", "weak"),
]
# Every spelling of a low-income subtype that the app shows or a roll from civil affairs uses.
SUBTYPE_WORDS = [
    ("低保户", "subsistence"),
    ("低保", "subsistence"),
    ("低保边缘户", "near_subsistence"),
    ("低保边缘", "near_subsistence"),
    ("低边", "near_subsistence"),
    ("特困供养人员", "destitute"),
    ("特困供养", "destitute"),
    ("特困", "destitute"),
    ("支出型困难户", "expenditure_hardship"),
    ("支出型困难", "expenditure_hardship"),
    ("其他", "other"),
    ("subsistence", "subsistence"),
]


def one_household(**cells: str) -> list[dict[str, str]]:
    """A head and one member, both rows with ``cells`` (a relation on the member's only)."""
    relation = cells.pop("与户主关系", "子女")
    return [
        member_row(HEAD, HEAD, "吴建国", "户主", **cells),
        member_row(HEAD, MEMBER, "吴小军", relation, **cells),
    ]


async def imported(client, headers, rows: list[dict[str, str]]) -> dict[str, Any]:
    """Import ``rows`` for real; the stored household, read back through the API."""
    response = await upload(client, headers, xlsx(rows), dry_run=False)
    assert response.status_code == 200, response.text
    household_id = response.json()["rows"][0]["record_id"]
    stored = await client.get(f"/v1/households/{household_id}", headers=headers)
    assert stored.status_code == 200, stored.text
    return stored.json()


def roll_of(subtype: str) -> dict[str, Any]:
    """A roll of one person nobody registered: the report still reads the subtype given."""
    content = f"户主姓名,身份证号,低收入类型,村代码\n陈新人,{id_number(sequence=901)},{subtype},\n"
    return {"file": ("名册.csv", content.encode("utf-8-sig"), "text/csv")}


@pytest.mark.parametrize(("header", "word", "field", "code"), MEMBER_WORDS)
async def test_the_import_stores_the_apps_word_and_its_synonyms_alike(
    client, areas, admin, header, word, field, code
):
    household = await imported(client, admin, one_household(**{header: word}))

    assert household["members"][1][field] == code


@pytest.mark.parametrize(("word", "code"), SUBTYPE_WORDS)
async def test_roll_and_import_accept_the_same_subtype_words(client, areas, admin, word, code):
    dry = await upload(client, admin, xlsx(one_household(低收入类型=word)), dry_run=True)
    compared = await client.post(ROLL, files=roll_of(word), headers=admin)

    assert dry.status_code == 200, dry.text
    assert [e for row in dry.json()["rows"] for e in row["errors"]] == []
    assert compared.status_code == 200, compared.text
    assert compared.json()["errors"] == []
    [unregistered] = compared.json()["differences"]
    assert unregistered["roll_subtype"] == code
    household = await imported(client, admin, one_household(低收入类型=word))
    assert household["low_income_subtype"] == code


async def test_a_word_of_no_vocabulary_is_refused_alike_naming_the_labels(client, areas, admin):
    dry = await upload(client, admin, xlsx(one_household(低收入类型="五保户")), dry_run=True)
    compared = await client.post(ROLL, files=roll_of("五保户"), headers=admin)

    import_error = dry.json()["rows"][0]["errors"][0]  # (and again on the member's row)
    [roll_error] = compared.json()["errors"]
    assert import_error["field"] == roll_error["field"] == "低收入类型"
    assert import_error["message"] == roll_error["message"]
    assert "五保户" in roll_error["message"]
    assert "低保户、低保边缘户、特困供养人员" in roll_error["message"]


async def test_the_vocabularies_answer_every_code_with_its_labels_to_any_login(client, tokens):
    leader = tokens.headers(Role.LEADER, area=COUNTY)

    response = await client.get("/v1/vocabularies", headers=leader)

    assert response.status_code == 200, response.text
    served = {v["name"]: v for v in response.json()["items"]}
    assert set(served) == {vocabulary.name for vocabulary in VOCABULARIES}
    for vocabulary in VOCABULARIES:
        codes = [value["code"] for value in served[vocabulary.name]["values"]]
        assert codes == [value.value for value in vocabulary.enum]
    grandchild = served["relation"]["values"][4]
    assert grandchild == {
        "code": "grandchild",
        "zh": "孙辈",
        "en": "Grandchild",
        "synonyms": ["孙子女"],
    }
    assert served["relation"]["title_zh"] == "与户主关系"
    assert "max-age" in response.headers["cache-control"]
    again = await client.get(
        "/v1/vocabularies", headers=leader | {"If-None-Match": response.headers["etag"]}
    )
    assert again.status_code == 304
    assert (await client.get("/v1/vocabularies")).status_code == 401


async def test_the_imports_read_every_word_the_vocabularies_answer(client, admin):
    served = {
        v["name"]: v["values"]
        for v in (await client.get("/v1/vocabularies", headers=admin)).json()["items"]
    }
    read_by_vocabulary = set()
    for kind in (households, entities, cadres, income):
        for name, parser in kind.PARSERS.items():
            if not isinstance(parser, Choice):
                continue
            read_by_vocabulary.add((kind.NAME, name))
            for value in served[parser.vocabulary.name]:
                for word in (value["code"], value["zh"], value["en"], *value["synonyms"]):
                    assert parser(word) == value["code"], (kind.NAME, name, word)
    assert read_by_vocabulary == {
        ("农户", "category"),
        ("农户", "low_income_subtype"),
        ("农户", "monitoring_type"),
        ("农户", "relation"),
        ("农户", "labour_ability"),
        ("农户", "health"),
        ("农户", "employment"),
        ("新型农业主体", "type"),
        ("新型农业主体", "enterprise_level"),
        ("新型农业主体", "industry"),
        ("新型农业主体", "status"),
        ("新型农业主体", "quality_grade"),
        ("干部", "type"),
        ("收入", "category"),
    }


async def test_the_roll_reads_every_subtype_word_the_vocabularies_answer(client, areas, admin):
    [subtypes] = [
        v["values"]
        for v in (await client.get("/v1/vocabularies", headers=admin)).json()["items"]
        if v["name"] == "low_income_subtype"
    ]
    words = [
        (word, value["code"])
        for value in subtypes
        for word in (value["code"], value["zh"], value["en"], *value["synonyms"])
    ]
    lines = [f"陈{n},{id_number(sequence=600 + n)},{word}," for n, (word, _) in enumerate(words)]
    content = ("户主姓名,身份证号,低收入类型,村代码\n" + "\n".join(lines)).encode("utf-8-sig")

    response = await client.post(
        ROLL, files={"file": ("名册.csv", content, "text/csv")}, headers=admin
    )

    assert response.status_code == 200, response.text
    assert response.json()["errors"] == []
    assert [d["roll_subtype"] for d in response.json()["differences"]] == [c for _, c in words]


async def test_the_templates_write_the_apps_labels(client, admin):
    households_csv = await client.get("/v1/imports/households/template.csv", headers=admin)
    roll_csv = await client.get(ROLL + "/template.csv", headers=admin)

    header, example = csv.reader(io.StringIO(households_csv.content.decode("utf-8-sig")))
    row = dict(zip(header, example, strict=True))
    assert (row["低收入类型"], row["从业状况"]) == ("低保户", "务农")
    header, example = csv.reader(io.StringIO(roll_csv.content.decode("utf-8-sig")))
    assert dict(zip(header, example, strict=True))["低收入类型"] == "低保户"


def test_a_vocabulary_labels_every_value_and_no_word_names_two():
    with pytest.raises(ValueError, match="no label"):
        Vocabulary("sex", Sex, ("性别", "sex"), {Sex.MALE: Label("男", "Male")})
    with pytest.raises(ValueError, match="names two values"):
        Vocabulary(
            "sex",
            Sex,
            ("性别", "sex"),
            {Sex.MALE: Label("男", "Male"), Sex.FEMALE: Label("女", "Female", ("male",))},
        )
