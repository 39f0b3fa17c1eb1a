"""``GET /v1/vocabularies``: the labels the web app shows for every code the registry stores."""

from typing import Annotated

from fastapi import APIRouter, Header, Response

from kit.auth import CurrentPrincipal
from kit.problems import PROBLEM_RESPONSES
from registry.vocabularies import service
from registry.vocabularies.schemas import VocabulariesPublic

router = APIRouter(prefix="/v1/vocabularies", tags=["vocabularies"])

# The same for everyone and until the next release: a client keeps it, then revalidates.
CACHE_CONTROL = "private, max-age=3600"


@router.get(
    "",
    response_model=VocabulariesPublic,
    summary="词表与标签（代码、中文、英文、导入同义词）/ vocabularies: code, labels, synonyms",
    responses={**PROBLEM_RESPONSES, 304: {"description": "未变化 / not modified (If-None-Match)"}},
)
async def vocabularies(
    principal: CurrentPrincipal,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    body, etag = service.encoded()
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    if if_none_match is not None and etag in {tag.strip() for tag in if_none_match.split(",")}:
        return Response(status_code=304, headers=headers)
    return Response(content=body, media_type="application/json", headers=headers)
