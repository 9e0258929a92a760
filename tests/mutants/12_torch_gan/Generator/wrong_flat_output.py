# Returns the 64 pixels flat, (N, 64), instead of images (N, 1, 8, 8).
class Generator(nn.Module):
    def __init__(self, latent_dim=32):
        super().__init__()
        self.latent_dim = latent_dim
        self.net = nn.Sequential(
            nn.Linear(latent_dim, 128), nn.BatchNorm1d(128), nn.ReLU(),
            nn.Linear(128, 256), nn.BatchNorm1d(256), nn.ReLU(),
            nn.Linear(256, 64), nn.Tanh(),
        )

    def forward(self, z):
        return self.net(z)
