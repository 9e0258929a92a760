# A small convolutional discriminator: two strided convolutions, then a linear layer, .view(-1).
class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, kernel_size=4, stride=2, padding=1), nn.LeakyReLU(0.2),
            nn.Conv2d(32, 64, kernel_size=4, stride=2, padding=1), nn.LeakyReLU(0.2),
        )
        self.head = nn.Linear(64 * 2 * 2, 1)

    def forward(self, x):
        return self.head(self.features(x).flatten(start_dim=1)).view(-1)
