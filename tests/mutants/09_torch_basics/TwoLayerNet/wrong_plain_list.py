# Keeps the layers in a plain Python list: nn.Module does not register them, parameters() is empty.
class TwoLayerNet(nn.Module):
    def __init__(self, in_dim, hidden, out_dim):
        super().__init__()
        self.layers = [nn.Linear(in_dim, hidden), nn.Linear(hidden, out_dim)]

    def forward(self, x):
        return self.layers[1](torch.relu(self.layers[0](x)))
