#!/usr/bin/env bash
# Encrypts (seal) or decrypts (open) a plan bundle with the PLAN_ARTIFACT_KEY secret. Saved plans
# contain sensitive values (the OnCall integration URL, parameters) in clear, and workflow
# artifacts are readable by anyone who can read the repository.
#
#   seal.sh seal <bundle-dir> <file.enc>     seal.sh open <file.enc> <bundle-dir>
set -euo pipefail
: "${PLAN_ARTIFACT_KEY:?set the PLAN_ARTIFACT_KEY repository secret (e.g. openssl rand -base64 48)}"
enc=(openssl enc -aes-256-cbc -pbkdf2 -iter 200000 -salt -pass env:PLAN_ARTIFACT_KEY)
case "$1" in
  seal) tar -C "$2" -cf - . | "${enc[@]}" -out "$3" ;;
  open) mkdir -p "$3" && "${enc[@]}" -d -in "$2" | tar -C "$3" -xf - ;;
  *) echo "seal.sh: seal|open" >&2; exit 2 ;;
esac
