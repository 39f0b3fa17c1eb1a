"""What the attachment API answers."""

from datetime import datetime

from pydantic import BaseModel, Field


class AttachmentPublic(BaseModel):
    id: str = Field(description="内容的 SHA-256（十六进制）/ SHA-256 of the bytes, hex")
    content_type: str
    size: int
    created_at: datetime = Field(
        description="你上传它的时间，从不是别人的（feed 事件中为首次存储时间）"
        " / when you uploaded it, never someone else's time (in the feed event: first stored)"
    )
