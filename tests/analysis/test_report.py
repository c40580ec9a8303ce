"""The report: written whole, every plot a real image, the CSV tables equal to the HDF5
data, the page rendering in a headless browser, and bad input refused."""

import os
import shutil
import subprocess
import sys

import h5py
import matplotlib.image
import numpy as np
import pandas as pd
import pytest

from analysis import comparison, report
from conftest import REPLICATES, ROOT, YEARS, format_7_copy

# The report leaves out the warm-up (calibration/england.ini's warm_up_years) by default.
WARM_UP = comparison.warm_up_years()
COMPARED = YEARS - WARM_UP


@pytest.fixture(scope="module")
def built(files, tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    index = report.build_report([files["baseline"], files["market_review"], files["collaboration"], files["sweep"]],
                                folder)
    return folder, index


def not_blank(image):
    """An image with something drawn: not one colour, and not almost all white."""
    pixels = image[..., :3].astype(float)
    if pixels.max() > 1:
        pixels /= 255
    non_white = (pixels.min(axis=2) < 0.95).mean()
    return pixels.std() > 0.02 and non_white > 0.02


def test_report_has_every_section_and_embeds_every_plot(built):
    folder, index = built
    page = index.read_text(encoding="utf-8")
    for title in ("At a glance", "Behind the headline", "Levels", "By region", "Export", "Key indicators over time",
                  "Difference from baseline",
                  "Placements by region and phase", "Providers per hosting school", "Retention",
                  "Networks and cross-school ties", "Where schools and providers are", "Placements by local authority",
                  "Destinations of new teachers", "Sweep: sweep"):
        assert f"<h2>{title}</h2>" in page
    assert "market_review minus baseline" in page and "collaboration minus baseline" in page
    figures = sorted((folder / "figures").glob("*.png"))
    assert len(figures) == 14
    assert page.count('src="data:image/png;base64,') == len(figures)
    assert "partial rank correlation" in page.lower()


def test_every_plot_is_a_non_empty_image(built):
    folder, _ = built
    for path in sorted((folder / "figures").glob("*.png")):
        image = matplotlib.image.imread(path)
        assert image.ndim == 3 and image.shape[0] > 200 and image.shape[1] > 300, path.name
        assert not_blank(image), path.name


def yearly(path, series):
    with h5py.File(path, "r") as f:
        return np.array([f[f"replicate_{r:04d}/yearly/{series}"][()] for r in range(REPLICATES)], dtype=float)


def test_csv_tables_match_the_hdf5(built, files):
    folder, _ = built
    by_year = pd.read_csv(folder / "tables" / "indicators_by_year.csv")
    recruited = yearly(files["baseline"], "trainees_recruited")
    rows = by_year[(by_year["scenario"] == "baseline") & (by_year["series"] == "trainees_recruited")]
    np.testing.assert_allclose(rows["median"], np.median(recruited, axis=0))

    # The inputs table compares the years after the two-year warm-up: here the last year only.
    inputs = pd.read_csv(folder / "tables" / "inputs.csv")
    row = inputs[(inputs["scenario"] == "market_review") & (inputs["key"] == "placement_weeks_offered")]
    paired = yearly(files["market_review"], "placement_weeks_offered")[:, WARM_UP:].mean(axis=1) - \
        yearly(files["baseline"], "placement_weeks_offered")[:, WARM_UP:].mean(axis=1)
    assert row["difference"].item() == pytest.approx(paired.mean())
    assert row["pairs"].item() == REPLICATES

    by_region = pd.read_csv(folder / "tables" / "placement_by_region.csv")
    with h5py.File(files["collaboration"], "r") as f:
        offered = np.array([f[f"replicate_{r:04d}/yearly_by_region/placement_weeks_offered"][()][WARM_UP:, 0]
                            for r in range(REPLICATES)], dtype=float)
    north_east = by_region[(by_region["scenario"] == "collaboration") & (by_region["region"] == "North East")]
    assert north_east["placement_weeks_offered"].item() == pytest.approx(offered.mean())

    points = pd.read_csv(folder / "tables" / "sweep_points.csv")
    with h5py.File(files["sweep"], "r") as f:
        qts = f["yearly/qts_awarded"][()].astype(float)
    np.testing.assert_allclose(points["qts_awarded"], qts.mean(axis=(1, 2)))
    prcc = pd.read_csv(folder / "tables" / "sweep_prcc.csv")
    assert set(prcc["parameter"]) == {"population.mentor_share", "placement.mentor_time_cost"}
    assert prcc["prcc"].between(-1, 1).all()


def section(page, title):
    """The HTML of one section of the report: from its heading to the next."""
    start = page.index(f"<h2>{title}</h2>")
    end = page.find("<h2>", start + 1)
    return page[start:end if end >= 0 else len(page)]


def test_new_teachers_sections_embed_their_plots(built):
    folder, index = built
    page = index.read_text(encoding="utf-8")
    for title, name in (("Destinations of new teachers", "new_teacher_destinations"), ("Retention", "retention_curves")):
        [png] = (folder / "figures").glob(f"*_{name}.png")
        part = section(page, title)
        assert f'href="figures/{png.name}"' in part
        assert part.count('src="data:image/png;base64,') == 1
    retention = section(page, "Retention")
    assert "in service in any state school" in retention and "not calibrated" in retention
    destinations = section(page, "Destinations of new teachers")
    assert "Vacancies filled by source" in destinations and "vacancies_by_source.csv" in destinations


def test_retention_curves_are_the_medians_of_the_hdf5_curves(built, files):
    folder, _ = built
    curves = pd.read_csv(folder / "tables" / "retention_curves.csv")
    assert list(curves.columns) == ["scenario", "entry_year", "years_since_qualifying", "median", "p05", "p95",
                                    "replicates"]
    with h5py.File(files["market_review"], "r") as f:
        stacked = np.array([f[f"replicate_{r:04d}/cohorts/retention_curve"][()] for r in range(REPLICATES)])
        entry_years = list(f["replicate_0000/cohorts/entry_year"][()])
    first = curves[(curves["scenario"] == "market_review") & (curves["entry_year"] == entry_years[0])]
    # The first cohort of a three-year run is seen one and two years on; cells not reached are left out.
    assert list(first["years_since_qualifying"]) == [1, 2]
    np.testing.assert_allclose(first["median"], np.median(stacked[:, 0, :2], axis=0))
    np.testing.assert_allclose(first["p05"], np.quantile(stacked[:, 0, :2], 0.05, axis=0))
    assert (first["replicates"] == REPLICATES).all()
    assert set(curves["scenario"]) == {"baseline", "market_review", "collaboration"}
    assert len(curves[curves["scenario"] == "market_review"]) == np.count_nonzero(~np.isnan(stacked[0]))


def test_destinations_and_vacancies_equal_the_hdf5_sums(built, files):
    folder, _ = built
    by_phase = pd.read_csv(folder / "tables" / "new_teacher_destinations_by_phase.csv")
    by_route = pd.read_csv(folder / "tables" / "new_teacher_destinations_by_route.csv")
    vacancies = pd.read_csv(folder / "tables" / "vacancies_by_source.csv")
    with h5py.File(files["collaboration"], "r") as f:
        def table(name):
            dataset = f[f"replicate_0000/{name}"]
            columns = dataset.attrs["columns"]
            columns = (columns.decode() if isinstance(columns, bytes) else columns).split(", ")
            return columns, np.array([f[f"replicate_{r:04d}/{name}"][()] for r in range(REPLICATES)], dtype=float)

        phases, _ = table("yearly_by_phase/new_qts_employed")
        rows = by_phase[by_phase["scenario"] == "collaboration"].set_index("phase")
        # Trainees train for primary or secondary: special schools have no new QTS holders and no row.
        assert list(rows.index) == ["primary", "secondary"]
        for series in ("new_qts_employed", "new_qts_unemployed", "new_qts_not_seeking"):
            _, values = table(f"yearly_by_phase/{series}")
            for k, phase in enumerate(phases[:2]):
                # A mean a year over the report's years and the replicates: the sum over both, divided.
                assert rows.loc[phase, series] == pytest.approx(values[:, WARM_UP:, k].sum() / (REPLICATES * COMPARED))
        # The three destinations account for every new QTS holder.
        _, awarded = table("yearly_by_phase/qts_awarded")
        np.testing.assert_allclose(rows["new_qts"], awarded[:, WARM_UP:].sum(axis=(0, 1))[:2] / (REPLICATES * COMPARED))
        np.testing.assert_allclose(rows[["share_employed", "share_unemployed", "share_not_seeking"]].sum(axis=1), 1)

        routes, employed = table("yearly_distributions/new_qts_employed_by_route")
        rows = by_route[by_route["scenario"] == "collaboration"].set_index("route")
        assert set(rows.index) <= set(routes)
        for k, route in enumerate(routes):
            if route in rows.index:
                assert rows.loc[route, "new_qts_employed"] == pytest.approx(employed[:, WARM_UP:, k].mean())

        subjects, unfilled = table("yearly_distributions/vacancies_unfilled_by_subject")
        _, movers = table("yearly_distributions/movers_hired_by_subject")
        rows = vacancies[vacancies["scenario"] == "collaboration"]
        assert list(rows["subject_group"]) == subjects
        np.testing.assert_allclose(rows["unfilled"], unfilled[:, WARM_UP:].mean(axis=(0, 1)))
        np.testing.assert_allclose(rows["movers"], movers[:, WARM_UP:].mean(axis=(0, 1)))


def test_report_of_a_file_before_format_8_says_it_has_no_cohorts(files, tmp_path):
    old = format_7_copy(files["baseline"], tmp_path / "baseline.h5",
                        ("new_qts_employed", "new_qts_unemployed", "new_qts_not_seeking"))
    index = report.build_report([old], tmp_path / "old")
    page = index.read_text(encoding="utf-8")
    for title, what in (("Retention", "retention curves"), ("Destinations of new teachers", "destinations")):
        assert f"No {what} for baseline: its file was written by an ittsim before format 8." in section(page, title)
    assert not (tmp_path / "old" / "tables" / "retention_curves.csv").exists()
    assert len(list((tmp_path / "old" / "figures").glob("*.png"))) == 6
    # Beside a newer file, the newer one's curves and destinations are drawn.
    index = report.build_report([old, files["market_review"]], tmp_path / "mixed")
    page = index.read_text(encoding="utf-8")
    assert "No retention curves for baseline" in section(page, "Retention")
    assert section(page, "Retention").count('src="data:image/png;base64,') == 1
    curves = pd.read_csv(tmp_path / "mixed" / "tables" / "retention_curves.csv")
    assert set(curves["scenario"]) == {"market_review"}
    by_phase = pd.read_csv(tmp_path / "mixed" / "tables" / "new_teacher_destinations_by_phase.csv")
    assert set(by_phase["scenario"]) == {"market_review"}


def test_report_renders_in_headless_chromium(built, tmp_path):
    folder, index = built
    # ctest passes the chromium found when the build was configured: empty when none was,
    # which ITTSIM_TEST_ANALYSIS=AUTO allows (and reports); run by hand, chromium is required.
    chromium = os.environ.get("ITTSIM_CHROMIUM", shutil.which("chromium"))
    if chromium == "":
        pytest.skip("chromium was not found when the build was configured (ITTSIM_TEST_ANALYSIS=AUTO)")
    assert chromium, "chromium not found: bash scripts/test.sh installs Debian's chromium"
    screenshot = tmp_path / "page.png"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--hide-scrollbars", "--window-size=1300,2400",
                    f"--screenshot={screenshot}", index.as_uri()],
                   check=True, capture_output=True, timeout=120)
    image = matplotlib.image.imread(screenshot)
    assert image.shape[0] == 2400 and image.shape[1] == 1300
    assert not_blank(image)
    # The lower part of the page holds plots, not only text.
    assert not_blank(image[1200:])


def test_bad_input_exits_2_and_writes_nothing(tmp_path):
    missing = tmp_path / "absent.h5"
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "analysis", "report", str(missing), "-o", str(out)],
                            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2
    assert "absent.h5" in result.stderr
    assert not out.exists()
    bad_years = subprocess.run([sys.executable, "-m", "analysis", "report", str(missing), "-o", str(out), "--years", "x"],
                               cwd=ROOT, capture_output=True, text=True)
    assert bad_years.returncode == 2
    assert "expected FIRST:LAST" in bad_years.stderr


def test_report_of_one_run_has_no_comparison(files, tmp_path):
    index = report.build_report([files["baseline"]], tmp_path / "one")
    page = index.read_text(encoding="utf-8")
    assert "<h2>Key indicators over time</h2>" in page
    assert "Difference from" not in page
    assert len(list((tmp_path / "one" / "figures").glob("*.png"))) == 8


def test_cold_spots_table_is_the_last_year_of_the_hdf5_breakdown(built, files):
    folder, _ = built
    table = pd.read_csv(folder / "tables" / "cold_spots_by_region.csv")
    assert set(table["scenario"]) == {"baseline", "market_review", "collaboration"}
    for scenario in ("baseline", "market_review"):
        with h5py.File(files[scenario], "r") as f:
            columns = f["replicate_0000/yearly_by_region/schools_beyond_provider_reach"].attrs["columns"]
            columns = (columns.decode() if isinstance(columns, bytes) else columns).split(", ")
            last = np.mean([f[f"replicate_{r:04d}/yearly_by_region/schools_beyond_provider_reach"][-1]
                            for r in range(REPLICATES)], axis=0)
        rows = table[table["scenario"] == scenario].set_index("region")["schools_beyond_provider_reach"]
        assert set(rows.index) == set(columns)
        for k, region in enumerate(columns):
            assert rows[region] == pytest.approx(last[k])


def test_places_are_read_per_school_and_refused_from_an_old_file(files, tmp_path):
    from analysis import load
    schools, providers = load.read_places(files["baseline"])
    with h5py.File(files["baseline"], "r") as f:
        assert len(schools) == f["replicate_0000/schools/easting_m"].shape[0]
        assert len(providers) == f["replicate_0000/providers/type"].shape[0]
    assert set(schools.columns) >= {"easting_m", "northing_m", "area_type", "governance", "local_authority"}
    old = tmp_path / "old.h5"
    shutil.copy(files["baseline"], old)
    with h5py.File(old, "r+") as f:
        del f["replicate_0000/schools"]
    with pytest.raises(load.InputError, match="before format 5"):
        load.read_places(old)
    with pytest.raises(load.InputError, match="merged sweep"):
        load.read_places(files["sweep"])


def test_report_with_an_old_baseline_keeps_the_cold_spots_of_the_others(files, tmp_path):
    old = tmp_path / "baseline.h5"
    shutil.copy(files["baseline"], old)
    with h5py.File(old, "r+") as f:
        for r in range(REPLICATES):
            del f[f"replicate_{r:04d}/schools"]
    index = report.build_report([old, files["market_review"]], tmp_path / "mixed")
    page = index.read_text(encoding="utf-8")
    assert "<h2>Where schools and providers are</h2>" in page
    table = pd.read_csv(tmp_path / "mixed" / "tables" / "cold_spots_by_region.csv")
    assert set(table["scenario"]) == {"baseline", "market_review"}
