# Right: an nn.ModuleList of conv blocks with batch normalisation, nn.Flatten and a linear head.
class ConvNet(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.blocks = nn.ModuleList([
            nn.Sequential(nn.Conv2d(c_in, c_out, 3, padding=1), nn.BatchNorm2d(c_out), nn.ReLU(), nn.MaxPool2d(2))
            for c_in, c_out in [(1, 32), (32, 64)]
        ])
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(64 * 2 * 2, num_classes))

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return self.head(x)
