#!/usr/bin/env bash
# Opinion-map benchmark: our full recompute against scikit-learn on the same matrices, in one run.
# Installs Debian's python3-sklearn if absent (the reference runs through /usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! /usr/bin/python3 -c "import sklearn" 2>/dev/null; then
  apt-get install -y python3-sklearn >/dev/null
fi
dotnet build -c Release bench/Parvis.Bench -v q -nologo >/dev/null
exec dotnet bench/Parvis.Bench/bin/Release/net10.0/Parvis.Bench.dll "$@"
