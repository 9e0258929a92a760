# A small DCGAN: linear to (64, 2, 2), two transposed convolutions up to (1, 8, 8), tanh.
class Generator(nn.Module):
    def __init__(self, latent_dim=32):
        super().__init__()
        self.latent_dim = latent_dim
        self.project = nn.Linear(latent_dim, 64 * 2 * 2)
        self.up = nn.Sequential(
            nn.BatchNorm2d(64), nn.ReLU(),
            nn.ConvTranspose2d(64, 32, kernel_size=4, stride=2, padding=1), nn.BatchNorm2d(32), nn.ReLU(),
            nn.ConvTranspose2d(32, 1, kernel_size=4, stride=2, padding=1), nn.Tanh(),
        )

    def forward(self, z):
        return self.up(self.project(z).view(-1, 64, 2, 2))
