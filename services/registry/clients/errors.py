"""What clients answer when a change clashes with what is stored, in the domain's words."""

from kit.problems import Conflict, NotFound


class ServiceClient(Conflict):
    """Changing one of Fumin's own service clients, which settings manage."""

    code = "service-client"
    title = "系统内部服务的客户端由配置管理 / Fumin's own service clients are set by settings"


class ClientRevoked(Conflict):
    code = "client-revoked"
    title = "客户端已撤销 / The client is revoked"


def not_found(client_id: str) -> NotFound:
    return NotFound(f"客户端 {client_id} 不存在 / no such client")


def service_client() -> ServiceClient:
    return ServiceClient(
        "系统内部服务的客户端由配置管理 / Fumin's own service clients are set by settings",
        field="client_id",
    )


def client_revoked() -> ClientRevoked:
    return ClientRevoked("客户端已撤销 / the client is revoked", field="client_id")
