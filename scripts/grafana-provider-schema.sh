#!/usr/bin/env bash
# Writes the grafana/grafana provider schema (`terraform providers schema -json`) to the file $1.
# Needs the Terraform registry (GitHub Actions, a laptop); the build machines of this project
# cannot reach it and use the reference copy in ../shared instead. Used by the PR workflow to
# give the schema-validation tests their schema, and by humans before `npm run gen:grafana`.
set -euo pipefail
out="$(realpath -m "${1:?usage: grafana-provider-schema.sh OUT.json [VERSION]}")"
version="${2:-4.45.1}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
printf '{"terraform":{"required_providers":{"grafana":{"source":"grafana/grafana","version":"%s"}}}}\n' "$version" >"$dir/main.tf.json"
terraform -chdir="$dir" init -backend=false -input=false >&2
terraform -chdir="$dir" providers schema -json >"$out"
echo "wrote $out (grafana/grafana $version)" >&2
