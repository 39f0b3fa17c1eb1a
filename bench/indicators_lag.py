"""How long a new income record or visit takes to show in the indicators, through real processes.

Starts registry, assistance and indicators (uvicorn, one worker each) on a throwaway PostgreSQL
database with the services' own feed polling (``--idle``, 2 s by default as in production),
seeds one village of low-income households paired to a cadre through the registry API, waits
until the indicators have them, then one at a time:

- income: ``PUT`` a household's 2025Q4 income record on the registry, and poll the village's
  ``I01_rural_income`` for 2025 until its resident count (the per-capita's denominator) moves;
- visit: ``PUT`` a visit on the assistance service, and poll the village's ``I14_six_ones``
  for the current quarter until the visited count moves.

The lag is from the write's response to the first read showing it (polled every 50 ms). It
prints p50/p95/max per kind. With polling, a lone change waits for the consumer's next poll,
so the lag sits between the apply time and about ``--idle`` plus that.

    PYTHONPATH=services .venv/bin/python -m bench.indicators_lag --help
"""

import argparse
import asyncio
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

import httpx

from bench.feed_throughput import percentile, scratch_database
from bench.visit_throughput import (
    DEFAULT_SERVER,
    VILLAGE,
    Processes,
    Tokens,
    free_port,
    seed,
    server_facts,
)
from kit.tokens import generate_private_pem

POLL_SECONDS = 0.05
PATIENCE_SECONDS = 60.0
RESIDENTS = 2  # on each income record: the village's resident count grows by this


async def measure(
    read: Callable[[], Awaitable[int | None]], write: Callable[[], Awaitable[None]], expected: int
) -> float:
    """Seconds from ``write`` answering to ``read`` giving ``expected``."""
    await write()
    written = time.perf_counter()
    while time.perf_counter() - written < PATIENCE_SECONDS:
        if await read() == expected:
            return time.perf_counter() - written
        await asyncio.sleep(POLL_SECONDS)
    raise RuntimeError(f"not seen within {PATIENCE_SECONDS} s")


async def count(
    indicators: httpx.AsyncClient,
    headers: dict[str, str],
    indicator: str,
    period: str,
    measure: str,
    part: str,
) -> int | None:
    """The village's numerator or denominator of one measure; None before the area is known."""
    response = await indicators.get(
        "/v1/indicator-values",
        params={"indicator": indicator, "area": VILLAGE, "period": period},
        headers=headers,
    )
    if response.status_code == 404:
        return None
    response.raise_for_status()
    for item in response.json()["items"]:
        if (item["area_code"], item["measure"]) == (VILLAGE, measure):
            return int(item[part] or 0)
    return None


async def bench(args: argparse.Namespace) -> None:
    async with scratch_database(args.server) as database:
        url = f"{args.server.replace('postgresql://', 'postgresql+asyncpg://')}/{database}"
        with tempfile.TemporaryDirectory(prefix="fumin-bench-") as tmp:
            folder = Path(tmp)
            pem = generate_private_pem()
            (folder / "signing.pem").write_text(pem)
            tokens = Tokens(pem)
            running = Processes(folder, url, feed_idle_seconds=args.idle)
            for service in ("registry", "assistance", "indicators"):
                running.urls[service] = f"http://127.0.0.1:{free_port()}"
            try:
                for service in ("registry", "assistance", "indicators"):
                    running.start(service)  # registry first: it makes the services' clients
                    running.wait_ready(service)
                await run(args, running, tokens)
                print(f"{database}: {await server_facts(args.server)}")
            finally:
                running.stop_all()


async def run(args: argparse.Namespace, running: Processes, tokens: Tokens) -> None:
    admin = tokens.headers(["county_admin"])
    clients = {
        name: httpx.AsyncClient(base_url=running.urls[name], timeout=30, trust_env=False)
        for name in running.urls
    }
    registry, assistance, indicators = (clients[n] for n in running.urls)
    try:
        cadre, households = next(iter((await seed(registry, admin, 1, args.samples)).items()))
        now = datetime.now(UTC)
        quarter = f"{now.year}Q{(now.month - 1) // 3 + 1}"

        async def residents() -> int | None:
            return await count(
                indicators, admin, "I01_rural_income", "2025", "per_capita", "denominator"
            )

        async def visited() -> int | None:
            return await count(indicators, admin, "I14_six_ones", quarter, "visited", "numerator")

        async def households_known() -> int | None:
            return await count(indicators, admin, "I14_six_ones", quarter, "visited", "denominator")

        # The indicators have read the seeded village (and assistance its pairings) first.
        await measure(households_known, _nothing, len(households))
        cadre_headers = tokens.headers(["cadre"], cadre_id=cadre)
        income_lags, visit_lags = [], []
        for n, household in enumerate(households, start=1):

            async def put_income(household: str = household) -> None:
                record = {
                    "wage_income": "20000.00",
                    "operating_income": "6000.00",
                    "property_income": "1000.00",
                    "transfer_income": "3000.00",
                    "resident_count": RESIDENTS,
                }
                path = f"/v1/households/{household}/income-records/2025Q4"
                (await registry.put(path, json=record, headers=admin)).raise_for_status()

            async def put_visit(household: str = household) -> None:
                body = {
                    "household_id": household,
                    "mode": "in_person",
                    "occurred_at": datetime.now(UTC).isoformat(),
                    "actions_taken": "了解近况",
                }
                response = await assistance.put(
                    f"/v1/visits/{uuid.uuid4()}", json=body, headers=cadre_headers
                )
                response.raise_for_status()

            income_lags.append(await measure(residents, put_income, n * RESIDENTS))
            visit_lags.append(await measure(visited, put_visit, n))
    finally:
        for client in clients.values():
            await client.aclose()
    print(
        f"{args.samples} samples each, one at a time; feed polled every {args.idle:g} s when "
        f"idle; lag = write answered → first indicator read showing it (read every "
        f"{POLL_SECONDS * 1000:.0f} ms)"
    )
    print("kind     p50 s   p95 s   max s")
    for kind, lags in (("income", income_lags), ("visit", visit_lags)):
        print(
            f"{kind:<7} {percentile(lags, 50):>6.2f}  {percentile(lags, 95):>6.2f}"
            f"  {max(lags):>6.2f}"
        )


async def _nothing() -> None:
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", default=DEFAULT_SERVER, help="PostgreSQL server URL")
    parser.add_argument("--samples", type=int, default=20, help="changes of each kind")
    parser.add_argument(
        "--idle", type=float, default=2.0, help="the services' FEED_IDLE_SECONDS (default 2)"
    )
    asyncio.run(bench(parser.parse_args()))


if __name__ == "__main__":
    main()
