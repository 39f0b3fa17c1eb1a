"""Photos: stored once by content hash, type and size checked, fetched only by those who may see
a visit that references them (or by whoever uploaded them, before a visit does)."""

import hashlib
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from assistance.attachments.schemas import AttachmentPublic
from assistance.attachments.sniff import sniff_image
from assistance.attachments.storage import PhotoStore
from assistance.models import Attachment, Visit, VisitPhoto
from assistance.scope import visible_visits
from kit.auth import Principal
from kit.outbox import record_event
from kit.problems import NotFound, Problem, invalid

AGGREGATE = "attachment"


class PayloadTooLarge(Problem):
    status, code, title = 413, "too-large", "文件过大 / Payload too large"


class UnsupportedMediaType(Problem):
    status, code, title = 415, "unsupported-type", "不支持的文件类型 / Unsupported media type"


def to_public(row: Attachment) -> AttachmentPublic:
    return AttachmentPublic.model_validate(row.model_dump())


def check_content(attachment_id: str, data: bytes, max_bytes: int) -> str:
    """The checks before anything is stored; answers the sniffed media type."""
    if len(data) > max_bytes:
        raise PayloadTooLarge(f"照片不得超过 {max_bytes} 字节 / at most {max_bytes} bytes")
    if not data:
        raise invalid("body", "文件为空 / the body is empty")
    if hashlib.sha256(data).hexdigest() != attachment_id:
        raise invalid("id", "id 须为内容的 SHA-256 / the id must be the bytes' SHA-256 (hex)")
    media_type = sniff_image(data)
    if media_type is None:
        raise UnsupportedMediaType(
            "只接受 JPEG、PNG、WebP、HEIC 照片 / JPEG, PNG, WebP or HEIC only"
        )
    return media_type


async def put_attachment(
    session: AsyncSession,
    store: PhotoStore,
    principal: Principal,
    attachment_id: str,
    data: bytes,
    max_bytes: int,
) -> tuple[AttachmentPublic, bool]:
    """Store the photo (idempotent: the same bytes again answer the stored one). Answers it and
    whether it is new. The bytes go to the store before the row commits, so a row always has
    its bytes; a failed commit leaves at most an unreferenced file."""
    media_type = check_content(attachment_id, data, max_bytes)
    stored = await session.get(Attachment, attachment_id)
    if stored is not None:
        if not await store.exists(attachment_id):  # repaired from the client's copy
            await store.put(attachment_id, data)
        return to_public(stored), False
    await store.put(attachment_id, data)
    row = Attachment(
        id=attachment_id, content_type=media_type, size=len(data), uploaded_by=principal.subject
    )
    try:
        async with session.begin_nested():
            session.add(row)
            await session.flush()
    except IntegrityError:  # the same photo uploaded at the same moment
        stored = await session.get(Attachment, attachment_id, populate_existing=True)
        if stored is None:
            raise
        return to_public(stored), False
    state = to_public(row)
    # No area: a photo belongs to an area only through the visits that reference it.
    record_event(
        session,
        aggregate=AGGREGATE,
        aggregate_id=attachment_id,
        version=1,
        data=state.model_dump(mode="json"),
    )
    return state, True


async def readable_attachment(
    session: AsyncSession, principal: Principal, attachment_id: str, today: date
) -> Attachment:
    """The attachment, if the caller uploaded it or may see a visit referencing it; else 404."""
    row = await session.get(Attachment, attachment_id)
    if row is None:
        raise NotFound("照片不存在 / no such photo")
    if row.uploaded_by == principal.subject:
        return row
    referenced = exists(
        select(1)
        .select_from(VisitPhoto)
        .join(Visit, col(Visit.id) == col(VisitPhoto.visit_id))
        .where(col(VisitPhoto.attachment_id) == attachment_id, *visible_visits(principal, today))
    )
    if not await session.scalar(select(referenced)):
        raise NotFound("照片不存在或你无权查看 / no such photo in your reach")
    return row


async def get_bytes(store: PhotoStore, row: Attachment) -> bytes:
    data = await store.get(row.id)
    if data is None:
        raise NotFound("照片文件缺失，请重新上传 / the photo's bytes are missing; upload it again")
    return data
