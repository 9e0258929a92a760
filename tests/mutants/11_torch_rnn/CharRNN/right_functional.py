# Embeds with F.embedding on the embedding's weight, and reads out with F.linear: the same layers, called functionally.
class CharRNN(nn.Module):
    def __init__(self, vocab_size, embed_dim, hidden_dim, num_layers=1, cell="lstm"):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed_dim)
        if cell == "lstm":
            self.rnn = nn.LSTM(embed_dim, hidden_dim, num_layers=num_layers, batch_first=True)
        elif cell == "gru":
            self.rnn = nn.GRU(embed_dim, hidden_dim, num_layers=num_layers, batch_first=True)
        else:
            self.rnn = nn.RNN(embed_dim, hidden_dim, num_layers=num_layers, nonlinearity="tanh", batch_first=True)
        self.head = nn.Linear(hidden_dim, vocab_size)

    def forward(self, x, state=None):
        vectors = F.embedding(x, self.embed.weight)
        output, state = self.rnn(vectors, state) if state is not None else self.rnn(vectors)
        return F.linear(output, self.head.weight, self.head.bias), state
