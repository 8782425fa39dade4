"""The classic Polis pipeline as published, written with numpy and scikit-learn: an independent reference for
the agreement harness (bench/run.sh polis), run on a conversation of the Polis open-data format.

- Placement: the vote log replayed in time order; a participant is placed once they have voted (any vote, passes
  and votes on moderated-out statements included) on min(7, statements voted on so far) statements, and stays
  placed; the first 15 voters are placed while fewer qualify.
- Matrix: every voter x every statement with a vote, the latest vote counting; moderated-out columns set to zero
  for everyone; missing votes imputed with the statement's mean.
- PCA with 2 components over every voter; each placed participant projected on the statements they voted on (the
  zeroed columns included), scaled by sqrt(statements / statements voted).
- k-means into 100 base clusters, then k = 2..min(5, 2 + base clusters / 12) on the base centres weighted by their
  size, the k with the best weighted silhouette.

k-means starts from random centres: the clustering runs with the random states 0 to 4, and the harness reports the
spread of its agreement with Polis over them.

Usage: /usr/bin/python3 polis_reference.py <conversation folder>
Prints one JSON line: {"seconds": s, "runs": [{"<participant>": <group>, ...}, ...]} (one run per random state).
"""
import csv
import json
import os
import sys
import time

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_samples

folder = sys.argv[1]
with open(os.path.join(folder, "comments.csv"), newline="") as f:
    moderated_out = {int(row["comment-id"]) for row in csv.DictReader(f) if row["moderated"] == "-1"}
with open(os.path.join(folder, "votes.csv"), newline="") as f:
    log = [(int(row["timestamp"]), int(row["voter-id"]), int(row["comment-id"]), int(row["vote"])) for row in csv.DictReader(f)]
log.sort(key=lambda vote: vote[0])  # stable: equal timestamps keep the file's order

start = time.perf_counter()
placed, voted, statements_seen, latest = set(), {}, set(), {}
for _, voter, comment, vote in log:
    statements_seen.add(comment)
    voted.setdefault(voter, set()).add(comment)
    latest[(voter, comment)] = vote
    if len(placed) < 15 or len(voted[voter]) >= min(7, len(statements_seen)):
        placed.add(voter)

voters = sorted(voted)
comments = sorted(statements_seen)
row_of = {v: i for i, v in enumerate(voters)}
column_of = {c: j for j, c in enumerate(comments)}
matrix = np.full((len(voters), len(comments)), np.nan)
for (voter, comment), vote in latest.items():
    matrix[row_of[voter], column_of[comment]] = vote
for comment in moderated_out & statements_seen:
    matrix[:, column_of[comment]] = 0.0
present = ~np.isnan(matrix)
means = np.nansum(matrix, axis=0) / np.maximum(present.sum(axis=0), 1)
filled = np.where(present, matrix, means)
pca = PCA(n_components=2, svd_solver="full").fit(filled)
centred = np.where(present, matrix - pca.mean_, 0.0)
scale = np.sqrt(len(comments) / np.maximum(present.sum(axis=1), 1))
projected = (centred @ pca.components_.T) * scale[:, None]

rows = [row_of[v] for v in sorted(placed)]
points = projected[rows]


def groups(random_state):
    """Base clusters, then groups on their centres weighted by size, the k of best weighted silhouette."""
    base = KMeans(n_clusters=min(100, len(np.unique(points, axis=0))), n_init=10, random_state=random_state).fit(points)
    centres = base.cluster_centers_
    weights = np.bincount(base.labels_, minlength=len(centres)).astype(np.float64)
    best_score, best_labels = -2.0, np.zeros(len(centres), dtype=int)
    for k in range(2, min(5, 2 + len(centres) // 12, len(centres) - 1) + 1):
        clustering = KMeans(n_clusters=k, n_init=10, random_state=random_state).fit(centres, sample_weight=weights)
        score = float(np.average(silhouette_samples(centres, clustering.labels_), weights=weights))
        if score > best_score:
            best_score, best_labels = score, clustering.labels_
    return {str(voter): int(label) for voter, label in zip(sorted(placed), best_labels[base.labels_])}


runs = [groups(0)]
elapsed = time.perf_counter() - start
runs += [groups(random_state) for random_state in range(1, 5)]
print(json.dumps({"seconds": elapsed, "runs": runs}))
