# A final sigmoid: outputs in (0, 1), the range of the raw digits, not of the scaled ones.
class Generator(nn.Module):
    def __init__(self, latent_dim=32):
        super().__init__()
        self.latent_dim = latent_dim
        self.net = nn.Sequential(
            nn.Linear(latent_dim, 128), nn.BatchNorm1d(128), nn.ReLU(),
            nn.Linear(128, 256), nn.BatchNorm1d(256), nn.ReLU(),
            nn.Linear(256, 64), nn.Sigmoid(),
        )

    def forward(self, z):
        return self.net(z).view(-1, 1, 8, 8)
