"""Static token vectors from MiniLM (model2vec's idea): each vocabulary token through the model alone,
its own output vector kept: static_vocab.npy in $WORK."""
import os, numpy as np, embed as E
V = E.WE.shape[0]
out = np.zeros((V, 384), np.float32)
bs = 512
for s in range(0, V, bs):
    ids = np.arange(s, min(V, s + bs))
    n = len(ids)
    x_ids = np.stack([np.full(n, 101), ids, np.full(n, 102)], 1)
    x = E.WE[x_ids] + E.PE[:3][None] + E.TE[0][None, None]
    x = E.ln(x, E.EG, E.EB)
    B, H, D = n, 12, 32
    for l in E.L:
        q = (x @ l["attention.self.query.weight"].T + l["attention.self.query.bias"]).reshape(B, 3, H, D).transpose(0, 2, 1, 3)
        k = (x @ l["attention.self.key.weight"].T + l["attention.self.key.bias"]).reshape(B, 3, H, D).transpose(0, 2, 1, 3)
        v = (x @ l["attention.self.value.weight"].T + l["attention.self.value.bias"]).reshape(B, 3, H, D).transpose(0, 2, 1, 3)
        a = q @ k.transpose(0, 1, 3, 2) / np.sqrt(D)
        a = np.exp(a - a.max(-1, keepdims=True)); a /= a.sum(-1, keepdims=True)
        c = (a @ v).transpose(0, 2, 1, 3).reshape(B, 3, H * D)
        x = E.ln(x + c @ l["attention.output.dense.weight"].T + l["attention.output.dense.bias"], l["attention.output.LayerNorm.weight"], l["attention.output.LayerNorm.bias"])
        h = E.gelu(x @ l["intermediate.dense.weight"].T + l["intermediate.dense.bias"])
        x = E.ln(x + h @ l["output.dense.weight"].T + l["output.dense.bias"], l["output.LayerNorm.weight"], l["output.LayerNorm.bias"])
    out[ids] = x[:, 1]  # the token's own output vector
np.save(os.environ.get('WORK', '/tmp/commentdesk-lm') + '/static_vocab.npy', out)
print(V)
