"""What login answers when it refuses, in the domain's words. OAuth2 (RFC 6749 §5.2) answers a
bad grant with 400: wrong credentials, an unknown grant type."""

import math

from kit.problems import Problem


class InvalidGrant(Problem):
    status, code, title = 400, "invalid-grant", "用户名或密码错误 / Wrong name or password"


class InvalidRefresh(InvalidGrant):
    title = "刷新令牌无效或已过期，请重新登录 / Refresh token invalid or expired; log in again"


class AccountDeactivated(InvalidRefresh):
    # Said plainly (the refresh token proves the session was theirs): a phone holding entries to
    # send shows why it can no longer send them.
    code, title = (
        "account-deactivated",
        "账号已停用，请联系管理员 / The account has been deactivated",
    )


class UnsupportedGrant(Problem):
    status, code, title = 400, "unsupported-grant-type", "不支持的授权方式 / Unsupported grant type"


class WrongPassword(Problem):
    status, code, title = 400, "wrong-password", "当前密码错误 / Current password is wrong"


class AccountLocked(Problem):
    # 423 (the account is locked), not 429: the gateway's rate limit already answers 429, and
    # this is about the account, whoever asks. The body never says whether the password was right.
    status, code, title = 423, "account-locked", "账户已临时锁定 / Account temporarily locked"

    def __init__(self, seconds: int) -> None:
        minutes = max(1, math.ceil(seconds / 60))
        super().__init__(
            f"登录失败次数过多，请 {minutes} 分钟后再试 / "
            f"too many failed logins; try again in {minutes} min",
            retry_after=seconds,
        )
        self.headers = {"Retry-After": str(seconds)}
