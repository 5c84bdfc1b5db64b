#!/usr/bin/python3
"""safetensors files written from PyTorch state_dicts, with PyTorch's outputs, for StaticNet's LoadSafetensors.

Writes tests/StaticNet.Tests/Fixtures/safetensors/<case>.safetensors for each case below (the network of
the same name is declared in tests/StaticNet.Tests/Networks/TestNetworks.cs) and
tests/StaticNet.Tests/Fixtures/safetensors_fixture.json with, per case, the parameters in StaticNet's
layout as float32 (after the dtype's rounding), fixed inputs and PyTorch's outputs on them.

The cases cover activation modules between the Linear layers, nn.Identity modules (so the Linear layers
sit at indices 0, 2, 4, 6 where StaticNet itself would write 0, 2, 4, 5), names behind a prefix
("model.0.weight", "net.layers.0.weight", from real wrapper modules), and F16, BF16 and F64 tensors.

The safetensors package is not available here, so the format is written from the state_dict as the
safetensors library writes it: 8 bytes of little-endian header length, a compact JSON header padded with
spaces to a multiple of 8, then the tensors, little-endian, sorted by name (as safetensors sorts them;
the header lists them in state_dict order, so header order, data order and layer order all differ).

--check goes the other way: it reads the files StaticNet's SaveSafetensors wrote from these parameters
(Fixtures/safetensors/<case>.staticnet.safetensors, compared byte for byte by the C# tests) with the
checks safetensors.torch.load_file makes, loads them with load_state_dict(strict=True) into the
nn.Sequential that StaticNet's names describe, and compares its outputs with the recorded ones.

Needs Debian's python3-torch (apt-get install python3-torch); not run in CI: the files are committed.
Usage: /usr/bin/python3 tests/tools/make_safetensors_fixture.py [--check]
"""
import json
import os
import struct
import sys

import torch
from torch import nn

from fixture_common import FIXTURES, flat, write

DIRECTORY = os.path.join(FIXTURES, "safetensors")
BATCH = 4

CASES = [
    # file stem, network, input size, [(size, activation, alpha)], name prefix, dtype
    ("deep_softmax_f32", "DeepSoftmax", 7, [(9, "ReLU", None), (8, "Tanh", None), (17, "Sigmoid", None), (3, "Softmax", None)], "", "F32"),
    ("deep_bottleneck_identity_f32", "DeepBottleneck", 16, [(33, "LeakyReLU", 0.2), (1, "ELU", 0.5), (9, "Identity", None), (2, "Sigmoid", None)], "", "F32"),
    ("digits_prefixed_f32", "DigitsNet", 64, [(32, "ReLU", None), (10, "Softmax", None)], "model.", "F32"),
    ("multilabel_f16", "MultiLabelNet", 5, [(3, "LeakyReLU", 0.1), (2, "Sigmoid", None)], "", "F16"),
    ("deep_regression_prefixed_bf16", "DeepRegression", 33, [(16, "ELU", None), (17, "LeakyReLU", None), (7, "ReLU", None), (1, "Identity", None)], "net.layers.", "BF16"),
    ("deep_mse_softmax_f64", "DeepMseSoftmax", 17, [(9, "ELU", None), (8, "Identity", None), (33, "Tanh", None), (3, "Softmax", None)], "", "F64"),
]

DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16, "F64": torch.float64}
SIZES = {"F32": 4, "F16": 2, "BF16": 2, "F64": 8}


def activation(name, alpha):
    return {
        "Identity": lambda: nn.Identity(),
        "Sigmoid": lambda: nn.Sigmoid(),
        "Tanh": lambda: nn.Tanh(),
        "ReLU": lambda: nn.ReLU(),
        "LeakyReLU": lambda: nn.LeakyReLU(0.01 if alpha is None else alpha),
        "ELU": lambda: nn.ELU(1.0 if alpha is None else alpha),
        "Softmax": lambda: nn.Softmax(dim=-1),
    }[name]()


def sequential(input_size, layers, identity_modules):
    """nn.Sequential of Linear and activation modules; Identity layers get a module only when asked (PyTorch users' way)."""
    modules, sizes = [], [input_size] + [size for size, _, _ in layers]
    for (size, act, alpha), fan_in in zip(layers, sizes):
        modules.append(nn.Linear(fan_in, size))
        if act != "Identity" or identity_modules:
            modules.append(activation(act, alpha))
    return nn.Sequential(*modules)


def wrapped(model, prefix):
    """The model inside wrapper modules, one per prefix part, so that state_dict() names it "<prefix>0.weight"."""
    for part in reversed([p for p in prefix.split(".") if p]):
        outer = nn.Module()
        outer.add_module(part, model)
        model = outer
    return model


def linear_layers(model):
    return [m for m in model if isinstance(m, nn.Linear)]


def parameters_in_layout(model):
    return flat(p for m in linear_layers(model) for p in (m.weight, m.bias))


def write_safetensors(path, state, dtype_name):
    """The safetensors layout: header length, JSON header (state_dict order), data sorted by name as safetensors does."""
    tensors = {name: t.detach().to(DTYPES[dtype_name]).contiguous() for name, t in state.items()}
    data, offsets = bytearray(), {}
    for name in sorted(tensors):
        raw = tensors[name].reshape(-1).view(torch.uint8).numpy().tobytes()   # the host's byte order: little-endian (checked below)
        offsets[name] = (len(data), len(data) + len(raw))
        data += raw
    header = {"__metadata__": {"format": "pt"}}
    for name, tensor in tensors.items():
        header[name] = {"dtype": dtype_name, "shape": list(tensor.shape), "data_offsets": list(offsets[name])}
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + bytes(data))


def read_safetensors(path):
    """What safetensors.torch.load_file returns, with the checks it makes: header bounds, offsets tiling the data exactly."""
    with open(path, "rb") as f:
        blob = f.read()
    (length,) = struct.unpack_from("<Q", blob)
    assert 8 + length <= len(blob) and length <= 100_000_000, "header length out of bounds"
    header = json.loads(blob[8:8 + length].decode("utf-8"))
    assert blob[8] == ord("{"), "header does not start with '{'"
    header.pop("__metadata__", None)
    data = blob[8 + length:]
    dtypes = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16, "F64": torch.float64}
    end, state = 0, {}
    for name, info in sorted(header.items(), key=lambda item: item[1]["data_offsets"][0]):
        begin, stop = info["data_offsets"]
        assert begin == end, f"{name}: data has a gap or overlap"
        count = 1
        for dim in info["shape"]:
            count *= dim
        assert stop - begin == count * SIZES[info["dtype"]], f"{name}: offsets do not match shape and dtype"
        state[name] = torch.frombuffer(bytearray(data[begin:stop]), dtype=dtypes[info["dtype"]]).reshape(info["shape"]).clone()
        end = stop
    assert end == len(data), "data is longer than its tensors"
    return state


def make():
    os.makedirs(DIRECTORY, exist_ok=True)
    torch.manual_seed(14)
    generator = torch.Generator().manual_seed(1414)
    cases = []
    for stem, network, input_size, layers, prefix, dtype_name in CASES:
        model = sequential(input_size, layers, identity_modules=True)
        with torch.no_grad():
            for linear in linear_layers(model):
                linear.bias.uniform_(-0.3, 0.3)   # non-zero biases, so that their placement is checked too
        state = wrapped(model, prefix).state_dict()
        if dtype_name == "F64":
            # Digits float32 cannot hold, so that the conversion (round to nearest, as .float() does) is tested.
            state = {k: v.double() + torch.rand(v.shape, generator=generator, dtype=torch.float64) * 2e-8 for k, v in state.items()}
        write_safetensors(os.path.join(DIRECTORY, stem + ".safetensors"), state, dtype_name)

        # PyTorch's outputs from the values as StaticNet holds them: the file's tensors converted to float32.
        as_float = {k[len(prefix):]: v.to(DTYPES[dtype_name]).float() for k, v in state.items()}
        model.load_state_dict(as_float, strict=True)
        x = torch.rand(BATCH, input_size, generator=generator) * 4 - 2
        with torch.no_grad():
            y = model(x)
        cases.append({
            "file": stem + ".safetensors",
            "network": network,
            "prefix": prefix,
            "dtype": dtype_name,
            "linearIndices": [i for i, m in enumerate(model) if isinstance(m, nn.Linear)],
            "parameters": parameters_in_layout(model),
            "inputs": flat([x]),
            "outputs": flat([y]),
        })
    path = write("safetensors_fixture.json", {"generatedBy": "tests/tools/make_safetensors_fixture.py", "torch": torch.__version__, "batch": BATCH, "cases": cases})
    print(f"{len(cases)} safetensors files -> {os.path.normpath(DIRECTORY)}, outputs -> {path}")


def check():
    with open(os.path.join(FIXTURES, "safetensors_fixture.json"), encoding="utf-8") as f:
        cases = {c["file"]: c for c in json.load(f)["cases"]}
    layers_of = {stem + ".safetensors": (input_size, layers) for stem, _, input_size, layers, _, _ in CASES}
    checked = 0
    for file, case in cases.items():
        path = os.path.join(DIRECTORY, file.replace(".safetensors", ".staticnet.safetensors"))
        input_size, layers = layers_of[file]
        model = sequential(input_size, layers, identity_modules=False)   # the names StaticNet writes
        model.load_state_dict(read_safetensors(path), strict=True)
        x = torch.tensor(case["inputs"]).reshape(BATCH, input_size)
        with torch.no_grad():
            y = model(x)
        difference = (y.reshape(-1) - torch.tensor(case["outputs"])).abs().max().item()
        assert difference <= 1e-6, f"{path}: outputs differ by {difference}"
        print(f"ok  {os.path.basename(path)}: load_state_dict(strict=True), outputs within {difference:.1e}")
        checked += 1
    print(f"{checked} files written by StaticNet load in PyTorch {torch.__version__}")


if __name__ == "__main__":
    assert sys.byteorder == "little", "tensors are written in the host's byte order; safetensors is little-endian"
    check() if "--check" in sys.argv[1:] else make()
