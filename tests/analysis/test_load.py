"""The loaders give tidy frames of the right shape holding the files' values."""

import shutil

import h5py
import numpy as np
import pytest

from analysis import load
from conftest import REPLICATES, YEARS, format_7_copy


def test_run_yearly_and_weekly_frames(files):
    run = load.read_run(files["baseline"])
    assert run.scenario == "baseline"
    assert run.replicates == REPLICATES
    with h5py.File(files["baseline"], "r") as f:
        names = set(f["replicate_0000/yearly"].keys())
        recruited = f["replicate_0001/yearly/trainees_recruited"][()]
        weekly_unplaced = f["replicate_0002/weekly/trainees_unplaced"][()]
    assert len(run.yearly) == REPLICATES * YEARS
    assert set(run.yearly.columns) == names | {"scenario", "replicate"}
    assert list(run.yearly["academic_year"].unique()) == [2023, 2024, 2025]
    np.testing.assert_array_equal(run.yearly[run.yearly["replicate"] == 1]["trainees_recruited"], recruited)
    assert len(run.weekly) == REPLICATES * YEARS * 52
    third = run.weekly[run.weekly["replicate"] == 2]
    np.testing.assert_array_equal(third["trainees_unplaced"], weekly_unplaced)
    assert list(third["week_of_year"][:3]) == [0, 1, 2]
    assert third["academic_year"].iloc[52] == 2024


def test_breakdowns_sum_to_the_national_series(files):
    run = load.read_run(files["baseline"])
    by_region = run.breakdown("region")
    assert len(by_region) == REPLICATES * YEARS * 9
    assert by_region["region"].nunique() == 9
    by_phase = run.breakdown("phase", ["placement_weeks_offered", "placement_weeks_demanded"])
    assert set(by_phase["phase"]) == {"primary", "secondary", "special"}
    for frame in (by_region, by_phase):
        totals = frame.groupby(["replicate", "academic_year"])["placement_weeks_demanded"].sum().to_numpy()
        np.testing.assert_array_equal(totals, run.yearly["placement_weeks_demanded"].to_numpy())
    offered = by_phase.groupby(["replicate", "academic_year"])["placement_weeks_offered"].sum().to_numpy()
    np.testing.assert_array_equal(offered, run.yearly["placement_weeks_offered"].to_numpy())


def test_breakdown_by_local_authority_sums_to_the_regions(files):
    run = load.read_run(files["baseline"])
    by_authority = run.breakdown("local_authority")
    assert by_authority["local_authority"].nunique() == 153
    assert by_authority["local_authority"].str.match(r"^E0[6-9]|^E10").all()
    by_region = run.breakdown("region")
    for series in ("placement_weeks_demanded", "placement_weeks_filled", "trainees_unplaced", "new_teachers_employed",
                   "vacancies_unfilled", "schools_beyond_provider_reach"):
        totals = by_authority.groupby(["replicate", "academic_year"])[series].sum()
        np.testing.assert_array_equal(totals.to_numpy(), by_region.groupby(["replicate", "academic_year"])[series].sum().to_numpy())
    with pytest.raises(ValueError):
        run.breakdown("county")


def test_distribution_rows(files):
    distribution = load.read_run(files["baseline"]).distribution("hosting_schools_by_providers")
    assert len(distribution) == REPLICATES * YEARS * 6
    assert list(distribution["category"][:6]) == ["1", "2", "3", "4", "5", "6 or more"]
    run = load.read_run(files["baseline"])
    hosting = distribution.groupby(["replicate", "academic_year"])["count"].sum().to_numpy()
    np.testing.assert_array_equal(hosting, run.yearly["schools_hosting"].to_numpy())


def test_cohorts_frame_holds_each_retention_curve(files):
    run = load.read_run(files["baseline"])
    cohorts = run.cohorts()
    assert list(cohorts.columns) == ["scenario", "replicate", "entry_year", "cohort_size", "years_since_qualifying",
                                     "retained"]
    # Rows the run has not reached are kept, NaN: cohorts x 10 per replicate.
    assert len(cohorts) == REPLICATES * YEARS * 10
    assert list(cohorts["entry_year"].unique()) == [2024, 2025, 2026]
    assert list(cohorts["years_since_qualifying"][:10]) == list(range(1, 11))
    with h5py.File(files["baseline"], "r") as f:
        curve = f["replicate_0002/cohorts/retention_curve"][()]
        sizes = f["replicate_0002/cohorts/cohort_size"][()]
        hired = f["replicate_0002/yearly/new_teachers_employed"][()]
    third = cohorts[cohorts["replicate"] == 2]
    np.testing.assert_array_equal(third["retained"].to_numpy(), curve.reshape(-1))
    np.testing.assert_array_equal(third["cohort_size"].to_numpy(), np.repeat(sizes, 10))
    # A cohort is the new teachers hired at the end of the year before it starts.
    np.testing.assert_array_equal(sizes, hired)
    # The 2024 cohort is seen after one and two years (2024/25, 2025/26), the 2025 one after one.
    defined = cohorts.dropna(subset=["retained"])
    assert sorted(set(zip(defined["entry_year"], defined["years_since_qualifying"]))) == [(2024, 1), (2024, 2),
                                                                                           (2025, 1)]
    assert defined["retained"].between(0, 1).all()
    assert set(load.read_cohorts(files["market_review"], scenario="other")["scenario"]) == {"other"}


def test_cohorts_are_refused_from_a_bad_old_or_merged_file(files, tmp_path):
    wrong = tmp_path / "wrong.h5"
    shutil.copy(files["baseline"], wrong)
    with h5py.File(wrong, "r+") as f:
        old = f["replicate_0001/cohorts/retention_curve"]
        values, attributes = old[()], dict(old.attrs)
        del f["replicate_0001/cohorts/retention_curve"]
        f["replicate_0001/cohorts/retention_curve"] = values[:, :9]
        f["replicate_0001/cohorts/retention_curve"].attrs.update(attributes)
    with pytest.raises(load.InputError, match=r"wrong\.h5: /replicate_0001/cohorts/retention_curve has shape "
                                              r"\(3, 9\), expected \(3, 10\)"):
        load.read_cohorts(wrong)
    older = format_7_copy(files["baseline"], tmp_path / "older.h5")
    with pytest.raises(load.InputError, match="before cohorts were kept"):
        load.read_cohorts(older)
    with pytest.raises(load.InputError, match="merged sweep"):
        load.read_cohorts(files["sweep"])


def test_scenarios_are_labelled_in_order(files):
    runs = load.read_scenarios([files["baseline"], files["market_review"], files["collaboration"]])
    assert list(runs) == ["baseline", "market_review", "collaboration"]
    assert set(runs["market_review"].yearly["scenario"]) == {"market_review"}
    with pytest.raises(load.InputError, match="given twice"):
        load.read_scenarios([files["baseline"], files["baseline"]])


def test_sweep_frames(files):
    sweep = load.read_sweep(files["sweep"])
    assert sweep.parameters == ["population.mentor_share", "placement.mentor_time_cost"]
    assert list(sweep.points["point"]) == [0, 1, 2, 3]
    assert list(sweep.points["population.mentor_share"]) == [0.1, 0.1, 0.2, 0.2]
    assert list(sweep.points["placement.mentor_time_cost"]) == [0.5, 1.5, 0.5, 1.5]
    assert set(sweep.points["status"]) == {"complete"}
    assert len(sweep.yearly) == 4 * 2 * 2
    with h5py.File(files["sweep"], "r") as f:
        stacked = f["yearly/qts_awarded"][()]
    np.testing.assert_array_equal(sweep.yearly["qts_awarded"].to_numpy(), stacked.reshape(-1))
    row = sweep.yearly[(sweep.yearly["point"] == 3) & (sweep.yearly["replicate"] == 1)]
    assert list(row["placement.mentor_time_cost"]) == [1.5, 1.5]
    np.testing.assert_array_equal(row["qts_awarded"].to_numpy(), stacked[3, 1])


def test_partial_sweep_keeps_complete_points_only(files):
    sweep = load.read_sweep(files["partial"])
    assert list(sweep.points["status"]) == ["complete", "complete", "pending", "complete"]
    assert sorted(sweep.yearly["point"].unique()) == [0, 1, 3]
    assert (sweep.yearly["qts_awarded"] >= 0).all()


def test_wrong_files_are_refused(files, tmp_path):
    with pytest.raises(load.InputError, match="merged sweep, not a run"):
        load.read_run(files["sweep"])
    with pytest.raises(load.InputError, match="run output, not a merged sweep"):
        load.read_sweep(files["baseline"])
    other = tmp_path / "other.h5"
    with h5py.File(other, "w") as f:
        f.attrs["title"] = "something else"
    with pytest.raises(load.InputError, match="not an ittsim output file"):
        load.file_kind(other)
    text = tmp_path / "text.h5"
    text.write_text("not HDF5")
    with pytest.raises(load.InputError, match="not an HDF5 file"):
        load.file_kind(text)
