"""Private-link tokens: a random token goes to the resident, only its SHA-256 digest is stored,
so a leaked database does not reveal the links. Question and initiative links both use this."""

import hashlib
import secrets


def hash_token(token: str) -> str:
    """Tokens are stored as SHA-256 digests: a leaked database does not reveal private links."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)
