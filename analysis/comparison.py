"""The one comparison engine that `analysis compare` and `analysis report` share: loading,
the years compared, pairing of replicates, effects with their intervals and verdicts, the
levers each scenario changed, and the caveats that say what the numbers cover.

A comparison holds one baseline and one or more scenarios. Each is either a run
(`ittsim run`: one parameter set, R replicates) or, for a comparison over the calibrated
ensemble, a merged list sweep (`ittsim sweep` over posterior.csv: M parameter sets, R
replicates each). Every indicator becomes an array [member, replicate] (a run has one
member); replicate r of a scenario and of the baseline share their random streams, so the
difference is taken pair by pair.
"""

import configparser
import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import load, stats

CALIBRATION = Path(__file__).resolve().parent.parent / "calibration"


def warm_up_years(path=CALIBRATION / "england.ini"):
    """Years at the start of a run that do not count: the synthetic population settles (the
    calibration's [calibration] warm_up_years, one value for both)."""
    parser = configparser.ConfigParser(inline_comment_prefixes=("#",), interpolation=None)
    try:
        with open(path, encoding="utf-8") as handle:
            parser.read_file(handle)
        return int(parser["calibration"]["warm_up_years"])
    except (OSError, KeyError, ValueError, configparser.Error) as error:
        raise load.InputError(f"{path}: no [calibration] warm_up_years ({error})") from None


@dataclass(frozen=True)
class Indicator:
    """A headline or input indicator. key: a yearly series, or a derived one (DERIVED). how:
    'mean' of the yearly values over the years compared (a flow or rate), or 'last', the value
    in the last year (a stock). mid: the minimum important difference as a share of the larger
    of the two scenarios' levels; None where no verdict is given."""

    key: str
    label: str
    unit: str
    how: str
    mid: float | None = None
    mid_reason: str = ""


# The questions a minister asks, in this order. The minimum important differences are
# judgements, stated with their reasons (docs/ODD.md, "Comparing scenarios"); --mid KEY=SHARE
# overrides one.
HEADLINE = [
    Indicator("trainees_recruited", "Trainees recruited", "trainees a year", "mean", 0.01,
              "1% of recruitment: about 270 trainees a year in England (the baseline recruits 27,200); a "
              "judgement"),
    Indicator("qts_awarded", "Completing with QTS", "trainees a year", "mean", 0.01,
              "1%, as for recruitment; a judgement"),
    Indicator("withdrawals", "Withdrawing from training", "trainees a year", "mean", 0.05,
              "5% of withdrawals: about 60 trainees a year, 0.2% of recruits; a judgement"),
    Indicator("new_teachers_employed", "New teachers in post", "teachers a year", "mean", 0.01,
              "1%, as for recruitment; a judgement"),
    Indicator("teachers_in_post", "Teachers in post (net of displaced entrants)", "teachers, last year", "last", 0.001,
              "0.1% (about 470 FTE): DfE called 2023/24's rise of 300 FTE (<0.1%) to 468,700 'marginal' (School "
              "workforce in England, 2023/24)"),
    Indicator("vacancies_unfilled", "Vacancies unfilled", "posts a year", "mean", 0.05,
              "5%; vacancies counted by the School Workforce Census rose 20% in 2023/24 (2,330 to 2,800); a judgement"),
    Indicator("placement_weeks_short", "Placement weeks short", "trainee-weeks a year", "mean", 0.05,
              "5% of the weeks trainees needed a placement and had none; a judgement"),
    Indicator("public_cost_gbp", "Public cost of the levers", "GBP a year", "mean", 0.01,
              "1% of the larger scenario's cost; a judgement"),
]
COST_PER_TEACHER = "cost_per_extra_teacher"
COST_PER_TEACHER_LABEL = "Cost per extra teacher in post"

# What the levers act through and what the system did with it: reported, never judged.
INPUTS = [
    Indicator("placement_weeks_offered", "Placement weeks offered", "trainee-weeks a year", "mean"),
    Indicator("schools_hosting", "Schools hosting trainees", "schools a year", "mean"),
    Indicator("mentors_trained", "Trained mentors in post", "teachers, last year", "last"),
    Indicator("mentor_training_hours_mean", "Mentor training hours (mean)", "hours, last year", "last"),
    Indicator("lead_mentors", "Lead mentors", "teachers, last year", "last"),
    Indicator("networks", "Active networks", "networks, last year", "last"),
    Indicator("cross_school_ties", "Cross-school CPD ties formed", "ties a year", "mean"),
    Indicator("accredited_providers", "Accredited providers", "providers, last year", "last"),
    Indicator("retention_1y", "Retention after one year", "share", "mean"),
    Indicator("school_effectiveness_mean", "School effectiveness (mean)", "sd, last year", "last"),
]

# Where the new teachers went: the flows into and out of posts, shown beside the change in
# teachers in post (moves between schools and posts following pupils are not among them).
DECOMPOSITION = [
    Indicator("new_teachers_employed", "New QTS holders hired", "teachers a year", "mean"),
    Indicator("returners_employed", "Returners hired", "teachers a year", "mean"),
    Indicator("other_entrants_employed", "Other entrants hired", "teachers a year", "mean"),
    Indicator("teacher_leavers", "Leavers (retirements excluded)", "teachers a year", "mean"),
    Indicator("teacher_retirements", "Retirements", "teachers a year", "mean"),
    Indicator("vacancies_unfilled", "Vacancies unfilled", "posts a year", "mean"),
    Indicator("teachers_in_post", "Teachers in post", "teachers, last year", "last"),
]

# Series computed from others: key -> (columns needed, function of the frame).
DERIVED = {
    "placement_weeks_short": (("placement_weeks_demanded", "placement_weeks_filled"),
                              lambda f: f["placement_weeks_demanded"] - f["placement_weeks_filled"]),
}

def number(value):
    """Thousands separated for large values, three significant digits for small ones."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if value == 0:
        return "0"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}"


def signed(value):
    text = number(value)
    return text if text in ("n/a", "0") or text.startswith("-") else "+" + text


def percent(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return f"{value:+.2f}%" if abs(value) < 1 else f"{value:+.1f}%"


VERDICTS = {
    "higher": "materially higher",
    "lower": "materially lower",
    "none": "no material change",
    "higher_small": "higher, maybe not materially",
    "lower_small": "lower, maybe not materially",
    "unclear": "unclear: could be no change or a material one",
    "few": "not judged: fewer than 2 replicates",
}


def verdict(low, high, mid):
    """The verdict on an effect from its interval [low, high] and its minimum important
    difference mid (>= 0): material only when the whole interval lies beyond the MID, 'no
    material change' only when the whole interval lies inside it."""
    if math.isnan(low) or math.isnan(high):
        return VERDICTS["few"]
    if -mid <= low and high <= mid:
        return VERDICTS["none"]
    if low > mid:
        return VERDICTS["higher"]
    if high < -mid:
        return VERDICTS["lower"]
    if low > 0:
        return VERDICTS["higher_small"]
    if high < 0:
        return VERDICTS["lower_small"]
    return VERDICTS["unclear"]


@dataclass
class Source:
    """One scenario's runs: a tidy yearly frame with columns member, replicate, academic_year
    and the series; its resolved scenario text; members (1 for a run)."""

    name: str
    path: Path
    kind: str
    yearly: pd.DataFrame
    replicates: int
    members: int
    resolved: str
    start_year: int
    last_year: int
    seeds: np.ndarray
    member_values: pd.DataFrame | None = None
    run: load.Run | None = None
    _by_region: pd.DataFrame | None = None

    def by_region(self):
        """The run's yearly breakdown by region, read once."""
        if self._by_region is None:
            self._by_region = self.run.breakdown("region")
        return self._by_region


@dataclass
class Comparison:
    """What is compared, over which years, and how the replicates were paired."""

    sources: dict
    baseline: str
    years: tuple
    warm_up: tuple | None
    region: str | None
    ensemble: bool
    notes: list = field(default_factory=list)
    pairs: dict = field(default_factory=dict)
    mids: dict = field(default_factory=dict)

    @property
    def scenarios(self):
        return [name for name in self.sources if name != self.baseline]


def _region_frame(run, region, path):
    """A run's yearly frame for one region: every series the regional breakdown holds."""
    table = run.breakdown("region")
    names = list(dict.fromkeys(table["region"]))
    if region not in names:
        raise load.InputError(f"--region '{region}': expected one of {', '.join(names)}")
    chosen = table[table["region"] == region].drop(columns=["region"])
    if not (chosen.drop(columns=["scenario", "replicate", "academic_year"]).to_numpy() != 0).any():
        raise load.InputError(f"{path}: region '{region}' was not simulated (population.regions)")
    return chosen.reset_index(drop=True)


def _source(path, region, ensemble):
    path = Path(path)
    kind = load.file_kind(path)
    if ensemble != (kind == "sweep"):
        raise load.InputError(f"{path}: a {'merged sweep' if kind == 'sweep' else 'run'}; a comparison "
                              + ("over the ensemble takes merged list sweeps of every scenario (points = posterior.csv)"
                                 if ensemble else "of runs takes run outputs (give --ensemble for merged sweeps)"))
    if kind == "run":
        run = load.read_run(path)
        yearly = _region_frame(run, region, path) if region else run.yearly
        yearly = yearly.assign(member=0)
        return Source(name=run.scenario, path=path, kind=kind, yearly=yearly, replicates=run.replicates, members=1,
                      resolved=str(run.attributes.get("scenario", "")), start_year=run.start_year,
                      last_year=run.start_year + run.years - 1, seeds=np.array([run.seed]), run=run)
    if region:
        raise load.InputError(f"{path}: a merged sweep holds no regional breakdown; --region needs run outputs")
    sweep = load.read_sweep(path)
    complete = sweep.points[sweep.points["status"] == "complete"]
    if len(complete) != len(sweep.points):
        raise load.InputError(f"{path}: {len(sweep.points) - len(complete)} of {len(sweep.points)} members did not "
                              "complete; rerun them (ittsim sweep resumes) before comparing")
    yearly = sweep.yearly.rename(columns={"point": "member"})
    name = str(sweep.attributes.get("scenario_name", "")) or path.stem
    first, last = int(yearly["academic_year"].min()), int(yearly["academic_year"].max())
    return Source(name=name, path=path, kind=kind, yearly=yearly, replicates=sweep.replicates,
                  members=len(sweep.points), resolved=str(sweep.attributes.get("scenario", "")), start_year=first,
                  last_year=last, seeds=sweep.points["seed"].to_numpy(),
                  member_values=sweep.points[sweep.parameters].reset_index(drop=True))


def load_comparison(paths, baseline=None, years=None, region=None, ensemble=False, mixed="pair", mids=None):
    """Reads the files and settles what is compared. years: (first, last) or None for every
    year after the warm-up that all files share. mixed: 'pair' pairs scenarios with different
    replicate counts on the replicates they share; 'refuse' stops. mids: {key: share}
    overriding the declared minimum important differences."""
    sources = {}
    for path in paths:
        source = _source(path, region, ensemble)
        for other_name in (Path(path).stem, f"{Path(path).parent.name}/{Path(path).stem}"):
            if source.name in sources:
                source.name = other_name
        if source.name in sources:
            raise load.InputError(f"{path}: scenario '{source.name}' given twice")
        sources[source.name] = source
    if not sources:
        raise load.InputError("no file to compare")
    by_path = {}
    for name, source in sources.items():
        by_path.setdefault(str(Path(source.path).resolve()), name)
    if baseline is not None and str(Path(baseline).resolve()) in by_path:
        baseline = by_path[str(Path(baseline).resolve())]
    if baseline is not None and baseline not in sources:
        raise load.InputError(f"--baseline {baseline}: no such scenario among {', '.join(sources)}")
    base = baseline or ("baseline" if "baseline" in sources else next(iter(sources)))

    warm = warm_up_years()
    first_common = max(s.start_year for s in sources.values())
    last_common = min(s.last_year for s in sources.values())
    if first_common > last_common:
        raise load.InputError("the files share no academic year: "
                              + ", ".join(f"{s.path} {s.start_year}-{s.last_year}" for s in sources.values()))
    warm_up = (min(s.start_year for s in sources.values()), first_common + warm - 1) if warm > 0 else None
    notes = []
    if years is None:
        chosen = (first_common + warm, last_common)
        if chosen[0] > chosen[1]:
            chosen = (last_common, last_common)
            notes.append(f"The runs are no longer than the {warm}-year warm-up; only their last year, {last_common}, "
                         "is compared, and it is not yet settled.")
    else:
        chosen = (max(years[0], first_common), min(years[1], last_common))
        if chosen[0] > chosen[1]:
            raise load.InputError(f"--years {years[0]}:{years[1]}: the files share only {first_common}-{last_common}")
        if chosen != tuple(years):
            notes.append(f"--years {years[0]}:{years[1]} reaches beyond the years the files share; "
                         f"{chosen[0]}-{chosen[1]} are compared.")
        if warm_up and chosen[0] <= warm_up[1]:
            notes.append(f"The years compared include warm-up years ({chosen[0]}-{min(warm_up[1], chosen[1])}), in "
                         "which the synthetic starting population settles; their differences are not only the policy's.")
    comparison = Comparison(sources=sources, baseline=base, years=chosen, warm_up=warm_up, region=region,
                            ensemble=ensemble, notes=notes, mids=_mids(mids))
    _pair(comparison, mixed)
    return comparison


def _mids(overrides):
    declared = {i.key: i.mid for i in HEADLINE}
    for key, value in (overrides or {}).items():
        if key not in declared:
            raise load.InputError(f"--mid {key}: no headline indicator of that name; expected one of "
                                  f"{', '.join(declared)}")
        if not (isinstance(value, (int, float)) and 0 <= value < 1):
            raise load.InputError(f"--mid {key}={value}: expected a share from 0 up to 1")
        declared[key] = float(value)
    return declared


def _pair(comparison, mixed):
    """Settles, for each scenario, the replicates (and members) it is paired with the baseline on."""
    base = comparison.sources[comparison.baseline]
    for name in comparison.scenarios:
        source = comparison.sources[name]
        if comparison.ensemble:
            if (source.members != base.members or list(source.member_values.columns) != list(base.member_values.columns)
                    or not np.allclose(source.member_values.to_numpy(float), base.member_values.to_numpy(float),
                                       rtol=1e-12, atol=0)):
                raise load.InputError(f"{source.path} and {base.path} do not run the same members; run both from "
                                      "sweep files that differ only in their base scenario (points = posterior.csv)")
        shared = min(source.replicates, base.replicates)
        if source.replicates != base.replicates:
            if mixed == "refuse":
                raise load.InputError(f"{source.path} has {source.replicates} replicates and {base.path} "
                                      f"{base.replicates}: run both with the same run.replicates (or pair them on the "
                                      "replicates they share)")
            comparison.notes.append(f"{name} has {source.replicates} replicates and {comparison.baseline} "
                                    f"{base.replicates}: they are paired on replicates 0-{shared - 1}, the ones whose "
                                    f"random streams they share; the other {abs(source.replicates - base.replicates)} "
                                    "are left out of the differences and of the levels shown beside them.")
        same_seed = np.array_equal(source.seeds, base.seeds)
        if not same_seed:
            comparison.notes.append(f"{name} and {comparison.baseline} were run with different seeds, so their "
                                    "replicates share no random streams: the differences are unpaired and noisier.")
        comparison.pairs[name] = {"replicates": shared, "paired": same_seed}


def _column(frame, key):
    if key in frame:
        return frame[key]
    if key in DERIVED:
        needed, compute = DERIVED[key]
        if all(n in frame for n in needed):
            return compute(frame)
    return None


def values(comparison, name, indicator):
    """The indicator's values [member, replicate] over the years compared (NaN where a member
    or replicate lacks it); None where the file has no such series."""
    source = comparison.sources[name]
    first, last = comparison.years
    frame = source.yearly[(source.yearly["academic_year"] >= first) & (source.yearly["academic_year"] <= last)]
    column = _column(frame, indicator.key)
    if column is None:
        return None
    data = pd.DataFrame({"member": frame["member"], "replicate": frame["replicate"],
                         "academic_year": frame["academic_year"], "value": column.astype(float)})
    grouped = data.sort_values("academic_year").groupby(["member", "replicate"], sort=True)["value"]
    combined = grouped.last() if indicator.how == "last" else grouped.mean()
    table = np.full((source.members, source.replicates), np.nan)
    for (member, replicate), value in combined.items():
        table[int(member), int(replicate)] = value
    return table


def _nanmean(values_):
    """The mean of the values that are defined; NaN, without numpy's warning, when none is."""
    defined = values_[~np.isnan(values_)]
    return float(defined.mean()) if defined.size else math.nan


def _mixture_quantiles(centres, scales, degrees, probabilities):
    """Quantiles of the equal mixture of Student's t distributions with these centres and
    scales (degrees of freedom shared): each member's effect with its sampling error."""
    from scipy import stats as distributions
    if not (scales > 0).any():
        return [float(np.percentile(centres, 100 * p)) for p in probabilities]
    spread = float(np.max(scales)) * 60 + 1e-12
    found = []
    for probability in probabilities:
        low, high = float(np.min(centres)) - spread, float(np.max(centres)) + spread
        for _ in range(200):
            middle = (low + high) / 2
            positive = scales > 0
            cdf = np.where(positive, distributions.t.cdf((middle - centres) / np.where(positive, scales, 1), degrees),
                           (centres <= middle).astype(float))
            low, high = (middle, high) if cdf.mean() < probability else (low, middle)
        found.append((low + high) / 2)
    return found


def effect(comparison, name, indicator):
    """The scenario's effect on one indicator: a dict with the baseline's and the scenario's
    levels over the paired replicates, the mean difference and its 90% interval; for an
    ensemble also the interval from replicate noise alone, the 5th-95th percentile of the
    members' effects and the probability of the effect's sign. None where a file lacks the
    series."""
    base = values(comparison, comparison.baseline, indicator)
    other = values(comparison, name, indicator)
    if base is None or other is None:
        return None
    pair = comparison.pairs[name]
    shared = pair["replicates"]
    a, b = other[:, :shared], base[:, :shared]
    complete = ~(np.isnan(a).any(axis=1) | np.isnan(b).any(axis=1))
    row = {"scenario": name, "key": indicator.key, "indicator": indicator.label, "unit": indicator.unit,
           "baseline": _nanmean(b), "level": _nanmean(a), "pairs": shared,
           "members": int(complete.sum())}
    if not complete.any():
        row.update(difference=math.nan, low=math.nan, high=math.nan)
        return row
    a, b = a[complete], b[complete]
    row.update(baseline=float(b.mean()), level=float(a.mean()))
    degrees = shared - 1
    if not comparison.ensemble:
        if pair["paired"]:
            mean, low, high = stats.interval((a - b)[0])
        else:
            mean = float(a.mean() - b.mean())
            half = stats.t95(degrees) * math.sqrt((a.var(ddof=1) + b.var(ddof=1)) / shared) if shared > 1 else math.nan
            low, high = mean - half, mean + half
        row.update(difference=mean, low=low, high=high, probability_of_sign=math.nan)
        return row
    member_effect = a.mean(axis=1) - b.mean(axis=1)
    mean = float(member_effect.mean())
    row.update(difference=mean, members_low=float(np.percentile(member_effect, 5)),
               members_high=float(np.percentile(member_effect, 95)))
    if shared < 2:
        row.update(noise_low=math.nan, noise_high=math.nan, low=math.nan, high=math.nan, probability_of_sign=math.nan)
        return row
    from scipy import stats as distributions
    noise = (a - b).var(axis=1, ddof=1) if pair["paired"] else a.var(axis=1, ddof=1) + b.var(axis=1, ddof=1)
    member_se = np.sqrt(noise / shared)
    # Noise alone: the members' sampling distributions, all centred on the mean effect; with
    # the parameters: each centred on its member's effect.
    noise_low, noise_high = _mixture_quantiles(np.full(len(member_effect), mean), member_se, degrees, (0.05, 0.95))
    low, high = _mixture_quantiles(member_effect, member_se, degrees, (0.05, 0.95))
    sign = 1.0 if mean >= 0 else -1.0
    positive = member_se > 0
    chances = np.where(positive, distributions.t.cdf(sign * member_effect / np.where(positive, member_se, 1), degrees),
                       (sign * member_effect > 0) + 0.5 * (member_effect == 0))
    row.update(noise_low=noise_low, noise_high=noise_high, low=low, high=high,
               probability_of_sign=float(chances.mean()))
    return row


def _relative(row):
    base = row["baseline"]
    return 100 * row["difference"] / base if base and not math.isnan(base) else math.nan


def headline(comparison):
    """The headline table: for each scenario, HEADLINE in its order then the cost per extra
    teacher in post; each row with its change, interval, MID and verdict."""
    rows = []
    for name in comparison.scenarios:
        by_key = {}
        for indicator in HEADLINE:
            row = effect(comparison, name, indicator)
            if row is None:
                rows.append({"scenario": name, "key": indicator.key, "indicator": indicator.label,
                             "unit": indicator.unit, "verdict": "not in the files"
                             + (" for one region" if comparison.region else "")})
                continue
            share = comparison.mids[indicator.key]
            row["mid"] = share * max(abs(row["baseline"]), abs(row["level"]))
            row["mid_share"] = share
            row["change_percent"] = _relative(row)
            row["verdict"] = verdict(row["low"], row["high"], row["mid"])
            by_key[indicator.key] = row
            rows.append(row)
        rows.append(_cost_per_teacher(comparison, name, by_key))
    return pd.DataFrame(rows)


def _cost_per_teacher(comparison, name, by_key):
    """Extra public cost over the years compared, per extra teacher in post in the last year;
    only where teachers in post are materially higher. The interval: 5th-95th percentile over
    a bootstrap of the replicate pairs (over members for an ensemble)."""
    row = {"scenario": name, "key": COST_PER_TEACHER, "indicator": COST_PER_TEACHER_LABEL,
           "unit": "GBP per teacher", "difference": math.nan, "low": math.nan, "high": math.nan}
    teachers, cost = by_key.get("teachers_in_post"), by_key.get("public_cost_gbp")
    if teachers is None or cost is None:
        row["verdict"] = "not in the files"
        return row
    if teachers["verdict"] != VERDICTS["higher"]:
        row["verdict"] = "not defined: teachers in post are not materially higher"
        return row
    years = comparison.years[1] - comparison.years[0] + 1
    cost_indicator, teacher_indicator = (next(i for i in HEADLINE if i.key == key)
                                         for key in ("public_cost_gbp", "teachers_in_post"))
    cost_values = [values(comparison, n, cost_indicator) for n in (name, comparison.baseline)]
    teacher_values = [values(comparison, n, teacher_indicator) for n in (name, comparison.baseline)]
    shared = comparison.pairs[name]["replicates"]
    extra_cost = (cost_values[0][:, :shared] - cost_values[1][:, :shared]) * years
    extra_teachers = teacher_values[0][:, :shared] - teacher_values[1][:, :shared]
    generator = np.random.default_rng(20261202)
    if extra_cost.shape[0] > 1:
        units = np.stack([extra_cost.mean(axis=1), extra_teachers.mean(axis=1)], axis=1)
    else:
        units = np.stack([extra_cost[0], extra_teachers[0]], axis=1)
    draws = generator.integers(0, len(units), size=(2000, len(units)))
    sums = units[draws].sum(axis=1)
    ratios = np.where(sums[:, 1] > 0, sums[:, 0] / np.where(sums[:, 1] > 0, sums[:, 1], 1), np.nan)
    point = units[:, 0].sum() / units[:, 1].sum()
    low, high = (np.nanpercentile(ratios, [5, 95]) if np.isfinite(ratios).sum() >= 100 else (math.nan, math.nan))
    row.update(difference=float(point), low=float(low), high=float(high),
               verdict=f"extra cost over {years} years per extra teacher in post in {comparison.years[1]}")
    return row


def table(comparison, indicators):
    """Effects on indicators reported without verdicts (INPUTS, DECOMPOSITION)."""
    rows = []
    for name in comparison.scenarios:
        for indicator in indicators:
            row = effect(comparison, name, indicator)
            if row is not None:
                row["change_percent"] = _relative(row)
                rows.append(row)
    return pd.DataFrame(rows)


def levels(comparison, indicators):
    """Each scenario's mean level of each indicator, over members and replicates."""
    rows = []
    for name in comparison.sources:
        for indicator in indicators:
            table_ = values(comparison, name, indicator)
            if table_ is not None:
                mean, low, high = stats.interval(table_.ravel())
                rows.append({"scenario": name, "key": indicator.key, "indicator": indicator.label,
                             "unit": indicator.unit, "mean": mean, "low": low, "high": high})
    return pd.DataFrame(rows)


_SETTING = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*=\s*(.*?)\s*(?:#\s*(.*))?$")


def resolved_settings(text):
    """{group.name: (value, origin)} from a resolved scenario text (docs/OUTPUT.md,
    attribute 'scenario')."""
    settings, group = {}, ""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            group = stripped[1:-1].strip()
            continue
        match = _SETTING.match(stripped)
        if match:
            key = f"{group}.{match.group(1)}" if group else match.group(1)
            settings[key] = (match.group(2), (match.group(3) or "").strip())
    return settings


# Settings that say how a run was made, not what policy it models.
_NOT_LEVERS = {"run.seed", "run.replicates", "run.threads"}


def parameter_meanings(path=CALIBRATION.parent / "docs" / "PARAMETERS.md"):
    """{group.name: (unit, meaning)} from docs/PARAMETERS.md (generated from the parameter
    table by `ittsim params --markdown`); empty where the file is missing."""
    meanings, group = {}, ""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return meanings
    for line in lines:
        if line.startswith("## [") and line.rstrip().endswith("]"):
            group = line.strip()[4:-1]
        elif line.startswith("| `"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if len(cells) >= 6:
                meanings[f"{group}.{cells[0].strip('`')}"] = (cells[2], cells[5])
    return meanings


def levers(comparison):
    """For each scenario, the settings whose values differ from the baseline's: key, the
    baseline's value, the scenario's value, where the scenario's came from, and what the
    parameter means."""
    meanings = parameter_meanings()
    base = resolved_settings(comparison.sources[comparison.baseline].resolved)
    rows = []
    for name in comparison.scenarios:
        settings = resolved_settings(comparison.sources[name].resolved)
        for key in sorted(set(settings) | set(base)):
            if key in _NOT_LEVERS:
                continue
            mine, theirs = settings.get(key, ("(not set)", "")), base.get(key, ("(not set)", ""))
            if mine[0] != theirs[0]:
                unit, meaning = meanings.get(key, ("", ""))
                rows.append({"scenario": name, "parameter": key, "baseline_value": theirs[0], "scenario_value": mine[0],
                             "from": mine[1] or "default", "unit": unit, "meaning": meaning})
    return pd.DataFrame(rows, columns=["scenario", "parameter", "baseline_value", "scenario_value", "from", "unit",
                                       "meaning"])


def calibrated_parameters(path=CALIBRATION / "england-calibrate.ini"):
    """The behavioural parameters history matching constrained (docs/CALIBRATION.md)."""
    parser = configparser.ConfigParser(inline_comment_prefixes=("#",), interpolation=None)
    parser.optionxform = str
    try:
        with open(path, encoding="utf-8") as handle:
            parser.read_file(handle)
        return list(parser["parameters"])
    except (OSError, KeyError, configparser.Error):
        return []


def caveats(comparison, lever_table):
    """The short list of what the numbers cover, as sentences."""
    lines = []
    replicates = ", ".join(map(str, sorted({pair["replicates"] for pair in comparison.pairs.values()})))
    paired = all(pair["paired"] for pair in comparison.pairs.values())
    over = f"{replicates} {'paired' if paired else 'unpaired'} replicates"
    if comparison.ensemble:
        base = comparison.sources[comparison.baseline]
        parameters = list(base.member_values.columns)
        lines.append(f"Every scenario was run for each of {base.members} parameter sets (members; the "
                     f"{len(parameters)} parameters varied: {', '.join(parameters)}), {over} each. Each effect has two "
                     "intervals side by side, each the 5th-95th percentile of the members' Student's t "
                     "distributions: from replicate noise alone, all centred on the mean effect (what one parameter "
                     "set would report), and with each centred on its member's effect, which adds the uncertainty in "
                     "those parameters. Verdicts use the second; "
                     "P(sign) is the probability, over members and their noise, that the effect has the sign shown. "
                     "Other parameters, and the model's structure, are not varied.")
    else:
        lines.append(f"Intervals are 90% confidence intervals over {over}: they cover simulation noise only. They "
                     "do not cover uncertainty in the model's parameters or its structure; run the comparison over "
                     "the calibrated ensemble (scripts/compare-scenarios.sh --ensemble) to add the first.")
    lines.append("A verdict is 'material' only when the whole interval lies beyond the indicator's minimum important "
                 "difference (MID), and 'no material change' only when it lies wholly inside it; the MIDs are "
                 "judgements, listed below the table with their reasons.")
    calibrated = set(calibrated_parameters())
    changed = sorted(set(lever_table["parameter"])) if not lever_table.empty else []
    by_hand = [p for p in changed if p not in calibrated and not p.startswith("run.")]
    if by_hand:
        groups = sorted({p.split(".")[0] for p in by_hand})
        lines.append("The levers and the size of their effects (parameters of " + ", ".join(groups) + ") were set by "
                     "hand from the sources in docs/ODD.md, not calibrated: no published target measures them "
                     "(docs/CALIBRATION.md, 'Still set by hand'). The effects emerge from those settings through the "
                     "calibrated system.")
    if comparison.region:
        lines.append(f"Figures are for {comparison.region} only: schools' series by where the school is, trainees' "
                     "by where they train. Public cost is national only.")
    scale = resolved_settings(comparison.sources[comparison.baseline].resolved).get("population.scale", ("1", ""))[0]
    try:
        if float(scale) != 1:
            lines.append(f"The runs simulate a reduced England (population.scale = {scale}); counts are the "
                         "simulated world's, not England's.")
    except ValueError:
        pass
    return lines


def years_text(comparison):
    first, last = comparison.years
    text = f"Academic years {first}/{(first + 1) % 100:02d} to {last}/{(last + 1) % 100:02d}"
    if comparison.warm_up:
        start, end = comparison.warm_up
        text += f"; the warm-up years {start}-{end} (the synthetic start settling) "
        if first > end:
            text += "are excluded"
        else:
            text += f"are not excluded: {first}-{min(end, last)} are compared"
    return text + "."


# Headline outcomes the regional breakdown holds (public cost is national only).
REGIONAL = [i for i in HEADLINE if i.key not in ("public_cost_gbp",)]


def by_region(compared):
    """The headline effects in each simulated region: rows as headline()'s (without the cost
    per teacher) with a region column; empty for an ensemble (merged sweeps hold no regional
    breakdown) or a comparison already narrowed to one region."""
    if compared.ensemble or compared.region:
        return pd.DataFrame()
    tables = {name: source.by_region() for name, source in compared.sources.items()}
    regions = list(dict.fromkeys(tables[compared.baseline]["region"]))
    rows = []
    for region in regions:
        frames = {name: table[table["region"] == region].drop(columns=["region"]) for name, table in tables.items()}
        if not (frames[compared.baseline].drop(columns=["scenario", "replicate", "academic_year"]).to_numpy() != 0).any():
            continue
        narrowed = Comparison(
            sources={name: replace(source, yearly=frames[name].reset_index(drop=True).assign(member=0))
                     for name, source in compared.sources.items()},
            baseline=compared.baseline, years=compared.years, warm_up=compared.warm_up, region=region,
            ensemble=False, pairs=compared.pairs, mids=compared.mids)
        for name in compared.scenarios:
            for indicator in REGIONAL:
                row = effect(narrowed, name, indicator)
                if row is None:
                    continue
                row["mid"] = compared.mids[indicator.key] * max(abs(row["baseline"]), abs(row["level"]))
                row["change_percent"] = _relative(row)
                row["verdict"] = verdict(row["low"], row["high"], row["mid"])
                rows.append({"region": region, **row})
    return pd.DataFrame(rows)


def summary_sentences(compared, frame):
    """{scenario: [sentence]}: each headline outcome's verdict with its size, in order."""
    sentences = {}
    for name in compared.scenarios:
        mine = []
        for row in frame[frame["scenario"] == name].to_dict("records"):
            difference = row.get("difference", math.nan)
            if difference is None or (isinstance(difference, float) and math.isnan(difference)):
                mine.append(f"{row['indicator']}: {row['verdict']}.")
            elif row["key"] == COST_PER_TEACHER:
                mine.append(f"{row['indicator']}: £{number(difference)} (90% interval £{number(row['low'])} to "
                            f"£{number(row['high'])}), the {row['verdict']}.")
            else:
                change = percent(row.get("change_percent", math.nan))
                mine.append(f"{row['indicator']}: {row['verdict']}, " + ("" if change == "n/a" else f"{change} ")
                            + f"({signed(difference)} {row['unit']}; 90% interval"
                            f"{' over members and noise' if compared.ensemble else ''} {signed(row['low'])} to "
                            f"{signed(row['high'])}).")
        sentences[name] = mine
    return sentences


def displacement_sentence(compared, decomposition, name):
    """One sentence accounting for the change in teachers in post over the years compared: the
    changes in the flows into and out of posts, summed over the years, beside the change in
    the stock across them (from the year before the first, where the files have it). What was
    measured, not a cause."""
    rows = {r["key"]: r["difference"] for r in decomposition[decomposition["scenario"] == name].to_dict("records")}
    flows = [("new_teachers_employed", "new QTS holders hired", 1), ("returners_employed", "returners hired", 1),
             ("other_entrants_employed", "other entrants hired", 1), ("teacher_leavers", "leavers", -1),
             ("teacher_retirements", "retirements", -1)]
    if any(key not in rows for key, _, _ in flows) or "teachers_in_post" not in rows:
        return ""
    first, last = compared.years
    years = last - first + 1
    totals = {key: rows[key] * years for key, _, _ in flows}
    net = sum(sign * totals[key] for key, _, sign in flows)
    stock_end = rows["teachers_in_post"]
    before = first - 1
    stock_before = 0.0
    if all(source.start_year <= before for source in compared.sources.values()):
        earlier = replace(compared, years=(before, before))
        stock_before = effect(earlier, name, next(i for i in DECOMPOSITION if i.key == "teachers_in_post"))["difference"]
    parts = ", ".join(f"{label} {totals[key]:+,.0f}" for key, label, _ in flows)
    text = (f"Over {first}-{last}, changes from {compared.baseline} in the flows into and out of posts: {parts}; "
            f"hires less departures {net:+,.0f}. Teachers in post changed by {stock_end - stock_before:+,.0f} across "
            f"those years ({stock_before:+,.0f} in {before}, {stock_end:+,.0f} in {last}).")
    displaced = -(totals["returners_employed"] + totals["other_entrants_employed"])
    if totals["new_teachers_employed"] > 0 and displaced > 0:
        text += (f" Returners and other entrants hired fell by {displaced:,.0f}, against "
                 f"{totals['new_teachers_employed']:,.0f} more new QTS holders hired: posts follow pupil numbers, so "
                 "entrants compete for the same posts.")
    if "vacancies_unfilled" in rows:
        text += f" Vacancies left unfilled: {rows['vacancies_unfilled']:+,.0f} a year."
    return text
