"""The statistics behind the report's intervals and rankings."""

import math

import numpy as np
import pandas as pd

from analysis import stats


def test_interval_is_students_t():
    mean, low, high = stats.interval([1.0, 2.0, 3.0, 4.0])
    assert mean == 2.5
    half = 2.353 * np.std([1, 2, 3, 4], ddof=1) / 2
    assert math.isclose(low, 2.5 - half) and math.isclose(high, 2.5 + half)
    assert math.isnan(stats.interval([5.0])[1])
    assert stats.interval([1.0, float("nan"), 3.0])[0] == 2.0


def test_paired_differences_pair_by_replicate():
    baseline = pd.DataFrame({"replicate": [0, 1, 0, 1], "academic_year": [2024, 2024, 2025, 2025], "x": [10, 20, 10, 20]})
    scenario = baseline.assign(x=[11, 21, 13, 23])
    difference = stats.paired_differences(scenario, baseline, "x")
    assert list(difference["mean"]) == [1.0, 3.0]
    # The replicates differ by 10 between themselves, but the pairs by nothing: no spread.
    assert list(difference["low"]) == [1.0, 3.0]


def test_prcc_finds_the_parameter_that_matters():
    generator = np.random.default_rng(7)
    n = 200
    inputs = pd.DataFrame({"strong": generator.uniform(size=n), "none": generator.uniform(size=n),
                           "weak": generator.uniform(size=n)})
    output = np.exp(3 * inputs["strong"]) - 2 * inputs["weak"] + generator.normal(scale=0.5, size=n)
    ranking = stats.prcc(inputs, output)
    assert list(ranking["parameter"])[0] == "strong"
    by_name = ranking.set_index("parameter")
    assert by_name.loc["strong", "prcc"] > 0.9
    assert by_name.loc["weak", "prcc"] < -0.3
    assert by_name.loc["none", "low"] < 0 < by_name.loc["none", "high"]
    assert (ranking["n"] == n).all()
