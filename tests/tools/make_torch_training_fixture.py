#!/usr/bin/python3
"""Training trajectories from PyTorch for StaticNet's Train: optimizers, schedules, clipping, L1/L2.

Writes tests/StaticNet.Tests/Fixtures/torch_training.json. For each case: a network (declared with
the same name in tests/StaticNet.Tests/Networks/TestNetworks.cs), its initial parameters in
StaticNet's layout, a small data set, the training options, and what torch produced: the mean
training loss of every epoch and the final parameters. Batches are taken in order (no shuffling),
the batch loss is the mean over its samples, schedulers step once per epoch.

Needs Debian's python3-torch; not run in CI: the JSON is committed.
Usage: /usr/bin/python3 tests/tools/make_torch_training_fixture.py
"""
import math

import torch
from torch import nn

from fixture_common import flat, parameters_in_layout, write

NETS = {
    "SmallClassifier": (4, [(8, nn.ReLU), (3, None)], "CrossEntropy"),
    "MultiLabelNet": (5, [(3, lambda: nn.LeakyReLU(0.1)), (2, nn.Sigmoid)], "BinaryCrossEntropy"),
    "SmallRegressor": (3, [(6, nn.Tanh), (2, None)], "MeanSquaredError"),
}

# name, net, options (StaticNet's names)
CASES = [
    ("sgd", "SmallClassifier", {"optimizer": "Sgd", "learningRate": 0.1}),
    ("sgd_minibatch", "SmallClassifier", {"optimizer": "Sgd", "learningRate": 0.1, "batchSize": 4}),
    ("sgd_stochastic", "SmallRegressor", {"optimizer": "Sgd", "learningRate": 0.05, "batchSize": 1}),
    ("momentum", "SmallClassifier", {"optimizer": "Sgd", "learningRate": 0.05, "momentum": 0.9, "dampening": 0.1, "weightDecay": 0.01, "batchSize": 4}),
    ("nesterov", "MultiLabelNet", {"optimizer": "Sgd", "learningRate": 0.05, "momentum": 0.9, "nesterov": True, "weightDecay": 0.001, "batchSize": 3}),
    ("adam", "SmallClassifier", {"optimizer": "Adam", "learningRate": 0.01, "batchSize": 4}),
    ("adam_l2", "SmallRegressor", {"optimizer": "Adam", "learningRate": 0.01, "weightDecay": 0.05, "beta1": 0.8, "beta2": 0.99, "epsilon": 1e-6}),
    ("adamw", "MultiLabelNet", {"optimizer": "AdamW", "learningRate": 0.02, "weightDecay": 0.1, "batchSize": 4}),
    ("step_decay_clip", "SmallClassifier", {"optimizer": "Sgd", "learningRate": 0.5, "schedule": {"kind": "StepDecay", "stepSize": 2, "gamma": 0.5}, "maxGradientNorm": 0.25, "batchSize": 4}),
    ("cosine", "SmallRegressor", {"optimizer": "Adam", "learningRate": 0.05, "schedule": {"kind": "Cosine", "epochs": 5, "minFactor": 0.1}, "batchSize": 5}),
    ("warmup", "MultiLabelNet", {"optimizer": "Sgd", "learningRate": 0.2, "momentum": 0.5, "schedule": {"kind": "Constant", "warmupEpochs": 3, "warmupStartFactor": 0.25}}),
    ("l1", "SmallRegressor", {"optimizer": "Sgd", "learningRate": 0.05, "l1": 0.01, "batchSize": 4}),
]
EPOCHS = 6
SAMPLES = 10


def build(input_size, layers):
    modules, fan_in = [], input_size
    for size, act in layers:
        modules.append(nn.Linear(fan_in, size))
        if act is not None:
            modules.append(act())
        fan_in = size
    return nn.Sequential(*modules)


def batch_loss(model, loss, x, t):
    out = model(x)
    if loss == "CrossEntropy":
        return nn.CrossEntropyLoss()(out, t)           # logits and probability (one-hot) targets
    if loss == "BinaryCrossEntropy":
        return nn.BCELoss()(out, t)
    return nn.MSELoss()(out, t)


def make_optimizer(model, o):
    lr = o["learningRate"]
    if o["optimizer"] == "Sgd":
        return torch.optim.SGD(model.parameters(), lr=lr, momentum=o.get("momentum", 0.0), dampening=o.get("dampening", 0.0),
                               nesterov=o.get("nesterov", False), weight_decay=o.get("weightDecay", 0.0))
    cls = torch.optim.Adam if o["optimizer"] == "Adam" else torch.optim.AdamW
    default_wd = 0.0 if o["optimizer"] == "Adam" else 0.01
    return cls(model.parameters(), lr=lr, betas=(o.get("beta1", 0.9), o.get("beta2", 0.999)), eps=o.get("epsilon", 1e-8),
               weight_decay=o.get("weightDecay", default_wd))


def lr_factor(schedule, epoch):
    """The closed forms of StepLR, CosineAnnealingLR and LinearLR (torch's own _get_closed_form_lr)."""
    factor = 1.0
    if schedule is None:
        return factor
    if schedule["kind"] == "StepDecay":
        factor = schedule["gamma"] ** (epoch // schedule["stepSize"])
    elif schedule["kind"] == "Cosine":
        m = schedule["minFactor"]
        factor = m + (1 - m) * (1 + math.cos(math.pi * epoch / schedule["epochs"])) / 2
    if "warmupEpochs" in schedule:
        w, s = schedule["warmupEpochs"], schedule["warmupStartFactor"]
        factor *= s + (1 - s) * min(epoch, w) / w
    return factor


def schedulers(optimizer, schedule):
    """The same schedules as torch.optim.lr_scheduler objects, to check lr_factor against torch itself."""
    if schedule is None:
        return []
    result = []
    if schedule["kind"] == "StepDecay":
        result.append(torch.optim.lr_scheduler.StepLR(optimizer, schedule["stepSize"], schedule["gamma"]))
    elif schedule["kind"] == "Cosine":
        base = optimizer.param_groups[0]["lr"]
        result.append(torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, schedule["epochs"], eta_min=base * schedule["minFactor"]))
    if "warmupEpochs" in schedule:
        result.append(torch.optim.lr_scheduler.LinearLR(optimizer, schedule["warmupStartFactor"], 1.0, schedule["warmupEpochs"]))
    return result


def main():
    torch.manual_seed(11)
    nets = {}
    for name, (input_size, layers, loss) in NETS.items():
        outputs = layers[-1][0]
        x = torch.rand(SAMPLES, input_size) * 2 - 1
        if loss == "CrossEntropy":
            labels = torch.randint(0, outputs, (SAMPLES,))
            t = nn.functional.one_hot(labels, outputs).float()
        else:
            labels = None
            t = torch.rand(SAMPLES, outputs) if loss == "BinaryCrossEntropy" else torch.rand(SAMPLES, outputs) * 2 - 1
        nets[name] = (build(input_size, layers), x, t, labels, loss)

    cases = []
    for case_name, net_name, options in CASES:
        template, x, t, labels, loss = nets[net_name]
        model = build(NETS[net_name][0], NETS[net_name][1])
        model.load_state_dict(template.state_dict())
        initial = parameters_in_layout(model)
        optimizer = make_optimizer(model, options)
        batch = options.get("batchSize", 0) or SAMPLES
        schedule = options.get("schedule")
        torch_schedulers = schedulers(optimizer, schedule)
        base_lr = options["learningRate"]
        losses = []
        for epoch in range(EPOCHS):
            expected_lr = base_lr * lr_factor(schedule, epoch)
            assert abs(optimizer.param_groups[0]["lr"] - expected_lr) < 1e-9 * max(1, expected_lr), (case_name, epoch)
            total = 0.0
            for start in range(0, SAMPLES, batch):
                xb, tb = x[start:start + batch], t[start:start + batch]
                optimizer.zero_grad()
                value = batch_loss(model, loss, xb, tb)
                objective = value
                if options.get("l1"):
                    objective = value + options["l1"] * sum(p.abs().sum() for p in model.parameters())
                objective.backward()
                if options.get("maxGradientNorm"):
                    nn.utils.clip_grad_norm_(model.parameters(), options["maxGradientNorm"])
                optimizer.step()
                total += float(value) * len(xb)
            losses.append(total / SAMPLES)
            for s in torch_schedulers:
                s.step()
        cases.append({
            "name": case_name, "network": net_name, "loss": loss, "epochs": EPOCHS, "options": options,
            "parameters": initial, "inputs": flat([x]), "targets": flat([t]),
            "labels": None if labels is None else [int(v) for v in labels],
            "epochLosses": losses, "finalParameters": parameters_in_layout(model),
        })

    path = write("torch_training.json", {"generatedBy": "tests/tools/make_torch_training_fixture.py", "torch": torch.__version__, "cases": cases})
    print(f"{len(cases)} cases -> {path}")


if __name__ == "__main__":
    main()
