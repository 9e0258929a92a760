# Layers kept in an nn.ModuleDict, created in another order, the class looked up by name.
class CharRNN(nn.Module):
    def __init__(self, vocab_size, embed_dim, hidden_dim, num_layers=1, cell="lstm"):
        super().__init__()
        if cell not in ("lstm", "gru", "rnn"):
            raise ValueError(f"unknown cell {cell!r}")
        self.layers = nn.ModuleDict({
            "out": nn.Linear(hidden_dim, vocab_size),
            "rec": getattr(nn, cell.upper())(embed_dim, hidden_dim, num_layers, batch_first=True),
            "emb": nn.Embedding(vocab_size, embed_dim),
        })
        self.num_layers = num_layers

    def forward(self, x, state=None):
        vectors = self.layers["emb"](x)
        hidden, new_state = self.layers["rec"](vectors, state)
        logits = self.layers["out"](hidden)
        return logits, new_state
