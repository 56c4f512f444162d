#!/usr/bin/env bash
# Plans the given stacks from cdktf.out (run `npm run synth` first) and saves each plan, so the
# apply job applies exactly the plan shown here (saved-plan policy, see docs/operations.md).
#
#   plan-stacks.sh <plan|destroy> <bundle-dir> <stack>...
#
# Per stack: `terraform init`, `terraform plan -out=tfplan` (read-only credentials, so no state
# lock: the apply takes it, and Terraform refuses a saved plan whose state moved on), the plan in
# the log as Terraform prints it (sensitive values redacted by Terraform), and a masked Markdown
# summary appended to $GITHUB_STEP_SUMMARY and to <bundle-dir>/summary.md. The plan JSON (which
# holds sensitive values in clear) is deleted right after the summary is made. The stack folders
# with their plan files go to <bundle-dir>/stacks.tar, for an encrypted artifact.
set -euo pipefail
mode=$1 bundle=$2
shift 2
[ "$#" -gt 0 ] || { echo "plan-stacks: no stack given" >&2; exit 2; }
case "$mode" in plan) extra=() ;; destroy) extra=(-destroy) ;; *) echo "plan-stacks: mode must be plan or destroy" >&2; exit 2 ;; esac

mkdir -p "$bundle"
json_dir=$(mktemp -d)
trap 'rm -rf "$json_dir"' EXIT
for stack in "$@"; do
  dir="cdktf.out/stacks/$stack"
  [ -f "$dir/cdk.tf.json" ] || { echo "plan-stacks: $dir/cdk.tf.json not found (is events/$stack.yaml on this commit?)" >&2; exit 1; }
  echo "::group::terraform init ($stack)"
  terraform -chdir="$dir" init -input=false -no-color
  echo "::endgroup::"
  terraform -chdir="$dir" plan -input=false -lock=false -no-color "${extra[@]}" -out=tfplan
  terraform -chdir="$dir" show -json tfplan >"$json_dir/$stack.plan.json"
done
npm run -s review -- --plans "$json_dir" --out "$bundle/summary.md"
rm -rf "$json_dir"
cat "$bundle/summary.md" >>"${GITHUB_STEP_SUMMARY:-/dev/null}"
# Providers are re-installed by the apply job from the lock file init wrote; keep the rest.
tar --exclude='.terraform' -C cdktf.out/stacks -cf "$bundle/stacks.tar" "$@"
printf '%s\n' "$@" >"$bundle/order.txt"
