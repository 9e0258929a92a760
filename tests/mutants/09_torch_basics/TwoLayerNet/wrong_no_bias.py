# Linear layers without biases.
class TwoLayerNet(nn.Module):
    def __init__(self, in_dim, hidden, out_dim):
        super().__init__()
        self.fc1 = nn.Linear(in_dim, hidden, bias=False)
        self.fc2 = nn.Linear(hidden, out_dim, bias=False)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))
