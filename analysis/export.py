"""A comparison's numbers for Excel: every yearly series of every replicate, the regional
breakdown and each of the report's tables, as CSV and in one workbook (Debian's
python3-openpyxl) whose first sheet says what each column means and its unit."""

from pathlib import Path

import pandas as pd

from analysis import load

WORKBOOK = "ittsim-report.xlsx"

# Columns of the tables the report computes (series columns are described by the files).
COLUMNS = {
    "scenario": ("", "scenario name (the file's scenario_name, or its file name)"),
    "member": ("", "member of the calibrated ensemble (row of posterior.csv); 0 for a run"),
    "replicate": ("", "replicate index; replicate r of two scenarios shares its random streams"),
    "academic_year": ("year", "calendar year the academic year starts (2024 means 2024/25)"),
    "region": ("", "ONS region (trainees by where they train, schools by where the school is)"),
    "phase": ("", "school phase"),
    "route": ("", "ITT route"),
    "local_authority": ("", "local authority, ONS GSS code"),
    "subject_group": ("", "secondary subject group (primary and special as their own groups)"),
    "series": ("", "the yearly series (docs/OUTPUT.md)"),
    "key": ("", "the indicator's series name, or a derived one (placement_weeks_short: demanded minus filled; "
                "cost_per_extra_teacher)"),
    "indicator": ("", "the indicator, in words"),
    "unit": ("", "the indicator's unit (levers: the parameter's)"),
    "meaning": ("", "what the parameter means (docs/PARAMETERS.md)"),
    "baseline": ("indicator's unit", "the baseline's level: mean over members, replicates and the years compared (a "
                                      "stock: its last year)"),
    "level": ("indicator's unit", "the scenario's level, as for baseline"),
    "difference": ("indicator's unit", "scenario minus baseline, mean over the paired replicates (and members)"),
    "low": ("indicator's unit", "lower end of the 90% interval the verdict uses: Student's t over paired replicates "
                                "for runs; for an ensemble the 5th percentile of the members' effects with their noise"),
    "members_low": ("indicator's unit", "ensemble only: 5th percentile of the members' mean effects"),
    "members_high": ("indicator's unit", "ensemble only: 95th percentile of the members' mean effects"),
    "high": ("indicator's unit", "upper end of the 90% interval, as for low"),
    "noise_low": ("indicator's unit", "ensemble only: lower end of the 90% interval from replicate noise alone "
                                      "(the members' Student's t distributions centred on the mean effect)"),
    "noise_high": ("indicator's unit", "ensemble only: upper end of the 90% interval from replicate noise alone"),
    "probability_of_sign": ("probability", "ensemble only: probability over members and their noise that the effect "
                                           "has the sign of difference"),
    "change_percent": ("%", "difference as a percentage of the baseline's level"),
    "mid": ("indicator's unit", "minimum important difference: mid_share times the larger of the two levels"),
    "mid_share": ("share", "minimum important difference as a share of the level (docs/ODD.md, Comparing scenarios)"),
    "verdict": ("", "material change, no material change, or unclear, from the interval against the MID"),
    "pairs": ("replicates", "replicates paired with the baseline"),
    "members": ("members", "members (parameter sets) compared; 1 for runs"),
    "mean": ("indicator's unit", "mean over replicates (a level) or over the years"),
    "median": ("series' unit", "median over replicates"),
    "parameter": ("", "scenario parameter (group.name; docs/PARAMETERS.md)"),
    "baseline_value": ("parameter's unit", "the baseline's value"),
    "scenario_value": ("parameter's unit", "the scenario's value"),
    "from": ("", "where the scenario's value was set: file:line, --set or default"),
    "fill_rate": ("share", "placement weeks filled over weeks demanded"),
    "fill_share": ("share", "placement weeks filled (by the school's authority) over weeks demanded (by the trainee's "
                            "home authority)"),
    "new_qts": ("people a year", "new QTS holders, or vacancies filled by QTS holders (vacancies table)"),
    "share_employed": ("share", "of the year's new QTS holders, those who took a post"),
    "share_unemployed": ("share", "of the year's new QTS holders, those who sought a post and found none"),
    "share_not_seeking": ("share", "of the year's new QTS holders, those who did not seek a post"),
    "movers": ("posts a year", "vacancies filled by teachers moving from another state school"),
    "returners": ("posts a year", "vacancies filled by returners"),
    "other_entrants": ("posts a year", "vacancies filled by other entrants new to the state sector"),
    "out_of_field": ("posts a year", "of those filled, by a teacher of another subject group"),
    "unfilled": ("posts a year", "vacancies left unfilled"),
    "vacancies": ("posts a year", "vacancies: filled by the four sources or unfilled"),
    "unfilled_share": ("share", "unfilled over vacancies"),
    "entry_year": ("year", "academic year the cohort started teaching"),
    "years_since_qualifying": ("years", "years since the cohort started teaching"),
    "p05": ("share", "5th percentile over replicates"),
    "p95": ("share", "95th percentile over replicates"),
    "replicates": ("replicates", "replicates counted"),
}
# Columns named for a statistic of a series: (suffix, unit, meaning).
SUFFIXES = [("_low", "series' unit", "lower end of the 90% interval"),
            ("_high", "series' unit", "upper end of the 90% interval")]


def _meaning(column, series):
    if column in COLUMNS:
        return COLUMNS[column]
    if column in series:
        return series[column]
    for suffix, unit, meaning in SUFFIXES:
        if column.endswith(suffix) and column[:-len(suffix)] in series:
            return unit, f"{meaning} of {column[:-len(suffix)]}"
    return "", "(not described)"


def _sheet_name(name, used):
    base = name[:31]
    candidate, count = base, 1
    while candidate in used:
        count += 1
        candidate = f"{base[:28]}_{count}"
    used.add(candidate)
    return candidate


def tidy_yearly(compared):
    """Every yearly series of every scenario, member and replicate: one row each."""
    frames = []
    for name, source in compared.sources.items():
        frame = source.yearly.copy()
        frame["scenario"] = name
        leading = ["scenario", "member", "replicate", "academic_year"]
        frames.append(frame[leading + [c for c in frame.columns if c not in leading]])
    return pd.concat(frames, ignore_index=True)


def write(folder, compared, tables, tables_folder):
    """Writes tables_folder/yearly.csv (and yearly_by_region.csv for runs of all regions) and
    folder/ittsim-report.xlsx holding them, every CSV of tables_folder and a Columns sheet."""
    folder, tables_folder = Path(folder), Path(tables_folder)
    series = {}
    for source in compared.sources.values():
        for key, value in load.series_meanings(source.path).items():
            series.setdefault(key, value)
    yearly = tidy_yearly(compared)
    yearly.to_csv(tables_folder / "yearly.csv", index=False)
    if not compared.ensemble and not compared.region:
        by_region = pd.concat([source.by_region().assign(scenario=name)
                               for name, source in compared.sources.items()], ignore_index=True)
        by_region.to_csv(tables_folder / "yearly_by_region.csv", index=False)
    sheets = {}
    for name in ("headline", "levers", "decomposition", "inputs", "levels", "headline_by_region"):
        if name in tables:
            sheets[name] = tables[name]
    for path in sorted(tables_folder.glob("*.csv")):
        if path.stem not in sheets:
            sheets[path.stem] = pd.read_csv(path, keep_default_na=False, na_values=[""])
    sheets["yearly"] = yearly
    used = {"Columns"}
    named = {_sheet_name(name, used): frame for name, frame in sheets.items()}
    rows = []
    for sheet, frame in named.items():
        for column in frame.columns:
            unit, meaning = _meaning(str(column), series)
            rows.append({"sheet": sheet, "column": column, "meaning": meaning, "unit": unit})
    about = pd.DataFrame(rows)
    partial = folder / (WORKBOOK + ".part")
    with pd.ExcelWriter(partial, engine="openpyxl") as writer:
        about.to_excel(writer, sheet_name="Columns", index=False)
        for sheet, frame in named.items():
            frame.to_excel(writer, sheet_name=sheet, index=False)
    partial.replace(folder / WORKBOOK)
