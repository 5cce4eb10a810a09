"""Embeds the threat corpus and the datasets' rows (the dumps in $WORK) with MiniLM; writes
threats_emb.npy, flag_emb.npy and dsfine_emb.npy (the training part's fine comments) to $WORK."""
import csv, os, numpy as np
from embed import embed
W = os.environ.get("WORK", "/tmp/commentdesk-lm")
csv.field_size_limit(10**9)
read = lambda f: list(csv.reader(open(f"{W}/{f}"), delimiter='\t', quoting=csv.QUOTE_NONE))[1:]
threats, flags = read("threats.tsv"), read("flagging.tsv")
np.save(f"{W}/threats_emb.npy", embed([r[4] for r in threats]))
E = embed([r[7] for r in flags])
np.save(f"{W}/flag_emb.npy", E)
np.save(f"{W}/dsfine_emb.npy", E[[i for i, r in enumerate(flags) if r[2] == '0' and int(r[1]) < 7]])
