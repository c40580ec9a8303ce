"""The statistics the analysis tools share: bands over replicates, paired differences with
Student's t intervals, and partial rank correlation coefficients (PRCC)."""

import math

import numpy as np
import pandas as pd

# Student's t 0.95 quantiles for 1 ... 30 degrees of freedom (two-sided 90% intervals);
# beyond 30, the normal quantile's 1.645 is within 3%.
T95 = [6.314, 2.920, 2.353, 2.132, 2.015, 1.943, 1.895, 1.860, 1.833, 1.812, 1.796, 1.782, 1.771, 1.761, 1.753,
       1.746, 1.740, 1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703, 1.701, 1.699, 1.697]


def t95(degrees_of_freedom):
    if degrees_of_freedom < 1:
        return math.nan
    return T95[degrees_of_freedom - 1] if degrees_of_freedom <= len(T95) else 1.645


def interval(values):
    """Mean of values and its two-sided 90% interval (Student's t); NaN bounds for fewer than 2."""
    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    n = len(values)
    if n == 0:
        return math.nan, math.nan, math.nan
    mean = float(np.mean(values))
    if n < 2:
        return mean, math.nan, math.nan
    half = t95(n - 1) * float(np.std(values, ddof=1)) / math.sqrt(n)
    return mean, mean - half, mean + half


def band(frame, by, column, low=0.05, high=0.95):
    """Median and the [low, high] quantiles of column over replicates, for each value of by
    (e.g. academic_year): the spread of single runs, not the uncertainty of a mean."""
    grouped = frame.groupby(by)[column]
    return pd.DataFrame({
        "median": grouped.median(),
        "low": grouped.quantile(low),
        "high": grouped.quantile(high),
    }).reset_index()


def paired_differences(scenario, baseline, column, by="academic_year"):
    """Scenario minus baseline, replicate by replicate (replicate r of both shares its random
    streams), then the mean difference and its 90% interval for each value of by."""
    left = scenario[["replicate", by, column]]
    right = baseline[["replicate", by, column]]
    joined = left.merge(right, on=["replicate", by], suffixes=("_scenario", "_baseline"))
    joined["difference"] = joined[f"{column}_scenario"] - joined[f"{column}_baseline"]
    rows = []
    for key, group in joined.groupby(by):
        mean, lower, upper = interval(group["difference"])
        rows.append({by: key, "mean": mean, "low": lower, "high": upper, "replicates": int(group["difference"].notna().sum())})
    return pd.DataFrame(rows)


def _ranks(values):
    return pd.Series(values).rank(method="average").to_numpy(dtype=float)


def _residuals(y, X):
    design = np.column_stack([np.ones(len(y)), X]) if X.size else np.ones((len(y), 1))
    coefficients, *_ = np.linalg.lstsq(design, y, rcond=None)
    return y - design @ coefficients


def prcc(inputs, output):
    """Partial rank correlation of output with each column of inputs (a DataFrame), with a
    90% interval from Fisher's z. Each input and the output are rank-transformed; the ranks of
    the other inputs are regressed out of both, and the residuals correlated. Returns a frame
    with parameter, prcc, low, high and n, strongest first."""
    output = np.asarray(output, dtype=float)
    keep = ~np.isnan(output)
    ranked = {name: _ranks(inputs[name].to_numpy()[keep]) for name in inputs.columns}
    y = _ranks(output[keep])
    n = int(keep.sum())
    k = len(ranked)
    rows = []
    for name in inputs.columns:
        others = np.column_stack([ranked[o] for o in inputs.columns if o != name]) if k > 1 else np.empty((n, 0))
        x_residual = _residuals(ranked[name], others)
        y_residual = _residuals(y, others)
        denominator = math.sqrt(float(np.dot(x_residual, x_residual)) * float(np.dot(y_residual, y_residual)))
        r = float(np.dot(x_residual, y_residual)) / denominator if denominator > 0 else math.nan
        degrees = n - 3 - (k - 1)
        if degrees > 0 and not math.isnan(r) and abs(r) < 1:
            half = 1.645 / math.sqrt(degrees)
            low, high = math.tanh(math.atanh(r) - half), math.tanh(math.atanh(r) + half)
        else:
            low = high = math.nan
        rows.append({"parameter": name, "prcc": r, "low": low, "high": high, "n": n})
    result = pd.DataFrame(rows)
    return result.reindex(result["prcc"].abs().sort_values(ascending=False).index).reset_index(drop=True)
