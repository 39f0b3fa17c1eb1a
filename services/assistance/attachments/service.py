"""Photos: stored once by content hash, type and size checked, and reached only through what
the caller may already see.

A photo belongs to the visits that carry it. Whoever may see one of those visits may fetch it;
whoever uploaded it may fetch it until they name it in a visit (then the visits decide, for them
too). A visit may name a photo only if its writer uploaded it or may already fetch it. Every
refusal is the answer for a photo that does not exist, and an upload answers from the caller's
own upload, never from anyone else's: nobody learns whether someone else stored the same bytes.
"""

import hashlib
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import exists, or_, select, union, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from assistance.attachments import errors
from assistance.attachments.schemas import AttachmentPublic
from assistance.attachments.sniff import sniff_image
from assistance.attachments.storage import PhotoStore
from assistance.models import Attachment, AttachmentUpload, Visit, VisitPhoto
from assistance.scope import visible_visits
from kit.auth import Principal
from kit.db import insert_for, utcnow
from kit.outbox import record_event

AGGREGATE = "attachment"


def to_public(row: Attachment) -> AttachmentPublic:
    """The stored photo as its feed event carries it."""
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


async def _insert_new(
    session: AsyncSession, model: Any, values: dict[str, Any], keys: Sequence[str]
) -> bool:
    """INSERT … ON CONFLICT DO NOTHING: whether this call inserted the row. A second writer of
    the same key waits for the first to commit (PostgreSQL) and then inserts nothing."""
    table = model.__table__
    inserted = await session.scalar(
        insert_for(session)(table)
        .values(values)
        .on_conflict_do_nothing(index_elements=[table.c[key] for key in keys])
        .returning(table.c[keys[0]])
    )
    return inserted is not None


async def put_attachment(
    session: AsyncSession,
    *,
    store: PhotoStore,
    principal: Principal,
    attachment_id: str,
    data: bytes,
    max_bytes: int,
) -> tuple[AttachmentPublic, bool]:
    """Record the caller's upload of a photo. Answers the caller's upload and whether it is new
    *for the caller*: the first time 201 whether or not someone else stored the same bytes
    before, and the caller's repeats the same body again (200).

    The same steps run either way: the bytes are written (before the rows, so a row always has
    its bytes; a failed commit leaves at most an unreferenced file, and a lost file is repaired
    from the client's copy), then the photo's row and the caller's upload row are inserted if
    absent. The answer is made of the caller's bytes and the caller's own upload only."""
    media_type = check_content(attachment_id, data, max_bytes)
    await store.put(attachment_id, data)
    now = utcnow()
    photo = Attachment(id=attachment_id, content_type=media_type, size=len(data), created_at=now)
    if await _insert_new(session, Attachment, photo.model_dump(), ["id"]):
        # No area: a photo belongs to an area only through the visits that carry it.
        record_event(
            session,
            aggregate=AGGREGATE,
            aggregate_id=attachment_id,
            version=1,
            data=to_public(photo).model_dump(mode="json"),
        )
    upload = AttachmentUpload(
        attachment_id=attachment_id, uploaded_by=principal.subject, created_at=now
    )
    created = await _insert_new(
        session, AttachmentUpload, upload.model_dump(), ["attachment_id", "uploaded_by"]
    )
    if not created:  # the caller's own repeat: answer what the first upload answered
        stored = await session.get(
            AttachmentUpload, (attachment_id, principal.subject), populate_existing=True
        )
        if stored is None:  # cannot be: the conflict was on this key
            raise errors.not_found()
        upload = stored
    public = AttachmentPublic(
        id=attachment_id, content_type=media_type, size=len(data), created_at=upload.created_at
    )
    return public, created


def _uploaded_by(principal: Principal, attachment_id: Any) -> ColumnElement[bool]:
    return exists(
        select(1)
        .select_from(AttachmentUpload)
        .where(
            col(AttachmentUpload.attachment_id) == attachment_id,
            col(AttachmentUpload.uploaded_by) == principal.subject,
            col(AttachmentUpload.attached_at).is_(None),
        )
    )


def _carried_by_visible_visit(
    principal: Principal, attachment_id: Any, today: date
) -> ColumnElement[bool]:
    return exists(
        select(1)
        .select_from(VisitPhoto)
        .join(Visit, col(Visit.id) == col(VisitPhoto.visit_id))
        .where(col(VisitPhoto.attachment_id) == attachment_id, *visible_visits(principal, today))
    )


async def readable_attachment(
    session: AsyncSession, *, principal: Principal, attachment_id: str, today: date
) -> Attachment:
    """The photo, if a visit the caller may see carries it or the caller uploaded it and has
    not attached it yet; else 404, the same answer as for a photo that does not exist (one
    query either way)."""
    photo_id = col(Attachment.id)
    query = select(Attachment).where(
        photo_id == attachment_id,
        or_(
            _uploaded_by(principal, photo_id),
            _carried_by_visible_visit(principal, photo_id, today),
        ),
    )
    row = (await session.execute(query)).scalars().first()
    if row is None:
        raise errors.not_found()
    return row


async def attachable(
    session: AsyncSession, *, principal: Principal, photo_ids: list[str], today: date
) -> set[str]:
    """Which of these photos the caller may name in a visit: those they uploaded (attached
    already or not) and those a visit they may see carries. Any other id, stored or not, is
    absent from the answer alike."""
    if not photo_ids:
        return set()
    uploaded = select(col(AttachmentUpload.attachment_id)).where(
        col(AttachmentUpload.attachment_id).in_(photo_ids),
        col(AttachmentUpload.uploaded_by) == principal.subject,
    )
    carried = (
        select(col(VisitPhoto.attachment_id))
        .join(Visit, col(Visit.id) == col(VisitPhoto.visit_id))
        .where(col(VisitPhoto.attachment_id).in_(photo_ids), *visible_visits(principal, today))
    )
    return set((await session.execute(union(uploaded, carried))).scalars())


async def mark_attached(
    session: AsyncSession, *, principal: Principal, photo_ids: list[str], at: datetime
) -> None:
    """The caller named these photos in a stored visit: their own uploads of them stop
    granting a fetch (the visit does from now on)."""
    if not photo_ids:
        return
    await session.execute(
        update(AttachmentUpload)
        .where(
            col(AttachmentUpload.attachment_id).in_(photo_ids),
            col(AttachmentUpload.uploaded_by) == principal.subject,
            col(AttachmentUpload.attached_at).is_(None),
        )
        .values(attached_at=at)
        .execution_options(synchronize_session=False)
    )


async def get_bytes(store: PhotoStore, row: Attachment) -> bytes:
    """The photo's bytes from the store (404 if they went missing)."""
    data = await store.get(row.id)
    if data is None:
        raise errors.bytes_missing()
    return data
