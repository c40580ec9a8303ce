"""The loaders give tidy frames of the right shape holding the files' values."""

import h5py
import numpy as np
import pytest

from analysis import load
from conftest import REPLICATES, YEARS


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
