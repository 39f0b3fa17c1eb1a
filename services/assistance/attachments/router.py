"""HTTP endpoints of photos: PUT the bytes under their SHA-256, GET them back."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response, status

from assistance.attachments import errors, service
from assistance.attachments.errors import PayloadTooLarge, UnsupportedMediaType
from assistance.attachments.schemas import AttachmentPublic
from assistance.attachments.storage import PhotoStore
from assistance.scope import Readers, Writers
from kit.clock import local_today
from kit.db import SessionDep
from kit.problems import PROBLEM_RESPONSES, problem_responses

router = APIRouter(prefix="/v1/attachments", tags=["attachments"])

Sha256 = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$", description="内容的 SHA-256 / hex")]


def photo_store(request: Request) -> PhotoStore:
    store: PhotoStore = request.app.state.photo_store
    return store


Store = Annotated[PhotoStore, Depends(photo_store)]


async def read_capped(request: Request, limit: int) -> bytes:
    """The body, refused as soon as it passes ``limit`` (not read whole first)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise errors.too_large(limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise errors.too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


@router.put(
    "/{attachment_id}",
    response_model=AttachmentPublic,
    summary="上传照片（id 为内容的 SHA-256）/ upload a photo under its SHA-256",
    description="请求体为照片原始字节（JPEG/PNG/WebP/HEIC）。你首次上传 201，你再次上传 200"
    "（同一答复）；别人是否上传过同样的字节不影响答复。之后可在走访的 photo_ids 中引用。"
    " / The body is the image's bytes; 201 the first time *you* upload it, 200 with the same"
    " body when you send it again. Whether someone else stored the same bytes never shows."
    " A visit may then name it in photo_ids.",
    responses={
        **problem_responses(PayloadTooLarge, UnsupportedMediaType),
        201: {"description": "你的首次上传 / your first upload of it"},
    },
)
async def put_attachment(
    attachment_id: Sha256,
    request: Request,
    session: SessionDep,
    principal: Writers,
    store: Store,
    response: Response,
) -> AttachmentPublic:
    limit = request.app.state.settings.max_photo_bytes
    data = await read_capped(request, limit)
    public, created = await service.put_attachment(
        session,
        store=store,
        principal=principal,
        attachment_id=attachment_id,
        data=data,
        max_bytes=limit,
    )
    response.status_code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    return public


@router.get(
    "/{attachment_id}",
    summary="取照片 / a photo's bytes",
    description="能看到载有它的走访者可取；上传者在将其写入走访前也可取。其余一律 404，"
    "与不存在的照片相同。 / For whoever may see a visit carrying it, and for its uploader"
    " until they name it in a visit; anyone else gets the 404 of a photo that does not exist.",
    response_class=Response,
    responses={**PROBLEM_RESPONSES, 200: {"content": {"image/*": {}}}},
)
async def get_attachment(
    attachment_id: Sha256, session: SessionDep, principal: Readers, store: Store
) -> Response:
    row = await service.readable_attachment(
        session, principal=principal, attachment_id=attachment_id, today=local_today()
    )
    data = await service.get_bytes(store, row)
    return Response(
        content=data,
        media_type=row.content_type,
        # The id is the content, so the ETag never changes; a photo is personal data, so no
        # copy is kept anywhere (the kit's no-store).
        headers={"ETag": f'"{row.id}"'},
    )
