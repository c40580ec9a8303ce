"""Loaders: ittsim output files (runs and merged sweeps) as tidy pandas frames.

Every frame has one row per observation and one column per variable: a run's yearly frame
has a row per (scenario, replicate, academic year) and a column per yearly series; a
breakdown has a row per (scenario, replicate, academic year, region or phase). The layouts
read are in docs/OUTPUT.md.
"""

from dataclasses import dataclass, field
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

WEEKS_PER_YEAR = 52


class InputError(Exception):
    """A file that is not what was expected, with a message naming it."""


def _text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _attributes(f):
    """A file's root attributes as Python strings and numbers."""
    return {key: (_text(value) if isinstance(value, (bytes, str)) else value.item()) for key, value in f.attrs.items()}


def file_kind(path):
    """'run' for an `ittsim run` output, 'sweep' for an `ittsim merge` output."""
    try:
        with h5py.File(path, "r") as f:
            title = _text(f.attrs.get("title", ""))
    except OSError as error:
        raise InputError(f"{path}: cannot open as HDF5 ({error})") from error
    if title == "ittsim simulation output":
        return "run"
    if title == "ittsim sweep":
        return "sweep"
    raise InputError(f"{path}: not an ittsim output file (title '{title}')")


@dataclass
class Run:
    """One `ittsim run` output: its attributes and its series as frames."""

    path: Path
    scenario: str
    seed: int
    replicates: int
    start_year: int
    years: int
    yearly: pd.DataFrame
    weekly: pd.DataFrame
    attributes: dict = field(default_factory=dict)

    def breakdown(self, by, series=None):
        """The yearly breakdown by "region" or "phase": one row per replicate, year and column."""
        return read_breakdown(self.path, by, series, scenario=self.scenario)

    def distribution(self, name):
        """A yearly distribution (e.g. "hosting_schools_by_providers"): one row per replicate,
        year and category, with its count."""
        return read_distribution(self.path, name, scenario=self.scenario)


def _replicate_groups(f, path):
    names = sorted(k for k in f.keys() if k.startswith("replicate_"))
    if not names:
        raise InputError(f"{path}: no replicate groups; is this an ittsim run output?")
    return [(int(f[name].attrs["replicate"]), f[name]) for name in names]


def _series_frame(group, scenario, replicate, index_name, index_values):
    columns = {"scenario": scenario, "replicate": replicate, index_name: index_values}
    for name, dataset in group.items():
        if dataset.ndim == 1:
            columns[name] = dataset[()]
    return pd.DataFrame(columns)


def read_run(path, scenario=None):
    """Reads a run's yearly and weekly series. scenario labels its rows (default: the file's
    scenario_name attribute)."""
    path = Path(path)
    if file_kind(path) != "run":
        raise InputError(f"{path}: a merged sweep, not a run; use read_sweep")
    with h5py.File(path, "r") as f:
        attributes = _attributes(f)
        label = scenario or attributes["scenario_name"]
        yearly, weekly = [], []
        for replicate, group in _replicate_groups(f, path):
            years = group["yearly/academic_year"][()]
            yearly.append(_series_frame(group["yearly"], label, replicate, "academic_year", years))
            weeks = group["weekly/week"][()]
            frame = _series_frame(group["weekly"], label, replicate, "week", weeks)
            frame.insert(3, "academic_year", attributes["start_year"] + weeks // WEEKS_PER_YEAR)
            frame.insert(4, "week_of_year", weeks % WEEKS_PER_YEAR)
            weekly.append(frame)
    yearly = pd.concat(yearly, ignore_index=True)
    weekly = pd.concat(weekly, ignore_index=True)
    return Run(path=path, scenario=label, seed=int(attributes["seed"]), replicates=int(attributes["replicates"]),
               start_year=int(attributes["start_year"]), years=int(attributes["years"]), yearly=yearly,
               weekly=weekly, attributes=attributes)


def _columns_of(dataset):
    return [_text(name) for name in _text(dataset.attrs["columns"]).split(", ")]


def read_breakdown(path, by, series=None, scenario=None):
    """Yearly breakdown by "region" or "phase": columns scenario, replicate, academic_year,
    region (or phase) and one column per series (all 13 by default)."""
    if by not in ("region", "phase"):
        raise ValueError(f"by = {by!r}: expected 'region' or 'phase'")
    frames = []
    with h5py.File(path, "r") as f:
        label = scenario or _text(f.attrs["scenario_name"])
        for replicate, group in _replicate_groups(f, path):
            tables = group[f"yearly_by_{by}"]
            names = series or list(tables.keys())
            years = group["yearly/academic_year"][()]
            first = tables[names[0]]
            categories = _columns_of(first)
            frame = pd.DataFrame({
                "scenario": label,
                "replicate": replicate,
                "academic_year": np.repeat(years, len(categories)),
                by: np.tile(categories, len(years)),
            })
            for name in names:
                if name not in tables:
                    raise InputError(f"{path}: no yearly_by_{by}/{name} (written by an older ittsim?)")
                frame[name] = tables[name][()].reshape(-1)
            frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def read_distribution(path, name, scenario=None):
    """A yearly distribution as rows of (scenario, replicate, academic_year, category, count)."""
    frames = []
    with h5py.File(path, "r") as f:
        label = scenario or _text(f.attrs["scenario_name"])
        for replicate, group in _replicate_groups(f, path):
            dataset = group["yearly_distributions"].get(name)
            if dataset is None:
                raise InputError(f"{path}: no yearly_distributions/{name}")
            categories = _columns_of(dataset)
            years = group["yearly/academic_year"][()]
            frames.append(pd.DataFrame({
                "scenario": label,
                "replicate": replicate,
                "academic_year": np.repeat(years, len(categories)),
                "category": np.tile(categories, len(years)),
                "count": dataset[()].reshape(-1),
            }))
    return pd.concat(frames, ignore_index=True)


def read_scenarios(paths):
    """Several runs, one per scenario, labelled by scenario name (or by file name where two
    files share a scenario name). Returns {label: Run}, in the order given."""
    runs = {}
    for path in paths:
        run = read_run(path)
        if run.scenario in runs:
            run = read_run(path, scenario=Path(path).stem)
        if run.scenario in runs:
            raise InputError(f"{path}: scenario '{run.scenario}' given twice")
        runs[run.scenario] = run
    return runs


@dataclass
class Sweep:
    """A merged sweep: the point table and the yearly series of its complete points."""

    path: Path
    parameters: list
    points: pd.DataFrame
    yearly: pd.DataFrame
    replicates: int
    attributes: dict = field(default_factory=dict)


def read_sweep(path):
    """Reads a merged sweep. points has a row per point (point, seed, status, error and one
    column per varied parameter); yearly a row per (point, replicate, academic year) of the
    complete points, with the varied parameters' values and every yearly series."""
    path = Path(path)
    if file_kind(path) != "sweep":
        raise InputError(f"{path}: a run output, not a merged sweep; use read_run")
    with h5py.File(path, "r") as f:
        attributes = _attributes(f)
        parameters = [p for p in attributes["parameters"].split(", ") if p]
        table = f["points"]
        points = pd.DataFrame({
            "point": table["point"][()],
            "seed": table["seed"][()],
            "status": [_text(s) for s in table["status"][()]],
            "error": [_text(s) for s in table["error"][()]],
        })
        for parameter in parameters:
            points[parameter] = table[parameter][()]
        complete = points["status"].to_numpy() == "complete"
        replicates = int(attributes["replicates"])
        start, years = int(attributes["start_year"]), int(attributes["years"])
        chosen = points[complete]
        n = len(chosen)
        frame = pd.DataFrame({
            "point": np.repeat(chosen["point"].to_numpy(), replicates * years),
            "replicate": np.tile(np.repeat(np.arange(replicates), years), n),
        })
        for parameter in parameters:
            frame[parameter] = np.repeat(chosen[parameter].to_numpy(), replicates * years)
        for name, dataset in f["yearly"].items():
            frame[name] = dataset[()][complete].reshape(-1)
        if "academic_year" not in frame:
            frame["academic_year"] = np.tile(np.arange(start, start + years), n * replicates)
    return Sweep(path=path, parameters=parameters, points=points, yearly=frame, replicates=replicates,
                 attributes=attributes)
