"""Unguessable secrets for links that stand in for a login (status pages, tracking, feeds)."""

import hashlib
import secrets


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """Tokens are stored as SHA-256 digests: a leaked database does not reveal status links."""
    return hashlib.sha256(token.encode()).hexdigest()
