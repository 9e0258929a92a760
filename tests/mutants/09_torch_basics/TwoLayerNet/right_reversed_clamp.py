# Output layer registered first, ReLU written as clamp(min=0).
class TwoLayerNet(nn.Module):
    def __init__(self, in_dim, hidden, out_dim):
        super().__init__()
        self.readout = nn.Linear(hidden, out_dim)
        self.hidden_layer = nn.Linear(in_dim, hidden)

    def forward(self, x):
        return self.readout(self.hidden_layer(x).clamp(min=0))
