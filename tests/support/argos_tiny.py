"""Build a tiny but real argos package: a sentencepiece model and a CTranslate2 transformer.

The transformer is written with CTranslate2's spec API from seeded numpy weights, so the
package is deterministic; the output layer leans towards `</s>` so translations stay short.
Used by the translation tests and by `bench/translate.py`; needs no network.
"""

from __future__ import annotations

import functools
import json
import zipfile
from pathlib import Path

import numpy as np

TRAINING_TEXT = """\
The quick brown fox jumps over the lazy dog.
A reading mode shows the article and hides the menus.
Offline translation keeps every word on your own machine.
The museum opens at nine and closes late on Fridays.
Rain is expected in the north, with sunny spells in the south.
Scientists found water ice near the south pole of the moon.
She read the report twice before she wrote her answer.
Links stay numbered so you can follow them after translation.
Trains were delayed this morning because of a signal fault.
The city council voted to plant a thousand new trees.
Please read the whole article before you comment.
Our team tested the new bridge with heavy trucks.
"""


def train_sentencepiece(workdir: Path, vocab_size: int = 96) -> Path:
    """Train a small sentencepiece model on TRAINING_TEXT; returns the .model path."""
    import sentencepiece as spm

    workdir.mkdir(parents=True, exist_ok=True)
    corpus = workdir / "corpus.txt"
    corpus.write_text(TRAINING_TEXT * 4, encoding="utf-8")
    prefix = workdir / "sentencepiece"
    spm.SentencePieceTrainer.train(
        input=str(corpus),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        num_threads=1,
        minloglevel=2,
    )
    return prefix.with_suffix(".model")


def _fill_linear(spec, rng: np.random.Generator, out_dim: int, in_dim: int) -> None:
    spec.weight = (rng.standard_normal((out_dim, in_dim)) / np.sqrt(in_dim)).astype(np.float32)
    spec.bias = np.zeros(out_dim, dtype=np.float32)


def _fill_norm(spec, dim: int) -> None:
    spec.gamma = np.ones(dim, dtype=np.float32)
    spec.beta = np.zeros(dim, dtype=np.float32)


def write_transformer(
    model_dir: Path,
    vocabulary: list[str],
    *,
    d_model: int = 16,
    layers: int = 1,
    heads: int = 2,
    ffn: int = 32,
    seed: int = 0,
    eos_bias: float = 1.3,
) -> Path:
    """Write a pre-norm transformer with deterministic random weights to `model_dir`."""
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    spec = transformer_spec.TransformerSpec.from_config(layers, heads)
    vocab = len(vocabulary)
    d = d_model

    def embeddings() -> np.ndarray:
        return (rng.standard_normal((vocab, d)) / np.sqrt(d)).astype(np.float32)

    spec.encoder.embeddings[0].weight = embeddings()
    _fill_norm(spec.encoder.layer_norm, d)
    for layer in spec.encoder.layer:
        _fill_norm(layer.self_attention.layer_norm, d)
        _fill_linear(layer.self_attention.linear[0], rng, 3 * d, d)
        _fill_linear(layer.self_attention.linear[1], rng, d, d)
        _fill_norm(layer.ffn.layer_norm, d)
        _fill_linear(layer.ffn.linear_0, rng, ffn, d)
        _fill_linear(layer.ffn.linear_1, rng, d, ffn)

    spec.decoder.embeddings.weight = embeddings()
    _fill_norm(spec.decoder.layer_norm, d)
    for layer in spec.decoder.layer:
        _fill_norm(layer.self_attention.layer_norm, d)
        _fill_linear(layer.self_attention.linear[0], rng, 3 * d, d)
        _fill_linear(layer.self_attention.linear[1], rng, d, d)
        _fill_norm(layer.attention.layer_norm, d)
        _fill_linear(layer.attention.linear[0], rng, d, d)
        _fill_linear(layer.attention.linear[1], rng, 2 * d, d)
        _fill_linear(layer.attention.linear[2], rng, d, d)
        _fill_norm(layer.ffn.layer_norm, d)
        _fill_linear(layer.ffn.linear_0, rng, ffn, d)
        _fill_linear(layer.ffn.linear_1, rng, d, ffn)
    _fill_linear(spec.decoder.projection, rng, vocab, d)
    # Never emit <unk> or <s>; lean towards </s> so every output ends after a few tokens.
    bias = spec.decoder.projection.bias
    bias[vocabulary.index("<unk>")] = -1e4
    bias[vocabulary.index("<s>")] = -1e4
    bias[vocabulary.index("</s>")] = eos_bias

    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    model_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(model_dir))
    return model_dir


def build_package(
    workdir: Path,
    *,
    from_code: str = "en",
    to_code: str = "xx",
    version: str = "1.0",
    seed: int = 0,
    d_model: int = 16,
    layers: int = 1,
    ffn: int = 32,
) -> Path:
    """Build `translate-FROM_TO-VERSION.argosmodel` in `workdir` and return its path."""
    import sentencepiece as spm

    name = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    root = workdir / name
    root.mkdir(parents=True, exist_ok=True)
    sp_model = train_sentencepiece(workdir / "spm")
    (root / "sentencepiece.model").write_bytes(sp_model.read_bytes())
    processor = spm.SentencePieceProcessor(model_file=str(sp_model))
    vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    write_transformer(
        root / "model", vocabulary, d_model=d_model, layers=layers, ffn=ffn, seed=seed
    )
    metadata = {
        "package_version": version,
        "argos_version": "1.12",
        "from_code": from_code,
        "from_name": f"Test {from_code}",
        "to_code": to_code,
        "to_name": f"Test {to_code}",
        "type": "translate",
    }
    (root / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
    (root / "README.md").write_text("A tiny test package with random weights.\n")
    archive = workdir / f"{name}.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipf:
        for path in sorted(root.rglob("*")):
            zipf.write(path, path.relative_to(workdir).as_posix())
    return archive


_BUILT: dict[tuple, Path] = {}


def cached_package(from_code: str = "en", to_code: str = "xx", seed: int = 0) -> Path:
    """`build_package` once per process (in a temporary directory removed at exit)."""
    import atexit
    import shutil
    import tempfile

    key = (from_code, to_code, seed)
    if key not in _BUILT:
        workdir = Path(tempfile.mkdtemp(prefix="reader-argos-"))
        atexit.register(shutil.rmtree, workdir, True)
        _BUILT[key] = build_package(workdir, from_code=from_code, to_code=to_code, seed=seed)
    return _BUILT[key]


def reference_translation(package_dir: Path, sentences: list[str]) -> str:
    """What CTranslate2 itself gives for `sentences` with this package's model: each sentence
    tokenised with sentencepiece, translated (beam 4, length penalty 0.2, output capped at
    the smallest of 32/64/128/256 tokens that is >= 2n + 16), hypotheses joined and decoded."""
    processor, translator = _load(str(package_dir))
    pieces: list[str] = []
    for sentence in sentences:
        tokens = processor.encode(sentence, out_type=str)
        limit = next(b for b in (32, 64, 128, 256) if b >= 2 * len(tokens) + 16 or b == 256)
        result = translator.translate_batch(
            [tokens],
            beam_size=4,
            length_penalty=0.2,
            replace_unknowns=True,
            max_decoding_length=limit,
        )
        pieces.extend(result[0].hypotheses[0])
    return " ".join(processor.decode_pieces(pieces).split())


@functools.cache
def _load(package_dir: str):
    import ctranslate2
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_file=f"{package_dir}/sentencepiece.model")
    return processor, ctranslate2.Translator(f"{package_dir}/model", device="cpu")


def isolated_env(root: Path) -> dict[str, str]:
    """Environment variables that keep reader and argostranslate inside `root`."""
    return {
        "XDG_DATA_HOME": str(root / "data"),
        "XDG_CACHE_HOME": str(root / "cache"),
        "XDG_CONFIG_HOME": str(root / "config"),
        "ARGOS_PACKAGES_DIR": str(root / "argos-packages"),
        "HOME": str(root / "home"),
    }
