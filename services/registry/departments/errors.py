"""What departments answer when a write clashes with what is stored, in the domain's words."""

from uuid import UUID

from kit.problems import Conflict


class DuplicateName(Conflict):
    code = "duplicate-name"
    title = "名称已被使用 / Name already taken"


class DepartmentInUse(Conflict):
    """Deleting a department cadres still belong to."""

    code = "department-in-use"
    title = "仍有干部属于该单位 / Cadres still belong to the department"


def duplicate_name(name: str, holder_id: UUID) -> DuplicateName:
    return DuplicateName(
        f"单位名称「{name}」已被单位 {holder_id} 使用 / name is held by {holder_id}",
        field="name",
        holder_id=str(holder_id),
    )


def department_in_use(cadre_name: str, cadre_id: UUID) -> DepartmentInUse:
    return DepartmentInUse(
        f"干部「{cadre_name}」({cadre_id}) 仍属于该单位 / cadre {cadre_id} still belongs to it",
        holder_id=str(cadre_id),
    )
