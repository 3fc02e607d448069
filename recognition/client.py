"""Who is asking: the client's address behind a known number of proxies, and its salted hash."""

import ipaddress

from django.conf import settings
from django.utils.crypto import salted_hmac


def client_address(request) -> str:
    """The client's IP address. Behind `TRUSTED_PROXY_COUNT` proxies, each appending the address
    it saw to X-Forwarded-For, the client is that many entries from the right: anything further
    left was written by the client and is not believed."""
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < hops:
        return remote
    candidate = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def network_of(address: str) -> str:
    """The unit a limit applies to: the address itself for IPv4, its /64 for IPv6 (one household
    or phone holds a whole /64)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def client_hash(request) -> str:
    """A salted hash of the client's network: enough to count its requests, useless to trace it."""
    return salted_hmac(
        "recognition.client", network_of(client_address(request)), algorithm="sha256"
    ).hexdigest()
