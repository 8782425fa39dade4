"""How far our opinion groups agree with Polis's own (the group-id column of participants-votes.csv).

Runs the opinion-map command on each conversation folder given (default: every folder of
../shared/data/polis) and prints, per conversation, the participants each side places, the number of
groups on each side and the adjusted Rand index over the participants both place. Call it with the
Debian interpreter, which has scikit-learn: /usr/bin/python3 bench/polis_agreement.py [folder ...]

It also prints how close any k-means gets: scikit-learn's, told Polis's own number of groups, on the same
final votes (mean-imputed, in the full vote space and in the 2-D PCA plane, the best of three seeds). Where
even that stays far below 0.8, Polis's groups cannot be reproduced from the exported votes by this method.
"""
import csv
import glob
import os
import subprocess
import sys

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import adjusted_rand_score


def kmeans_ceiling(folder, theirs):
    """The best adjusted Rand index scikit-learn's k-means reaches against Polis's groups, given Polis's k."""
    with open(os.path.join(folder, "comments.csv"), newline="") as f:
        removed = {row["comment-id"] for row in csv.DictReader(f) if row["moderated"] == "-1"}
    latest = {}
    with open(os.path.join(folder, "votes.csv"), newline="") as f:
        for row in csv.DictReader(f):
            key = (row["voter-id"], row["comment-id"])
            if row["comment-id"] not in removed and (key not in latest or int(row["timestamp"]) >= latest[key][0]):
                latest[key] = (int(row["timestamp"]), float(row["vote"]))
    voters = sorted({v for v, _ in latest}, key=int)
    comments = sorted({c for _, c in latest}, key=int)
    row_of = {v: i for i, v in enumerate(voters)}
    column_of = {c: j for j, c in enumerate(comments)}
    votes = np.full((len(voters), len(comments)), np.nan)
    for (voter, comment), (_, vote) in latest.items():
        votes[row_of[voter], column_of[comment]] = vote
    filled = np.where(np.isnan(votes), np.nanmean(votes, axis=0), votes)
    placed = [p for p in sorted(theirs, key=int) if p in row_of]
    labels = [theirs[p] for p in placed]
    k = len(set(labels))
    rows = [row_of[p] for p in placed]
    spaces = [filled[rows], PCA(2).fit(filled).transform(filled)[rows]]
    return max(adjusted_rand_score(labels, KMeans(k, n_init=10, random_state=seed).fit_predict(space))
               for space in spaces for seed in range(3))


root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
folders = sys.argv[1:] or sorted(os.path.dirname(f) for f in glob.glob(os.path.join(root, "..", "shared", "data", "polis", "*", "votes.csv")))
subprocess.run(["dotnet", "build", os.path.join(root, "src", "Parvis.Web"), "-c", "Release", "-nologo", "-v", "quiet"], check=True, stdout=subprocess.DEVNULL)
command = ["dotnet", os.path.join(root, "src", "Parvis.Web", "bin", "Release", "net10.0", "Parvis.Web.dll"), "opinion-map"]
for folder in folders:
    lines = subprocess.run(command + [folder], capture_output=True, text=True, check=True).stdout.split()
    ours = dict(line.split(",") for line in lines[1:])  # after the "participant,group" header
    with open(os.path.join(folder, "participants-votes.csv"), newline="") as f:
        theirs = {row["participant"]: row["group-id"] for row in csv.DictReader(f) if row["group-id"] != ""}
    both = sorted(set(ours) & set(theirs))
    ari = adjusted_rand_score([theirs[p] for p in both], [ours[p] for p in both])
    print(f"{os.path.basename(os.path.normpath(folder))}: placed {len(ours)} (Polis {len(theirs)}), groups {len(set(ours.values()))} "
          f"(Polis {len(set(theirs.values()))}), adjusted Rand index {ari:.3f} over {len(both)} participants; "
          f"scikit-learn k-means with Polis's k: {kmeans_ceiling(folder, theirs):.3f}")
