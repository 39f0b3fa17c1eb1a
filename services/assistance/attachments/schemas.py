"""What the attachment API answers."""

from datetime import datetime

from pydantic import BaseModel, Field


class AttachmentPublic(BaseModel):
    id: str = Field(description="内容的 SHA-256（十六进制）/ SHA-256 of the bytes, hex")
    content_type: str
    size: int
    created_at: datetime
