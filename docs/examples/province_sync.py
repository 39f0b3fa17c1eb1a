"""Keep a copy of a county's registry in step with Fumin, as a provincial platform would.

    python docs/examples/province_sync.py --base-url http://127.0.0.1:8000/api \
        --client-id <id> --client-secret <secret> --state province_copy.json

The first run loads every aggregate's snapshot, then reads the change feed from the snapshot's
position; later runs read the feed from the saved cursor. The copy is keyed by (aggregate, id)
and keeps the highest version seen, so pages read twice (after a crash) change nothing. Needs
only httpx. See docs/integration.md.
"""

import argparse
import asyncio
import json
from pathlib import Path
from typing import Any

import httpx

AGGREGATES = [
    "area",
    "department",
    "cadre",
    "entity",
    "cadre_entity_link",
    "household",
    "income_record",
    "entity_household_link",
    "pairing",
]
PAGE = 200


class Copy:
    """The platform's copy and its feed cursor, saved together after every page."""

    def __init__(self, path: Path) -> None:
        self.path = path
        saved = json.loads(path.read_text()) if path.exists() else {}
        self.cursor: str | None = saved.get("cursor")
        self.records: dict[str, dict[str, Any]] = saved.get("records", {})

    def apply(self, items: list[dict[str, Any]]) -> None:
        for item in items:
            key = f"{item['aggregate']}/{item['aggregate_id']}"
            held = self.records.get(key)
            if held is not None and held["version"] >= item["version"]:
                continue  # a replay, or older than what we hold
            deleted = item.get("type", "").endswith(".deleted")
            self.records[key] = {"version": item["version"], "deleted": deleted, **item}

    def save(self, cursor: str) -> None:
        self.cursor = cursor
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"cursor": cursor, "records": self.records}))
        temporary.replace(self.path)  # the copy and its cursor change together

    def alive(self) -> dict[str, dict[str, Any]]:
        return {k: v["data"] for k, v in self.records.items() if not v["deleted"]}


async def get(http: httpx.AsyncClient, url: str, **params: Any) -> dict[str, Any]:
    """GET, waiting as told on 429 (Retry-After, seconds)."""
    while True:
        response = await http.get(url, params=params)
        if response.status_code == 429:
            await asyncio.sleep(int(response.headers.get("Retry-After", "1")))
            continue
        response.raise_for_status()
        answer: dict[str, Any] = response.json()
        return answer


async def sign_in(http: httpx.AsyncClient, client_id: str, secret: str) -> None:
    form = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    response = await http.post("/v1/auth/token", data=form)
    response.raise_for_status()
    http.headers["Authorization"] = f"Bearer {response.json()['access_token']}"


async def first_load(http: httpx.AsyncClient, copy: Copy) -> str:
    """Every aggregate's snapshot; answers the feed position to go on from (the earliest one
    the snapshots gave: reading from an older position only replays events)."""
    positions: list[str] = []
    for aggregate in AGGREGATES:
        params: dict[str, Any] = {"limit": PAGE}
        while True:
            page = await get(http, f"/v1/snapshots/{aggregate}", **params)
            copy.apply(page["items"])
            positions.append(page["feed_position"])
            if page["next_cursor"] is None:
                break
            params["cursor"] = page["next_cursor"]
    return positions[0]  # taken before any row was read, so no later than the others


async def follow(http: httpx.AsyncClient, copy: Copy) -> int:
    """Read the feed to its end, saving after each page; answers how many events came."""
    seen = 0
    while True:
        params: dict[str, Any] = {"limit": PAGE}
        if copy.cursor:
            params["after"] = copy.cursor
        page = await get(http, "/v1/feeds/registry", **params)
        copy.apply(page["items"])
        copy.save(page["next_cursor"])
        seen += len(page["items"])
        if not page["items"]:
            return seen


async def sync(http: httpx.AsyncClient, client_id: str, secret: str, state: Path) -> Copy:
    await sign_in(http, client_id, secret)
    copy = Copy(state)
    if copy.cursor is None:
        copy.save(await first_load(http, copy))
    await follow(http, copy)
    return copy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000/api")
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret", required=True)
    parser.add_argument("--state", type=Path, default=Path("province_copy.json"))
    args = parser.parse_args()

    async def run() -> Copy:
        async with httpx.AsyncClient(base_url=args.base_url, timeout=30) as http:
            return await sync(http, args.client_id, args.client_secret, args.state)

    copy = asyncio.run(run())
    counts: dict[str, int] = {}
    for key in copy.alive():
        counts[key.split("/")[0]] = counts.get(key.split("/")[0], 0) + 1
    print(json.dumps({"cursor": copy.cursor, "records": counts}, ensure_ascii=False))


if __name__ == "__main__":
    main()
