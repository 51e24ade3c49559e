"""Screenshots of the Overview pane and the quota chart (issue 17) from real widgets on a sandbox.

Four sandbox accounts (one disabled, one nearly used up, one near the end of its validity), quota use
growing with the sandbox clock; the chart shows a week of snapshots. Throwaway keyring-free secrets and a
temporary history database. ``QT_QPA_PLATFORM=offscreen python docs/screenshots/make_overview_screenshots.py``.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import qasync
from PySide6.QtWidgets import QApplication

from aigc_desktop.platform.client import PlatformClient
from aigc_desktop.platform.config import ClientConfig
from aigc_desktop.sandbox import SandboxAccount, SandboxServer
from aigc_desktop.sandbox.accounts import demo_accounts
from aigc_desktop.sandbox.usage_growth import UsageGrowth
from aigc_desktop.services.fleet import FleetLoader
from aigc_desktop.services.history import HistoryStore
from aigc_desktop.services.profiles import DictBackend, Profile, ProfileStore
from aigc_desktop.services.secrets import SecretKind, SecretStore
from aigc_desktop.ui.panes.overview_pane import OverviewPane
from aigc_desktop.ui.widgets.quota_chart import QuotaChart

OUT = Path(__file__).resolve().parent
TEAMS = (
    ("Marketing", 1, 200, 2),
    ("Support bots", 1, 9, 10),
    ("Training (disabled)", 2, 120, 2),
    ("Live events", 1, 300, 19),
)


def _accounts() -> list[SandboxAccount]:
    demo = demo_accounts()[0]
    now = datetime.now(UTC).replace(microsecond=0)
    made = []
    for index, (name, status, days, video_used) in enumerate(TEAMS):
        numbers = dict(demo.resource_config) | {"genVideoDurationUsageQty": video_used}
        made.append(
            SandboxAccount(
                f"team-{index}",
                f"Team{index}Key0123456789",
                100 + index,
                name,
                name,
                status,
                now - timedelta(days=60),
                now + timedelta(days=days),
                numbers,
            )
        )
    return made


async def main() -> int:
    server = SandboxServer(_accounts())
    await server.start()
    server.state.usage_growth = UsageGrowth(percent_per_hour=0.5)
    store = ProfileStore(DictBackend())
    secrets = SecretStore.session_only("screenshots")
    for account, (name, *_rest) in zip(server.accounts, TEAMS, strict=True):
        profile = store.save(
            Profile(id=f"p{account.user_id}", name=name, base_url=server.base_url, app_id=account.app_id)
        )
        await secrets.set(profile.id, SecretKind.APP_KEY, account.app_key)
    with tempfile.TemporaryDirectory() as tmp:
        history = HistoryStore.open(Path(tmp) / "history.sqlite3")
        loader = FleetLoader(
            store, secrets, history=history, clock=server.clock.now_datetime,
            client_factory=lambda p: PlatformClient(ClientConfig(base_url=p.base_url, trust_env=False)),
        )  # fmt: skip
        pane = OverviewPane(loader, store.list, clock=server.clock.now_datetime)
        pane.resize(1280, 260)
        pane.show()
        task = pane.refresh_all()
        assert task is not None
        await task
        await asyncio.sleep(0.3)
        pane.grab().save(str(OUT / "overview.png"))
        marketing = store.list()[0]
        for _ in range(14):
            server.clock.advance(12 * 3600)
            await loader.load(marketing)
        chart = QuotaChart()
        chart.resize(720, 380)
        chart.set_history(history.snapshots(marketing.id), server.clock.now_datetime())
        chart.quota_combo.setCurrentIndex(chart.quota_combo.findData("videoDuration"))
        chart.show()
        await asyncio.sleep(0.3)
        chart.grab().save(str(OUT / "quota_chart.png"))
        await loader.aclose()
        history.close()
    await server.stop()
    print("wrote overview.png and quota_chart.png")
    return 0


if __name__ == "__main__":
    app = QApplication(sys.argv)
    sys.exit(qasync.run(main()))
