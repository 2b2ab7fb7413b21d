"""A small convolutional policy net over tourney's dlshogi planes (random
weights), shared by the PyTorch test, the example and the benchmark."""

import torch
from torch import nn

import tourney

PLANES, ACTIONS = tourney.layout_shape("dlshogi")  # 119, 2187 = 27 directions x 81 squares


class PolicyNet(nn.Module):
    def __init__(self, channels=32, blocks=2):
        super().__init__()
        layers = [nn.Conv2d(PLANES, channels, 3, padding=1), nn.ReLU()]
        for _ in range(blocks):
            layers += [nn.Conv2d(channels, channels, 3, padding=1), nn.ReLU()]
        self.body = nn.Sequential(*layers)
        self.head = nn.Conv2d(channels, ACTIONS // 81, 1)

    def forward(self, x):
        return self.head(self.body(x)).flatten(1)  # [n, 2187] logits


def batched_policy(net):
    """A tourney batched policy: masked argmax of the net's logits."""

    def policy(batch):
        with torch.no_grad():
            logits = net(torch.from_numpy(batch.inputs))
            logits.masked_fill_(~torch.from_numpy(batch.legal_mask), float("-inf"))
            return logits.argmax(1).numpy()

    return policy


def per_position_policy(net):
    """The same net asked one position at a time (for comparison)."""

    def policy(request):
        x, mask = tourney.encode_positions([request.sfen])
        with torch.no_grad():
            logits = net(torch.from_numpy(x))
            logits.masked_fill_(~torch.from_numpy(mask), float("-inf"))
            return tourney.action_to_move(request.sfen, int(logits.argmax(1)[0]))

    return policy


def training_step(net, optimiser, batch_size=16):
    """One SGD step on random positions' legal-move targets (a toy objective:
    put the probability on legal moves)."""
    x = torch.rand(batch_size, PLANES, 9, 9)
    target = torch.randint(0, ACTIONS, (batch_size,))
    loss = nn.functional.cross_entropy(net(x), target)
    optimiser.zero_grad()
    loss.backward()
    optimiser.step()
    return float(loss)
