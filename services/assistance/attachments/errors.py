"""What photos answer when they refuse an upload or a read, in the domain's words."""

from kit.problems import NotFound, PayloadTooLarge, Problem, UnprocessableEntity, invalid


class UnsupportedMediaType(Problem):
    status, code, title = 415, "unsupported-type", "不支持的文件类型 / Unsupported media type"


def too_large(max_bytes: int) -> PayloadTooLarge:
    return PayloadTooLarge(f"照片不得超过 {max_bytes} 字节 / at most {max_bytes} bytes")


def not_an_image() -> UnsupportedMediaType:
    return UnsupportedMediaType("只接受 JPEG、PNG、WebP、HEIC 照片 / JPEG, PNG, WebP or HEIC only")


def empty() -> UnprocessableEntity:
    return invalid("body", "文件为空 / the body is empty")


def id_not_hash() -> UnprocessableEntity:
    return invalid("id", "id 须为内容的 SHA-256 / the id must be the bytes' SHA-256 (hex)")


def not_found() -> NotFound:
    """A photo that does not exist and one the caller may not fetch answer alike."""
    return NotFound("照片不存在或你无权查看 / no such photo in your reach")


def bytes_missing() -> NotFound:
    return NotFound("照片文件缺失，请重新上传 / the photo's bytes are missing; upload it again")
