import asyncio
import hashlib
import uuid

import pytest

from assistance.attachments.sniff import sniff_image
from assistance.tests.seeds import TOWN_B, paired_household
from assistance.tests.test_visits import cadre_headers, put, visit_body
from kit.auth import Role

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"photo of the farmhouse" * 10
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 30
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00" + b"\x00" * 30


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


async def upload(client, headers, data, photo_id=None):
    return await client.put(
        f"/v1/attachments/{photo_id or sha(data)}",
        content=data,
        headers={**headers, "Content-Type": "application/octet-stream"},
    )


@pytest.mark.parametrize(
    ("data", "media_type"),
    [(JPEG, "image/jpeg"), (PNG, "image/png"), (WEBP, "image/webp"), (HEIC, "image/heic")],
)
def test_the_type_comes_from_the_bytes(data, media_type):
    assert sniff_image(data) == media_type


def test_other_bytes_are_not_a_photo():
    assert sniff_image(b"%PDF-1.7 ...") is None
    assert sniff_image(b"GIF89a") is None


@pytest.mark.smoke
async def test_a_photo_is_stored_once_by_its_hash(client, tokens):
    headers = cadre_headers(tokens, uuid.uuid4())

    first = await upload(client, headers, JPEG)
    again = await upload(client, headers, JPEG)
    fetched = await client.get(f"/v1/attachments/{sha(JPEG)}", headers=headers)

    assert first.status_code == 201, first.text
    assert first.json()["id"] == sha(JPEG) and first.json()["content_type"] == "image/jpeg"
    assert first.json()["size"] == len(JPEG)
    assert again.status_code == 200 and again.json() == first.json()
    assert fetched.status_code == 200 and fetched.content == JPEG
    assert fetched.headers["content-type"] == "image/jpeg"


async def test_concurrent_uploads_of_one_photo_store_it_once(client, tokens):
    headers = cadre_headers(tokens, uuid.uuid4())
    responses = await asyncio.gather(*(upload(client, headers, PNG) for _ in range(5)))
    assert sorted(r.status_code for r in responses) == [200] * 4 + [201]


async def test_a_wrong_hash_a_wrong_type_and_a_big_photo_are_refused(app, client, tokens):
    headers = cadre_headers(tokens, uuid.uuid4())
    limit = app.state.settings.max_photo_bytes

    wrong_hash = await upload(client, headers, JPEG, photo_id="0" * 64)
    pdf = b"%PDF-1.7 not a photo"
    not_a_photo = await upload(client, headers, pdf)
    big = JPEG + b"\x00" * limit
    too_big = await upload(client, headers, big)
    bad_id = await upload(client, headers, JPEG, photo_id="../../etc/passwd")

    assert wrong_hash.status_code == 422 and wrong_hash.json()["errors"][0]["field"] == "id"
    assert not_a_photo.status_code == 415
    assert not_a_photo.headers["content-type"] == "application/problem+json"
    assert too_big.status_code == 413
    assert bad_id.status_code in {404, 422}


@pytest.mark.parametrize("role", [Role.LEADER, Role.MACHINE, Role.SERVICE])
async def test_read_only_roles_may_not_upload(client, tokens, role):
    assert (await upload(client, tokens.headers(role), JPEG)).status_code == 403


@pytest.mark.parametrize(
    ("caller", "status"),
    [
        ("uploader", 200),
        ("officer", 200),
        ("leader", 200),
        ("other_cadre", 404),
        ("officer_elsewhere", 404),
    ],
)
async def test_a_photo_is_served_to_those_who_may_see_its_visit(
    app, client, tokens, caller, status
):
    cadre_id = uuid.uuid4()
    household_id = await paired_household(app, cadre_id)
    uploader = cadre_headers(tokens, cadre_id)
    await upload(client, uploader, JPEG)
    logged = await put(client, uploader, visit_body(household_id, photo_ids=[sha(JPEG)]))
    assert logged.status_code == 201, logged.text
    headers = {
        "uploader": uploader,
        "officer": tokens.headers(Role.TOWNSHIP_OFFICER, area="331126101"),
        "leader": tokens.headers(Role.LEADER),
        "other_cadre": cadre_headers(tokens, uuid.uuid4()),
        "officer_elsewhere": tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_B),
    }[caller]

    response = await client.get(f"/v1/attachments/{sha(JPEG)}", headers=headers)

    assert response.status_code == status


async def test_an_unreferenced_photo_is_only_for_its_uploader(client, tokens):
    await upload(client, cadre_headers(tokens, uuid.uuid4()), WEBP)
    admin = await client.get(
        f"/v1/attachments/{sha(WEBP)}", headers=tokens.headers(Role.COUNTY_ADMIN)
    )
    assert admin.status_code == 404


async def test_an_upload_is_an_event(client, tokens):
    await upload(client, cadre_headers(tokens, uuid.uuid4()), HEIC)
    feed = await client.get("/v1/feeds/assistance", headers=tokens.headers(Role.SERVICE))
    [event] = feed.json()["items"]
    assert (event["type"], event["aggregate_id"]) == ("attachment.upserted", sha(HEIC))
