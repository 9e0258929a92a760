# Detaches the hidden layer (e.g. to print it): no gradient reaches the first layer.
class TwoLayerNet(nn.Module):
    def __init__(self, in_dim, hidden, out_dim):
        super().__init__()
        self.fc1 = nn.Linear(in_dim, hidden)
        self.fc2 = nn.Linear(hidden, out_dim)

    def forward(self, x):
        h = torch.relu(self.fc1(x)).detach()
        return self.fc2(h)
