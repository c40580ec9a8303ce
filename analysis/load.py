"""Loaders: ittsim output files (runs and merged sweeps) as tidy pandas frames.

Every frame has one row per observation and one column per variable: a run's yearly frame
has a row per (scenario, replicate, academic year) and a column per yearly series; a
breakdown has a row per (scenario, replicate, academic year, region or phase). The layouts
read are in docs/OUTPUT.md.
"""

import contextlib
import stat
from dataclasses import dataclass, field
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

WEEKS_PER_YEAR = 52
# Yearly series every output format holds and the report draws without checking for them.
REQUIRED_YEARLY = ("academic_year", "retention_1y", "retention_3y", "retention_5y")
# Years after starting that a cohort's retention curve covers (cohorts/retention_curve's columns).
RETENTION_YEARS = 10
# The first format_version with the cohorts group and new QTS holders' destinations.
COHORTS_FORMAT = 8


class InputError(Exception):
    """A file that is not what was expected, with a message naming it."""


def _text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


@contextlib.contextmanager
def _open(path):
    """An existing regular HDF5 file, open for reading. Whatever HDF5 cannot read inside it
    (a truncated or damaged file) becomes an InputError naming the file."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    if not stat.S_ISREG(mode):
        raise InputError(f"{path}: not a regular file")
    try:
        f = h5py.File(path, "r")
    except OSError as error:
        raise InputError(f"{path}: not an HDF5 file, or a damaged one ({error})") from None
    try:
        with f:
            yield f
    except (OSError, RuntimeError) as error:
        # h5py's errors when the data behind valid headers is missing or corrupt.
        raise InputError(f"{path}: damaged HDF5 file ({error})") from None


def _attribute(f, path, name, kind):
    """Root attribute name, as a str (kind "text") or an int (kind "int")."""
    if name not in f.attrs:
        raise InputError(f"{path}: no '{name}' attribute; is this an ittsim output file?")
    value = f.attrs[name]
    if kind == "text":
        if not isinstance(value, (bytes, str)):
            raise InputError(f"{path}: attribute '{name}' is not text")
        return _text(value)
    if not (np.ndim(value) == 0 and np.issubdtype(np.asarray(value).dtype, np.integer)):
        raise InputError(f"{path}: attribute '{name}' is not an integer")
    return int(value)


def _group(parent, path, name):
    item = parent.get(name)
    if not isinstance(item, h5py.Group):
        raise InputError(f"{path}: no group {parent.name.rstrip('/')}/{name}")
    return item


def _array(dataset, path, shape, kinds="iuf"):
    """A dataset's values, checked: its shape, a numeric element type (kinds, numpy's dtype
    kinds; "S"/"O" for strings) and no infinite value (NaN marks a value not defined)."""
    if not isinstance(dataset, h5py.Dataset):
        raise InputError(f"{path}: {dataset.name} is not a dataset")
    if dataset.shape != tuple(shape):
        raise InputError(f"{path}: {dataset.name} has shape {dataset.shape}, expected {tuple(shape)}")
    if dataset.dtype.kind not in kinds:
        raise InputError(f"{path}: {dataset.name} holds {dataset.dtype}, expected "
                         + ("text" if kinds in ("S", "O", "SO") else "numbers"))
    values = dataset[()]
    if dataset.dtype.kind == "f" and np.isinf(values).any():
        raise InputError(f"{path}: {dataset.name} holds an infinite value")
    return values


def _dataset(group, path, name, shape, kinds="iuf"):
    if name not in group:
        raise InputError(f"{path}: no dataset {group.name}/{name}")
    return _array(group[name], path, shape, kinds)


def _attributes(f):
    """A file's root attributes as Python strings and numbers."""
    return {key: (_text(value) if isinstance(value, (bytes, str)) else value.item()) for key, value in f.attrs.items()
            if np.ndim(value) == 0}


def file_kind(path):
    """'run' for an `ittsim run` output, 'sweep' for an `ittsim merge` output."""
    with _open(path) as f:
        title = _text(f.attrs.get("title", ""))
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
        """The yearly breakdown by "region", "phase" or "local_authority" (GSS codes; run files
        of format 7 on, not merged sweeps): one row per replicate, year and column."""
        return read_breakdown(self.path, by, series, scenario=self.scenario)

    def distribution(self, name):
        """A yearly distribution (e.g. "hosting_schools_by_providers"): one row per replicate,
        year and category, with its count."""
        return read_distribution(self.path, name, scenario=self.scenario)

    def cohorts(self):
        """The retention curves of the cohorts of new teachers (run files of format 8 on): one
        row per replicate, cohort and year since qualifying; see read_cohorts."""
        return read_cohorts(self.path, scenario=self.scenario)


def _shape(f, path):
    """A run file's academic years and replicates, checked: (start_year, years, replicates)."""
    start_year = _attribute(f, path, "start_year", "int")
    years = _attribute(f, path, "years", "int")
    replicates = _attribute(f, path, "replicates", "int")
    if years < 1 or replicates < 1:
        raise InputError(f"{path}: {years} years and {replicates} replicates; expected at least one of each")
    return start_year, years, replicates


def _replicate_groups(f, path):
    """The replicate groups, checked: replicate_0000 ... one per replicate, in order, each
    with its index and its academic years."""
    start_year, years, replicates = _shape(f, path)
    names = sorted(k for k in f.keys() if k.startswith("replicate_"))
    expected = [f"replicate_{index:04d}" for index in range(replicates)]
    if names != expected:
        raise InputError(f"{path}: replicate groups {', '.join(names) or 'none'}; expected {', '.join(expected)}")
    groups = []
    for index, name in enumerate(names):
        group = _group(f, path, name)
        if group.attrs.get("replicate") != index:
            raise InputError(f"{path}: /{name} has no 'replicate' attribute equal to {index}")
        academic_year = _dataset(_group(group, path, "yearly"), path, "academic_year", (years,), "iu")
        if not np.array_equal(academic_year, np.arange(start_year, start_year + years)):
            raise InputError(f"{path}: /{name}/yearly/academic_year is not {start_year} ... {start_year + years - 1}")
        groups.append((index, group))
    return groups


def _series_frame(group, path, rows, scenario, replicate, index_name, index_values):
    """Every dataset of group, each one value per row, as columns."""
    columns = {"scenario": scenario, "replicate": replicate, index_name: index_values}
    for name, dataset in group.items():
        columns[name] = _array(dataset, path, (rows,))
    return pd.DataFrame(columns)


def read_run(path, scenario=None):
    """Reads a run's yearly and weekly series. scenario labels its rows (default: the file's
    scenario_name attribute)."""
    path = Path(path)
    if file_kind(path) != "run":
        raise InputError(f"{path}: a merged sweep, not a run; use read_sweep")
    with _open(path) as f:
        attributes = _attributes(f)
        label = scenario or _attribute(f, path, "scenario_name", "text")
        seed = _attribute(f, path, "seed", "int")
        start_year, years, replicates = _shape(f, path)
        weeks = years * WEEKS_PER_YEAR
        yearly, weekly = [], []
        for replicate, group in _replicate_groups(f, path):
            academic_years = np.arange(start_year, start_year + years)
            for name in REQUIRED_YEARLY:
                if name not in group["yearly"]:
                    raise InputError(f"{path}: no dataset {group.name}/yearly/{name}")
            yearly.append(_series_frame(group["yearly"], path, years, label, replicate, "academic_year",
                                        academic_years))
            week = _dataset(_group(group, path, "weekly"), path, "week", (weeks,), "iu")
            if not np.array_equal(week, np.arange(weeks)):
                raise InputError(f"{path}: {group.name}/weekly/week is not 0 ... {weeks - 1}")
            frame = _series_frame(group["weekly"], path, weeks, label, replicate, "week", week)
            frame.insert(3, "academic_year", start_year + week // WEEKS_PER_YEAR)
            frame.insert(4, "week_of_year", week % WEEKS_PER_YEAR)
            weekly.append(frame)
    yearly = pd.concat(yearly, ignore_index=True)
    weekly = pd.concat(weekly, ignore_index=True)
    return Run(path=path, scenario=label, seed=seed, replicates=replicates, start_year=start_year, years=years,
               yearly=yearly, weekly=weekly, attributes=attributes)


def _columns_of(dataset, path):
    if "columns" not in dataset.attrs or not isinstance(dataset.attrs["columns"], (bytes, str)):
        raise InputError(f"{path}: {dataset.name} has no 'columns' attribute")
    return [_text(name) for name in _text(dataset.attrs["columns"]).split(", ")]


def _table(group, path, name, years):
    """A yearly table (years x its columns) and its column names, checked."""
    if name not in group:
        raise InputError(f"{path}: no dataset {group.name}/{name} (written by an older ittsim?)")
    dataset = group[name]
    columns = _columns_of(dataset, path)
    return _array(dataset, path, (years, len(columns))), columns


def read_breakdown(path, by, series=None, scenario=None):
    """Yearly breakdown by "region", "phase" or "local_authority": columns scenario, replicate,
    academic_year, region (phase, or the authority's GSS code) and one column per series (all
    of the group's by default)."""
    if by not in ("region", "phase", "local_authority"):
        raise ValueError(f"by = {by!r}: expected 'region', 'phase' or 'local_authority'")
    frames = []
    with _open(path) as f:
        label = scenario or _attribute(f, path, "scenario_name", "text")
        start_year, years, _ = _shape(f, path)
        academic_years = np.arange(start_year, start_year + years)
        for replicate, group in _replicate_groups(f, path):
            tables = _group(group, path, f"yearly_by_{by}")
            names = series or list(tables.keys())
            if not names:
                raise InputError(f"{path}: {tables.name} is empty")
            values = {}
            categories = None
            for name in names:
                values[name], columns = _table(tables, path, name, years)
                if categories is not None and columns != categories:
                    raise InputError(f"{path}: {tables.name}/{name} has other columns than {tables.name}/{names[0]}")
                categories = columns
            frame = pd.DataFrame({
                "scenario": label,
                "replicate": replicate,
                "academic_year": np.repeat(academic_years, len(categories)),
                by: np.tile(categories, years),
            })
            for name in names:
                frame[name] = values[name].reshape(-1)
            frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def read_distribution(path, name, scenario=None):
    """A yearly distribution as rows of (scenario, replicate, academic_year, category, count)."""
    frames = []
    with _open(path) as f:
        label = scenario or _attribute(f, path, "scenario_name", "text")
        start_year, years, _ = _shape(f, path)
        academic_years = np.arange(start_year, start_year + years)
        for replicate, group in _replicate_groups(f, path):
            counts, categories = _table(_group(group, path, "yearly_distributions"), path, name, years)
            frames.append(pd.DataFrame({
                "scenario": label,
                "replicate": replicate,
                "academic_year": np.repeat(academic_years, len(categories)),
                "category": np.tile(categories, years),
                "count": counts.reshape(-1),
            }))
    return pd.concat(frames, ignore_index=True)


def read_cohorts(path, scenario=None):
    """Each cohort's retention curve: rows of (scenario, replicate, entry_year, cohort_size,
    years_since_qualifying, retained), one per replicate, cohort and year k = 1 ... 10 after
    the cohort started teaching. entry_year is the academic year the cohort's newly qualified
    teachers started (start_year + 1 ... start_year + years); retained is the share of the
    cohort still in service in any state school k years on (DfE's measure: moving school is
    not leaving). Rows the run has not reached are kept, with retained NaN (the last cohort
    has only those); drop them with dropna(subset=["retained"]). Files before format 8
    (COHORTS_FORMAT) and merged sweeps have no cohorts: InputError."""
    if file_kind(path) != "run":
        raise InputError(f"{path}: a merged sweep, which keeps no cohorts; read a point file or a run")
    frames = []
    with _open(path) as f:
        label = scenario or _attribute(f, path, "scenario_name", "text")
        version = _attribute(f, path, "format_version", "int")
        if version < COHORTS_FORMAT:
            raise InputError(f"{path}: format {version}, written by an ittsim before cohorts were kept (format "
                             f"{COHORTS_FORMAT})")
        start_year, years, _ = _shape(f, path)
        for replicate, group in _replicate_groups(f, path):
            cohorts = _group(group, path, "cohorts")
            entry_year = _dataset(cohorts, path, "entry_year", (years,), "iu")
            if not np.array_equal(entry_year, np.arange(start_year + 1, start_year + years + 1)):
                raise InputError(f"{path}: {cohorts.name}/entry_year is not {start_year + 1} ... {start_year + years}")
            cohort_size = _dataset(cohorts, path, "cohort_size", (years,), "iu")
            if (cohort_size < 0).any():
                raise InputError(f"{path}: {cohorts.name}/cohort_size holds a negative size")
            if "retention_curve" not in cohorts:
                raise InputError(f"{path}: no dataset {cohorts.name}/retention_curve")
            dataset = cohorts["retention_curve"]
            if _columns_of(dataset, path) != [str(k) for k in range(1, RETENTION_YEARS + 1)]:
                raise InputError(f"{path}: {dataset.name}'s columns are not 1, 2, ..., {RETENTION_YEARS}")
            curve = _array(dataset, path, (years, RETENTION_YEARS), "f")
            if ((curve < 0) | (curve > 1)).any():
                raise InputError(f"{path}: {dataset.name} holds a share outside 0 ... 1")
            frames.append(pd.DataFrame({
                "scenario": label,
                "replicate": replicate,
                "entry_year": np.repeat(entry_year, RETENTION_YEARS),
                "cohort_size": np.repeat(cohort_size, RETENTION_YEARS),
                "years_since_qualifying": np.tile(np.arange(1, RETENTION_YEARS + 1), years),
                "retained": curve.reshape(-1),
            }))
    return pd.concat(frames, ignore_index=True)


def read_places(path, replicate=0):
    """Where one replicate's schools and providers are: two frames, schools (one row per
    school: phase, region, local_authority, area_type, governance, easting_m, northing_m,
    pupils) and providers (type, region, base_easting_m, base_northing_m), codes as stored
    (docs/OUTPUT.md). Files of format 4 and before have no places: InputError."""
    if file_kind(path) != "run":
        raise InputError(f"{path}: a merged sweep, which keeps no places; read a point file or a run")
    frames = []
    with _open(path) as f:
        group_name = f"replicate_{replicate:04d}"
        if group_name not in f:
            raise InputError(f"{path}: no group /{group_name}")
        for name in ("schools", "providers"):
            if name not in f[group_name]:
                raise InputError(f"{path}: no group /{group_name}/{name} (written by an ittsim before format 5)")
            group = f[group_name][name]
            items = list(group.items())
            if not items or not all(isinstance(item, h5py.Dataset) and item.ndim == 1 for _, item in items) or \
                    len({item.shape for _, item in items}) != 1:
                raise InputError(f"{path}: /{group_name}/{name} is not one-dimensional datasets of one length")
            frames.append(pd.DataFrame({key: dataset[()] for key, dataset in items}))
    return frames[0], frames[1]


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
    with _open(path) as f:
        attributes = _attributes(f)
        parameters = [p for p in _attribute(f, path, "parameters", "text").split(", ") if p]
        n = _attribute(f, path, "points", "int")
        start, years, replicates = _shape(f, path)
        table = _group(f, path, "points")
        points = pd.DataFrame({
            "point": _dataset(table, path, "point", (n,), "iu"),
            "seed": _dataset(table, path, "seed", (n,), "iu"),
            "status": [_text(s) for s in _dataset(table, path, "status", (n,), "SO")],
            "error": [_text(s) for s in _dataset(table, path, "error", (n,), "SO")],
            **{parameter: _dataset(table, path, parameter, (n,)) for parameter in parameters},
        })
        if not np.array_equal(points["point"].to_numpy(), np.arange(n)):
            raise InputError(f"{path}: /points/point is not 0 ... {n - 1}")
        unknown = set(points["status"]) - {"complete", "failed", "pending"}
        if unknown:
            raise InputError(f"{path}: /points/status holds {', '.join(sorted(unknown))}; expected complete, "
                             "failed or pending")
        complete = points["status"].to_numpy() == "complete"
        if not complete.any():
            raise InputError(f"{path}: no complete point")
        chosen = points[complete]
        count = len(chosen)
        columns = {
            "point": np.repeat(chosen["point"].to_numpy(), replicates * years),
            "replicate": np.tile(np.repeat(np.arange(replicates), years), count),
        }
        for parameter in parameters:
            columns[parameter] = np.repeat(chosen[parameter].to_numpy(), replicates * years)
        for name, dataset in _group(f, path, "yearly").items():
            columns[name] = _array(dataset, path, (n, replicates, years))[complete].reshape(-1)
        if "academic_year" not in columns:
            columns["academic_year"] = np.tile(np.arange(start, start + years), count * replicates)
        frame = pd.DataFrame(columns)  # built at once: a column at a time fragments a wide frame
    return Sweep(path=path, parameters=parameters, points=points, yearly=frame, replicates=replicates,
                 attributes=attributes)


def series_meanings(path):
    """{series: (unit, description)} of a file's yearly datasets and yearly breakdowns, from
    their unit and description attributes (docs/OUTPUT.md)."""
    meanings = {}
    with _open(path) as f:
        groups = [f["yearly"]] if "yearly" in f and isinstance(f["yearly"], h5py.Group) else []
        if "replicate_0000" in f:
            groups += [f["replicate_0000"][name] for name in ("yearly", "yearly_by_region", "yearly_by_phase")
                       if name in f["replicate_0000"]]
        for group in groups:
            for name, dataset in group.items():
                if name not in meanings and isinstance(dataset, h5py.Dataset):
                    meanings[name] = (_text(dataset.attrs.get("unit", "")), _text(dataset.attrs.get("description", "")))
    return meanings
