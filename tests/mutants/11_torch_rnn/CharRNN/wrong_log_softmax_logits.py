# Applies log_softmax to the logits: log-probabilities instead of raw scores (they differ by a constant per position).
class CharRNN(nn.Module):
    def __init__(self, vocab_size, embed_dim, hidden_dim, num_layers=1, cell="lstm"):
        super().__init__()
        recurrent = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}[cell]
        self.embed = nn.Embedding(vocab_size, embed_dim)
        self.rnn = recurrent(embed_dim, hidden_dim, num_layers=num_layers, batch_first=True)
        self.head = nn.Linear(hidden_dim, vocab_size)

    def forward(self, x, state=None):
        output, state = self.rnn(self.embed(x), state)
        return F.log_softmax(self.head(output), dim=-1), state
