"""The report: one self-contained HTML page (plots embedded) from runs and merged sweeps,
with its plots as PNG files and its tables as CSV beside it.

    /usr/bin/python3 -m analysis report baseline.h5 market_review.h5 ... -o DIR [--years A:B]

Runs are compared with the baseline (the run whose scenario is named "baseline", else the
first) replicate by replicate: replicate r of two scenarios shares its random streams, so
the paired difference isolates the policy's effect. Bands over time show the spread of
single runs (5th to 95th percentile of replicates); intervals on differences and means are
90% confidence intervals (Student's t over replicates).
"""

import base64
import datetime
import html
import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the non-interactive backend)
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from analysis import calibration, folders, load, stats  # noqa: E402
from analysis.compare import INDICATORS  # noqa: E402

# Series shown over time: (series, title, unit).
KEY_SERIES = [
    ("trainees_recruited", "Trainees recruited", "trainees a year"),
    ("placement_weeks_offered", "Placement weeks offered", "trainee-weeks a year"),
    ("schools_hosting", "Schools hosting trainees", "schools"),
    ("trainees_unplaced", "Trainees ever unplaced", "trainees a year"),
    ("withdrawals", "Withdrawals", "trainees a year"),
    ("qts_awarded", "QTS awarded", "trainees a year"),
    ("new_teachers_employed", "New teachers employed", "teachers a year"),
    ("teachers_in_post", "Teachers in post", "teachers"),
    ("teacher_moves", "Teachers moving school", "teachers a year"),
    ("qts_unemployed", "QTS holders seeking, without a post", "teachers (year end)"),
    ("public_cost_gbp", "Public cost of the levers", "GBP a year"),
]
NETWORK_SERIES = [
    ("networks", "Active networks", "networks"),
    ("network_members", "Network memberships", "memberships"),
    ("cross_school_ties", "Cross-school CPD ties formed", "ties a year"),
    ("lead_mentors", "Lead mentors in post", "teachers"),
]
SWEEP_OUTCOMES = ["placement_weeks_offered", "schools_hosting", "trainees_unplaced", "withdrawals", "qts_awarded",
                  "retention_1y"]
LABELS = {series: label for series, label, _ in INDICATORS}
COLOURS = plt.rcParams["axes.prop_cycle"].by_key()["color"]


def _style_axis(axis, years_on_x=True):
    """Whole years on the x axis; thousands separated on the y axis."""
    if years_on_x:
        axis.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True, nbins=6))
    axis.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(
        lambda value, _: f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}"))


class Figure:
    """A saved plot: its file and its caption."""

    def __init__(self, path, title, caption):
        self.path, self.title, self.caption = path, title, caption


class Report:
    """Where a report's plots and tables go, numbered in the order they are made."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.figures_folder = self.folder / "figures"
        self.tables_folder = self.folder / "tables"
        self.figures_folder.mkdir(parents=True, exist_ok=True)
        self.tables_folder.mkdir(parents=True, exist_ok=True)

    def save(self, figure, name, title, caption):
        path = self.figures_folder / f"{len(list(self.figures_folder.iterdir())):02d}_{name}.png"
        figure.savefig(path, dpi=110, bbox_inches="tight")
        plt.close(figure)
        return Figure(path, title, caption)

    def table(self, frame, name):
        path = self.tables_folder / f"{name}.csv"
        frame.to_csv(path, index=False)
        return path


def _figure_html(figure):
    data = base64.b64encode(figure.path.read_bytes()).decode("ascii")
    return (f'<figure><img alt="{html.escape(figure.title)}" src="data:image/png;base64,{data}">'
            f"<figcaption>{html.escape(figure.caption)} "
            f'<a href="figures/{figure.path.name}">PNG</a></figcaption></figure>')


def _number(value):
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


def _percent(value):
    if math.isnan(value):
        return "n/a"
    return f"{value:+.2f}%" if abs(value) < 1 else f"{value:+.1f}%"


def _table_html(frame, classes="numbers"):
    return frame.to_html(index=False, classes=classes, border=0, na_rep="n/a", escape=True)


def _year_range(runs, years):
    first = min(int(run.yearly["academic_year"].min()) for run in runs)
    last = max(int(run.yearly["academic_year"].max()) for run in runs)
    if years is None:
        return first, last
    return max(years[0], first), min(years[1], last)


def _replicate_values(run, series, how, years):
    """One value per replicate: the series' mean over the years (flows, rates) or its value
    in the last year (stocks), as analysis.compare combines them."""
    chosen = run.yearly[(run.yearly["academic_year"] >= years[0]) & (run.yearly["academic_year"] <= years[1])]
    if how == "last":
        last = chosen["academic_year"].max()
        return chosen[chosen["academic_year"] == last].set_index("replicate")[series]
    return chosen.groupby("replicate")[series].mean()


def headline_tables(runs, baseline, years):
    """Levels (median and 90% interval of the replicate mean) and paired differences."""
    levels, differences = [], []
    for name, run in runs.items():
        for series, label, how in INDICATORS:
            if series not in run.yearly:
                continue
            values = _replicate_values(run, series, how, years)
            mean, low, high = stats.interval(values)
            levels.append({"scenario": name, "indicator": label, "series": series, "mean": mean, "low": low,
                           "high": high, "replicates": int(values.notna().sum())})
            if baseline is None or name == baseline:
                continue
            base = _replicate_values(runs[baseline], series, how, years)
            paired = (values - base).dropna()
            mean_difference, low_difference, high_difference = stats.interval(paired)
            base_mean = float(base.mean())
            relative = 100 * mean_difference / base_mean if base_mean not in (0.0,) and not math.isnan(base_mean) else math.nan
            clear = not math.isnan(low_difference) and (low_difference > 0 or high_difference < 0)
            verdict = ("higher" if mean_difference > 0 else "lower") if clear else "no clear change"
            differences.append({"scenario": name, "indicator": label, "series": series, "baseline": base_mean,
                                "difference": mean_difference, "low": low_difference, "high": high_difference,
                                "change_percent": relative, "verdict": verdict, "pairs": len(paired)})
    return pd.DataFrame(levels), pd.DataFrame(differences)


def _varying(runs, series_list):
    """The series present in every run and not zero throughout (a cost no scenario incurs)."""
    return [entry for entry in series_list
            if all(entry[0] in run.yearly for run in runs.values())
            and any(run.yearly[entry[0]].abs().sum() > 0 for run in runs.values())]


def _panel_grid(series_list, draw, legend_title, title):
    """A grid of panels, three a row, one per (series, title, unit); draw(axis, series) plots
    into each. Returns the figure."""
    columns = 3
    rows = math.ceil(len(series_list) / columns)
    figure, axes = plt.subplots(rows, columns, figsize=(4.6 * columns, 3.2 * rows), squeeze=False)
    for axis, (series, panel_title, unit) in zip(axes.flat, series_list):
        draw(axis, series)
        axis.set_title(panel_title)
        axis.set_xlabel("academic year (starting September)")
        axis.set_ylabel(unit)
        axis.grid(alpha=0.3)
        _style_axis(axis)
    for axis in list(axes.flat)[len(series_list):]:
        axis.set_visible(False)
    axes.flat[0].legend(title=legend_title, fontsize="small")
    figure.suptitle(title)
    figure.tight_layout()
    return figure


def _time_panels(runs, series_list, report, name, title, caption):
    def draw(axis, series):
        for index, (scenario, run) in enumerate(runs.items()):
            spread = stats.band(run.yearly, "academic_year", series)
            colour = COLOURS[index % len(COLOURS)]
            axis.plot(spread["academic_year"], spread["median"], color=colour, label=scenario)
            axis.fill_between(spread["academic_year"], spread["low"], spread["high"], color=colour, alpha=0.2)

    figure = _panel_grid(_varying(runs, series_list), draw, "scenario (median; band 5-95%)", title)
    return report.save(figure, name, title, caption)


def _difference_panels(runs, baseline, report):
    others = [name for name in runs if name != baseline]

    def draw(axis, series):
        for index, name in enumerate(others, start=1):
            difference = stats.paired_differences(runs[name].yearly, runs[baseline].yearly, series)
            colour = COLOURS[index % len(COLOURS)]
            axis.plot(difference["academic_year"], difference["mean"], color=colour, marker="o", markersize=3, label=name)
            axis.fill_between(difference["academic_year"], difference["low"], difference["high"], color=colour, alpha=0.2)
        axis.axhline(0, color="black", linewidth=0.8)

    title = f"Difference from {baseline} (scenario − {baseline}), paired by replicate"
    figure = _panel_grid(_varying(runs, KEY_SERIES), draw, "scenario (mean; band 90% CI)", title)
    return report.save(figure, "differences", title,
                       f"Each scenario minus {baseline}, replicate by replicate (the pair shares its random streams); "
                       "line: mean difference, band: its 90% confidence interval. Where the band excludes 0 the policy "
                       "changed the indicator beyond the noise of the simulation.")


def _placement_by(runs, by, years):
    frames = []
    for name, run in runs.items():
        table = run.breakdown(by, ["placement_weeks_demanded", "placement_weeks_offered", "placement_weeks_filled"])
        table = table[(table["academic_year"] >= years[0]) & (table["academic_year"] <= years[1])]
        per_replicate = table.groupby(["replicate", by], sort=False)[
            ["placement_weeks_demanded", "placement_weeks_offered", "placement_weeks_filled"]].mean().reset_index()
        summary = per_replicate.groupby(by, sort=False).mean(numeric_only=True).drop(columns="replicate").reset_index()
        summary.insert(0, "scenario", name)
        summary["fill_rate"] = summary["placement_weeks_filled"] / summary["placement_weeks_demanded"]
        frames.append(summary)
    return pd.concat(frames, ignore_index=True)


def _placement_figure(runs, by_region, by_phase, report, years):
    names = list(runs)
    figure, axes = plt.subplots(len(names), 2, figsize=(14, 3.4 * len(names)), squeeze=False,
                                gridspec_kw={"width_ratios": [3, 1]})
    measures = [("placement_weeks_demanded", "demanded"), ("placement_weeks_offered", "offered"),
                ("placement_weeks_filled", "filled")]
    for row, name in enumerate(names):
        for column, (frame, by) in enumerate([(by_region, "region"), (by_phase, "phase")]):
            axis = axes[row][column]
            data = frame[(frame["scenario"] == name) & (frame[measures[0][0]] + frame[measures[1][0]] > 0)]
            positions = np.arange(len(data))
            width = 0.27
            for k, (series, label) in enumerate(measures):
                axis.bar(positions + (k - 1) * width, data[series], width, label=label, color=COLOURS[k])
            axis.set_xticks(positions)
            axis.set_xticklabels(data[by], rotation=30, ha="right", fontsize="small")
            axis.set_xlim(-0.6, max(len(data), 3) - 0.4)
            axis.set_ylabel("trainee-weeks a year")
            axis.set_title(f"{name}: placement weeks by {by}")
            axis.grid(axis="y", alpha=0.3)
            _style_axis(axis, years_on_x=False)
        axes[row][0].legend(fontsize="small")
    title = "Placement demand, offer and fill by region and phase"
    figure.suptitle(title)
    figure.tight_layout()
    return report.save(figure, "placements", title,
                       f"Mean a year over {years[0]}-{years[1]} and over replicates. Demanded: weeks trainees needed a "
                       "placement (by the trainee's region and phase); offered: places willing schools' mentors offered "
                       "(by the school's); filled: weeks trainees spent on placement. Regions not simulated are left out.")


def _providers_figure(runs, report, years, targets):
    figure, (left, right) = plt.subplots(1, 2, figsize=(13, 4), gridspec_kw={"width_ratios": [3, 2]})
    width = 0.8 / max(1, len(runs))
    shares = []
    for index, (name, run) in enumerate(runs.items()):
        distribution = run.distribution("hosting_schools_by_providers")
        distribution = distribution[(distribution["academic_year"] >= years[0]) & (distribution["academic_year"] <= years[1])]
        totals = distribution.groupby(["replicate", "category"], sort=False)["count"].sum().unstack()
        categories = list(dict.fromkeys(distribution["category"]))
        totals = totals[categories]
        share = totals.div(totals.sum(axis=1), axis=0)
        positions = np.arange(len(categories)) + (index - (len(runs) - 1) / 2) * width
        intervals = [stats.interval(share[c]) for c in categories]
        means = [i[0] for i in intervals]
        errors = np.array([[i[0] - i[1] for i in intervals], [i[2] - i[0] for i in intervals]])
        left.bar(positions, means, width, yerr=np.nan_to_num(errors), capsize=2, label=name,
                 color=COLOURS[index % len(COLOURS)])
        multi = 1 - share[categories[0]]
        shares.append((name, *stats.interval(multi)))
    left.set_xticks(np.arange(len(categories)))
    left.set_xticklabels(categories)
    left.set_xlabel("partner providers of a hosting school (year end)")
    left.set_ylabel("share of hosting schools")
    left.set_title("Hosting schools by number of providers")
    left.legend(fontsize="small")
    left.grid(axis="y", alpha=0.3)

    target = targets.get("share_hosting_multi_provider")
    if target:
        right.axhspan(target["low"], target["high"], color="grey", alpha=0.25, label="calibration band")
        right.axhline(target["reference"], color="black", linestyle="--", linewidth=1, label="calibration target")
    for index, (name, mean, low, high) in enumerate(shares):
        right.errorbar([index], [mean], yerr=[[mean - low], [high - mean]] if not math.isnan(low) else None, fmt="o",
                       capsize=4, color=COLOURS[index % len(COLOURS)])
    right.set_xticks(range(len(shares)))
    right.set_xticklabels([s[0] for s in shares], rotation=20, ha="right")
    right.set_ylabel("share of hosting schools")
    right.set_title("Working with more than one provider")
    right.set_ylim(0, 1)
    right.legend(fontsize="small", loc="lower right")
    right.grid(axis="y", alpha=0.3)
    title = "Providers per hosting school, against the calibration target"
    figure.suptitle(title)
    figure.tight_layout()
    band = f" (target {target['reference']:.2f}, band {target['low']:.2f}-{target['high']:.2f}, docs/CALIBRATION.md)" if target else ""
    return report.save(figure, "providers", title,
                       f"Share of hosting schools by number of partner providers, {years[0]}-{years[1]}, mean over "
                       f"replicates with 90% CI; right: the share with more than one provider{band}. The baseline "
                       "should sit in the grey band; a policy may move it out.")


AREA_TYPES = ["conurbation", "city and town", "rural"]
PROVIDER_MARKERS = {0: ("^", "HEI"), 2: ("s", "SCITT")}


def _cold_spots_by_region(runs, years):
    """Schools beyond an accredited provider's reach in the last year of the span, by region:
    mean over replicates per scenario. Runs written before format 5 are left out."""
    frames = []
    for name, run in runs.items():
        try:
            table = run.breakdown("region", ["schools_beyond_provider_reach"])
        except load.InputError:
            continue
        table = table[table["academic_year"] == years[1]]
        summary = table.groupby("region", sort=False)["schools_beyond_provider_reach"].mean().reset_index()
        summary.insert(0, "scenario", name)
        frames.append(summary)
    return pd.concat(frames, ignore_index=True) if frames else None


def _places_map(axis, run, base):
    """The base run's schools by area type and the local providers' bases; or why not."""
    try:
        schools, providers = load.read_places(run.path)
    except load.InputError as error:
        axis.text(0.5, 0.5, f"No map:\n{error}", ha="center", va="center", wrap=True, fontsize="small",
                  transform=axis.transAxes)
        axis.set_axis_off()
        return
    left = axis
    for code, label in enumerate(AREA_TYPES):
        chosen = schools[schools["area_type"] == code]
        left.scatter(chosen["easting_m"] / 1000, chosen["northing_m"] / 1000, s=1.5, color=COLOURS[code], label=label,
                     alpha=0.6, linewidths=0)
    for code, (marker, label) in PROVIDER_MARKERS.items():
        chosen = providers[providers["type"] == code]
        left.scatter(chosen["base_easting_m"] / 1000, chosen["base_northing_m"] / 1000, s=22, marker=marker,
                     facecolors="none", edgecolors="black", linewidths=0.8, label=f"{label} base")
    left.set_aspect("equal")
    left.set_xlabel("easting (km)")
    left.set_ylabel("northing (km)")
    left.set_title(f"{base}: schools by area type, providers' bases (replicate 0)")
    left.legend(fontsize="small", markerscale=3, loc="upper left")


def _places_figure(runs, base, cold_spots, report, years):
    figure, (left, right) = plt.subplots(1, 2, figsize=(14, 7.5), gridspec_kw={"width_ratios": [1, 1.2]})
    _places_map(left, runs[base], base)
    if cold_spots is not None:
        names = list(dict.fromkeys(cold_spots["scenario"]))
        regions = list(dict.fromkeys(cold_spots["region"]))
        width = 0.8 / max(1, len(names))
        positions = np.arange(len(regions))
        for index, name in enumerate(names):
            values = cold_spots[cold_spots["scenario"] == name].set_index("region").reindex(regions)
            right.bar(positions + (index - (len(names) - 1) / 2) * width, values["schools_beyond_provider_reach"], width,
                      label=name, color=COLOURS[index % len(COLOURS)])
        right.set_xticks(positions)
        right.set_xticklabels(regions, rotation=30, ha="right", fontsize="small")
        right.set_ylabel("schools")
        right.legend(fontsize="small")
    right.set_title(f"Cold spots in {years[1]}: schools with no accredited HEI or SCITT within reach")
    right.grid(axis="y", alpha=0.3)
    title = "Where schools and providers are, and cold spots"
    figure.suptitle(title)
    figure.tight_layout()
    return report.save(figure, "places", title,
                       f"Left: the schools of {base}'s first replicate on the British National Grid, coloured by area type, "
                       "and the bases of HEIs and SCITTs. Right: primary and secondary schools with no accredited HEI or "
                       f"SCITT based within geography.provider_reach_km at the end of {years[1]}, mean over replicates, by "
                       "region; re-accreditation can open them. A cold-spot school partners the nearest provider, whose "
                       "trainees seldom live within its travel distance, so it rarely hosts.")


def _placement_by_authority(runs, years):
    """Placement weeks demanded (by the trainee's home authority) and filled (by the school's),
    trainees unplaced and cold-spot schools in the last year of the span, by local authority:
    means over replicates per scenario, with the fill share. Runs without the breakdown (merged
    sweeps, files before format 7) are left out; None if none has it."""
    series = ["placement_weeks_demanded", "placement_weeks_filled", "trainees_unplaced", "schools_beyond_provider_reach"]
    frames = []
    for name, run in runs.items():
        try:
            table = run.breakdown("local_authority", series)
        except load.InputError:
            continue
        table = table[table["academic_year"] == years[1]]
        summary = table.groupby("local_authority", sort=False)[series].mean().reset_index()
        summary["fill_share"] = summary["placement_weeks_filled"] / summary["placement_weeks_demanded"].where(
            summary["placement_weeks_demanded"] > 0)
        summary.insert(0, "scenario", name)
        frames.append(summary)
    return pd.concat(frames, ignore_index=True) if frames else None


def _authority_centres(run):
    """Each local authority's column position and the mean location (km) of the run's schools in
    it, from the first replicate's places; None without places."""
    try:
        schools, _ = load.read_places(run.path)
    except load.InputError:
        return None
    centres = schools.groupby("local_authority")[["easting_m", "northing_m"]].mean() / 1000
    return centres.rename(columns={"easting_m": "easting_km", "northing_m": "northing_km"})


def _authority_figure(runs, base, by_authority, report, years):
    names = list(dict.fromkeys(by_authority["scenario"]))
    centres = _authority_centres(runs[base])
    figure, axes = plt.subplots(1, len(names), figsize=(5.2 * len(names), 6), squeeze=False)
    codes = list(dict.fromkeys(by_authority["local_authority"]))
    for axis, name in zip(axes[0], names):
        table = by_authority[by_authority["scenario"] == name].set_index("local_authority").reindex(codes)
        if centres is None:
            axis.text(0.5, 0.5, "No map: no places in the baseline's file", ha="center", va="center", transform=axis.transAxes)
            axis.set_axis_off()
            continue
        # Column k of the tables is authority k of the table the schools' local_authority indexes.
        located = centres.reindex(range(len(codes)))
        demand = table["placement_weeks_demanded"].to_numpy()
        sizes = 8 + 120 * demand / max(1.0, np.nanmax(demand))
        points = axis.scatter(located["easting_km"], located["northing_km"], s=sizes, c=table["fill_share"].to_numpy(),
                              cmap="RdYlGn", vmin=0.8, vmax=1.0, edgecolors="none")
        cold = table["schools_beyond_provider_reach"].to_numpy() > 0
        axis.scatter(located["easting_km"][cold], located["northing_km"][cold], s=sizes[cold], facecolors="none",
                     edgecolors="black", linewidths=0.8, label="with cold-spot schools")
        axis.set_aspect("equal")
        axis.set_title(f"{name}, {years[1]}", fontsize="medium")
        axis.set_xlabel("easting (km)")
        axis.legend(fontsize="x-small", loc="upper left")
    axes[0][0].set_ylabel("northing (km)")
    if centres is not None:
        figure.colorbar(points, ax=axes[0].tolist(), shrink=0.7, label="placement weeks filled / demanded")
    title = "Placement fill by local authority"
    figure.suptitle(title)
    return report.save(figure, "placement_by_authority", title,
                       f"Each local authority at the mean location of its schools (the baseline's first replicate), sized "
                       f"by the placement weeks its trainees needed in {years[1]} and coloured by weeks filled over weeks "
                       "needed, means over replicates; ringed where some of its schools have no accredited HEI or SCITT "
                       "within reach. Weeks needed count where the trainee lives, weeks filled where the school is, so "
                       "an authority whose trainees train next door can show more than 1 (drawn as 1).")


def _has_cohorts(run):
    """Whether a run file holds cohorts and new QTS holders' destinations (format 8 on)."""
    return run.attributes.get("format_version", 0) >= load.COHORTS_FORMAT


def _older_files_note(runs, what):
    """A paragraph naming the runs written before format 8, which lack what; empty if none."""
    older = [name for name, run in runs.items() if not _has_cohorts(run)]
    if not older:
        return []
    return [f"<p>No {what} for {', '.join(html.escape(name) for name in older)}: "
            f"{'its file was' if len(older) == 1 else 'their files were'} written by an ittsim before format "
            f"{load.COHORTS_FORMAT}.</p>"]


def _retention_curves(cohorts):
    """Each scenario's cohorts' retention k years on: median, 5th and 95th percentile over
    the replicates that reached it, and their number; cells no replicate reached left out."""
    keys = ["entry_year", "years_since_qualifying"]
    frames = []
    for name, frame in cohorts.items():
        defined = frame.dropna(subset=["retained"])
        curves = stats.band(defined, keys, "retained").rename(columns={"low": "p05", "high": "p95"})
        curves = curves.merge(defined.groupby(keys).size().rename("replicates").reset_index(), on=keys)
        curves.insert(0, "scenario", name)
        frames.append(curves)
    return pd.concat(frames, ignore_index=True)


def _retention_by_scenario(frame, replicates):
    """The mean over cohorts and replicates of each k-year retention, from the cells (cohort,
    k) every replicate reached."""
    defined = frame.dropna(subset=["retained"])
    reached = defined.groupby(["entry_year", "years_since_qualifying"])["retained"].transform("size")
    return defined[reached == replicates].groupby("years_since_qualifying")["retained"].mean()


def _retention_targets(axis, targets, labelled):
    """The calibration targets for 1 and 5 years, black with their bands."""
    for key, x in (("retention_1y", 1), ("retention_5y", 5)):
        if key in targets:
            target = targets[key]
            axis.errorbar([x + 0.12], [target["reference"]], yerr=[[target["reference"] - target["low"]],
                          [target["high"] - target["reference"]]], fmt="s", color="black", capsize=3,
                          label="calibration target" if labelled and x == 1 else None)


def _retention_figure(runs, cohorts, curves, report, targets):
    names = list(cohorts)
    entry_years = sorted(set(curves["entry_year"]))
    panels = len(names) + 1
    columns = min(3, panels)
    rows = math.ceil(panels / columns)
    figure, axes = plt.subplots(rows, columns, figsize=(4.8 * columns, 3.8 * rows), squeeze=False, sharey=True)
    for axis, name in zip(axes.flat, names):
        for entry_year, curve in curves[curves["scenario"] == name].groupby("entry_year"):
            colour = plt.cm.viridis(entry_years.index(entry_year) / max(1, len(entry_years) - 1))
            axis.plot([0, *curve["years_since_qualifying"]], [1, *curve["median"]], marker="o", markersize=2.5,
                      color=colour, label=f"{entry_year}/{(entry_year + 1) % 100:02d}")
        _retention_targets(axis, targets, axis is axes.flat[0])
        axis.set_title(f"{name}: retention by cohort")
    comparison = axes.flat[len(names)]
    for index, name in enumerate(names):
        means = _retention_by_scenario(cohorts[name], runs[name].replicates)
        comparison.plot([0, *means.index], [1, *means], marker="o", markersize=3, color=COLOURS[index % len(COLOURS)],
                        label=name)
    _retention_targets(comparison, targets, False)
    comparison.set_title("Scenarios: mean over cohorts and replicates")
    comparison.legend(title="scenario", fontsize="x-small")
    for axis in list(axes.flat)[:panels]:
        axis.set_xlabel("years since qualifying")
        axis.set_xticks(range(load.RETENTION_YEARS + 1))
        axis.set_xlim(-0.3, load.RETENTION_YEARS + 0.5)
        axis.grid(alpha=0.3)
    for axis in list(axes.flat)[panels:]:
        axis.set_visible(False)
    for row in axes:
        row[0].set_ylabel("share of the cohort in service")
    axes.flat[0].legend(title="cohort starting (median)", fontsize="x-small")
    title = "Retention curves to ten years by cohort of new teachers"
    figure.suptitle(title)
    figure.tight_layout()
    return report.save(figure, "retention_curves", title,
                       "DfE's measure of retention: the share of each cohort of newly qualified teachers (by the "
                       "academic year they started teaching) still in service in any state school 1 to 10 years after "
                       "starting, so a teacher who moves school has not left. One panel per scenario, one line per "
                       "cohort (median over replicates), stopping where the run ends; last panel: each scenario's mean "
                       "over cohorts and replicates of each year's value, from the cohorts every replicate reached. "
                       "Black: the calibration targets for 1 and 5 years with their bands (docs/CALIBRATION.md); years "
                       "2 to 10 other than 5 are not calibrated: they emerge from the model. Table: "
                       "tables/retention_curves.csv (median, 5th and 95th percentile over replicates).")


# This year's new QTS holders' destinations: (series, label, colour).
DESTINATIONS = [("new_qts_employed", "took a post", COLOURS[2]),
                ("new_qts_unemployed", "sought a post, found none", COLOURS[3]),
                ("new_qts_not_seeking", "did not seek a post", COLOURS[7])]
# Vacancies by how they were filled, by subject group: (distribution, column).
VACANCY_SOURCES = [("new_qts_hired_by_subject", "new_qts"), ("movers_hired_by_subject", "movers"),
                   ("returners_hired_by_subject", "returners"), ("other_entrants_hired_by_subject", "other_entrants"),
                   ("out_of_field_hired_by_subject", "out_of_field"), ("vacancies_unfilled_by_subject", "unfilled")]


def _destination_summary(table, by, name):
    """Mean a year over the span and over replicates of each destination per value of by,
    with the new QTS holders in all and each destination's share; groups with none left out."""
    series = [s for s, _, _ in DESTINATIONS]
    per_replicate = table.groupby(["replicate", by], sort=False)[series].mean().reset_index()
    summary = per_replicate.groupby(by, sort=False)[series].mean().reset_index()
    summary["new_qts"] = summary[series].sum(axis=1)
    summary = summary[summary["new_qts"] > 0].copy()
    for s in series:
        summary[s.replace("new_qts_", "share_")] = summary[s] / summary["new_qts"]
    summary.insert(0, "scenario", name)
    return summary


def _destinations(runs, years):
    """This year's new QTS holders employed, seeking but unemployed and not seeking, by the
    trainee's phase and by route (runs of format 8 on): two frames, or None for both if no
    run has them."""
    series = [s for s, _, _ in DESTINATIONS]
    by_phase, by_route = [], []
    for name, run in runs.items():
        if not _has_cohorts(run):
            continue
        table = run.breakdown("phase", series)
        table = table[(table["academic_year"] >= years[0]) & (table["academic_year"] <= years[1])]
        by_phase.append(_destination_summary(table, "phase", name))
        routes = None
        for s in series:
            distribution = run.distribution(f"{s}_by_route").rename(columns={"category": "route", "count": s})
            routes = distribution if routes is None else routes.merge(
                distribution, on=["scenario", "replicate", "academic_year", "route"], sort=False)
        routes = routes[(routes["academic_year"] >= years[0]) & (routes["academic_year"] <= years[1])]
        by_route.append(_destination_summary(routes, "route", name))
    if not by_phase:
        return None, None
    return pd.concat(by_phase, ignore_index=True), pd.concat(by_route, ignore_index=True)


def _vacancies_by_source(runs, years):
    """Vacancies filled by each source and left unfilled, by subject group: mean a year over
    the span and over replicates (runs of format 8 on); None if no run has them."""
    frames = []
    for name, run in runs.items():
        if not _has_cohorts(run):
            continue
        summary = None
        for distribution_name, column in VACANCY_SOURCES:
            distribution = run.distribution(distribution_name)
            distribution = distribution[(distribution["academic_year"] >= years[0])
                                        & (distribution["academic_year"] <= years[1])]
            per_replicate = distribution.groupby(["replicate", "category"], sort=False)["count"].mean().reset_index()
            means = per_replicate.groupby("category", sort=False)["count"].mean().rename(column).reset_index()
            summary = means if summary is None else summary.merge(means, on="category", sort=False)
        summary = summary.rename(columns={"category": "subject_group"})
        summary["vacancies"] = summary[["new_qts", "movers", "returners", "other_entrants", "unfilled"]].sum(axis=1)
        summary["unfilled_share"] = summary["unfilled"] / summary["vacancies"].where(summary["vacancies"] > 0)
        summary.insert(0, "scenario", name)
        frames.append(summary)
    return pd.concat(frames, ignore_index=True) if frames else None


def _destinations_figure(by_phase, by_route, report, years):
    names = list(dict.fromkeys(by_phase["scenario"]))
    columns = min(2, len(names))
    rows = math.ceil(len(names) / columns)
    bars = max(len(by_phase[by_phase["scenario"] == name]) + len(by_route[by_route["scenario"] == name]) for name in names)
    figure, axes = plt.subplots(rows, columns, figsize=(7.2 * columns, (0.42 * bars + 1.3) * rows), squeeze=False)
    for axis, name in zip(axes.flat, names):
        phases = by_phase[by_phase["scenario"] == name].rename(columns={"phase": "group"})
        routes = by_route[by_route["scenario"] == name].rename(columns={"route": "group"})
        data = pd.concat([phases, routes], ignore_index=True)
        # Phases on top, then a gap and a line, then routes.
        positions = np.concatenate([np.arange(len(phases)), len(phases) + 0.5 + np.arange(len(routes))])
        left = np.zeros(len(data))
        for series, label, colour in DESTINATIONS:
            share = data[series.replace("new_qts_", "share_")].to_numpy()
            axis.barh(positions, share, left=left, color=colour, label=label)
            for y, start, width in zip(positions, left, share):
                if width >= 0.06:
                    axis.text(start + width / 2, y, f"{width:.0%}", ha="center", va="center", fontsize="x-small")
            left += share
        axis.axhline(len(phases) - 0.25, color="black", linewidth=0.8)
        axis.set_yticks(positions)
        axis.set_yticklabels([f"{group} ({total:,.0f} a year)" for group, total in zip(data["group"], data["new_qts"])],
                             fontsize="small")
        axis.set_ylim(bars, -0.5)
        axis.set_xlim(0, 1)
        axis.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1))
        axis.set_xlabel("share of the year's new QTS holders")
        axis.set_title(f"{name}: by phase (top) and by route")
        axis.grid(axis="x", alpha=0.3)
    for axis in list(axes.flat)[len(names):]:
        axis.set_visible(False)
    title = "Destinations of new teachers"
    figure.suptitle(title)
    figure.tight_layout()
    figure.legend(*axes[0][0].get_legend_handles_labels(), loc="lower center", ncol=len(DESTINATIONS),
                  bbox_to_anchor=(0.5, -0.04), fontsize="small")
    return report.save(figure, "new_teacher_destinations", title,
                       f"Each year's new QTS holders at the year end, {years[0]}-{years[1]}: took a post in a state "
                       "school, sought one and found none, or did not seek one; by the trainee's phase (above the line) "
                       "and by route (below), as shares of the new QTS holders (the number a year beside each bar; means "
                       "over the years and replicates). Earlier years' QTS holders still seeking are not in the bars "
                       "(the yearly series qts_unemployed and earlier_qts_employed count them). Tables: "
                       "tables/new_teacher_destinations_by_phase.csv, tables/new_teacher_destinations_by_route.csv.")


def _vacancies_html(vacancies, years):
    shown = vacancies[["scenario", "subject_group", "new_qts", "movers", "returners", "other_entrants", "out_of_field",
                       "unfilled", "unfilled_share"]].copy()
    for column in ("new_qts", "movers", "returners", "other_entrants", "out_of_field", "unfilled"):
        shown[column] = shown[column].map(_number)
    shown["unfilled_share"] = shown["unfilled_share"].map(lambda v: "n/a" if math.isnan(v) else f"{v:.1%}")
    shown = shown.rename(columns={"subject_group": "subject group", "new_qts": "new QTS", "other_entrants": "other entrants",
                                  "out_of_field": "of these out of field", "unfilled_share": "share unfilled"})
    return ("<h3>Vacancies filled by source, by subject group</h3>"
            f"<p>Posts a year, {years[0]}-{years[1]}, means over replicates: filled by QTS holders (this year's and "
            "earlier years'), by teachers moving from another state school, by returners and by other entrants new to "
            "the state sector, or left unfilled after the job market (share unfilled: of the four sources and the "
            "unfilled together). Out of field: secondary posts filled by a teacher of another subject group, counted "
            "in the sources before it. Table: <a href='tables/vacancies_by_source.csv'>vacancies_by_source.csv</a>."
            "</p>" + _table_html(shown))


def _headline_html(levels, differences, baseline):
    parts = []
    if not differences.empty:
        items = []
        for name, group in differences.groupby("scenario", sort=False):
            clear = group[group["verdict"] != "no clear change"].copy()
            clear["size"] = clear["change_percent"].abs()
            top = clear.sort_values("size", ascending=False).head(5)
            phrases = [f"{html.escape(r.indicator)} {_percent(r.change_percent)} ({_number(r.difference)}, 90% CI "
                       f"{_number(r.low)} to {_number(r.high)})" for r in top.itertuples() if not math.isnan(r.change_percent)]
            unclear = len(group) - len(clear)
            text = "; ".join(phrases) if phrases else "no indicator changed clearly"
            items.append(f"<li><b>{html.escape(name)}</b> vs {html.escape(baseline)}: {text}. "
                         f"{unclear} of {len(group)} headline indicators show no clear change.</li>")
        parts.append("<p>What each policy changed most, relative to the baseline, where the 90% interval of the "
                     "paired difference excludes zero:</p><ul>" + "".join(items) + "</ul>")
        for name, group in differences.groupby("scenario", sort=False):
            shown = group[["indicator", "baseline", "difference", "low", "high", "change_percent", "verdict"]].copy()
            for column in ("baseline", "difference", "low", "high"):
                shown[column] = shown[column].map(_number)
            shown["change_percent"] = shown["change_percent"].map(_percent)
            shown = shown.rename(columns={"baseline": f"{baseline} mean", "low": "90% CI low", "high": "90% CI high",
                                          "change_percent": "change"})
            parts.append(f"<h3>{html.escape(name)} minus {html.escape(baseline)}</h3>" + _table_html(shown))
    level_table = levels.pivot(index="indicator", columns="scenario", values="mean")
    level_table = level_table.reindex([label for _, label, _ in INDICATORS if label in level_table.index])
    level_table = level_table[list(dict.fromkeys(levels["scenario"]))].applymap(_number).reset_index()
    level_table.columns.name = None
    parts.append("<h3>Levels</h3><p>Mean over replicates.</p>" + _table_html(level_table))
    return parts


def _sweep_section(sweep, report, name, years):
    data = sweep.yearly[(sweep.yearly["academic_year"] >= years[0]) & (sweep.yearly["academic_year"] <= years[1])]
    outcomes = [o for o in SWEEP_OUTCOMES if o in data]
    per_replicate = data.groupby(["point", "replicate"])[outcomes].mean().reset_index()
    per_replicate = per_replicate.merge(sweep.points[["point", *sweep.parameters]], on="point")
    per_point_rows = []
    for point, group in per_replicate.groupby("point"):
        row = {"point": point, **{p: group[p].iloc[0] for p in sweep.parameters}}
        for outcome in outcomes:
            mean, low, high = stats.interval(group[outcome])
            row.update({outcome: mean, f"{outcome}_low": low, f"{outcome}_high": high})
        per_point_rows.append(row)
    per_point = pd.DataFrame(per_point_rows)
    csv_points = report.table(per_point, f"{name}_points")
    parts = [f"<p>{len(sweep.points)} points ({int((sweep.points['status'] == 'complete').sum())} complete) × "
             f"{sweep.replicates} replicates; varied: {', '.join(html.escape(p) for p in sweep.parameters)}; outcomes "
             f"averaged over {years[0]}-{years[1]}. Table: <a href='tables/{csv_points.name}'>{csv_points.name}</a>.</p>"]

    figure, axes = plt.subplots(len(outcomes), len(sweep.parameters), figsize=(4.4 * len(sweep.parameters), 2.8 * len(outcomes)),
                                squeeze=False)
    for row, outcome in enumerate(outcomes):
        for column, parameter in enumerate(sweep.parameters):
            axis = axes[row][column]
            axis.errorbar(per_point[parameter], per_point[outcome],
                          yerr=[np.nan_to_num(per_point[outcome] - per_point[f"{outcome}_low"]),
                                np.nan_to_num(per_point[f"{outcome}_high"] - per_point[outcome])],
                          fmt="o", markersize=4, capsize=2, alpha=0.8, label="point: mean, 90% CI")
            axis.set_xlabel(parameter)
            axis.set_ylabel(LABELS.get(outcome, outcome), fontsize="small")
            axis.grid(alpha=0.3)
    axes[0][0].legend(fontsize="small")
    title = f"{name}: each outcome against each varied parameter"
    figure.suptitle(title)
    figure.tight_layout()
    figures = [report.save(figure, f"{name}_outcomes", title,
                           "One dot per point: the mean over replicates with its 90% CI; points that share a value of "
                           "the parameter on the x axis differ in the other parameters.")]

    if len(sweep.parameters) >= 2:
        first, second = sweep.parameters[:2]
        shown = outcomes[:4]
        figure, axes = plt.subplots(1, len(shown), figsize=(4.6 * len(shown), 3.8), squeeze=False)
        for axis, outcome in zip(axes[0], shown):
            grid = per_point.groupby([second, first])[outcome].mean().unstack()
            image = axis.imshow(grid.to_numpy(), origin="lower", aspect="auto", cmap="viridis")
            axis.set_xticks(range(len(grid.columns)))
            axis.set_xticklabels([f"{v:g}" for v in grid.columns], rotation=45, fontsize="small")
            axis.set_yticks(range(len(grid.index)))
            axis.set_yticklabels([f"{v:g}" for v in grid.index], fontsize="small")
            axis.set_xlabel(first)
            axis.set_ylabel(second)
            axis.set_title(LABELS.get(outcome, outcome), fontsize="small")
            figure.colorbar(image, ax=axis, shrink=0.8).set_label(LABELS.get(outcome, outcome), fontsize="small")
        title = f"{name}: {first} × {second}"
        figure.suptitle(title)
        figure.tight_layout()
        figures.append(report.save(figure, f"{name}_heatmap", title,
                                   "Mean outcome over replicates (and over any other varied parameter) for each pair "
                                   "of values; a Latin hypercube's values are too many for cells, so this suits grids."))

    rankings = []
    for outcome in outcomes:
        ranking = stats.prcc(per_replicate[sweep.parameters], per_replicate[outcome])
        ranking.insert(0, "outcome", outcome)
        rankings.append(ranking)
    rankings = pd.concat(rankings, ignore_index=True)
    csv_prcc = report.table(rankings, f"{name}_prcc")
    columns = min(3, len(outcomes))
    rows = math.ceil(len(outcomes) / columns)
    figure, axes = plt.subplots(rows, columns, figsize=(4.4 * columns, (0.5 * len(sweep.parameters) + 1.6) * rows),
                                squeeze=False, sharey=True)
    for axis in list(axes.flat)[len(outcomes):]:
        axis.set_visible(False)
    for axis, outcome in zip(axes.flat, outcomes):
        ranking = rankings[rankings["outcome"] == outcome].set_index("parameter").reindex(sweep.parameters)
        errors = np.array([ranking["prcc"] - ranking["low"], ranking["high"] - ranking["prcc"]])
        axis.barh(range(len(ranking)), ranking["prcc"], xerr=np.nan_to_num(errors), capsize=3,
                  color=[COLOURS[0] if v >= 0 else COLOURS[3] for v in ranking["prcc"].fillna(0)])
        axis.set_yticks(range(len(ranking)))
        axis.set_yticklabels(ranking.index, fontsize="small")
        axis.axvline(0, color="black", linewidth=0.8)
        axis.set_xlim(-1, 1)
        axis.set_xlabel("PRCC")
        axis.set_title(LABELS.get(outcome, outcome), fontsize="small")
    title = f"{name}: influence of each parameter (partial rank correlation)"
    figure.suptitle(title)
    figure.tight_layout()
    figures.append(report.save(figure, f"{name}_prcc", title,
                               "Partial rank correlation coefficients (PRCC): each replicate is one observation; the "
                               "parameter and the outcome (mean over the years) are rank-transformed, the ranks of the "
                               "other parameters are regressed out of both, and the residuals correlated. Bars: 90% "
                               "interval from Fisher's z with n − 3 − (k − 1) degrees of freedom. |PRCC| near 1: the "
                               "outcome moves monotonically with the parameter whatever the others do."))
    parts += [_figure_html(f) for f in figures]
    parts.append(f"<p>Ranking table: <a href='tables/{csv_prcc.name}'>{csv_prcc.name}</a>.</p>")
    return parts


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: sans-serif; max-width: 1300px; margin: 1em auto; padding: 0 1em; color: #222; }}
h1 {{ font-size: 1.6em; }} h2 {{ border-bottom: 1px solid #ccc; margin-top: 1.6em; }}
table.numbers {{ border-collapse: collapse; font-size: 0.88em; margin: 0.6em 0; }}
table.numbers th, table.numbers td {{ padding: 2px 8px; border-bottom: 1px solid #eee; text-align: right; }}
table.numbers td:first-child {{ text-align: left; }}
h3 {{ font-size: 1.05em; margin-bottom: 0.2em; }}
figure {{ margin: 1em 0; }} figure img {{ max-width: 100%; }} figcaption {{ font-size: 0.88em; color: #444; }}
.meta {{ color: #555; font-size: 0.9em; }}
</style></head><body>
<h1>{title}</h1>
<p class="meta">{meta}</p>
{body}
</body></html>
"""


REPORT_ENTRIES = {"index.html", "figures", "tables"}


def build_report(paths, folder, years=None, baseline=None):
    """Writes folder/index.html, folder/figures/*.png and folder/tables/*.csv. Returns the
    index path. The report is written whole (folders.write_whole): a failure (a bad input
    file) leaves no report folder and an earlier report intact; a folder holding anything
    but an earlier report is refused."""
    folder = Path(folder)
    folders.write_whole(folder, REPORT_ENTRIES, "report", lambda staging: _write_report(paths, staging, years, baseline))
    return folder / "index.html"


def _write_report(paths, folder, years, baseline):
    runs_paths = [p for p in paths if load.file_kind(p) == "run"]
    sweep_paths = [p for p in paths if load.file_kind(p) == "sweep"]
    runs = load.read_scenarios(runs_paths) if runs_paths else {}
    report = Report(folder)
    targets = calibration.targets()
    sections = []
    meta = [f"Generated {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC from "
            + ", ".join(html.escape(str(p)) for p in paths) + "."]
    if runs:
        if baseline is not None and baseline not in runs:
            raise load.InputError(f"--baseline {baseline}: no such scenario among {', '.join(runs)}")
        base = baseline or ("baseline" if "baseline" in runs else next(iter(runs)))
        span = _year_range(runs.values(), years)
        replicates = sorted({run.replicates for run in runs.values()})
        meta.append(f"Scenarios: {', '.join(runs)}; baseline: {base}; replicates: {', '.join(map(str, replicates))}; "
                    f"headline figures over academic years {span[0]}-{span[1]}.")
        compared = base if len(runs) > 1 else None
        levels, differences = headline_tables(runs, compared, span)
        report.table(levels, "headline_levels")
        if not differences.empty:
            report.table(differences, "headline_differences")
        sections.append(("Headline numbers", _headline_html(levels, differences, base)
                         + ["<p>Tables: <a href='tables/headline_levels.csv'>headline_levels.csv</a>"
                            + (", <a href='tables/headline_differences.csv'>headline_differences.csv</a>"
                               if not differences.empty else "") + ".</p>"]))
        by_year = []
        for name, run in runs.items():
            for series, _, _ in KEY_SERIES + NETWORK_SERIES:
                if series in run.yearly:
                    spread = stats.band(run.yearly, "academic_year", series)
                    spread.insert(0, "series", series)
                    spread.insert(0, "scenario", name)
                    by_year.append(spread)
        report.table(pd.concat(by_year, ignore_index=True), "indicators_by_year")
        figure = _time_panels(runs, KEY_SERIES, report, "indicators", "Key indicators over time",
                              "Median over replicates (line) and the 5th-95th percentile of single replicates "
                              "(band), by academic year. Table: tables/indicators_by_year.csv.")
        sections.append(("Key indicators over time", [_figure_html(figure)]))
        if compared:
            sections.append((f"Difference from {base}", [_figure_html(_difference_panels(runs, base, report))]))
        by_region = _placement_by(runs, "region", span)
        by_phase = _placement_by(runs, "phase", span)
        report.table(by_region, "placement_by_region")
        report.table(by_phase, "placement_by_phase")
        sections.append(("Placements by region and phase", [
            _figure_html(_placement_figure(runs, by_region, by_phase, report, span)),
            "<p>Tables: <a href='tables/placement_by_region.csv'>placement_by_region.csv</a>, "
            "<a href='tables/placement_by_phase.csv'>placement_by_phase.csv</a> (with the fill rate, filled over "
            "demanded).</p>"]))
        sections.append(("Providers per hosting school", [_figure_html(_providers_figure(runs, report, span, targets))]))
        cold_spots = _cold_spots_by_region(runs, span)
        if cold_spots is not None:
            report.table(cold_spots, "cold_spots_by_region")
        sections.append(("Where schools and providers are", [
            _figure_html(_places_figure(runs, base, cold_spots, report, span)),
            "<p>Table: <a href='tables/cold_spots_by_region.csv'>cold_spots_by_region.csv</a>.</p>"
            if cold_spots is not None else "<p>No cold spots: these files were written before format 5.</p>"]))
        by_authority = _placement_by_authority(runs, span)
        if by_authority is not None:
            report.table(by_authority, "placement_by_local_authority")
            sections.append(("Placements by local authority", [
                _figure_html(_authority_figure(runs, base, by_authority, report, span)),
                "<p>Table: <a href='tables/placement_by_local_authority.csv'>placement_by_local_authority.csv</a> "
                "(GSS codes; names in the output's <code>column_names</code> attribute).</p>"]))
        by_phase, by_route = _destinations(runs, span)
        vacancies = _vacancies_by_source(runs, span)
        if by_phase is not None:
            report.table(by_phase, "new_teacher_destinations_by_phase")
            report.table(by_route, "new_teacher_destinations_by_route")
            report.table(vacancies, "vacancies_by_source")
            sections.append(("Destinations of new teachers", [
                _figure_html(_destinations_figure(by_phase, by_route, report, span)),
                "<p>Tables: <a href='tables/new_teacher_destinations_by_phase.csv'>new_teacher_destinations_by_phase.csv"
                "</a>, <a href='tables/new_teacher_destinations_by_route.csv'>new_teacher_destinations_by_route.csv</a> "
                "(numbers a year and shares).</p>", _vacancies_html(vacancies, span),
                *_older_files_note(runs, "destinations")]))
        else:
            sections.append(("Destinations of new teachers", _older_files_note(runs, "destinations")))
        cohorts = {name: run.cohorts() for name, run in runs.items() if _has_cohorts(run)}
        curves = _retention_curves(cohorts) if cohorts else None
        retention = _older_files_note(runs, "retention curves")
        if curves is not None and curves.empty:
            retention.append("<p>No retention curves: no cohort of new teachers has completed a year in service "
                             "within the runs.</p>")
        elif curves is not None:
            report.table(curves, "retention_curves")
            retention.insert(0, _figure_html(_retention_figure(runs, cohorts, curves, report, targets)))
        sections.append(("Retention", retention))
        sections.append(("Networks and cross-school ties", [_figure_html(_time_panels(
            runs, NETWORK_SERIES, report, "networks", "Networks, CPD ties and lead mentors",
            "Median over replicates and the 5th-95th percentile band, after each summer's network review."))]))
    for path in sweep_paths:
        sweep = load.read_sweep(path)
        name = Path(path).stem
        span = _year_range([sweep], years)
        meta.append(f"Sweep {html.escape(name)}: {len(sweep.points)} points.")
        sections.append((f"Sweep: {name}", _sweep_section(sweep, report, name, span)))
    body = "\n".join(f"<h2>{html.escape(title)}</h2>\n" + "\n".join(parts) for title, parts in sections)
    title = "ittsim report" + (f": {', '.join(runs)}" if runs else "")
    (report.folder / "index.html").write_text(PAGE.format(title=html.escape(title), meta=" ".join(meta), body=body),
                                              encoding="utf-8")
