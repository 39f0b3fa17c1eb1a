"""Photos: stored once by content hash, type and size checked, fetched only by those who may see
a visit that references them (or by whoever uploaded them, before a visit does)."""

import hashlib
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from assistance.attachments import errors
from assistance.attachments.schemas import AttachmentPublic
from assistance.attachments.sniff import sniff_image
from assistance.attachments.storage import PhotoStore
from assistance.models import Attachment, Visit, VisitPhoto
from assistance.scope import visible_visits
from kit.auth import Principal
from kit.outbox import record_event

AGGREGATE = "attachment"


def to_public(row: Attachment) -> AttachmentPublic:
    return AttachmentPublic.model_validate(row.model_dump())


def check_content(attachment_id: str, data: bytes, max_bytes: int) -> str:
    """The checks before anything is stored; answers the sniffed media type."""
    if len(data) > max_bytes:
        raise errors.too_large(max_bytes)
    if not data:
        raise errors.empty()
    if hashlib.sha256(data).hexdigest() != attachment_id:
        raise errors.id_not_hash()
    media_type = sniff_image(data)
    if media_type is None:
        raise errors.not_an_image()
    return media_type


async def put_attachment(
    session: AsyncSession,
    *,
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
    session: AsyncSession, *, principal: Principal, attachment_id: str, today: date
) -> Attachment:
    """The attachment, if the caller uploaded it or may see a visit referencing it; else 404."""
    row = await session.get(Attachment, attachment_id)
    if row is None:
        raise errors.not_found()
    if row.uploaded_by == principal.subject:
        return row
    referenced = exists(
        select(1)
        .select_from(VisitPhoto)
        .join(Visit, col(Visit.id) == col(VisitPhoto.visit_id))
        .where(col(VisitPhoto.attachment_id) == attachment_id, *visible_visits(principal, today))
    )
    if not await session.scalar(select(referenced)):
        raise errors.out_of_reach()
    return row


async def get_bytes(store: PhotoStore, row: Attachment) -> bytes:
    """The photo's bytes from the store (404 if they went missing)."""
    data = await store.get(row.id)
    if data is None:
        raise errors.bytes_missing()
    return data
