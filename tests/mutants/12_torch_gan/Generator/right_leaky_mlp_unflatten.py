# An MLP without batch normalisation, leaky ReLUs, nn.Tanh and nn.Unflatten inside nn.Sequential.
class Generator(nn.Module):
    def __init__(self, latent_dim=32):
        super().__init__()
        self.latent_dim = latent_dim
        self.model = nn.Sequential(
            nn.Linear(latent_dim, 256), nn.LeakyReLU(0.2),
            nn.Linear(256, 64), nn.Tanh(), nn.Unflatten(1, (1, 8, 8)),
        )

    def forward(self, z):
        return self.model(z)
