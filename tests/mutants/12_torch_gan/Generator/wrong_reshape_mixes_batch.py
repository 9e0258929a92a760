# Transposes before reshaping: the shape is right but each image is made of pixels of several samples.
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
        return self.net(z).t().reshape(-1, 1, 8, 8)
