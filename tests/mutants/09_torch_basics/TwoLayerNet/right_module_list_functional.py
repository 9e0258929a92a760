# An nn.ModuleList, F.relu, and an explicit loop.
class TwoLayerNet(nn.Module):
    def __init__(self, in_dim, hidden, out_dim):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(in_dim, hidden), nn.Linear(hidden, out_dim)])

    def forward(self, x):
        for index, layer in enumerate(self.layers):
            x = layer(x)
            if index == 0:
                x = F.relu(x)
        return x
