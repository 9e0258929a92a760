# Reads out only the last time step: logits (N, V) instead of one row of logits per position.
class CharRNN(nn.Module):
    def __init__(self, vocab_size, embed_dim, hidden_dim, num_layers=1, cell="lstm"):
        super().__init__()
        recurrent = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}[cell]
        self.embed = nn.Embedding(vocab_size, embed_dim)
        self.rnn = recurrent(embed_dim, hidden_dim, num_layers=num_layers, batch_first=True)
        self.head = nn.Linear(hidden_dim, vocab_size)

    def forward(self, x, state=None):
        output, state = self.rnn(self.embed(x), state)
        return self.head(output[:, -1]), state
