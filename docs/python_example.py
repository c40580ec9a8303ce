#!/usr/bin/python3
"""A two-parameter sweep in a loop, driven from Python, plotted.

Build the module first (cmake -S . -B build -DITTSIM_PYTHON=ON && cmake --build build), then:

    PYTHONPATH=build/python /usr/bin/python3 docs/python_example.py --output sweep.png

Each point runs the baseline for the North East with two parameters set, in this process
(no file is written), and the mean over replicates of QTS awarded a year after the warm-up
is drawn against the mentors' time cost, one line per mentor share.
"""

import argparse
import itertools
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import ittsim  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--output", default="sweep.png", help="the figure (PNG)")
parser.add_argument("--years", type=int, default=5, help="academic years a run simulates (default 5)")
parser.add_argument("--replicates", type=int, default=2, help="replicates a point (default 2)")
arguments = parser.parse_args()

mentor_shares = [0.1, 0.15, 0.2]
time_costs = [0.5, 1.0, 1.5]
rows = []
for share, cost in itertools.product(mentor_shares, time_costs):
    scenario = ittsim.Scenario.load(Path(__file__).resolve().parents[1] / "scenarios" / "baseline.ini",
                                    set={"population.regions": 1, "run.years": arguments.years,
                                         "population.mentor_share": share, "placement.mentor_time_cost": cost})
    yearly = scenario.run(replicates=arguments.replicates, threads=2).yearly
    settled = yearly[yearly["academic_year"] >= yearly["academic_year"].min() + min(2, arguments.years - 1)]
    qts = settled.groupby("replicate")["qts_awarded"].mean().mean()
    rows.append((share, cost, qts))
    print(f"population.mentor_share = {share}, placement.mentor_time_cost = {cost}: QTS awarded {qts:,.0f} a year")

figure, axis = plt.subplots(figsize=(6, 4))
for share in mentor_shares:
    points = [(cost, qts) for s, cost, qts in rows if s == share]
    axis.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=f"mentor share {share}")
axis.set_xlabel("placement.mentor_time_cost")
axis.set_ylabel("QTS awarded a year (North East)")
axis.set_title("A two-parameter sweep from Python")
axis.legend()
axis.grid(alpha=0.3)
figure.tight_layout()
figure.savefig(arguments.output, dpi=100)
print(f"written: {arguments.output}")
