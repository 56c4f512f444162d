#!/usr/bin/env bash
# Applies the saved plans made by plan-stacks.sh, in the order they were planned (foundation
# first). `terraform apply tfplan` applies exactly that plan, or fails if the state changed since
# it was made ("Saved plan is stale"): nothing is ever re-planned here.
#
#   apply-stacks.sh <bundle-dir>
set -euo pipefail
bundle=$1
work=$(mktemp -d)
tar -C "$work" -xf "$bundle/stacks.tar"
while IFS= read -r stack; do
  [ -n "$stack" ] || continue
  dir="$work/$stack"
  echo "::group::terraform init ($stack)"
  terraform -chdir="$dir" init -input=false -no-color -lockfile=readonly
  echo "::endgroup::"
  echo "Applying the reviewed plan of $stack:"
  terraform -chdir="$dir" show -no-color tfplan
  terraform -chdir="$dir" apply -input=false -no-color tfplan
done <"$bundle/order.txt"
rm -rf "$work"
