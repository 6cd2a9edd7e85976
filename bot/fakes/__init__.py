"""Fake platform servers shipped with the code: tests and benchmarks count what they received."""

from __future__ import annotations

from aiohttp import web


async def serve_local(app: web.Application, port: int = 0) -> tuple[web.AppRunner, str]:
    """Run an aiohttp application on 127.0.0.1 (a free port by default); its runner and base URL."""
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    sockets = site._server.sockets  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{sockets[0].getsockname()[1]}"
