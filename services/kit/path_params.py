"""Path parameters hold printable ASCII only: ids, codes, periods and names of this API all do.

A control character (``%00``–``%1F``, ``%7F``) or any other Unicode in a path parameter (a
look-alike digit, a superscript ``²`` that ``str.isdigit`` accepts and ``int`` refuses, an
undecodable byte) is refused here, once for every route of every service, as a 422 naming the
parameter, before any endpoint parses it.
"""

import re

from fastapi import Request

from kit.problems import UnprocessableEntity, field_error

PRINTABLE_ASCII = re.compile(r"[\x20-\x7e]*")
MESSAGE = "只能包含可打印的 ASCII 字符 / may hold printable ASCII characters only"


async def printable_path_params(request: Request) -> None:
    """An app-wide dependency: the route has matched, so its parameters have their names."""
    refused = [
        name
        for name, value in request.path_params.items()
        if isinstance(value, str) and not PRINTABLE_ASCII.fullmatch(value)
    ]
    if refused:
        errors = [
            {**field_error(name, MESSAGE, "printable_ascii"), "in": "path"} for name in refused
        ]
        raise UnprocessableEntity(f"字段有误 / invalid: {', '.join(refused)}", errors=errors)
