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
from dataclasses import replace
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the non-interactive backend)
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from analysis import calibration, compare, comparison, export, folders, load, stats  # noqa: E402

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
LABELS = {i.key: i.label for i in comparison.HEADLINE + comparison.INPUTS}
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


_number = comparison.number


def _table_html(frame, classes="numbers"):
    return frame.to_html(index=False, classes=classes, border=0, na_rep="n/a", escape=True)


def _year_range(runs, years):
    first = min(int(run.yearly["academic_year"].min()) for run in runs)
    last = max(int(run.yearly["academic_year"].max()) for run in runs)
    if years is None:
        return first, last
    return max(years[0], first), min(years[1], last)


def _escape_list(items):
    return "<ul>" + "".join(f"<li>{html.escape(item)}</li>" for item in items) + "</ul>"


def _rows_html(rows, classes="numbers"):
    if not rows:
        return ""
    return _table_html(pd.DataFrame(rows), classes)


def _effects_figure(compared, frame, report):
    """Each headline outcome's change in percent with its interval, against its MID (grey)."""
    shown = [i for i in comparison.HEADLINE]
    names = compared.scenarios
    figure, axis = plt.subplots(figsize=(10, 0.3 * len(shown) * max(1, len(names)) + 1.6))
    height = 0.8 / max(1, len(names))
    for row_index, indicator in enumerate(shown):
        rows = frame[frame["key"] == indicator.key]
        if not rows.empty and not rows["baseline"].fillna(0).any():
            axis.text(0, row_index, "the baseline's level is 0: see the table", ha="center", va="center",
                      fontsize="small", color="#444")
        for index, name in enumerate(names):
            mine = rows[rows["scenario"] == name].to_dict("records")
            if not mine or pd.isna(mine[0].get("difference", math.nan)) or not mine[0].get("baseline"):
                continue
            r = mine[0]
            scale = 100 / abs(r["baseline"])
            y = row_index + (index - (len(names) - 1) / 2) * height
            # The MID the verdict used, in percent of this scenario's baseline level.
            axis.fill_betweenx([y - height / 2, y + height / 2], -r["mid"] * scale, r["mid"] * scale, color="grey",
                               alpha=0.2, linewidth=0,
                               label="minimum important difference" if row_index == 0 and index == 0 else None)
            colour = COLOURS[(index + 1) % len(COLOURS)]
            if compared.ensemble:
                axis.plot([r["low"] * scale, r["high"] * scale], [y, y], color=colour, linewidth=1)
                axis.plot([r["noise_low"] * scale, r["noise_high"] * scale], [y, y], color=colour, linewidth=4)
            elif not pd.isna(r["low"]):
                axis.plot([r["low"] * scale, r["high"] * scale], [y, y], color=colour, linewidth=2.5)
            axis.plot([r["difference"] * scale], [y], "o", color=colour, label=name if row_index == 0 else None)
    axis.axvline(0, color="black", linewidth=0.8)
    # Linear within ±1%, logarithmic beyond: a +500% change and a 0.1% MID on one axis.
    axis.set_xscale("symlog", linthresh=1)
    axis.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda value, _: f"{value:+g}%" if value else "0"))
    axis.set_yticks(range(len(shown)))
    axis.set_yticklabels([i.label for i in shown])
    axis.invert_yaxis()
    axis.set_xlabel(f"change from {compared.baseline} (% of its level; linear within ±1%, logarithmic beyond)")
    axis.grid(axis="x", alpha=0.3)
    axis.legend(fontsize="small", loc="lower right")
    title = "What each policy did to the outcomes that matter"
    axis.set_title(title)
    figure.tight_layout()
    interval = ("thick: 90% interval from replicate noise alone; thin: 90% interval over the members and their noise, "
                "which adds the calibrated parameters' uncertainty" if compared.ensemble
                else "bar: 90% interval over replicates (simulation noise only)")
    return report.save(figure, "headline_effects", title,
                       f"Dot: mean change; {interval}. Grey: the minimum important difference the verdict used; a "
                       f"change is material only where its whole interval lies outside the grey. {comparison.years_text(compared)}")


def _first_screen(compared, frame, lever_table, decomposition, report):
    """What each scenario changed, what it did to the outcomes that matter, by how much and
    how sure we are; then the tables behind it."""
    sentences = comparison.summary_sentences(compared, frame)
    glance = []
    for name in compared.scenarios:
        changed = lever_table[lever_table["scenario"] == name].to_dict("records")
        lever_items = [f"{r['parameter']}: {r['baseline_value']} → {r['scenario_value']} ({r['from']})"
                       + (f": {r['meaning']}" if r["meaning"] else "") for r in changed]
        glance.append(f"<div class='scenario'><h3>{html.escape(name)}</h3><p><b>What it changed</b> (from "
                      f"{html.escape(compared.baseline)}):</p>"
                      + (_escape_list(lever_items) if lever_items else "<p>Nothing: the same settings as the "
                         "baseline.</p>")
                      + "<p><b>What it did</b>:</p>" + _escape_list(sentences[name])
                      + f"<p>{html.escape(comparison.displacement_sentence(compared, decomposition, name))}</p></div>")
    covers = [comparison.years_text(compared), *compared.notes, *comparison.caveats(compared, lever_table)]
    box = "<div class='caveats'><b>What the numbers cover</b>" + _escape_list(covers) + "</div>"
    parts = [box, *glance, _figure_html(_effects_figure(compared, frame, report))]
    for name in compared.scenarios:
        parts.append(f"<h3>{html.escape(name)} minus {html.escape(compared.baseline)}: the outcomes</h3>"
                     + _rows_html(compare.headline_rows(compared, name, frame), "numbers headline"))
    parts.append("<p>Minimum important differences (MID, a share of the larger of the two levels): "
                 + "; ".join(f"<b>{html.escape(i.label)}</b> {100 * compared.mids[i.key]:g}%: {html.escape(i.mid_reason)}"
                             for i in comparison.HEADLINE) + ".</p>")
    return parts


def _tables_behind(compared, decomposition, inputs, lever_table):
    parts = []
    for title, table_, note in (
            ("Where the new teachers went", decomposition,
             "Changes in the flows into and out of posts (a year over the years compared) and in teachers in post in the "
             "last year. Posts follow pupil numbers, so extra new teachers can displace returners and other entrants."),
            ("Inputs and intermediate indicators", inputs,
             "What the levers act through; reported without a verdict.")):
        if table_.empty:
            continue
        parts.append(f"<h3>{title}</h3><p>{note}</p>")
        for name in compared.scenarios:
            rows = [{"indicator": r["indicator"], "unit": r["unit"], compared.baseline: compare.number(r["baseline"]),
                     name: compare.number(r["level"]), "change": compare.signed(r["difference"]),
                     "90% interval": compare.interval_text(r), "change %": compare.percent(r["change_percent"])}
                    for r in table_[table_["scenario"] == name].to_dict("records")]
            parts.append(f"<p>{html.escape(name)} minus {html.escape(compared.baseline)}:</p>" + _rows_html(rows))
    if not lever_table.empty:
        shown = lever_table.rename(columns={"baseline_value": f"{compared.baseline} value",
                                            "scenario_value": "scenario value", "from": "set in"})
        parts.append("<h3>Every setting that differs from the baseline</h3><p>From the resolved scenario stored in each "
                     "file (its <code>scenario</code> attribute); <i>set in</i> is the file and line, or "
                     "<code>--set</code>.</p>" + _table_html(shown, "numbers levers"))
    return parts


def _regional_figure(compared, regional, report):
    """Small multiples: one panel per headline outcome, each region's change in percent with
    its 90% interval, one colour per scenario."""
    keys = [i for i in comparison.REGIONAL if i.key in set(regional["key"])]
    regions = list(dict.fromkeys(regional["region"]))
    columns = 3
    rows = math.ceil(len(keys) / columns)
    figure, axes = plt.subplots(rows, columns, figsize=(5 * columns, (0.32 * len(regions) * max(1, len(compared.scenarios))
                                                                       + 1.3) * rows), squeeze=False, sharey=True)
    height = 0.8 / max(1, len(compared.scenarios))
    for axis, indicator in zip(axes.flat, keys):
        for index, name in enumerate(compared.scenarios):
            mine = regional[(regional["key"] == indicator.key) & (regional["scenario"] == name)].set_index("region")
            mine = mine.reindex(regions)
            scale = 100 / mine["baseline"].abs().where(mine["baseline"] != 0)
            y = np.arange(len(regions)) + (index - (len(compared.scenarios) - 1) / 2) * height
            centre = mine["difference"] * scale
            # The MID each verdict used, in percent of that region's baseline level.
            band = (mine["mid"] * scale).to_numpy()
            axis.barh(y, 2 * band, left=-band, height=height, color="grey", alpha=0.2, linewidth=0)
            errors = np.array([np.nan_to_num(centre - mine["low"] * scale), np.nan_to_num(mine["high"] * scale - centre)])
            axis.errorbar(centre, y, xerr=errors, fmt="o", markersize=3, capsize=2,
                          color=COLOURS[(index + 1) % len(COLOURS)], label=name)
        axis.axvline(0, color="black", linewidth=0.8)
        axis.set_title(indicator.label, fontsize="medium")
        axis.set_xlabel("% change")
        axis.grid(axis="x", alpha=0.3)
    for axis in axes[:, 0]:
        axis.set_yticks(range(len(regions)))
        axis.set_yticklabels(regions, fontsize="small")
        axis.invert_yaxis()
    for axis in list(axes.flat)[len(keys):]:
        axis.set_visible(False)
    axes.flat[0].legend(fontsize="x-small")
    title = f"The outcomes by region: change from {compared.baseline}"
    figure.suptitle(title)
    figure.tight_layout()
    return report.save(figure, "headline_by_region", title,
                       f"Each simulated region's change in percent of its own baseline level, mean and 90% interval over "
                       f"paired replicates; grey: the MID each verdict used. Trainees by where they train, schools' series by where the "
                       f"school is. {comparison.years_text(compared)} Table: tables/headline_by_region.csv; "
                       "--region NAME gives one region's whole report.")



def _varying(runs, series_list):
    """The series present in every run and not zero throughout (a cost no scenario incurs)."""
    return [entry for entry in series_list
            if all(entry[0] in run.yearly for run in runs.values())
            and any(run.yearly[entry[0]].abs().sum() > 0 for run in runs.values())]


def _shade_warm_up(axis, warm_up, label=True):
    """Greys the warm-up years on an axis of academic years."""
    if warm_up:
        axis.axvspan(warm_up[0] - 0.5, warm_up[1] + 0.5, color="grey", alpha=0.15, linewidth=0,
                     label="warm-up (not compared)" if label else None)


def _panel_grid(series_list, draw, legend_title, title, warm_up=None):
    """A grid of panels, three a row, one per (series, title, unit); draw(axis, series) plots
    into each, over the warm-up years shaded. Returns the figure."""
    columns = 3
    rows = math.ceil(len(series_list) / columns)
    figure, axes = plt.subplots(rows, columns, figsize=(4.6 * columns, 3.2 * rows), squeeze=False)
    for index, (axis, (series, panel_title, unit)) in enumerate(zip(axes.flat, series_list)):
        _shade_warm_up(axis, warm_up, label=index == 0)
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


def _time_panels(runs, series_list, report, name, title, caption, warm_up=None):
    def draw(axis, series):
        for index, (scenario, run) in enumerate(runs.items()):
            spread = stats.band(run.yearly, "academic_year", series)
            colour = COLOURS[index % len(COLOURS)]
            axis.plot(spread["academic_year"], spread["median"], color=colour, label=scenario)
            axis.fill_between(spread["academic_year"], spread["low"], spread["high"], color=colour, alpha=0.2)

    figure = _panel_grid(_varying(runs, series_list), draw, "scenario (median; band 5-95%)", title, warm_up)
    return report.save(figure, name, title, caption + _WARM_UP_CAPTION)


_WARM_UP_CAPTION = (" Grey: the warm-up years, in which the synthetic starting population settles; they are not "
                    "policy effects and are left out of the headline numbers.")


def _difference_panels(runs, baseline, report, warm_up=None):
    others = [name for name in runs if name != baseline]

    def draw(axis, series):
        for index, name in enumerate(others, start=1):
            difference = stats.paired_differences(runs[name].yearly, runs[baseline].yearly, series)
            colour = COLOURS[index % len(COLOURS)]
            axis.plot(difference["academic_year"], difference["mean"], color=colour, marker="o", markersize=3, label=name)
            axis.fill_between(difference["academic_year"], difference["low"], difference["high"], color=colour, alpha=0.2)
        axis.axhline(0, color="black", linewidth=0.8)

    title = f"Difference from {baseline} (scenario − {baseline}), paired by replicate"
    figure = _panel_grid(_varying(runs, KEY_SERIES), draw, "scenario (mean; band 90% CI)", title, warm_up)
    return report.save(figure, "differences", title, _WARM_UP_CAPTION[1:] + " " +
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
table.headline td:last-child, table.levers td {{ text-align: left; }}
h3 {{ font-size: 1.05em; margin-bottom: 0.2em; }}
figure {{ margin: 1em 0; }} figure img {{ max-width: 100%; }} figcaption {{ font-size: 0.88em; color: #444; }}
.meta {{ color: #555; font-size: 0.9em; }}
.caveats {{ background: #fff8e1; border: 1px solid #e0c060; padding: 0.4em 1em; margin: 0.8em 0; font-size: 0.92em; }}
.scenario {{ border-left: 4px solid #4a7ab0; padding: 0 1em; margin: 1em 0; }}
.scenario ul {{ margin: 0.2em 0; }}
</style></head><body>
<h1>{title}</h1>
<p class="meta">{meta}</p>
{body}
</body></html>
"""


REPORT_ENTRIES = {"index.html", "figures", "tables", "ittsim-report.xlsx"}


def build_report(paths, folder, years=None, baseline=None, region=None, ensemble=False, mids=None):
    """Writes folder/index.html, folder/figures/*.png, folder/tables/*.csv and the workbook
    folder/ittsim-report.xlsx. Returns the index path. The report is written whole
    (folders.write_whole): a failure (a bad input file) leaves no report folder and an earlier
    report intact; a folder holding anything but an earlier report is refused."""
    folder = Path(folder)
    folders.write_whole(folder, REPORT_ENTRIES, "report", lambda staging: _write_report(
        paths, staging, years, baseline, region, ensemble, mids))
    return folder / "index.html"


def _write_report(paths, folder, years, baseline, region, ensemble, mids):
    kinds = {str(p): load.file_kind(p) for p in paths}
    compared_paths = list(paths) if ensemble else [p for p in paths if kinds[str(p)] == "run"]
    sweep_paths = [] if ensemble else [p for p in paths if kinds[str(p)] == "sweep"]
    if region and sweep_paths:
        raise load.InputError(f"{sweep_paths[0]}: a merged sweep holds no regional breakdown; --region needs runs")
    report = Report(folder)
    targets = calibration.targets()
    sections = []
    exported = {}
    meta = [f"Generated {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC from "
            + ", ".join(html.escape(str(p)) for p in paths) + "."]
    runs = {}
    compared = None
    if compared_paths:
        compared = comparison.load_comparison(compared_paths, baseline=baseline, years=years, region=region,
                                              ensemble=ensemble, mids=mids)
        base, span = compared.baseline, compared.years
        replicates = sorted({source.replicates for source in compared.sources.values()})
        members = compared.sources[base].members
        meta.append(f"Scenarios: {', '.join(compared.sources)}; baseline: {base}; replicates: "
                    f"{', '.join(map(str, replicates))}" + (f"; ensemble members: {members}" if ensemble else "")
                    + (f"; region: {html.escape(region)}" if region else "") + ". "
                    + html.escape(comparison.years_text(compared)))
        lever_table = comparison.levers(compared)
        level_table = comparison.levels(compared, comparison.HEADLINE + comparison.INPUTS)
        exported.update(levels=level_table, levers=lever_table)
        if compared.scenarios:
            frame = comparison.headline(compared)
            decomposition = comparison.table(compared, comparison.DECOMPOSITION)
            inputs = comparison.table(compared, comparison.INPUTS)
            exported.update(headline=frame, decomposition=decomposition, inputs=inputs)
            sections.append(("At a glance", _first_screen(compared, frame, lever_table, decomposition, report)))
            sections.append(("Behind the headline", _tables_behind(compared, decomposition, inputs, lever_table)))
        shown_levels = level_table.pivot(index="indicator", columns="scenario", values="mean")
        shown_levels = shown_levels.reindex([i.label for i in comparison.HEADLINE + comparison.INPUTS
                                             if i.label in shown_levels.index])
        shown_levels = shown_levels[list(compared.sources)].applymap(_number).reset_index()
        shown_levels.columns.name = None
        sections.append(("Levels", [f"<p>Mean over {'members and ' if ensemble else ''}replicates, "
                                    f"{html.escape(comparison.years_text(compared))}</p>" + _table_html(shown_levels)]))
        if ensemble:
            sections.append(("Over time", ["<p>A comparison over the ensemble shows the effects above; for the series "
                                           "over time, region and place, report one member's runs (or the baseline "
                                           "parameters') without --ensemble.</p>"]))
        else:
            runs = {name: replace(source.run, yearly=source.yearly.drop(columns="member"))
                    for name, source in compared.sources.items()}
    if runs:
        warm_up = compared.warm_up
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
                              "(band), by academic year. Table: tables/indicators_by_year.csv.", warm_up)
        sections.append(("Key indicators over time", [_figure_html(figure)]))
        if compared.scenarios:
            sections.append((f"Difference from {base}", [_figure_html(_difference_panels(runs, base, report, warm_up))]))
        if region:
            sections.append(("National sections", [
                f"<p>This report is narrowed to {html.escape(region)}; the placements by region, providers, maps, "
                "destinations, retention and networks are national: run the report without --region for them.</p>"]))
    if runs and not region:
        regional = comparison.by_region(compared)
        if not regional.empty:
            exported["headline_by_region"] = regional
            report.table(regional, "headline_by_region")
            sections.append(("By region", [_figure_html(_regional_figure(compared, regional, report))]))
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
            "Median over replicates and the 5th-95th percentile band, after each summer's network review.",
            warm_up))]))
    if compared is not None:
        for name, table_ in exported.items():
            report.table(table_, name)
        export.write(report.folder, compared, exported, report.tables_folder)
        sections.append(("Export", [f"<p>Every table above as CSV in <a href='tables/'>tables/</a>; every yearly series "
                                    "of every replicate (tables/yearly.csv"
                                    + ("" if ensemble else ", and by region in tables/yearly_by_region.csv")
                                    + ") and all the tables in one workbook, <a href='ittsim-report.xlsx'>"
                                    "ittsim-report.xlsx</a>, whose first sheet says what each column means and its "
                                    "unit.</p>"]))
    for path in sweep_paths:
        sweep = load.read_sweep(path)
        name = Path(path).stem
        span = _year_range([sweep], years)
        meta.append(f"Sweep {html.escape(name)}: {len(sweep.points)} points.")
        sections.append((f"Sweep: {name}", _sweep_section(sweep, report, name, span)))
    body = "\n".join(f"<h2>{html.escape(title)}</h2>\n" + "\n".join(parts) for title, parts in sections)
    title = "ittsim report" + (f": {', '.join(compared.sources)}" if compared is not None else "")
    (report.folder / "index.html").write_text(PAGE.format(title=html.escape(title), meta=" ".join(meta), body=body),
                                              encoding="utf-8")
