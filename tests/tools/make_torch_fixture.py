#!/usr/bin/python3
"""Reference values from PyTorch for StaticNet's generated code.

Writes tests/StaticNet.Tests/Fixtures/torch_reference.json: for each network below (declared with
the same name in tests/StaticNet.Tests/Networks/TestNetworks.cs) its parameters in StaticNet's
layout, a sample's input, target, output, loss and gradients, then the losses and parameters of
three plain SGD steps (torch.optim.SGD) on three samples.

Needs Debian's python3-torch (apt-get install python3-torch); not run in CI: the JSON is committed.
Usage: /usr/bin/python3 tests/tools/make_torch_fixture.py
"""
import torch
from torch import nn

from fixture_common import flat, gradients_in_layout, parameters_in_layout, write

NETWORKS = [
    # name, input size, [(size, activation, alpha)], loss
    ("XorNet", 2, [(4, "Tanh", None), (1, "Sigmoid", None)], "MeanSquaredError"),
    ("DigitsNet", 64, [(32, "ReLU", None), (10, "Softmax", None)], "CrossEntropy"),
    ("MultiLabelNet", 5, [(3, "LeakyReLU", 0.1), (2, "Sigmoid", None)], "BinaryCrossEntropy"),
    ("DeepMseSoftmax", 17, [(9, "ELU", None), (8, "Identity", None), (33, "Tanh", None), (3, "Softmax", None)], "MeanSquaredError"),
    ("DeepBottleneck", 16, [(33, "LeakyReLU", 0.2), (1, "ELU", 0.5), (9, "Identity", None), (2, "Sigmoid", None)], "BinaryCrossEntropy"),
]
LEARNING_RATE = 0.1
STEPS = 3


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


def build(input_size, layers):
    modules, sizes = [], [input_size] + [size for size, _, _ in layers]
    for (size, act, alpha), fan_in in zip(layers, sizes):
        linear = nn.Linear(fan_in, size)
        with torch.no_grad():
            linear.bias.uniform_(-0.3, 0.3)  # non-zero biases, so their terms are checked too
        modules += [linear, activation(act, alpha)]
    return nn.Sequential(*modules)


def loss_of(model, loss, x, t):
    if loss == "CrossEntropy":
        logits = model[:-1](x)  # CrossEntropyLoss takes the logits and applies log-softmax itself
        return nn.CrossEntropyLoss()(logits.unsqueeze(0), t.unsqueeze(0))
    y = model(x)
    return (nn.MSELoss() if loss == "MeanSquaredError" else nn.BCELoss())(y, t)


def sample(generator, input_size, output_size, loss):
    x = torch.rand(input_size, generator=generator) * 2 - 1
    t = torch.rand(output_size, generator=generator)
    if loss == "CrossEntropy":
        t = t / t.sum()
    return x, t


def main():
    torch.manual_seed(2024)
    generator = torch.Generator().manual_seed(7)
    cases = []
    for name, input_size, layers, loss in NETWORKS:
        model = build(input_size, layers)
        output_size = layers[-1][0]
        samples = [sample(generator, input_size, output_size, loss) for _ in range(STEPS)]
        x, t = samples[0]

        case = {
            "name": name,
            "inputSize": input_size,
            "layers": [{"size": s, "activation": a, "alpha": al} for s, a, al in layers],
            "loss": loss,
            "learningRate": LEARNING_RATE,
            "parameters": parameters_in_layout(model),
            "input": flat([x]),
            "target": flat([t]),
            "output": flat([model(x)]),
        }
        model.zero_grad()
        value = loss_of(model, loss, x, t)
        value.backward()
        case["lossValue"] = float(value)
        case["gradients"] = gradients_in_layout(model)

        optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
        case["steps"] = []
        for sx, st in samples:
            optimizer.zero_grad()
            value = loss_of(model, loss, sx, st)
            value.backward()
            optimizer.step()
            case["steps"].append({"input": flat([sx]), "target": flat([st]), "lossBefore": float(value)})
        case["parametersAfterSteps"] = parameters_in_layout(model)
        cases.append(case)

    path = write("torch_reference.json", {"generatedBy": "tests/tools/make_torch_fixture.py", "torch": torch.__version__, "networks": cases})
    print(f"{len(cases)} networks -> {path}")


if __name__ == "__main__":
    main()
