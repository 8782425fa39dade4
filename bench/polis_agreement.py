"""How far our opinion groups agree with Polis's own (the group-id column of participants-votes.csv).

Runs the opinion-map command on each conversation folder given (default: every folder of
../shared/data/polis) and prints, per conversation, the participants each side places, the number of
groups on each side and the adjusted Rand index over the participants both place. Call it with the
Debian interpreter, which has scikit-learn: /usr/bin/python3 bench/polis_agreement.py [folder ...]
"""
import csv
import glob
import os
import subprocess
import sys

from sklearn.metrics import adjusted_rand_score

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
          f"(Polis {len(set(theirs.values()))}), adjusted Rand index {ari:.3f} over {len(both)} participants")
