#!/usr/bin/env bash
# Time and peak memory of `cdk synth` for generated team configurations of 10, 100 and 200 models (see
# team-config.py), each synthesized in a scratch folder that links to this repository's build. Run from anywhere
# after `mvn -q package -DskipTests`; prints one line per size.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
for models in ${SIZES:-10 100 200}; do
    scratch="$(mktemp -d)"
    ln -s "$repo/pom.xml" "$repo/function" "$repo/infra" "$scratch/"
    python3 - "$repo/cdk.json" "$models" "$repo/benchmark/synth/team-config.py" > "$scratch/cdk.json" <<'PY'
import json, subprocess, sys
cdk = json.load(open(sys.argv[1]))
cdk["context"].update(json.loads(subprocess.check_output([sys.executable, sys.argv[3], sys.argv[2]])))
json.dump(cdk, sys.stdout)
PY
    (cd "$scratch" && /usr/bin/time -v npx -y aws-cdk@2.1148.1 synth --quiet > "$scratch/synth.log" 2> "$scratch/time.log") \
        || { tail -20 "$scratch/synth.log" "$scratch/time.log"; exit 1; }
    wall=$(grep 'Elapsed (wall clock)' "$scratch/time.log" | awk '{print $NF}')
    rss=$(grep 'Maximum resident set size' "$scratch/time.log" | awk '{print $NF}')
    sizes=$(for t in "$scratch"/cdk.out/*.template.json; do printf '%s ' "$(stat -c %s "$t")"; done)
    echo "models=$models wall=$wall max_rss_kb=$rss template_bytes=[$sizes]"
    rm -rf "$scratch"
done
