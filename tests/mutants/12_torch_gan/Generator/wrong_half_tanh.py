# Scales the tanh by 0.5 "to be safe": outputs only reach (-0.5, 0.5), never the ink or the paper.
class Generator(nn.Module):
    def __init__(self, latent_dim=32):
        super().__init__()
        self.latent_dim = latent_dim
        self.net = nn.Sequential(
            nn.Linear(latent_dim, 128), nn.LeakyReLU(0.2),
            nn.Linear(128, 256), nn.LeakyReLU(0.2),
            nn.Linear(256, 64),
        )

    def forward(self, z):
        return 0.5 * torch.tanh(self.net(z)).view(-1, 1, 8, 8)
