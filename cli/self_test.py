"""The self-test of an installed program: the real work once, end to end, in a scratch folder.

``CivicAudit --self-test --data-dir DIR`` (the frozen bundle, or ``python
main.py``) proves that everything the bundle needs was packed: SQLite and the
migrations, the demo city, Pillow and the photo worker processes, ReportLab
with the font, pyHanko signing and checking, the signed zip bundles, the
bulletin's charts and the workbook writer. It works
in two stores under ``DIR``: a laptop (``DIR/field``) and the office
(``DIR/office``, a copy of the laptop taken right after the demo was loaded,
so both trust the same office authority). The Qt half (a window drawn
offscreen, the PDF module, charts) is ``ui.self_test``; ``main.py`` runs both.

Each step prints one line; the first failure stops the test with its reason.
"""

from __future__ import annotations

import io
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from model.demo import demo
from model.store import migrations
from usecases.services import Services

CRITERION = "ZCGD-09"   # fly-posting: the failed criterion the photo and the notice are about


class SelfTestError(Exception):
    """A step did not do what it should; the message says what was found."""


@dataclass
class SelfTest:
    """Runs the steps over the stores under ``root`` and reports each on ``out``."""

    root: Path
    out: TextIO
    failures: list[str] = field(default_factory=list)
    state: dict = field(default_factory=dict)

    def step(self, name: str, work: Callable[[], str]) -> bool:
        """Run one step; print ``ok`` with what it found and its time, or ``FAILED`` and why."""
        started = time.perf_counter()
        try:
            found = work()
        except Exception as exc:  # a self-test reports every failure instead of stopping
            self.failures.append(name)
            self.out.write(f"FAILED  {name}: {type(exc).__name__}: {exc}\n")
            return False
        self.out.write(f"ok      {name}: {found} ({time.perf_counter() - started:.2f} s)\n")
        return True

    # -- the steps -------------------------------------------------------------------------

    def migrate(self) -> str:
        """Open a new store: every migration runs."""
        services = self.state["field"] = Services.open(self.root / "field")
        version = services.store.schema_version()
        if version != migrations.LATEST_VERSION:
            raise SelfTestError(f"schema {version}, expected {migrations.LATEST_VERSION}")
        return f"a fresh store at schema {version}"

    def office_time(self) -> str:
        """Read the office's time zone from the zone database (the tzdata package on Windows)."""
        import datetime as dt
        import importlib.util
        import zoneinfo

        from model.store import clock, timezone

        if importlib.util.find_spec("tzdata") is None:
            raise SelfTestError("the tzdata package (the zone database) was not packed")
        beijing = zoneinfo.ZoneInfo(clock.DEFAULT_ZONE)
        moment = dt.datetime(2026, 11, 26, 4, 59, tzinfo=dt.UTC).astimezone(beijing)
        if f"{moment:%H:%M}" != "12:59":
            raise SelfTestError(f"04:59 UTC reads {moment:%H:%M} in {beijing}, not 12:59")
        name = timezone.office_zone(self.state["field"].store)
        return f"{name}; now {clock.office_moment(clock.now()):%Y-%m-%d %H:%M %z}"

    def load_demo(self) -> str:
        """Load the demo city, then copy the store as the office."""
        summary = self.state["field"].demo.load()
        self.state["field"].close()
        shutil.copytree(self.root / "field", self.root / "office",
                        ignore=shutil.ignore_patterns("logs"))
        self.state["field"] = Services.open(self.root / "field")
        return (f"{summary.sites.created} sites, {summary.inspections_created} inspections; "
                "office copy made")

    def ingest_photo(self) -> str:
        """Fail a criterion with a photo (worker processes, thumbnail) and finish."""
        services = self.state["field"]
        services.login("A07", demo.DEMO_PASSWORD)
        site = next(s for s in services.sites.search() if s.site_type == "ZCGD")
        inspection = services.inspections.start(site.id)
        services.inspections.record(inspection.id, CRITERION, "fail", 2)
        photo = self.root / "evidence.jpg"
        photo.write_bytes(_test_jpeg())
        services.photos.add(inspection.id, [photo], CRITERION)
        records = services.photos.of(inspection.id)
        if len(records) != 1 or not services.photos.thumbnail(records[0]).is_file():
            raise SelfTestError("the photo was not stored with a thumbnail")
        services.inspections.finish(inspection.id)
        self.state["inspection"] = inspection.id
        return f"1 photo stored, thumbnail made, inspection {inspection.id[:8]} finished"

    def issue_notice(self) -> str:
        """Issue the notice of that inspection: PDF with the font, signed."""

        desk = self.state["field"].notices
        issued = desk.issue(desk.draft(self.state["inspection"]), demo.DEMO_PASSWORD)
        self.state["pdf"] = issued.pdf
        return f"notice {issued.notice.number}, {issued.pdf.stat().st_size:,} bytes"

    def verify_notice(self) -> str:
        """Check the notice's signature against the demo authority."""

        verdict = self.state["field"].notices.verify(self.state["pdf"])
        if not verdict.valid:
            raise SelfTestError(f"the notice does not verify: {', '.join(verdict.problems)}")
        return f"signed by {verdict.signer}, intact and trusted"

    def exchange_bundle(self) -> str:
        """Export a signed bundle from the laptop and merge it at the office."""
        stick = self.root / "stick"
        stick.mkdir()
        bundle, _ = self.state["field"].sync.export(stick, demo.DEMO_PASSWORD)
        office = Services.open(self.root / "office")
        try:
            office.login("O01", demo.DEMO_PASSWORD)
            summary = office.sync.import_bundle(bundle, passphrase=demo.DEMO_PASSWORD)
            if (not office.inspections.exists(self.state["inspection"])
                    or not office.notices.listing()):
                raise SelfTestError("the office does not have the inspection and its notice")
        finally:
            office.close()
        return (f"{bundle.name}, {bundle.stat().st_size:,} bytes; office merged "
                f"{summary.counts['new']} new, {summary.media_copied} photo")

    def office_reports(self) -> str:
        """Write the month's bulletin and workbook at the office (charts, the streamed workbook)."""
        import zipfile

        from model.office.periods import Period
        from model.store import clock
        from reports import spreadsheets
        from reports.bulletin_pdf import write_bulletin

        office = Services.open(self.root / "office")
        try:
            period = Period.current(clock.office_date(clock.now()))
            bulletin = write_bulletin(office.store, period, self.root / "bulletin.pdf")
            sheet = spreadsheets.write_xlsx(office.store, period, self.root / "data.xlsx")
        finally:
            office.close()
        with zipfile.ZipFile(sheet.path) as workbook:
            if "xl/workbook.xml" not in workbook.namelist():
                raise SelfTestError("the workbook has no xl/workbook.xml")
        if bulletin.empty or bulletin.pages < 2:
            raise SelfTestError(f"the bulletin of {period} has {bulletin.pages} page(s)")
        return (f"bulletin {bulletin.pages} pages, workbook "
                f"{sum(sheet.rows.values()):,} rows")

    def close(self) -> None:
        """Close the laptop's store (the GUI half opens its own)."""
        if "field" in self.state:
            self.state["field"].close()


def run(root: Path, out: TextIO) -> SelfTest:
    """Run the model half of the self-test in ``root`` (created empty); return its record."""
    root.mkdir(parents=True, exist_ok=True)
    if any(root.iterdir()):
        raise SelfTestError(f"{root} is not empty; the self-test needs an empty folder")
    test = SelfTest(root, out)
    steps = (("migrate a fresh store", test.migrate),
             ("read the office's time zone", test.office_time),
             ("load the demo city", test.load_demo),
             ("ingest a photo", test.ingest_photo), ("issue a signed notice", test.issue_notice),
             ("verify the notice", test.verify_notice),
             ("export a bundle and import it at the office", test.exchange_bundle),
             ("write the office's bulletin and workbook", test.office_reports))
    try:
        for name, work in steps:
            if not test.step(name, work):
                break
    finally:
        test.close()
    return test


def _test_jpeg() -> bytes:
    """A 1600 × 1200 photo with a capture time, as a camera writes it."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1600, 1200), (120, 160, 200))
    ImageDraw.Draw(image).rectangle((300, 300, 1300, 900), fill=(200, 80, 60))
    exif = Image.Exif()
    exif[0x0132] = "2026:11:26 10:00:00"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, exif=exif)
    return buffer.getvalue()
