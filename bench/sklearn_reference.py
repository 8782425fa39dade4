"""The plain pipeline, written with numpy and scikit-learn, as the reference for speed on the synthetic shapes:
mean imputation, PCA with 2 components over the placed participants, k-means into 100 base clusters, then
k = 2..5 on the base centres weighted by size, chosen by silhouette. (Agreement with Polis is measured against
polis_reference.py, which follows Polis's placement and scaling.)

Usage: /usr/bin/python3 sklearn_reference.py <prefix> <participants> <statements>
Reads <prefix>.rows / .cols (int32) and .vals (int8): one entry per vote, placed participants only.
Writes <prefix>.labels (int32, one group per participant) and prints one JSON line.
"""
import json
import resource
import sys
import time

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_samples

prefix, participants, statements = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = np.fromfile(prefix + ".rows", dtype=np.int32)
cols = np.fromfile(prefix + ".cols", dtype=np.int32)
vals = np.fromfile(prefix + ".vals", dtype=np.int8)

start = time.perf_counter()
matrix = np.full((participants, statements), np.nan, dtype=np.float64)
matrix[rows, cols] = vals
missing = np.isnan(matrix)
# A statement nobody placed voted on has mean 0 (no warning from an empty nanmean).
means = np.nansum(matrix, axis=0) / np.maximum((~missing).sum(axis=0), 1)
matrix[missing] = np.take(means, np.nonzero(missing)[1])
del missing
coordinates = PCA(n_components=2, random_state=0).fit_transform(matrix)
del matrix
base = KMeans(n_clusters=min(100, participants), n_init=1, random_state=0).fit(coordinates)
centres = base.cluster_centers_
weights = np.bincount(base.labels_, minlength=len(centres)).astype(np.float64)
best_k, best_score, best_labels = None, -2.0, None
for k in range(2, 6):
    groups = KMeans(n_clusters=k, n_init=10, random_state=0).fit(centres, sample_weight=weights)
    score = float(np.average(silhouette_samples(centres, groups.labels_), weights=weights))
    if score > best_score:
        best_k, best_score, best_labels = k, score, groups.labels_
labels = best_labels[base.labels_].astype(np.int32)
elapsed = time.perf_counter() - start

labels.tofile(prefix + ".labels")
print(json.dumps({
    "seconds": elapsed,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "groups": best_k,
}))
