#!/usr/bin/env bash
# Adds a migration to both providers' sets: bash scripts/add-migration.sh Name
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/add-migration.sh MigrationName}"
dotnet tool restore >/dev/null
# dotnet ef reads the project's restored assets: a fresh clone has none yet.
dotnet restore src/Parvis.Web >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project src/Parvis.Web --context "${provider}ParvisDbContext"
done
