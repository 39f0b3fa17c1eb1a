"""What users answer when a write clashes with what is stored, in the domain's words."""

from uuid import UUID

from kit.problems import Conflict


class DuplicateUsername(Conflict):
    code = "duplicate-username"
    title = "用户名已被使用 / Username already taken"


class CadreHasUser(Conflict):
    """A cadre user naming a cadre whose login another user is already."""

    code = "cadre-has-user"
    title = "该干部已有登录用户 / The cadre already has a login"


def duplicate_username(username: str, holder_id: UUID) -> DuplicateUsername:
    return DuplicateUsername(
        f"用户名 {username} 已被用户 {holder_id} 使用 / username is held by {holder_id}",
        field="username",
        holder_id=str(holder_id),
    )


def cadre_has_user(cadre_id: UUID, holder_id: UUID, holder_username: str) -> CadreHasUser:
    return CadreHasUser(
        f"干部 {cadre_id} 已由用户 {holder_username} 使用 / held by {holder_username}",
        field="cadre_id",
        holder_id=str(holder_id),
    )
