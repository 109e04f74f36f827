#!/usr/bin/env bash
# Train, assemble and evaluate the shipped Italian pipeline, from the data to tui/models/it_personae.
#
#   bash training/run_all.sh [DATA_DIR]        (default: ../shared/data beside the repository)
#
# Environment: NER_TRAIN=corpus/ner_train_silver (KIND + WikiNEuRal, the default) or corpus/ner_train (KIND only);
# NER_STEPS, UD_STEPS cap the steps (defaults: the configs' max_steps). One core each: the two
# trainings run one after the other unless PARALLEL=1.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
data="${1:-$root/../shared/data}"
cd "$here"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
ner_train="${NER_TRAIN:-corpus/ner_train_silver}"
ner_steps=()
ud_steps=()
[ -n "${NER_STEPS:-}" ] && ner_steps=(--training.max_steps "$NER_STEPS")
[ -n "${UD_STEPS:-}" ] && ud_steps=(--training.max_steps "$UD_STEPS")

python convert.py "$data" corpus
if [ "${PARALLEL:-0}" = 1 ]; then
    python -m spacy train configs/ud.cfg -o runs/ud "${ud_steps[@]}" > runs-ud.log 2>&1 &
    python -m spacy train configs/ner.cfg -o runs/ner --paths.train "$ner_train" "${ner_steps[@]}"
    wait
else
    python -m spacy train configs/ud.cfg -o runs/ud "${ud_steps[@]}"
    python -m spacy train configs/ner.cfg -o runs/ner --paths.train "$ner_train" "${ner_steps[@]}"
fi
out="$root/tui/models/it_personae"
rm -rf "$out.new"
python assemble.py runs/ud/model-best runs/ner/model-best "$out.new" --gazetteer "$data/gazetteers/it-ORG-wikipedia.txt"
python evaluate.py --model "$out.new" --data "$data" --json scores.json
python assemble.py runs/ud/model-best runs/ner/model-best "$out.new" --scores scores.json --gazetteer "$data/gazetteers/it-ORG-wikipedia.txt"
rm -rf "$out.old"; [ -d "$out" ] && mv "$out" "$out.old"
mv "$out.new" "$out" && rm -rf "$out.old"
echo "shipped pipeline: $out"
