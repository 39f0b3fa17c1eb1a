"""What a new password must be (MLPS level 3 asks for complexity): every place a password is set
(a user made, an admin's reset, one's own change, ``python -m registry create-admin``) applies it.

- 8 to 200 characters;
- variety: at least three of lower-case letters, upper-case letters, digits and other characters
  (symbols, spaces, Chinese characters…), or at least 12 characters of two of them (a pass phrase
  like ``fumin-demo-2026`` qualifies either way);
- not a common password: not in the lists of ``weak_passwords/`` (case ignored), nor one of them
  with only digits and symbols added before or after (``Password2026!``, ``woaini1314.``);
- not the username, nor the username with digits and symbols around it.

The lists are read once, on first use.
"""

import gzip
import string
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

MIN_LENGTH, MAX_LENGTH = 8, 200
# Below this length a password needs three kinds of character; from it on, two.
PASS_PHRASE_LENGTH = 12
LISTS = Path(__file__).parent / "weak_passwords"
# A word shorter than this, left once digits and symbols are stripped, is not looked up (the
# lists hold "abc" and "qwe", and "xY7!abc#2026" is no common password).
_MIN_BASE_WORD = 4

RULE = (
    "至少 8 位，含大写字母、小写字母、数字、其他符号中的三类（12 位以上含两类即可），"
    "且不是常见密码或用户名 / 8+ characters of three kinds among upper, lower, digits and "
    "symbols (two kinds from 12 characters on), not a common password nor the username"
)


@cache
def common_passwords() -> frozenset[str]:
    """Every listed password, lower-cased."""
    words: set[str] = set()
    for path in sorted(LISTS.iterdir()):
        if path.name.endswith(".txt.gz"):
            text = gzip.decompress(path.read_bytes()).decode()
        elif path.name.endswith(".txt") and not path.name.startswith("LICENSE"):
            text = path.read_text(encoding="utf-8")
        else:
            continue
        words.update(line.strip().lower() for line in text.splitlines() if line.strip())
    return frozenset(words)


def kinds_of_character(password: str) -> int:
    """How many of lower-case, upper-case, digits and other characters the password uses."""
    lower = any(c.islower() for c in password)
    upper = any(c.isupper() for c in password)
    digit = any(c.isdigit() for c in password)
    other = any(not (c.islower() or c.isupper() or c.isdigit()) for c in password)
    return lower + upper + digit + other


def _base_word(password: str) -> str:
    """The password lower-cased, without the digits and symbols before and after its letters."""
    return password.lower().strip(string.digits + string.punctuation + " ")


def weakness(password: str, username: str | None = None) -> str | None:
    """Why ``password`` may not be set (a bilingual sentence), or None when it may."""
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        return f"密码须为 {MIN_LENGTH}–{MAX_LENGTH} 位 / {MIN_LENGTH} to {MAX_LENGTH} characters"
    base = _base_word(password)
    if username and username.lower() in (password.lower(), base):
        return "密码不能是用户名 / the password must not be the username"
    common = common_passwords()
    if password.lower() in common or (len(base) >= _MIN_BASE_WORD and base in common):
        return "这是常见密码，容易被猜中 / a common password, easily guessed"
    kinds = kinds_of_character(password)
    if kinds < 3 and not (kinds >= 2 and len(password) >= PASS_PHRASE_LENGTH):
        return (
            "密码须含大写字母、小写字母、数字、其他符号中的三类（12 位以上含两类即可）/ use three "
            "kinds of upper, lower, digits, symbols (two kinds from 12 characters on)"
        )
    return None


def check_password(password: str) -> str:
    """A pydantic validator: the password if it may be set (the username is checked apart)."""
    if reason := weakness(password):
        raise PydanticCustomError("weak_password", reason)
    return password


NewPassword = Annotated[
    str,
    Field(min_length=MIN_LENGTH, max_length=MAX_LENGTH, description=RULE),
    AfterValidator(check_password),
]
