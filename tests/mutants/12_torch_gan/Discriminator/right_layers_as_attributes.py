# Layers as attributes, functional leaky ReLU and dropout, flatten(1) and [:, 0].
class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(64, 128)
        self.fc2 = nn.Linear(128, 1)
        self.dropout = nn.Dropout(0.1)

    def forward(self, x):
        h = F.leaky_relu(self.fc1(x.flatten(1)), 0.2)
        return self.fc2(self.dropout(h))[:, 0]
